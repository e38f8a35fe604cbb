"""The web pages' finer type (issue 19, a typographer's second read): note calls that cannot be misread as
numbers, typographic quotes in English, addresses that are links, an English measure of about 70 characters,
names whose middle dot (间隔号) never begins a line, the timeline's chart first, and browser print that leads
back from a loose leaf. Measured in Chromium where a reader sees it; the quotes with a real HTML parser."""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from scripts.generators import tables
from scripts.generators.typography import typeset_html
from scripts.model import Text
from tests.conftest import ROOT

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
BROWSER = pytest.mark.browser


# --- note calls ------------------------------------------------------------------------------------------

# For each note call, the text a reader sees just before its number in the same paragraph (hidden tooltips
# and the call's own digits aside).
BEFORE_CALLS = """() => [...document.querySelectorAll('.md-content sup.edition-fnref')]
    .filter(sup => sup.getClientRects().length)
    .map(sup => {
        const block = sup.closest('p, li, td, th, dd');
        const range = document.createRange();
        range.setStart(block, 0);
        range.setEndBefore(sup);
        return {before: range.toString().slice(-12), number: sup.textContent.trim()};
    })"""


@BROWSER
@pytest.mark.parametrize("url", ["opening/", "en/opening/", "text/", "en/text/", "en/energy-transition/"])
def test_a_note_call_never_reads_as_more_digits_of_the_number_before_it(open_page, url):
    """⁸,¹⁹ not ⁸¹⁹; COP28[16] not COP28¹⁶ (zh-editorial-3 item 5); and no space before a call
    ("circumstances¹;", not "circumstances ¹;")."""
    page = open_page(url, DESKTOP)
    calls = page.evaluate(BEFORE_CALLS)
    assert calls
    touching = [call for call in calls if call["before"][-1:].isdigit()]
    spaced = [call for call in calls if call["before"][-1:].isspace()]
    assert not touching, touching[:5]
    assert not spaced, spaced[:5]


@BROWSER
def test_adjacent_calls_and_calls_after_digits_show_their_separators(open_page):
    """The separators are seen: a comma between two calls, brackets around a call after a digit, in the
    call's own size."""
    page = open_page("opening/", DESKTOP)
    runs = page.evaluate("""() => [...document.querySelectorAll('.md-content .edition-nobreak')]
        .filter(group => group.querySelectorAll('sup.edition-fnref').length)
        .map(group => ({text: group.innerText.replace(/\\s/g, ''),
                        calls: [...group.querySelectorAll('sup.edition-fnref')].map(s => s.innerText.trim()),
                        size: parseFloat(getComputedStyle(group.querySelector('sup.edition-fnref')).fontSize),
                        marks: [...group.querySelectorAll('sup.edition-callmark')]
                            .map(s => parseFloat(getComputedStyle(s).fontSize))}))""")
    pairs = [run for run in runs if len(run["calls"]) > 1]
    after_digit = [run for run in runs if re.search(r"\d\[\d", run["text"])]
    assert pairs and after_digit
    for run in pairs:
        assert ",".join(run["calls"]) in run["text"]
    for run in runs:
        assert all(size == run["size"] for size in run["marks"])


# --- typographic quotes in English -------------------------------------------------------------------------

_NOT_PROSE = ("code", "pre", "script", "style", "textarea", "kbd", "samp")
_ADDRESS = re.compile(r"https?://\S+")


def english_texts(path: Path):
    """Every text node of a built page's body in English (by its nearest lang), outside code and addresses."""
    document = BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")
    assert document.body is not None
    for node in document.body.find_all(string=True):
        parent = node.parent
        assert parent is not None
        if parent.name in _NOT_PROSE or parent.find_parent(_NOT_PROSE):
            continue
        holder = parent if parent.has_attr("lang") else parent.find_parent(attrs={"lang": True})
        if holder is not None and str(holder["lang"]).startswith("en"):
            yield _ADDRESS.sub("", str(node))


def test_english_text_has_no_straight_quotes_or_apostrophes(site):
    """As the PDFs set it: ’ “ ” in every English text node of every page (notes, pages, data alike)."""
    straight = {str(path.relative_to(site)): text for path in sorted(site.rglob("*.html"))
                for text in english_texts(path) if "'" in text or '"' in text}
    assert not straight, list(straight.items())[:5]


