"""Type and layout on screen and in browser print (issue 19), measured in Chromium at 390 and 1280 px.

Each script in its own type (a Chinese quotation mark full width, an English one narrow); no line begins with
closing punctuation or a note call (W3C clreq); note calls legible and easy to tap without moving the text; no
page scrolls sideways on a phone; printed headings stay with their text; text escaped exactly once."""

from __future__ import annotations

import re
import subprocess
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from tests.page_html import one, soup

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
BROWSER = pytest.mark.browser
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
# clreq §3.1.7: punctuation that may not begin a line (closing brackets and quotes, stops, commas, colons…).
CLREQ_NO_LINE_START = "。，、；：？！）》」』】〉〕〗…”’"


def one_page_per_kind(statement) -> list[str]:
    """A page of every kind in both languages; the full text holds every unit and every note."""
    first = {page.kind: page for page in reversed(statement.pages)}
    return [page.url[lang] for page in first.values() for lang in ("zh", "en")]


# Every character as the reader sees it: its line (a new line starts where the next character stands left of
# the one before, lower down), its language, whether it is part of a note call.
LINES = """() => {
    const blocks = new Map();
    const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, parent = node.parentElement;
        if (!node.data.trim() || parent.closest('script, style, svg, [hidden]')) continue;
        const block = parent.closest('p, li, td, th, dd, dt, h1, h2, h3, h4, figcaption, div');
        if (!blocks.has(block)) blocks.set(block, []);
        blocks.get(block).push(node);
    }
    const starts = [], range = document.createRange();
    for (const nodes of blocks.values()) {
        let previous = null, before = '';
        for (const node of nodes) {
            const call = Boolean(node.parentElement.closest('sup.edition-fnref'));
            const lang = node.parentElement.closest('[lang]').lang;
            for (let i = 0; i < node.data.length; i++) {
                if (/\\s|\\u200b/.test(node.data[i])) continue;
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const box = range.getClientRects()[0];
                if (!box || box.width === 0) continue;
                if (previous && box.left + 2 < previous.left && box.top > previous.top) {
                    starts.push({char: node.data[i], call, lang, before, context: node.data.slice(Math.max(0, i - 8), i + 4)});
                }
                previous = box;
                before = node.data[i];
            }
        }
    }
    return starts;
}"""


def open_every_note(page) -> None:
    page.evaluate("document.querySelectorAll('.edition-margin-part[hidden]').forEach(p => { p.hidden = false; })")


# --- each script in its own type ------------------------------------------------------------------

QUOTE_WIDTHS = """(mark) => [...document.querySelectorAll('.edition-body, .edition-note, .edition-translation-note')]
    .flatMap(holder => {
        const found = [], walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            for (let i = node.data.indexOf(mark); i >= 0; i = node.data.indexOf(mark, i + 1)) {
                // no punctuation beside it that the browser would squeeze it with (text-spacing-trim)
                if (i === 0 || i === node.data.length - 1 || /\\p{P}/u.test(node.data[i - 1] + node.data[i + 1])) continue;
                const box = at => { const range = document.createRange();
                    range.setStart(node, at); range.setEnd(node, at + 1); return range.getBoundingClientRect(); };
                const [before, self, after] = [box(i - 1), box(i), box(i + 1)];
                if (Math.abs(before.top - self.top) > 2 || Math.abs(after.top - self.top) > 2) continue;  // a line's edge
                found.push({lang: node.parentElement.closest('[lang]').lang,
                            em: self.width / parseFloat(getComputedStyle(node.parentElement).fontSize),
                            context: node.data.slice(Math.max(0, i - 5), i + 6)});
            }
        }
        return found; })"""


@BROWSER
@VIEWPORTS
@pytest.mark.parametrize("url", ["opening/", "text/", "en/energy-transition/", "en/text/"])
def test_chinese_quotation_marks_are_full_width_and_english_ones_narrow(open_page, url, viewport):
    """A Chinese “ ” between two letters is at least 0.8 em wide: the full-width form of a CJK face (two marks
    side by side are squeezed to half width by the browser, as clreq asks, and so may one at a line's end:
    those are not measured). An English one is under 0.6 em: the Latin face's."""
    page = open_page(url, viewport)
    open_every_note(page)
    marks = page.evaluate(QUOTE_WIDTHS, "“") + page.evaluate(QUOTE_WIDTHS, "”")
    measured = [mark for mark in marks if mark["lang"].startswith("zh" if not url.startswith("en/") else "en")]
    assert len(measured) >= 2, "no quotation mark to measure"
    assert [mark for mark in marks if mark["lang"].startswith("zh") and mark["em"] < 0.8] == []
    assert [mark for mark in marks if mark["lang"] == "en" and mark["em"] >= 0.6] == []


