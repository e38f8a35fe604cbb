"""`site/statement.json`: the machine-readable edition, and the one list of what the site holds."""

from __future__ import annotations

import json
from typing import Any

from scripts.model import LANGS, OfficialText, Reference, Statement, Term, Text, Unit

SCHEMA_VERSION = 1


def statement_json(statement: Statement) -> str:
    """The edition as JSON text: stable key order, UTF-8 characters unescaped, one trailing newline."""
    return json.dumps(statement_dict(statement), ensure_ascii=False, indent=2) + "\n"


def statement_dict(statement: Statement) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "title": _text(statement.title),
        "source": {
            "authoritative": "zh",
            "news_headline": statement.source.headline,
            "news_lead": statement.source.lead,
            "official_texts": [_official(text) for text in statement.source.official],
            "translation": {"en": {"official": False, "note": _text(statement.source.translation_note)}},
        },
        "preamble": _unit(statement, statement.preamble),
        "sections": [
            {
                "id": section.id,
                "title": _text(section.title),
                "heading": _text(section.heading) if section.heading else None,
                "clauses": [unit.n for unit in section.units if unit.kind == "clause"],
                "units": [unit.id for unit in section.units],
                "urls": _text(statement.page(section.id).url),
            }
            for section in statement.sections
        ],
        "clauses": [_unit(statement, clause) for clause in statement.clauses],
        "references": {ref.key: _reference(statement, ref) for ref in statement.references},
        "glossary": {term.key: _term(statement, term) for term in statement.glossary},
        "pages": {
            page.key: _text(page.url) for page in statement.pages if page.kind != "section"
        } | {"sections": {page.key: _text(page.url) for page in statement.pages if page.kind == "section"}},
    }


def _unit(statement: Statement, unit: Unit) -> dict[str, Any]:
    record: dict[str, Any] = {"id": unit.id}
    if unit.kind == "clause":
        record["n"] = unit.n
    record["section"] = unit.section
    record |= {lang: unit.text[lang] for lang in LANGS}
    record["label"] = _text(unit.label)
    record["urls"] = {lang: statement.unit_url(unit, lang) for lang in LANGS}
    record["references"] = list(unit.references)
    note = statement.notes.get(unit.id)
    record["notes"] = _text(note.text) | {"references": list(note.references)} if note else None
    record["see_also"] = list(statement.see_also.get(unit.id, ()))
    if unit.items:
        record["items"] = [_unit(statement, item) for item in unit.items]
    return record


def _reference(statement: Statement, ref: Reference) -> dict[str, Any]:
    return {
        "title": _text(ref.title),
        "date": ref.when.iso,
        "body": _text(ref.body),
        "url": ref.url,
        "url_verified": ref.url_verified if ref.url else None,
        "source": _text(ref.source) if ref.source else None,
        "part_of": ref.part_of,
        "note": _text(ref.note),
        "cited_by": [unit.id for unit in statement.citing_units(ref.key)],
        "cited_in_notes_on": [unit.id for unit in statement.noting_units(ref.key)],
        "urls": {lang: f"{statement.page('references').url[lang]}#ref-{ref.key}" for lang in LANGS},
    }


def _term(statement: Statement, term: Term) -> dict[str, Any]:
    return {
        "zh": term.zh,
        "en": term.en,
        "explanation": _text(term.explanation),
        "units": [unit.id for unit in statement.units_using(term.key)],
        "urls": {lang: f"{statement.page('glossary').url[lang]}#term-{term.key}" for lang in LANGS},
    }


def _official(text: OfficialText) -> dict[str, Any]:
    return {
        "lang": text.lang,
        "publisher": _text(text.publisher),
        "date": text.date,
        "form": _text(text.form),
        "carried_by": _text(text.carried_by) if text.carried_by else None,
        "url": text.url,
        "url_verified": text.url_verified,
        "reported_at": text.reported_at,
    }


def _text(value: Text) -> dict[str, str]:
    return {lang: value[lang] for lang in LANGS}
