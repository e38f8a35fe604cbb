"""The edition's notes (data/notes.yaml): one per unit at most, in both languages, facts cited."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.sources.citations import take_marks
from scripts.errors import SourceError
from scripts.model import LANGS, Note, Text
from scripts.sources.yamldata import read_yaml

FILE = "data/notes.yaml"


# A line break or space next to a Chinese character or full-width mark is YAML folding, not a space;
# between two Latin words (cooling equipment) it is one. A no-break space (2\u00a0°C) is the
# author's, never folding.
_FOLD = re.compile(r"[ \t\r\n]+")
_WIDE = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》（）]")


def join_chinese(text: str) -> str:
    """A Chinese note as written over several YAML lines: spaces only between two Latin words."""
    def keep(match: re.Match) -> str:
        before, after = text[match.start() - 1:match.start()], text[match.end():match.end() + 1]
        return "" if not before or not after or _WIDE.match(before) or _WIDE.match(after) else " "
    return _FOLD.sub(keep, text.strip(" \t\r\n"))


def join_latin(text: str) -> str:
    """An English note as written over several YAML lines: one space for each fold, no-break spaces kept."""
    return _FOLD.sub(" ", text.strip(" \t\r\n"))


def load_notes(root: Path, unit_ids: set[str], file: str = FILE) -> dict[str, Note]:
    """The notes of `file` (the edition's notes, or the translator's notes) by unit id."""
    data = read_yaml(root / file, file)
    notes = {}
    for unit_id in data.data or {}:
        if unit_id not in unit_ids:
            raise SourceError(data.where(unit_id), f"a note on '{unit_id}', which is not a unit", unit_id)
        raw = data.text(unit_id)
        texts, marks = {}, {}
        for lang in LANGS:
            texts[lang], marks[lang] = take_marks(join_latin(raw[lang]) if lang == "en" else
                                                  join_chinese(raw[lang]))
        notes[unit_id] = Note(unit=unit_id, text=Text(**texts), marks=marks, where=data.where(unit_id))
    return notes
