"""The typed model of the statement: what the loader builds and every generator reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal
from collections.abc import Iterator

if TYPE_CHECKING:
    from scripts.dates import When

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")  # zh is the default language, built at the site root

# The citation formats the edition offers, in the order a cite panel shows them (each needs its ui words).
CITATION_FORMATS = ("gbt7714-2025", "gbt7714-2015", "apa", "chicago-note", "chicago-bibliography", "bibtex", "ris",
                    "csl-json")

# Han characters (CJK Unified Ideographs and Extension A), for regular expressions: what makes a run Chinese.
HAN = "\u3400-\u9fff"

# The HTML `lang` of each language; Material's own `zh` is not specific enough for simplified script.
HTML_LANG: dict[Lang, str] = {"zh": "zh-Hans", "en": "en"}


@dataclass(frozen=True)
class Text:
    """One string in both languages."""

    zh: str
    en: str

    def __getitem__(self, lang: Lang) -> str:
        return getattr(self, lang)


@dataclass(frozen=True)
class Location:
    """Where something was read: for error messages and for the reader's "source" links."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Mark:
    """A citation of a reference at a place in a text: `[@key]` in the sources."""

    offset: int  # characters of text before it
    key: str


@dataclass(frozen=True)
class Unit:
    """A citable unit: the preamble, a numbered clause, or a dash item of clause 24."""

    id: str  # the same in both languages, and the #fragment of its permanent URL
    kind: Literal["preamble", "clause", "item"]
    n: int | None  # clause number; for an item, its position within the clause
    label: Text  # "六、" / "6." for clauses, "——" / "—" for items, empty for the preamble
    text: Text  # as a reader reads it, without the label
    section: str  # id of the section it stands in
    parent: str | None = None  # the clause an item belongs to
    items: tuple[Unit, ...] = ()
    insertions: tuple[tuple[int, int], ...] = ()  # editorial insertions in the English: [start, end) with brackets
    marks: dict[Lang, tuple[Mark, ...]] = field(default_factory=dict, compare=False, hash=False)
    where: dict[Lang, Location] = field(default_factory=dict, compare=False, hash=False)

    @property
    def references(self) -> tuple[str, ...]:
        """The keys this unit's text cites, in the order the Chinese cites them first."""
        return tuple(dict.fromkeys(mark.key for mark in self.marks.get("zh", ())))

    def display(self, lang: Lang) -> str:
        """Label and text as the statement prints them; for Chinese, exactly the source line."""
        if not self.label[lang]:
            return self.text[lang]
        separator = "" if lang == "zh" else " "
        return f"{self.label[lang]}{separator}{self.text[lang]}"

    @property
    def pinpoint(self) -> Text:
        """How a citation points at the unit: ¶6 / 第六条, ¶24, 3rd indent."""
        from scripts.sources.numerals import chinese_numeral

        if self.kind == "preamble":
            return Text("序言", "preamble")
        assert self.n is not None, "the loader numbers every clause and item"
        if self.kind == "clause":
            return Text(f"第{chinese_numeral(self.n)}条", f"¶{self.n}")
        assert self.parent is not None, "the loader gives every item its clause"
        parent_n = int(self.parent.removeprefix("p"))
        return Text(f"第{chinese_numeral(parent_n)}条第{chinese_numeral(self.n)}项", f"¶{parent_n}, item {self.n}")


@dataclass(frozen=True)
class Section:
    """One part of the statement, and one page per language."""

    id: str  # also the page's slug: permanent, like the unit ids
    heading: Text | None  # the statement's own heading; None for the untitled opening part
    title: Text  # the page's title: the heading, or an editorial title for the opening part
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class SearchDictionary:
    """data/search.yaml: what search needs to know of the text's words."""

    words: tuple[str, ...]  # Chinese words to keep whole (the glossary's terms included)
    aliases: dict[str, tuple[str, ...]]  # a term as the text writes it → other ways to write it


@dataclass(frozen=True)
class Page:
    """A page of the site in both languages."""

    kind: str  # "home", "section", "full_text", "parallel"
    key: str  # the section id for section pages, else the kind
    src: str  # path below docs/<lang>/
    title: Text
    url: Text  # relative to the site root, no leading slash; the Chinese home is ""


@dataclass(frozen=True)
class Provenance:
    """Where the two texts come from, and what status each has."""

    headline: str  # the news headline above the statement (provenance, not statement text)
    lead: str  # the news lead (provenance, not statement text)
    official: tuple[OfficialText, ...]
    translation_note: Text
    edition: Text  # this edition's name: the publisher of the translation and the notes
    parties: dict[Lang, tuple[str, ...]]  # the statement's parties, China first, in each language
    identifier: Text  # the statement's short name, as a legal database gives it


