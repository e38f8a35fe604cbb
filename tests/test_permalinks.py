"""Permanent URLs are a promise: every released one resolves to its unit, in the built site."""

from __future__ import annotations

import yaml

from scripts.sources.permalinks import read_released, unreleased
from tests.conftest import ROOT
from tests.page_html import lang_of, soup


def test_every_unit_url_is_released(statement):
    assert unreleased(ROOT, statement) == [], "run `make permalinks` to release the new units' URLs"


def test_released_urls_cover_every_unit_in_both_languages(statement):
    released = {url for url, _ in read_released(ROOT)}
    versions = [str(entry["version"]) for entry in
                yaml.safe_load((ROOT / "data/releases.yaml").read_text(encoding="utf-8"))["releases"]]
    # each unit on its section page, and in the frozen text of every release (releases/1.0/#p6, en/releases/1.0/#p6)
    assert len(released) == 2 * 36 * (1 + len(versions))
    for version in versions:
        for unit in statement.units():
            assert {f"releases/{version}/#{unit.id}", f"en/releases/{version}/#{unit.id}"} <= released


def test_every_released_url_resolves_to_its_unit(site):
    """Each released URL opens a page holding that unit, in the URL's language. (The words each unit shows
    are tested against the sources: test_chinese_text, test_statement_json.)"""
    pages = {}  # each page parsed once: a section page holds several units
    for url, where in read_released(ROOT):
        page, _, fragment = url.partition("#")
        if page not in pages:
            pages[page] = soup(site, page)
        element = pages[page].find(id=fragment)
        assert element is not None, f"{where}: {url} has no element #{fragment}"
        assert element["data-unit"] == fragment, f"{where}: #{fragment} is not a unit"
        body = element.select_one(".edition-body")
        assert body is not None and body.get_text().strip(), f"{where}: {url} shows no text"
        language = "en" if url.startswith("en/") else "zh-Hans"
        assert lang_of(body) == language, f"{where}: {url} shows its unit in another language"


def test_url_scheme_is_short_and_the_same_id_in_both_languages(statement_json):
    # the README's table of permanent URLs, the edition's published promise
    clause = statement_json["clauses"][5]
    assert clause["urls"] == {"zh": "energy-transition/#p6", "en": "en/energy-transition/#p6"}
    item = statement_json["clauses"][23]["items"][2]
    assert item["urls"] == {"zh": "cop28/#p24-3", "en": "en/cop28/#p24-3"}
    assert statement_json["preamble"]["urls"] == {"zh": "opening/#preamble", "en": "en/opening/#preamble"}
