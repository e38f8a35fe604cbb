"""Bad release data stops the loader: data/releases.yaml, the snapshots in data/releases/, and wording that
changed without a release (scripts/sources/releases.py). Release 1.0 is the first; the newest is read from the
data, so that publishing a release leaves these tests true."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scripts.sources.loader import load
from tests.editing import copy_for_loading, edit, error_of, line_of, rewrite_yaml, write

RELEASES = "data/releases.yaml"
V10, V11 = "data/releases/1.0.yaml", "data/releases/1.1.yaml"
NEWEST = str(yaml.safe_load((Path(__file__).parents[1] / RELEASES).read_text(encoding="utf-8"))["releases"][-1]["version"])
VNEW = f"data/releases/{NEWEST}.yaml"
CHANGE_KINDS = "translation, text, notes, translation-notes, status, references, editorial"
FOREST_WORDS = ("The two sides commit to further efforts", "Both sides commit to further efforts")


@pytest.fixture
def sources(tmp_path):
    return copy_for_loading(tmp_path)


def release_line(sources, version: str, needle: str | None = None) -> int:
    """The line of a release's list item, or of `needle` within it."""
    item = line_of(sources, RELEASES, f'- version: "{version}"')
    return item if needle is None else line_of(sources, RELEASES, needle, after=f'- version: "{version}"')


# --- data/releases.yaml -------------------------------------------------------------------------------

def test_no_release(sources):
    write(sources, RELEASES, "# none yet\nreleases: []\n")
    assert str(error_of(sources)) == f"{RELEASES}:2: 'releases' must list at least one release, oldest first"


def test_release_that_is_not_a_mapping(sources):
    write(sources, RELEASES, "releases:\n  - 1.0\n")
    assert str(error_of(sources)) == f"{RELEASES}:2: a release must be a mapping"


def test_version_that_is_not_numbers(sources):
    line = release_line(sources, "1.0")
    edit(sources, RELEASES, 'version: "1.0"', 'version: "1.0a"')
    assert str(error_of(sources)) == f"{RELEASES}:{line}: version '1.0a' must be numbers joined by dots (1.0, 1.1)"


def test_version_that_goes_back(sources):
    line = release_line(sources, "1.1")
    edit(sources, RELEASES, 'version: "1.1"', 'version: "0.9"')
    assert str(error_of(sources)) == f"{RELEASES}:{line} [0.9]: version 0.9 does not follow 1.0"


def test_impossible_release_date(sources):
    line = release_line(sources, "1.0", "date: 2026-11-25")
    edit(sources, RELEASES, "date: 2026-11-25", "date: 2026-11-35")
    assert str(error_of(sources)) == (
        f"{RELEASES}:{line} [1.0]: malformed date: '2026-11-35' is not a date: day is out of range for month")


def test_release_dated_by_month(sources):
    line = release_line(sources, "1.0", "date: 2026-11-25")
    edit(sources, RELEASES, "date: 2026-11-25", "date: 2026-11")
    assert str(error_of(sources)) == f"{RELEASES}:{line} [1.0]: a release date is one day (YYYY-MM-DD)"


def test_release_dated_before_the_previous_one(sources):
    line = release_line(sources, "1.1", "date: 2026-11-26")
    edit(sources, RELEASES, "date: 2026-11-26", "date: 2026-11-24")
    assert str(error_of(sources)) == f"{RELEASES}:{line} [1.1]: dated before release 1.0 (2026-11-25)"


def test_change_of_an_unknown_kind(sources):
    line = release_line(sources, "1.1", "- kind: translation")
    edit(sources, RELEASES, "- kind: translation", "- kind: wording")
    assert str(error_of(sources)) == f"{RELEASES}:{line} [1.1]: a change needs 'kind:' one of {CHANGE_KINDS}"


def test_change_whose_units_are_not_a_list(sources):
    line = release_line(sources, "1.1", "- kind: translation")
    edit(sources, RELEASES, "units: [preamble, p1, ", "units: preamble\n        former: [p1, ")
    assert str(error_of(sources)) == f"{RELEASES}:{line} [1.1]: 'units' must be a list of unit ids"


