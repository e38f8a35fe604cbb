"""The column names of the pages' own Markdown tables on their cells (data-label), as the templates' tables
carry them: on a narrow screen every table is a stack of cards, each cell under its column's name, and the
header row, which would stand over nothing, goes (edition.css)."""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.S)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
_CELL = re.compile(r"<td\b")
_TAG = re.compile(r"<[^>]+>")
_LANG = re.compile(r'<html\b[^>]*\blang="([^"]*)"')


def labelled(page: str) -> str:
    """The page with each cell of a table that has a header row but no labels named by its column."""
    lang = _LANG.search(page)
    colon = "：" if lang and lang[1].startswith("zh") else ": "

    def label(table: re.Match[str]) -> str:
        text = table[0]
        head = _HEAD.search(text)
        if "data-label=" in text or not head:
            return text
        names = [html.unescape(_TAG.sub("", cell)).strip() for cell in _HEADER_CELL.findall(head[1])]
        labels = [f' data-label="{html.escape(name + colon, quote=True)}"' for name in names]

        def row(match: re.Match[str]) -> str:
            cells = iter(labels)
            return _CELL.sub(lambda cell: cell[0] + next(cells, ""), match[0])

        return text[:head.end()] + _ROW.sub(row, text[head.end():])

    return _TABLE.sub(label, page)
