"""Facts about the project read from its one configuration, ``mkdocs.yml``.

The language list lives in ``mkdocs.yml`` only (``plugins: - i18n: languages:``); everything else reads
it from here. ``mkdocs.utils.yaml.yaml_load`` understands the ``!ENV`` and ``!!python/...`` tags that
``yaml.safe_load`` rejects.
"""
from __future__ import annotations

import dataclasses
import functools
import os
import re
import stat
from pathlib import Path

import yaml
from mkdocs.utils.yaml import get_yaml_loader

ROOT = Path(__file__).resolve().parents[2]


class ConfigError(Exception):
    """``mkdocs.yml`` cannot tell what the project needs; the message says what to write instead."""


@dataclasses.dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool
    site_name: str = ""
    site_description: str = ""
    # Options of the language entry's ``extra`` (static-i18n accepts no other keys on an entry):
    in_progress: bool = False  # every page the language lacks is pending (shown from the fallback order)
    fallback: tuple[str, ...] = ()  # where a pending page's text comes from, in order, before the source
    citation_styles: tuple[str, ...] | None = None  # the citation formats shown, in order (None: all)

    @property
    def direction(self) -> str:
        """``rtl`` or ``ltr`` (from CLDR: the language's script decides, no option needed)."""
        from sitekit.messages import direction
        return direction(self.code)

    @property
    def prefix(self) -> str:
        """The URL path of the language's root, relative to the site root ('' for the default)."""
        return "" if self.default else f"{self.code}/"


