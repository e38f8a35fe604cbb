"""Typeset PDFs of the statement (Chinese, English, bilingual), from print HTML made from the model.

WeasyPrint lays out the print HTML (scripts/generators/print/) with running heads, bookmarks and endnotes.
Each script has its own face: Chinese in Noto Serif CJK SC, English in Noto Serif, both named and never left
to fallback (without them the build stops with one line). Line breaking follows the W3C's clreq: a note call
is tied to the character before it and the closing punctuation after it, and two full-width marks in a row
are set close. The three PDFs are written in parallel processes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import urlparse

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from scripts.dates import format_when, parse_when
from scripts.sources.releases import release_words
from scripts.model import HTML_LANG, Lang, Mark, Statement
from scripts.generators.typography import NO_BREAK, typographic, unbroken

EDITIONS = ("zh", "en", "bilingual")
FONTS = {"Noto Serif CJK SC": "fonts-noto-cjk", "Noto Serif": "fonts-noto-core"}  # face: its Debian package
PDF_DIR = "pdf"
PRINT = Path(__file__).with_name("print")  # the print HTML's template and stylesheet

CLOSING = "，。、；：？！）》」』】…”’"  # clreq: never at the start of a line
OPENING = "（《「『【“‘"
# A call's company: the character (Chinese, with any number before it: 4款) or word (English) before it,
# closing marks included, and the closing punctuation after it.
_BEFORE = {"zh": re.compile(rf"(?:\d*[^\s{CLOSING}])?[{CLOSING}]*$"), "en": re.compile(r"\S*$")}
_AFTER = {"zh": re.compile(rf"^[{CLOSING}]*"), "en": re.compile(r"^[.,;:!?)\]”’…]*")}
# Two full-width marks in a row: the first, when its right half is blank, is set half width (clreq 3.1.6).
_SQUEEZABLE = "，。、；：）》」』】”’"
_PAIR = re.compile(f"[{_SQUEEZABLE}](?=[{CLOSING}{OPENING}])")
# A run of such marks, with the character before it and, after an opening mark, the character it opens.
_RUN = re.compile(f"[^{CLOSING}{OPENING}]?(?:[{_SQUEEZABLE}](?=[{CLOSING}{OPENING}]))+(?:[{CLOSING}]|[{OPENING}]+.?)")
# Never broken inside: a UN decision symbol (at its slash), and in Chinese a number with its unit of time
# (2026年, 12月, 8日, 21世纪, 20年代: clreq keeps a number with its unit). A date may break between its parts
# (2026年 / 12月8日), as GB/T 15835 writing allows: held whole, it pushed the line before it apart in the
# narrow bilingual column. A dash inside a sentence (框架——加速) stays with both its neighbours: at a line's
# start it would read as one more of the dashed items of ¶24.
_SYMBOL = {"en": re.compile(r"\d+/[A-Z]+\.\d+|\b[a-z]+-[A-Z][a-z]+"),  # and a name at its hyphen (el-Sheikh)
           "zh": re.compile(r"\d+/[A-Z]+\.\d+|\d+(?:世纪|年代|年|月|日)|[^—\s]——[^—\s]")}
_LATIN = re.compile(r"[A-Za-z](?:[A-Za-z0-9 .'’\-]*[A-Za-z0-9])?")  # Latin words in Chinese text
# A display line never ends in a little word (a preposition, an article): it goes down with the word after it
# ("…Cooperation / to Address the Climate Crisis", never "…Cooperation to / Address").
_LITTLE = re.compile(r"(?<=\b[a-z]{2}) (?=\S)|(?<=\bthe) (?=\S)|(?<=\band) (?=\S)")
URL_TAIL = 6  # an address's last piece on a line is at least this long: no "html" stub
_URL = re.compile(r"https?://[^\s，。；、）(),]+[^\s，。；、）(),.;:]")  # a web address in running text
_FILE = re.compile(r"\b[a-z]+/[\w/-]*[\w-]\.(?:pdf|json)\b")  # a file's path in the site (pdf/….pdf)


class PdfError(RuntimeError):
    pass


def pdf_paths() -> dict[str, str]:
    """Where each PDF lives, relative to the site root."""
    return {edition: f"{PDF_DIR}/sunnylands-statement-{edition}.pdf" for edition in EDITIONS}


def check_fonts() -> None:
    for font, package in FONTS.items():
        listing = shutil.which("fc-list") and subprocess.run(["fc-list", f":family={font}"], capture_output=True,
                                                             text=True).stdout.strip()
        if not listing:
            raise PdfError(f"PDFs need the font '{font}': install it with `apt-get install {package}` "
                           "(`make build` does where it can)")


def is_configured(site_url: str | None) -> bool:
    """False for no address or the placeholder (a reserved .example host): the PDFs then print no domain."""
    host = urlparse(site_url or "").hostname or ""
    return bool(host) and not (host == "example" or host.endswith(".example"))


@dataclass(frozen=True)
class Half:
    """A full-width mark set half width, because the mark after it brings its own space."""

    mark: str


@dataclass(frozen=True)
class Calls:
    """Note calls at one place: their numbers, in reading order; bracketed right after a digit (COP28[16]),
    where a raised number would read as more digits of the one before it."""

    numbers: tuple[int, ...]
    bracketed: bool = False


@dataclass(frozen=True)
class Tie:
    """What may not be broken apart: a call with the character before it and the punctuation after it, or
    two marks set close with the character before them."""

    parts: tuple[str | Half | Calls, ...]


@dataclass(frozen=True)
class Link:
    """A web address in running text, printed and linked."""

    url: str


@dataclass(frozen=True)
class Latin:
    """Latin letters in Chinese text (IPCC, synergistic control), set in the Latin face as English is."""

    text: str


@dataclass(frozen=True)
class File:
    """A file's path in the site, printed whole: a line may end in it only after a / (never at a hyphen,
    which would read as the name's own)."""

    path: str

    @property
    def parts(self) -> list[str]:
        return re.split(r"(?<=/)(?=.)", self.path)


