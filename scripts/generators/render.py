"""Render the statement's pages from the model, through the Jinja templates in overrides/edition/."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from scripts.generators.citation import ACCESSED, CiteRecord, citations, coins, quote_citation, record
from scripts.dates import format_when, parse_when
from scripts.sources.releases import release_words
from scripts.generators.pdf import pdf_paths
from scripts.sources.timeline import THEMES
from scripts.generators.worddiff import word_diff
from scripts.generators.timeline_chart import SvgChart, figure, svg_chart
from scripts.model import (HAN, HTML_LANG, Lang, Mark, Note, Page, Reference, Release, Section, Span, Statement, Target,
                           Text, Unit, Wording)

# Pages whose units carry the edition's notes (the parallel page keeps its two columns aligned).
_NOTES_ON = ("section", "full_text")


@dataclass(frozen=True)
class Segment:
    """A piece of a text as rendered: plain text, a glossary term, or a footnote reference."""

    kind: str  # "text", "term", "ref", "zh"/"en" (a passage in the other language), "insertion", "nobreak", "url",
    # "callmark" (the comma between two calls, the brackets around calls after a digit)
    text: str = ""
    key: str = ""  # the term's or the reference's key
    number: int = 0  # the footnote's number on the page
    id: str = ""  # the footnote reference's own id (for the way back)
    parts: tuple[Segment, ...] = ()  # a "nobreak" group's pieces: no line break between them; a "url"'s
    # closing punctuation


@dataclass(frozen=True)
class Apparatus:
    """The edition's apparatus around one unit on one page: its tools open what is here."""

    note: Note | None
    translation_note: Note | None
    related: tuple[str, ...]  # "see also": ids of units sharing a reference or a term
    targets: tuple[Target, ...]  # the timeline's items the unit names
    revisions: tuple[tuple[Wording, Wording], ...]  # (earlier, next) English wordings, oldest first
    cite: bool  # the cite panel

    @property
    def note_part(self) -> bool:
        """The note's part of the margin: the note, the unit's timeline items and its "see also"."""
        return bool(self.note or self.targets or self.related)

    @property
    def margin(self) -> bool:
        return self.note_part or self.translation_note is not None


