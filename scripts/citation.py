"""One citation record per unit and language, and every format generated from it.

The reader's access date is not known at build time (builds are reproducible): formats carry the
token `{accessed:FORM}`, which the page's script fills with today's date (`fill_accessed` does the
same for tests). FORM is `iso` (2026-11-25), `ris` (2026/11/25/) or `long` (November 25, 2026).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date

from scripts.model import Lang, Statement, Unit

EDITION = {"zh": "阳光之乡声明中英对照注释版", "en": "Sunnylands Statement annotated bilingual edition"}
AUTHORS = {"zh": ("中华人民共和国", "美利坚合众国"), "en": ("People's Republic of China", "United States of America")}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
ACCESSED = re.compile(r"\{accessed:(iso|ris|long)\}")
FORMATS = ("gbt7714-2025", "gbt7714-2015", "apa", "chicago-note", "chicago-bibliography", "bibtex", "ris",
           "csl-json")


@dataclass(frozen=True)
class CiteRecord:
    """What every format is made from: the statement, or one unit of it, in one language."""

    lang: Lang
    key: str  # sunnylands-2023-p6-en
    authors: tuple[str, ...]
    title: str
    pinpoint: str | None  # 第六条 / para. 6; None for the whole statement
    issued: date  # the date of the official text in the cited language's edition
    publisher: str
    place: str | None
    url: str
    translation: bool  # the English is this edition's unofficial translation
    version: str  # the edition's release the citation was made from
    original_title: str | None = None

    @property
    def version_label(self) -> str:
        """How a citation names the release in words: 1.0版 / version 1.0."""
        return f"{self.version}版" if self.lang == "zh" else f"version {self.version}"


def record(statement: Statement, lang: Lang, site_url: str, unit: Unit | None = None) -> CiteRecord:
    official = {text.lang: text for text in statement.source.official}
    path = statement.unit_url(unit, lang) if unit else statement.page("home").url[lang]
    pinpoint = None
    if unit is not None:
        pinpoint = unit.pinpoint.zh if lang == "zh" else unit.pinpoint.en.replace("¶", "para. ")
    # Cited in Chinese: the official text, published by the Ministry. Cited in English: this edition's
    # translation of that text, which carries the Chinese text's date.
    return CiteRecord(
        lang=lang, key=f"sunnylands-2023-{unit.id if unit else 'statement'}-{lang}", authors=AUTHORS[lang],
        title=statement.title[lang], pinpoint=pinpoint, issued=date.fromisoformat(official["zh"].date),
        publisher=official["zh"].publisher.zh if lang == "zh" else EDITION["en"],
        place="北京" if lang == "zh" else None, url=site_url.rstrip("/") + "/" + path, translation=lang == "en",
        version=statement.release.version, original_title=statement.title.zh if lang == "en" else None)


def quote_citation(rec: CiteRecord) -> str:
    """A quotation with its Chicago note, for the browser to fill: {quote}, {unit} (the pinpoint), {url} (the
    unit's permanent URL with a text fragment) and the access-date slot."""
    template = replace(rec, pinpoint="{unit}", url="{url}")
    open_quote, close_quote = ("“", "”")
    separator = "——" if rec.lang == "zh" else " — "
    return f"{open_quote}{{quote}}{close_quote}{separator}{chicago_note(template)}"


def fill_accessed(text: str, day: date) -> str:
    forms = {"iso": day.isoformat(), "ris": day.strftime("%Y/%m/%d/"),
             "long": f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"}
    return ACCESSED.sub(lambda match: forms[match[1]], text)


def citations(rec: CiteRecord) -> dict[str, str]:
    return {name: FORMATTERS[name](rec) for name in FORMATS}


# --- GB/T 7714 ------------------------------------------------------------------------------------

def gbt7714_2015(rec: CiteRecord) -> str:
    """[EB/OL] with publication and access dates; half-width punctuation throughout."""
    title = f"{rec.title}: {rec.pinpoint}" if rec.pinpoint else rec.title
    title += f"({rec.version_label})"
    publication = f"{rec.place}: {rec.publisher}, " if rec.place else f"{rec.publisher}, "
    return (f"{', '.join(rec.authors)}. {title}[EB/OL]. {publication}{rec.issued.isoformat()}"
            f"[{{accessed:iso}}]. {rec.url}.")


def gbt7714_2025(rec: CiteRecord) -> str:
    """As 2015, with the 2025 rule of full-width punctuation in entries written in Chinese."""
    if rec.lang != "zh":
        return gbt7714_2015(rec)
    title = f"{rec.title}：{rec.pinpoint}" if rec.pinpoint else rec.title
    title += f"（{rec.version_label}）"
    return (f"{'，'.join(rec.authors)}．{title}[EB/OL]．{rec.place}：{rec.publisher}，{rec.issued.isoformat()}"
            f"[{{accessed:iso}}]．{rec.url}")


# --- APA 7 and Chicago 17 ---------------------------------------------------------------------------

def apa(rec: CiteRecord) -> str:
    """Reference-list entry, then the in-text citation with its pinpoint."""
    if rec.lang == "zh":
        authors = "、".join(rec.authors)
        issued = f"{rec.issued.year}年{rec.issued.month}月{rec.issued.day}日"
        entry = f"{authors}. ({issued}). {rec.title}（{rec.version_label}）. {rec.publisher}. {rec.url}"
        in_text = f"（{'和'.join(rec.authors)}，{rec.issued.year}，{rec.pinpoint}）" if rec.pinpoint else \
            f"（{'和'.join(rec.authors)}，{rec.issued.year}）"
        return f"{entry}\n{in_text}"
    authors = ", & ".join(rec.authors)
    issued = f"{rec.issued.year}, {_MONTHS[rec.issued.month - 1]} {rec.issued.day}"
    entry = (f"{authors}. ({issued}). {_sentence_case(rec.title)} (Version {rec.version}) "
             f"[Unofficial English translation of "
             f"{rec.original_title}]. {rec.publisher}. {rec.url}")
    locator = f", {rec.pinpoint}" if rec.pinpoint else ""
    return f"{entry}\n({' & '.join(rec.authors)}, {rec.issued.year}{locator})"


def chicago_note(rec: CiteRecord) -> str:
    if rec.lang == "zh":
        pinpoint = f"，{rec.pinpoint}" if rec.pinpoint else ""
        return (f"{'、'.join(rec.authors)}：《{rec.title}》，{rec.version_label}，{rec.publisher}，"
                f"{_zh_date(rec.issued)}{pinpoint}，"
                f"{rec.url}（{{accessed:iso}}访问）。")
    pinpoint = f", {rec.pinpoint}" if rec.pinpoint else ""
    return (f"{' and '.join(rec.authors)}, “{rec.title},” unofficial English translation, {rec.version_label}, "
            f"{rec.publisher}, "
            f"{_en_date(rec.issued)}{pinpoint}, accessed {{accessed:long}}, {rec.url}.")


def chicago_bibliography(rec: CiteRecord) -> str:
    if rec.lang == "zh":
        return (f"{'、'.join(rec.authors)}. 《{rec.title}》. {rec.version_label}. {rec.publisher}, "
                f"{_zh_date(rec.issued)}. "
                f"{{accessed:iso}}访问. {rec.url}.")
    return (f"{' and '.join(rec.authors)}. “{rec.title}.” Unofficial English translation, {rec.version_label}. "
            f"{rec.publisher}, "
            f"{_en_date(rec.issued)}. Accessed {{accessed:long}}. {rec.url}.")


# --- machine formats ---------------------------------------------------------------------------------

def bibtex(rec: CiteRecord) -> str:
    fields = [
        ("author", " and ".join(f"{{{_tex(author)}}}" for author in rec.authors)),
        ("title", f"{{{_tex(rec.title)}}}"),
        ("version", rec.version),
        ("date", rec.issued.isoformat()),
        ("year", str(rec.issued.year)),
        ("publisher", _tex(rec.publisher)),
    ]
    if rec.pinpoint:
        fields.append(("note", _tex(rec.pinpoint + ("" if rec.lang == "zh" else ". Unofficial English translation"))))
    elif rec.translation:
        fields.append(("note", "Unofficial English translation"))
    fields += [("language", "chinese" if rec.lang == "zh" else "english"), ("url", rec.url),
               ("urldate", "{accessed:iso}")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{rec.key},\n{body}\n}}"


def ris(rec: CiteRecord) -> str:
    lines = [("TY", "GOVDOC"), *(("AU", author) for author in rec.authors), ("TI", rec.title)]
    if rec.pinpoint:
        lines.append(("SE", rec.pinpoint))
    lines.append(("ET", rec.version))
    lines += [("PY", str(rec.issued.year)), ("DA", rec.issued.strftime("%Y/%m/%d/")), ("PB", rec.publisher)]
    if rec.place:
        lines.append(("CY", rec.place))
    if rec.translation:
        lines.append(("N1", f"Unofficial English translation of {rec.original_title}"))
    lines += [("LA", rec.lang), ("UR", rec.url), ("Y2", "{accessed:ris}"), ("ER", "")]
    return "\n".join(f"{tag}  - {_one_line(value)}".rstrip() + (" " if tag == "ER" else "") for tag, value in lines)


def csl(rec: CiteRecord, accessed: bool = True) -> dict:
    item = {
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
    if rec.place:
        item["publisher-place"] = rec.place
    if rec.pinpoint:
        item["section"] = rec.pinpoint
    if rec.translation:
        item["original-title"] = rec.original_title
        item["note"] = "Unofficial English translation of the Chinese text"
    if accessed:
        item["accessed"] = {"raw": "{accessed:iso}"}
    return item


def csl_json(rec: CiteRecord) -> str:
    return json.dumps([csl(rec)], ensure_ascii=False, indent=2)


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
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"
