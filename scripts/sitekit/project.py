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
        languages.append(Language(
            entry["locale"], entry.get("name", entry["locale"]), bool(entry.get("default")),
            site_name=str(entry.get("site_name") or config.get("site_name") or ""),
            site_description=str(entry.get("site_description") or config.get("site_description") or ""),
        ))
    if not languages:
        raise ConfigError("mkdocs.yml: plugins.i18n.languages is empty (list the site's languages)")
    _check_languages(languages)
    if sum(lang.default for lang in languages) != 1:
        raise ConfigError("mkdocs.yml: exactly one i18n language needs 'default: true'")
    site_url = str(config.get("site_url") or "/")
    if not site_url.endswith("/"):
        site_url += "/"
    return Project(
        root=root,
        docs_dir=root / str(config.get("docs_dir") or "docs"),
        site_url=site_url,
        languages=tuple(languages),
    )
