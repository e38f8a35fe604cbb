"""Bad Markdown sources stop the loader with one message naming the file, the line and the unit.

One test per check in scripts/sources/pages.py, scripts/sources/authority.py and the page, unit and text checks of
scripts/sources/loader.py: each breaks a copy of the sources in one place and reads the whole message."""

from __future__ import annotations

import pytest

from tests.editing import append, copy_for_loading, drop_line, edit, error_of, line_of, replace_line, write

FORESTS_ZH, FORESTS_EN = "docs/zh/forests.md", "docs/en/forests.md"
COP28_ZH, COP28_EN = "docs/zh/cop28.md", "docs/en/cop28.md"


@pytest.fixture
def sources(tmp_path):
    return copy_for_loading(tmp_path)


# --- front matter (scripts/sources/pages.py) -----------------------------------------------------------

def test_page_without_front_matter(sources):
    edit(sources, FORESTS_ZH, "---\nsection: forests\n---\n", "")
    assert str(error_of(sources)) == f"{FORESTS_ZH}:1: missing front matter (a first line '---')"


def test_front_matter_never_closed(sources):
    edit(sources, FORESTS_ZH, "section: forests\n---\n", "section: forests\n")
    assert str(error_of(sources)) == f"{FORESTS_ZH}:1: front matter is not closed by a line '---'"


def test_front_matter_that_is_not_yaml_names_the_line_of_the_fault(sources):
    line = line_of(sources, "docs/en/cite.md", "kind: cite")  # below a comment, `search:` and its `boost:`
    edit(sources, "docs/en/cite.md", "kind: cite", "kind: cite: how")
    assert str(error_of(sources)) == (
        f"docs/en/cite.md:{line}: front matter is not valid YAML: mapping values are not allowed here")


def test_front_matter_that_is_not_a_mapping(sources):
    edit(sources, FORESTS_ZH, "---\nsection: forests\n---\n", "---\n\n- section\n- forests\n---\n")
    assert str(error_of(sources)) == f"{FORESTS_ZH}:3: front matter must be a mapping"


def test_page_of_an_unknown_kind_points_at_its_kind(sources):
    line = line_of(sources, "docs/zh/cite.md", "kind: cite")
    edit(sources, "docs/zh/cite.md", "kind: cite", "kind: citation")
    assert str(error_of(sources)) == (
        f"docs/zh/cite.md:{line}: front matter needs 'section: <id>' or 'kind:' one of home, full_text, parallel, "
        "references, glossary, timeline, cite, translation, changelog")


def test_page_that_says_neither_section_nor_kind_points_at_its_front_matter(sources):
    drop_line(sources, "docs/zh/parallel.md", "kind: parallel")
    assert str(error_of(sources)).startswith("docs/zh/parallel.md:1: front matter needs 'section: <id>' or 'kind:'")


def test_section_in_a_file_of_another_name(sources):
    line = line_of(sources, FORESTS_ZH, "section: forests")
    edit(sources, FORESTS_ZH, "section: forests", "section: woods")
    assert str(error_of(sources)) == f"{FORESTS_ZH}:{line}: section 'woods' must live in 'woods.md'"


def test_page_that_is_something_else_in_the_other_language(sources):
    edit(sources, "docs/en/parallel.md", "kind: parallel", "kind: full_text")
    line = line_of(sources, "docs/zh/parallel.md", "kind: parallel")  # the Chinese page is read first
    assert str(error_of(sources)) == f"docs/zh/parallel.md:{line}: is 'parallel' but docs/en/parallel.md is 'full_text'"


def test_page_missing_in_chinese(sources):
    (sources / "docs/zh/forests.md").unlink()
    assert str(error_of(sources)) == "docs/en/forests.md: has no Chinese counterpart docs/zh/forests.md"


def test_a_language_without_pages(sources):
    for page in (sources / "docs/en").iterdir():
        page.unlink()
    (sources / "docs/en").rmdir()
    assert str(error_of(sources)) == "docs/en: the English pages are missing"


def test_a_kind_of_page_nowhere(sources):
    (sources / "docs/zh/cite.md").unlink()
    (sources / "docs/en/cite.md").unlink()
    assert str(error_of(sources)) == "docs/zh: no page has 'kind: cite'"


def test_page_without_a_title(sources):
    drop_line(sources, "docs/en/cite.md", "title:")
    assert str(error_of(sources)) == "docs/en/cite.md:1: front matter needs a 'title'"


def test_page_with_an_empty_title_points_at_it(sources):
    line = line_of(sources, "docs/zh/cite.md", "title:")
    edit(sources, "docs/zh/cite.md", "title: 如何引用", "title: ' '")
    assert str(error_of(sources)) == f"docs/zh/cite.md:{line}: front matter needs a 'title'"


# --- the body of a section page (scripts/sources/pages.py) ---------------------------------------------

def test_second_heading(sources):
    append(sources, FORESTS_EN, "\n# More forests\n")
    line = line_of(sources, FORESTS_EN, "# More forests")
    assert str(error_of(sources)) == f"{FORESTS_EN}:{line}: a section page has one '# heading', before its units"


