"""Notes, footnotes, cross-references, references and glossary: the edition's own layer, kept apart."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import yaml

from tests.conftest import ROOT
from tests.page_html import attr, one, soup


def footnotes_of(document) -> dict[int, tuple[str, str]]:
    """Footnote number → (reference key, wording) as the page shows them."""
    notes = {}
    for item in document.select(".edition-footnotes li"):
        number = int(item["id"].removeprefix("fn:"))
        key = item.select_one("a.edition-reference-link")["href"].rpartition("#ref-")[2]
        wording = "".join(piece for piece in item.p.find_all(string=True) if not piece.find_parent(_footnote_link))
        notes[number] = (key, " ".join(wording.split()))
    return notes


def _footnote_link(tag) -> bool:
    """The links a footnote adds to the reference's wording: to its register entry, back to the text."""
    return tag.name == "a" and bool({"edition-reference-link", "footnote-backref"} & set(tag.get("class", [])))


def cited_keys(document, unit_id: str) -> list[str]:
    """The references a unit's text cites on a page, read from its footnote marks."""
    notes = footnotes_of(document)
    body = document.find(id=unit_id).select_one(".edition-body")
    return [notes[int(ref.a.get_text())][0] for ref in body.select("sup.edition-fnref")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_footnotes_are_numbered_in_order_of_first_citation(site, statement, lang):
    for page in statement.pages:
        if page.kind not in ("section", "full_text", "parallel"):
            continue
        document = soup(site, page.url[lang])
        numbers = [int(one(ref, "a").get_text()) for ref in document.select("sup.edition-fnref")]
        first_seen = list(dict.fromkeys(numbers))
        assert first_seen == list(range(1, len(first_seen) + 1)), page.url[lang]
        assert sorted(footnotes_of(document)) == first_seen, page.url[lang]
        for ref in document.select("sup.edition-fnref"):  # every mark has its way back
            assert document.select_one(f'a.footnote-backref[href="#{ref["id"]}"]'), ref["id"]


def register() -> dict:
    """data/references.yaml as plain YAML, read without the edition's code."""
    return yaml.safe_load((ROOT / "data/references.yaml").read_text(encoding="utf-8"))


def test_footnote_wording_in_both_languages(site, statement):
    """A footnote reads: title, date, issuing body, then its address and where the facts come from, each
    language with its own punctuation. Oracle: the register's fields, and the dates written out by hand
    (2023-12-02 is 2023年12月2日 and 2 December 2023; 2016-10-15 is 15 October 2016)."""
    zh = {key: wording for key, wording in footnotes_of(soup(site, "cop28/")).values()}
    en = {key: wording for key, wording in footnotes_of(soup(site, "en/cop28/")).values()}
    summit = register()["methane-summit-cop28"]
    assert summit["date"].isoformat() == "2023-12-02"
    assert zh["methane-summit-cop28"] == (f"{summit['title']['zh']}，2023年12月2日，{summit['body']['zh']}。"
                                          f"来源：{summit['source']['zh']}。")
    assert en["methane-summit-cop28"] == (f"{summit['title']['en']}, 2 December 2023, {summit['body']['en']}. "
                                          f"Source: {summit['source']['en']}.").replace("'", "’")
    kigali = register()["kigali-amendment"]
    assert kigali["date"].isoformat() == "2016-10-15" and kigali["url_verified"] is True
    shown = {key: wording for key, wording in footnotes_of(soup(site, "en/methane/")).values()}["kigali-amendment"]
    # the register's apostrophes (Party's) set typographic on the page (Party’s), as in the PDFs
    assert shown == (f"{kigali['title']['en']}, 15 October 2016, {kigali['body']['en']}. {kigali['url']}. "
                     f"Source: {kigali['source']['en']}.").replace("'", "’")
    # In Chinese no mark touches an address, so that a copied address takes none with it: 来源 begins a line
    # of its own (test_an_address_ends_its_sentence_before_the_source), and a source that ends with an address
    # ends there.
    shown = {key: wording for key, wording in footnotes_of(soup(site, "methane/")).values()}["kigali-amendment"]
    assert kigali["source"]["zh"].endswith(".html")
    assert shown == (f"{kigali['title']['zh']}，2016年10月15日，{kigali['body']['zh']}。{kigali['url']}"
                     f"来源：{kigali['source']['zh']}")
    # An address the edition could not confirm says so, in each language's own punctuation.
    entries = register()
    # only an address marked `url_verified: true` counts as confirmed
    assert any(entry.get("url") and entry.get("url_verified") is not True for entry in entries.values())
    for section in statement.sections:
        for lang, marker in (("zh", "（网址未经核实）"), ("en", " (address unverified)")):
            for key, wording in footnotes_of(soup(site, statement.page(section.id).url[lang])).values():
                if entries[key].get("url"):
                    assert (marker in wording) == (entries[key].get("url_verified") is not True), (lang, key, wording)
                    if lang == "zh":  # said before the address, never glued after it
                        assert re.search(r"https?://[!-~]+[（。]", wording) is None, (key, wording)


class _AfterAddress(HTMLParser):
    """A footnote's reference address (its first `a.edition-source-link`) and what follows it up to the source
    ("Source"/"来源"), read with the standard library's parser: the link's address, the text after the link, and
    whether a line break stands there."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.notes: list[dict] = []
        self.depth = 0  # inside a footnote's <li>, how many elements deep
        self.state = ""  # "", "link" (inside the address's link), "after" (after it), "done"
        self.link_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "li" and (attributes.get("id") or "").startswith("fn:"):
            self.notes.append({"href": None, "after": "", "breaks": 0})
            self.depth, self.state = 1, ""
            return
        if not self.depth:
            return
        self.depth += tag not in ("br", "wbr")
        note = self.notes[-1]
        if tag == "a" and "edition-source-link" in (attributes.get("class") or "").split() and not self.state:
            note["href"], self.state, self.link_depth = attributes["href"], "link", self.depth
        elif tag == "br" and self.state == "after":
            note["breaks"] += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)  # <br/>: opens nothing

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag == "a" and self.state == "link" and self.depth == self.link_depth:
            self.state = "after"
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and self.state == "after":
            note = self.notes[-1]
            for word in ("Source:", "来源："):
                if word in data:
                    note["after"] += data.partition(word)[0]
                    note["source"] = True
                    self.state = "done"
                    return
            note["after"] += data


def test_an_address_ends_its_sentence_before_the_source(site):
    """D3: the source never runs on from the reference's address. In English the address's sentence ends with
    a full stop (after "(address unverified)" where it stands) that is not part of the link's address; in
    Chinese no mark follows the address (the references page: 网址后不加标点), and 来源 begins a new line.
    Oracle: every built page read with html.parser, and the text between the link and the source's label."""
    checked = {"zh": 0, "en": 0}
    for file in sorted(site.rglob("index.html")):
        parser = _AfterAddress()
        parser.feed(file.read_text(encoding="utf-8"))
        lang = "en" if file.relative_to(site).parts[0] == "en" else "zh"
        for note in parser.notes:
            if not note["href"] or not note.get("source"):
                continue
            checked[lang] += 1
            assert not note["href"].endswith("."), (file, note)
            if lang == "en":
                assert note["after"] in (". ", " (address unverified). "), (file, note)
            else:
                assert note["after"] == "" and note["breaks"] == 1, (file, note)
    assert checked["zh"] >= 10 and checked["en"] >= 10, checked  # each page with such a footnote, both languages


def test_same_reference_same_wording_everywhere(site, statement):
    wordings: dict[tuple[str, str], set[str]] = {}
    for page in statement.pages:
        for lang in ("zh", "en"):
            for key, wording in footnotes_of(soup(site, page.url[lang])).values():
                wordings.setdefault((key, lang), set()).add(wording)
    assert wordings and all(len(found) == 1 for found in wordings.values())


def test_every_citing_unit_shows_its_references_in_both_languages(site, statement):
    for unit in statement.units():
        if not unit.references:
            continue
        for lang in ("zh", "en"):
            document = soup(site, statement.unit_url(unit, lang))
            assert set(cited_keys(document, unit.id)) == set(unit.references), (unit.id, lang)


def test_references_page_lists_exactly_the_citing_units(site, statement):
    for lang in ("zh", "en"):
        citing: dict[str, set[str]] = {}
        for section in statement.sections:  # read the citations off the section pages themselves
            document = soup(site, statement.page(section.id).url[lang])
            for unit in document.select("[data-unit]"):
                for key in cited_keys(document, attr(unit, "data-unit")):
                    citing.setdefault(key, set()).add(attr(unit, "data-unit"))
        page = soup(site, statement.page("references").url[lang])
        listed = {entry["data-reference"]: {a["data-unit-link"] for a in entry.select("a[data-unit-link]")}
                  for entry in page.select(".edition-reference")}
        assert {key: units for key, units in listed.items() if units} == citing
        assert set(listed) == {ref.key for ref in statement.references}


# GB/T 7714—2025's own example of an online document, element by element:
#   许振超. “好好干，当一个好工人”[EB/OL]. （2025-02-17）[2025-06-22]. http://…
# responsible body, full stop; title with its type mark; the date in full-width parentheses; the address.
# The edition records no access date per address, so the [date of citation] element is left out (the page
# says so); a document without an address is [Z], dated the same way after its title. Several authors are
# separated by full-width commas, with no conjunction. The full stops and square brackets are half-width,
# the other marks full-width, as the standard's examples set them.
_GBT_ONLINE = re.compile(r"(?P<body>.+?)\. (?P<title>.+)\[EB/OL\]\. （(?P<date>[0-9-]+)）\. (?P<url>\S+)\.")
_GBT_OTHER = re.compile(r"(?P<body>.+?)\. (?P<title>.+)\[Z\]\. （(?P<date>[0-9-]+)）\.")


def test_chinese_references_page_is_in_gbt_7714_form(site):
    entries = register()
    page = soup(site, "references/")
    shown = {entry["data-reference"]: one(entry, ".edition-gbt").get_text()
             for entry in page.select(".edition-reference")}
    flagged = {entry["data-reference"] for entry in page.select(".edition-reference")
               if entry.select(".edition-unverified")}
    assert set(shown) == set(entries)
    for key, text in shown.items():
        entry = entries[key]
        match = (_GBT_ONLINE if entry.get("url") else _GBT_OTHER).fullmatch(text)
        assert match, (key, text)
        assert match["body"] == entry["body"]["zh"]
        assert "、" not in match["body"] and not re.search(r"[,:()]", match["body"]), (key, text)
        assert match["date"] == str(entry["date"]).partition("/")[0]
        # Titles as published: only the outer 书名号 of a title that is one document's name go.
        assert match["title"].replace("《", "").replace("》", "").replace("〈", "").replace("〉", "") == \
            entry["title"]["zh"].replace("《", "").replace("》", "").replace("〈", "").replace("〉", ""), (key, text)
        if entry.get("url"):
            assert match["url"] == entry["url"]
        assert (key in flagged) == bool(entry.get("url") and entry.get("url_verified") is not True), key
    # Titles by hand: a nested document name keeps its marks as 《》; a title with no marks is as written,
    # its author's name not dropped.
    titles = {key: match["title"] for key, text in shown.items() if (match := _GBT_ONLINE.fullmatch(text))}
    assert titles["kigali-amendment"] == "《关于消耗臭氧层物质的蒙特利尔议定书》基加利修正案"
    assert titles["global-stocktake"] == "首次全球盘点成果（第1/CMA.5号决定）"
    assert titles["bali-meeting"] == "习近平主席与拜登总统巴厘岛会晤"
    assert titles["paris-art2"] == "《巴黎协定》第二条"
    assert titles["cop28"] == "《联合国气候变化框架公约》第二十八次缔约方大会（COP28）"
    assert titles["us-senate-kigali-2022"] == "美国参议院表决同意批准《基加利修正案》"
    assert titles["ipcc-ar6"].startswith("政府间气候变化专门委员会（IPCC）")
    assert shown["usd-100bn"] == "发达国家. 每年共同动员1000亿美元用于发展中国家气候行动的目标[Z]. （2009）."
    assert shown["methane-summit-cop28"].startswith("中国，美国，阿拉伯联合酋长国. COP28甲烷")


def test_links_from_reference_to_clause_and_back(site, statement):
    page = soup(site, "en/references/")
    link = one(page, '#ref-kigali-amendment + .edition-reference a[data-unit-link="p13"]')
    assert link["href"] == "../methane/#p13"
    methane = soup(site, "en/methane/")
    number = attr(one(methane, "#p13 sup.edition-fnref a"), "href")
    footnote = one(methane, f"{number.replace(':', chr(92) + ':')} a.edition-reference-link")
    assert footnote["href"] == "../references/#ref-kigali-amendment"


def shared_topics_from_the_sources() -> dict[str, set[str]]:
    """For each unit, the other units it shares a reference or a term of art with, read here from the sources
    without the loader: the `[@key]` marks on its line in docs/zh/, and the Chinese terms of
    data/glossary.yaml that line holds. A clause and its own items (p24, p24-3) are one family."""
    glossary = yaml.safe_load((ROOT / "data/glossary.yaml").read_text(encoding="utf-8"))
    topics = {}
    for path in (ROOT / "docs/zh").glob("*.md"):
        for unit_id, line in re.findall(r"^\{#([\w-]+)\} (.*)$", path.read_text(encoding="utf-8"), re.M):
            words = re.sub(r"\[@[\w-]+\]", "", line)
            topics[unit_id] = set(re.findall(r"\[@([\w-]+)\]", line)) | {key for key, term in glossary.items()
                                                                         if term["zh"] in words}
    return {unit_id: {other for other in topics if other.partition("-")[0] != unit_id.partition("-")[0]
                      and topics[unit_id] & topics[other]} for unit_id in topics}


def test_see_also_joins_exactly_the_units_that_share_a_reference_or_a_term(site, statement, statement_json):
    expected = shared_topics_from_the_sources()
    assert len(expected) == len(list(statement.units())) and any(expected.values())
    for lang in ("zh", "en"):
        document = soup(site, statement.page("full_text").url[lang])
        for unit in document.select("[data-unit]"):
            shown = {attr(a, "href").rpartition("#")[2] for a in unit.select(".edition-seealso a")
                     if a.find_parent(attrs={"data-unit": True}) is unit}  # its own, not its items'
            assert shown == expected[attr(unit, "data-unit")], (lang, unit["data-unit"])
    units = [statement_json["preamble"], *statement_json["clauses"],
             *(item for clause in statement_json["clauses"] for item in clause.get("items", []))]
    assert {unit["id"]: set(unit["see_also"]) for unit in units} == expected
    # By hand, on ¶21's page, in reading order: ¶11 also says 国家自主贡献 (NDC); ¶23 also says 温控目标
    # (temperature goal); item 6 of ¶24 also cites Article 4.4 of the Paris Agreement and says 国家自主贡献.
    document = soup(site, "en/ndcs-2035/")
    in_order = [a["href"] for a in document.select("#p21 .edition-seealso a")]
    assert in_order == ["../methane/#p11", "../cop28/#p23", "../cop28/#p24-6"]


def test_notes_never_enter_the_statements_text(site, statement, statement_json):
    """A note stands beside its unit, kept out of search, and none of it is in the unit's text: not in
    anything the text's element holds (the edition's marks included). That the text itself is the
    statement's is shown against the sources (test_chinese_text, test_statement_json)."""
    for unit in statement.units():
        if unit.id not in statement.notes:
            continue
        for lang in ("zh", "en"):
            document = soup(site, statement.unit_url(unit, lang))
            element = one(document, f"#{unit.id}")
            notes = [note for note in element.select(".edition-note")
                     if note.find_parent(attrs={"data-unit": True}) is element]  # its own, not its items'
            assert len(notes) == 1, (unit.id, lang)
            assert notes[0].find_parent(attrs={"data-search-exclude": True}), (unit.id, lang)  # out of search
            opening = notes[0].get_text()[:20]
            assert opening and opening not in one(element, ".edition-body").get_text(), (unit.id, lang)
    for clause in statement_json["clauses"]:
        for record in [clause, *clause.get("items", [])]:
            for lang in ("zh", "en"):
                assert "[@" not in record[lang]
                if record["notes"]:
                    assert record["notes"][lang][:20] not in record[lang]


def test_glossary_page_is_complete_and_terms_are_explained_where_they_stand(site, statement):
    for lang in ("zh", "en"):
        page = soup(site, statement.page("glossary").url[lang])
        rows = {attr(row, "id").removeprefix("term-"): row for row in page.select("tr[id]")}
        assert list(rows) == [term.key for term in statement.glossary]
        for term in statement.glossary:
            assert one(rows[term.key], "th").get_text() == term[lang]
            assert rows[term.key].select("a"), f"{term.key} links to no unit"
    document = soup(site, "en/ndcs-2035/")
    term = one(document, "#p21 a.edition-term")
    assert term.get_text() == "nationally determined contributions"  # ¶21's first term in docs/en/ndcs-2035.md
    assert one(document, "#" + attr(term, "aria-describedby")).get_text() == statement.term("ndc").explanation.en


def test_statement_json_has_references_notes_and_pages(statement_json):
    # By hand from the sources: only ¶13's line cites [@kigali-amendment], its note opens with the
    # Amendment's name, and 国家自主贡献 stands in ¶11, ¶21 and item 6 of ¶24 of data/authority.zh.md.
    assert set(statement_json["pages"]) >= {"references", "glossary"}
    assert statement_json["clauses"][12]["references"] == ["kigali-amendment"]
    assert statement_json["references"]["kigali-amendment"]["cited_by"] == ["p13"]
    assert re.match(r"^《基加利修正案》", statement_json["clauses"][12]["notes"]["zh"])
    assert statement_json["glossary"]["ndc"]["units"] == ["p11", "p21", "p24-6"]


@pytest.mark.browser
def test_glossary_explanation_on_focus_and_hover(page, server, statement):
    page.goto(server + "en/ndcs-2035/")
    term = page.locator("#p21 a.edition-term").first
    tip = page.locator("#tip-ndc")
    assert not tip.is_visible()
    term.focus()
    assert tip.is_visible() and tip.inner_text() == statement.term("ndc").explanation.en
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    term.hover()
    assert tip.is_visible()
    box, tip_box = term.bounding_box(), tip.bounding_box()
    assert tip_box["y"] >= box["y"] + box["height"]  # below the term, not over it


@pytest.mark.browser
def test_footnote_tooltip_shows_the_reference(page, server):
    """Hovering a footnote mark shows, in Material's tooltip, the footnote it stands for: the Kigali
    Amendment's entry (title and date as data/references.yaml gives them, the date written out by hand)."""
    page.goto(server + "en/methane/")
    mark = page.locator("#p13 .edition-body sup.edition-fnref a").first
    footnote = page.locator(f'[id="{mark.get_attribute("href").removeprefix("#")}"]')
    tooltip = page.locator(".md-tooltip2--active")
    assert tooltip.count() == 0
    mark.hover()
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text() == footnote.inner_text()
    assert tooltip.inner_text().startswith(f"{register()['kigali-amendment']['title']['en']}, 15 October 2016, ")