Piece = str | Half | Tie | Link | Latin | File


class Endnotes:
    """One number per call, in reading order; the endnote of a reference cited again points to its first.

    In the bilingual PDF the English of a block follows its Chinese (`follow`): a reference called in both
    takes the Chinese call's number, so the two columns carry the same numbers."""

    def __init__(self) -> None:
        self.keys: list[str] = []  # the reference of each number, from 1
        self._last: list[tuple[str, int]] = []  # the previous block's calls, for the block that follows it

    def first(self, number: int) -> int:
        """The number under which this call's reference was first cited (itself, if this is the first)."""
        return self.keys.index(self.keys[number - 1]) + 1

    def _numbers(self, keys: list[str], shared: list[tuple[str, int]]) -> tuple[int, ...]:
        numbers = []
        for key in dict.fromkeys(keys):
            match = next((pair for pair in shared if pair[0] == key), None)
            if match:
                shared.remove(match)
                numbers.append(match[1])
            else:
                self.keys.append(key)
                numbers.append(len(self.keys))
        return tuple(numbers)

    def pieces(self, text: str, marks: tuple[Mark, ...], lang: Lang, follow: bool = False) -> list[Piece]:
        """The text as pieces to set: plain text, and ties holding each call where its mark stands."""
        shared = list(self._last) if follow else []
        text = typographic(text) if lang == "en" else unbroken(text)
        text, marks = _one_run(text, marks)
        offsets = sorted({mark.offset for mark in marks})
        cuts = [0, *offsets, len(text)]
        texts = [text[start:end] for start, end in zip(cuts, cuts[1:], strict=False)]
        pieces: list[Piece] = []
        called: list[tuple[str, int]] = []
        rest = texts[0]
        for index, offset in enumerate(offsets):
            keys = [mark.key for mark in marks if mark.offset == offset]
            numbers = self._numbers(keys, shared)
            called.extend(zip(dict.fromkeys(keys), numbers, strict=True))
            before = rest.rstrip() if lang == "en" else rest  # "COP28 ¹;" → "COP28¹;"
            start = _BEFORE[lang].search(before).start()  # type: ignore[union-attr]
            after = _AFTER[lang].match(texts[index + 1]).end()  # type: ignore[union-attr]
            following = texts[index + 1]
            previous = pieces[-1] if pieces and not before else None
            if isinstance(previous, Tie) and isinstance(previous.parts[-1], Calls):
                # a call right after a call (2021 [@a] [@b]): one group, its numbers separated (³¹,³²)
                joined = previous.parts[-1]
                pieces[-1] = Tie((*previous.parts[:-1], Calls(joined.numbers + numbers, bracketed=joined.bracketed),
                                  *_halves(following[:after], lang)))
            else:
                pieces += set_close(before[:start], lang)
                calls = Calls(numbers, bracketed=before[start:][-1:].isdigit())  # COP28[16], never COP2816
                pieces.append(Tie((*_halves(before[start:], lang), calls, *_halves(following[:after], lang))))
            rest = following[after:]
        pieces += set_close(rest, lang)
        self._last = called
        return pieces