def test_heading_after_the_units(sources):
    edit(sources, FORESTS_ZH, "# 森林\n", "")
    append(sources, FORESTS_ZH, "\n# 森林\n")
    line = line_of(sources, FORESTS_ZH, "# 森林")
    assert str(error_of(sources)) == f"{FORESTS_ZH}:{line}: a section page has one '# heading', before its units"


def test_section_page_without_a_heading_points_at_its_body(sources):
    edit(sources, FORESTS_EN, "# Forests\n", "")
    assert str(error_of(sources)) == f"{FORESTS_EN}:4: a section page needs a '# heading'"


def test_malformed_unit_id(sources):
    line = line_of(sources, FORESTS_EN, "{#p19}")
    edit(sources, FORESTS_EN, "{#p19}", "{#P19}")
    assert str(error_of(sources)) == f"{FORESTS_EN}:{line} [P19]: 'P19' is not a unit id (preamble, p1 … p25, p24-1 …)"


def test_unit_id_without_text(sources):
    append(sources, FORESTS_ZH, "\n{#p20}\n")
    line = line_of(sources, FORESTS_ZH, "{#p20}")
    assert str(error_of(sources)) == f"{FORESTS_ZH}:{line} [p20]: the unit has no text"


def test_comments_and_blank_lines_between_units_are_allowed(sources):
    edit(sources, FORESTS_EN, "# Forests\n", "# Forests\n\n<!-- a comment between the heading and ¶19 -->\n\n")
    edit(sources, FORESTS_EN, "forest loss by 2030", "forest loss by 2031")  # then it fails further on
    assert "[p19]: 2030 stands in the Chinese text" in str(error_of(sources))


# --- units in both languages (scripts/sources/loader.py) -------------------------------------------------

def test_unit_missing_in_chinese(sources):
    en_line = line_of(sources, "docs/en/energy-transition.md", "{#p7}")
    drop_line(sources, "docs/zh/energy-transition.md", "{#p7}")
    assert str(error_of(sources)) == (f"docs/zh/energy-transition.md [p7]: unit missing in Chinese "
                                      f"(it stands at docs/en/energy-transition.md:{en_line})")


def test_units_in_another_order(sources):
    path = sources / "docs/en/energy-transition.md"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    p7, p8 = (next(i for i, line in enumerate(lines) if line.startswith(f"{{#{u}}}")) for u in ("p7", "p8"))
    lines[p7], lines[p8] = lines[p8], lines[p7]
    path.write_text("".join(lines), encoding="utf-8")
    zh_line = line_of(sources, "docs/zh/energy-transition.md", "{#p7}")
    assert str(error_of(sources)) == (
        f"docs/en/energy-transition.md:{p7 + 1} [p8]: units in a different order than "
        f"docs/zh/energy-transition.md:{zh_line} ('p7' there)")


def test_section_page_without_units(sources):
    write(sources, FORESTS_ZH, "---\nsection: forests\n---\n\n# 森林\n")
    write(sources, FORESTS_EN, "---\nsection: forests\n---\n\n# Forests\n")
    assert str(error_of(sources)) == f"{FORESTS_ZH}: a section page needs at least one unit"


def test_chinese_label_must_match_its_id(sources):
    line = line_of(sources, FORESTS_ZH, "{#p19}")
    edit(sources, FORESTS_ZH, "{#p19} 十九、", "{#p19} 十八、")
    assert str(error_of(sources)) == f"{FORESTS_ZH}:{line} [p19]: Chinese text of p19 must start with '十九、'"


def test_item_label_must_be_a_dash(sources):
    line = line_of(sources, COP28_EN, "{#p24-3}")
    edit(sources, COP28_EN, "{#p24-3} — ", "{#p24-3} - ")
    assert str(error_of(sources)) == f"{COP28_EN}:{line} [p24-3]: English text of p24-3 must start with '—'"


def test_label_without_text(sources):
    line = line_of(sources, FORESTS_ZH, "{#p19}")
    replace_line(sources, FORESTS_ZH, "{#p19}", "{#p19} 十九、")
    assert str(error_of(sources)) == f"{FORESTS_ZH}:{line} [p19]: the unit has no text after its label"


def test_label_followed_by_a_citation_mark_only(sources):
    line = line_of(sources, FORESTS_EN, "{#p19}")
    replace_line(sources, FORESTS_EN, "{#p19}", "{#p19} 19. [@cop28]")
    assert str(error_of(sources)) == f"{FORESTS_EN}:{line} [p19]: the unit has no text after its label"


def test_citation_mark_that_is_not_a_key(sources):
    line = line_of(sources, "docs/zh/methane.md", "{#p13}")
    for page in ("docs/zh/methane.md", "docs/en/methane.md"):
        edit(sources, page, "[@kigali-amendment]", "[@Kigali_Amendment]")
    assert str(error_of(sources)) == (
        f"docs/zh/methane.md:{line} [p13]: '[@Kigali_Amendment]' is not a reference key (a-z, 0-9, -)")


