"""Citations checked against independent oracles: the standards' own examples (GB/T 7714), the official CSL
styles run by citeproc-py (APA, Chicago), rispy and bibtexparser (RIS, BibTeX), extruct (page metadata) and
Zotero's own OpenURL parser (COinS), so that a record reads right where readers take it."""

from __future__ import annotations

import json
import re
from datetime import date

import bibtexparser
import pytest
import rispy

from scripts.generators.citation import CiteRecord, citations, fill_accessed, gbt7714_2015, gbt7714_2025, record

SITE = "https://sunnylands-statement.example/"
DAY = date(2026, 11, 25)


def formats(statement, lang, unit_id=None):
    unit = statement.unit(unit_id) if unit_id else None
    return {name: fill_accessed(text, DAY) for name, text in citations(record(statement, lang, SITE, unit)).items()}


# --- GB/T 7714: the standards' own examples, reproduced from their data --------------------------------

def test_gbt7714_2015_reproduces_the_standards_example():
    """GB/T 7714-2015's example of an online document ([EB/OL]):
    萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. http://www.creader.com/news/20011219/200112190019.html."""
    rec = CiteRecord(lang="zh", key="x", authors=("萧钰",), title="出版业信息化迈入快车道", pinpoint=None,
                     issued=date(2001, 12, 19), url="http://www.creader.com/news/20011219/200112190019.html")
    assert fill_accessed(gbt7714_2015(rec), date(2002, 4, 15)) == (
        "萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. "
        "http://www.creader.com/news/20011219/200112190019.html.")


@pytest.mark.parametrize("authors, title, issued, accessed, url, expected", [
    # GB/T 7714—2025's examples of online documents, as the zotero-chinese/styles project renders the
    # standard's test items (GB-T-7714—2025（顺序编码，双语）, items 164 and 165).
    (("许振超",), "“好好干，当一个好工人”", date(2025, 2, 17), date(2025, 6, 22),
     "https://cpc.people.com.cn/n1/2025/0217/c443712-40419790.html",
     "许振超. “好好干，当一个好工人”[EB/OL]. （2025-02-17）[2025-06-22]. "
     "https://cpc.people.com.cn/n1/2025/0217/c443712-40419790.html."),
    (("António M", "Pepper L"), "Histórias de Portugal: livros caídos", date(2019, 7, 13), date(2025, 1, 2),
     "https://arquivo.pt/wayback/20190905210731/http://publico.pt/2019/07/13/sociedade/noticia/"
     "podcast-historias-portugal-cuidadores-1879731",
     "António M，Pepper L. Histórias de Portugal: livros caídos[EB/OL]. （2019-07-13）[2025-01-02]. "
     "https://arquivo.pt/wayback/20190905210731/http://publico.pt/2019/07/13/sociedade/noticia/"
     "podcast-historias-portugal-cuidadores-1879731."),
])
def test_gbt7714_2025_reproduces_the_standards_examples(authors, title, issued, accessed, url, expected):
    rec = CiteRecord(lang="zh", key="x", authors=authors, title=title, pinpoint=None, issued=issued, url=url)
    assert fill_accessed(gbt7714_2025(rec), accessed) == expected


def test_gbt7714_entries_of_the_edition_follow_that_pattern(statement):
    """The edition's own entries: the examples' pattern, with the pinpoint after the title, the release as
    the edition statement after the type mark, written as the standard writes a Chinese edition (2版) in
    both tabs, and the edition as publisher, the element the standard's form for [EB/OL] puts before the
    date (出版地: 出版者, 出版年(更新或修改日期)); a web site has no place."""
    v = statement.release.version
    zh = formats(statement, "zh", "p6")
    assert zh["gbt7714-2025"] == (f"中华人民共和国，美利坚合众国. 关于加强合作应对气候危机的阳光之乡声明：第六条[EB/OL]. "
                                  f"{v}版. 阳光之乡声明中英对照注释版. （2023-11-15）[2026-11-25]. {SITE}energy-transition/#p6.")
    assert zh["gbt7714-2015"] == (f"中华人民共和国, 美利坚合众国. 关于加强合作应对气候危机的阳光之乡声明: 第六条[EB/OL]. "
                                  f"{v}版. 阳光之乡声明中英对照注释版. (2023-11-15)[2026-11-25]. {SITE}energy-transition/#p6.")
    # The edition publishes what it serves: neither the Ministry nor Beijing stands as publisher or place;
    # the Ministry's release is provenance, in the record's note.
    for name, text in zh.items():
        assert "北京" not in text, name
        if name not in ("ris", "csl-json"):
            assert "生态环境部" not in text, name
    assert rispy.loads(zh["ris"])[0]["publisher"] == "阳光之乡声明中英对照注释版"
    assert "生态环境部" in rispy.loads(zh["ris"])[0]["notes"][0]


