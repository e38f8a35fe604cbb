"""`site/statement.json`: the machine-readable edition, and the one list of what the site holds."""

from __future__ import annotations

import json
from typing import Any

from scripts.model import LANGS, OfficialText, Statement, Text, Unit

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
    if unit.items:
        record["items"] = [_unit(statement, item) for item in unit.items]
    return record


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
