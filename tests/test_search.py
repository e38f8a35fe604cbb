"""Search lands on the clause, in the reader's language, in a real browser."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.conftest import ROOT

# (page the reader is on, what they type, the units any of which must come first)
QUERIES = [
    ("", "甲烷", {"p10", "p11"}),
    ("", "基加利", {"p13"}),
    ("", "基加利修正案", {"p13"}),
    ("", "损失和损害", {"p24-9"}),
    ("", "氢氟碳化物", {"p13"}),
    ("", "氧化亚氮", {"p12"}),
    ("", "二轨", {"p8"}),
    ("", "能效论坛", {"p7"}),
    ("", "碳捕集利用和封存", {"p9"}),
    ("", "封存", {"p9"}),
    ("", "塑料污染", {"p15"}),
    ("", "巴厘岛", {"preamble"}),
    ("", "早期预警系统", {"p24-7"}),
    ("", "对流层臭氧", {"p20"}),
    ("", "全球盘点", {"p23", "p24"}),
    ("", "CCUS", {"p9"}),
    ("", "HFC", {"p13"}),
    ("", "1.5", {"p2", "p21", "p23"}),
    ("", "ＣＯＰ２９", {"p24-8"}),
    ("", "二十国集团", {"p6"}),
    # jieba cuts 煤油气发电 as 煤油 (kerosene)/气/发电 unless taught the statement's words (data/search.yaml)
    ("", "油气", {"p6"}),
    ("", "煤", {"p6", "p24-5"}),
    ("", "发电", {"p6"}),
    ("", "三倍", {"p6"}),
    ("", "能效", {"p7", "p13"}),
    ("", "节能降碳", {"p7"}),
    ("", "能源政策和战略对话", {"p8"}),
    ("", "甲烷行动计划", {"p10", "p11"}),
    ("", "技术性工作组", {"p11"}),
    ("", "最低能效标准", {"p13"}),
    ("", "制冷设备", {"p13"}),
    ("", "资源利用效率", {"p14", "p4"}),
    ("", "循环经济", {"p14", "p4"}),
    ("", "国际文书", {"p15"}),
    ("", "海洋环境", {"p15"}),
    ("", "智库", {"p16"}),
    ("", "高级别活动", {"p17"}),
    ("", "2024年上半年", {"p17"}),
    ("", "非法进口", {"p19"}),
    ("", "森林减少", {"p19"}),
    ("", "挥发性有机物", {"p20"}),
    ("", "协同控制", {"p20"}),
    ("", "全经济范围", {"p21", "p24-6"}),
    ("", "阿拉伯联合酋长国", {"p22"}),
    ("", "非二氧化碳温室气体峰会", {"p22"}),
    ("", "回顾性和响应性", {"p24-3"}),
    ("", "碳汇", {"p24-5"}),
    ("", "全球适应目标", {"p24-7"}),
    ("", "气候资金", {"p24-8"}),
    ("", "适应资金", {"p24-8"}),
    ("", "过渡委员会", {"p24-9"}),
    ("", "气候韧性", {"p24-10"}),
    ("", "主席国", {"p25"}),
    ("", "格拉斯哥气候协议", {"p3"}),
    ("", "沙姆沙伊赫", {"p3"}),
    ("", "多边主义", {"p3"}),
    ("", "工作组", {"p4", "p5"}),
    ("", "解振华", {"preamble"}),
    ("", "约翰·克里", {"preamble"}),
    ("", "第六次评估报告", {"p2"}),
    ("", "共同但有区别的责任", {"p2"}),
    ("", "第四条", {"p21", "p24-6"}),
    ("en/", "methane", {"p10", "p11"}),
    ("en/", "Kigali", {"p13"}),
    ("en/", "loss and damage", {"p24-9"}),
    ("en/", "Track II", {"p8"}),
    ("en/", "nitrous oxide", {"p12"}),
    ("en/", "HFC", {"p13"}),
    ("en/", "CCUS", {"p9"}),
    ("en/", "plastic pollution", {"p15"}),
    ("en/", "triple", {"p6"}),
    ("en/", "plans", {"p10", "p11"}),
    ("en/", "forest loss", {"p19"}),
    ("en/", "early warning", {"p24-7"}),
    ("en/", "tropospheric ozone", {"p20"}),
    ("en/", "Energy Efficiency Forum", {"p7"}),
    ("en/", "2035", {"p21", "p11", "p24-6"}),
    ("en/", "COP29", {"p24-8"}),
    ("en/", "１．５", {"p2", "p21", "p23"}),
    ("en/", "损失和损害", {"p24-9"}),
    # a unit that holds every word of the query ranks above units matching one word in their section title
    ("en/", "efficiency forum", {"p7"}),
    ("en/", "oil and gas", {"p6", "p24-5"}),
    ("en/", "tripling", {"p6"}),
    ("en/", "power sector", {"p6"}),
    ("en/", "energy policy and strategy", {"p8"}),
    ("en/", "large-scale", {"p9"}),
    ("en/", "action plans", {"p10", "p11"}),
    ("en/", "technical working group", {"p11"}),
    ("en/", "minimum energy efficiency standards", {"p13"}),
    ("en/", "cooling equipment", {"p13"}),
    ("en/", "circular economy", {"p14", "p4"}),
    ("en/", "legally binding", {"p15"}),
    ("en/", "marine environment", {"p15"}),
    ("en/", "think tanks", {"p16"}),
    ("en/", "high-level event", {"p17"}),
    ("en/", "first half of 2024", {"p17"}),
    ("en/", "illegal imports", {"p19"}),
    ("en/", "volatile organic compounds", {"p20"}),
    ("en/", "synergistic control", {"p20"}),
    ("en/", "economy-wide", {"p21", "p24-6"}),
    ("en/", "United Arab Emirates", {"p22"}),
    ("en/", "global stocktake", {"p23", "p24"}),
    ("en/", "retrospective", {"p24-3"}),
    ("en/", "carbon sinks", {"p24-5"}),
    ("en/", "global goal on adaptation", {"p24-7"}),
    ("en/", "100 billion", {"p24-8"}),
    ("en/", "adaptation finance", {"p24-8"}),
    ("en/", "Transitional Committee", {"p24-9"}),
    ("en/", "climate-resilient", {"p24-10"}),
    ("en/", "UAE Presidency", {"p25"}),
    ("en/", "Glasgow Climate Pact", {"p3"}),
    ("en/", "Sharm el-Sheikh", {"p3"}),
    ("en/", "multilateralism", {"p3"}),
    ("en/", "Working Group", {"p4", "p5"}),
    ("en/", "Xie Zhenhua", {"preamble"}),
    ("en/", "Bali", {"preamble"}),
    ("en/", "Sixth Assessment Report", {"p2"}),
    ("en/", "common but differentiated", {"p2"}),
    ("en/", "Article 4", {"p21", "p24-6"}),
    ("en/", "subnational governments", {"p16"}),
    ("en/", "Track II activities", {"p8"}),
]


RESULT_LINKS = ".md-search-result__item > a.md-search-result__link:first-child"


def search(page, server: str, start: str, query: str) -> list[str]:
    page.goto(server + start)
    return searched(page, query)


def searched(page, query: str) -> list[str]:
    """The results' links for `query`, typed into the search box of the page open (any earlier query cleared)."""
    page.fill("input.md-search__input", "")
    page.wait_for_selector(".md-search-result__item", state="detached", timeout=5000)
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    page.wait_for_selector(".md-search-result__item", timeout=5000)
    return page.eval_on_selector_all(RESULT_LINKS, "links => links.map(link => link.href)")


