"""The target timeline: complete, in both languages, as chart and table, linked both ways to the text."""

from __future__ import annotations

import json
import re

import pytest

from scripts.errors import SourceError
from scripts.loader import load
from tests.page_html import one, soup


def figure_of(document) -> dict:
    return json.loads(document.select_one("#timeline-figure").string)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_target_is_in_the_chart_data_and_the_table(site, statement, lang):
    document = soup(site, statement.page("timeline").url[lang])
    rows = [row["data-target"] for row in document.select("tr[data-target]")]
    assert sorted(rows) == sorted(target.id for target in statement.targets)
    figure = figure_of(document)
    hovers = [text for trace in figure["data"] for text in trace["hovertext"]]
    assert len(hovers) == len(statement.targets)
    for target in statement.targets:
        assert any(text.startswith(target.label[lang] + "<br>") for text in hovers), target.id


def test_dates_are_written_the_way_each_language_writes_them(site):
    zh = one(soup(site, "timeline/"), "#t-subnational-event td").get_text()
    en = one(soup(site, "en/timeline/"), "#t-subnational-event td").get_text()
    assert (zh, en) == ("2024年上半年", "first half of 2024")
    assert one(soup(site, "en/timeline/"), "#t-cop28 td").get_text() == "30 November – 13 December 2023"


def test_every_clause_that_names_a_year_has_a_target(statement):
    for unit in statement.units():
        if re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", unit.text.zh):
            assert statement.targets_of(unit.id), f"{unit.id} names a year but has no target"


def test_each_clause_links_to_its_targets_and_back(site, statement):
    document = soup(site, "en/energy-transition/")
    links = [a["data-target-link"] for a in document.select("#p6 .edition-targets a")]
    assert links == ["renewables-baseline", "g20-new-delhi", "renewables-tripling"]
    assert one(document, '#p6 a[data-target-link="renewables-tripling"]')["href"] == \
        "../timeline/#t-renewables-tripling"
    row = one(soup(site, "en/timeline/"), "#t-renewables-tripling")
    assert [a["href"] for a in row.select("a[data-unit-link]")] == ["../energy-transition/#p6"]


def test_statement_json_targets(statement_json):
    targets = {target["id"]: target for target in statement_json["targets"]}
    event = targets["subnational-event"]
    assert (event["date"], event["end"], event["precision"]) == ("2024-01", "2024-06", "half")
    assert targets["cop28"]["date"] == "2023-11-30" and targets["cop28"]["end"] == "2023-12-13"
    assert targets["ndcs-2035"]["clauses"] == [11, 21, 24]
    for target in targets.values():  # every status names a reference of the edition and when it was checked
        if target["status"]:
            assert target["status"]["source"] in statement_json["references"], target["id"]
            assert target["status"]["as_of"][:4] >= "2022", target["id"]
    assert "ccus-projects" in statement_json["clauses"][8]["targets"]
    assert statement_json["pages"]["timeline"] == {"zh": "timeline/", "en": "en/timeline/"}


def test_plotly_is_referenced_on_the_timeline_page_only(site, statement):
    for page in statement.pages:
        for lang in ("zh", "en"):
            document = soup(site, page.url[lang])
            referenced = [tag["data-plotly"] for tag in document.select("script[data-plotly]")]
            assert bool(referenced) == (page.kind == "timeline"), page.url[lang]
            assert not any("plotly" in tag["src"] for tag in document.select("script[src]")
                           if not tag.has_attr("data-plotly"))
    assert (site / "assets/edition/plotly-basic.min.js").read_text(encoding="utf-8").startswith("/**\n* plotly.js (basic")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_drawn_chart_links_every_item_to_its_clause(site, statement, lang):
    document = soup(site, statement.page("timeline").url[lang])
    links = [a["href"] for a in document.select("#timeline-chart svg a.item")]
    assert sorted(links) == sorted(f"../{statement.unit_url(statement.unit(t.units[0]), lang).removeprefix('en/')}"
                                   for t in statement.targets)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_interactive_chart_loads_when_asked_keeps_the_svg_and_its_items_lead_to_their_clauses(page, server,
                                                                                             statement, lang):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server + statement.page("timeline").url[lang])
    page.wait_for_load_state("networkidle")
    assert not any("plotly" in url for url in requested)  # the page is read before plotly is fetched
    assert page.locator("#timeline-chart svg line.today").count() == 1  # today, drawn in the browser
    page.hover("#timeline-chart")  # a pointer passing over the chart fetches nothing
    page.wait_for_timeout(500)
    assert not any("plotly" in url for url in requested)
    page.click(".edition-chart-interactive")
    page.wait_for_selector("#timeline-interactive[data-drawn]", timeout=15000)
    assert page.locator("#timeline-chart svg a.item").count() == len(statement.targets)  # the SVG stays
    assert page.locator("#timeline-interactive .scatterlayer .point").count() == len(statement.targets)
    assert page.locator("#timeline-interactive .shapelayer path").count() >= 1  # today's line
    targets = {target.id: target for target in statement.targets}
    hrefs = page.evaluate("""() => document.getElementById('timeline-interactive').data.flatMap(trace => trace.customdata)
                                      .map(href => new URL(href, location.href).href)""")
    assert sorted(hrefs) == sorted(server + statement.unit_url(statement.unit(t.units[0]), lang)
                                   for t in targets.values())
    point = page.locator("#timeline-interactive .scatterlayer .point").first
    with page.expect_navigation():
        point.click(force=True)
    assert "#" in page.url and page.url.split("#")[1] in {u for t in targets.values() for u in t.units}


