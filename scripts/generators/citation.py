"""One citation record per unit and language, and every format generated from it.

The reader's access date is not known at build time (builds are reproducible): formats carry the
token `{accessed:FORM}`, which the page's script fills with today's date (`fill_accessed` does the
same for tests). FORM is `iso` (2026-11-25), `ris` (2026/11/25/), `long` (November 25, 2026) or `zh`
(2026年11月25日, so that a Chinese note writes its two dates alike).

What is cited is what this edition serves at the URL: the statement (its official Chinese text, or this
edition's English translation of it), in a numbered release of the edition, which is its publisher. The
Ministry's release of the Chinese text is provenance, said in the records' notes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import quote

from scripts.dates import MONTHS
from scripts.model import CITATION_FORMATS, Lang, Release, Statement, Unit

ACCESSED = re.compile(r"\{accessed:(iso|ris|long|zh|year|month|day)\}")


@dataclass(frozen=True)
class CiteRecord:
    """What every format is made from: the statement, or one unit of it, in one language.

    A translation is cited as one: its own date (`issued`, the release that published this wording), the
    original's date (`original_date`), its translator and the original's title."""

    lang: Lang
    key: str  # sunnylands-2023-p6-en
    authors: tuple[str, ...]  # institutions, never persons, in the statement's order (China first)
    title: str
    pinpoint: str | None  # 第六条 / para. 6; None for the whole statement
    issued: date  # the date of what is cited: the official text's (zh) or the translation's release (en)
    url: str | None  # None when the build does not know the published address
    version: str | None = None  # the edition's release the citation was made from
    publisher: str | None = None  # the edition, which serves what is cited
    translation: bool = False  # the English is this edition's unofficial translation
    original_title: str | None = None  # the Chinese title, cited in English
    original_date: date | None = None  # the official text's date, when what is cited is a translation
    translator: str | None = None  # the edition, for the English
    note: str | None = None  # provenance: who released the official text

    @property
    def version_label(self) -> str:
        """How a citation names the release in words: 1.1版 / version 1.1."""
        return f"{self.version}版" if self.lang == "zh" else f"version {self.version}"

    @property
    def site_with_release(self) -> str:
        """The edition with its release, as the Stanford Encyclopedia names its archived editions ("… (Winter
        2012 Edition)"): the site name Zotero keeps from a web save or a RIS import, and every style prints."""
        if not self.version:
            return self.publisher or ""
        if self.lang == "zh":
            return f"{self.publisher}（{self.version_label}）"
        return f"{self.publisher} ({self.version_label})"


def record(statement: Statement, lang: Lang, site_url: str | None, unit: Unit | None = None,
           release: Release | None = None) -> CiteRecord:
    """The record of the current edition, or with `release`, of that release's frozen text (its version, its URL)."""
    official = next(text for text in statement.source.official if text.lang == "zh")
    if release is not None:
        path = statement.unit_url(unit, lang, release.version) if unit else statement.release_url(release.version, lang)
    else:
        path = statement.unit_url(unit, lang) if unit else statement.page("home").url[lang]
    pinpoint = None
    if unit is not None:
        pinpoint = unit.pinpoint.zh if lang == "zh" else unit.pinpoint.en.replace("¶", "para. ")
    original = date.fromisoformat(official.date)
    cited = release or statement.release
    released = date.fromisoformat(cited.date)
    note = (f"中文官方文本由{official.publisher.zh}于{_zh_date(original)}发布" if lang == "zh" else
            f"Unofficial English translation of the official Chinese text released by the "
            f"{official.publisher.en} on {original.day} {MONTHS[original.month - 1]} {original.year}")
    edition = statement.source.edition[lang]
    return CiteRecord(
        lang=lang, key=f"sunnylands-2023-{unit.id if unit else 'statement'}-{lang}",
        authors=tuple(name.replace("'", "’") for name in statement.source.parties[lang]),
        title=statement.title[lang], pinpoint=pinpoint, issued=original if lang == "zh" else released,
        url=site_url.rstrip("/") + "/" + path if site_url else None,
        version=cited.version, publisher=edition, translation=lang == "en",
        original_title=statement.title.zh if lang == "en" else None,
        original_date=original if lang == "en" else None, translator=edition if lang == "en" else None,
        note=note)


def quote_citation(rec: CiteRecord) -> str:
    """A quotation with its Chicago note, for the browser to fill: {quote}, {unit} (the pinpoint), {url} (the
    unit's permanent URL with a text fragment) and the access-date slot."""
    template = replace(rec, pinpoint="{unit}", url="{url}")
    separator = "——" if rec.lang == "zh" else " — "
    return f"“{{quote}}”{separator}{chicago_note(template)}"


