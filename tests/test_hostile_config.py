"""Hostile and careless configuration and arguments (issue 10): whatever mkdocs.yml, a page's encoding or
the command line holds, `python -m i18ncheck` answers with one line and exit 2 (or checks the tree), never
a traceback, and never lets through what the build would then run, read or clean outside the project.

Each class has its examples with their complete message and a property over the class (hypothesis).
"""
from __future__ import annotations

import gettext
import importlib
import json
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs_static_i18n.config import RE_LOCALE

from sitekit import project
from test_i18ncheck_hostile import run

FIXTURES = Path(__file__).parent / "i18ncheck"
PROPERTY = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def site(tmp_path: Path, case: str = "clean") -> Path:
    root = tmp_path / "site"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(FIXTURES / case, root)
    return root


def configure(root: Path, *, replace: tuple[str, str] | None = None, append: str = "") -> None:
    path = root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    path.write_text(text + append, encoding="utf-8")


def one_line_error(code: int, out: str, err: str) -> str:
    """The message of a configuration error (exit 2, nothing on stdout, one line on stderr)."""
    assert (code, out) == (2, ""), (code, out, err)
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err.rstrip("\n")


# ---------------------------------------------------------------- folders


@pytest.mark.parametrize("setting, message", [
    ("docs_dir: /etc", "mkdocs.yml: docs_dir '/etc' is not a folder inside the project (write a folder name relative "
                       "to mkdocs.yml, e.g. docs)"),
    ("docs_dir: ..", "mkdocs.yml: docs_dir '..' is not a folder inside the project (write a folder name relative to "
                     "mkdocs.yml, e.g. docs)"),
    ("docs_dir: .", "mkdocs.yml: docs_dir '.' is not a folder inside the project (write a folder name relative to "
                    "mkdocs.yml, e.g. docs)"),
    ("site_dir: /tmp/elsewhere", "mkdocs.yml: site_dir '/tmp/elsewhere' is not a folder inside the project (write a "
                                 "folder name relative to mkdocs.yml, e.g. site)"),
    ("site_dir: docs/../..", "mkdocs.yml: site_dir 'docs/../..' is not a folder inside the project (write a folder "
                             "name relative to mkdocs.yml, e.g. site)"),
    ("site_dir: docs", "mkdocs.yml: site_dir 'docs' overlaps docs_dir (docs): the build empties site_dir and writes "
                       "the site there; give it a folder of its own (site_dir: site)"),
    ("site_dir: docs/public", "mkdocs.yml: site_dir 'docs/public' overlaps docs_dir (docs): the build empties site_dir "
                              "and writes the site there; give it a folder of its own (site_dir: site)"),
    ("site_dir: data", "mkdocs.yml: site_dir 'data' overlaps the data folder (data): the build empties site_dir and "
                       "writes the site there; give it a folder of its own (site_dir: site)"),
    ("theme: {name: material, custom_dir: /etc}", "mkdocs.yml: theme.custom_dir '/etc' is not a folder inside the "
                                                  "project (write a folder name relative to mkdocs.yml, e.g. overrides)"),
    ("theme: {name: material, custom_dir: ../overrides}", "mkdocs.yml: theme.custom_dir '../overrides' is not a folder "
                                                          "inside the project (write a folder name relative to "
                                                          "mkdocs.yml, e.g. overrides)"),
    ("theme: {name: material, language: ../../base}", "mkdocs.yml: theme.language '../../base' is not a language code "
                                                      "(e.g. en, pt-BR)"),
])
def test_folders_and_theme_outside_the_project_are_configuration_errors(setting, message, tmp_path):
    root = site(tmp_path)
    configure(root, replace=("docs_dir: docs\n", "") if setting.startswith("docs_dir") else None, append=setting + "\n")
    line = (root / "mkdocs.yml").read_text(encoding="utf-8").count("\n")  # the setting's, the last line
    assert one_line_error(*run(root)) == "i18ncheck: " + message.replace("mkdocs.yml:", f"mkdocs.yml:{line}:", 1)


