"""The search index: one entry per unit, linking to its permanent URL, one index per language.

Material indexes a page by its headings, so a clause would be found only as part of its page, and
the i18n plugin merges both languages into one index. After the build this module rewrites
`search/search_index.json` (Chinese) and writes `en/search/search_index.json` (English, which the
English pages load: their search base is `en/`). Pages that show the statement (sections, full
text, parallel) are represented by their units alone; the others keep Material's entries, minus
anything marked data-search-exclude. Notes and footnotes are never indexed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from scripts.model import LANGS, Lang, Statement, Unit
from scripts.search_dictionary import SearchDictionary

_HAN = re.compile(r"([\u3400-\u9fff]+)")
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
    """Teach jieba the statement's words, for Material's indexing of the other pages and for ours."""
    import jieba

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


def split_index(statement: Statement, dictionary: SearchDictionary, material: dict[str, Any]) -> dict[Lang, str]:
    """The JSON text of each language's index, from Material's merged index and the model."""
    statement_paths = {page.url[lang] for page in statement.pages if page.kind in _STATEMENT_PAGES
                       for lang in ("zh", "en")}
    indexes: dict[Lang, str] = {}
    for lang, root in zip(LANGS, ("", "en/"), strict=True):
        docs = [_relative(doc, root) for doc in material["docs"]
                if _lang_of(doc["location"]) == lang and doc["location"].split("#")[0] not in statement_paths]
        docs += [_unit_doc(statement, dictionary, unit, lang, root) for unit in statement.units()]
        config = {"lang": [lang], "separator": SEPARATOR[lang], "pipeline": PIPELINE[lang], "fields": FIELDS}
        indexes[lang] = json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
    return indexes


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


def _lang_of(location: str) -> Lang:
    return "en" if location.startswith("en/") else "zh"


def _relative(doc: dict, root: str) -> dict:
    return {**doc, "location": doc["location"].removeprefix(root)}


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text)