def fill_accessed(text: str, day: date) -> str:
    forms = {"iso": day.isoformat(), "ris": day.strftime("%Y/%m/%d/"),
             "long": f"{MONTHS[day.month - 1]} {day.day}, {day.year}", "zh": _zh_date(day),
             "year": str(day.year), "month": str(day.month), "day": str(day.day)}
    return ACCESSED.sub(lambda match: forms[match[1]], text)


def citations(rec: CiteRecord) -> dict[str, str]:
    return {name: FORMATTERS[name](rec) for name in CITATION_FORMATS}


# --- GB/T 7714 ------------------------------------------------------------------------------------
# An online document ([EB/OL]): responsible bodies. Title: other title information[EB/OL]. Other
# responsible bodies (the translator). Edition statement. Place: publisher, year(date of publication or
# update)[date of citation]. Access path. Both editions of the standard write it so; 2025 sets the marks
# inside elements full-width (，：（）), 2015 half-width. The publisher is the edition, which serves what is
# cited; a web site has no place, and the date in parentheses stands for the year. The release is named
# as the edition names it everywhere (1.3版 / Version 1.3), in both tabs. The date of the English is the
# release that published its wording (the translation's own date); of the Chinese, the official text's.

def gbt7714_2015(rec: CiteRecord) -> str:
    """GB/T 7714-2015, as its example 萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. URL."""
    return _gbt7714(rec, comma=", ", colon=": ", parens="()")


def gbt7714_2025(rec: CiteRecord) -> str:
    """GB/T 7714—2025, as its example 许振超. “好好干，当一个好工人”[EB/OL]. （2025-02-17）[2025-06-22]. URL."""
    return _gbt7714(rec, comma="，", colon="：", parens="（）")


def _gbt7714(rec: CiteRecord, comma: str, colon: str, parens: str) -> str:
    title = f"{rec.title}{colon}{rec.pinpoint}" if rec.pinpoint else rec.title
    elements = [comma.join(rec.authors), f"{title}[EB/OL]"]
    if rec.translator:
        elements.append(f"{rec.translator}{comma}trans")
    if rec.translation:
        elements.append("Unofficial English translation")
    if rec.version:
        elements.append(f"{rec.version}版" if rec.lang == "zh" else f"Version {rec.version}")
    if rec.publisher:
        elements.append(rec.publisher)
    elements.append(f"{parens[0]}{rec.issued.isoformat()}{parens[1]}[{{accessed:iso}}]")
    if rec.url:
        elements.append(rec.url)
    return ". ".join(elements) + "."


# --- APA 7 and Chicago 18 ---------------------------------------------------------------------------
# The English is a translation: APA credits the translator "(…, Trans.)", dates the entry by the
# translation and ends it "(Original work published 2023)", cited in text as 2023/2026 (Publication
# Manual 7th ed., 9.39 and 10.2 example 28); Chicago 18 names the translator ("trans." in notes,
# "Translated by" in the bibliography). The Chinese entries are Chinese-language adaptations of the two
# styles, labelled so on the page.

def apa(rec: CiteRecord) -> str:
    """Reference-list entry, then the in-text citation with its pinpoint. Group authors are joined by "&"
    alone (no comma: a group name is never inverted)."""
    locator = f", {rec.pinpoint}" if rec.pinpoint else ""
    url = f" {rec.url}" if rec.url else ""
    if rec.lang == "zh":
        authors = "、".join(rec.authors)
        entry = f"{authors}. ({rec.issued.isoformat()}). {rec.title} ({rec.version_label}). {rec.publisher}.{url}"
        return f"{entry}\n({authors}, {rec.issued.year}{locator})"
    authors = " & ".join(rec.authors)
    issued = f"{rec.issued.year}, {MONTHS[rec.issued.month - 1]} {rec.issued.day}"
    original = rec.original_date.year if rec.original_date else rec.issued.year
    entry = (f"{authors}. ({issued}). {_sentence_case(rec.title)} ({rec.translator}, Trans.; Version {rec.version}) "
             f"[Unofficial English translation]. {rec.publisher}.{url} (Original work published {original})")
    return f"{entry}\n({authors}, {original}/{rec.issued.year}{locator})"


def chicago_note(rec: CiteRecord) -> str:
    url = f", {rec.url}" if rec.url else ""
    if rec.lang == "zh":
        pinpoint = f"，{rec.pinpoint}" if rec.pinpoint else ""
        url = f"，{rec.url}" if rec.url else ""
        return (f"{'、'.join(rec.authors)}：《{rec.title}》，{rec.version_label}，{rec.publisher}，"
                f"{_zh_date(rec.issued)}{pinpoint}，{{accessed:zh}}访问{url}")
    pinpoint = f", {rec.pinpoint}" if rec.pinpoint else ""
    return (f"{' and '.join(rec.authors)}, “{rec.title},” trans. {rec.translator}, unofficial English translation, "
            f"{rec.version_label} ({rec.publisher}, {_en_date(rec.issued)}){pinpoint}, accessed {{accessed:long}}"
            f"{url}.")


