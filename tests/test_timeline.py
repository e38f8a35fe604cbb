"""The target timeline: complete, in both languages, as chart and table, linked both ways to the text."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from urllib.parse import urljoin

import pytest

from scripts.checks.accessibility import check_axe
from scripts.dates import format_when
from scripts.errors import SourceError
from scripts.sources.loader import load
from scripts.model import Lang, Statement
from scripts.sources.timeline import KINDS
from scripts.generators.timeline_chart import Box, SvgChart, svg_chart, text_boxes, text_width
from tests.page_html import as_set, attr, one, soup


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
    # a no-break space before the range's dash: the dash never begins a line
    assert one(soup(site, "en/timeline/"), "#t-cop28 td").get_text() == "30 November\u00a0– 13 December 2023"


def test_a_chinese_status_cell_nests_no_second_colon_after_its_label(site, statement):
    """On a phone the cell reads 此后进展：已发布（日期），note: GB/T 15834 advises against a colon within the
    sentence a colon opens, so the status joins its note with a comma (the English keeps its colon)."""
    for lang, joiner in (("zh", "，"), ("en", ": ")):
        document = soup(site, statement.page("timeline").url[lang])
        cells = [cell for cell in document.select("td[data-label]") if cell.select(".edition-status")]
        assert cells
        for cell in cells:
            label = attr(cell, "data-label")
            assert label.endswith("：" if lang == "zh" else ": ")
            text = cell.get_text()
            after_status = text[len(one(cell, ".edition-status").get_text()):]
            assert re.match(r"(（[^）]*）| \([^)]*\))?" + re.escape(joiner), after_status), (lang, text)


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


# --- the chart drawn at build time: layout ------------------------------------------------------------

def chart_of(statement: Statement, lang: Lang) -> SvgChart:
    """The chart as the page lays it out, its links left as the model's URLs (relative to the site)."""
    labels = {key: value[lang] for key, value in statement.ui.items()}
    return svg_chart(statement, lang, labels, lambda url: url)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_label_date_or_mark_of_the_chart_overlaps_another(statement, lang):
    chart = chart_of(statement, lang)
    boxes = text_boxes(chart)
    assert len(boxes) == 3 * len(statement.targets) + 2 * len(chart.years)
    whole = Box(0, 0, chart.width, chart.height)
    for name, box in boxes:
        assert box.inside(whole), f"{name} runs off the chart: {box}"
    overlaps = [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1:] if box_a.overlaps(box_b)]
    assert overlaps == []
    for item in chart.items:  # each row holds its own item; dates stay out of the label column
        for box in (item.label_box, item.date_box, item.mark_box):
            assert box.inside(item.row_box), item.id
        assert item.date_box.x >= chart.label_right and item.mark_box.x >= chart.label_right, item.id
        assert item.label_box.x + item.label_box.width <= chart.label_right, item.id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_item_is_in_the_chart_in_date_order_with_its_label_date_and_link(statement, lang):
    chart = chart_of(statement, lang)
    assert [item.id for item in chart.items] == [target.id for target in statement.targets]
    starts = [target.when.start for target in statement.targets]
    assert starts == sorted(starts)
    for item, target in zip(chart.items, statement.targets, strict=True):
        assert item.label == (target.short or target.label)[lang]
        assert item.when == format_when(target.when, lang)
        assert item.href == statement.unit_url(statement.unit(target.units[0]), lang)
        assert item.title.startswith(item.label)  # the link's name begins with the words it shows
        assert item.when in item.title and target.label[lang] in item.title
        assert chart.left <= item.x1 <= item.x2 <= chart.right
    tops = [item.top for item in chart.items]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)  # one row each, top to bottom


def test_the_chart_draws_each_date_with_its_extent_and_its_words_where_they_fit(statement):
    chart = chart_of(statement, "en")
    items = {item.id: item for item in chart.items}
    year = chart.grid[1] - chart.grid[0]
    assert items["bali-meeting"].x1 == items["bali-meeting"].x2 and not items["bali-meeting"].bar  # a day
    assert items["cop28"].x2 > items["cop28"].x1  # a span of days
    assert items["renewables-tripling"].bar and abs(items["renewables-tripling"].x2 - items["renewables-tripling"].x1
                                                   - year) < 1  # a year
    assert items["bali-meeting"].date_anchor == "start"  # the date right of its mark …
    assert items["ndcs-2035"].date_anchor == "end"  # … or left of it, near the chart's right edge
    assert items["ndcs-2035"].label == "Economy-wide 2035 NDCs"  # the short label
    assert items["cop28"].label == "COP28 (Dubai)"  # the label itself, short enough


