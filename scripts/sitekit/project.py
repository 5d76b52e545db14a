"""Facts about the project read from its one configuration, ``mkdocs.yml``.

The language list lives in ``mkdocs.yml`` only (``plugins: - i18n: languages:``); everything else reads
it from here. ``mkdocs.utils.yaml.yaml_load`` understands the ``!ENV`` and ``!!python/...`` tags that
``yaml.safe_load`` rejects.
"""
from __future__ import annotations

import dataclasses
import functools
import importlib
import os
import re
import stat
import subprocess
from pathlib import Path

import yaml
from mkdocs.utils.yaml import get_yaml_loader

from sitekit import encodings

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

    @functools.cached_property
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

    # read for every page of every language: computed once per project (it is frozen)
    @functools.cached_property
    def default(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    @functools.cached_property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    @functools.cached_property
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


# The Python objects a configuration may name with ``!!python/name:`` or ``!!python/object/apply:``: the
# slug functions and formatters of the Markdown extensions (as Material's and pymdownx's documentation
# write them). MkDocs reads ``mkdocs.yml`` with PyYAML's full loader, which imports and calls whatever
# such a tag names (``!!python/object/apply:os.system [...]`` runs a command on every build): any other
# name, and every other ``!!python/...`` tag, is a configuration error before the build reads it.
PYTHON_NAMES = frozenset({
    "pymdownx.slugs.slugify", "markdown.extensions.toc.slugify", "markdown.extensions.toc.slugify_unicode",
    "pymdownx.superfences.fence_code_format", "pymdownx.superfences.fence_div_format",
    "pymdownx.arithmatex.arithmatex_fenced_format", "pymdownx.arithmatex.arithmatex_inline_format",
    "material.extensions.emoji.twemoji", "material.extensions.emoji.to_svg",
    *(f"pymdownx.emoji.{name}" for name in ("twemoji", "gemoji", "emojione", "to_svg", "to_png", "to_alt",
                                             "to_png_sprite", "to_svg_sprite")),
})
PYTHON_TAGS = ("name:", "object/apply:")  # a reference to a function, a call of one (with arguments)


class PythonTag(ConfigError):
    """A ``!!python/...`` tag in ``mkdocs.yml`` that names no allowed function: the message has the line."""


def _python_tag(loader, suffix: str, node):
    """What MkDocs' loader would import or call, allowed only for ``PYTHON_NAMES`` that exist (the
    configuration is read here without calling anything: the tag stands for None)."""
    line = node.start_mark.line + 1
    kind = next((k for k in PYTHON_TAGS if suffix.startswith(k)), None)
    name = suffix[len(kind):] if kind else ""
    if kind is None or name not in PYTHON_NAMES:
        raise PythonTag(f"mkdocs.yml:{line}: !!python/{' '.join(suffix.split())[:80]} makes MkDocs run Python code "
                        "named in the configuration; only the slug functions and formatters of Markdown extensions "
                        "may be named (e.g. !!python/name:pymdownx.superfences.fence_code_format)")
    module, _, attribute = name.rpartition(".")
    try:
        function = getattr(importlib.import_module(module), attribute, None)
    except ImportError:
        function = None
    if function is None:
        raise PythonTag(f"mkdocs.yml:{line}: !!python/{suffix} names {name}, which the installed packages do not "
                        "have (check the name, or requirements.txt)")
    if kind == "name:" and not (isinstance(node, yaml.ScalarNode) and node.value == ""):
        raise PythonTag(f"mkdocs.yml:{line}: !!python/{suffix} takes no value (write it alone after the key)")
    if kind == "object/apply:":  # called as MkDocs' loader will call it: with arguments it refuses, the build stops
        try:
            if isinstance(node, yaml.SequenceNode):
                args, kwds = loader.construct_sequence(node, deep=True), {}
            elif isinstance(node, yaml.MappingNode):
                value = loader.construct_mapping(node, deep=True)
                args, kwds = value.get("args", []), value.get("kwds", {})
            else:
                raise TypeError("its arguments are a list, or a mapping of args and kwds")
            function(*args, **kwds)
        except Exception as exc:  # noqa: BLE001 - whatever the call raises, the build would stop on it
            raise PythonTag(f"mkdocs.yml:{line}: !!python/{suffix} cannot be called with these arguments "
                            f"({type(exc).__name__}: {' '.join(str(exc).split())[:120]})") from None
    return None


@functools.lru_cache(maxsize=1)
def _safe_loader():
    """MkDocs' loader (``!ENV``) over PyYAML's safe one: reading the configuration calls no Python, and a
    ``!!python/...`` tag that the build would use to run anything but an allowed function is an error."""
    loader = get_yaml_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    loader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)
    loader.add_constructor("!relative", lambda *_: None)
    return loader


