"""Reading the built HTML as a reader's browser would: the statement's units and their text."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag


@dataclass(frozen=True)
class ShownUnit:
    id: str
    label: str
    body: str
    lang: str  # the nearest lang attribute

    @property
    def display(self) -> str:
        return self.label + self.body


def soup(site: Path, url: str) -> BeautifulSoup:
    """The page a site-root-relative URL (without its #fragment) opens. Parsed once per file as written (many
    tests read the same long pages); a test must not change the tree it gets (copy.copy a part to change it)."""
    file = site / url.partition("#")[0] / "index.html"
    stat = file.stat()
    return _parsed(file, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=40)  # a site has 37 pages; a parsed long page holds tens of MB
def _parsed(file: Path, mtime_ns: int, size: int) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def one(node: Tag, selector: str) -> Tag:
    """The element a CSS selector finds under node, which the test needs: missing, the test fails here, naming it."""
    found = node.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found


def attr(element: Tag, name: str) -> str:
    """A single-valued attribute (id, href, lang, data-*): bs4 gives it as a string, lists only for class, rel …"""
    value = element[name]
    assert isinstance(value, str), f"{name}={value!r} is not a single value"
    return value


def shown_units(document: BeautifulSoup) -> list[ShownUnit]:
    """Every unit's text as shown: on the parallel page, one per column."""
    shown = []
    for text in document.select(".edition-text"):
        unit = text.find_parent(attrs={"data-unit": True})
        assert unit is not None, text
        label = text.select_one(".edition-label")
        shown.append(ShownUnit(id=attr(unit, "data-unit"), label=label.get_text() if label else "",
                               body=statement_text(one(text, ".edition-body")), lang=lang_of(text)))
    return shown


def statement_text(body: Tag) -> str:
    """The statement's words in a unit's body: all its text but the edition's marks (footnote numbers)."""
    return "".join(piece for piece in body.find_all(string=True)
                   if not piece.find_parent(attrs={"data-annotation": True}))


def as_set(text: str, lang: str) -> str:
    """A wording as the site sets it: English apostrophes typographic (each side’s), as in the PDFs; the
    sources write them straight (the English wordings use no straight double quote). A figure and its unit
    (1.5 °C), and a range's dash and what precedes it, are joined by a no-break space."""
    text = re.sub(r"(?<=\d) (?=°C|%|GW)| (?=– )", "\u00a0", text)
    return text.replace("'", "’") if lang == "en" else text


def lang_of(element: Tag | None) -> str:
    while element is not None:
        if element.has_attr("lang"):
            return attr(element, "lang")
        element = element.parent
    return ""
