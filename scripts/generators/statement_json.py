"""`site/statement.json`: the machine-readable edition, and the one list of what the site holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scripts.generators.citation import csl, record
from scripts.dates import When
from scripts.sources.releases import CHANGE_KINDS
from scripts.sources.timeline import KINDS, RELATIONS, STATES, THEMES
from scripts.generators.pdf import pdf_paths
from scripts.model import LANGS, Note, OfficialText, Reference, Release, Statement, Target, Term, Text, Unit

SCHEMA_VERSION = 2  # 2: $schema, version, released, releases, history, translation notes, fixed terms, as_of
SCHEMA = Path(__file__).with_name("statement.schema.json")
SCHEMA_NAME = "statement.schema.json"  # beside statement.json in the site


def statement_schema() -> str:
    """The published schema: the file beside this module, with the vocabularies the loader enforces."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    target = schema["$defs"]["target"]["properties"]
    for name, values in (("kind", KINDS), ("theme", THEMES), ("relation", RELATIONS)):
        target[name]["enum"] = list(values)
    target["status"]["oneOf"][1]["properties"]["state"]["enum"] = list(STATES)
    schema["$defs"]["release"]["properties"]["changes"]["items"]["properties"]["kind"]["enum"] = list(CHANGE_KINDS)
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def statement_json(statement: Statement, site_url: str | None) -> str:
    """The edition as JSON text: stable key order, UTF-8 characters unescaped, one trailing newline."""
    return json.dumps(statement_dict(statement, site_url), ensure_ascii=False, indent=2) + "\n"


def statement_dict(statement: Statement, site_url: str | None) -> dict[str, Any]:
    def unit_record(unit: Unit) -> dict[str, Any]:
        return _unit(statement, unit) | {
            "cite": {lang: csl(record(statement, lang, site_url, unit), accessed=False) for lang in LANGS}}

    def with_items(unit: Unit) -> dict[str, Any]:
        data = unit_record(unit)
        if unit.items:
            data["items"] = [unit_record(item) for item in unit.items]
        return data

    return {
        "$schema": SCHEMA_NAME,
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
        "fixed_terms": {term.key: {"zh": term.zh, "en": term.en, "forms": list(term.forms),
                                   "units": list(statement.term_units[term.key])} for term in statement.terms},
        "targets": [_target(target) for target in statement.targets],
        "releases": [_release(statement, release) for release in statement.releases],
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
    data["notes"] = _note_text(note) | {"references": list(note.references)} if note else None
    translation_note = statement.translation_notes.get(unit.id)
    data["translation_notes"] = _note_text(translation_note) | {"references": list(translation_note.references)} \
        if translation_note else None
    if unit.insertions:
        data["insertions"] = [unit.text.en[start:end] for start, end in unit.insertions]
    data["see_also"] = list(statement.see_also.get(unit.id, ()))
    data["targets"] = [target.id for target in statement.targets_of(unit.id)]
    data["history"] = [{"version": w.version, "date": w.date, "text": _text(w.text),
                        "url": {lang: statement.entry_url("changelog", f"{unit.id}-v{w.version}", lang)
                                for lang in LANGS} if len(statement.history[unit.id]) > 1 else None,
                        "release_urls": {lang: statement.unit_url(unit, lang, w.version) for lang in LANGS}}
                       for w in statement.history.get(unit.id, ())]
    return data


def _release(statement: Statement, release: Release) -> dict[str, Any]:
    return {
        "version": release.version,
        "date": release.date,
        "urls": {lang: statement.release_url(release.version, lang) for lang in LANGS},
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


def iso8601(when: When) -> str:
    """A date as ISO 8601 writes it at its precision (2030, 2023-11, 2023-11-30), a span as an ISO 8601
    interval (2023-11-30/2023-12-13), and a half-year as the interval of its months (2024-01/2024-06):
    the data's 2024-H1 is no standard notation."""
    if when.precision == "half":
        return f"{when.start.isoformat()[:7]}/{when.end.isoformat()[:7]}"
    return when.iso


def _target(target: Target) -> dict[str, Any]:
    start, _, end = iso8601(target.when).partition("/")
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
        "relation": target.relation,
        "status": {"state": target.status.state, "date": iso8601(target.status.when) if target.status.when else None,
                   "as_of": iso8601(target.status.as_of), "source": target.status.source,
                   "note": _text(target.status.note)} if target.status else None,
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


def _note_text(note: Note) -> dict[str, str]:
    """A note's words as a reader reads them: the space an English source wrote before a mark
    ("2022 [@key].") goes with the mark, as the pages' calls sit against the word ("2022.")."""
    texts: dict[str, str] = {}
    for lang in LANGS:
        text = note.text[lang]
        for mark in sorted(note.marks.get(lang, ()), key=lambda mark: mark.offset, reverse=True):
            if text[mark.offset - 1:mark.offset].isspace():
                text = text[:mark.offset - 1] + text[mark.offset:]
        texts[lang] = text
    return texts


def _text(value: Text) -> dict[str, str]:
    return {lang: value[lang] for lang in LANGS}
