"""Each release citable as it stood: its frozen text (releases/<version>/, en/releases/<version>/) shows every unit's
wording as that release published it, read here from its snapshot (data/releases/<version>.yaml) by a plain YAML
parser, never from the model; it names the release and its date, leads to the current text, and every way of citing
it (cite panels, permanent links, statement.json, JSON-LD) names that release."""

from __future__ import annotations

import json
from urllib.parse import urljoin
from datetime import date

import pytest
import yaml

from tests.conftest import ROOT
from tests.page_html import as_set, attr, lang_of, one, shown_units, soup, statement_text
from tests.test_browser import assert_in_view_and_highlighted
from tests.test_chinese_text import authority_units

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def releases() -> list[dict]:
    return yaml.safe_load((ROOT / "data/releases.yaml").read_text(encoding="utf-8"))["releases"]


def snapshot(version: str) -> dict[str, dict[str, str]]:
    return yaml.safe_load((ROOT / f"data/releases/{version}.yaml").read_text(encoding="utf-8"))["units"]


def frozen_url(version: str, lang: str) -> str:
    return f"releases/{version}/" if lang == "zh" else f"en/releases/{version}/"


def release_date(version: str) -> date:
    return next(entry["date"] for entry in releases() if str(entry["version"]) == version)


def written(day: date, lang: str) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else f"{day.day} {MONTHS[day.month - 1]} {day.year}"


VERSIONS = [str(entry["version"]) for entry in releases()]
LANGS = ["zh", "en"]


