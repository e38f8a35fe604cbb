"""Browser print as a reader holds it (issue 19, a typographer's fourth read): Chromium prints the built pages on
A4 and poppler's pdftotext reads the sheets back, words and lines with their boxes, as a reader's eye would:
list numbers whole and on the sheet, the timeline at a reading measure in about as many sheets as its Chinese,
Chinese lines of at most 40 characters, and links in the colour of the words around them."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest

from tests.poppler import Word, read_layout

DESKTOP = {"width": 1280, "height": 800}
BROWSER = pytest.mark.browser
MM = 72 / 25.4  # points
# The sheet's side margins (@page in edition.css): Chromium prints nothing outside the page box, so a list
# number set further out than this loses its first digit (10. printed as .0.).
SIDE_MARGIN = 14 * MM


def read_sheets(pdf: bytes) -> tuple[float, list[list[list[Word]]]]:
    """A printed PDF as pdftotext finds it: the sheet's width and, for each sheet, its lines, each a list of
    words with their extent in points."""
    sheets = read_layout(pdf)
    return (sheets[-1].width if sheets else 0.0), [sheet.lines for sheet in sheets]


def printed(page) -> tuple[float, list[list[list[Word]]]]:
    """The page printed on A4 by Chromium, read back by pdftotext."""
    return read_sheets(page.pdf(format="A4"))


def squeeze(text: str) -> str:
    """Text without spaces and hyphens: a line break, or a hyphen the printer adds there, is no change."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


def full_widths(text: str) -> float:
    """A line's length in full-width characters: a Chinese character or full-width mark counts one, a Latin
    letter, digit or space a half (Unicode's East Asian Width)."""
    return sum(1 if unicodedata.east_asian_width(char) in "WF" else 0.5 for char in text)


# --- ordered lists -----------------------------------------------------------------------------------------

LONGEST_LIST = """() => Math.max(...[...document.querySelectorAll('.md-content ol')]
    .filter(ol => ol.getClientRects().length && getComputedStyle(ol).listStyleType === 'decimal')
    .map(ol => ol.querySelectorAll(':scope > li').length))"""


@BROWSER
@pytest.mark.parametrize("url", ["en/opening/", "text/"])
def test_printed_list_numbers_are_whole_and_on_the_sheet(open_page, url):
    """A list of ten items or more (the notes, the references) prints every number whole ("10.", never ".0.")
    and inside the sheet's margins, where Chromium prints."""
    page = open_page(url, DESKTOP)
    page.emulate_media(media="print")
    count = min(page.evaluate(LONGEST_LIST), 99)
    assert count >= 10, count
    width, sheets = printed(page)
    numbers = [word for sheet in sheets for line in sheet for word in line if re.fullmatch(r"\d+\.", word.text)]
    for n in range(1, count + 1):
        placed = [word for word in numbers if word.text == f"{n}."]
        assert placed, f"{n}. is not printed whole"
        assert all(SIDE_MARGIN - 0.5 <= word.x_min and word.x_max <= width - SIDE_MARGIN + 0.5 for word in placed), \
            (n, placed)


# --- the timeline ------------------------------------------------------------------------------------------

def sheet_count(open_page, url: str) -> int:
    page = open_page(url, DESKTOP)
    return len(printed(page)[1])


@BROWSER
def test_the_printed_english_timeline_takes_about_the_sheets_of_the_chinese(open_page):
    """The same entries in English take more room than in Chinese, as everywhere in print (the opening's
    paragraphs 8 sheets against 6, COP28's 7 against 5, the full text 27 against 18: at most half as many
    again); the timeline no more than that (set in five columns it took 18 sheets against 9)."""
    english, chinese = sheet_count(open_page, "en/timeline/"), sheet_count(open_page, "timeline/")
    assert english <= 1.5 * chinese, (english, chinese)


SINCE_THEN = """() => [...document.querySelectorAll('tbody tr[data-target] > td:nth-child(4)')]
    .map(cell => cell.innerText)"""


def lines_carrying(lines: list[str], text: str) -> list[str]:
    """The run of printed lines that together read as the text (spaces and the printer's hyphens aside)."""
    target = squeeze(text)
    for start in range(len(lines)):
        run, read = [], ""
        for line in lines[start:]:
            if not squeeze(line) or not target.startswith(read + squeeze(line)):
                break
            run.append(line)
            read += squeeze(line)
            if read == target:
                return run
    return []