def chicago_bibliography(rec: CiteRecord) -> str:
    if rec.lang == "zh":
        url = f"{rec.url}" if rec.url else ""
        return (f"{'、'.join(rec.authors)}。《{rec.title}》。{rec.version_label}。{rec.publisher}，"
                f"{_zh_date(rec.issued)}。{{accessed:zh}}访问。{url}").rstrip()
    url = f" {rec.url}." if rec.url else ""
    original = f" Originally issued {_en_date(rec.original_date)}." if rec.original_date else ""
    return (f"{' and '.join(rec.authors)}. “{rec.title}.” Translated by {rec.translator}. "
            f"Unofficial English translation, {rec.version_label}. {rec.publisher}, {_en_date(rec.issued)}."
            f"{original} Accessed {{accessed:long}}.{url}")


# --- machine formats ---------------------------------------------------------------------------------
# Chosen so that a reference manager keeps what is cited: read against Zotero's import translators
# (zotero/translators: RIS.js 2026-01-05, BibTeX.js, CSL JSON via Zotero.Utilities.Item.itemFromCSLJSON)
# and the web translators (COinS.js 2021-06-01, Embedded Metadata.js 2026-04-27). Every path makes a
# Zotero "webpage" (RIS ELEC, BibTeX @online, CSL webpage, COinS dc + rft.type) with the states as single-
# field names, the edition as translator of the English; the version rides in the fields each path keeps
# (RIS N1 note, BibTeX howpublished → Extra, CSL note → Extra with CSL variables Zotero reads back).

