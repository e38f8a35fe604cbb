"""The rules of the English translation that the build enforces: fixed terms (data/terms.yaml), translator's
notes (data/translation-notes.yaml) and editorial insertions (`[+New Delhi+]` in the English sources).

The conventions page (docs/<lang>/translation.md) states the rules; the table of fixed terms on it is
generated from data/terms.yaml, so the page and the check cannot drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts.errors import SourceError
from scripts.model import FixedTerm, Location, Unit
from scripts.sources.yamldata import read_yaml

TERMS = "data/terms.yaml"
NOTES = "data/translation-notes.yaml"

# `[+words+]`: words the Chinese does not have, shown as [words] and marked as the edition's. Citation
# marks are taken out between the two steps, so insertions travel as one-character sentinels meanwhile.
INSERTION = re.compile(r"\[\+(?P<words>[^\[\]+]+)\+\]")
_OPEN, _CLOSE = "\x01", "\x02"


def mark_insertions(text: str) -> str:
    """`[+words+]` → sentinels around the words (before citation marks are taken out)."""
    return INSERTION.sub(lambda match: f"{_OPEN}{match['words']}{_CLOSE}", text)


def take_insertions(text: str, where: Location, unit_id: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text with each insertion shown in square brackets, and where each stands (brackets included).

    Any other square bracket would be an insertion that is not marked up: a silent addition."""
    for bracket in "[]":
        if bracket in text:
            at = text.index(bracket)
            raise SourceError(where, f"a square bracket at «{text[max(0, at - 10):at + 12]}» is not marked up: "
                              "write an editorial insertion as [+words+], or leave the words out", unit_id)
    spans = tuple((match.start(), match.end()) for match in re.finditer(f"{_OPEN}[^{_CLOSE}]*{_CLOSE}", text))
    return text.replace(_OPEN, "[").replace(_CLOSE, "]"), spans


def load_terms(root: Path) -> tuple[FixedTerm, ...]:
    data = read_yaml(root / TERMS, TERMS)
    terms = []
    for key, entry in data.entries("fixed term"):
        zh, en = entry.get("zh"), entry.get("en")
        if not isinstance(zh, str) or not zh or not isinstance(en, str) or not en:
            raise SourceError(data.where(key), "a fixed term needs 'zh' (as the statement writes it) and 'en' "
                              "(its one rendering)", key)
        forms = entry.get("forms", [])
        if not isinstance(forms, list) or not all(isinstance(form, str) for form in forms):
            raise SourceError(data.where(key, "forms"), "'forms' lists other forms of the rendering "
                              "(plural, capitalised …)", key)
        unless = entry.get("unless_in", [])
        if not isinstance(unless, list) or not all(isinstance(word, str) and zh in word for word in unless):
            raise SourceError(data.where(key, "unless_in"), f"'unless_in' lists longer words that hold {zh} "
                              "and are not the term (推动因素 for 推动)", key)
        note = data.text(key, "note") if "note" in entry else None
        terms.append(FixedTerm(key=key, zh=zh, en=en, forms=(en, *forms), unless_in=tuple(unless), note=note,
                               where=data.where(key)))
    return tuple(terms)


def check_terms(terms: tuple[FixedTerm, ...], units: list[Unit]) -> dict[str, tuple[str, ...]]:
    """Where a fixed term stands in the Chinese, its rendering stands in the English; returns term → units."""
    used: dict[str, list[str]] = {term.key: [] for term in terms}
    for unit in units:
        for term in terms:
            if not term.stands_in(unit.text.zh):
                continue
            english = unit.text.en.lower()
            if not any(form.lower() in english for form in term.forms):
                raise SourceError(unit.where["en"], f"the Chinese has {term.zh}, whose fixed rendering "
                                  f"'{term.en}' ({term.where}) is not in the English", unit.id)
            used[term.key].append(unit.id)
    for term in terms:
        if not used[term.key]:
            raise SourceError(term.where or Location(TERMS), f"{term.zh} stands in no unit of the statement", term.key)
    return {key: tuple(ids) for key, ids in used.items()}
