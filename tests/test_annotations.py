"""Notes, footnotes, cross-references, references and glossary: the edition's own layer, kept apart."""

from __future__ import annotations

import re

import pytest

from tests.page_html import soup, statement_text


def footnotes_of(document) -> dict[int, tuple[str, str]]:
    """Footnote number → (reference key, wording) as the page shows them."""
    notes = {}
    for item in document.select(".edition-footnotes li"):
        number = int(item["id"].removeprefix("fn:"))
        key = item.select_one("a.edition-reference-link")["href"].rpartition("#ref-")[2]
        wording = " ".join(item.p.get_text().replace("↩︎", "").split())
        notes[number] = (key, wording)
    return notes


def cited_keys(document, unit_id: str) -> list[str]:
    """The references a unit's text cites on a page, read from its footnote marks."""
    notes = footnotes_of(document)
    body = document.find(id=unit_id).select_one(".edition-body")
    return [notes[int(ref.a.get_text())][0] for ref in body.select("sup.edition-fnref")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_footnotes_are_numbered_in_order_of_first_citation(site, statement, lang):
    for page in statement.pages:
        if page.kind not in ("section", "full_text", "parallel"):
            continue
        document = soup(site, page.url[lang])
        numbers = [int(ref.a.get_text()) for ref in document.select("sup.edition-fnref")]
        first_seen = list(dict.fromkeys(numbers))
        assert first_seen == list(range(1, len(first_seen) + 1)), page.url[lang]
        assert sorted(footnotes_of(document)) == first_seen, page.url[lang]
        for ref in document.select("sup.edition-fnref"):  # every mark has its way back
            assert document.select_one(f'a.footnote-backref[href="#{ref["id"]}"]'), ref["id"]


def test_footnote_wording_in_both_languages(site, statement):
    zh = {key: wording for key, wording in footnotes_of(soup(site, "cop28/")).values()}
    en = {key: wording for key, wording in footnotes_of(soup(site, "en/cop28/")).values()}
    assert zh["methane-summit-cop28"] == "COP28甲烷和非二氧化碳温室气体峰会，2023年12月2日，美国、中国和阿联酋。来源：新闻报道（路透社）。 文献条目"
    assert en["methane-summit-cop28"] == ("Methane and Non-CO2 Greenhouse Gases Summit at COP28, 2 December 2023, "
                                          "The United States, China and the United Arab Emirates. Source: News reports "
                                          "(Reuters). Reference entry")
    kigali = {key: wording for key, wording in footnotes_of(soup(site, "en/methane/")).values()}["kigali-amendment"]
    assert kigali.startswith("Kigali Amendment to the Montreal Protocol, 15 October 2016, Parties to the Montreal "
                             "Protocol. https://treaties.un.org/")
    # An address the edition could not confirm says so, in each language's own punctuation.
    for section in statement.sections:
        for lang, marker in (("zh", "（网址未经核实）"), ("en", " (address unverified)")):
            for key, wording in footnotes_of(soup(site, statement.page(section.id).url[lang])).values():
                reference = statement.reference(key)
                if reference.url:
                    assert (marker in wording) == (not reference.url_verified), (lang, key, wording)


def test_same_reference_same_wording_everywhere(site, statement):
    wordings: dict[tuple[str, str], set[str]] = {}
    for page in statement.pages:
        for lang in ("zh", "en"):
            for key, wording in footnotes_of(soup(site, page.url[lang])).values():
                wordings.setdefault((key, lang), set()).add(wording)
    assert wordings and all(len(found) == 1 for found in wordings.values())


def test_every_citing_unit_shows_its_references_in_both_languages(site, statement):
    for unit in statement.units():
        if not unit.references:
            continue
        for lang in ("zh", "en"):
            document = soup(site, statement.unit_url(unit, lang))
            assert set(cited_keys(document, unit.id)) == set(unit.references), (unit.id, lang)


def test_references_page_lists_exactly_the_citing_units(site, statement):
    for lang in ("zh", "en"):
        citing: dict[str, set[str]] = {}
        for section in statement.sections:  # read the citations off the section pages themselves
            document = soup(site, statement.page(section.id).url[lang])
            for unit in document.select("[data-unit]"):
                for key in cited_keys(document, unit["data-unit"]):
                    citing.setdefault(key, set()).add(unit["data-unit"])
        page = soup(site, statement.page("references").url[lang])
        listed = {entry["data-reference"]: {a["data-unit-link"] for a in entry.select("a[data-unit-link]")}
                  for entry in page.select(".edition-reference")}
        assert {key: units for key, units in listed.items() if units} == citing
        assert set(listed) == {ref.key for ref in statement.references}


def test_links_from_reference_to_clause_and_back(site, statement):
    page = soup(site, "en/references/")
    link = page.select_one('#ref-kigali-amendment + .edition-reference a[data-unit-link="p13"]')
    assert link["href"] == "../methane/#p13"
    methane = soup(site, "en/methane/")
    number = methane.select_one("#p13 sup.edition-fnref a")["href"]
    footnote = methane.select_one(f"{number.replace(':', chr(92) + ':')} a.edition-reference-link")
    assert footnote["href"] == "../references/#ref-kigali-amendment"


def test_cross_references_are_symmetric_and_shown(site, statement, statement_json):
    units = [statement_json["preamble"], *statement_json["clauses"],
             *(item for clause in statement_json["clauses"] for item in clause.get("items", []))]
    related = {unit["id"]: set(unit["see_also"]) for unit in units}
    assert any(related.values())
    for unit_id, others in related.items():
        for other in others:
            assert unit_id in related[other], f"{unit_id} → {other} but not back"
    document = soup(site, "en/ndcs-2035/")
    shown = [a["href"] for a in document.select("#p21 .edition-seealso a")]
    assert shown == ["../methane/#p11", "../cop28/#p23", "../cop28/#p24-6"]


def test_notes_never_enter_the_statements_text(site, statement, statement_json):
    notes = {unit_id: note for unit_id, note in statement.notes.items()}
    for unit in statement.units():
        for lang in ("zh", "en"):
            document = soup(site, statement.unit_url(unit, lang))
            element = document.find(id=unit.id)
            text = statement_text(element.select_one(".edition-body"))
            assert text == unit.text[lang]
            if unit.id in notes:
                note = element.select_one(":scope > details.edition-annotation")
                assert note is not None and note.has_attr("data-search-exclude")
                assert note.select_one(".edition-note").get_text()[:20] not in text
    for clause in statement_json["clauses"]:
        for record in [clause, *clause.get("items", [])]:
            for lang in ("zh", "en"):
                assert "[@" not in record[lang]
                if record["notes"]:
                    assert record["notes"][lang][:20] not in record[lang]


def test_glossary_page_is_complete_and_terms_are_explained_where_they_stand(site, statement):
    for lang in ("zh", "en"):
        page = soup(site, statement.page("glossary").url[lang])
        rows = {row["id"].removeprefix("term-"): row for row in page.select("tr[id]")}
        assert list(rows) == [term.key for term in statement.glossary]
        for term in statement.glossary:
            assert rows[term.key].th.get_text() == term[lang]
            assert rows[term.key].select("a"), f"{term.key} links to no unit"
    document = soup(site, "en/ndcs-2035/")
    term = document.select_one("#p21 a.edition-term")
    assert term.get_text() == "nationally determined contributions"
    assert document.find(id=term["aria-describedby"]).get_text() == statement.term("ndc").explanation.en


def test_statement_json_has_references_notes_and_pages(statement_json):
    assert set(statement_json["pages"]) >= {"references", "glossary"}
    assert statement_json["clauses"][12]["references"] == ["kigali-amendment"]
    assert statement_json["references"]["kigali-amendment"]["cited_by"] == ["p13"]
    assert re.match(r"^《基加利修正案》", statement_json["clauses"][12]["notes"]["zh"])
    assert statement_json["glossary"]["ndc"]["units"] == ["p11", "p21", "p24-6"]


@pytest.mark.browser
def test_glossary_explanation_on_focus_and_hover(page, server, statement):
    page.goto(server + "en/ndcs-2035/")
    term = page.locator("#p21 a.edition-term").first
    tip = page.locator("#tip-ndc")
    assert not tip.is_visible()
    term.focus()
    assert tip.is_visible() and tip.inner_text() == statement.term("ndc").explanation.en
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    term.hover()
    assert tip.is_visible()
    box, tip_box = term.bounding_box(), tip.bounding_box()
    assert tip_box["y"] >= box["y"] + box["height"]  # below the term, not over it


@pytest.mark.browser
def test_footnote_tooltip_shows_the_reference(page, server):
    page.goto(server + "en/methane/")
    page.hover("#p13 sup.edition-fnref a")
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text="Kigali Amendment")
    tooltip.first.wait_for(state="visible", timeout=3000)