def test_text_widths_are_reserved_generously():
    assert text_width("中文", 14) >= 28  # a Chinese character takes its full em
    assert text_width("WWW", 10) > text_width("iii", 10) > 0
    assert text_width("Working Group launch meeting", 14) >= 14 * 0.55 * 28  # wider than Arial's letters


def test_every_kind_has_its_own_mark(statement):
    chart = chart_of(statement, "en")
    assert len(set(chart.marks.values())) == len(chart.marks) == len(KINDS)
    assert {kind for kind, _, _ in chart.legend} == {target.kind for target in statement.targets}


# --- the chart drawn at build time: the page ---------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_both_layouts_link_every_item_to_its_unit_with_its_label_and_date(site, statement, lang):
    document = soup(site, statement.page("timeline").url[lang])
    page_dir = statement.page("timeline").url[lang]
    for layout in ("svg.edition-timeline-svg", "ol.edition-timeline-list"):
        links = document.select(f"#timeline-chart {layout} a.item")
        assert [a["data-target"] for a in links] == [target.id for target in statement.targets], layout
        for a, target in zip(links, statement.targets, strict=True):
            unit_url = statement.unit_url(statement.unit(target.units[0]), lang)
            assert urljoin("https://edition.test/" + page_dir, a["href"]) == "https://edition.test/" + unit_url, \
                (layout, target.id)
            assert one(a, ".what").get_text() == as_set((target.short or target.label)[lang], lang)
            assert one(a, ".when").get_text() == as_set(format_when(target.when, lang), lang)
    times = document.select("ol.edition-timeline-list time")
    assert all(time["datetime"] for time in times) and len(times) == sum(
        1 for target in statement.targets if target.when.html_datetime)


def test_the_chart_needs_no_inline_style_or_script(site):
    for url in ("timeline/", "en/timeline/"):
        figure = one(soup(site, url), "figure.edition-chart-figure")
        assert figure.select("[style]") == [] and figure.select("script") == []
        assert not any(attribute.startswith("on") for tag in figure.find_all(True) for attribute in tag.attrs)


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
    ("short: {zh: 工作组启动会, en: Working Group launch meeting}", "short: {zh: 工作组启动会}",
     ": 'working-group-first.short' has no 'en' text"),
    ("short: {zh: 全经济范围2035年国家自主贡献, en: Economy-wide 2035 NDCs}",
     "short: {zh: 全经济范围2035年国家自主贡献, en: Economy-wide 2035 NDCs covering every gas}",
     "[ndcs-2035]: the short label 'Economy-wide 2035 NDCs covering every gas' is 41 columns wide, more than the "
     "chart's 30 (a Chinese character counts two): shorten it"),
    ("short: {zh: 全经济范围2035年国家自主贡献, en: Economy-wide 2035 NDCs}",
     "short: {zh: 全经济范围、涵盖所有温室气体的2035年国家自主贡献, en: Economy-wide 2035 NDCs}",
     "[ndcs-2035]: the short label '全经济范围、涵盖所有温室气体的2035年国家自主贡献' is 48 columns wide"),
])
def test_bad_timeline_input_stops_the_build(source_copy, old, new, message):
    line = line_of(source_copy, old)
    edit(source_copy, old, new)
    with pytest.raises(SourceError) as caught:
        load(source_copy)
    assert str(caught.value).startswith(f"data/timeline.yaml:{line}")  # the line that is wrong
    assert message in str(caught.value)


def test_a_label_too_long_for_the_chart_needs_a_short_label(source_copy):
    """Without `short`, the label itself stands in the chart: one too long for it stops the build at the label,
    saying what to add; a label that fits needs none (cop28 has none)."""
    line = line_of(source_copy, "label: {zh: 两国各自推进至少5个大规模CCUS合作项目")
    edit(source_copy, "  short: {zh: 两国各推进至少5个CCUS项目, en: At least 5 CCUS projects each}\n", "")
    with pytest.raises(SourceError) as caught:
        load(source_copy)
    assert str(caught.value) == (
        f"data/timeline.yaml:{line} [ccus-projects]: the label '两国各自推进至少5个大规模CCUS合作项目' is 37 columns "
        "wide, more than the chart's 30 (a Chinese character counts two): add a short label for the chart, "
        "short: {zh: …, en: …}")


