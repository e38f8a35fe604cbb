"""Bad input stops the build with one message naming the file, the line and the unit."""

from __future__ import annotations

import re

import pytest

from tests.conftest import build_site
from tests.editing import copy_for_loading, drop_line, edit, error_of, line_of


@pytest.fixture
def sources(tmp_path):
    return copy_for_loading(tmp_path)


def test_unit_missing_in_one_language(sources):
    zh_line = line_of(sources, "docs/zh/energy-transition.md", "{#p7}")
    drop_line(sources, "docs/en/energy-transition.md", "{#p7}")
    error = error_of(sources)
    assert str(error) == (f"docs/en/energy-transition.md [p7]: unit missing in English "
                          f"(it stands at docs/zh/energy-transition.md:{zh_line})")


def test_ids_differ_between_languages(sources):
    line = line_of(sources, "docs/en/methane.md", "{#p12}")
    edit(sources, "docs/en/methane.md", "{#p12}", "{#p122}")
    assert str(error_of(sources)) == (
        f"docs/en/methane.md:{line} [p12]: ids differ between the languages: 'p122' here, "
        f"'p12' at docs/zh/methane.md:{line_of(sources, 'docs/zh/methane.md', '{#p12}')}")


def test_duplicated_id(sources):
    first = line_of(sources, "docs/zh/energy-transition.md", "{#p7}")
    line = line_of(sources, "docs/zh/energy-transition.md", "{#p8}")
    edit(sources, "docs/zh/energy-transition.md", "{#p8}", "{#p7}")
    assert str(error_of(sources)) == (
        f"docs/zh/energy-transition.md:{line} [p7]: duplicate id: also at docs/zh/energy-transition.md:{first}")


def test_chinese_text_that_differs_from_the_source(sources):
    line = line_of(sources, "docs/zh/energy-transition.md", "{#p9}")
    edit(sources, "docs/zh/energy-transition.md", "至少5个", "至少6个")
    message = str(error_of(sources))
    assert message.startswith(f"docs/zh/energy-transition.md:{line} [p9]: Chinese text differs from the source "
                              "(data/authority.zh.md:")
    assert message.endswith("at character 19: source «…到2030年各自推进至少5个工业和能源等领域碳捕…», "
                            "here «…到2030年各自推进至少6个工业和能源等领域碳捕…»")


def test_chinese_text_dropped_from_a_page(sources):
    line = line_of(sources, "docs/zh/cop28.md", "{#p24-10}")
    edit(sources, "docs/zh/cop28.md", "实现有力度的减缓行动和", "实现减缓行动和")
    assert str(error_of(sources)).startswith(
        f"docs/zh/cop28.md:{line} [p24-10]: Chinese text differs from the source")


def test_number_in_one_language_only(sources):
    line = line_of(sources, "docs/en/forests.md", "{#p19}")
    edit(sources, "docs/en/forests.md", "forest loss by 2030", "forest loss by 2031")
    zh_line = line_of(sources, "docs/zh/forests.md", "{#p19}")
    assert str(error_of(sources)) == (
        f"docs/en/forests.md:{line} [p19]: 2030 stands in the Chinese text (docs/zh/forests.md:{zh_line}) "
        "but not in the English")


def test_temperature_missing_in_english(sources):
    edit(sources, "docs/en/ndcs-2035.md", "limit it to 1.5\u00a0°C", "limit it further")  # a no-break space
    assert re.search(r"\[p21\]: 1\.5 stands in the Chinese text", str(error_of(sources)))


def test_page_missing_in_one_language(sources):
    (sources / "docs/en/forests.md").unlink()
    assert str(error_of(sources)) == "docs/zh/forests.md: has no English counterpart docs/en/forests.md"


def test_text_outside_a_unit(sources):
    edit(sources, "docs/en/forests.md", "{#p19} 19.", "19.")
    line = line_of(sources, "docs/en/forests.md", "19. The two sides")
    assert str(error_of(sources)) == (f"docs/en/forests.md:{line}: text outside a unit: every line must "
                                          "start with a unit id like '{#p6}'")


def test_clause_label_must_match_its_id(sources):
    line = line_of(sources, "docs/en/forests.md", "{#p19}")
    edit(sources, "docs/en/forests.md", "{#p19} 19.", "{#p19} 18.")
    assert str(error_of(sources)) == f"docs/en/forests.md:{line} [p19]: English text of p19 must start with '19.'"


def test_released_url_that_no_longer_resolves(sources):
    with (sources / "data/permalinks.txt").open("a", encoding="utf-8") as released:
        released.write("en/forests/#p99\n")
    line = len((sources / "data/permalinks.txt").read_text(encoding="utf-8").splitlines())
    assert str(error_of(sources)) == (
        f"data/permalinks.txt:{line} [p99]: released permanent URL 'en/forests/#p99' no longer leads to its "
        "unit; restore the unit or its page (released URLs never change)")


def test_data_entry_missing_a_language(sources):
    edit(sources, "data/ui.yaml", "  en: Copy link\n", "")
    line = line_of(sources, "data/ui.yaml", "copy_link:")
    assert str(error_of(sources)) == f"data/ui.yaml:{line}: 'copy_link' has no 'en' text"


