"""The site's pages: the navigation follows the statement, and every page states the texts' status."""

from __future__ import annotations

import datetime as dt

import yaml

from tests.conftest import ROOT
from tests.page_html import one, soup


def test_navigation_lists_every_page_in_reading_order(statement):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["nav"] == [page.src for page in statement.pages]


def test_every_page_declares_its_language(site, statement):
    """The language a browser and a screen reader take the page to be in. (That no page loads anything from
    another host is the quality gate test_no_request_to_another_host_on_any_page_kind.)"""
    for page in statement.pages:
        for lang, expected in (("zh", "zh-Hans"), ("en", "en")):
            assert one(soup(site, page.url[lang]), "html")["lang"] == expected, page.url[lang]


def test_every_page_names_both_official_texts_and_the_unofficial_translation(site, statement):
    for page in statement.pages:
        zh = one(soup(site, page.url.zh), ".edition-notice").get_text()
        en = one(soup(site, page.url.en), ".edition-notice").get_text()
        assert "生态环境部" in zh and "美国国务院" in zh and "非官方译文" in zh
        assert "Unofficial translation" in en and "Ministry of Ecology and Environment" in en \
            and "U.S. Department of State" in en


def test_section_pages_hold_their_units_in_both_languages(site, statement):
    for section in statement.sections:
        page = statement.page(section.id)
        for lang in ("zh", "en"):
            ids = [element["data-unit"] for element in soup(site, page.url[lang]).select("[data-unit]")]
            assert ids == [u.id for top in section.units for u in (top, *top.items)]



def test_home_source_record_writes_dates_as_the_page_prose_does(site):
    """The home page's table of official texts gives each date as Chinese prose writes it (2023年11月15日),
    not as an ISO string, while its <time> keeps the machine-readable date. Oracle: data/edition.yaml."""
    edition = yaml.safe_load((ROOT / "data" / "edition.yaml").read_text(encoding="utf-8"))
    days = [dt.date.fromisoformat(str(entry["date"])) for entry in edition["official_texts"]]
    shown = [(time["datetime"], time.get_text()) for time in soup(site, "").select("#source ~ div table time")]
    assert shown == [(day.isoformat(), f"{day.year}年{day.month}月{day.day}日") for day in days]
