"""Data is never markup: titles, notes and explanations holding *, _, [, `, < and & read as written in every
output (HTML pages, statement.json, the PDFs), and a link written in data never becomes a live link."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import background_build, built, copy_sources
from tests.page_html import one, soup
from tests.test_bad_input import edit

HOSTILE = "*em* _u_ [x](javascript:alert(1)) `code` <b>bold</b> & more"


@background_build("hostile_site")
def hostile_sources(folder: Path) -> Path:
    """Sources whose data holds Markdown and HTML: a reference title, a note and a glossary explanation."""
    root = copy_sources(folder)
    edit(root, "data/references.yaml", "en: United Nations Framework Convention on Climate Change (UNFCCC)}",
         f'en: "UNFCCC {HOSTILE}"}}')
    notes = root / "data/notes.yaml"
    notes.write_text(notes.read_text(encoding="utf-8").replace(
        "\np13:\n  zh: >-\n", f"\np13:\n  zh: >-\n    {HOSTILE}\n", 1).replace(
        "\np13:\n", "\np13:\n", 1), encoding="utf-8")
    text = notes.read_text(encoding="utf-8")
    en_at = text.index("\n  en: >-\n", text.index("\np13:\n"))
    notes.write_text(text[:en_at] + f"\n  en: >-\n    {HOSTILE}" + text[en_at + len("\n  en: >-"):], encoding="utf-8")
    edit(root, "data/glossary.yaml", "en: Fluorinated greenhouse gases used mainly",
         f'en: "{HOSTILE} Fluorinated greenhouse gases used mainly')
    glossary = root / "data/glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    start = text.index(f'en: "{HOSTILE} Fluorinated')
    end = text.index("\n", start)
    glossary.write_text(text[:end] + '"' + text[end:], encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_site() -> Path:
    return built("hostile_site")


def test_a_reference_title_is_text_in_its_heading(hostile_site):
    page = soup(hostile_site, "en/references/")
    heading = one(page, "#ref-unfccc")
    assert heading.get_text().strip() == f"UNFCCC {HOSTILE}"
    assert not heading.select("a, em, strong, b, code")
    assert not page.select('a[href^="javascript:"]')


def test_a_note_and_an_explanation_are_text(hostile_site):
    page = soup(hostile_site, "en/methane/")
    note = one(page, "#p13 .edition-note")
    assert note.get_text().startswith(HOSTILE)
    assert not note.select("em, b, code") and not page.select('a[href^="javascript:"]')
    tip = one(page, "#tip-hfc")
    assert tip.get_text().startswith(HOSTILE) and not tip.select("em, b, code, a")


def test_statement_json_and_the_pdf_keep_the_characters(hostile_site):
    data = json.loads((hostile_site / "statement.json").read_text(encoding="utf-8"))
    assert data["references"]["unfccc"]["title"]["en"] == f"UNFCCC {HOSTILE}"
    assert data["clauses"][12]["notes"]["en"].startswith(HOSTILE)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(hostile_site / "pdf/sunnylands-statement-en.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    # pdftotext may space glyphs apart ("( javascript"): compare without white space
    assert "".join(HOSTILE.split()) in "".join(text.split())


def test_a_reference_title_reads_as_written_in_the_pages_contents(hostile_site):
    """The table of contents names the reference as its heading does: escaped once (it showed &#39;)."""
    page = soup(hostile_site, "en/references/")
    entry = one(page, '.md-sidebar--secondary a[href="#ref-unfccc"]')
    assert " ".join(entry.get_text().split()) == f"UNFCCC {HOSTILE}"
