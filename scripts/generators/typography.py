"""Typographic corrections the web pages and the PDFs share: English quotes and apostrophes, no-break spaces
where no line may end (2 °C; before a range's dash), and the Chinese middle dot (间隔号) of a transliterated
name kept on the line of the name's parts.

`typographic` is the one smart-quote function: the PDFs apply it to the English text they set, the site to
every English text node of every page (`typeset_html`), so that Markdown pages, data and templates all read
alike. Neither touches code, addresses or attributes.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from scripts.model import HAN

# The templates the edition's markup lives in (as scripts/pipeline/cli.py finds the repository).
TEMPLATES = Path(__file__).resolve().parents[2] / "overrides" / "edition"


# Where no line may break (Bringhurst 2.4): a number and its unit (2 °C, 585 GW, 40 %), and before the en dash
# of a spaced range (30 November – 13 December), which would otherwise begin a line. No-break spaces, in either
# language: the statement's characters are not touched, only the spaces of the edition's own text.
_UNIT_SPACE = re.compile(r"(?<=\d) (?=(?:°C|%|[kMGT]W(?:h)?|km|kg|mm|[MG]t)(?![A-Za-z]))")
_RANGE_SPACE = re.compile(r" (?=– )")
NO_BREAK = "\u00a0"


# The space before an ellipsis that stands for omitted words (meets … standards): clreq and the Latin
# rules alike keep the ellipsis off the start of a line.
_ELLIPSIS_SPACE = re.compile(r" (?=…)")


def unbroken(text: str) -> str:
    """The text with a no-break space where a line may not end (one character for one)."""
    return _ELLIPSIS_SPACE.sub(NO_BREAK, _RANGE_SPACE.sub(NO_BREAK, _UNIT_SPACE.sub(NO_BREAK, text)))


def typographic(text: str) -> str:
    """English with typographic quotes and apostrophes, and no-break spaces (`unbroken`): one character for
    one, so offsets stay true."""
    text = unbroken(text)
    text = re.sub(r"(?<=\w)'|'(?=[\s.,;:!?)]|$)", "’", text)
    text = re.sub(r"(?:^|(?<=[\s(\[—–-]))\"", "“", text.replace("'", "‘"))
    return text.replace('"', "”")


# An HTML page as tags and the text between them; a script's or a style's content is never text.
_TOKEN = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>|<[^>]*>", re.S | re.I)
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)([^>]*?)(/?)>", re.S)
_LANG = re.compile(r"""\slang\s*=\s*["']?([\w-]*)""")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements whose text is not prose: code, and what the head holds (its title cannot hold markup).
_KEEP = {"code", "pre", "kbd", "samp", "textarea", "head"}
# Elements a sentence runs through: their edges are no boundary for the quote rules.
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "mark", "q", "s", "small", "span",
           "strong", "sub", "sup", "time", "u", "var", "ins", "del"}
_ADDRESS = re.compile(r"https?://\S+")
# clreq: the middle dot between the parts of a transliterated name (约翰·克里) may not begin or end a line.
_NAME_DOT = re.compile(f"[{HAN}]·[{HAN}]")


def typeset_html(page: str) -> str:
    """The page with typographic quotes in its English text, no-break spaces in both languages (`unbroken`),
    and each name's middle dot tied to its neighbours in its Chinese text. Text nodes only: tags, attributes,
    scripts and code are kept as written."""
    pieces: list[str] = []  # the page cut at its tags; text nodes at the indexes in `texts`
    texts: list[tuple[int, str, str]] = []  # (index in pieces, language, text unescaped)
    stack: list[tuple[str, str, bool]] = []  # open elements: (name, language, keep as written)
    last = 0
    for match in _TOKEN.finditer(page):
        if match.start() > last:
            _text(pieces, texts, stack, page[last:match.start()])
        token = match[0]
        pieces.append(token)
        last = match.end()
        tag = _TAG.fullmatch(token)
        if not tag or match[1]:
            continue
        closing, name, attributes, self_closing = tag[1], tag[2].lower(), tag[3], tag[4]
        if closing:
            if any(entry[0] == name for entry in stack):
                while stack.pop()[0] != name:
                    pass
            if name not in _INLINE:
                _boundary(texts)
            continue
        if name not in _INLINE:
            _boundary(texts)
        if name in _VOID or self_closing:
            continue
        lang_given = _LANG.search(attributes)
        parent_lang, parent_keep = (stack[-1][1], stack[-1][2]) if stack else ("", False)
        stack.append((name, lang_given[1].lower() if lang_given else parent_lang, parent_keep or name in _KEEP))
    if last < len(page):
        _text(pieces, texts, stack, page[last:])
    _quotes(pieces, texts)
    for index, lang, text in texts:
        if index >= 0 and lang.startswith("zh") and unbroken(text) != text:
            pieces[index] = html.escape(unbroken(text), quote=False)
        if lang.startswith("zh") and "·" in pieces[index]:
            pieces[index] = _NAME_DOT.sub(lambda m: tied(m[0]), pieces[index])
    return "".join(pieces)


@functools.cache
def _nobreak() -> Any:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                       undefined=StrictUndefined).get_template("nobreak.html").module.nobreak  # type: ignore[attr-defined]


def tied(fragment: str) -> str:
    """A run of a page's HTML (escaped already) that no line may break inside, marked by the macro of
    nobreak.html, as the templates mark theirs: the markup is the template's, where it applies this module's."""
    return str(_nobreak()(Markup(fragment)))


_BREAK = (-1, "", "\n")  # a block's edge between two text nodes


def _text(pieces: list[str], texts: list[tuple[int, str, str]], stack: list[tuple[str, str, bool]],
          raw: str) -> None:
    pieces.append(raw)
    if stack and stack[-1][2]:
        texts.append((-1, "", "x"))  # code in a sentence stands for a word: "the `foo`'s" keeps its apostrophe
        return
    texts.append((len(pieces) - 1, stack[-1][1] if stack else "", html.unescape(raw)))


def _boundary(texts: list[tuple[int, str, str]]) -> None:
    if texts and texts[-1] != _BREAK:
        texts.append(_BREAK)


def _quotes(pieces: list[str], texts: list[tuple[int, str, str]]) -> None:
    """The quote rules applied to the page's text read as one string (a block's edge a line break), so that
    a quote at a node's edge sees the character before it in the node before; English nodes are rewritten,
    addresses in them left as written."""
    joined = "".join(text for _, _, text in texts)
    typeset = list(typographic(joined))
    for address in _ADDRESS.finditer(joined):
        typeset[address.start():address.end()] = address[0]
    at = 0
    for index, lang, text in texts:
        new = "".join(typeset[at:at + len(text)])
        at += len(text)
        if new != text and index >= 0 and lang.startswith("en"):
            pieces[index] = html.escape(new, quote=False)