def test_release_1_0_was_reworded_since(statement_json):
    """The oracle has something to tell apart: release 1.0's English ¶6 is not today's."""
    assert snapshot("1.0")["p6"]["en"] != statement_json["clauses"][5]["en"]
    assert "New Delhi" in snapshot("1.0")["p6"]["en"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_frozen_text_of_release_1_0_shows_its_wording_of_p6(site, lang):
    document = soup(site, frozen_url("1.0", lang))
    unit = one(document, "#p6")
    assert attr(unit, "data-unit") == "p6"
    body = one(unit, ".edition-body")
    assert statement_text(body) == as_set(snapshot("1.0")["p6"][lang], lang)
    assert lang_of(body) == ("zh-Hans" if lang == "zh" else "en")


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_frozen_text_shows_every_unit_as_its_release_published_it(site, version, lang):
    document = soup(site, frozen_url(version, lang))
    shown = {attr(unit, "data-unit"): statement_text(one(unit, ".edition-body"))
             for unit in document.select("[data-unit]")}
    assert shown == {unit_id: as_set(text[lang], lang) for unit_id, text in snapshot(version).items()}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_notice_names_the_release_and_its_date_and_leads_to_the_current_text(site, version, lang):
    document = soup(site, frozen_url(version, lang))
    notice = one(document, ".edition-frozen-notice")
    words = notice.get_text()
    assert version in words and written(release_date(version), lang) in words
    newest = VERSIONS[-1]
    if version != newest:  # an older release names the current one
        assert f"{newest}" in words and written(release_date(newest), lang) in words
    current = one(notice, "a[data-current-text]")
    target = (site / frozen_url(version, lang) / attr(current, "href")).resolve()
    assert target == (site / ("en/text" if lang == "en" else "text")).resolve()
    assert one(document, "h1").get_text().strip() == one(soup(site, "en/text/" if lang == "en" else "text/"),
                                                         "h1").get_text().strip()


BASE = "https://host.test/edition/"  # ids are absolute with SITE_URL, relative to the page without it


def resolved(url: str, ref: str) -> str:
    """An @id as a reader's tool resolves it on the page at `url` of a site at BASE."""
    return urljoin(BASE + url, ref)


def csl_of(panel) -> dict:
    """The CSL-JSON tab's record, read by a JSON parser once the reader's access date is filled in."""
    shown = one(panel, '[data-format="csl-json"] pre')
    for slot in shown.select(".edition-accessed"):  # the slot the page's script fills with today's date
        slot.replace_with("1")
    return json.loads(shown.get_text())[0]


@pytest.mark.parametrize("lang", LANGS)
def test_cite_panels_of_a_frozen_text_name_that_release_and_point_into_it(site, lang):
    document = soup(site, frozen_url("1.0", lang))
    panel = one(document, "#cite-p6")
    record = csl_of(panel)
    assert record["version"] == "1.0"
    assert "URL" not in record  # a build without SITE_URL knows no address (the next test gives one)
    assert written(release_date("1.0"), lang) in one(panel, ".edition-cite-release").get_text()
    ris = one(panel, '[data-format="ris"] pre').get_text()
    assert "ET  - 1.0" in ris.splitlines()
    whole = csl_of(one(document, "#cite-statement"))
    assert whole["version"] == "1.0" and "URL" not in whole
    link = one(document, "#p6 a.edition-permalink")
    assert attr(link, "href") == "#p6"  # the permanent link of a unit here stays in this release's text


@pytest.mark.parametrize("lang", LANGS)
def test_statement_json_releases_carry_their_frozen_urls(site, statement_json, lang):
    for release in statement_json["releases"]:
        url = release["urls"][lang]
        assert url == frozen_url(release["version"], lang)
        assert (site / url / "index.html").is_file()
    for clause in statement_json["clauses"]:
        for wording in clause["history"]:
            url = wording["release_urls"][lang]
            assert url == frozen_url(wording["version"], lang) + "#" + clause["id"]
            shown = one(soup(site, url), f"#{clause['id']} .edition-body")
            assert statement_text(shown) == as_set(wording["text"][lang], lang)


def test_the_changelog_and_each_earlier_wording_link_to_the_frozen_text(site):
    changelog = soup(site, "en/changelog/")
    for version in VERSIONS:
        section = changelog.find(id=f"v{version}")
        assert section is not None
        hrefs = {attr(a, "href") for a in section.select("a")}
        assert f"../releases/{version}/" in hrefs
    wording = changelog.find(id="p6-v1.0")
    assert wording is not None
    label = one(wording, ".edition-wording-label a")
    assert attr(label, "href") == "../releases/1.0/#p6"
    history = one(soup(site, "en/energy-transition/"), "#history-p6")
    frozen = one(history, 'a[data-frozen="1.0"]')
    assert attr(frozen, "href") == "../releases/1.0/#p6"
    target = soup(site, "en/releases/1.0/")
    assert statement_text(one(target, "#p6 .edition-body")) == as_set(snapshot("1.0")["p6"]["en"], "en")


def test_frozen_texts_are_kept_out_of_search(site):
    for index in ("search/edition_index.json", "en/search/edition_index.json"):
        docs = json.loads((site / index).read_text(encoding="utf-8"))["docs"]
        assert docs and not [doc["location"] for doc in docs if "releases/" in doc["location"]]


@pytest.mark.parametrize("url", ["", "en/", "releases/1.0/", "en/releases/1.0/"])
def test_json_ld_dates_the_release_and_marks_the_english_as_an_unofficial_translation(site, url):
    import extruct

    html = (site / url / "index.html").read_text(encoding="utf-8")
    ld, = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    version = url.split("/")[-2] if "releases/" in url else VERSIONS[-1]
    assert ld["version"] == version
    assert ld["dateModified"] == release_date(version).isoformat()
    if url.startswith("en/"):
        assert ld["inLanguage"] == "en" and "unofficial English translation" in ld["description"]
        original = ld["translationOfWork"]
        assert original["inLanguage"] == "zh-Hans"
        assert resolved(url, original["@id"]) == BASE + url.removeprefix("en/") + "#statement"
    else:
        assert resolved(url, ld["workTranslation"]["@id"]) == BASE + "en/" + url + "#statement"
    if "releases/" in url:
        assert ld["legislationDateVersion"] == release_date(version).isoformat()
        assert resolved(url, ld["@id"]) == BASE + url + "#statement"
        assert [part["url"].rpartition("/")[2] for part in ld["hasPart"]] == [
            f"#{unit_id}" for unit_id in snapshot(version)]


# --- in a real browser ---------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_url_of_release_1_0s_p6_lands_on_it_with_that_wording(page, server, lang):
    page.goto(server + frozen_url("1.0", lang) + "#p6")
    assert_in_view_and_highlighted(page, "p6")
    shown = page.evaluate("""() => {
        const body = document.querySelector('#p6 .edition-body').cloneNode(true);
        body.querySelectorAll('[data-annotation]').forEach(mark => mark.remove());
        return body.textContent;
    }""")
    assert shown == as_set(snapshot("1.0")["p6"][lang], lang)
    assert page.evaluate("document.documentElement.lang") == ("zh-Hans" if lang == "zh" else "en")


@pytest.mark.browser
def test_the_language_switch_keeps_the_release_and_the_unit(page, server):
    page.goto(server + "en/releases/1.0/#p6")
    page.hover(".md-header .md-select")
    with page.expect_navigation():
        page.click("a.md-select__link[hreflang='zh']")
    assert page.url == server + "releases/1.0/#p6"
    assert_in_view_and_highlighted(page, "p6")


def test_the_snapshots_read_here_are_the_repositorys(statement):
    """The oracle reads the files the loader checks: the newest snapshot equals today's sources."""
    newest = snapshot(VERSIONS[-1])
    assert {unit.id: {"zh": unit.text.zh, "en": unit.text.en} for unit in statement.units()} == newest


@pytest.mark.parametrize("version", VERSIONS)
def test_the_chinese_of_every_frozen_text_is_the_authority(site, version):
    """The Chinese text is sacred in a frozen text too: its units, title and headings equal the source's lines."""
    document = soup(site, frozen_url(version, "zh"))
    shown = [unit.display for unit in shown_units(document) if unit.lang == "zh-Hans"]
    assert shown == authority_units()
    full = soup(site, "text/")
    assert [h.get_text(strip=True) for h in document.select(".edition-heading")] == [
        h.get_text(strip=True) for h in full.select(".edition-heading")]


def test_a_released_editorial_insertion_is_shown_as_the_editions(statement):
    """A released English wording keeps its [+words+] as brackets; the frozen text marks them as the edition's
    words, as the current text does (here a wording made up for the test: no release has had one yet)."""
    from dataclasses import replace

    from scripts.pipeline.prepare import frozen_page
    from scripts.generators.render import PageContext
    from scripts.model import Text, Wording

    first = statement.releases[0]
    p6 = statement.history["p6"]
    made_up = Wording(first.version, first.date, Text(p6[0].text.zh, "the G20 [New Delhi] Leaders' Declaration"))
    changed = replace(statement, history={**statement.history, "p6": (made_up, *p6[1:])})
    context = PageContext(changed, frozen_page(changed, first), "en", release=first)
    segments = [(segment.kind, segment.text) for segment in context.unit_segments(changed.unit("p6"))]
    assert segments == [("text", "the G20 "), ("insertion", "[New Delhi]"), ("text", " Leaders' Declaration")]
    chinese = PageContext(changed, frozen_page(changed, first), "zh", release=first)
    assert [segment.kind for segment in chinese.unit_segments(changed.unit("p6"))] == ["text"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_record_of_a_frozen_text_points_into_it_when_the_address_is_known(statement, lang):
    from scripts.generators.citation import record

    release = next(item for item in statement.releases if item.version == "1.0")
    unit = record(statement, lang, "https://host.test/edition/", statement.unit("p6"), release)
    assert unit.version == "1.0"
    assert unit.url == "https://host.test/edition/" + frozen_url("1.0", lang) + "#p6"
    whole = record(statement, lang, "https://host.test/edition/", release=release)
    assert whole.url == "https://host.test/edition/" + frozen_url("1.0", lang)