# A language code as mkdocs-static-i18n 1.3.1 reads one (mkdocs_static_i18n.config.RE_LOCALE: it names the
# files, page.kk.md, and the URLs, /kk/); a code it refuses stops the build.
LOCALE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")
# theme.language: the name of one of Material's partials/languages/<code>.html (pt-BR, zh-Hant, sr-Latn)
THEME_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$")


def _check_languages(languages: list[Language]) -> None:
    """Each locale once, each a language code static-i18n and Babel can read."""
    seen: set[str] = set()
    for lang in languages:
        if not isinstance(lang.code, str) or not LOCALE.match(lang.code):
            raise ConfigError(f"mkdocs.yml: i18n locale {lang.code!r} is not a language code: two lowercase "
                              "letters, as static-i18n names files and URLs with it (e.g. en, pt-BR, zh_TW)")
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


def _check_material_languages(root: Path, theme, codes: list[str], text: str = "") -> None:
    """Material renders its interface from ``partials/languages/<code>.html`` for ``theme.language`` and
    (static-i18n's reconfigure_material) for every locale: a code with no such file, in the theme's
    ``custom_dir`` or in Material, stops the build with a template traceback. Raise ``ConfigError`` first."""
    if not isinstance(theme, dict) or theme.get("name") != "material":
        return
    import material  # only for a Material site

    folders = [Path(material.__file__).parent / "templates"]
    if isinstance(theme.get("custom_dir"), str):
        custom = root / theme["custom_dir"]  # inside the project: _folders checked it
        if not custom.is_dir():
            # MkDocs itself stops on a custom_dir that does not exist, with its own message; a tree with the
            # configuration and not the theme (a checked copy of the pages) is only checked, never built
            return
        folders.insert(0, custom)
    language = theme.get("language", "en")
    if not isinstance(language, str) or not THEME_LANGUAGE.match(language):
        raise ConfigError(f"{_where(text, 'language', language)}: theme.language {language!r} is not a language code "
                          "(e.g. en, pt-BR)")
    for code in dict.fromkeys([language, *codes]):
        if not isinstance(code, str) or not any((f / "partials" / "languages" / f"{code}.html").is_file() for f in folders):
            where = "theme.language" if code == language else "i18n locale"
            raise ConfigError(f"mkdocs.yml: {where} {code!r} has no interface strings in Material: add "
                              f"partials/languages/{code}.html to the theme's custom_dir (see the ones there)")


