"""Typeset PDFs of the statement (Chinese, English, bilingual), from print HTML made from the model.

WeasyPrint lays out the print HTML (scripts/generators/print/) with page counters, bookmarks and endnotes: calls
stand where the statement's marks stand, and the references cited follow the timeline.
The CJK font is named, never left to fallback: without it the build stops with one line.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from scripts.dates import format_when
from scripts.sources.releases import release_words
from scripts.model import HTML_LANG, Lang, Mark, Statement

EDITIONS = ("zh", "en", "bilingual")
FONT = "Noto Serif CJK SC"
PDF_DIR = "pdf"
PRINT = Path(__file__).with_name("print")  # the print HTML's template and stylesheet


class PdfError(RuntimeError):
    pass


def pdf_paths() -> dict[str, str]:
    """Where each PDF lives, relative to the site root."""
    return {edition: f"{PDF_DIR}/sunnylands-statement-{edition}.pdf" for edition in EDITIONS}


def check_font() -> None:
    listing = shutil.which("fc-list") and subprocess.run(["fc-list", f":family={FONT}"], capture_output=True,
                                                         text=True).stdout.strip()
    if not listing:
        raise PdfError(f"PDFs need the font '{FONT}': install it with `apt-get install fonts-noto-cjk` "
                       "(`make build` does where it can)")


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def is_configured(site_url: str | None) -> bool:
    """False for an unknown address (None) or a placeholder (a reserved .example host): the PDFs then
    print no address."""
    host = urlparse(site_url or "").hostname or ""
    return bool(host) and not (host == "example" or host.endswith(".example"))


class Endnotes:
    """The references a PDF cites, numbered in order of first call; a call is the number in superscript
    digits, several calls at one place joined by ˒ (so that ²˒³ never reads as 23)."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    def number(self, key: str) -> int:
        if key not in self.keys:
            self.keys.append(key)
        return self.keys.index(key) + 1

    @staticmethod
    def sup(number: int) -> str:
        return str(number).translate(_SUPERSCRIPT)

    def pieces(self, text: str, marks: tuple[Mark, ...]) -> list[tuple[str, object]]:
        """("text", words) and ("call", [numbers]) pieces: each call where its mark stands in the text."""
        pieces: list[tuple[str, object]] = []
        last = 0
        for offset in sorted({mark.offset for mark in marks}):
            if offset > last:
                pieces.append(("text", text[last:offset]))
            pieces.append(("call", list(dict.fromkeys(self.number(mark.key) for mark in marks
                                                      if mark.offset == offset))))
            last = offset
        if last < len(text):
            pieces.append(("text", text[last:]))
        return pieces


def print_html(statement: Statement, edition: str, site_url: str | None, root: Path) -> str:
    env = Environment(loader=FileSystemLoader(PRINT), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    main: Lang = "en" if edition == "en" else "zh"
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    configured = is_configured(site_url)
    base = (site_url or "").rstrip("/") + "/"

    def reference(key: str, lang: Lang) -> str:
        ref = statement.reference(key)
        stop, comma = ("。", "，") if lang == "zh" else (". ", ", ")
        where = ref.url or (ref.source[lang] if ref.source else "")
        return f"{ref.title[lang]}{comma}{format_when(ref.when, lang)}{comma}{ref.body[lang]}{stop}{where}"

    def link(path: str) -> str | None:
        """The absolute address of a site path, where the edition has one."""
        return base + path if configured else None

    return env.get_template("document.html").render(
        statement=statement, edition=edition, ui=statement.ui, html_lang=HTML_LANG, endnotes=Endnotes(),
        doc_title=statement.title[main] + ("" if edition != "bilingual" else "（中英对照）"),
        authors=("、" if main == "zh" else "; ").join(statement.source.parties[main]),
        parties={"zh": "、".join(statement.source.parties["zh"]), "en": " and ".join(statement.source.parties["en"])},
        home_url={lang: base + statement.page("home").url[lang] for lang in ("zh", "en")}, configured=configured,
        build_date=dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        reference=reference, link=link, when=format_when,
        release_line={lang: release_words(statement, "edition_release", lang, statement.release.version,
                                          statement.release.date) for lang in ("zh", "en")})


def build_pdfs(statement: Statement, site: Path, site_url: str | None, root: Path) -> dict[str, Path]:
    """Write the three PDFs into the built site; returns their paths."""
    from weasyprint import CSS, HTML

    check_font()
    stylesheet = CSS(filename=str(PRINT / "print.css"))
    written = {}
    for edition, relative in pdf_paths().items():
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        document = HTML(string=print_html(statement, edition, site_url, root), base_url=str(root))
        # PDF/UA: tagged (a structure tree for screen readers), with the document's language and title shown.
        document.write_pdf(target, stylesheets=[stylesheet], pdf_identifier=f"sunnylands-{edition}".encode(),
                           uncompressed_pdf=False, pdf_variant="pdf/ua-1")
        written[edition] = target
    return written