# --- line breaking (clreq) ------------------------------------------------------------------------

@BROWSER
@VIEWPORTS
def test_no_line_begins_with_closing_punctuation_or_a_note_call(open_page, statement, viewport):
    """On every kind of page, with every note open: no line of Chinese begins with closing punctuation, and no
    line begins with a note call (it stays with the character before it)."""
    bad = []
    for url in one_page_per_kind(statement):
        page = open_page(url, viewport)
        open_every_note(page)
        for start in page.evaluate(LINES):
            if start["call"] or (start["lang"].startswith("zh") and start["char"] in CLREQ_NO_LINE_START):
                bad.append((url, start))
        page.context.close()
    assert bad == []


# --- note calls -----------------------------------------------------------------------------------

@BROWSER
@pytest.mark.parametrize("url", ["energy-transition/", "en/energy-transition/", "text/"])
def test_note_calls_are_legible_digits_easy_to_tap_and_move_no_line(open_page, url):
    """A call is at least 0.7 em of its text, in the text's own face, in ASCII digits (not superscript
    characters); a finger 11 px off its centre in any direction still lands on it; and raising it opens no
    line (a paragraph is as tall as with its calls on the baseline)."""
    page = open_page(url, PHONE)
    open_every_note(page)
    calls = page.eval_on_selector_all("sup.edition-fnref > a.footnote-ref", """links => links.map(link => {
        const text = link.closest('p'), size = e => parseFloat(getComputedStyle(e).fontSize);
        return {digits: link.textContent, ratio: size(link) / size(text),
                same_face: getComputedStyle(link).fontFamily === getComputedStyle(text).fontFamily}; })""")
    assert len(calls) >= 3
    assert all(re.fullmatch(r"[0-9]+", call["digits"]) for call in calls), calls
    assert [call for call in calls if call["ratio"] < 0.7 or not call["same_face"]] == []
    missed = page.evaluate("""() => [...document.querySelectorAll('.edition-body sup.edition-fnref > a')].flatMap(link => {
        link.scrollIntoView({block: 'center'});
        const box = link.getBoundingClientRect(), x = box.left + box.width / 2, y = box.top + box.height / 2;
        return [[-11, 0], [11, 0], [0, -11], [0, 11]].filter(([dx, dy]) =>
            document.elementFromPoint(x + dx, y + dy)?.closest('a.footnote-ref') !== link)
            .map(offset => link.textContent + ' ' + offset); })""")
    assert missed == []
    heights = """() => [...document.querySelectorAll('p:has(sup.edition-fnref)')].map(p => p.getBoundingClientRect().height)"""
    raised = page.evaluate(heights)
    page.evaluate("document.querySelectorAll('sup.edition-fnref').forEach(s => { s.style.verticalAlign = 'baseline'; })")
    assert raised and page.evaluate(heights) == raised  # the raised call opens no line


# --- no sideways scrolling on a phone -------------------------------------------------------------------

@BROWSER
def test_no_page_scrolls_sideways_on_a_phone_and_no_table_is_clipped(open_page, statement):
    """At 390 px: the page is no wider than the screen, and every table cell lies inside it (the timeline,
    home, glossary and translation tables reflow into one block per row)."""
    wide = []
    for page_ in statement.pages:
        for lang in ("zh", "en"):
            page = open_page(page_.url[lang], PHONE)
            found = page.evaluate("""() => {
                const root = document.scrollingElement, width = root.clientWidth;
                const cells = [...document.querySelectorAll('.md-content table :is(td, th)')]
                    .filter(cell => cell.getBoundingClientRect().width > 0);
                return {cells: cells.length, page: root.scrollWidth - width,
                        clipped: cells.filter(cell => { const b = cell.getBoundingClientRect();
                            return b.left < 0 || b.right > width + 0.5; }).map(cell => cell.textContent.slice(0, 20)),
                        scrolled: [...document.querySelectorAll('.md-content table')]
                            .filter(t => t.scrollWidth > t.clientWidth + 1).length}; }""")
            if found["page"] > 0 or found["clipped"] or found["scrolled"]:
                wide.append((page_.url[lang], found))
            page.context.close()
    assert wide == []


@BROWSER
def test_a_stacked_timeline_row_names_each_of_its_cells(open_page):
    """On a phone each timeline row reads as a block: the column's name before each cell."""
    page = open_page("en/timeline/", PHONE)
    labels = page.eval_on_selector("table tbody tr", """row => [...row.querySelectorAll('td')].map(cell =>
        getComputedStyle(cell, '::before').content)""")
    assert labels == ['"Date: "', '"Kind: "', '"Since then: "', '"In the text: "']


# --- unit tools and navigation --------------------------------------------------------------------

