"""Typeset PDFs and printing from the browser: complete, embedded fonts, outline, links, no navigation."""

from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
from pypdf import PageObject, PdfReader

from scripts.generators.pdf import PdfError, check_font, pdf_paths

LANGS_OF = {"zh": ("zh",), "en": ("en",), "bilingual": ("zh", "en")}


@cache
def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


CALLS = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹˒]+")


def squeeze(text: str, lang: str) -> str:
    """The text without white space, where a line may break (a Chinese line anywhere, an English one after
    a slash), for English without hyphens (pdftotext joins a line ending in one: el-/Sheikh), and without
    the reference calls (superscript digits, which the statement's own text never uses)."""
    return re.sub(r"\s+", "", CALLS.sub("", text if lang == "zh" else text.replace("-", "")))


@cache
def column_text(path: Path, side: str) -> str:
    """The text of one column of the parallel PDF (left: Chinese, right: English), in reading order."""
    chunks: list[str] = []
    for page in PdfReader(path).pages:
        middle = float(page.mediabox.width) / 2

        def visit(text, cm, tm, font, size, middle=middle):
            if text.strip() and ((tm[4] * cm[0] + cm[4] < middle) == (side == "left")):
                chunks.append(text)
        page.extract_text(visitor_text=visit)
    return "".join(chunks)


@pytest.mark.parametrize("edition", list(pdf_paths()))
def test_every_unit_is_in_the_pdf_whole_and_once(site, edition):
    """Oracles read from the sources without the loader: the authority's unit lines (label included) for the
    Chinese, the translator's lines in docs/en for the English."""
    from tests.test_chinese_text import authority_units
    from tests.test_statement_json import english_source_lines

    path = site / pdf_paths()[edition]
    sources = {"zh": authority_units(), "en": list(english_source_lines().values())}
    for lang in LANGS_OF[edition]:
        text = column_text(path, "left" if lang == "zh" else "right") if edition == "bilingual" else pdf_text(path)
        flat = squeeze(text, lang)
        assert len(sources[lang]) == 36
        for words in sources[lang]:
            expected = squeeze(words, lang)
            assert flat.count(expected) == 1, f"{edition} ({lang}): {words[:30]}… found {flat.count(expected)} times"


