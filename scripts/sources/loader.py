"""The one loader: Markdown sources and data/ in, one checked model of the statement out.

Every check of meaning happens here, so that bad input stops the build with one message that names
the file, the line and the unit (`SourceError`). Generators trust the model they are given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from collections.abc import Iterable

from scripts.sources.authority import Authority, AuthorityLine, read_authority
from scripts.sources.citations import KEY, take_marks
from scripts.sources.crossrefs import see_also
from scripts.dates import DateError, When, parse_when
from scripts.errors import SourceError
from scripts.sources.glossary import load_glossary, term_spans
from scripts.model import (CITATION_FORMATS, LANGS, Lang, Location, Mark, Note, OfficialText, Page, Provenance,
                           Reference, Section, Statement, Target, Text, Unit)
from scripts.sources.notes import load_notes
from scripts.sources.numerals import chinese_numeral, stated_numbers
from scripts.sources.permalinks import check_released_resolve
from scripts.sources.register import FILE as REFERENCES, load_references
from scripts.sources.releases import CHANGE_KINDS, load_releases
from scripts.sources.search_dictionary import load_search_dictionary
from scripts.sources.timeline import KINDS, STATES, THEMES, load_timeline
from scripts.sources.translation import (NOTES as TRANSLATION_NOTES, check_terms, load_terms, mark_insertions,
                                         take_insertions)
from scripts.sources.pages import SourceFile, UnitLine, read_source
from scripts.sources.yamldata import YamlFile, read_yaml

# The kinds of page, in the order the site lists them; "section" is one page per section.
PAGE_ORDER = ("home", "section", "full_text", "parallel", "references", "glossary", "timeline", "cite", "translation",
              "changelog")
PAGE_KINDS = tuple(kind for kind in PAGE_ORDER if kind != "section")  # plus one "section" page per section
_LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}


@dataclass(frozen=True)
class _Text:
    """The statement's text as the pages give it, checked against the authority."""

    edition: YamlFile
    authority: Authority
    sources: dict[Lang, dict[str, SourceFile]]
    sections: tuple[Section, ...]
    opening: Section
    title: Text

    @property
    def units(self) -> list[Unit]:
        return [u for section in self.sections for top in section.units for u in (top, *top.items)]


def load_units(root: Path) -> list[Unit]:
    """Every unit, read and checked, in reading order: what a release's snapshot records."""
    return _read_text(root).units


def _read_text(root: Path) -> _Text:
    edition = read_yaml(root / "data" / "edition.yaml", "data/edition.yaml")
    authority_name = edition.get("authority")
    authority = read_authority(root / authority_name, authority_name)
    sources = {lang: _read_pages(root, lang) for lang in LANGS}
    _check_same_pages(sources)

    for lang in LANGS:
        _check_unique_ids(sorted((src for src in sources[lang].values() if src.units),
                                 key=lambda src: _unit_order(src.units[0].id)))

    section_files = [src for src in sources["zh"].values() if src.kind == "section"]
    sections = tuple(sorted((_build_section(src, sources["en"][src.name]) for src in section_files),
                            key=lambda section: _unit_order(section.units[0].id)))
    opening = next((section for section in sections if section.units[0].kind == "preamble"), None)
    if opening is None:
        raise SourceError(Location("docs/zh"), "no section page holds the preamble", "preamble")
    headings: dict[str, tuple[Text, Location]] = {}
    for src in section_files:
        (zh_heading, where), (en_heading, _) = src.section_heading, sources["en"][src.name].section_heading
        headings[src.meta["section"]] = (Text(zh_heading, en_heading), where)
    _check_against_authority(authority, headings, sections)
    text = _Text(edition, authority, sources, sections, opening, headings[opening.id][0])
    for unit in text.units:
        _check_numbers(unit)
    return text