@dataclasses.dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    site_url: str
    languages: tuple[Language, ...]
    messages_fallback: str = ""  # the catalog a missing message is taken from (extra.messages_fallback)

    def site_url_from(self, value: str | None) -> str:
        """``value`` (the resolved ``site_url`` of a build) as a base URL ending in '/'."""
        value = value or self.site_url
        return value if value.endswith("/") else value + "/"

    @property
    def default(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    @property
    def in_progress(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages if lang.in_progress)

    def fallback_order(self, code: str, source: str | None = None) -> tuple[str, ...]:
        """Where the text of a page ``code`` lacks comes from: the language's ``fallback`` list, then the
        page's source language, then the default language (the first of them that has the page wins)."""
        order = [c for c in self.language(code).fallback if c in self.codes and c != code]
        for extra in (source, self.default.code):
            if extra and extra in self.codes and extra != code and extra not in order:
                order.append(extra)
        return tuple(order)

    def with_site_url(self, value: str | None) -> "Project":
        return dataclasses.replace(self, site_url=self.site_url_from(value))

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise KeyError(code)


def _i18n_options(plugins) -> dict:
    if isinstance(plugins, dict):  # MkDocs also takes plugins as a mapping of name -> options
        plugins = [{name: options} for name, options in plugins.items()]
    for item in plugins or ():
        if isinstance(item, dict) and "i18n" in item:
            return item["i18n"] or {}
    raise ConfigError("mkdocs.yml: no 'i18n' entry under 'plugins' (add mkdocs-static-i18n with its languages)")


def load(root: Path | str = ROOT) -> Project:
    """Read ``mkdocs.yml`` under ``root``.

    A build loads it once per hook and language (six times and more); the YAML is parsed once for as long
    as the file's bytes and the environment (``!ENV`` tags) stay the same."""
    root = Path(root)
    readable(root / "mkdocs.yml", "mkdocs.yml")
    try:
        data = (root / "mkdocs.yml").read_bytes()
    except OSError:
        return _load(root)  # reports the error
    return _cached(root, data, tuple(sorted(os.environ.items())))


@functools.lru_cache(maxsize=16)
def _cached(root: Path, data: bytes, environ: tuple) -> Project:
    return _load(root)


@functools.lru_cache(maxsize=1)
def _safe_loader():
    """MkDocs' loader (``!ENV``) over PyYAML's safe one: reading the configuration calls no Python, so a
    ``!!python/...`` tag stands for nothing here (MkDocs resolves the ones it needs when it builds)."""
    loader = get_yaml_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    loader.add_constructor("!relative", lambda *_: None)
    return loader


LOCALE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def _check_languages(languages: list[Language]) -> None:
    """Each locale once, each a language code static-i18n and Babel can read."""
    seen: set[str] = set()
    for lang in languages:
        if not isinstance(lang.code, str) or not LOCALE.match(lang.code):
            raise ConfigError(f"mkdocs.yml: i18n locale {lang.code!r} is not a language code (e.g. en, pt-BR)")
        if lang.code in seen:
            raise ConfigError(f"mkdocs.yml: i18n locale {lang.code} is listed twice (each language once)")
        seen.add(lang.code)
        if not isinstance(lang.name, str) or not lang.name.strip():
            raise ConfigError(f"mkdocs.yml: i18n language {lang.code} needs a name (name: ...)")


# More than any configuration or data file of a publication holds (the sync record of 3,000 pages is ~5 MB).
MAX_FILE_BYTES = 64 * 1024 * 1024


def readable(path: Path, name: str) -> None:
    """Raise ``ConfigError`` if ``path`` exists but is no regular file that can be read whole: a link to
    /dev/zero, a FIFO or a socket would hang the reader, a huge file exhaust its memory. (A missing file,
    or a link that leads nowhere, is its reader's to report.)"""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return
    if stat.S_ISDIR(info.st_mode):
        raise ConfigError(f"{name}: is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError(f"{name}: is not a regular file (a device, FIFO or socket, or a link to one): "
                          "restore the file from git")
    if info.st_size > MAX_FILE_BYTES:
        raise ConfigError(f"{name}: is {info.st_size:,} bytes, more than a configuration or data file may be "
                          f"({MAX_FILE_BYTES:,})")


def _check_material_languages(root: Path, theme, codes: list[str]) -> None:
    """Material renders its interface from ``partials/languages/<code>.html`` for ``theme.language`` and
    (static-i18n's reconfigure_material) for every locale: a code with no such file, in the theme's
    ``custom_dir`` or in Material, stops the build with a template traceback. Raise ``ConfigError`` first."""
    if not isinstance(theme, dict) or theme.get("name") != "material":
        return
    import material  # only for a Material site

    folders = [Path(material.__file__).parent / "templates"]
    if isinstance(theme.get("custom_dir"), str):
        custom = root / theme["custom_dir"]
        if not custom.is_dir():
            # MkDocs itself stops on a custom_dir that does not exist, with its own message; a tree with the
            # configuration and not the theme (a checked copy of the pages) is only checked, never built
            return
        folders.insert(0, custom)
    language = theme.get("language", "en")
    for code in dict.fromkeys([language, *codes]):
        if not isinstance(code, str) or not any((f / "partials" / "languages" / f"{code}.html").is_file() for f in folders):
            where = "theme.language" if code == language else "i18n locale"
            raise ConfigError(f"mkdocs.yml: {where} {code!r} has no interface strings in Material: add "
                              f"partials/languages/{code}.html to the theme's custom_dir (see the ones there)")


def _load(root: Path) -> Project:
    path = root / "mkdocs.yml"
    try:
        with path.open(encoding="utf-8") as fh:
            config = yaml.load(fh, Loader=_safe_loader()) or {}
    except OSError as exc:
        raise ConfigError(f"{path.name}: cannot read ({exc.strerror})") from None
    except Exception as exc:  # a YAML error: report it as configuration, never as a traceback
        raise ConfigError(f"{path.name}: not valid YAML ({exc})") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{path.name}: expected a mapping of settings (site_name: ..., plugins: ...)")
    options = _i18n_options(config.get("plugins") if isinstance(config.get("plugins"), (list, dict)) else None)
    if not isinstance(options, dict):
        raise ConfigError("mkdocs.yml: the i18n plugin's options are not a mapping (languages: [...])")
    if not isinstance(options.get("languages") or [], list):
        raise ConfigError("mkdocs.yml: plugins.i18n.languages is not a list (- locale: ...)")
    languages = []
    for entry in options.get("languages") or ():
        if not isinstance(entry, dict) or "locale" not in entry:
            raise ConfigError("mkdocs.yml: every i18n language needs 'locale' (e.g. '- locale: kk')")
        code = str(entry["locale"])
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            # static-i18n requires it (MkDocs would stop the build on a missing or non-text name)
            raise ConfigError(f"mkdocs.yml: i18n language {code} needs a name, the language's own name as text "
                              "(e.g. name: Қазақша)")
        extra = entry.get("extra") or {}
        if not isinstance(extra, dict):
            raise ConfigError(f"mkdocs.yml: the 'extra' of language {code} is not a mapping")
        languages.append(Language(
            code, entry["name"], bool(entry.get("default")),
            site_name=str(entry.get("site_name") or config.get("site_name") or ""),
            site_description=str(entry.get("site_description") or config.get("site_description") or ""),
            in_progress=_flag(extra, "in_progress", code),
            fallback=_codes(extra, "fallback", code) or (),
            citation_styles=_codes(extra, "citation_styles", code),
        ))
    if not languages:
        raise ConfigError("mkdocs.yml: plugins.i18n.languages is empty (list the site's languages)")
    _check_languages(languages)
    if sum(lang.default for lang in languages) != 1:
        raise ConfigError("mkdocs.yml: exactly one i18n language needs 'default: true'")
    codes = [lang.code for lang in languages]
    for lang in languages:
        unknown = [c for c in lang.fallback if c not in codes]
        if unknown:
            raise ConfigError(f"mkdocs.yml: the fallback of language {lang.code} names {', '.join(unknown)}, "
                              f"not a language of the site (one of {', '.join(codes)})")
    _check_material_languages(root, config.get("theme"), codes if options.get("reconfigure_material", True) else [])
    site_extra = config.get("extra") or {}
    fallback = str(site_extra.get("messages_fallback") or "") if isinstance(site_extra, dict) else ""
    default = next(lang.code for lang in languages if lang.default)
    site_url = str(config.get("site_url") or "/")
    if not site_url.endswith("/"):
        site_url += "/"
    return Project(
        root=root,
        docs_dir=root / str(config.get("docs_dir") or "docs"),
        site_url=site_url,
        languages=tuple(languages),
        messages_fallback=fallback or default,
    )


def _flag(extra: dict, key: str, code: str) -> bool:
    value = extra.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"mkdocs.yml: 'extra.{key}' of language {code} is not true or false (found {value!r})")
    return value


def _codes(extra: dict, key: str, code: str) -> tuple[str, ...] | None:
    if key not in extra:
        return None
    value = extra[key]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"mkdocs.yml: 'extra.{key}' of language {code} is not a list of names (found {value!r})")
    return tuple(value)
