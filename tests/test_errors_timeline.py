"""A bad timeline (data/timeline.yaml) stops the loader with one message naming the line and the entry.

Each test breaks the first entry, the 2021 joint statement (an issued milestone of ¶1 with a status),
or the first later development (relation: related), in one place."""

from __future__ import annotations

import re

import pytest

from tests.editing import copy_for_loading, edit, error_of, line_of

TIMELINE = "data/timeline.yaml"
FIRST = "joint-statement-2021"


@pytest.fixture
def sources(tmp_path):
    return copy_for_loading(tmp_path)


def first_entry_line(sources, needle: str) -> int:
    return line_of(sources, TIMELINE, needle, after=f"{FIRST}:")


def first_as_of(sources) -> str:
    """The first entry's `as_of: YYYY-MM` as written: its month moves with every check of the statuses."""
    text = (sources / TIMELINE).read_text(encoding="utf-8")
    found = re.search(r"as_of: \d{4}-\d{2}\b", text[text.index(f"\n{FIRST}:"):])
    assert found, f"{FIRST} has no as_of"
    return found[0]


def test_unknown_kind(sources):
    line = first_entry_line(sources, "kind: milestone")
    edit(sources, TIMELINE, "kind: milestone", "kind: landmark")
    assert str(error_of(sources)) == (
        f"{TIMELINE}:{line} [{FIRST}]: kind must be one of meeting, milestone, baseline, target, expectation, plan")


def test_missing_kind_points_at_the_entry(sources):
    line = line_of(sources, TIMELINE, f"{FIRST}:")
    edit(sources, TIMELINE, "  kind: milestone\n", "")  # the first entry's
    assert str(error_of(sources)) == (
        f"{TIMELINE}:{line} [{FIRST}]: kind must be one of meeting, milestone, baseline, target, expectation, plan")


def test_unknown_theme(sources):
    line = first_entry_line(sources, "theme: meetings")
    edit(sources, TIMELINE, "theme: meetings", "theme: diplomacy")
    assert str(error_of(sources)) == (
        f"{TIMELINE}:{line} [{FIRST}]: theme must be one of meetings, energy, methane, forests, finance, ndc")


def test_units_that_are_not_a_list(sources):
    line = first_entry_line(sources, "units: [p1]")
    edit(sources, TIMELINE, "units: [p1]", "units: p1")
    assert str(error_of(sources)) == f"{TIMELINE}:{line} [{FIRST}]: 'units' lists the units it comes from"


def test_unit_that_is_not_in_the_statement(sources):
    line = first_entry_line(sources, "units: [p1]")
    edit(sources, TIMELINE, "units: [p1]", "units: [p1, p30]")
    assert str(error_of(sources)) == f"{TIMELINE}:{line} [{FIRST}]: 'p30' is not a unit of the statement"


def test_unknown_relation(sources):
    line = line_of(sources, TIMELINE, "relation: related")
    key = next(text.rstrip(":\n") for text in reversed(
        (sources / TIMELINE).read_text(encoding="utf-8").splitlines()[:line]) if text and not text[0].isspace())
    edit(sources, TIMELINE, "relation: related", "relation: later")
    assert str(error_of(sources)) == f"{TIMELINE}:{line} [{key}]: relation must be one of named, related"


def test_impossible_date(sources):
    line = first_entry_line(sources, "date: 2021-04-17")
    edit(sources, TIMELINE, "date: 2021-04-17", "date: 2021-02-30")
    assert str(error_of(sources)) == (f"{TIMELINE}:{line} [{FIRST}]: impossible or ambiguous date: '2021-02-30' is "
                                      "not a date: day is out of range for month")


# --- the status of an entry -------------------------------------------------------------------------

def test_unknown_state(sources):
    line = first_entry_line(sources, "state: issued")
    edit(sources, TIMELINE, "state: issued", "state: published")
    assert str(error_of(sources)) == (
        f"{TIMELINE}:{line} [{FIRST}]: status needs a state: one of held, issued, adopted, submitted, announced, "
        "in-effect, met, met-late, on-track, off-track, pending, not-met")


def test_status_without_its_source_points_at_the_status(sources):
    line = first_entry_line(sources, "status:")
    edit(sources, TIMELINE, f"    source: {FIRST}\n", "")
    assert str(error_of(sources)) == f"{TIMELINE}:{line} [{FIRST}]: a status needs its source (a reference key)"


def test_status_source_that_is_not_registered(sources):
    line = first_entry_line(sources, f"source: {FIRST}")
    edit(sources, TIMELINE, f"source: {FIRST}", "source: joint-statement")
    assert str(error_of(sources)) == (
        f"{TIMELINE}:{line} [{FIRST}]: status source 'joint-statement' is not in data/references.yaml")


def test_status_without_the_date_it_was_checked(sources):
    line = first_entry_line(sources, "status:")
    edit(sources, TIMELINE, f"    {first_as_of(sources)}\n", "")
    assert str(error_of(sources)) == (
        f"{TIMELINE}:{line} [{FIRST}]: a status needs 'as_of': when the edition last checked it")


def test_status_checked_as_of_a_year(sources):
    as_of = first_as_of(sources)
    line = first_entry_line(sources, as_of)
    edit(sources, TIMELINE, as_of, "as_of: 2026")
    assert str(error_of(sources)) == f"{TIMELINE}:{line} [{FIRST}]: 'as_of' is a month or a day (YYYY-MM[-DD])"


def test_status_checked_before_it_happened(sources):
    as_of = first_as_of(sources)
    line = first_entry_line(sources, as_of)
    edit(sources, TIMELINE, as_of, "as_of: 2021-03")
    assert str(error_of(sources)) == (
        f"{TIMELINE}:{line} [{FIRST}]: checked as of 2021-03 but dated 2021-04-17: a status cannot report what had "
        "not happened when it was checked")