class PageContext:
    """What a template needs to render one page in one language; counts footnote references as it goes.
    `release`: the page is that release's frozen text (its units, links and citations are that release's)."""

    def __init__(self, statement: Statement, page: Page, lang: Lang, site_url: str | None = None,
                 release: Release | None = None):
        self.statement = statement
        self.page = page
        self.lang = lang
        self.site_url = site_url
        self.release = release
        self._ref_ids: dict[str, list[str]] = {}

    @property
    def html_lang(self) -> str:
        return HTML_LANG[self.lang]

    def t(self, key: str) -> str:
        """An interface string in the page's language."""
        return self.statement.ui[key][self.lang]

    def tf(self, key: str, **values: str) -> str:
        """An interface pattern in the page's language, filled: each language keeps its own word order."""
        return self.t(key).format(**values)

    def text(self, value: Text) -> str:
        return value[self.lang]

    def in_lang(self, lang: Lang) -> PageContext:
        """The same page rendering text in another language (the parallel page's columns share footnotes)."""
        other = PageContext(self.statement, self.page, lang, self.site_url, self.release)
        other._ref_ids = self._ref_ids
        other.__dict__["footnote_keys"] = self.footnote_keys
        return other

    # --- links ------------------------------------------------------------------------------------

    def href(self, target: str) -> str:
        """A link from this page to a site-root-relative page URL, with its #fragment if any."""
        path, _, fragment = target.partition("#")
        here = self.page.url[self.lang]
        if fragment and path == here:
            return f"#{fragment}"
        relative = posixpath.relpath(path or ".", here or ".")
        relative = "./" if relative == "." else relative + "/"
        return relative + (f"#{fragment}" if fragment else "")

    def file_href(self, path: str) -> str:
        """A link from this page to a file below the site root (a PDF, statement.json)."""
        return posixpath.relpath(path, self.page.url[self.lang] or ".")

    def unit_url(self, unit_id: str, lang: Lang | None = None) -> str:
        """A unit's permanent URL; on a release's frozen text, the unit in that text."""
        return self.statement.unit_url(self.statement.unit(unit_id), lang or self.lang, self._version)

    @property
    def _version(self) -> str | None:
        return self.release.version if self.release else None

    def reference_url(self, key: str) -> str:
        return self.statement.entry_url("references", key, self.lang)

    def term_url(self, key: str) -> str:
        return self.statement.entry_url("glossary", key, self.lang)

    # --- what the page shows ------------------------------------------------------------------------

    @property
    def section(self) -> Section:
        """The section a section page shows."""
        return next(section for section in self.statement.sections if section.id == self.page.key)

    def units_shown(self) -> list[Unit]:
        units = self.section.units if self.page.kind == "section" else \
            [unit for section in self.statement.sections for unit in section.units]
        return [u for top in units for u in (top, *top.items)] if self.page.kind in _NOTES_ON + ("parallel",) else []

    @property
    def shows_notes(self) -> bool:
        return self.page.kind in _NOTES_ON

    @cached_property
    def footnote_keys(self) -> tuple[str, ...]:
        """The references cited on the page, numbered in order of first citation (text, then note)."""
        keys: dict[str, None] = {}
        for unit in self.units_shown():
            keys.update((mark.key, None) for mark in unit.marks[self.lang])
            if self.shows_notes:
                for notes in (self.statement.notes, self.statement.translation_notes):
                    if unit.id in notes:
                        keys.update((mark.key, None) for mark in notes[unit.id].marks[self.lang])
        if self.page.kind == "translation":  # the conventions page lists every translator's note
            for note in self.statement.translation_notes.values():
                keys.update((mark.key, None) for mark in note.marks[self.lang])
        return tuple(keys)

    def footnote_refs(self, key: str) -> list[str]:
        """The ids of the references to a footnote rendered so far (for its ways back)."""
        return self._ref_ids.get(key, [])

    def terms_shown(self) -> list[str]:
        shown = dict.fromkeys(span.term for unit in self.units_shown() for lang in ("zh", "en")
                              for span in self.statement.spans.get((unit.id, lang), ()))
        return list(shown)

    def unit_segments(self, unit: Unit) -> list[Segment]:
        if self.release:  # the wording as the release published it: its text and editorial insertions alone
            text = self.frozen_text(unit)
            return self._segments(text, (), (), _bracketed(text) if self.lang == "en" else ())
        return _keep_calls(self._segments(unit.text[self.lang], unit.marks[self.lang],
                                          self.statement.spans.get((unit.id, self.lang), ()),
                                          unit.insertions if self.lang == "en" else ()), self.lang)

    def frozen_text(self, unit: Unit) -> str:
        """The unit's wording in the release this page freezes (every release has every unit: the statement's
        units are the authority's lines)."""
        assert self.release is not None
        wording = self.statement.wording(unit.id, self.release.version)
        assert wording is not None, f"release {self.release.version} has no wording of {unit.id}"
        return wording.text[self.lang]

    def translation_note_segments(self, unit: Unit) -> list[Segment]:
        return self._note(self.statement.translation_notes[unit.id])

    def note_segments(self, unit: Unit) -> list[Segment]:
        return self._note(self.statement.notes[unit.id])

    def _note(self, note: Note) -> list[Segment]:
        """A note's text with its footnote marks; in English notes, Chinese words (阳光之乡) become passages
        marked zh-Hans, in Chinese notes English words (call on) passages marked en."""
        return _keep_calls(self._marked(self._segments(note.text[self.lang], note.marks[self.lang], ())), self.lang)

    def prose(self, value: Text, end: str = "") -> list[Segment]:
        """The edition's own text in the page's language; Chinese words in English marked zh-Hans, English
        words in Chinese marked en. `end`: the sentence's closing stop, which stays with an address before it."""
        return self._marked([Segment("text", value[self.lang] + end)])

    def sentence_end(self, value: Text) -> str:
        """The stop that closes a footnote's sentence: none in Chinese after an address, so that a copied
        address takes no 。 with it."""
        return "" if self.lang == "zh" and _ENDS_WITH_URL.search(value.zh) else self.t("stop")

    def _marked(self, segments: list[Segment]) -> list[Segment]:
        mark = _mark_latin if self.lang == "zh" else _mark_han
        return [part for segment in segments for glued in _glue_url_ends(segment) for part in mark(glued)]

    def apparatus(self, unit: Unit) -> Apparatus:
        """What the page shows around a unit's text: the notes and cross-references on the pages that carry
        them, the cite panel and the earlier English wordings on the section pages."""
        notes = self.shows_notes
        section = self.page.kind == "section"
        return Apparatus(note=self.statement.notes.get(unit.id) if notes else None,
                         translation_note=self.statement.translation_notes.get(unit.id) if notes else None,
                         related=tuple(self.statement.see_also.get(unit.id, ())) if notes else (),
                         targets=tuple(self.statement.targets_of(unit.id)) if notes else (),
                         revisions=tuple(self.statement.revisions(unit.id, "en")) if section and self.lang == "en"
                         else (),
                         cite=section or self.release is not None)

    def _segments(self, text: str, marks: tuple[Mark, ...], spans: tuple[Span, ...],
                  insertions: tuple[tuple[int, int], ...] = ()) -> list[Segment]:
        """Text cut at glossary terms, editorial insertions and footnote marks; a mark inside a term follows
        the term."""
        cuts = sorted({0, len(text)} | {span.start for span in spans} | {span.end for span in spans}
                      | {edge for insertion in insertions for edge in insertion}
                      | {mark.offset for mark in marks if not _inside(mark.offset, spans)})
        by_start = {span.start: span for span in spans}
        segments: list[Segment] = []
        for start, end in zip(cuts, cuts[1:] + [None], strict=True):
            for mark in marks:
                if _place_of(mark.offset, spans) == start:
                    segments.append(self._reference(mark.key))
            if end is None:
                break
            span = by_start.get(start)
            kind = "term" if span and span.end == end else "text"
            if kind == "text" and any(a <= start and end <= b for a, b in insertions):
                kind = "insertion"
            segments.append(Segment(kind, text[start:end], key=span.term if span and kind == "term" else ""))
        return segments

    def _reference(self, key: str) -> Segment:
        number = self.footnote_keys.index(key) + 1
        ids = self._ref_ids.setdefault(key, [])
        ids.append(f"fnref:{number}" if not ids else f"fnref{len(ids) + 1}:{number}")
        return Segment("ref", key=key, number=number, id=ids[-1])

    # --- timeline --------------------------------------------------------------------------------------

    def timeline_figure(self) -> dict:
        labels = {key: value[self.lang] for key, value in self.statement.ui.items()}
        return figure(self.statement, self.lang, labels, self.href)

    def timeline_svg(self) -> SvgChart:
        labels = {key: value[self.lang] for key, value in self.statement.ui.items()}
        return svg_chart(self.statement, self.lang, labels, self.href)

    def timeline_groups(self) -> list[tuple[str, list[Target]]]:
        return [(theme, [t for t in self.statement.targets if t.theme == theme]) for theme in THEMES]

    def target_url(self, target_id: str) -> str:
        return self.statement.entry_url("timeline", target_id, self.lang)

    def as_of(self, status) -> str:
        """(as of November 2026) / （截至2026年11月）: when the edition last checked a status."""
        return self.t("as_of").format(date=format_when(status.as_of, self.lang))

    def when(self, value) -> str:
        return format_when(value, self.lang)

    def day(self, iso: str) -> str:
        """An ISO date as the page's prose writes it: 2023年11月15日 / 15 November 2023."""
        return format_when(parse_when(iso), self.lang)

    # --- releases --------------------------------------------------------------------------------------

    def release_title(self, release: Release) -> str:
        return release_words(self.statement, "release_title", self.lang, release.version, release.date)

    def edition_release(self) -> str:
        release = self.statement.release
        return release_words(self.statement, "edition_release", self.lang, release.version, release.date)

    def wording_label(self, wording: Wording) -> str:
        return release_words(self.statement, "wording_label", self.lang, wording.version, wording.date)

    def release_words(self, key: str, release: Release | Wording) -> str:
        """An interface pattern naming a release and its date: the frozen text's title, its notice."""
        return release_words(self.statement, key, self.lang, release.version, release.date)

    def release_href(self, version: str, unit_id: str | None = None) -> str:
        """A link to a release's frozen text, or to a unit in it."""
        url = self.statement.release_url(version, self.lang)
        return self.href(f"{url}#{unit_id}" if unit_id else url)

    def revised_in(self, wording: Wording) -> str:
        return release_words(self.statement, "revised_in", self.lang, wording.version, wording.date)

    def reworded_in(self, release: Release) -> list[tuple[str, Wording, Wording]]:
        """The units whose English this release reworded: (unit id, earlier wording, this release's)."""
        return [(unit.id, before, after) for unit in self.statement.units()
                for before, after in self.statement.revisions(unit.id, "en") if after.version == release.version]

    # --- citing --------------------------------------------------------------------------------------

    def cite_pinpoint(self, unit: Unit) -> str:
        """How an English citation points at a unit (para. 6), as the citation record says it."""
        return self._record("en", unit).pinpoint or ""

    def citations(self, unit: Unit | None) -> dict[str, list[tuple[str, str]]]:
        """Every format for the unit (or the whole statement), cut at the reader's access date."""
        return dict(_cited(self._record(self.lang, unit)))

    def coins(self, unit: Unit | None = None) -> str:
        """The COinS context object of a unit (or of the whole statement) for reference managers."""
        return coins(self._record(self.lang, unit))

    def quote_data(self) -> dict:
        """What the quote tools need: the citation template per language (the parallel page quotes both)."""
        return {HTML_LANG[lang]: quote_citation(self._record(lang)) for lang in ("zh", "en")}

    def _record(self, lang: Lang, unit: Unit | None = None) -> CiteRecord:
        """The citation record: of the current edition, or on a frozen text, of the release it keeps."""
        return record(self.statement, lang, self.site_url, unit, release=self.release)

    def pdfs(self) -> dict[str, str]:
        return pdf_paths()

    def absolute(self, target: str) -> str:
        """A page's address: absolute where the published address is known, else relative to this page
        (JSON-LD resolves it against the page; no made-up host is ever printed)."""
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + target
        return self.href(target)

    def print_address(self) -> str:
        """The address a printed sheet names: the page's permanent URL where the published address is known,
        else its path from the edition's home page, as the PDFs print it (./ for the Chinese home page)."""
        return self.absolute(self.page.url[self.lang]) if self.site_url else self.page.url[self.lang] or "./"

    def metadata(self) -> dict:
        """What reference managers and link previews read: Highwire, Dublin Core, Open Graph."""
        official = next(text for text in self.statement.source.official if text.lang == "zh")
        return {"title": self.statement.title[self.lang], "authors": self.statement.source.parties[self.lang],
                "date": official.date.replace("-", "/"), "language": self.html_lang,
                "url": self.site_url and self.absolute(self.page.url[self.lang]),
                "statement_url": self.site_url and self.absolute(self.statement.page("home").url[self.lang]),
                "site": self.statement.source.edition[self.lang],
                "description": self.t("og_description"), "locale": "zh_CN" if self.lang == "zh" else "en_US"}

    def json_ld(self) -> dict:
        """schema.org Legislation: the statement in this language, passed by two states (Organizations), with
        the units this page shows as its parts, and the translation links both ways."""
        official = next(text for text in self.statement.source.official if text.lang == "zh")
        release = self.release or self.statement.release
        home = {lang: self.absolute(self.statement.release_url(self.release.version, lang) if self.release
                                    else self.statement.page("home").url[lang]) for lang in ("zh", "en")}
        work = home[self.lang] + "#statement"
        publisher = {"@type": "Organization", "name": self.statement.source.edition[self.lang]}
        parts = [{"@type": "Legislation", "@id": self.absolute(self.unit_url(unit.id)),
                  "legislationIdentifier": unit.pinpoint[self.lang],
                  "name": self.tf("part_name", title=self.statement.title[self.lang], unit=unit.pinpoint[self.lang]),
                  "url": self.absolute(self.unit_url(unit.id)),
                  "isPartOf": {"@id": work}, "inLanguage": self.html_lang} for unit in self._units_on_page()]
        data: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "@id": work,
            "name": self.statement.title[self.lang],
            "legislationIdentifier": self.statement.source.identifier[self.lang],
            "legislationDate": official.date,
            "legislationPassedBy": [{"@type": "Organization", "name": name}
                                    for name in self.statement.source.parties[self.lang]],
            "inLanguage": self.html_lang,
            "url": home[self.lang],
            "description": self.t("ld_description"),
            "version": release.version,
            # The release this text is: a frozen text keeps its release's date, like a point-in-time view.
            "datePublished": self.release.date if self.release else self.statement.releases[0].date,
            "dateModified": release.date,
            "publisher": publisher,
        }
        if self.release:
            current = self.absolute(self.statement.page("home").url[self.lang]) + "#statement"
            data["legislationDateVersion"] = self.release.date
            data["exampleOfWork"] = {"@id": current}
        if self.lang == "en":
            data["translationOfWork"] = {"@type": "Legislation", "@id": home["zh"] + "#statement", "url": home["zh"],
                                         "name": self.statement.title.zh, "inLanguage": "zh-Hans"}
            data["translator"] = publisher
        else:
            data["workTranslation"] = {"@type": "Legislation", "@id": home["en"] + "#statement", "url": home["en"],
                                       "name": self.statement.title.en, "inLanguage": "en"}
        if parts:
            data["hasPart"] = parts
        return data

    def _units_on_page(self) -> list[Unit]:
        if self.page.kind == "section":
            return [u for top in self.section.units for u in (top, *top.items)]
        if self.release:
            return list(self.statement.units())
        return []

    # --- formatting ----------------------------------------------------------------------------------

    def date(self, reference: Reference) -> str:
        return format_when(reference.when, self.lang)

    @staticmethod
    def gbt_title(reference: Reference) -> str:
        """A Chinese title as a GB/T 7714 list gives it, otherwise as published: the 书名号 around a title that
        is one document's name are dropped (the 〈〉 nested inside them become 《》), a bracketed addition after
        it kept; a document named inside a longer title keeps its marks (《巴黎协定》第二条)."""
        title = reference.title.zh
        if not title.startswith("《"):
            return title
        end = title.index("》")  # nested titles use 〈〉, so the first 》 closes the opening 《
        if not _ADDITION.fullmatch(title[end + 1:]):
            return title
        inner = title[1:end].replace("〈", "《").replace("〉", "》")
        return inner + title[end + 1:]

    @staticmethod
    def gbt_date(reference: Reference) -> str:
        """The date a GB/T 7714 entry gives: as written in the register, the first day of a span."""
        return reference.when.iso.partition("/")[0]


