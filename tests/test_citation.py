"""Citing: every format from one record, correct, parseable, escaped; metadata reference managers read."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import date

import pytest
from pybtex.database import parse_string

from scripts.generators.citation import citations, fill_accessed, record
from tests.page_html import as_set, attr, one, soup

SITE = "https://sunnylands-statement.example/"
DAY = date(2026, 11, 25)


def formats(statement, lang, unit_id=None):
    unit = statement.unit(unit_id) if unit_id else None
    return {name: fill_accessed(text, DAY) for name, text in citations(record(statement, lang, SITE, unit)).items()}


def test_whole_statement_cites_the_home_page(statement):
    assert formats(statement, "zh")["gbt7714-2025"].endswith("[2026-11-25]. https://sunnylands-statement.example/.")
    assert formats(statement, "en")["ris"].splitlines()[-2] == "Y2  - 2026/11/25/"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_format_names_the_release(statement, lang):
    """A reader must know which release they cited: each format carries its version."""
    version = statement.release.version
    cited = formats(statement, lang, "p6")
    entry = parse_string(cited["bibtex"], "bibtex").entries[f"sunnylands-2023-p6-{lang}"]
    assert entry.fields["version"] == version
    assert f"ET  - {version}" in cited["ris"].splitlines()
    assert json.loads(cited["csl-json"])[0]["version"] == version
    for name in ("gbt7714-2025", "gbt7714-2015", "apa", "chicago-note", "chicago-bibliography"):
        assert version in cited[name], name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_units_bibtex_parses(statement, lang):
    for unit in [None, *statement.units()]:
        entry_key = f"sunnylands-2023-{unit.id if unit else 'statement'}-{lang}"
        text = formats(statement, lang, unit.id if unit else None)["bibtex"]
        entry = parse_string(text, "bibtex").entries[entry_key]
        assert entry.type == "online"
        assert [str(person).strip("{}") for person in entry.persons["author"]] == list(record(statement, lang, SITE).authors)
        assert entry.fields["url"].endswith(statement.unit_url(unit, lang) if unit else statement.page("home").url[lang])
        assert entry.fields["urldate"] == "2026-11-25"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ris_has_its_required_tags(statement, lang):
    lines = formats(statement, lang, "p13")["ris"].splitlines()
    tags = [line[:2] for line in lines]
    assert tags[0] == "TY" and lines[0] == "TY  - ELEC"
    assert lines[-1] == "ER  - "
    assert {"AU", "TI", "PY", "DA", "UR", "Y2"} <= set(tags)
    assert all(line[2:6] == "  - " for line in lines)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_csl_json_validates_and_renders_through_citeproc(statement, lang):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(formats(statement, lang, "p21")["csl-json"])
    assert items[0]["type"] == "webpage" and items[0]["accessed"] == {"date-parts": [[2026, 11, 25]]}
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=True)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    rendered = str(bibliography.bibliography()[0])
    issued = items[0]["issued"]["date-parts"][0][0]  # the translation's release for the English
    assert statement.title[lang] in rendered and str(issued) in rendered


def test_strings_are_escaped_for_each_format(statement):
    nasty = replace(record(statement, "en", SITE, statement.unit("p6")),
                    title='Fish & Chips {50%} "quoted" #1 $x_y', publisher="A\nB")
    text = {name: fill_accessed(value, DAY) for name, value in citations(nasty).items()}
    entry = parse_string(text["bibtex"], "bibtex").entries[nasty.key]
    assert entry.fields["title"] == r'{Fish \& Chips \{50\%\} "quoted" \#1 \$x\_y}'
    assert json.loads(text["csl-json"])[0]["title"] == nasty.title
    assert "TI  - Fish & Chips {50%} \"quoted\" #1 $x_y, para. 6" in text["ris"].splitlines()
    assert "PB  - A B" in text["ris"].splitlines()


def test_statement_json_has_a_cite_record_per_unit(statement_json):
    assert statement_json["cite"]["zh"]["title"] == "关于加强合作应对气候危机的阳光之乡声明"
    assert statement_json["clauses"][5]["cite"]["en"]["section"] == "para. 6"
    assert statement_json["clauses"][23]["items"][2]["cite"]["zh"]["section"] == "第二十四条第三项"
    assert "accessed" not in statement_json["clauses"][5]["cite"]["en"]  # the reader's date, not the build's
    assert statement_json["pages"]["cite"] == {"zh": "cite/", "en": "en/cite/"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_clause_pages_carry_citation_metadata_and_json_ld(site, statement, lang):
    for section in statement.sections:
        document = soup(site, statement.page(section.id).url[lang])
        meta: dict[str, list[str]] = {}
        for tag in document.select("meta[name], meta[property]"):
            name = attr(tag, "name") if tag.has_attr("name") else attr(tag, "property")
            meta.setdefault(name, []).append(attr(tag, "content"))
        assert meta["citation_title"] == [statement.title[lang]]
        # Embedded Metadata splits a Latin-script citation_author into a person's names: English pages
        # name the states in their COinS alone.
        assert len(meta.get("citation_author", [])) == (2 if lang == "zh" else 0)
        assert meta["citation_publication_date"] == ["2023/11/15"]
        assert meta["citation_language"] == ["zh-Hans" if lang == "zh" else "en"]
        assert "DC.type" not in meta and "citation_journal_title" not in meta  # Zotero printed "[Text]"
        assert "og:url" not in meta and "citation_public_url" not in meta  # the test build has no address
        assert meta["og:title"] and meta["og:description"]
        data = json.loads(one(document, 'script[type="application/ld+json"]').get_text())
        assert data["@context"] == "https://schema.org" and data["@type"] == "Legislation"
        assert data["legislationDate"] == "2023-11-15"
        assert [part["url"] for part in data["hasPart"]] == [
            "#" + u.id for top in section.units for u in (top, *top.items)]  # relative: no address is known


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_cite_panel_has_a_tab_per_format_holding_the_citation_as_text(site, statement, lang):
    """Data is never markup: each tab's citation reads exactly as the format writes it (its *, _, [, <, &
    escaped), with the access date as a slot the browser fills."""
    for section in statement.sections:
        document = soup(site, statement.page(section.id).url[lang])
        for unit in (u for top in section.units for u in (top, *top.items)):
            panel = one(document, f"#cite-{unit.id}")
            names = [attr(label, "for").removeprefix(f"cite-{unit.id}-tab-")
                     for label in panel.select(".tabbed-labels > label")]
            expected = citations(record(statement, lang, None, unit))  # the test build knows no address
            assert names == list(expected)
            for name, text in expected.items():
                shown = copy.copy(one(panel, f"#cite-{unit.id}-{name}"))  # the page's tree is shared: change a copy
                for slot in shown.select(".edition-accessed"):
                    slot.replace_with(f"{{accessed:{attr(slot, 'data-form')}}}")
                assert shown.get_text() == text, (unit.id, name)
                assert not shown.find_all(lambda tag: tag.name not in ("span",)), (unit.id, name)


@pytest.mark.browser
@pytest.mark.parametrize("url, unit_id, fmt", [("energy-transition/", "p6", "gbt7714-2025"),
                                               ("en/cop28/", "p24-3", "bibtex"),
                                               ("en/cite/", "statement", "ris")])
def test_copy_button_puts_the_citation_with_todays_date_on_the_clipboard(browser, server, url, unit_id, fmt):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + url)
    toggle = page.locator(f'.edition-toggle--cite[aria-controls="cite-{unit_id}"]')
    if toggle.count():  # a unit's panel opens from its cite button; the whole statement's stands open
        toggle.click()
    page.click(f'label[for="cite-{unit_id}-tab-{fmt}"]')  # the format's tab
    page.click(f'button[data-copy="cite-{unit_id}-{fmt}"]')
    copied = page.evaluate("navigator.clipboard.readText()")
    today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()")
    iso = f"{today[0]}-{today[1]:02d}-{today[2]:02d}"
    assert copied == page.locator(f"#cite-{unit_id}-{fmt}").inner_text()
    assert iso in copied or iso.replace("-", "/") in copied
    assert "YYYY" not in copied and "引用日期" not in copied
    context.close()


@pytest.mark.parametrize("value, known", [
    (None, None), ("", None), ("https://sunnylands-statement.example/", None), ("http://127.0.0.1:8000/", None),
    ("https://editors.github.io/sunnylands-statement", "https://editors.github.io/sunnylands-statement/"),
])
def test_only_a_published_address_is_known(value, known):
    from scripts.pipeline.config import known_address
    assert known_address(value) == known


def test_a_build_without_an_address_prints_none_and_says_so(site, statement):
    """No made-up host anywhere in what the site serves (pages, records, sitemap, statement.json); the cite
    page says why its citations carry no URL."""
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".txt", ".js") and "assets" not in path.parts:
            assert ".example" not in path.read_text(encoding="utf-8"), path
    for lang in ("zh", "en"):
        page = soup(site, statement.page("cite").url[lang])
        assert one(page, ".edition-cite-no-address").get_text() == as_set(statement.ui["cite_no_address"][lang], lang)
        assert "https://" not in one(page, "#cite-statement-gbt7714-2025").get_text()
