"""YAML files that remember the line of each key (scripts/sources/yamldata.py), so that errors name it."""

from __future__ import annotations

import pytest

from scripts.errors import SourceError
from scripts.model import Location, Text
from scripts.sources.yamldata import read_yaml

pytestmark = pytest.mark.fast

EXAMPLE = """\
# A comment: line 1
# line 2

first:                      # line 4
  title: {zh: 标题, en: Title}
  date: 2023-11-15
  units: [p1, p2]
  list:
    - one                   # line 9
    -
      nested: two           # line 11
second:
  zh: 二
  en: Two
"""


@pytest.fixture
def data(tmp_path):
    (tmp_path / "example.yaml").write_text(EXAMPLE, encoding="utf-8")
    return read_yaml(tmp_path / "example.yaml", "data/example.yaml")


def test_the_line_of_each_key_and_list_item(data):
    assert data.where("first") == Location("data/example.yaml", 4)
    assert data.where("first", "title") == Location("data/example.yaml", 5)
    assert data.where("first", "list", 0) == Location("data/example.yaml", 9)
    assert data.where("first", "list", 1, "nested") == Location("data/example.yaml", 11)
    assert data.where("second", "en") == Location("data/example.yaml", 14)


def test_items_of_a_flow_list_stand_on_its_line(data):
    assert data.where("first", "units", 1) == Location("data/example.yaml", 7)


def test_an_absent_key_is_placed_at_its_parent(data):
    assert data.where("first", "url") == Location("data/example.yaml", 4)
    assert data.where("first", "list", 5, "x") == Location("data/example.yaml", 8)


def test_the_document_is_placed_at_its_content_below_the_comments(data):
    assert data.where() == Location("data/example.yaml", 4)
    assert data.where("third") == Location("data/example.yaml", 4)


def test_an_empty_file_has_no_line(tmp_path):
    (tmp_path / "empty.yaml").write_text("# nothing\n", encoding="utf-8")
    empty = read_yaml(tmp_path / "empty.yaml", "data/empty.yaml")
    assert empty.data is None and empty.where() == Location("data/empty.yaml")


def test_dates_stay_as_written(data):
    assert data.get("first", "date") == "2023-11-15"  # scripts/dates.py parses them, with clear errors


def test_texts_in_both_languages(data):
    assert data.text("first", "title") == Text("标题", "Title")
    assert data.text("second") == Text("二", "Two")


def test_a_text_must_be_a_mapping_of_both_languages(data):
    with pytest.raises(SourceError) as caught:
        data.text("first", "date")
    assert str(caught.value) == "data/example.yaml:6: 'first.date' must give 'zh' and 'en'"


def test_get_with_a_default_and_without(data):
    assert data.get("first", "url", default=None) is None
    assert data.get("first", "list", 7, default="none") == "none"
    with pytest.raises(SourceError) as caught:
        data.get("first", "url")
    assert str(caught.value) == "data/example.yaml:4: 'first.url' is missing"


def test_entries_are_the_top_level_mappings(data):
    assert [key for key, _ in data.entries("example")] == ["first", "second"]


def test_invalid_yaml_names_its_line(tmp_path):
    (tmp_path / "bad.yaml").write_text("a: 1\nb: [2, 3\nc: 4\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_yaml(tmp_path / "bad.yaml", "data/bad.yaml")
    # the flow list opened on line 2 is still open when line 3 starts a mapping
    assert caught.value.where == Location("data/bad.yaml", 3)
    assert str(caught.value).startswith("data/bad.yaml:3: not valid YAML: while parsing a flow sequence")