# --- bad input ---------------------------------------------------------------------------------------

def edit(root, old: str, new: str) -> None:
    path = root / "data/timeline.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root, needle: str) -> int:
    return next(n for n, line in enumerate((root / "data/timeline.yaml").read_text(encoding="utf-8").splitlines(), 1)
                if needle in line)


@pytest.mark.parametrize("old, new, message", [
    ("date: 2024-H1", "date: 2024-H3", "[subnational-event]: impossible or ambiguous date: '2024-H3' is not a date"),
    ("date: 2023-07-16/2023-07-19", "date: 2023-07-19/2023-07-16",
     "[beijing-talks]: impossible or ambiguous date: '2023-07-19/2023-07-16': the end is not after the start"),
    ("units: [p17]", "units: [p27]", "[subnational-event]: 'p27' is not a unit of the statement"),
    ("label: {zh: 停止和扭转森林减少, en: Halt and reverse forest loss}", "label: {zh: 停止和扭转森林减少}",
     ": 'forest-loss.label' has no 'en' text"),
    ("status: {state: held, date: 2024-01-12, source: working-group-first-meeting,",
     "status: {state: held, date: 2024-01-12,", "[working-group-first]: a status needs its source"),
])
def test_bad_timeline_input_stops_the_build(source_copy, old, new, message):
    line = line_of(source_copy, old)
    edit(source_copy, old, new)
    with pytest.raises(SourceError) as caught:
        load(source_copy)
    assert str(caught.value).startswith(f"data/timeline.yaml:{line}")  # the line that is wrong
    assert message in str(caught.value)


def test_the_chart_data_carries_no_plotly_template(site):
    """plotly.py's default template is 7 KB of styling the chart does not use: it is left out of the page."""
    figure = json.loads(one(soup(site, "en/timeline/"), "script#timeline-figure").get_text())
    assert "template" not in figure["layout"] and figure["data"]


def test_the_vendored_plotly_is_the_published_file():
    """The self-hosted plotly.js is byte for byte the file npm publishes (its SHA-256 was taken from the
    package tarball when it was vendored): an edit or a swap shows here."""
    import hashlib

    from scripts.timeline_chart import PLOTLY_FILE, PLOTLY_SHA256
    from tests.conftest import ROOT
    assert hashlib.sha256((ROOT / PLOTLY_FILE).read_bytes()).hexdigest() == PLOTLY_SHA256


@pytest.mark.browser
def test_every_chart_item_is_a_link_the_keyboard_reaches_and_follows(page, server, statement):
    page.goto(server + "en/timeline/")
    items = page.locator("#timeline-chart svg a.item")
    assert items.count() == len(statement.targets)
    names = page.evaluate("""() => [...document.querySelectorAll('#timeline-chart svg a.item')]
                                    .map(a => a.querySelector('title').textContent)""")
    assert all(name.strip() for name in names)
    page.focus("#timeline-chart svg a.item >> nth=0")
    assert page.evaluate("document.activeElement.matches('#timeline-chart svg a.item')")
    page.keyboard.press("Tab")  # the next item is the next stop
    assert page.evaluate("document.activeElement.matches('#timeline-chart svg a.item')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "#" in page.url