def test_the_quote_pass_keeps_code_attributes_and_addresses_as_written():
    page = ('<html lang="en"><body><p title="it\'s">China\'s <em>Ministry</em>\'s "plan" at '
            'https://a.example/it\'s. <code>x = \'a\'</code> and <a href="b">Kerry</a>\'s</p>'
            '<p lang="zh-Hans">约翰·克里</p></body></html>')
    typeset = typeset_html(page)
    assert 'title="it\'s"' in typeset and "<code>x = 'a'</code>" in typeset
    assert "China’s <em>Ministry</em>’s “plan” at https://a.example/it's." in typeset
    assert "</a>’s" in typeset
    assert '约<span class="edition-nobreak">翰·克</span>里' in typeset


def test_a_figure_keeps_its_unit_and_a_range_dash_its_line_in_both_languages():
    """A no-break space (Unicode line breaking class GL) joins "2 °C" and goes before a spaced range's dash,
    in English and in Chinese notes; code keeps its spaces, and a dash that is no range keeps its own."""
    page = ('<html lang="en"><body><p>well below 2 °C; 585 GW; 30 November – 13 December</p>'
            '<p lang="zh-Hans">“well below 2 °C”，即低于2℃</p><code>2 °C</code></body></html>')
    typeset = typeset_html(page)
    assert "well below 2\u00a0°C; 585\u00a0GW; 30 November\u00a0– 13 December" in typeset
    assert "“well below 2\u00a0°C”，即低于2℃" in typeset
    assert "<code>2 °C</code>" in typeset


