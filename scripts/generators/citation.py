"""One citation record per unit and language, and every format generated from it.

The reader's access date is not known at build time (builds are reproducible): formats carry the
token `{accessed:FORM}`, which the page's script fills with today's date (`fill_accessed` does the
same for tests). FORM is `iso` (2026-11-25), `ris` (2026/11/25/) or `long` (November 25, 2026).

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

ACCESSED = re.compile(r"\{accessed:(iso|ris|long|year|month|day)\}")


@dataclass(frozen=True)
class CiteRecord:
    """What every format is made from: the statement, or one unit of it, in one language."""

    lang: Lang
    key: str  # sunnylands-2023-p6-en
    authors: tuple[str, ...]  # institutions, never persons
    title: str
    pinpoint: str | None  # 第六条 / para. 6; None for the whole statement
    issued: date  # the date of the official (Chinese) text
    url: str
    version: str | None = None  # the edition's release the citation was made from
    publisher: str | None = None  # the edition, which serves what is cited
    translation: bool = False  # the English is this edition's unofficial translation
    original_title: str | None = None  # the Chinese title, cited in English
    note: str | None = None  # provenance: who released the official text

    @property
    def version_label(self) -> str:
        """How a citation names the release in words: 1.1版 / version 1.1."""
        return f"{self.version}版" if self.lang == "zh" else f"version {self.version}"


def record(statement: Statement, lang: Lang, site_url: str, unit: Unit | None = None,
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
    issued = date.fromisoformat(official.date)
    note = (f"中文官方文本由{official.publisher.zh}于{_zh_date(issued)}发布" if lang == "zh" else
            f"Unofficial English translation of the official Chinese text released by the "
            f"{official.publisher.en} on {issued.day} {MONTHS[issued.month - 1]} {issued.year}")
    return CiteRecord(
        lang=lang, key=f"sunnylands-2023-{unit.id if unit else 'statement'}-{lang}",
        authors=statement.source.parties[lang],
        title=statement.title[lang], pinpoint=pinpoint, issued=issued, url=site_url.rstrip("/") + "/" + path,
        version=(release or statement.release).version, publisher=statement.source.edition[lang],
        translation=lang == "en",
        original_title=statement.title.zh if lang == "en" else None, note=note)


def quote_citation(rec: CiteRecord) -> str:
    """A quotation with its Chicago note, for the browser to fill: {quote}, {unit} (the pinpoint), {url} (the
    unit's permanent URL with a text fragment) and the access-date slot."""
    template = replace(rec, pinpoint="{unit}", url="{url}")
    separator = "——" if rec.lang == "zh" else " — "
    return f"“{{quote}}”{separator}{chicago_note(template)}"


def fill_accessed(text: str, day: date) -> str:
    forms = {"iso": day.isoformat(), "ris": day.strftime("%Y/%m/%d/"),
             "long": f"{MONTHS[day.month - 1]} {day.day}, {day.year}",
             "year": str(day.year), "month": str(day.month), "day": str(day.day)}
    return ACCESSED.sub(lambda match: forms[match[1]], text)


def citations(rec: CiteRecord) -> dict[str, str]:
    return {name: FORMATTERS[name](rec) for name in CITATION_FORMATS}


# --- GB/T 7714 ------------------------------------------------------------------------------------
# An online document ([EB/OL]): responsible bodies. Title: other title information[EB/OL]. Edition
# statement. (date of publication)[date of citation]. Access path. Both editions of the standard write
# it so in their examples; 2025 sets the marks inside elements full-width (，：（）), 2015 half-width.

def gbt7714_2015(rec: CiteRecord) -> str:
    """GB/T 7714-2015, as its example 萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. URL."""
    return _gbt7714(rec, comma=", ", colon=": ", parens="()")


def gbt7714_2025(rec: CiteRecord) -> str:
    """GB/T 7714—2025, as its example 许振超. “好好干，当一个好工人”[EB/OL]. （2025-02-17）[2025-06-22]. URL."""
    return _gbt7714(rec, comma="，", colon="：", parens="（）")


def _gbt7714(rec: CiteRecord, comma: str, colon: str, parens: str) -> str:
    title = f"{rec.title}{colon}{rec.pinpoint}" if rec.pinpoint else rec.title
    elements = [comma.join(rec.authors), f"{title}[EB/OL]"]
    if rec.translation:
        elements.append("Unofficial English translation")
    if rec.version:
        elements.append(f"{rec.version}版" if rec.lang == "zh" else f"Version {rec.version}")
    elements.append(f"{parens[0]}{rec.issued.isoformat()}{parens[1]}[{{accessed:iso}}]")
    elements.append(rec.url)
    return ". ".join(elements) + "."


# --- APA 7 and Chicago 17 ---------------------------------------------------------------------------

def apa(rec: CiteRecord) -> str:
    """Reference-list entry, then the in-text citation with its pinpoint. Group authors are joined by "&"
    alone (no comma: a group name is never inverted)."""
    if rec.lang == "zh":
        authors = "、".join(rec.authors)
        entry = f"{authors}. ({rec.issued.year}). {rec.title} ({rec.version_label}). {rec.publisher}. {rec.url}"
        locator = f", {rec.pinpoint}" if rec.pinpoint else ""
        return f"{entry}\n({authors}, {rec.issued.year}{locator})"
    issued = f"{rec.issued.year}, {MONTHS[rec.issued.month - 1]} {rec.issued.day}"
    entry = (f"{' & '.join(rec.authors)}. ({issued}). {_sentence_case(rec.title)} (Version {rec.version}) "
             f"[Unofficial English translation of {rec.original_title}]. {rec.publisher}. {rec.url}")
    locator = f", {rec.pinpoint}" if rec.pinpoint else ""
    return f"{entry}\n({' & '.join(rec.authors)}, {rec.issued.year}{locator})"


def chicago_note(rec: CiteRecord) -> str:
    if rec.lang == "zh":
        pinpoint = f"，{rec.pinpoint}" if rec.pinpoint else ""
        return (f"{'、'.join(rec.authors)}：《{rec.title}》，{rec.version_label}，{rec.publisher}，"
                f"{_zh_date(rec.issued)}{pinpoint}，{{accessed:iso}}访问，{rec.url}。")
    pinpoint = f", {rec.pinpoint}" if rec.pinpoint else ""
    return (f"{' and '.join(rec.authors)}, “{rec.title},” unofficial English translation, {rec.version_label}, "
            f"{rec.publisher}, {_en_date(rec.issued)}{pinpoint}, accessed {{accessed:long}}, {rec.url}.")


def chicago_bibliography(rec: CiteRecord) -> str:
    if rec.lang == "zh":
        return (f"{'、'.join(rec.authors)}。《{rec.title}》。{rec.version_label}。{rec.publisher}，"
                f"{_zh_date(rec.issued)}。{{accessed:iso}}访问。{rec.url}。")
    return (f"{' and '.join(rec.authors)}. “{rec.title}.” Unofficial English translation, {rec.version_label}. "
            f"{rec.publisher}, {_en_date(rec.issued)}. Accessed {{accessed:long}}. {rec.url}.")


# --- machine formats ---------------------------------------------------------------------------------

def bibtex(rec: CiteRecord) -> str:
    """biblatex @online fields that BibTeX's @misc also reads: organizations as braced (corporate) authors,
    the edition as organization, the pinpoint and the translation in the note."""
    fields = [
        ("author", " and ".join(f"{{{_tex(author)}}}" for author in rec.authors)),
        ("title", f"{{{_tex(rec.title)}}}"),
        ("date", rec.issued.isoformat()),
        ("year", str(rec.issued.year)),
        ("version", rec.version or ""),
        ("organization", _tex(rec.publisher or "")),
        ("howpublished", _tex(rec.publisher or "")),
    ]
    note = [part for part in (rec.pinpoint, "Unofficial English translation" if rec.translation else None) if part]
    if note:
        fields.append(("note", _tex(". ".join(note))))
    if rec.original_title:
        fields.append(("origtitle", _tex(rec.original_title)))
    fields += [("langid", "chinese" if rec.lang == "zh" else "english"),
               ("language", "chinese" if rec.lang == "zh" else "english"),
               ("url", rec.url), ("urldate", "{accessed:iso}")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{rec.key},\n{body}\n}}"