def load(root: Path, preview: bool = False) -> Statement:
    """Load and check the whole edition below `root` (the repository). A preview (`mkdocs serve`) shows
    wording not yet recorded in a release, so that an editor sees the edit; every build checks it."""
    text = _read_text(root)
    units = text.units
    references = load_references(root)
    notes = load_notes(root, {unit.id for unit in units})
    translation_notes = load_notes(root, {unit.id for unit in units}, TRANSLATION_NOTES)
    targets = load_timeline(root, {unit.id for unit in units}, {ref.key for ref in references})
    _check_citations(units, [*notes.values(), *translation_notes.values()], references,
                     {target.status.source for target in targets if target.status})
    terms = load_terms(root)
    term_units = check_terms(terms, units)
    releases, history = load_releases(root, units, recorded=not preview)  # after the checks of the wording
    glossary = load_glossary(root)
    spans = term_spans(glossary, units)

    statement = Statement(
        title=text.title,
        preamble=text.opening.units[0],
        sections=text.sections,
        pages=_pages(text.sources, text.sections),
        source=_provenance(text.edition, text.authority),
        ui=_ui(read_yaml(root / "data" / "ui.yaml", "data/ui.yaml")),
        references=tuple(sorted(references, key=lambda ref: (ref.when.start, ref.key))),
        notes=notes,
        glossary=glossary,
        spans=spans,
        see_also=see_also(units, spans),
        search=load_search_dictionary(root, units, glossary),
        targets=targets,
        chart_span=_chart_span(text.edition, targets),
        translation_notes=translation_notes,
        terms=terms,
        term_units=term_units,
        releases=releases,
        history=history,
    )
    check_released_resolve(root, statement)
    return statement


# --- pages -------------------------------------------------------------------------------------

def _read_pages(root: Path, lang: Lang) -> dict[str, SourceFile]:
    folder = root / "docs" / lang
    if not folder.is_dir():
        raise SourceError(Location(f"docs/{lang}"), f"the {_LANGUAGE_NAMES[lang]} pages are missing")
    pages = {}
    for path in sorted(folder.glob("*.md")):
        name = path.name
        src = read_source(path, name, f"docs/{lang}/{name}")
        if src.kind not in PAGE_ORDER:
            raise SourceError(src.key_where,
                              f"front matter needs 'section: <id>' or 'kind:' one of {', '.join(PAGE_KINDS)}")
        if src.kind == "section" and src.key != path.stem:
            raise SourceError(src.meta_where("section"),
                              f"section '{src.meta['section']}' must live in '{src.meta['section']}.md'")
        pages[name] = src
    return pages


def _check_same_pages(sources: dict[Lang, dict[str, SourceFile]]) -> None:
    """Both languages have the same pages, of the same kinds."""
    pairs: tuple[tuple[Lang, Lang], ...] = (("zh", "en"), ("en", "zh"))
    for lang, other in pairs:
        for name, src in sources[lang].items():
            if name not in sources[other]:
                raise SourceError(src.where, f"has no {_LANGUAGE_NAMES[other]} counterpart docs/{other}/{name}")
            theirs = sources[other][name].key
            if src.key != theirs:
                raise SourceError(src.key_where, f"is '{src.key}' but docs/{other}/{name} is '{theirs}'")
    for kind in PAGE_KINDS:
        if not any(src.kind == kind for src in sources["zh"].values()):
            raise SourceError(Location("docs/zh"), f"no page has 'kind: {kind}'")


def _pages(sources: dict[Lang, dict[str, SourceFile]], sections: tuple[Section, ...]) -> tuple[Page, ...]:
    by_id = {section.id: section for section in sections}
    pages = []
    for name, src in sources["zh"].items():
        other = sources["en"][name]
        if src.kind == "section":
            title = by_id[src.key].title
        else:
            title = Text(_page_title(src), _page_title(other))
        slug = "" if name == "index.md" else f"{Path(name).stem}/"
        pages.append(Page(kind=src.kind, key=src.key, src=name, title=title, url=Text(slug, f"en/{slug}")))
    section_order = {section.id: i for i, section in enumerate(sections)}
    pages.sort(key=lambda page: (PAGE_ORDER.index(page.kind), section_order.get(page.key, 0)))
    return tuple(pages)


def _page_title(src: SourceFile) -> str:
    title = src.meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise SourceError(src.meta_where("title"), "front matter needs a 'title'")
    return title.strip()


# --- sections and units ------------------------------------------------------------------------