def test_a_folder_linked_into_the_project_is_the_projects(tmp_path):
    """As written, links not followed: the benchmark links the site's docs/ into its trees."""
    root = site(tmp_path)
    (root / "docs").rename(tmp_path / "pages")
    (root / "docs").symlink_to(tmp_path / "pages")
    assert run(root)[0] == 1  # the clean fixture's stale findings: the tree is read


FOLDER = st.one_of(
    st.sampled_from(["docs", "site", "public", ".", "..", "/", "/etc", "/tmp", "~", "docs/..", "docs/x", "./docs",
                     "data", "data/out", "out/../..", "site/../docs", "", " ", "\t", "a\0b", "docs/../site"]),
    st.text(alphabet=st.sampled_from("./~ab-\\\0"), max_size=12),
)


@PROPERTY
@given(docs=FOLDER, site_dir=FOLDER)
def test_any_docs_and_site_dir_is_checked_inside_the_project_or_refused(tmp_path, docs, site_dir):
    root = site(tmp_path)
    (root / "public").mkdir()
    configure(root, replace=("docs_dir: docs\n", f"docs_dir: {_yaml_string(docs)}\nsite_dir: {_yaml_string(site_dir)}\n"))
    code, out, err = run(root)
    assert code in (0, 1, 2) and "Traceback" not in err and "internal error" not in err, err
    if code == 2:
        one_line_error(code, out, err)
        return
    real = root.resolve()
    docs_path, site_path = (root / (docs or "docs")).resolve(), (root / (site_dir or "site")).resolve()
    assert docs_path.is_relative_to(real) and docs_path != real  # (the fixture links nothing)
    assert site_path.is_relative_to(real) and site_path != real
    assert not (site_path.is_relative_to(docs_path) or docs_path.is_relative_to(site_path))


# ---------------------------------------------------------------- language codes


@pytest.mark.parametrize("locale", ["KK", "../x", "k k", "kaz", "en-gb1", "'12'", "null", "''", "x"])
def test_a_locale_static_i18n_cannot_read_is_a_configuration_error(locale, tmp_path):
    root = site(tmp_path)
    configure(root, replace=("{locale: en, name: English", f"{{locale: {locale}, name: English"))
    message = one_line_error(*run(root))
    assert message.startswith("i18ncheck: mkdocs.yml: i18n locale ") and message.endswith(
        " is not a language code: two lowercase letters, as static-i18n names files and URLs with it "
        "(e.g. en, pt-BR, zh_TW)"), message


@PROPERTY
@given(locale=st.one_of(st.text(max_size=12), st.from_regex(r"\A[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{1,5})?\Z")))
def test_the_check_accepts_exactly_the_locales_static_i18n_accepts(tmp_path, locale):
    root = site(tmp_path)
    configure(root, replace=("{locale: en, name: English", "{locale: " + _yaml_string(locale) + ", name: English"))
    code, out, err = run(root)
    assert "Traceback" not in err and "internal error" not in err, err
    if RE_LOCALE.match(locale) and locale not in ("kk", "ru"):
        assert code in (0, 1), err
    else:
        one_line_error(code, out, err)


