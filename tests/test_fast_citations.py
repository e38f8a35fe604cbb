"""Citation marks (scripts/sources/citations.py): `[@key]` taken out of a text, each kept at the offset it stood at
in the text without marks (the number of characters before it)."""

from __future__ import annotations

import pytest

from scripts.sources.citations import KEY, take_marks
from scripts.model import Mark

pytestmark = pytest.mark.fast


def test_a_mark_after_a_word():
    assert take_marks("the Kigali Amendment[@kigali-amendment] to") == (
        "the Kigali Amendment to", (Mark(20, "kigali-amendment"),))


def test_adjacent_marks_stand_at_one_place_in_their_order():
    assert take_marks("COP28[@cop28][@unfccc] is") == ("COP28 is", (Mark(5, "cop28"), Mark(5, "unfccc")))


def test_a_mark_at_the_start():
    assert take_marks("[@paris-agreement]Paris") == ("Paris", (Mark(0, "paris-agreement"),))


def test_a_mark_at_the_end():
    assert take_marks("the Paris Agreement[@paris-agreement]") == (
        "the Paris Agreement", (Mark(19, "paris-agreement"),))


def test_offsets_count_the_text_without_the_earlier_marks():
    # "A" (1) then "[@a]" taken out, then "BC" (2): the second mark stands after 3 characters, not 7.
    assert take_marks("A[@a]BC[@b]D") == ("ABCD", (Mark(1, "a"), Mark(3, "b")))


def test_chinese_text_counts_characters():
    assert take_marks("巴黎协定[@paris-agreement]首次全球盘点[@global-stocktake]") == (
        "巴黎协定首次全球盘点", (Mark(4, "paris-agreement"), Mark(10, "global-stocktake")))


def test_a_text_without_marks_is_left_as_it_is():
    assert take_marks("no marks [here] or [@ there]") == ("no marks [here] or [@ there]", ())


@pytest.mark.parametrize("key, valid", [
    ("kigali-amendment", True), ("cop28", True), ("28", True),
    ("Kigali", False), ("kigali_amendment", False), ("-cop28", False), ("", False),
])
def test_reference_keys_are_lower_case_words_joined_by_hyphens(key, valid):
    assert bool(KEY.fullmatch(key)) is valid