def test_the_chart_data_carries_no_plotly_template(site):
    """plotly.py's default template is 7 KB of styling the chart does not use: it is left out of the page."""
    figure = json.loads(one(soup(site, "en/timeline/"), "script#timeline-figure").get_text())
    assert "template" not in figure["layout"] and figure["data"]


def test_the_vendored_plotly_is_the_published_file():
    """The self-hosted plotly.js is byte for byte the file npm publishes (its SHA-256 was taken from the
    package tarball when it was vendored): an edit or a swap shows here."""
    import hashlib

    from scripts.generators.timeline_chart import PLOTLY_FILE, PLOTLY_SHA256
    from tests.conftest import ROOT
    assert hashlib.sha256((ROOT / PLOTLY_FILE).read_bytes()).hexdigest() == PLOTLY_SHA256


# --- the chart in a browser: phone and desktop, keyboard, print, both schemes ------------------------

WIDTHS = {390: "list", 1280: "svg"}  # a phone gets the vertical list, a desktop the SVG chart

# The page's small print (Material's <small> and footnotes), and every word the chart shows in the layout the
# page displays: its box on screen and the size it is drawn at (an SVG's font size times the SVG's scale).
CHART_TEXT = """() => {
    const typeset = document.querySelector('.md-typeset');
    const probes = ['small', 'div'].map(tag => typeset.appendChild(document.createElement(tag)));
    probes[1].className = 'footnote';
    probes.forEach(probe => probe.textContent = 'x');
    const smallPrint = Math.max(...probes.map(probe => parseFloat(getComputedStyle(probe).fontSize)));
    probes.forEach(probe => probe.remove());
    const svg = document.querySelector('#timeline-chart svg.edition-timeline-svg');
    const list = document.querySelector('#timeline-chart ol.edition-timeline-list');
    const shown = element => element.getClientRects().length > 0;
    const layout = shown(svg) ? (shown(list) ? 'both' : 'svg') : (shown(list) ? 'list' : 'none');
    const root = layout === 'svg' ? svg : list;
    const scale = layout === 'svg' ? svg.getScreenCTM().a : 1;
    const box = element => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const r = element instanceof SVGElement ? element.getBoundingClientRect() : range.getBoundingClientRect();
        return {left: r.left, top: r.top + scrollY, right: r.right, bottom: r.bottom + scrollY};
    };
    const word = (element, name) => ({name, text: element.textContent, box: box(element),
                                      size: parseFloat(getComputedStyle(element).fontSize) * scale});
    const items = [...root.querySelectorAll('a.item')].map(a => ({
        id: a.dataset.target, href: new URL(a.getAttribute('href'), location.href).href,
        words: [word(a.querySelector('.what'), a.dataset.target + ' label'),
                word(a.querySelector('.when'), a.dataset.target + ' date')]}));
    const others = layout === 'svg' ? [...svg.querySelectorAll('text.tick, text.today')].map(t => word(t, t.textContent))
                 : [...list.querySelectorAll('.edition-timeline-today > span')].map(t => word(t, 'today'));
    return {smallPrint, layout, items, others, viewport: innerWidth,
            today: [...list.children].findIndex(li => li.matches('.edition-timeline-today'))};
}"""


def chart_text(page) -> dict:
    return page.evaluate(CHART_TEXT)


def overlapping(words: list[dict]) -> list[tuple[str, str]]:
    def apart(a: dict, b: dict) -> bool:
        return (a["right"] <= b["left"] + 0.5 or b["right"] <= a["left"] + 0.5
                or a["bottom"] <= b["top"] + 0.5 or b["bottom"] <= a["top"] + 0.5)
    return [(a["name"], b["name"]) for i, a in enumerate(words) for b in words[i + 1:] if not apart(a["box"], b["box"])]


@pytest.fixture
def timeline_page(browser, server, statement, request):
    """The timeline page in one language, at one width, in the light or the dark scheme."""
    lang, width, scheme = request.param
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.goto(server + statement.page("timeline").url[lang])
    yield page
    context.close()