@pytest.mark.parametrize("edition", list(pdf_paths()))
def test_fonts_are_embedded(site, edition):
    listing = subprocess.run(["pdffonts", str(site / pdf_paths()[edition])], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert listing, "no fonts"
    for line in listing:
        assert line.split()[-5] == "yes", f"not embedded: {line}"
    assert any("Noto-Serif-CJK-SC" in line for line in listing)


@pytest.mark.parametrize("edition", list(pdf_paths()))
def test_outline_has_every_section_and_unit(site, statement, edition):
    reader = PdfReader(site / pdf_paths()[edition])
    main = "en" if edition == "en" else "zh"

    def titles(items):
        for item in items:
            yield from titles(item) if isinstance(item, list) else [item.title]

    outline = list(titles(reader.outline))
    for section in statement.sections:
        assert (section.heading or section.title)[main] in outline
    for unit in statement.units():
        assert unit.pinpoint[main] in outline


@pytest.mark.parametrize("edition", list(pdf_paths()))
def test_addresses_are_relative_without_a_configured_site_url_and_metadata_is_set(site, statement, edition):
    """The test build has no real address (its site_url is the placeholder .example host): the PDFs print
    each unit's address relative to the edition, once, and claim no absolute one."""
    path = site / pdf_paths()[edition]
    reader = PdfReader(path)
    uris = [annotation.get_object()["/A"]["/URI"] for page in reader.pages for annotation in page.get("/Annots", [])
            if "/URI" in annotation.get_object().get("/A", {})]
    assert not [uri for uri in uris if "example" in uri]
    text = pdf_text(path)
    assert "sunnylands-statement.example" not in squeeze(text, "zh")
    for lang in LANGS_OF[edition]:
        for unit in statement.units():
            # its own line (bilingual: both on one line, joined by a middle dot)
            printed = re.findall(r"(?:^|\s)" + re.escape(statement.unit_url(unit, lang)) + r"(?=\s|$)", text, re.M)
            assert len(printed) == 1, (edition, unit.id, lang)
    main = "en" if edition == "en" else "zh"
    metadata = reader.metadata
    assert metadata is not None and metadata.title and metadata.author, edition
    assert metadata.title.startswith(statement.title[main])
    assert "People's Republic of China" in metadata.author or "中华人民共和国" in metadata.author
    assert reader.root_object["/Lang"] == ("en" if edition == "en" else "zh-Hans")


def test_with_a_configured_address_units_link_to_their_permanent_urls(statement, tmp_path):
    from scripts.generators.pdf import build_pdfs
    from tests.conftest import ROOT

    base = "https://edition.test/sunnylands/"
    path = build_pdfs(statement, tmp_path, base, ROOT)["en"]
    reader = PdfReader(path)
    uris = {annotation.get_object()["/A"]["/URI"] for page in reader.pages for annotation in page.get("/Annots", [])
            if "/URI" in annotation.get_object().get("/A", {})}
    for unit in statement.units():
        assert base + statement.unit_url(unit, "en") in uris


@pytest.mark.parametrize("edition", list(pdf_paths()))
def test_pdfs_are_tagged(site, edition):
    info = subprocess.run(["pdfinfo", str(site / pdf_paths()[edition])], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info


def text_heights(page: PageObject) -> list[float]:
    """How high on the page each piece of text stands."""
    ys: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            ys.append(tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return ys


def body_bottoms(path: Path) -> list[float]:
    """For each page, how far down the text goes, as a share of the page (running head and folio aside)."""
    reader = PdfReader(path)
    shares = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        ys = text_heights(page)
        body = [y for y in ys if 0.1 * height < y < 0.9 * height]
        shares.append(1 - min(body) / height if body else 0.0)
    return shares


@pytest.mark.parametrize("edition", list(pdf_paths()))
def test_no_run_of_near_empty_pages(site, edition):
    """No page after the title page is more than half empty, unless the next page begins a part (the
    timeline, the references cited) or it is the last page."""
    path = site / pdf_paths()[edition]
    shares = body_bottoms(path)
    part = re.compile(r"\s*\S*\s*(时间线|On the timeline|参考文献注|References cited)")
    # The running head may come first in the extracted text or not: the part's title is the first or second line.
    starts = {index for index, page in enumerate(PdfReader(path).pages)
              if any(part.match(text) for text in (page.extract_text(), page.extract_text().split("\n", 1)[-1]))}
    for index in range(1, len(shares) - 1):
        if index + 1 in starts:
            continue
        assert shares[index] >= 0.5, f"{edition}: page {index + 1} is {shares[index]:.0%} full"


def test_calls_stand_where_the_marks_stand_and_several_are_separated(site, statement):
    zh = pdf_text(site / pdf_paths()["zh"])
    flat = re.sub(r"\s+", "", zh)
    # ¶6 cites the G20 declaration right after its name, not at the end of the paragraph.
    assert re.search(r"二十国集团领导人宣言[⁰¹²³⁴⁵⁶⁷⁸⁹]+所述", flat)
    assert re.search(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]˒[⁰¹²³⁴⁵⁶⁷⁸⁹]", flat)  # two calls at one place read as two


@pytest.mark.parametrize("edition", ["zh", "en"])
def test_notes_and_translators_notes_are_printed(site, statement, edition):
    flat = squeeze(pdf_text(site / pdf_paths()[edition]), edition)
    for notes in (statement.notes, statement.translation_notes):
        for note in notes.values():
            assert squeeze(note.text[edition][:30], edition) in flat, note.unit


def kigali_in_the_sources() -> tuple[str, str]:
    """(how the Kigali Amendment's English footnote opens, how ¶13's English note opens), read here from
    data/references.yaml and data/notes.yaml: title, date, issuing body, the date 2016-10-15 written out by
    hand as 15 October 2016; the note's first eight words."""
    import yaml

    from tests.conftest import ROOT
    entry = yaml.safe_load((ROOT / "data/references.yaml").read_text(encoding="utf-8"))["kigali-amendment"]
    assert entry["date"].isoformat() == "2016-10-15"
    note = yaml.safe_load((ROOT / "data/notes.yaml").read_text(encoding="utf-8"))["p13"]["en"]
    return f"{entry['title']['en']}, 15 October 2016, {entry['body']['en']}.", " ".join(note.split()[:8])


def test_footnotes_and_timeline_are_typeset(site):
    text = " ".join(pdf_text(site / pdf_paths()["en"]).split())
    footnote, _ = kigali_in_the_sources()
    assert footnote in text
    assert "first half of 2024" in text  # the timeline table
    assert "Unofficial translation" in text  # the title page's notice


def test_a_missing_cjk_font_stops_the_pdf_build(monkeypatch):
    monkeypatch.setattr("scripts.generators.pdf.FONT", "No Such Font SC")
    with pytest.raises(PdfError, match=r"PDFs need the font 'No Such Font SC': install it with `apt-get install "
                                      r"fonts-noto-cjk`"):
        check_font()


def test_every_page_links_to_the_pdfs_and_statement_json_lists_them(site, statement, statement_json):
    from tests.page_html import soup

    assert statement_json["pdf"] == pdf_paths()
    for page in statement.pages:
        for lang in ("zh", "en"):
            links = [a["href"] for a in soup(site, page.url[lang]).select('.md-copyright a[type="application/pdf"]')]
            assert len(links) == 3, page.url[lang]
            for href in links:
                assert (site / page.url[lang] / href).resolve().is_file()


@pytest.mark.browser
def test_printing_a_page_hides_navigation_and_keeps_notes_and_footnotes(page, server, tmp_path):
    page.goto(server + "en/methane/")
    page.pdf(path=str(tmp_path / "print.pdf"), format="A4")
    text = " ".join(pdf_text(tmp_path / "print.pdf").split())
    assert "Side by side" not in text and "How to cite" not in text  # navigation
    assert "Copy link" not in text and "Search" not in text  # controls
    footnote, note = kigali_in_the_sources()
    assert footnote in text  # the footnote
    assert note in text  # the note, opened for print
    assert f"{server}".rstrip("/") not in text  # printed URLs are the permanent (canonical) ones
    assert "example" not in text and "#p13" not in text  # a build that knows no address prints none