def test_reference_cited_in_english_only(sources):
    line = line_of(sources, "docs/en/methane.md", "{#p13}")
    edit(sources, "docs/zh/methane.md", "[@kigali-amendment]", "")
    assert str(error_of(sources)) == (
        f"docs/en/methane.md:{line} [p13]: cites [@kigali-amendment] in the English text only: both languages "
        "cite the same references")


def test_square_bracket_that_is_not_an_insertion(sources):
    line = line_of(sources, FORESTS_EN, "{#p19}")
    edit(sources, FORESTS_EN, "forest loss by 2030", "forest loss [globally] by 2030")
    assert str(error_of(sources)) == (
        f"{FORESTS_EN}:{line} [p19]: a square bracket at «rest loss [globally] b» is not marked up: write an "
        "editorial insertion as [+words+], or leave the words out")


def test_item_before_its_clause(sources):
    for page in (COP28_ZH, COP28_EN):
        path = sources / page
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        p24, item = (next(i for i, line in enumerate(lines) if line.startswith(f"{{#{u}}}")) for u in ("p24", "p24-1"))
        lines.insert(p24, lines.pop(item))
        path.write_text("".join(lines), encoding="utf-8")
    line = line_of(sources, COP28_ZH, "{#p24-1}")
    assert str(error_of(sources)) == f"{COP28_ZH}:{line} [p24-1]: item must follow its clause p24"


def test_items_out_of_sequence(sources):
    for page in (COP28_ZH, COP28_EN):
        path = sources / page
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        first, second = (next(i for i, line in enumerate(lines) if line.startswith(f"{{#{u}}}"))
                         for u in ("p24-1", "p24-2"))
        lines[first], lines[second] = lines[second], lines[first]
        path.write_text("".join(lines), encoding="utf-8")
    line = line_of(sources, COP28_ZH, "{#p24-2}")
    assert str(error_of(sources)) == f"{COP28_ZH}:{line} [p24-2]: item number 2 out of sequence (expected p24-1)"


def test_no_page_holds_the_preamble(sources):
    for page in ("docs/zh/opening.md", "docs/en/opening.md"):
        drop_line(sources, page, "{#preamble}")
    assert str(error_of(sources)) == "docs/zh [preamble]: no section page holds the preamble"


# --- the Chinese text against the authority --------------------------------------------------------

def test_last_lines_of_the_source_on_no_page(sources):
    for page in (COP28_ZH, COP28_EN):
        drop_line(sources, page, "{#p25}")
    line = line_of(sources, COP28_ZH, "{#p24-10}")
    source_line = line_of(sources, "data/authority.zh.md", "二十五、")
    assert str(error_of(sources)) == (
        f"{COP28_ZH}:{line} [p24-10]: the source's next line (data/authority.zh.md:{source_line}) is on no "
        "Chinese page: «二十五、中美两国致力于进…»")  # the first 12 characters


def test_chinese_unit_the_source_does_not_have(sources):
    append(sources, COP28_ZH, "\n{#p26} 二十六、双方将每年会晤。\n")
    append(sources, COP28_EN, "\n{#p26} 26. The two sides will meet every year.\n")
    line = line_of(sources, COP28_ZH, "{#p26}")
    assert str(error_of(sources)) == f"{COP28_ZH}:{line} [p26]: Chinese text not in the source: «二十六、双方将每年会晤。»"


def test_heading_that_differs_from_the_source(sources):
    line = line_of(sources, FORESTS_ZH, "# 森林")
    source_line = line_of(sources, "data/authority.zh.md", "**森林**")
    edit(sources, FORESTS_ZH, "# 森林", "# 林业")
    assert str(error_of(sources)) == (
        f"{FORESTS_ZH}:{line}: Chinese text differs from the source (data/authority.zh.md:{source_line}) at "
        "character 1: source «森林», here «林业»")


def test_heading_where_the_source_has_a_clause(sources):
    source_line = line_of(sources, "data/authority.zh.md", "**森林**")
    edit(sources, "data/authority.zh.md", "**森林**", "森林")  # not bold: a clause of the source
    line = line_of(sources, FORESTS_ZH, "# 森林")
    assert str(error_of(sources)) == (
        f"{FORESTS_ZH}:{line}: expected the source's clause (data/authority.zh.md:{source_line}) here, found a heading")


def test_authority_that_is_not_the_statement(sources):
    write(sources, "data/authority.zh.md", "**关于加强合作应对气候危机的阳光之乡声明**\n\n一、……\n")
    assert str(error_of(sources)) == (
        "data/authority.zh.md: not the statement: expected a headline, a lead and a bold title")


# --- numbers ----------------------------------------------------------------------------------------

def test_number_in_english_only(sources):
    line = line_of(sources, FORESTS_EN, "{#p19}")
    edit(sources, FORESTS_EN, "forest loss by 2030", "forest loss by 2030 and 2040")
    zh_line = line_of(sources, FORESTS_ZH, "{#p19}")
    assert str(error_of(sources)) == (
        f"{FORESTS_EN}:{line} [p19]: 2040 stands in the English text but not in the Chinese ({FORESTS_ZH}:{zh_line})")