SETTINGS = [(lang, width, "light") for lang in ("zh", "en") for width in WIDTHS]


@pytest.mark.browser
@pytest.mark.parametrize("timeline_page", SETTINGS, indirect=True, ids=lambda s: f"{s[0]}-{s[1]}")
def test_every_item_is_labelled_and_dated_readably_without_overlap(timeline_page, statement, server):
    page = timeline_page
    found = chart_text(page)
    width = page.viewport_size["width"]
    assert found["layout"] == WIDTHS[width]  # drawn for the width it has: one layout shown, never both
    assert [item["id"] for item in found["items"]] == [target.id for target in statement.targets]
    lang = "en" if "/en/" in page.url else "zh"
    words = [word for item in found["items"] for word in item["words"]] + found["others"]
    for item, target in zip(found["items"], statement.targets, strict=True):
        label, date = item["words"]
        assert (label["text"], date["text"]) == (as_set((target.short or target.label)[lang], lang),
                                                 as_set(format_when(target.when, lang), lang))
        assert item["href"] == server + statement.unit_url(statement.unit(target.units[0]), lang)
    for word in words:  # on screen, inside the page's width, never smaller than the page's small print
        box = word["box"]
        assert box["right"] - box["left"] > 0 and box["bottom"] - box["top"] > 0, word["name"]
        assert 0 <= box["left"] and box["right"] <= found["viewport"], word["name"]
        assert word["size"] >= found["smallPrint"] - 0.01, (word["name"], word["size"], found["smallPrint"])
    assert overlapping(words) == []
    # Today: a line on the SVG (between its years), a marked place in the list before what is still to come.
    today = dt.datetime.now(dt.UTC).date()
    assert found["today"] == sum(1 for target in statement.targets if target.when.start <= today)
    assert page.locator("#timeline-chart svg line.today").count() == 1


@pytest.mark.browser
@pytest.mark.parametrize("timeline_page", SETTINGS, indirect=True, ids=lambda s: f"{s[0]}-{s[1]}")
def test_tab_reaches_every_item_in_order_and_enter_follows_it_to_its_paragraph(timeline_page, statement, server):
    page = timeline_page
    lang = "en" if "/en/" in page.url else "zh"
    layout = "svg.edition-timeline-svg" if WIDTHS[page.viewport_size["width"]] == "svg" else "ol.edition-timeline-list"
    page.click("article h1")  # the keyboard starts from the page's heading, above the chart
    reached = []
    for _ in range(len(statement.targets) + 10):
        page.keyboard.press("Tab")
        focused = page.evaluate(f"""() => {{ const item = document.activeElement.closest('a.item');
            return item && item.closest('{layout}') ? item.dataset.target : null; }}""")
        if focused:
            reached.append(focused)
        elif reached:
            break
    assert reached == [target.id for target in statement.targets]
    page.keyboard.press("Shift+Tab")  # back to the last item, a paragraph of the text
    last = statement.targets[-1]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == server + statement.unit_url(statement.unit(last.units[0]), lang)
    assert page.evaluate("document.querySelector(':target').id") == last.units[0]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_print_shows_the_chart_whatever_the_screen(browser, server, statement, lang, tmp_path):
    """Printed from a phone: the vertical list (it breaks between rows, so the chart follows the page's opening
    on the first sheet), with every item's label and date, and not the SVG."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(server + statement.page("timeline").url[lang])
    page.emulate_media(media="print")
    found = chart_text(page)
    assert found["layout"] == "list" and len(found["items"]) == len(statement.targets)
    pdf = tmp_path / "timeline.pdf"
    page.pdf(path=str(pdf), format="A4")
    context.close()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    for target in statement.targets:
        if target.short:  # the short label is the chart's alone (the tables give the full one)
            assert re.sub(r"\s+", "", target.short[lang]) in flat, target.id


@pytest.mark.browser
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chart_passes_axe_in_both_schemes_at_both_widths(browser, server, statement, width, scheme):
    problems = []
    for lang in ("zh", "en"):
        context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, bypass_csp=True)
        page = context.new_page()
        url = statement.page("timeline").url[lang]
        page.goto(server + url)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == \
            ("slate" if scheme == "dark" else "default")
        problems += check_axe(page, f"{url} {width}px {scheme}")
        context.close()
    assert [str(problem) for problem in problems] == []