def test_no_page_lets_a_line_break_between_a_figure_and_its_unit(site):
    """On every built page, no figure is parted from °C, % or GW by a breakable space, and no spaced en dash
    of a range can begin a line (release 1.3: "well below 2 / °C", "– 13 December 2023")."""
    breakable = re.compile(r"\d [°%]|\d GW\b| – ")
    found = {}
    for path in sorted(site.rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        texts = [text for text in page.find_all(string=True)
                 if not text.find_parent(["script", "style", "code", "pre", "head"]) and breakable.search(text)]
        if texts:
            found[str(path.relative_to(site))] = texts[0].strip()[:60]
    assert not found, list(found.items())[:5]


# --- addresses ---------------------------------------------------------------------------------------------

ADDRESSES = """() => {
    const found = [], walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, link = node.parentElement.closest('a');
        for (const match of node.data.matchAll(/https?:\\/\\/[^\\s]+/g)) {
            found.push({text: link ? link.textContent : match[0], href: link ? link.getAttribute('href') : null});
        }
    }
    return found;
}"""


@BROWSER
@pytest.mark.parametrize("url", ["references/", "en/references/", "text/", "en/text/", "", "en/"])
def test_every_address_in_the_text_is_a_link_without_the_sentences_punctuation(open_page, url):
    page = open_page(url, DESKTOP)
    found = page.evaluate(ADDRESSES)
    assert found
    unlinked = [item["text"] for item in found if not item["href"]]
    assert not unlinked, unlinked[:5]
    for item in found:  # the link reads as its address, with at most the sentence's closing marks after it
        assert item["href"] == re.sub(r"[.,;:)\]。，；：）]+$", "", item["text"].strip()), item
        assert not re.search(r"[.,;:!?)\]。，；：）’”]$", item["href"]), item


# Each footnote address followed by a full stop (D3): where the stop stands and where the address's last
# character stands, as laid out.
STOPS_AFTER_ADDRESSES = """() => [...document.querySelectorAll('.edition-footnotes a.edition-source-link')].flatMap(link => {
    const walker = document.createTreeWalker(link.closest('li'), NodeFilter.SHOW_TEXT);
    let last = null, next = null;
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (link.contains(node)) last = node;
        else if (last && node.data.length) { next = node; break; }
    }
    if (!last || !next || !next.data.startsWith('.')) return [];
    const box = (node, at) => { const range = document.createRange(); range.setStart(node, at);
                                range.setEnd(node, at + 1); return range.getClientRects()[0]; };
    const end = box(last, last.data.length - 1), stop = box(next, 0);
    return [{href: link.href, end: [end.top, end.bottom], stop: [stop.top, stop.bottom]}];
})"""


@BROWSER
@pytest.mark.parametrize("width", [1280, 390, 361])
def test_a_footnotes_address_keeps_its_full_stop_on_its_line(open_page, width):
    """The stop that ends an address's sentence before "Source:" stands outside the link and never begins a
    line of its own (Chromium's layout, on a phone and a desktop)."""
    page = open_page("en/text/", {"width": width, "height": 844})
    stops = page.evaluate(STOPS_AFTER_ADDRESSES)
    assert len(stops) >= 5, stops
    for stop in stops:
        assert stop["stop"][0] < stop["end"][1] and stop["end"][0] < stop["stop"][1], stop  # one line


# --- measure -------------------------------------------------------------------------------------------------

# The longest line of each paragraph and list item, in characters, as laid out.
LONGEST_LINES = """() => {
    const out = [];
    for (const block of document.querySelectorAll('.md-content .md-typeset :is(p, li)')) {
        if (block.closest('table, nav, figure, [hidden]') || block.querySelector('p, li')) continue;
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT), range = document.createRange();
        let line = '', top = null;
        while (walker.nextNode()) {
            const node = walker.currentNode;
            if (node.parentElement.closest('[hidden], sup')) continue;
            for (let i = 0; i < node.data.length; i++) {
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const box = range.getClientRects()[0];
                if (!box) continue;
                if (top !== null && box.top > top + 5) { out.push(line.trim()); line = ''; }
                top = box.top;
                line += node.data[i];
            }
        }
        out.push(line.trim());
    }
    return out;
}"""


@BROWSER
def test_english_prose_runs_about_seventy_characters_a_line_on_a_desktop(open_page, statement):
    for url in [page.url["en"] for page in statement.pages]:
        page = open_page(url, DESKTOP)
        lines = page.evaluate(LONGEST_LINES)
        longest = max(lines, key=len)
        assert len(longest) <= 76, (url, longest)
        page.context.close()


# Each unit's text column (the box its inline text wraps in) in the text's own ems, and the content column.
UNIT_COLUMNS = """() => ({
    content: document.querySelector('.md-content__inner').getBoundingClientRect().width,
    units: [...document.querySelectorAll('.md-content .edition-unit > .edition-unit-main')]
        .filter(main => main.getClientRects().length)
        .map(main => {
            const text = main.querySelector('.edition-text');
            const width = main.getBoundingClientRect().width;
            return {id: main.parentElement.id, width, em: width / parseFloat(getComputedStyle(text).fontSize)};
        })})"""


@BROWSER
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_unit_list_items_too_sets_its_text_in_a_full_column(open_page, statement, lang):
    """A clause's items get the measure of any paragraph: at least 25 em on a desktop (en/cop28's items of
    ¶24 were once set in a 6 em column, a word or two a line) and nine tenths of the content's width on a
    phone (the list's indents once took a fifth of it)."""
    for url in [page.url[lang] for page in statement.pages if page.kind in ("section", "full_text")]:
        for viewport in (DESKTOP, PHONE):
            page = open_page(url, viewport)
            found = page.evaluate(UNIT_COLUMNS)
            assert found["units"], url
            for unit in found["units"]:
                if viewport is DESKTOP:
                    assert unit["em"] >= 25, (url, unit)
                else:
                    assert unit["width"] >= 0.9 * found["content"], (url, unit, found["content"])
            page.context.close()


@BROWSER
@pytest.mark.parametrize("url", ["parallel/", "en/parallel/"])
def test_the_side_by_side_columns_take_the_empty_sidebars_width(open_page, url):
    page = open_page(url, DESKTOP)
    sidebar = page.eval_on_selector(".md-sidebar--secondary", "s => s.getBoundingClientRect().width")
    columns = page.eval_on_selector_all(".edition-pair:not(.edition-pair--head) > .edition-col",
                                        "cs => cs.map(c => c.getBoundingClientRect().width)")
    assert sidebar == 0
    assert columns and min(columns) >= 420  # about 60 English characters; with the sidebar each had 330 px


# --- the middle dot of names ------------------------------------------------------------------------------

DOTS = """() => {
    const out = [], range = document.createRange();
    const box = (node, i) => { range.setStart(node, i); range.setEnd(node, i + 1); return range.getClientRects()[0]; };
    const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
    const chars = [];
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.parentElement.closest('[hidden], script, style')) continue;
        for (let i = 0; i < node.data.length; i++) chars.push([node, i]);
    }
    chars.forEach(([node, i], k) => {
        if (node.data[i] !== '·' || k === 0 || k === chars.length - 1) return;
        const [before, dot, after] = [box(...chars[k - 1]), box(node, i), box(...chars[k + 1])];
        if (!before || !dot || !after) return;
        if (!/[\\u4e00-\\u9fff]/.test(chars[k - 1][0].data[chars[k - 1][1]])) return;
        out.push({context: node.data.slice(Math.max(0, i - 3), i + 3),
                  broken: Math.abs(before.top - dot.top) > 4 || Math.abs(after.top - dot.top) > 4});
    });
    return out;
}"""


@BROWSER
@pytest.mark.parametrize("width", [1280, 1003, 871, 650, 390, 361])
def test_a_names_middle_dot_never_begins_or_ends_a_line(open_page, width):
    """clreq: 约翰·克里 is never broken at its 间隔号, at any width."""
    for url in ("text/", "opening/"):
        page = open_page(url, {"width": width, "height": 900})
        page.evaluate("document.querySelectorAll('.edition-margin-part[hidden]').forEach(p => { p.hidden = false; })")
        dots = page.evaluate(DOTS)
        assert dots
        assert not [dot for dot in dots if dot["broken"]]
        page.context.close()


# --- the timeline page -------------------------------------------------------------------------------------

@BROWSER
@pytest.mark.parametrize("url", ["timeline/", "en/timeline/"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_the_timeline_shows_its_chart_before_its_method_and_a_quiet_related_label(open_page, url, viewport):
    page = open_page(url, viewport)
    chart = page.eval_on_selector("figure.edition-chart-figure", "f => f.getBoundingClientRect().top")
    method = page.eval_on_selector(".md-content h2", "h => [h.id, h.getBoundingClientRect().top]")
    assert chart < method[1] and not method[0].startswith("theme-")
    label = page.eval_on_selector("th .edition-related", """l => [getComputedStyle(l).fontWeight,
        parseFloat(getComputedStyle(l).fontSize), parseFloat(getComputedStyle(l.closest('th')).fontSize),
        getComputedStyle(l.closest('th')).fontWeight]""")
    weight, size, heading_size, heading_weight = label
    assert int(weight) == 400 and int(heading_weight) >= 400
    assert size < heading_size


# --- the references page ------------------------------------------------------------------------------------

@BROWSER
@pytest.mark.parametrize("url", ["references/", "en/references/"])
def test_the_references_read_as_a_bibliography_not_as_seventy_section_headings(open_page, url):
    """Each entry's title is a bold line in the text's size (its permanent id kept), unlike the page's own
    section headings."""
    page = open_page(url, DESKTOP)
    sizes = page.evaluate("""() => {
        const size = e => parseFloat(getComputedStyle(e).fontSize);
        const text = document.querySelector('.edition-reference p');
        return {titles: [...document.querySelectorAll('h2[id^="ref-"]')].map(h => [size(h), getComputedStyle(h).fontWeight]),
                text: size(text)};
    }""")
    assert len(sizes["titles"]) > 50
    assert all(size <= sizes["text"] * 1.05 and int(weight) >= 600 for size, weight in sizes["titles"])
    assert page.locator("#ref-unfccc").count() == 1


# --- footnotes' ways back ---------------------------------------------------------------------------------

@BROWSER
@pytest.mark.parametrize("url", ["text/", "en/text/"])
def test_a_footnotes_way_back_is_a_24_pixel_target_on_a_phone(open_page, url):
    page = open_page(url, PHONE)
    sizes = page.eval_on_selector_all(".footnote-backref", "ls => ls.map(l => [l.getBoundingClientRect().width, "
                                      "l.getBoundingClientRect().height])")
    assert sizes and all(width >= 24 and height >= 24 for width, height in sizes)


# --- tables on a phone -----------------------------------------------------------------------------------------

STACKED = """() => [...document.querySelectorAll('.md-content .md-typeset__table > table')].filter(table => table.tHead)
    .map(table => ({
    head: getComputedStyle(table.tHead).display,
    names: [...table.tHead.rows[0].cells].map(cell => cell.textContent.trim()),
    rows: [...table.tBodies[0].rows].map(row => [...row.cells]
        .filter(cell => cell.tagName === 'TD' && getComputedStyle(cell).display !== 'none')
        .map(cell => ({column: cell.cellIndex, label: getComputedStyle(cell, '::before').content,
                       top: cell.getBoundingClientRect().top, bottom: cell.getBoundingClientRect().bottom})))}))"""


@BROWSER
@pytest.mark.parametrize("url", ["translation/", "en/translation/", "", "en/", "glossary/", "en/timeline/"])
def test_on_a_phone_every_table_stacks_its_cells_each_under_its_columns_name(open_page, url):
    """At 390 px no header row stands over cells that no longer line up with it (the translation page's
    modality table once kept "中文 英文 含义与力度" as columns over cells run into one line): the header goes, and
    each cell stands on its own line under its column's name, in every table alike."""
    page = open_page(url, PHONE)
    tables = page.evaluate(STACKED)
    assert tables
    for table in tables:
        assert table["head"] == "none", (url, table["names"])
        for cells in table["rows"]:
            assert cells
            for cell in cells:
                assert cell["label"].strip('"').startswith(table["names"][cell["column"]]), (url, cell)
            for above, below in zip(cells, cells[1:], strict=False):
                assert below["top"] >= above["bottom"] - 1, (url, above, below)


def test_a_markdown_tables_cells_take_their_columns_names_with_the_pages_colon():
    """The pages' own Markdown tables are labelled as the templates' are: each body cell by its column's name
    and the page language's colon (data/ui.yaml, read here as plain YAML); a table a template labelled, or one
    with no header row, is left as written. Oracle: BeautifulSoup's reading of the result."""
    colon = yaml.safe_load((ROOT / "data/ui.yaml").read_text(encoding="utf-8"))["colon"]
    table = ('<table>\n<thead>\n<tr>\n<th>Chinese</th>\n<th><span lang="zh-Hans">含义</span> &amp; strength</th>'
             '\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><span lang="zh-Hans">将</span></td>\n<td>firm</td>\n<td>extra</td>'
             '\n</tr>\n</tbody>\n</table>')
    untouched = ('<table><thead><tr><th>A</th></tr></thead><tbody><tr><td data-label="A：">x</td></tr></tbody></table>'
                 '<table><tbody><tr><td>no head</td></tr></tbody></table>')
    for lang, html_lang in (("zh", "zh-Hans"), ("en", "en")):
        page = f'<!doctype html>\n<html lang="{html_lang}">\n<body>\n{table}\n{untouched}\n</body>\n</html>'
        labelled = tables.labelled(page, Text(zh=colon["zh"], en=colon["en"]))
        first, *rest = BeautifulSoup(labelled, "html.parser").find_all("table")
        assert [cell.get("data-label") for cell in first.find_all("td")] == [
            f"Chinese{colon[lang]}", f"含义 & strength{colon[lang]}", None]
        assert "".join(str(other) for other in rest) == str(BeautifulSoup(untouched, "html.parser"))
        unlabelled = labelled.replace(f' data-label="Chinese{colon[lang]}"', "", 1).replace(
            f' data-label="含义 &amp; strength{colon[lang]}"', "", 1)
        assert unlabelled == page  # nothing else of the page changed


# --- browser print --------------------------------------------------------------------------------------------

def printed_sheets(page, layout: bool = True) -> list[str]:
    """The page as Chromium prints it on A4: each sheet's text (pdftotext; with -layout, lines as set, else
    each cell's text in one run)."""
    pdf = page.pdf(format="A4")
    text = subprocess.run(["pdftotext", *(["-layout"] if layout else []), "-enc", "UTF-8", "-", "-"], input=pdf,
                          capture_output=True, check=True).stdout.decode("utf-8")
    return [sheet for sheet in text.split("\f") if sheet.strip()]


def squeeze(text: str) -> str:
    """Text without spaces and hyphens: a line break, or a hyphen the printer adds there, is no change."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


# Each row's cells marked with probes the printer sets like any word: its number at the start of every cell
# and at the end of every cell (Q7A … Q7Z), so that the sheets holding a row show where it went.
MARK_ROWS = """() => [...document.querySelectorAll('tbody tr[data-target]')].forEach((row, n) => {
    for (const cell of row.cells) {
        cell.prepend(document.createTextNode(`Q${n}A `));
        cell.append(document.createTextNode(` Q${n}Z`));
    }
})"""


@BROWSER
@pytest.mark.parametrize("url", ["timeline/", "en/timeline/"])
def test_a_printed_timeline_keeps_each_row_and_each_date_whole(open_page, url):
    page = open_page(url, DESKTOP)
    page.emulate_media(media="print")
    dates = page.eval_on_selector_all("tbody td > time", "ts => ts.map(t => t.innerText.trim())")
    sheets = printed_sheets(page)
    lines = [" ".join(line.split()) for sheet in sheets for line in sheet.splitlines()]
    for date in set(dates):
        assert any(" ".join(date.split()) in line for line in lines), date
    # no sheet but the last is almost empty (the chart follows the page's opening on the first sheet)
    assert all(len(sheet.strip().splitlines()) >= 12 for sheet in sheets[:-1])
    rows = page.eval_on_selector_all("tbody tr[data-target]", "rows => rows.map(r => r.cells.length)")
    page.evaluate(MARK_ROWS)
    marked = printed_sheets(page)
    for n, cells in enumerate(rows):
        holding = {k for k, sheet in enumerate(marked) for probe in (f"Q{n}A", f"Q{n}Z")
                   if len(re.findall(rf"\b{probe}\b", sheet)) == cells}
        assert len(holding) == 1, (n, holding)  # every probe of the row on one sheet


@BROWSER
@pytest.mark.parametrize("url", ["text/", "en/timeline/", "en/"])
def test_every_printed_sheet_names_its_page_and_its_number(open_page, url):
    """A loose leaf leads back: the page's address (its path from the home page when the build has no
    published address, as the PDFs print it) and "n / N" at each sheet's foot."""
    page = open_page(url, DESKTOP)
    sheets = printed_sheets(page)
    address = url or "./"
    for number, sheet in enumerate(sheets, start=1):
        foot = [line for line in sheet.splitlines() if line.strip()][-1]
        assert address in foot and re.search(rf"\b{number}\s*/\s*{len(sheets)}\s*$", foot), foot


# --- browser print: full sheets ------------------------------------------------------------------------------

MM = 72 / 25.4  # points


def sheet_coverage(pdf: bytes) -> list[float]:
    """For each printed sheet, the height its lines of text cover (pdftotext's line boxes, overlapping boxes
    of side-by-side columns counted once), in points; the foot's address and number (in the bottom margin of
    18 mm) aside."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode("utf-8")
    coverage = []
    for sheet in re.findall(r"<page (.*?)</page>", xml, re.S):
        height = float(re.findall(r'height="([\d.]+)"', sheet)[0])
        lines = sorted((float(top), float(bottom)) for top, bottom in
                       re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', sheet))
        covered, end = 0.0, 0.0
        for top, bottom in lines:
            if bottom < height - 18 * MM and bottom > end:
                covered += bottom - max(top, end)
                end = bottom
        coverage.append(covered)
    return coverage


@BROWSER
@pytest.mark.parametrize("url", ["en/opening/", "text/", "en/text/", "en/timeline/", "parallel/", "en/parallel/"])
def test_no_printed_sheet_but_the_last_is_nearly_empty(open_page, url):
    """Chromium's A4 print: no sheet holding only the banner, or a title and a sentence, and none left mostly
    blank mid-document because a unit with all its notes would not split: each sheet but the last carries at
    least a quarter of the text a full sheet carries. The side-by-side print takes the sheets its text needs
    set as full as its fullest sheet, and one more for the paragraphs kept whole (it once took a sheet for
    about each paragraph: 13 and 14)."""
    page = open_page(url, DESKTOP)
    coverage = sheet_coverage(page.pdf(format="A4"))
    full = max(coverage)
    assert len(coverage) > 1
    assert all(covered >= full / 4 for covered in coverage[:-1]), [round(c / full, 2) for c in coverage]
    if url.endswith("parallel/"):
        assert len(coverage) <= math.ceil(sum(coverage) / full) + 1, [round(c / full, 2) for c in coverage]

