"""``sitekit/converters.py``: a Markdown converter reused across pages (reset between them) renders every
page as a fresh one does — HTML and table of contents — whatever came before it. The pages are random
sequences of the constructs whose extensions keep state between conversions (footnotes, abbreviations,
reference links, heading ids, stashed HTML, fenced code), with the site's own extensions and settings."""
from __future__ import annotations

import markdown
from hypothesis import given, settings, strategies as st
from mkdocs.config import load_config

from conftest import ROOT
from sitekit import converters

CONFIG = load_config(str(ROOT / "mkdocs.yml"))
EXTENSIONS, SETTINGS = CONFIG["markdown_extensions"], CONFIG["mdx_configs"]

WORD = st.sampled_from(["Қатар", "дипломатия", "Al Jazeera", "цифрлық", "soft power", "2017", "HTML", "QNA"])
TEXT = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
BLOCK = st.one_of(
    TEXT.map(lambda t: f"## {t}"),                                   # heading ids (toc), repeated titles
    TEXT.map(lambda t: f"{t}[^1]\n\n[^1]: {t}."),                    # footnotes
    TEXT.map(lambda t: f"{t} HTML\n\n*[HTML]: HyperText Markup Language"),  # abbreviations
    TEXT.map(lambda t: f"[{t}][ref]\n\n[ref]: https://example.org/{len(t)}"),  # reference links
    TEXT.map(lambda t: f"[{t}][ref]"),                                # a reference another page defined
    TEXT.map(lambda t: f'<div markdown="1">\n{t}\n</div>'),          # md_in_html, the HTML stash
    TEXT.map(lambda t: f"```python\nprint({t!r})\n```"),             # superfences, highlight
    TEXT.map(lambda t: f'!!! note "{t}"\n    {t}'),                  # admonition
    TEXT.map(lambda t: f"| a | b |\n| --- | --- |\n| {t} | {t} |"),  # tables
    TEXT.map(lambda t: f"{t} {{#custom-id .cls}}"),                  # attr_list
    TEXT,
)
PAGE = st.lists(BLOCK, min_size=1, max_size=6).map("\n\n".join)


def fresh(text: str) -> tuple[str, list]:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=SETTINGS)
    return md.convert(text), getattr(md, "toc_tokens", [])


@settings(max_examples=60, deadline=None)
@given(st.lists(PAGE, min_size=2, max_size=5))
def test_a_reused_converter_renders_every_page_as_a_fresh_one(pages):
    reuse = converters.Converters()
    for text in pages:
        md = reuse(extensions=EXTENSIONS, extension_configs=SETTINGS)
        assert (md.convert(text), getattr(md, "toc_tokens", [])) == fresh(text)


def test_another_configuration_gets_its_own_converter():
    reuse = converters.Converters()
    first = reuse(extensions=EXTENSIONS, extension_configs=SETTINGS)
    assert reuse(extensions=EXTENSIONS, extension_configs=SETTINGS) is first
    other = {**SETTINGS, "toc": {**SETTINGS["toc"], "permalink_title": "Сілтеме"}}
    second = reuse(extensions=EXTENSIONS, extension_configs=other)
    assert second is not first
    assert 'title="Сілтеме"' in second.convert("## Тақырып")