def _build_section(zh: SourceFile, en: SourceFile) -> Section:
    """One section from its two pages."""
    _check_same_units(zh, en)
    units: list[Unit] = []
    for zh_line, en_line in zip(zh.units, en.units, strict=True):
        unit = _build_unit(zh_line, en_line, zh.meta["section"])
        if unit.kind == "item":
            _attach_item(units, unit, zh_line)
        else:
            units.append(unit)
    if not units:
        raise SourceError(zh.where, "a section page needs at least one unit")
    heading = Text(zh.section_heading[0], en.section_heading[0])
    untitled = units[0].kind == "preamble"  # the opening part: its '# heading' is the statement's title
    if untitled:
        title = Text(_page_title(zh), _page_title(en))
    else:
        title = Text(zh.meta.get("title", heading.zh), en.meta.get("title", heading.en))
    return Section(id=zh.meta["section"], heading=None if untitled else heading, title=title, units=tuple(units))


def _check_same_units(zh: SourceFile, en: SourceFile) -> None:
    """The same unit ids, in the same order, on both pages of a section."""
    zh_ids, en_ids = [u.id for u in zh.units], [u.id for u in en.units]
    only_zh = [u for u in zh.units if u.id not in en_ids]
    only_en = [u for u in en.units if u.id not in zh_ids]
    if only_zh and only_en:
        raise SourceError(only_en[0].where, f"ids differ between the languages: '{only_en[0].id}' here, "
                          f"'{only_zh[0].id}' at {only_zh[0].where}", only_zh[0].id)
    if only_zh:
        raise SourceError(en.where, f"unit missing in English (it stands at {only_zh[0].where})", only_zh[0].id)
    if only_en:
        raise SourceError(zh.where, f"unit missing in Chinese (it stands at {only_en[0].where})", only_en[0].id)
    for zh_line, en_line in zip(zh.units, en.units, strict=True):
        if zh_line.id != en_line.id:
            raise SourceError(en_line.where, f"units in a different order than {zh_line.where} "
                              f"('{zh_line.id}' there)", en_line.id)


def _build_unit(zh: UnitLine, en: UnitLine, section: str) -> Unit:
    kind: Literal["preamble", "clause", "item"]
    if zh.id == "preamble":
        kind, n, parent, label = "preamble", None, None, Text("", "")
    elif "-" not in zh.id:
        kind, n, parent = "clause", int(zh.id[1:]), None
        label = Text(f"{chinese_numeral(n)}、", f"{n}.")
    else:
        clause, item = (int(part) for part in zh.id[1:].split("-"))
        kind, n, parent = "item", item, f"p{clause}"
        label = Text("——", "—")
    texts: dict[Lang, str] = {}
    marks: dict[Lang, tuple[Mark, ...]] = {}
    for lang, line in zip(LANGS, (zh, en), strict=True):
        prefix = label[lang] if lang == "zh" or not label[lang] else label[lang] + " "
        if not line.text.startswith(prefix):
            raise SourceError(line.where, f"{_LANGUAGE_NAMES[lang]} text of {line.id} must start with "
                              f"'{prefix.strip()}'", line.id)
        raw = line.text[len(prefix):].strip()
        texts[lang], marks[lang] = take_marks(mark_insertions(raw) if lang == "en" else raw)
        if lang == "en":
            texts[lang], insertions = take_insertions(texts[lang], line.where, line.id)
        if not texts[lang]:
            raise SourceError(line.where, "the unit has no text after its label", line.id)
        for mark in marks[lang]:
            if not KEY.fullmatch(mark.key):
                raise SourceError(line.where, f"'[@{mark.key}]' is not a reference key (a-z, 0-9, -)", line.id)
    cited = {lang: {mark.key for mark in marks[lang]} for lang in LANGS}
    if cited["zh"] != cited["en"]:
        only = sorted(cited["zh"] ^ cited["en"])[0]
        side = "Chinese" if only in cited["zh"] else "English"
        raise SourceError(en.where, f"cites [@{only}] in the {side} text only: both languages cite the same "
                          "references", zh.id)
    return Unit(id=zh.id, kind=kind, n=n, label=label, text=Text(**texts), section=section, parent=parent,
                insertions=insertions, marks=marks, where={"zh": zh.where, "en": en.where})


