"""Render the statement's pages from the model, through the Jinja templates in overrides/edition/."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from scripts.model import HTML_LANG, Lang, Page, Section, Statement, Text


@dataclass(frozen=True)
class PageContext:
    """What a template needs to render one page in one language."""

    statement: Statement
    page: Page
    lang: Lang

    @property
    def html_lang(self) -> str:
        return HTML_LANG[self.lang]

    def t(self, key: str) -> str:
        """An interface string in the page's language."""
        return self.statement.ui[key][self.lang]

    def href(self, target: str) -> str:
        """A link from this page to a site-root-relative page URL, with its #fragment if any."""
        path, _, fragment = target.partition("#")
        here = self.page.url[self.lang]
        if fragment and path == here:
            return f"#{fragment}"
        relative = posixpath.relpath(path or ".", here or ".")
        relative = "./" if relative == "." else relative + "/"
        return relative + (f"#{fragment}" if fragment else "")

    def in_lang(self, lang: Lang) -> "PageContext":
        """The same page, rendering text in another language (for the parallel page's columns)."""
        return PageContext(self.statement, self.page, lang)

    @property
    def section(self) -> Section:
        """The section a section page shows."""
        return next(section for section in self.statement.sections if section.id == self.page.key)

    def unit_url(self, unit_id: str, lang: Lang | None = None) -> str:
        return self.statement.unit_url(self.statement.unit(unit_id), lang or self.lang)

    def text(self, value: Text) -> str:
        return value[self.lang]


class Renderer:
    """One Jinja environment over overrides/edition/, for every page body the edition generates."""

    def __init__(self, templates: Path):
        self.env = Environment(loader=FileSystemLoader(templates), autoescape=True, undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)

    def page_markdown(self, statement: Statement, page: Page, lang: Lang, markdown: str) -> str:
        """The Markdown MkDocs renders for `page`: generated from the model for statement pages."""
        template = self.env.get_template(f"{page.kind}.html")
        return template.render(ctx=PageContext(statement, page, lang), markdown=markdown)