# What may follow a document's name in a title that is that name: nothing, or an addition in brackets.
_ADDITION = re.compile(r"(?:（[^（）]*）)?")


_HAN_RUN = re.compile(f"([{HAN}\u3000-\u303f\uff00-\uffef]+)")  # with CJK punctuation


def _mark_han(segment: Segment) -> list[Segment]:
    if segment.kind != "text" or not _HAN_RUN.search(segment.text):
        return [segment]
    return [Segment("zh" if _HAN_RUN.fullmatch(piece) else "text", piece)
            for piece in _HAN_RUN.split(segment.text) if piece]


_BRACKETED = re.compile(r"\[[^\]]*\]")


def _bracketed(text: str) -> tuple[tuple[int, int], ...]:
    """Where a released English wording has editorial insertions: its square brackets, brackets included (the
    loader allowed no other square bracket in an English unit when the release was made)."""
    return tuple(match.span() for match in _BRACKETED.finditer(text))


# Punctuation that may not begin a line (clreq), Chinese and Latin: it stays with the call before it.
_CLOSING = re.compile("^[。，、；：？！）》」』】〉〕〗…”’.,;:?!)\\]]+")
_LAST_CHARACTER = re.compile(r"\S\s*$")
_PLAIN = ("text", "zh", "en", "insertion")


