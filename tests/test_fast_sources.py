"""Reading one Markdown source (scripts/sources/pages.py): front matter with the line of each key, the heading and
the unit lines of a section page, each with its line."""

from __future__ import annotations

import pytest

from scripts.model import Location
from scripts.sources.pages import read_source

pytestmark = pytest.mark.fast

SECTION = """\
---
# a comment in the front matter
section: forests
title: Forests and trade
---

# 森林

<!-- ¶19 follows -->
{#p19} 十九、双方承诺……

{#p24-3}   ——其三……
"""


@pytest.fixture
def page(tmp_path):
    (tmp_path / "forests.md").write_text(SECTION, encoding="utf-8")
    return read_source(tmp_path / "forests.md", "forests.md", "docs/zh/forests.md")


def test_front_matter_and_the_line_of_each_key(page):
    assert page.meta == {"section": "forests", "title": "Forests and trade"}
    assert page.meta_where("section") == Location("docs/zh/forests.md", 3)
    assert page.meta_where("title") == Location("docs/zh/forests.md", 4)
    assert page.key_where == Location("docs/zh/forests.md", 3)
    assert page.meta_where("kind") == Location("docs/zh/forests.md", 1)  # absent: the front matter's first line


def test_a_section_page_is_its_section(page):
    assert (page.kind, page.key, page.body_line) == ("section", "forests", 6)


def test_heading_and_units_with_their_lines(page):
    assert (page.heading, page.heading_where) == ("森林", Location("docs/zh/forests.md", 7))
    assert [(unit.id, unit.text, unit.where.line) for unit in page.units] == [
        ("p19", "十九、双方承诺……", 10), ("p24-3", "——其三……", 12)]


def test_another_page_is_its_kind(tmp_path):
    (tmp_path / "cite.md").write_text("---\nkind: cite\ntitle: 如何引用\n---\n\nAny *Markdown*.\n", encoding="utf-8")
    page = read_source(tmp_path / "cite.md", "cite.md", "docs/zh/cite.md")
    assert (page.kind, page.key, page.units, page.key_where) == ("cite", "cite", (), Location("docs/zh/cite.md", 2))


def test_folding_a_note_keeps_the_no_break_spaces_its_author_wrote():
    # YAML folds a note's lines with spaces and newlines; a no-break space (2 °C) is the author's and stays,
    # in a Chinese note (where folding leaves no space next to a Chinese character) and in an English one
    from scripts.sources.notes import join_chinese, join_latin
    assert join_chinese("使其后的including efforts to keep 1.5\u00a0°C within reach\n不致被读作") == \
        "使其后的including efforts to keep 1.5\u00a0°C within reach不致被读作"
    assert join_latin("well below 2\u00a0°C and\n    pursuing efforts") == "well below 2\u00a0°C and pursuing efforts"
