"""`[@key]` citation marks in a text: taken out of the text, remembered with their place."""

from __future__ import annotations

import re

from scripts.model import Mark

CITATION = re.compile(r"\[@([^\]\s]*)\]")
KEY = re.compile(r"[a-z0-9][a-z0-9-]*")


def take_marks(text: str) -> tuple[str, tuple[Mark, ...]]:
    """The text without its marks, and the marks at the offsets they stood at in that text."""
    plain, marks, last = [], [], 0
    for match in CITATION.finditer(text):
        plain.append(text[last:match.start()])
        marks.append(Mark(offset=sum(len(part) for part in plain), key=match[1]))
        last = match.end()
    plain.append(text[last:])
    return "".join(plain), tuple(marks)
