"""One finding and its three printed forms: text, JSON and GitHub workflow annotations."""
from __future__ import annotations

import dataclasses
import json
import re

# What a line of text output may not carry as it is: a line break would start another line (in a CI log, a
# line starting with :: is a GitHub workflow command), other control characters and the bidirectional
# overrides would rewrite what a terminal shows.
UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` on one line, each control character written as an escape (``\\n``, ``\\x1b``, ``\\u202e``)."""
    if not UNPRINTABLE.search(text):
        return text
    return UNPRINTABLE.sub(lambda m: {"\n": "\\n", "\r": "\\r"}.get(m.group(0)) or
                           (f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}"), text)


@dataclasses.dataclass(frozen=True, order=True)
class Finding:
    path: str            # repo-relative POSIX path
    line: int            # 1-based
    check: str
    message: str         # lowercase, names the other file and found/expected values
    other_path: str | None = None
    other_line: int | None = None
    waived: str | None = None   # the waiver's reason: accepted, listed, does not fail
    acknowledged: bool = False  # `translation: stale` in the front matter: listed, does not fail

    @property
    def fails(self) -> bool:
        return self.waived is None and not self.acknowledged

    def text(self) -> str:
        out = f"{self.path}:{self.line}: {self.message} [{self.check}]"
        if self.waived is not None:
            out += f" (waived: {self.waived})"
        elif self.acknowledged:
            out += " (acknowledged: translation: stale)"
        return printable(out)

    def as_dict(self) -> dict:
        return {
            "path": self.path, "line": self.line, "check": self.check, "message": self.message,
            "waived": self.waived is not None, "reason": self.waived, "acknowledged": self.acknowledged,
            "other_path": self.other_path, "other_line": self.other_line,
        }

    def github(self) -> str:
        level = "error" if self.fails else "notice"
        note = "" if self.fails else (f" (waived: {self.waived})" if self.waived is not None else " (acknowledged)")
        return (f"::{level} file={_prop(self.path)},line={self.line},title={_prop(f'i18ncheck {self.check}')}"
                f"::{_data(self.message + note)}")


def _data(value: str) -> str:
    return printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


FORMATS = {
    "text": lambda findings: "".join(f.text() + "\n" for f in findings),
    "json": lambda findings: json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2) + "\n",
    "github": lambda findings: "".join(f.github() + "\n" for f in findings),
}


def summary(findings: list[Finding], files: int) -> str:
    """The one line on stderr: ``i18ncheck: 3 findings (1 waived, 1 acknowledged stale) in 27 files``."""
    if not findings:
        return f"i18ncheck: no findings in {files} files"
    waived = sum(f.waived is not None for f in findings)
    acknowledged = sum(f.acknowledged for f in findings)
    notes = [f"{n} {label}" for n, label in ((waived, "waived"), (acknowledged, "acknowledged stale")) if n]
    noun = "finding" if len(findings) == 1 else "findings"
    detail = f" ({', '.join(notes)})" if notes else ""
    return f"i18ncheck: {len(findings)} {noun}{detail} in {files} files"