def _keep_calls(segments: list[Segment], lang: Lang) -> list[Segment]:
    """Each run of footnote calls grouped with the character before it (a whole glossary term) and the
    closing punctuation after it, so that no line begins with a call or with that punctuation (clreq).
    In a run, calls are parted by a comma in the call's size (8,19, never 819); calls right after a digit are
    bracketed (COP28[16], never COP2816); in English the space before a call goes (circumstances¹;), as the
    PDFs set it."""
    out: list[Segment] = []
    at = 0
    while at < len(segments):
        if segments[at].kind != "ref":
            out.append(segments[at])
            at += 1
            continue
        group: list[Segment] = []
        previous = out[-1] if out else None
        if previous and previous.kind == "term":
            group.append(out.pop())
        elif previous and previous.kind in _PLAIN and (last := _LAST_CHARACTER.search(previous.text)):
            out.pop()
            if last.start():
                out.append(Segment(previous.kind, previous.text[:last.start()]))
            group.append(Segment(previous.kind, last[0].rstrip() if lang == "en" else last[0]))
        calls: list[Segment] = []
        while at < len(segments) and segments[at].kind == "ref":
            calls += [Segment("callmark", ","), segments[at]] if calls else [segments[at]]
            at += 1
            if _spaced_call(segments, at):  # "2021 [@a] [@b]": one run of calls, 2021[8,19]
                at += 1
        if group and group[-1].text.rstrip()[-1:].isdigit():
            calls = [Segment("callmark", "["), *calls, Segment("callmark", "]")]
        group += calls
        following = segments[at] if at < len(segments) else None
        if following and following.kind in _PLAIN and (closing := _CLOSING.match(following.text)):
            group.append(Segment(following.kind, closing[0]))
            rest = following.text[closing.end():]
            segments = [*segments[:at], *([Segment(following.kind, rest)] if rest else []), *segments[at + 1:]]
        out.append(Segment("nobreak", parts=tuple(group)))
    return out