def _one_run(text: str, marks: tuple[Mark, ...]) -> tuple[str, tuple[Mark, ...]]:
    """Calls parted by a space alone are one run ("2021 [@a] [@b]" sets 2021[8,19]): the space goes."""
    offsets = sorted({mark.offset for mark in marks})
    for first, second in reversed(list(zip(offsets, offsets[1:], strict=False))):
        if not text[first:second].strip():
            text = text[:first] + text[second:]
            marks = tuple(replace(mark, offset=mark.offset - (second - first)) if mark.offset >= second else mark
                          for mark in marks)
    return text, marks


def _halves(text: str, lang: Lang) -> list[str | Half]:
    if lang != "zh":
        return [text] if text else []
    parts: list[str | Half] = []
    last = 0
    for match in _PAIR.finditer(text):
        parts += [text[last:match.start()], Half(match.group())]
        last = match.end()
    parts.append(text[last:])
    return [part for part in parts if part]


def set_close(text: str, lang: Lang) -> list[Piece]:
    """Plain text, with each pair of full-width marks tied to the character before it and set close, each
    UN decision symbol (1/CP.26) and file name (pdf/….pdf) kept whole, and each web address a link."""
    def symbols(part: str) -> list[Piece]:
        return _cut(part, _SYMBOL[lang], lambda symbol: Tie((symbol,)), lambda rest: _close(rest, lang))

    return _cut(text, _URL, Link, lambda part: _cut(part, _FILE, File, symbols))


def _cut(text: str, pattern: re.Pattern[str], found: Callable[[str], Piece],
         between: Callable[[str], list[Piece]]) -> list[Piece]:
    """The text's matches of `pattern` as `found` makes them, and what stands between them as `between` does."""
    pieces: list[Piece] = []
    last = 0
    for match in pattern.finditer(text):
        pieces += [*between(text[last:match.start()]), found(match.group())]
        last = match.end()
    return pieces + between(text[last:])


def _close(text: str, lang: Lang) -> list[Piece]:
    if lang != "zh":
        return [text] if text else []
    pieces: list[Piece] = []
    last = 0
    for match in _RUN.finditer(text):
        pieces += [*_latin(text[last:match.start()]), Tie(tuple(_halves(match.group(), lang)))]
        last = match.end()
    pieces += _latin(text[last:])
    return [piece for piece in pieces if piece]


def _latin(text: str) -> list[Piece]:
    pieces: list[Piece] = []
    last = 0
    for match in _LATIN.finditer(text):
        pieces += [text[last:match.start()], Latin(match.group())]
        last = match.end()
    pieces.append(text[last:])
    return [piece for piece in pieces if piece]


def url_parts(url: str) -> list[str]:
    """A web address cut where a line may end in it, each piece set unbroken (a <wbr> between them): after a
    / and before . - _ ? # & = (CMOS 14.18), so that no line ends in a hyphen a reader could take for a
    word's. Never in its scheme and host (https://www.whitehouse.gov/), never in its last URL_TAIL
    characters; nothing is inserted, so the address copies as it is."""
    start = re.match(r"[a-z]+://[^/]*/?", url)
    head = start.group() if start else ""
    parts = re.split(r"(?<=/)(?=[^/])|(?<=[^/.\-_?#&=])(?=[.\-_?#&=])", url[len(head):])
    while len(parts) > 1 and len(parts[-1]) < URL_TAIL:  # "html" alone on a line reads as a lost word
        parts[-2:] = [parts[-2] + parts[-1]]
    return [part for part in (head, *parts) if part]


def display(text: str, lang: Lang) -> str:
    """A title set large: in English each little word tied to the word after it by a no-break space."""
    return _LITTLE.sub(NO_BREAK, text) if lang == "en" else text


def date_parts(text: str, lang: Lang) -> list[str]:
    """A Chinese date is cut only after its first year (2023年 / 7月16日至19日), never inside a range
    (2023年7月16日至 / 19日: the typographer's B3) nor a number's unit (11月10 / 日); an English one breaks at
    its spaces."""
    return [part for part in re.split(r"(?<=^\d{4}年)(?=\d)", text) if part] if lang == "zh" else [text]