def _attach_item(units: list[Unit], item: Unit, line: UnitLine) -> None:
    """An item belongs to the clause right above it, numbered on from that clause's last item."""
    parent = units[-1] if units else None
    if parent is None or parent.id != item.parent:
        raise SourceError(line.where, f"item must follow its clause {item.parent}", item.id)
    if item.n != len(parent.items) + 1:
        raise SourceError(line.where, f"item number {item.n} out of sequence (expected "
                          f"{item.parent}-{len(parent.items) + 1})", item.id)
    units[-1] = Unit(**{**parent.__dict__, "items": parent.items + (item,)})


def _unit_order(unit_id: str) -> int:
    return 0 if unit_id == "preamble" else int(unit_id[1:].split("-")[0])


def _check_unique_ids(pages: Iterable[SourceFile]) -> None:
    """No id twice in one language, across all its pages."""
    seen: dict[str, UnitLine] = {}
    for line in (line for src in pages for line in src.units):
        if line.id in seen:
            raise SourceError(line.where, f"duplicate id: also at {seen[line.id].where}", line.id)
        seen[line.id] = line


# --- the Chinese text against its authority ----------------------------------------------------

def _check_against_authority(authority: Authority, headings: dict[str, tuple[Text, Location]],
                             sections: tuple[Section, ...]) -> None:
    """The Chinese text, title to last clause, equals the authoritative text line for line."""
    ours: list[tuple[str, str, Location, str | None]] = []
    for section in sections:
        heading, where = headings[section.id]
        ours.append(("heading" if section.heading else "title", heading.zh, where, None))
        for unit in section.units:
            for u in (unit, *unit.items):
                ours.append((u.kind, u.display("zh"), u.where["zh"], u.id))
    for index, expected in enumerate(authority.lines):
        if index >= len(ours):
            raise SourceError(ours[-1][2], f"the source's next line ({expected.where}) is on no Chinese "
                              f"page: «{_excerpt(expected.text)}»", ours[-1][3])
        kind, text, where, unit_id = ours[index]
        if (kind, text) != (expected.kind, expected.text):
            raise SourceError(where, _difference(expected, kind, text), unit_id)
    if len(ours) > len(authority.lines):
        kind, text, where, unit_id = ours[len(authority.lines)]
        raise SourceError(where, f"Chinese text not in the source: «{_excerpt(text)}»", unit_id)


def _difference(expected: AuthorityLine, kind: str, text: str) -> str:
    if kind != expected.kind:
        return f"expected the source's {expected.kind} ({expected.where}) here, found a {kind}"
    at = next((i for i, (a, b) in enumerate(zip(expected.text, text, strict=False)) if a != b),
              min(len(text), len(expected.text)))
    return (f"Chinese text differs from the source ({expected.where}) at character {at + 1}: "
            f"source «{_excerpt(expected.text, at)}», here «{_excerpt(text, at)}»")


def _excerpt(text: str, at: int = 0, width: int = 12) -> str:
    start = max(0, at - width)
    return ("…" if start else "") + text[start:at + width] + ("…" if at + width < len(text) else "")


def _check_numbers(unit: Unit) -> None:
    """Every number (year, temperature, count, month) stands in both languages of a unit."""
    zh, en = stated_numbers(unit.text.zh, "zh"), stated_numbers(unit.text.en, "en")
    if zh - en:
        raise SourceError(unit.where["en"], f"{', '.join(sorted(zh - en))} stands in the Chinese text "
                          f"({unit.where['zh']}) but not in the English", unit.id)
    if en - zh:
        raise SourceError(unit.where["en"], f"{', '.join(sorted(en - zh))} stands in the English text "
                          f"but not in the Chinese ({unit.where['zh']})", unit.id)


# --- references ---------------------------------------------------------------------------------

