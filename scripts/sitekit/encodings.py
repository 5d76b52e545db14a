"""What a file that is not UTF-8 text most likely is, so that its author reads one clear message.

An editor that saves "Unicode" on Windows writes UTF-16 (or, rarely, UTF-32): every other byte of Latin
or Cyrillic text is then a NUL, which a UTF-8 reader would report once per character. MkDocs reads pages
as UTF-8 (a UTF-8 byte order mark is dropped) and stops on anything else.
"""
from __future__ import annotations

BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
        (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))
WITHOUT_BOM = (("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"))
SAMPLE = 4096  # bytes looked at (a whole number of UTF-32 units)


def foreign(data: bytes) -> str | None:
    """``UTF-16`` or ``UTF-32`` when ``data`` is text in that encoding (with or without a byte order mark),
    else None (UTF-8, or bytes that are no text of either)."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    if b"\x00" not in data[:SAMPLE]:
        return None
    sample = data[:SAMPLE]
    if sample.count(b"\x00") * 10 < len(sample) and _utf8(sample):
        return None  # UTF-8 text with a stray NUL (a control character, reported as such)
    for codec, name in WITHOUT_BOM:
        unit = 4 if name == "UTF-32" else 2
        try:
            text = sample[: len(sample) - len(sample) % unit].decode(codec)
        except UnicodeDecodeError:
            continue
        if text and not any(ord(c) < 32 and c not in "\t\n\r" for c in text):
            return name
    return None


def message(name: str) -> str:
    """The one finding about a file in ``name`` (an encoding of ``foreign``)."""
    return f"not UTF-8 text (looks like {name}; save it as UTF-8)"


def _utf8(sample: bytes) -> bool:
    """Whether ``sample`` (the start of a file) is UTF-8, a character cut at its end allowed."""
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data"
    return True