def bibtex(rec: CiteRecord) -> str:
    """biblatex @online (Zotero reads it as a web page; classic BibTeX styles fall back to @misc): the
    states as braced (corporate) authors, the edition once, in howpublished, with the release."""
    fields = [
        ("author", " and ".join(f"{{{_tex(author)}}}" for author in rec.authors)),
        ("title", f"{{{_tex(rec.title)}}}"),
    ]
    if rec.translator:
        fields.append(("translator", f"{{{_tex(rec.translator)}}}"))
    fields += [
        ("date", rec.issued.isoformat()),
        ("year", str(rec.issued.year)),
        ("version", rec.version or ""),
        ("howpublished", _tex(f"{rec.publisher}, {rec.version_label}" if rec.version else rec.publisher or "")),
    ]
    if rec.original_date:
        fields.append(("origdate", rec.original_date.isoformat()))
    note = [part for part in (rec.pinpoint, "Unofficial English translation" if rec.translation else None) if part]
    if note:
        fields.append(("note", _tex(". ".join(note))))
    # langid: biblatex's English module; it has none for Chinese, so the Chinese entries carry none.
    if rec.lang == "en":
        fields.append(("langid", "english"))
    if rec.url:
        fields.append(("url", rec.url))
    fields.append(("urldate", "{accessed:iso}"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@online{{{rec.key},\n{body}\n}}"


def ris(rec: CiteRecord) -> str:
    """RIS: an electronic source (ELEC, which Zotero's RIS.js imports as a web page) by two institutions,
    the edition as translator (A4) of the English; the pinpoint in the title (SE is dropped on import)
    and the release in the note (N1, kept as a note), as well as in ET for EndNote."""
    title = rec.title
    if rec.pinpoint:
        title += f"：{rec.pinpoint}" if rec.lang == "zh" else f", {rec.pinpoint}"
    lines = [("TY", "ELEC"), *(("AU", author) for author in rec.authors)]
    if rec.translator:
        lines.append(("A4", rec.translator))
    lines.append(("TI", title))
    if rec.publisher:
        lines.append(("T2", rec.site_with_release))  # Zotero's web-page site name: ET is not kept
    if rec.version:
        lines.append(("ET", rec.version))
    lines += [("PY", str(rec.issued.year)), ("DA", rec.issued.strftime("%Y/%m/%d/"))]
    if rec.publisher:
        lines.append(("PB", rec.publisher))
    notes = [rec.note] if rec.note else []
    if rec.version:
        notes.append(f"{rec.publisher}, {rec.version_label}")
    if notes:
        lines.append(("N1", "; ".join(notes)))
    lines.append(("LA", "zh-Hans" if rec.lang == "zh" else "en"))
    if rec.url:
        lines.append(("UR", rec.url))
    lines += [("Y2", "{accessed:ris}"), ("ER", "")]
    return "\n".join(f"{tag}  - {_one_line(value)}".rstrip() + (" " if tag == "ER" else "") for tag, value in lines)


def csl(rec: CiteRecord, accessed: bool = True) -> dict:
    """CSL-JSON: a web page (the official GB/T styles give it [EB/OL] and the access date), in a web site
    (the edition); for the English, `issued` is the translation's release and `original-date` the
    official text's. The note repeats the version and original date as `name: value` lines, which
    Zotero keeps in Extra and reads back as CSL variables (its import drops `version` and `original-date`)."""
    item: dict = {
        "id": rec.key,
        "type": "webpage",
        "title": rec.title,
        "author": [{"literal": author} for author in rec.authors],
        "issued": _date_parts(rec.issued),
        "container-title": rec.publisher,  # the site; a publisher too would print the edition twice
        "version": rec.version,
        "language": "zh-Hans" if rec.lang == "zh" else "en",
    }
    if rec.url:
        item["URL"] = rec.url
    if rec.pinpoint:
        item["section"] = rec.pinpoint
    if rec.translator:
        item["translator"] = [{"literal": rec.translator}]
    if rec.translation:
        item["original-title"] = rec.original_title
        item["genre"] = "Unofficial English translation"
    if rec.original_date:
        item["original-date"] = _date_parts(rec.original_date)
    lines = [f"version: {rec.version}"] if rec.version else []
    if rec.original_date:
        lines.append(f"original-date: {rec.original_date.isoformat()}")
    if rec.note:
        lines.append(rec.note)
    if lines:
        item["note"] = "\n".join(lines)
    if accessed:
        item["accessed"] = {"date-parts": [["{accessed:year}", "{accessed:month}", "{accessed:day}"]]}
    return item


def coins(rec: CiteRecord) -> str:
    """A COinS context object (OpenURL 1.0 KEV) for the page's span.Z3988: what Zotero's COinS translator
    saves. Dublin Core format with rft.type "webpage" (Zotero's item type), the two states as corporate
    authors (rft.aucorp, never split into a person's names), the unit's permanent URL as identifier, the
    edition with its release as the site (rft.source, which every style prints), the translation and the
    release in the description.

    The states are written in reverse: Zotero's OpenURL parser (zotero/utilities openurl.js,
    parseContextObject, unchanged since commit db52081, 2021, up to 4051881, 2026-08) queues each
    rft.aucorp without an `offset` and splices it in at `offset + inserted` = NaN, that is at index 0, so
    it saves them last first. Written in reverse, they are saved in the statement's order."""
    title = rec.title
    if rec.pinpoint:
        title += f"：{rec.pinpoint}" if rec.lang == "zh" else f", {rec.pinpoint}"
    description = [rec.note] if rec.note else []
    if rec.translator:
        description.append(f"translated by {rec.translator}")
    if rec.version:
        description.append(rec.version_label)
    pairs = [("url_ver", "Z39.88-2004"), ("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"),
             ("rft.type", "webpage"), ("rft.title", title),
             *(("rft.aucorp", author) for author in reversed(rec.authors)),
             ("rft.date", rec.issued.isoformat()), ("rft.source", rec.site_with_release),
             ("rft.publisher", rec.publisher or ""), ("rft.identifier", rec.url or ""),
             ("rft.language", "zh-Hans" if rec.lang == "zh" else "en"), ("rft.description", "; ".join(description))]
    return "&".join(f"{key}={quote(value, safe='')}" for key, value in pairs if value)


def csl_json(rec: CiteRecord) -> str:
    text = json.dumps([csl(rec)], ensure_ascii=False, indent=2)
    # The access date's parts are numbers: the browser (and fill_accessed) writes them in.
    return re.sub(r'"\{accessed:(year|month|day)\}"', r"{accessed:\1}", text)


FORMATTERS = {"gbt7714-2025": gbt7714_2025, "gbt7714-2015": gbt7714_2015, "apa": apa, "chicago-note": chicago_note,
              "chicago-bibliography": chicago_bibliography, "bibtex": bibtex, "ris": ris, "csl-json": csl_json}


# --- helpers ---------------------------------------------------------------------------------------------

_TEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\^{}"}


def _tex(text: str) -> str:
    """A string for a BibTeX field: TeX's special characters escaped."""
    return "".join(_TEX_SPECIAL.get(char, char) for char in text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _sentence_case(title: str) -> str:
    """APA titles in sentence case; words in capitals that name things (Climate Crisis) are not names."""
    words = title.split()
    return " ".join([words[0]] + [word if word.isupper() else word.lower() for word in words[1:]])


def _zh_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _date_parts(day: date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}


def _en_date(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