def test_change_of_a_unit_that_does_not_exist(sources):
    line = release_line(sources, "1.1", "units: [preamble, p1, ")
    edit(sources, RELEASES, "units: [preamble, p1, ", "units: [preamble, p99, p1, ")
    assert str(error_of(sources)) == f"{RELEASES}:{line} [1.1]: lists 'p99', which is not a unit"


def test_later_release_that_says_nothing_of_what_it_changed(sources):
    rewrite_yaml(sources, RELEASES, lambda data: data["releases"][1].pop("changes"))
    line = line_of(sources, RELEASES, "- version: '1.1'")
    assert str(error_of(sources)) == f"{RELEASES}:{line} [1.1]: a release after the first says what it changed ('changes:')"


def test_reworded_unit_that_no_change_lists(sources):
    line = release_line(sources, "1.1", "changes:")
    edit(sources, RELEASES, ", p24-10, p25]", ", p24-10]")
    assert str(error_of(sources)) == (
        f"{RELEASES}:{line} [p25]: release 1.1 changes the wording of p25 but no 'translation' change lists it")


def test_change_that_lists_a_unit_whose_wording_stayed(sources):
    line = release_line(sources, "1.1", "changes:")
    edit(sources, RELEASES, ", p24-10, p25]", ", p24-10, p25, p5]")
    assert str(error_of(sources)) == (
        f"{RELEASES}:{line} [p5]: release 1.1 lists p5 as reworded, but its wording equals the previous release's")


# --- the snapshots --------------------------------------------------------------------------------------

def test_newest_release_without_its_snapshot(sources):
    (sources / VNEW).unlink()
    assert str(error_of(sources)) == (f"{RELEASES}:{release_line(sources, NEWEST)}: release {NEWEST} has no snapshot {VNEW}: "
                                      "run `make release` to write it")


def test_past_release_without_its_snapshot(sources):
    (sources / V10).unlink()
    assert str(error_of(sources)) == (f"{RELEASES}:{release_line(sources, '1.0')}: release 1.0 has no snapshot {V10}; "
                                      "a past release's wording cannot be rebuilt")


def test_snapshot_of_another_release(sources):
    line = line_of(sources, V11, "version: '1.1'")
    edit(sources, V11, "version: '1.1'", "version: '1.2'")
    assert str(error_of(sources)) == f"{V11}:{line}: is the snapshot of release 1.1; its 'version' says 1.2"


def test_snapshot_whose_units_are_not_a_mapping(sources):
    write(sources, V10, "version: '1.0'\nunits: []\n")
    assert str(error_of(sources)) == f"{V10}:2: 'units' must map unit ids to {{zh, en}}"


def test_unit_missing_from_the_newest_snapshot(sources):
    rewrite_yaml(sources, VNEW, lambda data: data["units"].pop("p25"))
    line = line_of(sources, "docs/zh/cop28.md", "{#p25}")
    assert str(error_of(sources)) == (
        f"docs/zh/cop28.md:{line} [p25]: is not in release {NEWEST}'s snapshot ({VNEW}): record a new release that adds it")


def test_released_unit_on_no_page(sources):
    rewrite_yaml(sources, VNEW, lambda data: data["units"].update(p26={"zh": "二十六、……", "en": "26. …"}))
    line = line_of(sources, VNEW, "p26:")
    assert str(error_of(sources)) == (
        f"{VNEW}:{line} [p26]: unit 'p26' of release {NEWEST} is on no page: a released unit is never removed")


def test_wording_changed_without_a_release(sources):
    line = line_of(sources, "docs/en/forests.md", "{#p19}")
    edit(sources, "docs/en/forests.md", *FOREST_WORDS)
    assert str(error_of(sources)) == (
        f"docs/en/forests.md:{line} [p19]: the English wording differs from release {NEWEST} ({VNEW}); wording never "
        "changes silently: add a release to data/releases.yaml that lists this unit under a 'translation' change, "
        "then run `make release`")


def test_the_preview_shows_wording_not_yet_released(sources):
    edit(sources, "docs/en/forests.md", *FOREST_WORDS)
    statement = load(sources, preview=True)
    assert statement.unit("p19").text.en.startswith(FOREST_WORDS[1])
    assert statement.release.version == NEWEST