def print_html(statement: Statement, edition: str, site_url: str | None, root: Path) -> str:
    import weasyprint

    env = Environment(loader=FileSystemLoader(PRINT), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.tests["half"] = lambda piece: isinstance(piece, Half)
    env.tests["link"] = lambda piece: isinstance(piece, Link)
    env.tests["latin"] = lambda piece: isinstance(piece, Latin)
    env.tests["file"] = lambda piece: isinstance(piece, File)
    main: Lang = "en" if edition == "en" else "zh"
    configured = is_configured(site_url)
    base = (site_url or "").rstrip("/") + "/"
    # One "as of" date for the whole table when every status was checked then, said once above it.
    checked = {target.status.as_of.iso: target.status.as_of for target in statement.targets if target.status}
    as_of = next(iter(checked.values())) if len(checked) == 1 else None

    def link(path: str) -> str | None:
        """The absolute address of a site path, where the edition has one."""
        return base + path if configured else None

    official = next(text for text in statement.source.official if text.lang == "zh")
    official_en = next(text for text in statement.source.official if text.lang == "en")
    return env.get_template("document.html").render(
        statement=statement, edition=edition, main=main, ui=statement.ui, html_lang=HTML_LANG,
        endnotes=Endnotes(), date_parts=date_parts, display=display, url_parts=url_parts, set_close=set_close,
        typographic=typographic, unbroken=unbroken,
        official=official, official_when=parse_when(official.date), official_en=official_en,
        official_en_when=parse_when(official_en.date), release_when=parse_when(statement.release.date),
        common_as_of=as_of,
        authors=("、" if main == "zh" else "; ").join(statement.source.parties[main]),
        parties={"zh": "、".join(statement.source.parties["zh"]), "en": " and ".join(statement.source.parties["en"])},
        home_url={lang: base + statement.page("home").url[lang] for lang in ("zh", "en")}, configured=configured,
        pdf_url=link(pdf_paths()[edition]), pdf_file=pdf_paths()[edition], link=link, when=format_when,
        release_date=f"{statement.release.date}T00:00:00Z", generator=f"WeasyPrint {weasyprint.__version__}",
        release_line={lang: release_words(statement, "pdf_release", lang, statement.release.version,
                                          statement.release.date) for lang in ("zh", "en")})


def column_languages(document: object, pdf: object) -> None:
    """WeasyPrint tags no structure element with its language, only the catalog: a screen reader would read
    the bilingual PDF's English column with a Chinese voice. Each parallel row (two cells) is tagged here:
    the left cell Chinese, the right English."""
    import pydyf  # type: ignore[import-untyped]

    elements = {obj.reference: obj for obj in pdf.objects  # type: ignore[attr-defined]
                if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem"}
    for element in elements.values():
        if element.get("S") != "/TR":
            continue
        cells = [elements[kid] for kid in element.get("K", []) if kid in elements and elements[kid].get("S") == "/TD"]
        if len(cells) == 2:
            for cell, lang in zip(cells, (HTML_LANG["zh"], HTML_LANG["en"]), strict=True):
                cell["Lang"] = pydyf.String(lang)


def write_pdf(html: str, target: Path, edition: str, root: Path) -> Path:
    """One PDF from its print HTML."""
    from weasyprint import CSS, HTML

    from scripts.generators import weasyprint_fixes

    weasyprint_fixes.apply()
    target.parent.mkdir(parents=True, exist_ok=True)
    # PDF/UA: tagged (a structure tree for screen readers), with the document's language and title shown.
    HTML(string=html, base_url=str(root)).write_pdf(
        target, stylesheets=[CSS(filename=str(PRINT / "print.css"))], pdf_identifier=f"sunnylands-{edition}".encode(),
        uncompressed_pdf=False, pdf_variant="pdf/ua-1", finisher=column_languages if edition == "bilingual" else None)
    return target


def build_pdfs(statement: Statement, site: Path, site_url: str | None, root: Path) -> dict[str, Path]:
    """Write the three PDFs into the built site, in parallel; returns their paths. The bilingual PDF, the
    longest, is written here while forked processes write the other two."""
    import weasyprint  # noqa: F401  (loaded once, before the fork)

    check_fonts()
    jobs = {edition: (print_html(statement, edition, site_url, root), site / relative, edition, root)
            for edition, relative in pdf_paths().items()}
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("fork")) as pool:
        others = {edition: pool.submit(write_pdf, *job) for edition, job in jobs.items() if edition != "bilingual"}
        write_pdf(*jobs["bilingual"])
        for future in others.values():
            future.result()
    return {edition: site / relative for edition, relative in pdf_paths().items()}
