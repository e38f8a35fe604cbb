"""MkDocs hooks: each hands the one model of the statement to a plain generator function.

MkDocs loads this file by path, so the repository root is put on sys.path for `scripts.*`.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from scripts.errors import SourceError  # noqa: E402
from scripts.output import build_epoch  # noqa: E402
from scripts.material_fixes import MaterialChanged, fix_page_html, fix_search_worker, search_worker  # noqa: E402
from scripts.loader import load  # noqa: E402
from scripts.model import LANGS, Statement  # noqa: E402
from scripts.output import write_if_changed  # noqa: E402
from scripts.pdf import PdfError, build_pdfs  # noqa: E402
from scripts.render import PageContext, Renderer  # noqa: E402
from scripts.search_index import prepare_jieba, split_index  # noqa: E402
from scripts.statement_json import SCHEMA_NAME, statement_json, statement_schema  # noqa: E402

_statement: Statement | None = None  # loaded once per configuration; i18n re-runs on_config per language
_renderer: Renderer | None = None


def on_config(config):
    global _statement, _renderer
    if _statement is None:
        root = Path(config.config_file_path).parent
        os.environ.setdefault("SOURCE_DATE_EPOCH", build_epoch(root))  # MkDocs dates the sitemap with it
        try:
            _statement = load(root)
        except SourceError as error:
            raise PluginError(f"Bad input: {error}") from None
        _renderer = Renderer(root / "overrides" / "edition")
        prepare_jieba(_statement.search)
    try:
        config.extra["search_worker"] = search_worker(config.theme.dirs)  # main.html's __config names it
    except MaterialChanged as error:
        raise PluginError(str(error)) from None
    return config


def on_page_markdown(markdown, page, config, files):
    context = _page_context(page, config)
    return _renderer.page_markdown(context, markdown) if context else markdown


def on_page_context(context, page, config, nav):
    context["edition"] = _page_context(page, config)
    return context


def on_post_page(output, page, config):
    return _fixed(output)


def on_post_template(output_content, template_name, config):
    return _fixed(output_content) if template_name.endswith(".html") else output_content  # 404.html


def _fixed(html: str) -> str:
    try:
        return fix_page_html(html)
    except MaterialChanged as error:
        raise PluginError(str(error)) from None


@event_priority(-110)  # after the i18n plugin has built every language and merged the search index
def on_post_build(config):
    if _all_languages_built(config):
        site = Path(config.site_dir)
        write_if_changed(site / "statement.json", statement_json(_statement, config.site_url))
        write_if_changed(site / SCHEMA_NAME, statement_schema())
        merged = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        for lang, index in split_index(_statement, _statement.search, merged).items():
            write_if_changed(site / ("" if lang == LANGS[0] else lang) / "search" / "search_index.json", index)
        try:
            build_pdfs(_statement, site, config.site_url, Path(config.config_file_path).parent)
        except PdfError as error:
            raise PluginError(str(error)) from None
        try:
            fix_search_worker(site)
        except MaterialChanged as error:
            raise PluginError(str(error)) from None


def _page_context(page, config) -> PageContext | None:
    lang, name = page.file.src_uri.split("/", 1)
    if lang not in LANGS:
        return None
    return PageContext(_statement, next(p for p in _statement.pages if p.src == name), lang, config.site_url)


def _all_languages_built(config) -> bool:
    """True once, in the outer build: the i18n plugin runs the other languages' builds inside it."""
    return not config.plugins["i18n"].building