def _yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar."""
    return '"' + "".join(c if c.isalnum() or c in " -_./" else f"\\U{ord(c):08x}" for c in text) + '"'


# ---------------------------------------------------------------- !!python tags


ALLOWED = sorted(project.PYTHON_NAMES)
RUNS_PYTHON = ("makes MkDocs run Python code named in the configuration; only the slug functions and formatters of "
               "Markdown extensions may be named (e.g. !!python/name:pymdownx.superfences.fence_code_format)")
NOT_A_FILE = ("is not a file in docs_dir (the site serves its own styles and scripts: no network at read time, and the "
              "CSP admits only the site's files)")
PYTHON_TAG = st.tuples(
    st.sampled_from(["name:", "object/apply:", "object:", "object/new:", "module:", "tuple", "str", "none", ""]),
    st.one_of(st.sampled_from(ALLOWED + ["os.system", "subprocess.call", "builtins.eval", "pymdownx.slugs.os",
                                         "pymdownx.slugs.nope", "material", "no.such.module.f"]),
              st.from_regex(r"\A[a-z_][a-z0-9_]{0,8}(\.[a-z_][a-z0-9_]{0,8}){0,3}\Z")),
)


@PROPERTY
@given(tag=PYTHON_TAG)
def test_a_python_tag_is_allowed_only_for_extension_functions(tmp_path, tag):
    kind, name = tag
    root = site(tmp_path)
    marker = tmp_path / "owned"
    marker.unlink(missing_ok=True)
    suffix = f"{kind}{name}" if kind.endswith(":") else kind
    configure(root, append=f"extra:\n  x: !!python/{suffix} ['touch {marker}']\n")
    code, out, err = run(root)
    assert not marker.exists()
    if kind == "object/apply:" and name in project.PYTHON_NAMES:
        module, _, attribute = name.rpartition(".")
        try:  # an allowed function, called as MkDocs' loader would call it
            getattr(importlib.import_module(module), attribute)(f"touch {marker}")
            callable_with_these = True
        except Exception:  # noqa: BLE001
            callable_with_these = False
        assert code in ((0, 1) if callable_with_these else (2,)), err
    elif kind == "name:" and name in project.PYTHON_NAMES:
        assert re.match(r"i18ncheck: mkdocs\.yml:12: .* takes no value", one_line_error(code, out, err)), err
    else:
        assert re.match(r"i18ncheck: mkdocs\.yml:12: ", one_line_error(code, out, err)), err


@pytest.mark.parametrize("value, message", [
    ("!!python/object/apply:pymdownx.slugs.slugify [1, 2]", "mkdocs.yml:12: !!python/object/apply:pymdownx.slugs.slugify "
     "cannot be called with these arguments (TypeError: slugify() takes 0 positional arguments but 2 were given)"),
    ("!!python/object/apply:pymdownx.slugs.slugify x", "mkdocs.yml:12: !!python/object/apply:pymdownx.slugs.slugify "
     "cannot be called with these arguments (TypeError: its arguments are a list, or a mapping of args and kwds)"),
    ("!!python/name:pymdownx.superfences.fence_code_format x", "mkdocs.yml:12: "
     "!!python/name:pymdownx.superfences.fence_code_format takes no value (write it alone after the key)"),
    ("!!python/name:pymdownx.superfences.no_such_format",
     "mkdocs.yml:12: !!python/name:pymdownx.superfences.no_such_format " + RUNS_PYTHON),
    ("{a: !!python/tuple [1]}", "mkdocs.yml:12: !!python/tuple " + RUNS_PYTHON),
])
def test_a_python_tag_the_build_would_stop_on_is_a_configuration_error(value, message, tmp_path):
    root = site(tmp_path)
    configure(root, append=f"extra:\n  x: {value}\n")
    assert one_line_error(*run(root)) == "i18ncheck: " + message


def test_the_sites_own_python_tags_are_allowed():
    """mkdocs.yml names pymdownx.slugs.slugify: the allow-list keeps the site buildable."""
    assert project.load().codes


# ---------------------------------------------------------------- --jobs


@pytest.mark.parametrize("value", ["0", "-1", "abc", "99999999999", "1e3", "", "65", "9" * 5000])
def test_jobs_outside_1_to_64_is_a_usage_error(value, tmp_path):
    code, out, err = run(site(tmp_path), "--jobs", value)
    assert (code, out) == (2, "")
    assert f"argument --jobs: expected a whole number of processes from 1 to 64 (found {value!r})" in err


@PROPERTY
@given(value=st.one_of(st.integers(min_value=-10**6, max_value=10**6).map(str), st.text(max_size=8)))
def test_any_jobs_value_checks_the_tree_or_is_a_usage_error(tmp_path, value):
    code, out, err = run(site(tmp_path), "--jobs", value)
    assert "Traceback" not in err
    try:
        valid = 1 <= int(value.strip(), 10) <= 64
    except ValueError:
        valid = False
    assert code == (1 if valid else 2), err  # the clean fixture is never synced here: stale findings


# ---------------------------------------------------------------- encodings

PAGE_TEXT = st.text(alphabet=st.sampled_from("abcz АәБқ ؤبت 1 .\n"), max_size=120)


@PROPERTY
@given(body=PAGE_TEXT, encoding=st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                                                 "utf-32-be"]))
def test_a_utf16_or_utf32_page_is_one_finding(tmp_path, body, encoding):
    root = site(tmp_path)
    page = root / "docs" / "briefs" / "note.ru.md"
    page.write_bytes(f"---\ntitle: Заметка\ndescription: D.\nsource_lang: en\n---\n\n{body}\n".encode(encoding))
    code, out, err = run(root)
    mine = [line for line in out.splitlines() if line.startswith("docs/briefs/note.ru.md:")]
    family = encoding[:6].upper()
    assert mine == [f"docs/briefs/note.ru.md:1: not UTF-8 text (looks like {family}; save it as UTF-8) [encoding]"]
    assert code == 1


# ---------------------------------------------------------------- what else the check would not read as the build does


@pytest.mark.parametrize("damage, message", [
    (lambda text: text + "INHERIT: ../base.yml\n", "mkdocs.yml: INHERIT is not supported: the project's configuration "
     "is this one file, which the check reads as the build does (copy the settings here)"),
    (lambda text: text.replace("docs_structure: suffix", "docs_structure: folder"), "mkdocs.yml: i18n docs_structure "
     "'folder' is not supported: pages name their language by suffix (docs_structure: suffix, page.en.md)"),
    (lambda text: text.encode("utf-16"), "mkdocs.yml:1: not UTF-8 text (looks like UTF-16; save it as UTF-8)"),
    (lambda text: text.replace("{locale: ru, name: Русский, build: true}",
                               "{locale: ru, name: Русский, build: true, theme: {language: ../x}}"),
     "mkdocs.yml: theme.language '../x' of an i18n language is not a language code (e.g. en, pt-BR)"),
    (lambda text: text.encode("utf-8") + b"extra: {a: \xff}\n", "mkdocs.yml:11: bytes that are not UTF-8 (first: 0xff); "
     "save the file as UTF-8"),
])
def test_a_configuration_the_check_cannot_read_as_the_build_does_is_an_error(damage, message, tmp_path):
    root = site(tmp_path)
    changed = damage((root / "mkdocs.yml").read_text(encoding="utf-8"))
    (root / "mkdocs.yml").write_bytes(changed if isinstance(changed, bytes) else changed.encode("utf-8"))
    assert one_line_error(*run(root)) == "i18ncheck: " + message


@PROPERTY
@given(body=st.text(alphabet=st.sampled_from("ab \n\x00\x01\x1b\x7f\u202e"), max_size=400))
def test_control_characters_are_one_finding_per_line_at_most_twenty(tmp_path, body):
    root = site(tmp_path)
    page = root / "docs" / "briefs" / "note.ru.md"
    page.write_text(f"---\ntitle: Заметка\ndescription: D.\nsource_lang: en\n---\n\n{body}\n", encoding="utf-8")
    code, out, err = run(root)
    mine = [line for line in out.splitlines() if line.startswith("docs/briefs/note.ru.md:")
            and line.endswith("[control-characters]")]
    lines = {n + 7 for n, row in enumerate(body.split("\n")) if any(c in row for c in "\x00\x01\x1b\x7f\u202e")}
    assert [int(line.split(":")[1]) for line in mine] == sorted(lines)[:20]
    assert len(lines) <= 20 or mine[-1].endswith(f"(and {len(lines) - 20} more lines with control characters: is "
                                                 "this a text file?) [control-characters]")


# ---------------------------------------------------------------- what the build would run, fetch or empty


@pytest.mark.parametrize("setting, message", [
    ("hooks: [docs/assets/evil.py]", "hook 'docs/assets/evil.py' is not a Python file outside docs_dir (a hook in "
     "docs/ would be published with the site, and run by every build)"),
    ("hooks: [scripts/../docs/assets/evil.py]", "hook 'scripts/../docs/assets/evil.py' is not a Python file outside "
     "docs_dir (a hook in docs/ would be published with the site, and run by every build)"),
    ("extra_javascript: [https://evil.example/x.js]", "extra_javascript 'https://evil.example/x.js' " + NOT_A_FILE),
    ("extra_css: [//cdn.example/x.css]", "extra_css '//cdn.example/x.css' " + NOT_A_FILE),
    ("extra_javascript: [{path: ../../x.js, type: module}]", "extra_javascript '../../x.js' " + NOT_A_FILE),
])
def test_what_the_build_would_run_or_fetch_is_a_configuration_error(setting, message, tmp_path):
    root = site(tmp_path)
    (root / "docs" / "assets" / "evil.py").write_text("raise SystemExit\n", encoding="utf-8")
    configure(root, append=setting + "\n")
    assert one_line_error(*run(root)) == "i18ncheck: mkdocs.yml:11: " + message


def test_the_sites_own_styles_scripts_and_hooks_are_allowed(tmp_path):
    root = site(tmp_path)
    (root / "docs" / "assets" / "site.js").write_text("", encoding="utf-8")
    (root / "scripts").mkdir()
    (root / "scripts" / "hook_x.py").write_text("", encoding="utf-8")
    configure(root, append="extra_javascript: [assets/site.js, {path: assets/site.js, type: module}]\n"
                           "hooks: [scripts/hook_x.py]\nsite_dir: public/site\n")
    assert run(root)[0] == 1  # the clean fixture's stale findings: the configuration is read


@pytest.mark.parametrize("folder", [".git", "tests", "tests/out", "scripts"])
def test_site_dir_never_overlaps_a_folder_git_tracks(folder, tmp_path):
    root = site(tmp_path)
    for name in ("tests/test_a.py", "scripts/x.py"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    configure(root, append=f"site_dir: {folder}\n")
    top = folder.split("/")[0]
    assert one_line_error(*run(root)) == (
        f"i18ncheck: mkdocs.yml:11: site_dir '{folder}' overlaps a folder of the project's own files ({top}): the "
        "build empties site_dir and writes the site there; give it a folder of its own (site_dir: site)")


ASSET = st.one_of(st.sampled_from(["assets/pic.png", "assets/pic.png?v=1", "https://x.example/a.js", "http:x.js",
                                   "//x", "/assets/pic.png", "../x.js", "assets/../../x.js", "assets/none.js",
                                   "javascript:alert(1)", "data:text/javascript,1", "assets", ""]),
                  st.text(alphabet=st.sampled_from("a/.:?#%"), max_size=10))


@PROPERTY
@given(value=ASSET, key=st.sampled_from(["extra_css", "extra_javascript"]))
def test_extra_css_and_javascript_name_files_of_the_site_or_are_refused(tmp_path, value, key):
    root = site(tmp_path)
    configure(root, append=f"{key}: [{_yaml_string(value)}]\n")
    code, out, err = run(root)
    assert "Traceback" not in err and "internal error" not in err, err
    docs = os.path.normpath(root / "docs")
    local = Path(os.path.normpath(root / "docs" / value.split("?")[0].split("#")[0]))
    if code != 2:
        assert local.is_relative_to(docs) and local != Path(docs) and not value.startswith("/")
        assert not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value)  # no scheme: no URL
    else:
        one_line_error(code, out, err)


# ---------------------------------------------------------------- message catalogs' Plural-Forms (probe B1)

PLURAL = st.one_of(
    st.sampled_from(["(n != 1)", "0", "(n%10==1 && n%100!=11 ? 0 : 1", "n{1}", "", "__import__('os')", "n+5",
                     "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)",
                     "n/0", "((((((((((n))))))))))", "n ? 1 : 0"]),
    st.text(alphabet=st.sampled_from("n0123!=<>?:()&|%+ "), max_size=20))


@PROPERTY
@given(expression=PLURAL, forms=st.integers(min_value=1, max_value=3))
def test_a_plural_forms_header_the_build_cannot_use_is_a_finding(tmp_path, expression, forms):
    root = site(tmp_path)
    (root / "data" / "locales").mkdir(parents=True)
    header = (f'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
              f'"Plural-Forms: nplurals={forms}; plural={expression};\\n"\n\n')
    (root / "data" / "locales" / "en.po").write_text(header.replace("ru", "en"), encoding="utf-8")
    (root / "data" / "locales" / "ru.po").write_text(header, encoding="utf-8")
    code, out, err = run(root)
    assert code in (1, 2) and "Traceback" not in err and "internal error" not in err, err
    try:  # what the build does with it when a page says "n minutes"
        choose = gettext.c2py(expression)
        usable = all(isinstance(choose(n), int) and 0 <= choose(n) < forms for n in range(0, 1001))
    except Exception:  # noqa: BLE001
        usable = False
    found = [line for line in out.splitlines() if line.endswith("[message-catalog]")]
    if usable:
        assert not any(line.startswith("data/locales/ru.po:5: Plural-Forms") for line in found), out
    else:
        assert any(line.startswith("data/locales/ru.po:") for line in found), out


# ---------------------------------------------------------------- one finding, one line (probe O1)


@PROPERTY
@given(name=st.text(alphabet=st.sampled_from("ab:\n\r\x1b\u2028\u202e "), min_size=1, max_size=12),
       tag=st.text(alphabet=st.sampled_from("ab:\n\r\x1b\u2028\u202e "), min_size=1, max_size=12))
def test_text_output_is_one_line_per_finding_whatever_a_name_or_value_holds(tmp_path, name, tag):
    root = site(tmp_path)
    page = root / "docs" / "briefs" / f"{name.replace('/', '_')}.en.md"
    try:
        page.write_text("---\ntitle: T\ndescription: D.\nsource_lang: en\n---\n\nText.\n", encoding="utf-8")
    except OSError:
        return
    note = root / "docs" / "briefs" / "note.ru.md"
    note.write_text(note.read_text(encoding="utf-8").replace("source_lang:", f"tags: [{_yaml_string(tag)}]\n"
                                                                            "source_lang:"), encoding="utf-8")
    code, text, err = run(root)
    _, as_json, _ = run(root, "--format", "json")
    lines = text.splitlines()
    assert len(lines) == len(json.loads(as_json))
    assert all(re.match(r"(docs|data)/[^\n]*:\d+: ", line) and not line.startswith("::") for line in lines), text
    assert not any(c in text for c in "\r\x1b\u2028\u202e")
    _, github, _ = run(root, "--format", "github")
    assert all(line.startswith(("::error file=", "::notice file=")) for line in github.splitlines())


@PROPERTY
@given(opening=st.integers(min_value=0, max_value=400), shape=st.sampled_from(["[", "[a](", "[x]", "(["]),
       closed=st.booleans())
def test_a_block_the_renderer_would_hang_on_is_a_finding(tmp_path, opening, shape, closed):
    root = site(tmp_path)
    page = root / "docs" / "briefs" / "note.ru.md"
    stray = shape * opening + ("]" * opening if closed else "")
    page.write_text(page.read_text(encoding="utf-8") + f"\nТекст {stray}.\n", encoding="utf-8")
    code, out, err = run(root)
    mine = [line for line in out.splitlines() if line.endswith("[markup-limits]")]
    brackets = stray.count("[")
    assert len(mine) == (1 if brackets > 100 else 0), out
    assert not mine or f"has {brackets:,} [ brackets, more than 100" in mine[0]


# ---------------------------------------------------------------- smaller classes (probe L3-L5)


def test_a_name_in_decomposed_unicode_is_a_file_name_finding(tmp_path):
    root = site(tmp_path)
    name = unicodedata.normalize("NFD", "café.ru.md")
    (root / "docs" / "briefs" / name).write_text("---\ntitle: T\n---\n", encoding="utf-8")
    code, out, err = run(root)
    assert f"docs/briefs/{name}:1: {name} has a name in decomposed Unicode (NFD, as some systems save it), so it is " \
           "not the name its other languages' files and links spell: rename it with the same letters typed again " \
           "(NFC) [file-names]" in out.splitlines()


def test_a_root_without_mkdocs_yml_names_the_path_tried(tmp_path):
    assert one_line_error(*run(tmp_path / "nowhere")) == (
        f"i18ncheck: mkdocs.yml: cannot read (No such file or directory: {tmp_path / 'nowhere' / 'mkdocs.yml'}; "
        "--root names the folder of mkdocs.yml)")


@pytest.mark.parametrize("data, message", [
    ('scale: {thousand: [""]}', "scale.thousand is not one of thousand, million, billion, trillion, percent with a "
                                "list of words"),
    ('decimal: ""', "decimal is empty (leave the key out, or give its value)"),
    ('letters: ""', "letters is empty (leave the key out, or give its value)"),
    ('decimal: ",."', "decimal is ',' or '.'"),
    ("scale: [1]", "scale and normalize are mappings (scale: {thousand: [...]})"),
])
def test_a_broken_language_file_of_the_check_is_a_configuration_error(data, message, tmp_path, monkeypatch):
    from i18ncheck import languages
    folder = tmp_path / "languages"
    shutil.copytree(languages.FOLDER, folder)
    (folder / "ru.yml").write_text(data + "\n", encoding="utf-8")
    monkeypatch.setattr(languages, "FOLDER", folder)
    languages.rules.cache_clear()
    languages.scale_words.cache_clear()
    try:
        assert one_line_error(*run(site(tmp_path))) == f"i18ncheck: scripts/i18ncheck/languages/ru.yml: {message}"
    finally:
        languages.rules.cache_clear()
        languages.scale_words.cache_clear()


# ---------------------------------------------------------------- the sync record and use_directory_urls (probe M4, B2)


@pytest.mark.parametrize("blocks", [["x"], [None], ["0123456789abcdef"] * 100_001, ["1e999"], ["0123456789abcde\0"]])
def test_a_record_entry_sync_did_not_write_is_a_configuration_error(blocks, tmp_path):
    root = site(tmp_path)
    record = {"version": 1, "translations": {"article.ru.md": {"source": "article.kk.md", "blocks": blocks}}}
    (root / "data" / "translation-sync.json").write_text(json.dumps(record), encoding="utf-8")
    assert one_line_error(*run(root)) == (
        "i18ncheck: data/translation-sync.json: the entry for article.ru.md is not one sync wrote (its block hashes "
        "are not 100,000 at most, each 16 hexadecimal digits): restore the file from git (git checkout -- "
        "data/translation-sync.json), or delete the entry and record the translation again")


def test_a_stale_finding_names_ten_changes_and_counts_the_rest(tmp_path):
    root = site(tmp_path)
    record = {"version": 1, "translations": {"article.ru.md": {"source": "article.kk.md",
                                                               "blocks": ["0123456789abcdef"] * 500}}}
    (root / "data" / "translation-sync.json").write_text(json.dumps(record), encoding="utf-8")
    code, out, err = run(root)
    line = next(line for line in out.splitlines() if line.startswith("docs/article.ru.md:") and "stale" in line)
    assert line.count(";") == 10 and re.search(r"; and [\d,]+ more changes \[stale-translation\]$", line), line


def test_file_urls_are_a_configuration_error(tmp_path):
    root = site(tmp_path)
    configure(root, append="use_directory_urls: false\n")
    assert one_line_error(*run(root)) == (
        "i18ncheck: mkdocs.yml:11: use_directory_urls must be true: the site's sitemaps, alternates and feeds are "
        "written for folder URLs (page/ rather than page.html)")


def test_a_value_that_reads_the_same_but_differs_in_type_says_so(tmp_path):
    root = site(tmp_path)
    note = root / "docs" / "briefs" / "note.ru.md"
    note.write_text(note.read_text(encoding="utf-8").replace("date: 2026-11-20", 'date: "2026-11-20"'), encoding="utf-8")
    code, out, err = run(root)
    assert ("docs/briefs/note.ru.md:6: value of date differs from source docs/briefs/note.en.md:6 (found 2026-11-20 as "
            "text (quoted), expected 2026-11-20 as a date) [front-matter-agreement]") in out.splitlines()
