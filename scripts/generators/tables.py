"""The column names of the pages' own Markdown tables on their cells (data-label), as the templates' tables
carry them: on a narrow screen every table is a stack of cards, each cell under its column's name, and the
header row, which would stand over nothing, goes (edition.css).

The page is read with the standard library's HTML parser (never a pattern over markup); the labels are then
set into the page as written, after each cell's `<td`, so that nothing else of the page changes."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

from scripts.model import Text


@dataclass
class _Table:
    labelled: bool = False  # some element of it has a data-label already (a template's table)
    in_head: bool = False
    has_head: bool = False
    names: list[str] = field(default_factory=list)  # the header row's column names
    heading: list[str] | None = None  # the text of the header cell being read
    rows: list[list[int]] = field(default_factory=list)  # after the head: each row's cells, by offset


class _Cells(HTMLParser):
    """Where the cells of each table with a header row stand in the page, and its columns' names."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lines = [0]  # where each line starts: the parser counts lines by "\n" alone
        for line in page.split("\n"):
            self.lines.append(self.lines[-1] + len(line) + 1)
        self.lang = ""
        self.open: list[_Table] = []
        self.tables: list[_Table] = []
        self.feed(page)
        self.close()

    def at(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        if tag == "table":
            self.open.append(_Table())
        if not self.open:
            return
        table = self.open[-1]
        table.labelled = table.labelled or any(name == "data-label" for name, _ in attrs)
        if tag == "thead":
            table.in_head = table.has_head = True
        elif tag == "th" and table.in_head:
            table.heading = []
        elif tag == "tr" and table.has_head and not table.in_head:
            table.rows.append([])
        elif tag == "td" and table.rows:
            table.rows[-1].append(self.at() + len("<td"))

    def handle_endtag(self, tag: str) -> None:
        if not self.open:
            return
        table = self.open[-1]
        if tag == "table":
            self.tables.append(self.open.pop())
        elif tag == "thead":
            table.in_head = False
        elif tag == "th" and table.heading is not None:
            table.names.append("".join(table.heading).strip())
            table.heading = None

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1].heading is not None:
            self.open[-1].heading.append(data)


def labelled(page: str, colon: Text) -> str:
    """The page with each cell of a table that has a header row but no labels named by its column, and the
    language's colon after the name (`colon`: the interface words' one colon)."""
    cells = _Cells(page)
    mark = colon["zh" if cells.lang.startswith("zh") else "en"]
    inserts: list[tuple[int, str]] = []
    for table in cells.tables:
        if table.labelled or not table.has_head:
            continue
        labels = [f' data-label="{html.escape(name + mark, quote=True)}"' for name in table.names]
        # a cell past the last column's name gets none
        inserts += [(at, label) for row in table.rows for at, label in zip(row, labels, strict=False)]
    for at, label in sorted(inserts, reverse=True):
        page = page[:at] + label + page[at:]
    return page