@pytest.fixture(scope="module")
def search_page(browser, server):
    """One page per language, kept open across queries (the index is loaded once): where each query is typed."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pages = {}
    for start in ("", "en/"):
        pages[start] = context.new_page()
        pages[start].goto(server + start)
    yield pages
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("start, query, expected", QUERIES, ids=[f"{s or 'zh/'}{q}" for s, q, _ in QUERIES])
def test_first_result_is_the_clause_in_the_readers_language(search_page, server, statement, start, query, expected):
    lang = "en" if start else "zh"
    results = searched(search_page[start], query)
    permanent = {server + statement.unit_url(statement.unit(unit_id), lang) for unit_id in expected}
    assert results[0] in permanent, f"{query!r}: first result {results[0]}"
    for href in results:  # every result in the reader's language
        assert href.startswith(server + "en/") == (lang == "en"), f"{query!r}: {href} is in the other language"


@pytest.mark.browser
@pytest.mark.parametrize("start, query, unit_id", [("", "基加利", "p13"), ("en/", "Kigali", "p13")])
def test_the_index_entries_load_when_a_reader_first_searches_not_with_the_page(browser, server, statement, start,
                                                                              query, unit_id):
    """A page's first visit carries neither the index entries nor Material's search worker and its languages
    (issue #22's page budget); the first query fetches them, the entries once, and finds the clause."""
    context = browser.new_context()
    fetched: list[str] = []
    context.on("request", lambda request: fetched.append(request.url))
    page = context.new_page()
    page.goto(server + start)
    page.wait_for_load_state("networkidle")
    entries = server + start + "search/edition_index.json"
    assert server + start + "search/search_index.json" in fetched and entries not in fetched
    assert not [url for url in fetched if "/workers/search." in url or "/lunr/" in url]
    results = searched(page, query)
    assert results[0] == server + statement.unit_url(statement.unit(unit_id), "en" if start else "zh")
    searched(page, query[:-1])
    assert [url for url in fetched if "/workers/search." in url]
    assert fetched.count(entries) == 1 and not [url for url in fetched if url.endswith("edition_index.json")
                                                and url != entries]
    context.close()


# A clause of a section, a lettered item, the preamble, in both languages: following the first result opens
# the clause's permanent URL with the clause in view, below the header.
FOLLOWED = [("", "基加利", "p13"), ("", "气候韧性", "p24-10"), ("", "解振华", "preamble"),
            ("en/", "Kigali", "p13"), ("en/", "loss and damage", "p24-9")]


@pytest.mark.browser
@pytest.mark.parametrize("start, query, unit_id", FOLLOWED, ids=[f"{s or 'zh/'}{q}" for s, q, _ in FOLLOWED])
def test_following_the_first_result_opens_the_clause_in_view(page, server, statement, start, query, unit_id):
    results = search(page, server, start, query)
    assert results[0] == server + statement.unit_url(statement.unit(unit_id), "en" if start else "zh")
    page.click(".md-search-result__item:first-child > a.md-search-result__link:first-child")
    page.wait_for_url(results[0])
    box = page.evaluate("""id => { const b = document.getElementById(id).getBoundingClientRect();
        return {top: b.top, header: document.querySelector('.md-header').getBoundingClientRect().bottom,
                height: window.innerHeight}; }""", unit_id)
    assert box["header"] <= box["top"] < box["height"], f"{query!r}: #{unit_id} not in view: {box}"


def test_each_unit_is_one_entry_and_notes_are_not_indexed(site, statement):
    for lang, path in (("zh", "search/edition_index.json"), ("en", "en/search/edition_index.json")):
        index = json.loads((site / path).read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        units = [doc for doc in index["docs"] if "?u=" in doc["location"]]
        assert [doc["location"].rpartition("=")[2] for doc in units] == [unit.id for unit in statement.units()]
        everything = json.dumps(index, ensure_ascii=False).replace("\u200b", "")
        # The opening words of every note and explanation: a note indexed in part is found too.
        for note in statement.notes.values():
            assert note.text[lang][:40] not in everything, note.unit
        for term in statement.glossary:
            assert term.explanation[lang][:40] not in everything, term.key
        assert "<sup" not in everything  # no footnote marks


def test_a_dictionary_word_is_one_search_token_wherever_the_statement_uses_it(site, statement):
    """data/search.yaml names the words jieba must keep whole (the glossary's Chinese terms are kept whole
    too). Split as lunr splits it, by the index's own separator, the entry of every unit whose text holds
    such a word has it as one token, so that typing the word finds the unit (煤油气发电 must not be cut
    煤油/气/发电). The browser queries above show the same from the reader's side."""
    index = json.loads((site / "search/edition_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    entries = {doc["location"].rpartition("=")[2]: doc["text"] for doc in index["docs"] if "?u=" in doc["location"]}
    words = yaml.safe_load((ROOT / "data/search.yaml").read_text(encoding="utf-8"))["words"]
    words += [entry["zh"] for entry in yaml.safe_load((ROOT / "data/glossary.yaml").read_text(encoding="utf-8")).values()]
    used = set()
    for word in words:
        for unit in statement.units():
            if word in unit.text.zh:
                assert word in separator.split(entries[unit.id]), (word, unit.id)
                used.add(word)
    assert used == set(words)  # every word stands somewhere in the statement: nothing was checked in vain


# (page the reader is on, a phrase): lunr scores the words one by one, and a unit holding them apart ranked
# above the unit holding the phrase (地方气候行动: ¶4 above ¶17; energy efficiency: ¶4 above ¶13).
PHRASES = [("", "地方气候行动"), ("", "气候行动"), ("", "能源转型"),
           ("en/", "energy efficiency"), ("en/", "climate action"), ("en/", "energy transition")]


@pytest.mark.browser
@pytest.mark.parametrize("start, phrase", PHRASES, ids=[f"{s or 'zh/'}{p}" for s, p in PHRASES])
def test_units_holding_the_phrase_rank_above_units_holding_its_words_apart(search_page, server, statement, start,
                                                                          phrase):
    lang = "en" if start else "zh"
    units = {server + statement.unit_url(unit, lang): unit for unit in statement.units()}
    found = [units[href] for href in searched(search_page[start], phrase) if href in units]
    holding = [phrase.lower() in unit.display(lang).lower() for unit in found]
    assert any(holding) and not all(holding), f"{phrase!r}: {[unit.id for unit in found]}"
    order = [(unit.id, holds) for unit, holds in zip(found, holding, strict=True)]
    assert holding == sorted(holding, reverse=True), f"{phrase!r}: {order}"
