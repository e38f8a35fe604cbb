"""site/statement.json: the machine-readable edition, complete and consistent with the pages."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from tests.page_html import shown_units, soup


def test_shape(statement_json):
    assert set(statement_json) >= {"title", "source", "preamble", "sections", "clauses", "pages"}
    assert [c["n"] for c in statement_json["clauses"]] == list(range(1, 26))
    assert [len(c.get("items", [])) for c in statement_json["clauses"]].count(10) == 1
    assert len(statement_json["clauses"][23]["items"]) == 10
    # by hand from data/authority.zh.md: the paragraphs under each bold heading (README, "Sections")
    assert [s["clauses"] for s in statement_json["sections"]] == [
        [1, 2, 3, 4, 5], [6, 7, 8, 9], [10, 11, 12, 13], [14, 15], [16, 17, 18], [19], [20], [21],
        [22, 23, 24, 25]]


def test_texts_are_plain_and_without_clause_numbers(statement_json):
    for clause in statement_json["clauses"]:
        assert not re.match(r"^[一二三四五六七八九十]+、", clause["zh"])
        assert not re.match(r"^\d+\.", clause["en"])
        assert "<" not in clause["zh"] + clause["en"]
    assert statement_json["clauses"][5]["label"] == {"zh": "六、", "en": "6."}


def test_notes_read_without_a_space_where_a_citation_stood(statement_json):
    # the marks leave the text, and their space with them: no "2022 ." or "Environment ;" in the data
    units = [unit for clause in statement_json["clauses"] for unit in [clause, *clause.get("items", [])]]
    texts = [unit[field][lang] for unit in [statement_json["preamble"], *units]
             for field in ("notes", "translation_notes") if unit.get(field) for lang in ("zh", "en")]
    assert len(texts) > 40
    stray = [match[0] for text in texts if (match := re.search(r".{0,20}\w [.,;:)].{0,10}", text))]
    assert stray == []


def test_pages_and_their_urls(site, statement_json):
    pages = statement_json["pages"]
    assert pages["home"] == {"zh": "", "en": "en/"}
    assert pages["full_text"] == {"zh": "text/", "en": "en/text/"}
    assert pages["parallel"] == {"zh": "parallel/", "en": "en/parallel/"}
    urls = [pages["home"], pages["full_text"], pages["parallel"], *pages["sections"].values()]
    for pair in urls:
        for url in pair.values():
            assert not url.startswith("/")
            assert (site / url / "index.html").exists(), url


def english_source_lines() -> dict[str, str]:
    """Each unit's English as the translator wrote it in docs/en/, read here without the loader: the line
    after `{#id}` and its label (`6.`, `—`; the preamble has none), the `[@key]` marks taken out and an
    editorial insertion `[+words+]` shown as `[words]` (ARCHITECTURE.md, "Markup of the sources")."""
    lines = {}
    for path in (ROOT / "docs/en").glob("*.md"):
        for unit_id, text in re.findall(r"^\{#([\w-]+)\} (?:(?:\d+\.|—) )?(.*)$", path.read_text(encoding="utf-8"),
                                        re.M):
            lines[unit_id] = re.sub(r"\[\+(.*?)\+\]", r"[\1]", re.sub(r"\[@[\w-]+\]", "", text))
    return lines


def test_english_texts_are_the_translators_lines(site, statement, statement_json):
    """The one test of the English units' words, on every page that shows them and in statement.json (the
    Chinese: test_chinese_text, against the authority)."""
    expected = english_source_lines()
    assert len(expected) == 36  # the preamble, ¶1–25 and the ten items of ¶24
    for kind in ("section", "full_text", "parallel"):
        shown = [(unit.id, unit.body) for page in statement.pages if page.kind == kind
                 for unit in shown_units(soup(site, page.url.en)) if unit.lang == "en"]
        assert len(shown) == len(expected) and dict(shown) == expected, kind
    units = [statement_json["preamble"], *statement_json["clauses"],
             *(item for clause in statement_json["clauses"] for item in clause.get("items", []))]
    assert {unit["id"]: unit["en"] for unit in units} == expected


def test_source_names_both_official_texts(statement_json):
    official = {text["lang"]: text for text in statement_json["source"]["official_texts"]}
    assert official["zh"]["date"] == "2023-11-15"
    assert official["zh"]["publisher"]["en"].startswith("Ministry of Ecology and Environment")
    assert official["en"]["date"] == "2023-11-14"
    assert official["en"]["publisher"]["en"].startswith("U.S. Department of State")
    assert statement_json["source"]["translation"]["en"]["official"] is False


def test_statement_json_validates_against_its_published_schema(site, statement_json):
    """The site publishes its schema beside the data, and the data names it; a real validator checks both."""
    import json

    from jsonschema import Draft202012Validator
    schema = json.loads((site / statement_json["$schema"]).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    errors = sorted(Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
                    .iter_errors(statement_json), key=lambda error: list(error.path))
    assert [f"{list(error.path)}: {error.message}" for error in errors] == []


def test_the_schema_rejects_what_it_should(site, statement_json):
    """The schema is not a formality: a half-year in the data's own notation, an unknown state, a unit
    without history, and an extra field are each refused."""
    import copy
    import json

    from jsonschema import Draft202012Validator
    validator = Draft202012Validator(json.loads((site / "statement.schema.json").read_text(encoding="utf-8")))
    broken = []
    for change in (lambda d: d["targets"][0].update(date="2024-H1"),
                   lambda d: next(t for t in d["targets"] if t["status"])["status"].update(state="done"),
                   lambda d: d["clauses"][5].update(history=[]),
                   lambda d: d.update(surprise=True)):
        data = copy.deepcopy(statement_json)
        change(data)
        broken.append(not validator.is_valid(data))
    assert broken == [True, True, True, True]