@BROWSER
@pytest.mark.parametrize(("url", "measure", "long"), [
    ("en/timeline/", len, 200),
    ("timeline/", full_widths, 80),
])
def test_what_has_happened_since_prints_at_a_reading_measure(open_page, url, measure, long):
    """Each long "Since then" entry prints in lines a reader reads as lines: in English between 45 and 80
    characters (about the page's prose; in five columns it took 12), in Chinese at most 40 full-width
    characters and, but for its last line, no fewer than 25."""
    page = open_page(url, DESKTOP)
    cells = [text for text in page.evaluate(SINCE_THEN) if len(squeeze(text)) > long]
    assert cells
    _, sheets = printed(page)
    lines = [" ".join(word.text for word in line) for sheet in sheets for line in sheet]
    low, high = (45, 80) if url.startswith("en/") else (25, 40)
    for cell in cells:
        run = lines_carrying(lines, cell)
        assert len(run) >= 2, cell[:40]
        lengths = [measure(line) for line in run]
        assert min(lengths[:-1]) >= low and max(lengths) <= high, (cell[:40], lengths)


# --- Chinese measure -----------------------------------------------------------------------------------------

@BROWSER
@pytest.mark.parametrize("url", ["cop28/", "opening/"])
def test_printed_chinese_lines_hold_at_most_40_characters(open_page, url):
    """Chinese prints at a measure of about 38 characters on A4 (set to the page's width it took 46 to 49),
    the edition's paragraph addresses, set apart at the right, aside."""
    _, sheets = printed(open_page(url, DESKTOP))
    lengths = [full_widths(squeeze("".join(word.text for word in line if "/" not in word.text)))
               for sheet in sheets for line in sheet]
    assert max(lengths) <= 40, sorted(lengths)[-5:]
    assert max(lengths) >= 30  # the lines measured are the text's, not only short labels


# --- the notes' rule ------------------------------------------------------------------------------------------

def vertical_rules(pgm: bytes, dpi: int) -> list[tuple[float, float, float]]:
    """The vertical rules on a sheet rasterised in grey (binary PGM): runs of at least 15 mm of ink in one
    column of pixels, as (x, top, bottom) in points; a letter's stem is far shorter."""
    _, size, _, pixels = pgm.split(b"\n", 3)
    width, height = map(int, size.split())
    shortest = round(15 / 25.4 * dpi)
    scale = 72 / dpi
    rules = []
    for x in range(width):
        column = pixels[x::width]
        start = None
        for y in range(height + 1):
            inked = y < height and column[y] < 200
            if inked and start is None:
                start = y
            elif not inked and start is not None:
                if y - start >= shortest:
                    rules.append((x * scale, start * scale, y * scale))
                start = None
    return rules


@BROWSER
@pytest.mark.parametrize("url", ["en/opening/", "opening/"])
def test_a_printed_notes_rule_ends_with_the_note(open_page, url, tmp_path):
    """The rule beside a printed note (and any rule at the text's side) runs as far as the lines it stands
    beside, not on to the foot of the sheet when the note's next part moves to the next sheet (it once ran
    24 mm past the note's last line on the first sheet of en/opening/)."""
    page = open_page(url, DESKTOP)
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    _, sheets = read_sheets(pdf.read_bytes())
    dpi = 100
    checked = 0
    for number, sheet in enumerate(sheets, start=1):
        lines = [(line[0].x_min, min(w.y_min for w in line), max(w.y_max for w in line)) for line in sheet if line]
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", str(number), "-l", str(number), str(pdf),
                        str(tmp_path / "sheet")], check=True)
        pgm = next(tmp_path.glob("sheet*.pgm"))
        for x, top, bottom in vertical_rules(pgm.read_bytes(), dpi):
            beside = [end for left, start, end in lines if left > x and start < bottom and end > top]
            assert beside, (number, x, top, bottom)
            assert bottom <= max(beside) + 4 * MM, (number, round(x), round(bottom - max(beside)))
            checked += 1
        pgm.unlink()
    assert checked


# --- links -------------------------------------------------------------------------------------------------------

LINK_COLOURS = """() => document.getAnimations().forEach(a => a.finish()) || [...document.querySelectorAll('.md-content a[href]')]
    .filter(a => a.getClientRects().length)
    .map(a => ({text: a.textContent.trim().slice(0, 30), colour: getComputedStyle(a).color,
                text_colour: getComputedStyle(a.parentElement).color,
                underline: getComputedStyle(a).textDecorationLine}))"""


@BROWSER
@pytest.mark.parametrize("url", ["en/opening/", "opening/", "en/timeline/", "en/references/"])
def test_printed_links_take_the_colour_of_the_words_around_them(open_page, url):
    """On paper a link is read, not followed: glossary terms, cross-references and sources print in the colour
    of the text around them, not underlined (the references' addresses print in full as their words)."""
    page = open_page(url, DESKTOP)
    page.emulate_media(media="print")
    links = page.evaluate(LINK_COLOURS)  # the colours as set, not midway through Material's transition
    assert links
    for link in links:
        assert link["colour"] == link["text_colour"] and link["underline"] == "none", link
