"""The search index: one entry per unit, linking to its permanent URL, one index per language.

Material indexes a page by its headings, so a clause would be found only as part of its page, and
the i18n plugin merges both languages into one index. The finish step writes, in Material's
`search_index.json` format, `search/edition_index.json` (Chinese) and `en/search/edition_index.json`
(English), both made from the model, and beside each a `search_index.json` without entries: Material's
page script fetches that name on every page load (the English pages' search base is `en/`), and the
edition's search worker fetches the entries only when a reader first types a query. The indexes hold pages
that show the statement (sections, full text, parallel) by their units alone, the others by their parts
(cut at headings, as Material cuts them), minus anything marked data-search-exclude. Notes and
footnotes are never indexed.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import Any

from scripts.model import HAN, LANGS, Lang, Page, SearchDictionary, Statement, Unit

_HAN = re.compile(f"([{HAN}]+)")
# Splits on white space, the zero-width spaces jieba's cuts are joined with, and CJK punctuation.
# English: also punctuation, but not the point inside a number (1.5).
SEPARATOR = {
    "zh": r"[\s\u200b\u3000\-、。，．？！；：（）“”‘’《》【】/,;:()\"·]+",
    "en": r"[\s\-/,;:()“”‘’\"!?\[\]]+|\.(?!\d)",
}
# No stemmer: Material queries with a trailing wildcard ("methane*"), which lunr does not run through
# the search pipeline, so a stemmed index ("methan") never matches the unstemmed query. Prefix
# matching does the stemmer's work for suffixes (plan* → plans); aliases cover the rest (triple).
# lunr's trimmer strips \W from both ends of a token, and every Chinese character is \W to it: the
# Chinese index keeps jieba's words as they are.
# English drops stop words, so that "loss and damage" is not outranked by every "and".
PIPELINE = {"zh": [], "en": ["stopWordFilter"]}
# A unit's title names its section (¶7 · Energy Transition): weighted below the text, so that a clause whose
# text holds every word of the query ("efficiency forum": ¶7) ranks above the clauses of a section whose name
# holds one of them (¶14 · … Resource Efficiency).
FIELDS = {"title": {"boost": 1}, "text": {"boost": 3}, "keywords": {"boost": 2}, "tags": {"boost": 1e6}}
_STATEMENT_PAGES = ("section", "full_text", "parallel")


def prepare_jieba(dictionary: SearchDictionary) -> None:
    """Teach jieba the statement's words, for the indexes finish writes (Material's plugin indexes nothing)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # its four start-up lines on every build are progress, not news
    for word in dictionary.words:
        jieba.add_word(word, freq=2_000_000)


def segment(text: str) -> str:
    """Chinese runs cut into words and joined by U+200B, as Material's search plugin does it."""
    import jieba

    return _HAN.sub(lambda run: "\u200b" + "\u200b".join(jieba.cut(run[1])) + "\u200b", text).strip("\u200b")


def search_words(text: str) -> str:
    """The finer cut jieba makes for search (碳捕集利用和封存 → 碳, 捕集, 利用, 封存): the words inside the
    text's words that a reader may type, as keywords beside the text (words the text has already are left out)."""
    import jieba

    runs = _HAN.findall(text)
    whole = {word for run in runs for word in jieba.cut(run)}
    finer = dict.fromkeys(word for run in runs for word in jieba.cut_for_search(run) if word not in whole)
    return "\u200b".join(finer)


@dataclass(frozen=True)
class PageText:
    """A page's body as HTML, and its front matter's `search` options (Material's: `exclude`, `boost`)."""

    html: str
    options: dict[str, Any]


def indexes(statement: Statement, dictionary: SearchDictionary,
            pages: dict[tuple[Lang, Page], PageText]) -> dict[Lang, str]:
    """The JSON text of each language's index: one entry per unit, and for the other pages one per part."""
    indexes: dict[Lang, str] = {}
    for lang, root in zip(LANGS, ("", "en/"), strict=True):
        docs = [doc for (page_lang, page), text in pages.items()
                if page_lang == lang and page.kind not in _STATEMENT_PAGES and not text.options.get("exclude")
                for doc in _page_docs(page.url[lang].removeprefix(root), page.title[lang], text)]
        docs += [_unit_doc(statement, dictionary, unit, lang, root) for unit in statement.units()]
        config = {"lang": [lang], "separator": SEPARATOR[lang], "pipeline": PIPELINE[lang], "fields": FIELDS}
        indexes[lang] = json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
    return indexes


