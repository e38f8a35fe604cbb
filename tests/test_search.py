"""Search lands on the clause, in the reader's language, in a real browser."""

from __future__ import annotations

import json

import pytest

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
]


def search(page, server: str, start: str, query: str) -> list[str]:
    page.goto(server + start)
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    page.wait_for_selector(".md-search-result__item", timeout=5000)
    return page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link:first-child",
                                     "links => links.map(link => link.href)")


def test_query_set_is_half_chinese_half_english():
    chinese = [q for start, q, _ in QUERIES if start == ""]
    english = [q for start, q, _ in QUERIES if start == "en/"]
    assert len(QUERIES) >= 30 and len(chinese) >= 15 and len(english) >= 15


@pytest.mark.browser
@pytest.mark.parametrize("start, query, expected", QUERIES, ids=[f"{s or 'zh/'}{q}" for s, q, _ in QUERIES])
def test_first_result_opens_the_clause_in_view(page, server, statement, start, query, expected):
    lang = "en" if start else "zh"
    results = search(page, server, start, query)
    permanent = {server + statement.unit_url(statement.unit(unit_id), lang): unit_id for unit_id in expected}
    assert results[0] in permanent, f"{query!r}: first result {results[0]}"
    for href in results:  # every result in the reader's language
        assert href.startswith(server + "en/") == (lang == "en"), f"{query!r}: {href} is in the other language"
    page.click(".md-search-result__item:first-child > a.md-search-result__link:first-child")
    page.wait_for_url(results[0])
    unit_id = permanent[results[0]]
    box = page.evaluate("""id => { const b = document.getElementById(id).getBoundingClientRect();
        return {top: b.top, header: document.querySelector('.md-header').getBoundingClientRect().bottom,
                height: window.innerHeight}; }""", unit_id)
    assert box["header"] <= box["top"] < box["height"], f"{query!r}: #{unit_id} not in view: {box}"


def test_each_unit_is_one_entry_and_notes_are_not_indexed(site, statement):
    for lang, path in (("zh", "search/search_index.json"), ("en", "en/search/search_index.json")):
        index = json.loads((site / path).read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        units = [doc for doc in index["docs"] if "?u=" in doc["location"]]
        assert [doc["location"].rpartition("=")[2] for doc in units] == [unit.id for unit in statement.units()]
        everything = json.dumps(index, ensure_ascii=False).replace("\u200b", "")
        for note in statement.notes.values():
            assert note.text[lang] not in everything
        for term in statement.glossary:
            assert term.explanation[lang] not in everything
        assert statement.notes["p13"].text[lang][:40] not in everything
        assert "<sup" not in everything  # no footnote marks


def test_chinese_separator_splits_on_jiebas_zero_width_spaces(site):
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert "\\u200b" in index["config"]["separator"]
    p13 = next(doc for doc in index["docs"] if doc["location"].endswith("?u=p13"))
    assert "\u200b基加利修正案\u200b" in p13["text"]  # a word of the search dictionary, kept whole


def test_english_index_and_query_are_processed_alike(site):
    """Material queries with a trailing wildcard, which lunr does not stem: a stemmed index would never
    match "methane", "countries" or "plans" (the stemmer makes methan, countri, plan)."""
    index = json.loads((site / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert "stemmer" not in index["config"]["pipeline"]


def test_worker_fix_refuses_an_unknown_worker(tmp_path):
    from scripts.material_fixes import MaterialChanged, fix_search_worker

    worker = tmp_path / "assets/javascripts/workers/search.0000.min.js"
    worker.parent.mkdir(parents=True)
    worker.write_text("function fe(t,e){/* another version */}", encoding="utf-8")
    with pytest.raises(MaterialChanged, match="re-check the fix"):
        fix_search_worker(tmp_path)