def _load(root: Path) -> Project:
    path = root / "mkdocs.yml"
    try:
        data = path.read_bytes()
        if encodings.foreign(data):
            raise ConfigError(f"{path.name}:1: {encodings.message(encodings.foreign(data))}")
        text = data.decode("utf-8")
        config = yaml.load(text, Loader=_safe_loader()) or {}
    except OSError as exc:
        raise ConfigError(f"{path.name}: cannot read ({exc.strerror}: {path}; --root names the folder of "
                          "mkdocs.yml)" if isinstance(exc, FileNotFoundError) else
                          f"{path.name}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{path.name}:{line}: bytes that are not UTF-8 "
                          f"(first: 0x{data[exc.start]:02x}); save the file as UTF-8") from None
    except ConfigError:
        raise
    except Exception as exc:  # a YAML error: report it as configuration, never as a traceback
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or " ".join(str(exc).split())[:200]
        raise ConfigError(f"{path.name}{where}: not valid YAML ({problem})") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{path.name}: expected a mapping of settings (site_name: ..., plugins: ...)")
    if config.get("use_directory_urls", True) is not True:
        raise ConfigError(f"{_where(text, 'use_directory_urls')}: use_directory_urls must be true: the site's "
                          "sitemaps, alternates and feeds are written for folder URLs (page/ rather than page.html)")
    if "INHERIT" in config:
        # MkDocs would merge another file into this one, unread by the check (and read with its full loader)
        raise ConfigError(f"{path.name}: INHERIT is not supported: the project's configuration is this one file, "
                          "which the check reads as the build does (copy the settings here)")
    options = _i18n_options(config.get("plugins") if isinstance(config.get("plugins"), (list, dict)) else None)
    if not isinstance(options, dict):
        raise ConfigError("mkdocs.yml: the i18n plugin's options are not a mapping (languages: [...])")
    if options.get("docs_structure", "suffix") != "suffix":
        raise ConfigError(f"mkdocs.yml: i18n docs_structure {options.get('docs_structure')!r} is not supported: "
                          "pages name their language by suffix (docs_structure: suffix, page.en.md)")
    if not isinstance(options.get("languages") or [], list):
        raise ConfigError("mkdocs.yml: plugins.i18n.languages is not a list (- locale: ...)")
    languages = []
    for entry in options.get("languages") or ():
        if not isinstance(entry, dict) or "locale" not in entry:
            raise ConfigError("mkdocs.yml: every i18n language needs 'locale' (e.g. '- locale: kk')")
        code = entry["locale"]
        if not isinstance(code, str) or not LOCALE.match(code):
            raise ConfigError(f"mkdocs.yml: i18n locale {code!r} is not a language code: two lowercase letters, "
                              "as static-i18n names files and URLs with it (e.g. en, pt-BR, zh_TW)")
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
    # a language entry's own theme.language (static-i18n applies it to that language's build)
    own = [e["theme"]["language"] for e in options.get("languages") or ()
           if isinstance(e, dict) and isinstance(e.get("theme"), dict) and "language" in e["theme"]]
    for value in own:
        if not isinstance(value, str) or not THEME_LANGUAGE.match(value):
            raise ConfigError(f"mkdocs.yml: theme.language {value!r} of an i18n language is not a language code "
                              "(e.g. en, pt-BR)")
    docs = _folders(root, config, text)
    _check_material_languages(root, config.get("theme"),
                              (codes if options.get("reconfigure_material", True) else []) + own, text)
    site_extra = config.get("extra") or {}
    fallback = str(site_extra.get("messages_fallback") or "") if isinstance(site_extra, dict) else ""
    default = next(lang.code for lang in languages if lang.default)
    site_url = str(config.get("site_url") or "/")
    if not site_url.endswith("/"):
        site_url += "/"
    return Project(
        root=root,
        docs_dir=docs,
        site_url=site_url,
        languages=tuple(languages),
        messages_fallback=fallback or default,
    )


FOLDER_EXAMPLES = {"docs_dir": "docs", "site_dir": "site", "theme.custom_dir": "overrides"}


def _where(text: str, key: str, value=None) -> str:
    """``mkdocs.yml:N`` for the line that sets ``key`` (its last dotted part), or that holds ``value``."""
    name = key.rsplit(".", 1)[-1]
    for number, line in enumerate(text.split("\n"), 1):
        if re.search(rf"(?:^|[\s{{,]){re.escape(name)}\s*:", line.split(" #", 1)[0]) or (
                value is not None and isinstance(value, str) and value and value in line and "#" not in line[:line.find(value)]):
            return f"mkdocs.yml:{number}"
    return "mkdocs.yml"


ENGINE_OVERRIDES = ROOT / "overrides"  # the engine's own templates, which a publication may use from here