def _spaced_call(segments: list[Segment], at: int) -> bool:
    """A space alone between two calls: the two are one run."""
    return (at + 1 < len(segments) and segments[at].kind in _PLAIN and not segments[at].text.strip()
            and segments[at + 1].kind == "ref")


# English words in Chinese prose: a run of Latin words with a lower-case letter (call on, Special Envoy for
# Climate Change); acronyms and names of meetings (IPCC, COP28) are the Chinese text's own.
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z’'.\-]*(?:[ ,\-–]+[A-Za-z][A-Za-z’'.\-]*)*")


_ENDS_WITH_URL = re.compile(r"https?://[!-~]+$")  # an address is ASCII; Chinese after it is not part of it

# A web address written out in prose: up to a space or CJK punctuation, without the closing punctuation after
# it (which is the sentence's, not the address's: never part of the link).
_URL = re.compile("https?://[^\\s<>\"。，、；：？！（）《》「」『』【】…“”‘’]+")
_URL_TAIL = re.compile(r"[.,;:!?)\]'\"]+$")


def _glue_url_ends(segment: Segment) -> list[Segment]:
    """Each web address a link, kept on one line with the closing punctuation after it: a browser may break
    an address anywhere, and so before that punctuation, which may not begin a line (clreq)."""
    if segment.kind != "text":
        return [segment]
    pieces: list[Segment] = []
    last = 0
    for match in _URL.finditer(segment.text):
        url = _URL_TAIL.sub("", match[0])
        end = match.start() + len(url)
        closing = _CLOSING.match(segment.text[end:])
        after = closing.end() if closing else 0
        # the punctuation after the address rides with it (its `parts`), outside its href
        pieces += [Segment("text", segment.text[last:match.start()]),
                   Segment("url", url, parts=(Segment("text", segment.text[end:end + after]),) if after else ())]
        last = end + after
    pieces.append(Segment("text", segment.text[last:]))
    return [piece for piece in pieces if piece.text or piece.parts]


