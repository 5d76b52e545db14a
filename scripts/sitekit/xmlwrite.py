"""XML the site writes (feeds, sitemaps), built as element trees and serialized by ``xml.etree``.

Nothing is written from string templates: the serializer escapes ``&``, ``<``, ``>`` and quotes in text
and attributes, so a title holding ``&``, ``<script>`` or ``]]>`` stays text. What XML 1.0 cannot carry
at all (control characters other than tab, line feed and carriage return; lone surrogates; U+FFFE and
U+FFFF) is dropped from the text first: an escaped control character is still not well-formed XML. The
translation check reports such characters in front matter; this is the last line of defence.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
# Characters outside XML 1.0's Char production (https://www.w3.org/TR/xml/#charsets).
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def text(value: object) -> str:
    """``value`` as text XML 1.0 can hold: the characters it cannot are removed."""
    return NOT_XML.sub("", str(value))


def element(parent: ET.Element | None, tag: str, content: object = None, **attributes: object) -> ET.Element:
    """A new element (under ``parent`` if given) with cleaned text and attributes.

    A double underscore in an attribute's keyword stands for a colon (``xmlns__atom=`` is ``xmlns:atom``)."""
    attrib = {name.rstrip("_").replace("__", ":"): text(value) for name, value in attributes.items()}
    node = ET.Element(tag, attrib) if parent is None else ET.SubElement(parent, tag, attrib)
    if content is not None:
        node.text = text(content)
    return node


def serialize(root: ET.Element) -> str:
    """The document of ``root``: the UTF-8 declaration, then the tree indented by two spaces.

    Namespaces are declared as ``xmlns``/``xmlns:prefix`` attributes of the root and prefixed names used
    as written (``xhtml:link``), so the output carries the conventional prefixes and ElementTree's global
    prefix registry is left alone."""
    ET.indent(root, space="  ")
    return DECLARATION + ET.tostring(root, encoding="unicode") + "\n"