def test_chinese_apa_and_chicago_keep_one_system(statement):
    cited = formats(statement, "zh", "p6")
    entry, in_text = cited["apa"].split("\n")
    assert "、" in entry and "、" in in_text and "和美利坚" not in entry + in_text  # one joiner
    assert not re.search(r"[，。：（）]", entry)  # one punctuation system: half-width throughout
    assert "2023年" not in entry  # one date form
    note = cited["chicago-note"]
    assert not re.search(r"[,;:()]\s", note)  # full-width throughout
    assert note.index("访问") < note.index("https://")  # accessed before the address, as Chicago places it
    assert not re.search(r"\d{4}-\d{2}-\d{2}", note) and note.count("日") == 2  # its two dates in one form
    assert not note.endswith("。")  # no full stop glued to the address


# --- RIS and BibTeX: as other parsers read them ---------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ris_parses_with_rispy(statement, lang):
    rec = record(statement, lang, SITE, statement.unit("p13"))
    entry, = rispy.loads(formats(statement, lang, "p13")["ris"])
    assert entry["authors"] == list(rec.authors)
    assert entry["title"].startswith(rec.title) and entry["title"].endswith(rec.pinpoint or "")  # SE is dropped by Zotero
    assert entry["urls"] == [rec.url]
    assert entry["edition"] == rec.version and entry["publisher"] == rec.publisher
    assert entry["access_date"] == "2026/11/25/" and entry["date"] == rec.issued.strftime("%Y/%m/%d/")
    assert rec.version_label in entry["notes"][0]  # the release survives Zotero's import as a note
    if lang == "en":
        assert entry["subsidiary_authors"] == [rec.translator]  # A4: Zotero's RIS.js imports it as translator


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bibtex_parses_with_bibtexparser(statement, lang):
    rec = record(statement, lang, SITE, statement.unit("p6"))
    assert rec.publisher
    library = bibtexparser.parse_string(formats(statement, lang, "p6")["bibtex"])
    assert not library.failed_blocks
    entry, = library.entries
    fields = {field.key: field.value for field in entry.fields}
    assert entry.entry_type == "online" and entry.key == rec.key
    assert fields["author"] == " and ".join(f"{{{author}}}" for author in rec.authors)  # corporate: braced
    assert fields["version"] == rec.version
    # biblatex's langid names a babel/polyglossia language it localises: English; it has no Chinese module.
    assert fields.get("langid") == (None if lang == "zh" else "english") and "language" not in fields
    # The edition once (biblatex printed organization and howpublished both), with the release.
    assert "organization" not in fields and fields["howpublished"] == f"{rec.publisher}, {rec.version_label}"
    if lang == "en":  # translated by the edition; no origtitle, which biblatex-apa shows as the work's title
        assert fields["translator"] == f"{{{rec.publisher}}}" and "origtitle" not in fields


def test_csl_json_of_the_translation_names_its_translator_and_original(statement):
    item = json.loads(fill_accessed(formats(statement, "en", "p6")["csl-json"], DAY))[0]
    assert item["translator"] == [{"literal": record(statement, "en", SITE).publisher}]
    released = date.fromisoformat(statement.release.date)
    # The original's date is the original's; the translation's is its release (citeproc printed 2023/2023).
    assert item["original-date"] == {"date-parts": [[2023, 11, 15]]}
    assert item["issued"] == {"date-parts": [[released.year, released.month, released.day]]}
    assert item["accessed"] == {"date-parts": [[2026, 11, 25]]}
    assert item["original-title"] == statement.title.zh


# --- page metadata: as harvesters and reference managers read it -----------------------------------------

@pytest.mark.parametrize("url", ["energy-transition/", "en/energy-transition/"])
def test_page_metadata_as_extruct_reads_it(site, statement, url):
    import extruct
    html = (site / url / "index.html").read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=SITE + url, syntaxes=["opengraph", "json-ld", "dublincore"], uniform=True)
    og = data["opengraph"][0]
    assert og["@type"] == "website"  # not "article", which reference managers take for a journal article
    dublin_core = {element["name"]: element["content"] for element in data["dublincore"][0]["elements"]}
    assert dublin_core["DC.publisher"] == record(statement, "en" if url.startswith("en/") else "zh", SITE).publisher
    ld, = data["json-ld"]
    # The test build knows no address: the ids are relative to the page, never a made-up host.
    assert ld["@type"] == "Legislation" and ld["@id"].endswith("#statement") and "//" not in ld["@id"]
    passed_by = ld["legislationPassedBy"]
    assert [party["@type"] for party in passed_by] == ["Organization", "Organization"]
    assert [part["isPartOf"]["@id"] for part in ld["hasPart"]] == [ld["@id"]] * len(ld["hasPart"])
    if url.startswith("en/"):
        assert ld["translationOfWork"]["url"] == "../../" and ld["translator"]["@type"] == "Organization"
    else:
        assert ld["workTranslation"]["url"] == "../en/"
