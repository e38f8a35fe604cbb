"""Typeset PDFs of the statement (Chinese, English, bilingual), from print HTML made from the model.

WeasyPrint lays out the print HTML (overrides/print/) with footnotes, page counters and bookmarks.
The CJK font is named, never left to fallback: without it the build stops with one line.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from scripts.citation import AUTHORS
from scripts.dates import format_when, parse_when
from scripts.model import HTML_LANG, Statement, Unit

EDITIONS = ("zh", "en", "bilingual")
FONT = "Noto Serif CJK SC"
PDF_DIR = "pdf"


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


def print_html(statement: Statement, edition: str, site_url: str, root: Path) -> str:
    env = Environment(loader=FileSystemLoader(root / "overrides" / "print"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    main = "en" if edition == "en" else "zh"
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    base = site_url.rstrip("/") + "/"

    def footnote(key: str) -> str:
        ref = statement.reference(key)
        stop, comma = ("。", "，") if main == "zh" else (". ", ", ")
        where = ref.url or (ref.source[main] if ref.source else "")
        return f"{ref.title[main]}{comma}{format_when(ref.when, main)}{comma}{ref.body[main]}{stop}{where}"

    def unit_url(unit: Unit, lang: str) -> str:
        return base + statement.unit_url(unit, lang)

    return env.get_template("document.html").render(
        statement=statement, edition=edition, ui=statement.ui, html_lang=HTML_LANG,
        doc_title=statement.title[main] + ("" if edition != "bilingual" else "（中英对照）"),
        authors=("、" if main == "zh" else "; ").join(AUTHORS[main]), parties={lang: "、".join(AUTHORS["zh"]) if lang == "zh" else
                                                   " and ".join(AUTHORS["en"]) for lang in ("zh", "en")},
        home_url={lang: base + statement.page("home").url[lang] for lang in ("zh", "en")},
        build_date=dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        footnote=footnote, unit_url=unit_url, when=format_when,
        release_line={lang: statement.ui["edition_release"][lang].format(
            version=statement.release.version, date=format_when(parse_when(statement.release.date), lang))
            for lang in ("zh", "en")})


def build_pdfs(statement: Statement, site: Path, site_url: str, root: Path) -> dict[str, Path]:
    """Write the three PDFs into the built site; returns their paths."""
    from weasyprint import CSS, HTML

    check_font()
    stylesheet = CSS(filename=str(root / "overrides" / "print" / "print.css"))
    written = {}
    for edition, relative in pdf_paths().items():
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        document = HTML(string=print_html(statement, edition, site_url, root), base_url=str(root))
        document.write_pdf(target, stylesheets=[stylesheet], pdf_identifier=f"sunnylands-{edition}".encode(),
                           uncompressed_pdf=False)
        written[edition] = target
    return written


def main(argv: list[str] | None = None) -> int:
    """`make pdf`: the PDFs alone, into an existing site folder (default: site/)."""
    import argparse

    from scripts.loader import load
    from scripts.output import build_epoch

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("site", nargs="?", default="site")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL", "https://sunnylands-statement.example/"))
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    os.environ.setdefault("SOURCE_DATE_EPOCH", build_epoch(root))
    try:
        written = build_pdfs(load(root), Path(args.site), args.site_url, root)
    except PdfError as error:
        print(error)
        return 1
    for edition, path in written.items():
        print(f"{edition}: {path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