def _mark_latin(segment: Segment) -> list[Segment]:
    if segment.kind != "text":
        return [segment]
    pieces: list[Segment] = []
    last = 0
    for run in _LATIN_RUN.finditer(segment.text):
        if any(letter.islower() for letter in run[0]):
            pieces += [Segment("text", segment.text[last:run.start()]), Segment("en", run[0])]
            last = run.end()
    pieces.append(Segment("text", segment.text[last:]))
    return [piece for piece in pieces if piece.text]


@lru_cache(maxsize=4096)  # the preview's warm process cites the same units on every edit
def _cited(record: CiteRecord) -> dict[str, list[tuple[str, str]]]:
    return {name: _pieces(text) for name, text in citations(record).items()}


def _pieces(text: str) -> list[tuple[str, str]]:
    """Text, Chinese passages and access-date slots: ("text" | "zh", …) and ("accessed", FORM)."""
    pieces: list[tuple[str, str]] = []
    last = 0
    for match in [*ACCESSED.finditer(text), None]:
        between = text[last:match.start() if match else len(text)]
        if between:
            pieces += [(segment.kind, segment.text) for segment in _mark_han(Segment("text", between))]
        if match:
            pieces.append(("accessed", match[1]))
            last = match.end()
    return pieces


def _inside(offset: int, spans: tuple[Span, ...]) -> bool:
    return any(span.start < offset < span.end for span in spans)