FULL_INDEX = "edition_index.json"  # beside search_index.json, which Material's page script fetches at load


def page_stub(index: str, lang: Lang) -> str:
    """What every page loads: the index's config alone, naming (from the site root) where its entries are."""
    config = json.loads(index)["config"]
    config["edition_index"] = f"{'' if lang == LANGS[0] else lang + '/'}search/{FULL_INDEX}"
    return json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":"))


def _page_docs(path: str, title: str, page: PageText) -> list[dict]:
    """A page as Material's search plugin indexes one: an entry for the page (titled by its h1, with the text
    before the next heading), then one per h2/h3 with an id (`page/#id`); text marked data-search-exclude
    is left out, and the page's `search: boost` is given to each entry."""
    parts = _Parts()
    parts.feed(page.html)
    parts.close()
    docs = []
    for fragment, heading, text in parts.parts:
        if fragment is None and not heading:
            heading = parts.title or title
        elif fragment is None:
            continue  # a heading without an id cannot be linked to
        doc = {"location": path + (f"#{fragment}" if fragment else ""),
               "title": segment(heading), "text": escape(segment(text), quote=False)}
        if "boost" in page.options:
            doc["boost"] = page.options["boost"]
        docs.append(doc)
    return docs


class _Parts(HTMLParser):
    """The text of an HTML body cut at its headings: (heading id or None for the top, heading, text)."""

    _VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    _HEADINGS = {"h2", "h3"}  # the h1 is the page's title

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[str | None, str, str]] = [(None, "", "")]
        self._skip = 0  # depth inside an element marked data-search-exclude
        self._heading: str | None = None  # the id of the heading being read
        self._heading_text = ""
        self._texts: list[str] = []
        self._in_title = False
        self.title = ""  # the h1's text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._VOID:
            return
        if self._skip or any(name == "data-search-exclude" for name, _ in attrs):
            self._skip += 1
        elif tag == "h1":
            self._in_title = True
        elif tag in self._HEADINGS:
            self._flush()
            self._heading, self._heading_text = dict(attrs).get("id") or "", ""

    def handle_endtag(self, tag: str) -> None:
        if tag in self._VOID:
            return
        if self._skip:
            self._skip -= 1
        elif tag == "h1":
            self._in_title = False
        elif tag in self._HEADINGS and self._heading is not None:
            self.parts.append((self._heading or None, " ".join(self._heading_text.split()), ""))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title += data
        elif self._heading is not None:
            self._heading_text += data
        else:
            self._texts.append(data)

    def _flush(self) -> None:
        fragment, heading, _ = self.parts[-1]
        self.parts[-1] = (fragment, heading, " ".join("".join(self._texts).split()))
        self._texts = []

    def close(self) -> None:
        super().close()
        self._flush()


def _unit_doc(statement: Statement, dictionary: SearchDictionary, unit: Unit, lang: Lang, root: str) -> dict:
    section = statement.section_of(unit)
    title = f"{unit.pinpoint[lang]} · {section.title[lang]}"
    text = unit.display(lang)
    keywords = [alias for term, aliases in dictionary.aliases.items() if term in unit.text[lang] for alias in aliases]
    path = statement.page(unit.section).url[lang].removeprefix(root)
    # Material finds only entries whose location has no #fragment or whose page also has an entry,
    # and shows a page's entries under it. "?u=<id>" makes each unit an entry of its own; the
    # edition's script turns the result's link into the unit's permanent URL (page#id).
    doc = {"location": f"{path}?u={unit.id}",
           "title": segment(title) if lang == "zh" else title,
           "text": segment(text) if lang == "zh" else text}
    if lang == "zh":
        keywords.append(search_words(unit.text.zh))
    if keywords:
        doc["keywords"] = "\u200b".join(_normalise(keyword) for keyword in keywords)
    return doc


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text)
