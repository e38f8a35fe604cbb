"""The Chinese text is sacred: every unit, heading and title the site shows equals the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.page_html import one, shown_units, soup

SHARED_SOURCE = Path(__file__).resolve().parents[2] / "shared" / "source" / "sunnylands-statement.zh.md"


def authority_units() -> list[str]:
    """The source's unit lines (preamble, clauses, items), in order, exactly as printed, read here without
    the edition's parser (as ../shared/source/README.md describes the file): the statement starts at the
    bold title; after it, every line that is neither blank nor a bold heading is a unit. The shared source
    where it stands beside this checkout, else its vendored copy (the two are compared above)."""
    path = SHARED_SOURCE if SHARED_SOURCE.exists() else Path(__file__).resolve().parents[1] / "data/authority.zh.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    title = next(number for number, line in enumerate(lines) if line.startswith("**"))
    return [line for line in lines[title + 1:] if line and not line.startswith("**")]


def test_vendored_source_is_the_shared_authority():
    if not SHARED_SOURCE.exists():
        pytest.skip("../shared/source is not beside this checkout")
    vendored = Path(__file__).resolve().parents[1] / "data" / "authority.zh.md"
    assert vendored.read_bytes() == SHARED_SOURCE.read_bytes()


def test_source_has_the_statement_structure(authority):
    kinds = [line.kind for line in authority.lines]
    assert kinds.count("title") == 1
    assert kinds.count("preamble") == 1
    assert kinds.count("clause") == 25
    assert kinds.count("heading") == 8
    assert kinds.count("item") == 10


@pytest.mark.parametrize("kind", ["section", "full_text", "parallel"])
def test_every_chinese_unit_in_the_html_equals_the_source(site, statement, kind):
    """The one test of the Chinese units' words on the pages (the English: test_statement_json)."""
    pages = [page for page in statement.pages if page.kind == kind]
    shown = [unit for page in pages for unit in shown_units(soup(site, page.url.zh)) if unit.lang == "zh-Hans"]
    assert [unit.display for unit in shown] == authority_units()


def test_chinese_pages_show_the_title_and_headings_as_the_source(site, statement, authority):
    source_headings = [line.text for line in authority.lines if line.kind == "heading"]
    title = next(line.text for line in authority.lines if line.kind == "title")
    full = soup(site, statement.page("full_text").url.zh)
    assert [h.get_text(strip=True) for h in full.select("h1.edition-heading")] == [title]
    assert [h.get_text(strip=True) for h in full.select("h2.edition-heading")] == source_headings
    section_headings = [one(soup(site, s.url.zh), "h1.edition-heading").get_text(strip=True)
                        for s in statement.pages if s.kind == "section"]
    assert section_headings == [title] + source_headings


def test_statement_json_chinese_equals_the_source(statement_json, authority):
    units = [statement_json["preamble"]]
    for clause in statement_json["clauses"]:
        units.append(clause)
        units.extend(clause.get("items", []))
    assert [u["label"]["zh"] + u["zh"] for u in units] == authority_units()
    assert statement_json["title"]["zh"] == next(line.text for line in authority.lines if line.kind == "title")
    headings = [s["heading"]["zh"] for s in statement_json["sections"] if s["heading"]]
    assert headings == [line.text for line in authority.lines if line.kind == "heading"]


def test_news_lead_is_provenance_not_statement_text(site, statement, statement_json, authority):
    assert statement_json["source"]["news_lead"] == authority.lead
    for page in statement.pages:
        for lang in ("zh", "en"):
            document = soup(site, page.url[lang])
            if page.kind == "home":  # shown as the source record, marked as news matter
                assert one(document, ".edition-news").get_text("\n", strip=True) == \
                    f"{authority.headline}\n{authority.lead}"
            else:
                assert authority.lead not in document.get_text()
