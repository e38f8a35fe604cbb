"""Dates with honest precision (scripts/dates.py): what each form covers, and how each language prints it.

Expected values are worked out from the calendar and from how each language writes dates, not from the code."""

from __future__ import annotations

import datetime as dt

import pytest

from scripts.dates import DateError, format_when, parse_when

pytestmark = pytest.mark.fast


@pytest.mark.parametrize("written, precision, start, end", [
    ("2030", "year", dt.date(2030, 1, 1), dt.date(2030, 12, 31)),
    ("2024-H1", "half", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
    ("2024-H2", "half", dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
    ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),  # a leap year
    ("2023-02", "month", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
    ("2023-12", "month", dt.date(2023, 12, 1), dt.date(2023, 12, 31)),  # the month that ends the year
    ("2023-11-30", "day", dt.date(2023, 11, 30), dt.date(2023, 11, 30)),
])
def test_a_date_covers_the_days_its_precision_says(written, precision, start, end):
    when = parse_when(written)
    assert (when.precision, when.start, when.end, when.span, str(when)) == (precision, start, end, False, written)


def test_a_span_runs_from_the_first_day_of_its_start_to_the_last_day_of_its_end():
    cop28 = parse_when("2023-11-30/2023-12-13")
    assert (cop28.precision, cop28.start, cop28.end, cop28.span) == ("day", dt.date(2023, 11, 30),
                                                                     dt.date(2023, 12, 13), True)
    first_half = parse_when("2024-01/2024-06")
    assert (first_half.precision, first_half.start, first_half.end) == ("month", dt.date(2024, 1, 1),
                                                                        dt.date(2024, 6, 30))


def test_a_date_the_yaml_parser_made_a_date_object_reads_as_a_day():
    assert parse_when(dt.date(2023, 11, 15)).iso == "2023-11-15"
    assert parse_when(2030).precision == "year"  # YAML reads a bare year as a number
    assert parse_when(" 2030 ").iso == "2030"


@pytest.mark.parametrize("written, reason", [
    ("2023-13", "'2023-13' is not a date: month must be in 1..12"),
    ("2023-02-29", "'2023-02-29' is not a date: day is out of range for month"),  # 2023 is no leap year
    ("23-11", "'23-11' is not a date: write YYYY, YYYY-H1, YYYY-MM or YYYY-MM-DD"),
    ("2024-H3", "'2024-H3' is not a date: write YYYY, YYYY-H1, YYYY-MM or YYYY-MM-DD"),
    ("2024-Q1", "'2024-Q1' is not a date: write YYYY, YYYY-H1, YYYY-MM or YYYY-MM-DD"),
    ("2023-11/2023-12-13", "'2023-11/2023-12-13': start and end must have the same precision"),
    ("2023-12-13/2023-11-30", "'2023-12-13/2023-11-30': the end is not after the start"),
    ("2023-11-30/2023-11-30", "'2023-11-30/2023-11-30': the end is not after the start"),
])
def test_impossible_or_ambiguous_dates_are_refused_with_the_reason(written, reason):
    with pytest.raises(DateError) as caught:
        parse_when(written)
    assert str(caught.value) == reason


def test_html_datetime_gives_what_html_can_say():
    assert parse_when("2030").html_datetime == "2030"
    assert parse_when("2023-11").html_datetime == "2023-11"
    assert parse_when("2023-11-30").html_datetime == "2023-11-30"
    assert parse_when("2024-H1").html_datetime is None  # HTML has no half-years


@pytest.mark.parametrize("written, zh, en", [
    ("2030", "2030年", "2030"),
    ("2024-H1", "2024年上半年", "first half of 2024"),
    ("2025-H2", "2025年下半年", "second half of 2025"),
    ("2023-11", "2023年11月", "November 2023"),
    ("2023-11-15", "2023年11月15日", "15 November 2023"),
    # a meeting within one month: the month and year once
    ("2023-11-04/2023-11-07", "2023年11月4日至7日", "4–7 November 2023"),
    # across two months of one year: the year once
    ("2023-11-30/2023-12-13", "2023年11月30日至12月13日", "30 November – 13 December 2023"),
    # across the turn of a year: both dates in full
    ("2023-12-30/2024-01-02", "2023年12月30日至2024年1月2日", "30 December 2023 – 2 January 2024"),
])
def test_each_language_prints_a_date_as_it_writes_dates(written, zh, en):
    when = parse_when(written)
    assert (format_when(when, "zh"), format_when(when, "en")) == (zh, en)