def test_the_build_stops_with_the_message(source_copy, tmp_path):
    edit(source_copy, "docs/zh/energy-transition.md", "至少5个", "至少6个")
    result = build_site(source_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "Bad input: docs/zh/energy-transition.md:" in result.stderr
    assert "[p9]: Chinese text differs from the source" in result.stderr
    assert "Traceback" not in result.stderr


# --- references, notes, glossary -----------------------------------------------------------------

def test_cited_key_not_registered(sources):
    line = line_of(sources, "docs/zh/methane.md", "{#p13}")
    edit(sources, "docs/zh/methane.md", "[@kigali-amendment]", "[@kigali]")
    edit(sources, "docs/en/methane.md", "[@kigali-amendment]", "[@kigali]")
    assert str(error_of(sources)) == (
        f"docs/zh/methane.md:{line} [p13]: cites [@kigali], which is not in data/references.yaml")


def test_reference_cited_in_one_language_only(sources):
    line = line_of(sources, "docs/en/methane.md", "{#p13}")
    edit(sources, "docs/en/methane.md", "[@kigali-amendment]", "")
    assert str(error_of(sources)) == (
        f"docs/en/methane.md:{line} [p13]: cites [@kigali-amendment] in the Chinese text only: both languages "
        "cite the same references")


def test_registered_reference_cited_nowhere(sources):
    with (sources / "data/references.yaml").open("a", encoding="utf-8") as register:
        register.write("\nunused-ref:\n  title: {zh: 未引用, en: Uncited}\n  date: 2020\n"
                       "  body: {zh: 某机构, en: A body}\n  url: https://example.org/\n"
                       "  note: {zh: 无, en: None}\n")
    line = line_of(sources, "data/references.yaml", "unused-ref:")
    assert str(error_of(sources)) == (
        f"data/references.yaml:{line} [unused-ref]: 'unused-ref' is cited nowhere: cite it or remove it")


def test_note_missing_a_language(sources):
    notes = sources / "data/notes.yaml"
    # The first note (the preamble's) loses its English block: every unit may have a note, so none is free.
    text, dropped = re.subn(r"\n  en: >-\n(?:    .*\n)+", "\n", notes.read_text(encoding="utf-8"), count=1)
    assert dropped == 1
    notes.write_text(text, encoding="utf-8")
    line = line_of(sources, "data/notes.yaml", "preamble:")
    assert str(error_of(sources)) == f"data/notes.yaml:{line}: 'preamble' has no 'en' text"


def test_reference_missing_a_language(sources):
    line = line_of(sources, "data/references.yaml", "title: {zh: 《格拉斯哥气候协议》")
    edit(sources, "data/references.yaml", "title: {zh: 《格拉斯哥气候协议》, en: Glasgow Climate Pact}",
         "title: {zh: 《格拉斯哥气候协议》}")
    assert str(error_of(sources)) == f"data/references.yaml:{line}: 'glasgow-climate-pact.title' has no 'en' text"


def test_glossary_term_that_occurs_nowhere(sources):
    with (sources / "data/glossary.yaml").open("a", encoding="utf-8") as glossary:
        glossary.write("\ncarbon-neutrality:\n  zh: 碳中和\n  en: carbon neutrality\n  match: [carbon neutrality]\n"
                       "  explanation: {zh: 净零排放, en: net zero}\n")
    line = line_of(sources, "data/glossary.yaml", "carbon-neutrality:")
    assert str(error_of(sources)) == (f"data/glossary.yaml:{line} [carbon-neutrality]: the Chinese form '碳中和' "
                                          "occurs nowhere in the statement's text")


def test_malformed_date(sources):
    line = line_of(sources, "data/references.yaml", "date: 2016-10-15")
    edit(sources, "data/references.yaml", "date: 2016-10-15", "date: 2016-13-15")
    assert str(error_of(sources)) == (f"data/references.yaml:{line} [kigali-amendment]: malformed date: "
                                          "'2016-13-15' is not a date: month must be in 1..12")


def test_date_span_that_ends_before_it_starts(sources):
    line = line_of(sources, "data/references.yaml", "date: 2023-11-30/2023-12-13")
    edit(sources, "data/references.yaml", "date: 2023-11-30/2023-12-13", "date: 2023-12-13/2023-11-30")
    assert str(error_of(sources)) == (f"data/references.yaml:{line} [cop28]: malformed date: "
                                          "'2023-12-13/2023-11-30': the end is not after the start")


def test_malformed_link(sources):
    line = line_of(sources, "data/references.yaml", "url: https://www.ipcc.ch/report/ar6/syr/")
    edit(sources, "data/references.yaml", "url: https://www.ipcc.ch/report/ar6/syr/", "url: www.ipcc.ch/ar6")
    assert str(error_of(sources)) == (f"data/references.yaml:{line} [ipcc-ar6]: malformed link 'www.ipcc.ch/ar6': "
                                          "an http(s) address")


def test_flow_mapping_split_by_a_comma(sources):
    edit(sources, "data/references.yaml", 'en: "The United States, China and Azerbaijan"',
         "en: The United States, China and Azerbaijan")
    assert "has keys other than 'zh' and 'en'" in str(error_of(sources))
