"""Chinese clause numerals, and the numbers a text states (scripts/sources/numerals.py), which the loader compares
between the two languages of a unit. Expected values are what the words say: 1000亿 is a hundred billion."""

from __future__ import annotations

import pytest

from scripts.sources.numerals import chinese_numeral, stated_numbers

pytestmark = pytest.mark.fast


@pytest.mark.parametrize("n, numeral", [
    (1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (24, "二十四"), (25, "二十五"),
    (30, "三十"), (99, "九十九"),
])
def test_clause_numerals_as_the_statement_writes_them(n, numeral):
    assert chinese_numeral(n) == numeral


@pytest.mark.parametrize("n", [0, 100, -1])
def test_no_clause_numeral_outside_one_to_ninety_nine(n):
    with pytest.raises(ValueError):
        chinese_numeral(n)


@pytest.mark.parametrize("zh, en, numbers", [
    # the 2020s: the 20s of the 21st century
    ("在21世纪20年代", "in the 2020s", {"2020"}),
    # 1000亿 = 1000 × 10^8 = 10^11 = one hundred billion
    ("每年1000亿美元", "USD 100 billion a year", {"100000000000"}),
    # the same with the no-break spaces the translation sets, so that "100" and "billion" never part
    ("每年1000亿美元", "USD\u00a0100\u00a0billion a year", {"100000000000"}),
    # 1.5亿 = 1.5 × 10^8 = a hundred and fifty million
    ("1.5亿吨", "0.15 billion tonnes", {"150000000"}),
    # a temperature: a decimal stays one number, whatever stands between it and its unit
    ("控制在1.5℃之内", "limit it to 1.5 °C", {"1.5"}),
    ("低于2℃", "well below 2 °C", {"2"}),
    # months: 11月 is November
    ("11月4—7日", "4–7 November", {"November", "4", "7"}),
    ("2023年7月16—19日", "16–19 July 2023", {"2023", "July", "16", "19"}),
    # ordinals: the 28th is 28, as 第28届 is
    ("第28届缔约方大会", "the 28th Conference of the Parties", {"28"}),
    ("第1次", "the 1st", {"1"}),
    ("第2次", "the 2nd", {"2"}),
    ("第3次", "the 3rd", {"3"}),
    # at least five projects each
    ("至少5个", "at least 5", {"5"}),
])
def test_both_languages_state_the_same_numbers(zh, en, numbers):
    assert stated_numbers(zh, "zh") == numbers
    assert stated_numbers(en, "en") == numbers


@pytest.mark.parametrize("text", ["COP28", "CO2 and N2O", "the G20", "H2 and CH4"])
def test_a_number_glued_to_letters_is_part_of_a_name(text):
    assert stated_numbers(text, "en") == frozenset()


def test_a_decimal_is_one_number():
    assert stated_numbers("Article 4.4 and 3.5 °C", "en") == {"4.4", "3.5"}
    assert stated_numbers("第4.4条", "zh") == {"4.4"}


def test_a_number_in_one_language_only_shows():
    assert stated_numbers("到2030年", "zh") - stated_numbers("by 2031", "en") == {"2030"}


def test_month_names_count_in_english_text():
    assert stated_numbers("in November, not in Nov", "en") == {"November"}