@BROWSER
def test_the_translators_note_does_not_borrow_the_language_switchs_icon(open_page):
    page = open_page("energy-transition/", PHONE)
    switch = page.eval_on_selector(".md-header .md-select svg path", "path => path.getAttribute('d')")
    tools = page.eval_on_selector_all("symbol[id^='edition-icon-'] path", "paths => paths.map(p => p.getAttribute('d'))")
    assert len(tools) >= 6 and switch not in tools


@BROWSER
@pytest.mark.parametrize("url", ["en/references/", "methane/", "en/timeline/"])
def test_sidebar_links_are_targets_of_at_least_24_pixels(open_page, url):
    """WCAG 2.5.8: Material's navigation links were 18 px tall."""
    page = open_page(url, DESKTOP)
    heights = page.eval_on_selector_all(".md-sidebar .md-nav__link", """links => links
        .map(link => link.getBoundingClientRect()).filter(b => b.width > 0).map(b => b.height)""")
    assert len(heights) >= 10 and min(heights) >= 24


@BROWSER
def test_glossary_terms_keep_their_dotted_underline_in_the_text(open_page):
    """The glossary page promises terms "underlined with dots": solid, they looked like links."""
    page = open_page("en/methane/", DESKTOP)
    styles = page.eval_on_selector_all(".edition-body a.edition-term",
                                       "terms => terms.map(t => getComputedStyle(t).textDecorationStyle)")
    assert styles and set(styles) == {"dotted"}


# --- browser print --------------------------------------------------------------------------------------

def printed_pages(page) -> list[list[str]]:
    """The page printed by Chromium, as the lines of each sheet (pdftotext, in reading order)."""
    pdf = page.pdf(format="A4", print_background=False)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")
    return [[" ".join(line.split()) for line in sheet.splitlines() if line.strip()] for sheet in text.split("\f")]


@BROWSER
@pytest.mark.parametrize("url", ["text/", "en/text/", "en/timeline/"])
def test_printed_headings_stay_with_their_text_and_no_way_back_prints(open_page, url):
    page = open_page(url, DESKTOP)
    page.emulate_media(media="print")
    headings = set(page.eval_on_selector_all(".md-content :is(h1, h2, h3)",
                                             "hs => hs.map(h => h.textContent.trim().split(/\\s+/).join(' '))"))
    shown = page.eval_on_selector_all(".footnote-backref, .edition-reference-link",
                                      "links => links.filter(l => l.getBoundingClientRect().width > 0).length")
    assert shown == 0
    sheets = [sheet for sheet in printed_pages(page) if sheet]
    assert len(sheets) >= 3
    stranded = [sheet[-1] for sheet in sheets[:-1] if sheet[-1] in headings]
    assert stranded == []
    assert not any("↩" in line for sheet in sheets for line in sheet)


# --- text escaped once ---------------------------------------------------------------------------------

def test_no_page_shows_an_html_entity_as_text(site):
    """Every page's visible text (navigation and contents included) read with a real HTML parser: an entity
    that shows as text was escaped twice (the English References contents showed People&#39;s)."""
    shown: Counter[str] = Counter()
    for path in sorted(site.rglob("*.html")):
        document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for hidden in document.select("script, style, template"):
            hidden.decompose()
        for entity in re.findall(r"&(?:#39|#x27|amp|quot|lt|gt);", document.get_text()):
            shown[f"{path.relative_to(site)} {entity}"] += 1
    assert not shown, shown


def test_the_references_contents_name_each_reference_as_its_heading_does(site):
    document = soup(site, "en/references/")
    heading = one(document, "#ref-china-forest-law-2019").get_text().strip()
    assert "People’s Republic of China" in heading  # escaped once, and typographic (test_web_craft.py)
    entry = one(document, '.md-sidebar--secondary a[href="#ref-china-forest-law-2019"]').get_text().strip()
    assert entry == heading


def test_english_words_in_the_chinese_notes_are_marked_english(site, statement):
    """`lang` on every run of the other language: an English phrase (two words or more, with a lower-case
    letter) in a Chinese note, explanation or reference stands in an element marked en, so that it is set in
    a Latin face and read by an English voice. (The pages' own Markdown, as the translation page's tables,
    is written by hand and not checked here.)"""
    unmarked = []
    for page in statement.pages:
        if page.kind not in ("section", "full_text", "glossary", "references", "timeline"):
            continue
        content = one(soup(site, page.url["zh"]), ".md-content")
        for text in content.find_all(string=re.compile(r"[A-Za-z]*[a-z] [A-Za-z]+")):
            if not text.find_parent(["script", "style", "code", "pre"]) and not text.find_parent(attrs={"lang": "en"}):
                unmarked.append((page.url["zh"], text.strip()[:60]))
    assert unmarked == []
    assert soup(site, "energy-transition/").select('#tnote-p6 span[lang="en"]')