def _check_citations(units: list[Unit], notes: list[Note], references: tuple[Reference, ...],
                     status_sources: set[str]) -> None:
    """Every cited key is registered, and every registered reference is cited somewhere: in a unit's text, a
    note, or as the source of a status on the timeline (whose keys the timeline loader has checked)."""
    registered = {ref.key for ref in references}
    cited = set(status_sources)
    for unit in units:
        for lang in LANGS:
            for mark in unit.marks[lang]:
                if mark.key not in registered:
                    raise SourceError(unit.where[lang], f"cites [@{mark.key}], which is not in "
                                      "data/references.yaml", unit.id)
                cited.add(mark.key)
    for note in notes:
        for key in note.references:
            if key not in registered:
                assert note.where is not None, "a loaded note knows its line"
                raise SourceError(note.where, f"the note cites [@{key}], which is not in data/references.yaml",
                                  note.unit)
            cited.add(key)
    for ref in references:
        if ref.key not in cited and not any(other.part_of == ref.key and other.key in cited for other in references):
            raise SourceError(ref.where or Location(REFERENCES), f"'{ref.key}' is cited nowhere: cite it or remove it",
                              ref.key)


# --- data ---------------------------------------------------------------------------------------

def _provenance(edition: YamlFile, authority: Authority) -> Provenance:
    official = []
    for index, entry in enumerate(edition.get("official_texts")):
        lang = edition.get("official_texts", index, "lang")
        if lang not in LANGS:
            raise SourceError(edition.where("official_texts", index, "lang"), f"unknown language '{lang}'")
        try:
            date = parse_when(edition.get("official_texts", index, "date"))
        except DateError as error:
            raise SourceError(edition.where("official_texts", index, "date"), f"malformed date: {error}") from None
        carried = edition.text("official_texts", index, "carried_by") if "carried_by" in entry else None
        official.append(OfficialText(
            lang=lang, publisher=edition.text("official_texts", index, "publisher"), date=date.iso,
            form=edition.text("official_texts", index, "form"), carried_by=carried,
            url=entry.get("url"), url_verified=bool(entry.get("url_verified", False)),
            reported_at=entry.get("reported_at")))
    return Provenance(headline=authority.headline, lead=authority.lead, official=tuple(official),
                      translation_note=edition.text("translation_note"), edition=edition.text("edition"),
                      parties=_parties(edition), identifier=edition.text("identifier"))


def _chart_span(edition: YamlFile, targets: tuple[Target, ...]) -> When:
    """The chart's span, from the first month of `from` to the last day of `to`; every item must fall inside."""
    try:
        span = parse_when(f"{edition.get('chart', 'from')}/{edition.get('chart', 'to')}")
    except DateError as error:
        raise SourceError(edition.where("chart"), f"malformed chart span: {error}") from None
    for target in targets:
        if not span.start <= target.when.start <= target.when.end <= span.end:
            raise SourceError(edition.where("chart"), f"the chart's span ({span.start} to {span.end}) leaves out "
                              f"'{target.id}' ({target.when.iso}); widen `chart` in data/edition.yaml", target.id)
    return span


def _parties(edition: YamlFile) -> dict[Lang, tuple[str, ...]]:
    parties = edition.get("parties")
    if not isinstance(parties, dict) or set(parties) != set(LANGS) or not all(
            isinstance(names, list) and names and all(isinstance(name, str) and name.strip() for name in names)
            for names in parties.values()):
        raise SourceError(edition.where("parties"), "'parties' lists the parties' names under 'zh' and 'en'")
    if len(parties["zh"]) != len(parties["en"]):
        raise SourceError(edition.where("parties"), "'parties' must name as many parties in 'zh' as in 'en'")
    return {lang: tuple(parties[lang]) for lang in LANGS}


def _ui(ui: YamlFile) -> dict[str, Text]:
    if not isinstance(ui.data, dict):
        raise SourceError(ui.where(), "must be a mapping of names to {zh, en}")
    strings = {key: ui.text(key) for key in ui.data}
    # The names of what the data may say (states, kinds, themes, changes) and the citation formats (a cite
    # panel's tab and its heading): each needs its words.
    for prefix, values in (("state", STATES), ("kind", KINDS), ("theme", THEMES), ("change", CHANGE_KINDS),
                           ("tab", CITATION_FORMATS), ("format", CITATION_FORMATS)):
        for value in values:
            key = f"{prefix}_{value.replace('-', '_')}"
            if key not in strings:
                raise SourceError(Location(ui.name), f"'{key}' is missing: every {prefix} needs its interface words")
    return strings