def _inside(root: Path, value, key: str, text: str = "") -> Path:
    """``root / value`` when it is a folder inside the project (links resolved), else a ``ConfigError``: the
    build would read pages or templates from anywhere, or write and clean the site anywhere."""
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        raise ConfigError(f"{_where(text, key)}: {key} is not a folder name (found {value!r})")
    path = root / value
    # as written, links not followed: a project may link a folder of its own from elsewhere (the benchmark
    # links the site's docs/ and data/, tests link overrides/); what it names must be inside the project
    normal, top = os.path.normpath(path), os.path.normpath(root)
    inside = normal != top and Path(normal).is_relative_to(top)
    if key == "theme.custom_dir" and Path(normal).is_relative_to(os.path.normpath(ENGINE_OVERRIDES)):
        inside = True  # a publication that takes the engine up uses its templates where they are
    if not inside:
        raise ConfigError(f"{_where(text, key)}: {key} {value!r} is not a folder inside the project (write a folder "
                          f"name relative to mkdocs.yml, e.g. {FOLDER_EXAMPLES[key]})")
    return path


def _tracked_folders(root: Path) -> list[Path]:
    """The project's top-level folders that hold files git tracks (scripts/, tests/, …), and .git itself."""
    folders = [root / ".git"] if (root / ".git").exists() else []
    try:
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], capture_output=True, timeout=20,
                                check=True).stdout.decode("utf-8", "surrogateescape")
    except (OSError, subprocess.SubprocessError):
        return folders
    return folders + [root / top for top in sorted({name.split("/", 1)[0] for name in listed.split("\0") if "/" in name})]


def _folders(root: Path, config: dict, text: str = "") -> Path:
    """The docs folder, after checking that docs_dir, site_dir and custom_dir are folders inside the project
    and that site_dir keeps apart from every folder of the project's own: MkDocs empties it before writing."""
    docs = _inside(root, config.get("docs_dir") or "docs", "docs_dir", text)
    site_value = config.get("site_dir") or "site"
    site = _inside(root, site_value, "site_dir", text).resolve()
    protected = [("docs_dir", docs.resolve()), ("the data folder", (root / "data").resolve())]
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        protected.append(("theme.custom_dir", _inside(root, theme["custom_dir"], "theme.custom_dir", text).resolve()))
    hooks = [hook for hook in config.get("hooks") or () if isinstance(hook, str)]
    for hook in hooks:
        path = Path(os.path.normpath(root / hook))
        if path.is_relative_to(os.path.normpath(docs)) or path.resolve().is_relative_to(docs.resolve()) \
                or path.suffix != ".py":
            raise ConfigError(f"{_where(text, 'hooks', hook)}: hook {hook!r} is not a Python file outside docs_dir "
                              "(a hook in docs/ would be published with the site, and run by every build)")
    protected += [("a folder of the project's own files", folder.resolve()) for folder in _tracked_folders(root)]
    for hook in hooks:  # the build would empty the folder that holds a hook
        if (root / hook).resolve().is_relative_to(site):
            raise ConfigError(f"{_where(text, 'site_dir')}: site_dir {site_value!r} holds hook {hook}: the build "
                              "empties site_dir and writes the site there; give it a folder of its own (site_dir: site)")
    for what, folder in protected:
        if site == folder or site.is_relative_to(folder) or folder.is_relative_to(site):
            raise ConfigError(f"{_where(text, 'site_dir')}: site_dir {site_value!r} overlaps {what} "
                              f"({Path(os.path.relpath(folder, root.resolve())).as_posix()}): the build empties site_dir "
                              "and writes the site there; give it a folder of its own (site_dir: site)")
    for key in ("extra_css", "extra_javascript"):
        entries = config.get(key) or []
        for entry in entries if isinstance(entries, list) else [entries]:
            value = entry.get("path") if isinstance(entry, dict) else entry
            if not isinstance(value, str) or not _local_asset(docs, value):
                raise ConfigError(f"{_where(text, key, value)}: {key} {value!r} is not a file in docs_dir (the site "
                                  "serves its own styles and scripts: no network at read time, and the CSP admits "
                                  "only the site's files)")
    return docs


def _local_asset(docs: Path, value: str) -> bool:
    """Whether ``value`` names a file of ``docs`` by a relative path (no scheme, host or ``..`` outside it;
    whether the file is there is the build's to say: a checked copy of the pages has no assets)."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//|^/", value.strip()) or "\0" in value or not value.strip():
        return False
    path = Path(os.path.normpath(docs / value.split("?", 1)[0].split("#", 1)[0]))
    return path.is_relative_to(os.path.normpath(docs)) and path != Path(os.path.normpath(docs))


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