def _place_of(offset: int, spans: tuple[Span, ...]) -> int:
    """Where a mark is rendered: at its offset, or after the term it falls inside."""
    return next((span.end for span in spans if span.start < offset < span.end), offset)


# Python-Markdown's escapable characters: data that stands in a Markdown line (a heading) is text, never
# markup, so a title like [x](javascript:…) or *term* reads as written. < and & are escaped as HTML.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_text(value: str) -> Markup:
    """Text for a Markdown line: Markdown's special characters backslash-escaped, then <, > and & as HTML.
    Quotes stay as they are: an entity such as &#39; would have its # escaped in turn, and the heading's
    entry in the table of contents would show the entity (People&#39;s)."""
    return Markup(html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", value), quote=False))


class Renderer:
    """One Jinja environment over overrides/edition/, for every page body the edition generates."""

    def __init__(self, templates: Path):
        self.env = Environment(loader=FileSystemLoader(templates), autoescape=True, undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        self.env.globals["word_diff"] = word_diff
        self.env.filters["md"] = markdown_text

    def page_markdown(self, context: PageContext, markdown: str) -> str:
        """The Markdown the site generator renders for a page: its own, with what the model generates."""
        template = self.env.get_template(f"{context.page.kind}.html")
        return template.render(ctx=context, markdown=markdown)

    def page_parts(self, context: PageContext) -> dict[str, str]:
        """The HTML the site's own templates place around the body: head metadata, notice, footer."""
        return {part: self.env.get_template(f"page-{part}.html").render(ctx=context).strip()
                for part in ("head", "notice", "footer")}
