"""MkDocs hooks: each hands the one model of the statement to a plain generator function.

MkDocs loads this file once per process (`mkdocs serve` keeps it), so it holds no code of the edition
itself: every build starts by importing the edition's modules afresh and loading the model anew, which is
what makes `mkdocs serve` show an edit to a unit, a note, a template or the Python code after one rebuild.
The i18n plugin builds each language inside the outer build; those inner builds reuse the outer one's model.
MkDocs loads this file by path, so the repository root is put on sys.path for `scripts.*` at each build.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path
from types import SimpleNamespace

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent

_build = SimpleNamespace(statement=None, renderer=None, edition=None, serving=False)


def _edition_modules() -> SimpleNamespace:
    """The edition's code, imported afresh: a `serve` rebuild runs the code as it is now on disk."""
    if str(ROOT) not in sys.path:  # MkDocs restores sys.path after loading this file
        sys.path.insert(0, str(ROOT))
    for name in [name for name in sys.modules if name == "scripts" or name.startswith("scripts.")]:
        if name != __name__:
            del sys.modules[name]
    names = ("errors", "loader", "material_fixes", "model", "output", "pdf", "render", "search_index",
             "statement_json")
    return SimpleNamespace(**{name: importlib.import_module(f"scripts.{name}") for name in names})


def on_startup(command, dirty):
    _build.serving = command == "serve"  # the preview skips the PDFs (seconds each) and says so


def on_config(config):
    if _building_a_language(config) and _build.statement is not None:
        return config  # an inner build of the i18n plugin: the outer build's model
    edition = _edition_modules()
    root = Path(config.config_file_path).parent
    os.environ.setdefault("SOURCE_DATE_EPOCH", edition.output.build_epoch(root))  # MkDocs dates the sitemap
    try:
        _build.statement = edition.loader.load(root, preview=_build.serving)
    except edition.errors.SourceError as error:
        raise PluginError(f"Bad input: {error}") from None
    _build.edition = edition
    _build.renderer = edition.render.Renderer(root / "overrides" / "edition")
    edition.search_index.prepare_jieba(_build.statement.search)
    try:
        config.extra["search_worker"] = edition.material_fixes.search_worker(config.theme.dirs)
    except edition.material_fixes.MaterialChanged as error:
        raise PluginError(str(error)) from None
    return config


def on_page_markdown(markdown, page, config, files):
    context = _page_context(page, config)
    return _build.renderer.page_markdown(context, markdown) if context else markdown


def on_page_context(context, page, config, nav):
    context["edition"] = _page_context(page, config)
    return context


def on_post_page(output, page, config):
    return _fixed(output)


def on_post_template(output_content, template_name, config):
    return _fixed(output_content) if template_name.endswith(".html") else output_content  # 404.html


def _fixed(html: str) -> str:
    fixes = _build.edition.material_fixes
    try:
        return fixes.fix_page_html(html)
    except fixes.MaterialChanged as error:
        raise PluginError(str(error)) from None


@event_priority(-110)  # after the i18n plugin has built every language and merged the search index
def on_post_build(config):
    if _building_a_language(config):
        return
    edition, statement, site = _build.edition, _build.statement, Path(config.site_dir)
    write = edition.output.write_if_changed
    write(site / "statement.json", edition.statement_json.statement_json(statement, config.site_url))
    write(site / edition.statement_json.SCHEMA_NAME, edition.statement_json.statement_schema())
    merged = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    languages = edition.model.LANGS
    for lang, index in edition.search_index.split_index(statement, statement.search, merged).items():
        write(site / ("" if lang == languages[0] else lang) / "search" / "search_index.json", index)
    if _build.serving:
        print("INFO    -  Preview: the PDFs are not rebuilt while serving (`make pdf` makes them)")
    else:
        try:
            edition.pdf.build_pdfs(statement, site, config.site_url, Path(config.config_file_path).parent)
        except edition.pdf.PdfError as error:
            raise PluginError(str(error)) from None
        importlib.import_module("scripts.csp").apply_csp(site)  # every page written; not in serve (inline live reload)
    try:
        edition.material_fixes.fix_search_worker(site)
    except edition.material_fixes.MaterialChanged as error:
        raise PluginError(str(error)) from None


def _page_context(page, config):
    lang, name = page.file.src_uri.split("/", 1)
    if lang not in _build.edition.model.LANGS:
        return None
    statement = _build.statement
    return _build.edition.render.PageContext(statement, next(p for p in statement.pages if p.src == name), lang,
                                              config.site_url)


def _building_a_language(config) -> bool:
    """True in the i18n plugin's inner build of one language, False in the outer build that runs them."""
    return bool(config.plugins["i18n"].building)
