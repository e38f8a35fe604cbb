"""Finish: what the site holds besides the generator's pages, and the corrections of the generator's output.

Runs on the generator's output folder after it has built the prepared tree: `statement.json` and its schema,
one search index per language (from the model, in Material's format), Material's corrections (each counts
what it changed and stops the build when it no longer applies), the type corrections of the pages' text
(generators/typography.py), and, not in the preview, the PDFs and the Content-Security-Policy of every page.
"""

from __future__ import annotations

from pathlib import Path

import markdown

from scripts.pipeline import csp, material_fixes
from scripts.generators import pdf, search_index, statement_json, tables, typography
from scripts.pipeline.config import SiteConfig
from scripts.pipeline.prepare import Prepared
from scripts.model import LANGS, Lang, Page, Statement, Text
from scripts.pipeline.output import write_if_changed


def finish(statement: Statement, root: Path, site: Path, config: SiteConfig, pages: dict[tuple[Lang, Page], Prepared],
           preview: bool = False) -> None:
    write_if_changed(site / "statement.json", statement_json.statement_json(statement, config.site_url))
    write_if_changed(site / statement_json.SCHEMA_NAME, statement_json.statement_schema())
    searched = {key: search_index.PageText(markdown.markdown(page.body, extensions=config.extension_names,
                                                             extension_configs=config.extension_configs),
                                           page.search)
                for key, page in pages.items()}
    for lang, index in search_index.indexes(statement, statement.search, searched).items():
        folder = site / ("" if lang == LANGS[0] else lang) / "search"
        write_if_changed(folder / search_index.FULL_INDEX, index)
        write_if_changed(folder / "search_index.json", search_index.page_stub(index, lang))
    fix_pages(site, statement.ui["colon"])
    material_fixes.fix_search_worker(site)
    if not preview:  # the preview injects its reload script inline, which the policy would block
        pdf.build_pdfs(statement, site, config.site_url, root)
        csp.apply_csp(site)  # last: it hashes the inline scripts of the pages as written


def fix_pages(site: Path, colon: Text) -> None:
    """Material's page corrections, on every page the generator wrote (each stops the build if it no longer
    applies), and the type corrections of every page's text (typography.typeset_html: English quotes, the
    middle dot of Chinese names); a page is rewritten only when it changed."""
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        fixed = corrected(html, colon)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")


def corrected(html: str, colon: Text) -> str:
    """One page as the generator wrote it, with Material's corrections, its Markdown tables' cells labelled
    with their columns' names (and the interface words' colon) and the edition's type corrections: the one
    definition, so that the warm preview's pages equal a whole build's."""
    return typography.typeset_html(tables.labelled(material_fixes.fix_page_html(html), colon))
