"""Permanent URLs are a promise: every released one resolves to its unit, in the built site."""

from __future__ import annotations

from scripts.permalinks import read_released, unreleased
from tests.conftest import ROOT
from tests.page_html import soup, statement_text


def test_every_unit_url_is_released(statement):
    assert unreleased(ROOT, statement) == [], "run `make permalinks` to release the new units' URLs"


def test_released_urls_cover_every_unit_in_both_languages(statement):
    released = {url for url, _ in read_released(ROOT)}
    assert len(released) == 2 * len(list(statement.units())) == 72


def test_every_released_url_resolves_to_its_unit(site, statement_json):
    texts = {}
    for unit in [statement_json["preamble"], *statement_json["clauses"],
                 *(item for clause in statement_json["clauses"] for item in clause.get("items", []))]:
        texts[unit["urls"]["zh"]] = unit["zh"]
        texts[unit["urls"]["en"]] = unit["en"]
    for url, where in read_released(ROOT):
        fragment = url.partition("#")[2]
        element = soup(site, url).find(id=fragment)
        assert element is not None, f"{where}: {url} has no element #{fragment}"
        assert element["data-unit"] == fragment, f"{where}: #{fragment} is not a unit"
        assert statement_text(element.select_one(".edition-body")) == texts[url], f"{where}: {url} shows other text"


def test_url_scheme_is_short_and_the_same_id_in_both_languages(statement_json):
    clause = statement_json["clauses"][5]
    assert clause["urls"] == {"zh": "energy-transition/#p6", "en": "en/energy-transition/#p6"}
    item = statement_json["clauses"][23]["items"][2]
    assert item["urls"] == {"zh": "cop28/#p24-3", "en": "en/cop28/#p24-3"}
    assert statement_json["preamble"]["urls"] == {"zh": "opening/#preamble", "en": "en/opening/#preamble"}
