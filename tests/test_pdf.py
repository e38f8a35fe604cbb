"""Typeset PDFs and printing from the browser: complete, embedded fonts, outline, links, no navigation."""

from __future__ import annotations

import re
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from scripts.pdf import PdfError, check_font, pdf_paths

SITE_URL = "https://sunnylands-statement.example/"
LANGS_OF = {"zh": ("zh",), "en": ("en",), "bilingual": ("zh", "en")}


@lru_cache(maxsize=None)
def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def squeeze(text: str, lang: str) -> str:
    """The text without white space, where a line may break (a Chinese line anywhere, an English one after
    a slash), and for English without hyphens (pdftotext joins a line ending in one: el-/Sheikh)."""
    return re.sub(r"\s+", "", text if lang == "zh" else text.replace("-", ""))


@pytest.mark.parametrize("edition", list(pdf_paths()))
def test_every_unit_is_in_the_pdf_whole_and_once(site, statement, edition):
    text = pdf_text(site / pdf_paths()[edition])
    for lang in LANGS_OF[edition]:
        flat = squeeze(text, lang)
        for unit in statement.units():
            expected = squeeze(unit.display(lang), lang)
            assert flat.count(expected) == 1, f"{edition}: {unit.id} ({lang}) found {flat.count(expected)} times"


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
def test_links_are_permanent_urls_and_metadata_is_set(site, statement, edition):
    reader = PdfReader(site / pdf_paths()[edition])
    uris = {annotation.get_object()["/A"]["/URI"] for page in reader.pages for annotation in page.get("/Annots", [])
            if "/URI" in annotation.get_object().get("/A", {})}
    for lang in LANGS_OF[edition]:
        for unit in statement.units():
            assert SITE_URL + statement.unit_url(unit, lang) in uris
    main = "en" if edition == "en" else "zh"
    assert reader.metadata.title.startswith(statement.title[main])
    assert "People's Republic of China" in reader.metadata.author or "中华人民共和国" in reader.metadata.author
    assert reader.trailer["/Root"]["/Lang"] == ("en" if edition == "en" else "zh-Hans")
    assert len(reader.pages) > 5


def test_footnotes_and_timeline_are_typeset(site):
    text = " ".join(pdf_text(site / pdf_paths()["en"]).split())
    assert "Kigali Amendment to the Montreal Protocol, 15 October 2016, Parties to the Montreal Protocol." in text
    assert "first half of 2024" in text  # the timeline table
    assert "Unofficial translation" in text  # the title page's notice


def test_a_missing_cjk_font_stops_the_pdf_build(monkeypatch):
    monkeypatch.setattr("scripts.pdf.FONT", "No Such Font SC")
    with pytest.raises(PdfError, match=r"PDFs need the font 'No Such Font SC': install it with `apt-get install "
                                      r"fonts-noto-cjk`"):
        check_font()


def test_every_page_links_to_the_pdfs_and_statement_json_lists_them(site, statement, statement_json):
    from tests.html import soup

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
    assert "Kigali Amendment to the Montreal Protocol, 15 October 2016" in text  # footnote
    assert "The Kigali Amendment, adopted on 15 October 2016" in text  # the note, opened for print
    assert f"{server}".rstrip("/") not in text  # printed URLs are the permanent (canonical) ones
    assert SITE_URL + "en/methane/#p13" in text
