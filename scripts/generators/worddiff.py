"""A word-level diff of two wordings of a unit, for the reader: what was deleted, what was inserted.

English is compared word by word (a word keeps its punctuation); Chinese, which has no spaces, character
by character. The pieces joined in order, without the deletions, give the later wording; without the
insertions, the earlier one.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

Op = Literal["same", "del", "ins"]
_TOKEN = re.compile(r"\s+|[^\s]+")


def tokens(text: str, lang: str) -> list[str]:
    return list(text) if lang == "zh" else _TOKEN.findall(text)


def word_diff(before: str, after: str, lang: str = "en") -> list[tuple[Op, str]]:
    """The pieces of the change from `before` to `after`, adjacent pieces of one kind merged."""
    return list(_word_diff(before, after, lang))


@lru_cache(maxsize=1024)  # the preview's warm process renders the same histories on every edit
def _word_diff(before: str, after: str, lang: str) -> tuple[tuple[Op, str], ...]:
    a, b = tokens(before, lang), tokens(after, lang)
    pieces: list[tuple[Op, str]] = []

    def add(op: Op, words: list[str]) -> None:
        text = "".join(words)
        if not text:
            return
        if pieces and pieces[-1][0] == op:
            pieces[-1] = (op, pieces[-1][1] + text)
        else:
            pieces.append((op, text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("same", a[i1:i2])
        else:
            add("del", a[i1:i2])
            add("ins", b[j1:j2])
    return tuple(pieces)
