"""The edition's notes (data/notes.yaml): one per unit at most, in both languages, facts cited."""

from __future__ import annotations

from pathlib import Path

from scripts.citations import take_marks
from scripts.errors import SourceError
from scripts.model import LANGS, Note, Text
from scripts.yamldata import read_yaml

FILE = "data/notes.yaml"


def load_notes(root: Path, unit_ids: set[str]) -> dict[str, Note]:
    data = read_yaml(root / FILE, FILE)
    notes = {}
    for unit_id in data.data or {}:
        if unit_id not in unit_ids:
            raise SourceError(data.where(unit_id), f"a note on '{unit_id}', which is not a unit", unit_id)
        raw = data.text(unit_id)
        texts, marks = {}, {}
        for lang in LANGS:
            texts[lang], marks[lang] = take_marks(" ".join(raw[lang].split()) if lang == "en" else
                                                  "".join(raw[lang].split()))
        notes[unit_id] = Note(unit=unit_id, text=Text(**texts), marks=marks, where=data.where(unit_id))
    return notes