def ris(rec: CiteRecord) -> str:
    """RIS: a government document by two institutions; Zotero, EndNote and rispy read these tags."""
    lines = [("TY", "GOVDOC"), *(("AU", author) for author in rec.authors), ("TI", rec.title)]
    if rec.pinpoint:
        lines.append(("SE", rec.pinpoint))
    if rec.version:
        lines.append(("ET", rec.version))
    lines += [("PY", str(rec.issued.year)), ("DA", rec.issued.strftime("%Y/%m/%d/"))]
    if rec.publisher:
        lines.append(("PB", rec.publisher))
    if rec.note:
        lines.append(("N1", rec.note))
    if rec.original_title:
        lines.append(("OP", rec.original_title))
    lines += [("LA", rec.lang), ("UR", rec.url), ("Y2", "{accessed:ris}"), ("ER", "")]
    return "\n".join(f"{tag}  - {_one_line(value)}".rstrip() + (" " if tag == "ER" else "") for tag, value in lines)


def csl(rec: CiteRecord, accessed: bool = True) -> dict:
    item: dict = {
        "id": rec.key,
        "type": "document",
        "title": rec.title,
        "author": [{"literal": author} for author in rec.authors],
        "issued": {"date-parts": [[rec.issued.year, rec.issued.month, rec.issued.day]]},
        "publisher": rec.publisher,
        "URL": rec.url,
        "version": rec.version,
        "language": "zh-Hans" if rec.lang == "zh" else "en",
    }
    if rec.pinpoint:
        item["section"] = rec.pinpoint
    if rec.translation:
        item["translator"] = [{"literal": rec.publisher}]
        item["original-title"] = rec.original_title
        item["original-date"] = item["issued"]
        item["genre"] = "Unofficial English translation"
    if rec.note:
        item["note"] = rec.note
    if accessed:
        item["accessed"] = {"date-parts": [["{accessed:year}", "{accessed:month}", "{accessed:day}"]]}
    return item


def coins(rec: CiteRecord) -> str:
    """A COinS context object (OpenURL 1.0 KEV) for the page's span.Z3988: what Zotero's COinS translator
    saves. Dublin Core format with rft.type "document" (Zotero's item type), the two states as corporate
    authors (rft.aucorp, never split into a person's names), the unit's permanent URL as identifier."""
    title = rec.title
    if rec.pinpoint:
        title += f"：{rec.pinpoint}" if rec.lang == "zh" else f", {rec.pinpoint}"
    pairs = [("url_ver", "Z39.88-2004"), ("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"),
             ("rft.type", "document"), ("rft.title", title), *(("rft.aucorp", author) for author in rec.authors),
             ("rft.date", rec.issued.isoformat()), ("rft.publisher", rec.publisher or ""),
             ("rft.identifier", rec.url), ("rft.language", "zh" if rec.lang == "zh" else "en")]
    if rec.note:
        pairs.append(("rft.description", f"{rec.note}; {rec.version_label}" if rec.version else rec.note))
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


def _en_date(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