@dataclass(frozen=True)
class OfficialText:
    lang: Lang
    publisher: Text
    date: str  # ISO 8601, the publisher's local date
    form: Text  # "media note", "press release" …
    carried_by: Text | None = None
    url: str | None = None  # where the text itself is published, if known
    url_verified: bool = False
    reported_at: str | None = None  # a report that attests the release


@dataclass(frozen=True)
class Reference:
    """An instrument, decision, report, meeting or body the statement names or rests on."""

    key: str
    title: Text
    when: When
    body: Text
    note: Text
    url: str | None = None
    url_verified: bool = False
    source: Text | None = None  # where the facts come from when there is no address
    part_of: str | None = None
    where: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Note:
    """The edition's note on a unit: our words, with its sources cited as marks."""

    unit: str
    text: Text
    marks: dict[Lang, tuple[Mark, ...]] = field(default_factory=dict, compare=False, hash=False)
    where: Location | None = field(default=None, compare=False)

    @property
    def references(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(mark.key for lang in LANGS for mark in self.marks.get(lang, ())))


@dataclass(frozen=True)
class Term:
    """A term of art, explained in both languages."""

    def __getitem__(self, lang: Lang) -> str:
        return getattr(self, lang)

    key: str
    zh: str
    en: str
    match: tuple[str, ...]  # the forms it takes in the English text
    explanation: Text
    where: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class FixedTerm:
    """A term of the statement with one rendering in the translation (data/terms.yaml)."""

    key: str
    zh: str
    en: str
    forms: tuple[str, ...]  # the rendering and its other forms (plural, capitalised …)
    unless_in: tuple[str, ...] = ()  # longer words that hold the term but are not it (推动因素 for 推动)
    note: Text | None = None
    where: Location | None = field(default=None, compare=False)

    def stands_in(self, text: str) -> bool:
        """Whether the term stands in a Chinese text, other than inside one of the words it is not."""
        for word in self.unless_in:
            text = text.replace(word, "")
        return self.zh in text


@dataclass(frozen=True)
class Span:
    """Where a glossary term stands in a unit's text."""

    start: int
    end: int
    term: str


@dataclass(frozen=True)
class TargetStatus:
    """What has happened to a target or event since, with its source."""

    state: str  # held, adopted, submitted, met-late, off-track … (scripts/sources/timeline.py STATES)
    when: When | None  # when it happened, if it is an event
    as_of: When  # when the edition last checked it
    note: Text
    source: str  # a reference key
    where: Location | None = field(default=None, compare=False)  # the line of its `as_of`


@dataclass(frozen=True)
class Target:
    """A dated event, deadline, baseline or target that the statement names or implies."""

    id: str
    when: When
    kind: str  # meeting, milestone, baseline, target, expectation, plan
    theme: str  # energy, methane, forests, finance, ndc, meetings
    units: tuple[str, ...]
    label: Text
    status: TargetStatus | None = None
    relation: str = "named"  # named: the unit names it; related: a later development it does not contain
    where: Location | None = field(default=None, compare=False)
    short: Text | None = None  # the chart's label, where `label` is too long for it

    @property
    def chart_label(self) -> Text:
        """What the timeline chart writes beside the item: the short label, or the label if it is short."""
        return self.short or self.label


@dataclass(frozen=True)
class Change:
    """What a release changed: one kind of change, the units it touched, said in both languages."""

    kind: str  # translation, text, notes, translation-notes, status, references, editorial
    units: tuple[str, ...]
    note: Text
    where: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Release:
    """A dated version of the edition (data/releases.yaml)."""

    version: str  # "1.0"
    date: str  # ISO 8601 day
    summary: Text
    changes: tuple[Change, ...] = ()
    where: Location | None = field(default=None, compare=False)

    def changes_to(self, unit_id: str) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if unit_id in change.units)


@dataclass(frozen=True)
class Wording:
    """A unit's text as a release published it."""

    version: str
    date: str
    text: Text


