"""The glossary (data/glossary.yaml), and where its terms stand in the statement's text."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.errors import SourceError
from scripts.model import Lang, Location, Span, Term, Unit
from scripts.sources.yamldata import read_yaml

FILE = "data/glossary.yaml"


def load_glossary(root: Path) -> tuple[Term, ...]:
    data = read_yaml(root / FILE, FILE)
    terms = []
    for key, entry in data.entries("term"):
        for field in ("zh", "en"):
            if not isinstance(entry.get(field), str) or not entry[field].strip():
                raise SourceError(data.where(key, field), f"term '{key}' has no '{field}' form", key)
        match = entry.get("match", [])
        if not isinstance(match, list) or not match or not all(isinstance(form, str) for form in match):
            raise SourceError(data.where(key, "match"), "'match' lists the term's English forms", key)
        terms.append(Term(key=key, zh=entry["zh"], en=entry["en"], match=tuple(match),
                          explanation=data.text(key, "explanation"), where=data.where(key)))
    return tuple(terms)


def term_spans(terms: tuple[Term, ...], units: list[Unit]) -> dict[tuple[str, Lang], tuple[Span, ...]]:
    """The first occurrence of each term in each unit's text, longest terms first, never overlapping."""
    spans: dict[tuple[str, Lang], tuple[Span, ...]] = {}
    for unit in units:
        for lang in ("zh", "en"):
            text = unit.text[lang]
            taken: list[Span] = []
            for term in sorted(terms, key=lambda t: -len(t.zh if lang == "zh" else t.en)):
                found = _find(term, text, lang)
                if found and not any(found[0] < span.end and span.start < found[1] for span in taken):
                    taken.append(Span(found[0], found[1], term.key))
            if taken:
                spans[(unit.id, lang)] = tuple(sorted(taken, key=lambda span: span.start))
    for term in terms:
        if not any(span.term == term.key for (_, lang), found in spans.items() if lang == "zh" for span in found):
            raise SourceError(term.where or Location(FILE),
                              f"the Chinese form '{term.zh}' occurs nowhere in the statement's text", term.key)
    # A term marked in a unit's Chinese is marked in its English too: otherwise its 'match' misses the
    # rendering the English uses, and the English reader never sees the explanation.
    by_key = {term.key: term for term in terms}
    for unit in units:
        english = {span.term for span in spans.get((unit.id, "en"), ())}
        for span in spans.get((unit.id, "zh"), ()):
            if span.term not in english:
                term = by_key[span.term]
                raise SourceError(unit.where["en"], f"the Chinese has the glossary term {term.zh}, but none of its "
                                  f"English forms {list(term.match)} ({term.where}) is in the English", unit.id)
    return spans


def _find(term: Term, text: str, lang: Lang) -> tuple[int, int] | None:
    if lang == "zh":
        start = text.find(term.zh)
        return (start, start + len(term.zh)) if start >= 0 else None
    pattern = re.compile(r"\b(" + "|".join(re.escape(form) for form in term.match) + r")\b")
    match = pattern.search(text)
    return match.span() if match else None
