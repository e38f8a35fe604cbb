"""`site/statement.json`: the machine-readable edition, and the one list of what the site holds."""

from __future__ import annotations

import json
from typing import Any

from scripts.citation import csl, record
from scripts.pdf import pdf_paths
from scripts.model import LANGS, OfficialText, Reference, Release, Statement, Target, Term, Text, Unit

SCHEMA_VERSION = 1


def statement_json(statement: Statement, site_url: str) -> str:
    """The edition as JSON text: stable key order, UTF-8 characters unescaped, one trailing newline."""
    return json.dumps(statement_dict(statement, site_url), ensure_ascii=False, indent=2) + "\n"


def statement_dict(statement: Statement, site_url: str) -> dict[str, Any]:
    def unit_record(unit: Unit) -> dict[str, Any]:
        return _unit(statement, unit) | {
            "cite": {lang: csl(record(statement, lang, site_url, unit), accessed=False) for lang in LANGS}}

    def with_items(unit: Unit) -> dict[str, Any]:
        data = unit_record(unit)
        if unit.items:
            data["items"] = [unit_record(item) for item in unit.items]
        return data

    return {
        "schema_version": SCHEMA_VERSION,
        "version": statement.release.version,
        "released": statement.release.date,
        "title": _text(statement.title),
        "source": {
            "authoritative": "zh",
            "news_headline": statement.source.headline,
            "news_lead": statement.source.lead,
            "official_texts": [_official(text) for text in statement.source.official],
            "translation": {"en": {"official": False, "note": _text(statement.source.translation_note)}},
        },
        "cite": {lang: csl(record(statement, lang, site_url), accessed=False) for lang in LANGS},
        "preamble": with_items(statement.preamble),
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
        "clauses": [with_items(clause) for clause in statement.clauses],
        "references": {ref.key: _reference(statement, ref) for ref in statement.references},
        "glossary": {term.key: _term(statement, term) for term in statement.glossary},
        "targets": [_target(target) for target in statement.targets],
        "releases": [_release(release) for release in statement.releases],
        "pdf": pdf_paths(),
        "pages": {
            page.key: _text(page.url) for page in statement.pages if page.kind != "section"
        } | {"sections": {page.key: _text(page.url) for page in statement.pages if page.kind == "section"}},
    }


def _unit(statement: Statement, unit: Unit) -> dict[str, Any]:
    data: dict[str, Any] = {"id": unit.id}
    if unit.kind == "clause":
        data["n"] = unit.n
    data["section"] = unit.section
    data |= {lang: unit.text[lang] for lang in LANGS}
    data["label"] = _text(unit.label)
    data["urls"] = {lang: statement.unit_url(unit, lang) for lang in LANGS}
    data["references"] = list(unit.references)
    note = statement.notes.get(unit.id)
    data["notes"] = _text(note.text) | {"references": list(note.references)} if note else None
    data["see_also"] = list(statement.see_also.get(unit.id, ()))
    data["targets"] = [target.id for target in statement.targets_of(unit.id)]
    data["history"] = [{"version": w.version, "date": w.date, "text": _text(w.text),
                        "url": {lang: statement.entry_url("changelog", f"{unit.id}-v{w.version}", lang)
                                for lang in LANGS} if len(statement.history[unit.id]) > 1 else None}
                       for w in statement.history.get(unit.id, ())]
    return data


def _release(release: Release) -> dict[str, Any]:
    return {
        "version": release.version,
        "date": release.date,
        "summary": _text(release.summary),
        "changes": [{"kind": change.kind, "units": list(change.units), "note": _text(change.note)}
                    for change in release.changes],
    }


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
        "urls": {lang: statement.entry_url("references", ref.key, lang) for lang in LANGS},
    }


def _term(statement: Statement, term: Term) -> dict[str, Any]:
    return {
        "zh": term.zh,
        "en": term.en,
        "explanation": _text(term.explanation),
        "units": [unit.id for unit in statement.units_using(term.key)],
        "urls": {lang: statement.entry_url("glossary", term.key, lang) for lang in LANGS},
    }


def _target(target: Target) -> dict[str, Any]:
    """Dates in ISO 8601 as the data writes them: 2030, 2024-H1 (a half-year), 2023-11, 2023-11-30."""
    start, _, end = target.when.iso.partition("/")
    return {
        "id": target.id,
        "date": start,
        **({"end": end} if end else {}),
        "precision": target.when.precision,
        "kind": target.kind,
        "theme": target.theme,
        "clauses": list(dict.fromkeys("preamble" if unit_id == "preamble" else int(unit_id[1:].split("-")[0])
                                      for unit_id in target.units)),
        "units": list(target.units),
        "label": _text(target.label),
        "status": {"state": target.status.state, "date": target.status.when.iso, "note": _text(target.status.note),
                   "source": target.status.source} if target.status else None,
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