@dataclass(frozen=True)
class Statement:
    """The whole edition: statement text in both languages, its pages, and their URLs."""

    title: Text
    preamble: Unit
    sections: tuple[Section, ...]
    pages: tuple[Page, ...]
    source: Provenance
    ui: dict[str, Text]  # interface strings, keyed by name
    references: tuple[Reference, ...] = ()
    notes: dict[str, Note] = field(default_factory=dict)  # by unit id
    glossary: tuple[Term, ...] = ()
    spans: dict[tuple[str, Lang], tuple[Span, ...]] = field(default_factory=dict)  # (unit id, lang) → terms
    see_also: dict[str, tuple[str, ...]] = field(default_factory=dict)  # unit id → related unit ids
    search: SearchDictionary = field(default_factory=lambda: SearchDictionary((), {}))
    targets: tuple[Target, ...] = ()  # in date order
    chart_span: When | None = None  # the span the timeline chart draws (data/edition.yaml's `chart`)
    translation_notes: dict[str, Note] = field(default_factory=dict)  # by unit id: notes on the translation
    terms: tuple[FixedTerm, ...] = ()  # the fixed terms of the translation
    term_units: dict[str, tuple[str, ...]] = field(default_factory=dict)  # fixed term → units using it
    releases: tuple[Release, ...] = ()  # oldest first; the last is the edition as built
    history: dict[str, tuple[Wording, ...]] = field(default_factory=dict)  # unit id → wordings, oldest first

    @property
    def release(self) -> Release:
        """The release this build is: its version and date go into every citation."""
        return self.releases[-1]

    def wording(self, unit_id: str, version: str) -> Wording | None:
        """A unit's wording as a release published it (None before the release that added the unit)."""
        order = [release.version for release in self.releases]
        published = [w for w in self.history.get(unit_id, ()) if order.index(w.version) <= order.index(version)]
        return published[-1] if published else None

    def release_url(self, version: str, lang: Lang) -> str:
        """The permanent URL of a release's frozen text (releases/1.0/, en/releases/1.0/): it never moves to
        a later wording, as a legislation.gov.uk point-in-time view or an archived SEP edition does not."""
        return f"{'' if lang == LANGS[0] else lang + '/'}releases/{version}/"

    def revisions(self, unit_id: str, lang: Lang) -> tuple[tuple[Wording, Wording], ...]:
        """(earlier, later) pairs of wordings where the unit's text in `lang` changed, oldest first."""
        wordings = self.history.get(unit_id, ())
        return tuple((a, b) for a, b in zip(wordings, wordings[1:], strict=False) if a.text[lang] != b.text[lang])

    def units(self) -> Iterator[Unit]:
        """Every citable unit in reading order, items right after their clause."""
        for section in self.sections:
            for unit in section.units:
                yield unit
                yield from unit.items

    @property
    def clauses(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units() if u.kind == "clause")

    def unit(self, unit_id: str) -> Unit:
        return self._by_id()[unit_id]

    def _by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units()}

    def section_of(self, unit: Unit) -> Section:
        return next(s for s in self.sections if s.id == unit.section)

    def reference(self, key: str) -> Reference:
        return next(ref for ref in self.references if ref.key == key)

    def term(self, key: str) -> Term:
        return next(term for term in self.glossary if term.key == key)

    def citing_units(self, key: str) -> tuple[Unit, ...]:
        """The units whose text cites a reference."""
        return tuple(unit for unit in self.units() if key in unit.references)

    def noting_units(self, key: str) -> tuple[Unit, ...]:
        """The units whose note cites a reference (as the source of a fact)."""
        return tuple(unit for unit in self.units() if unit.id in self.notes and key in self.notes[unit.id].references)

    def units_using(self, term: str) -> tuple[Unit, ...]:
        """The units whose Chinese text uses a glossary term."""
        return tuple(unit for unit in self.units()
                     if any(span.term == term for span in self.spans.get((unit.id, "zh"), ())))

    def targets_of(self, unit_id: str) -> tuple[Target, ...]:
        return tuple(target for target in self.targets if unit_id in target.units)

    def page(self, key: str) -> Page:
        return next(p for p in self.pages if p.key == key)

    def unit_url(self, unit: Unit, lang: Lang, version: str | None = None) -> str:
        """The unit's permanent URL, relative to the site root: its section page and its id; with a version,
        the unit in that release's frozen text."""
        page = self.release_url(version, lang) if version else self.page(unit.section).url[lang]
        return f"{page}#{unit.id}"

    def entry_url(self, page_kind: str, key: str, lang: Lang) -> str:
        """An entry's URL on the references, glossary, timeline or changelog page (#ref-…, #term-…, #t-…,
        and #p6-v1.0 for a unit's wording in a release)."""
        prefix = {"references": "ref-", "glossary": "term-", "timeline": "t-", "changelog": ""}[page_kind]
        return f"{self.page(page_kind).url[lang]}#{prefix}{key}"
