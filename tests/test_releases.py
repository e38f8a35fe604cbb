"""Releases: wording never changes silently, and each revision is visible, dated history."""

from __future__ import annotations

import subprocess
import sys

import yaml

from scripts.sources.loader import load
from scripts.generators.worddiff import word_diff
from tests.test_bad_input import edit, error_of, line_of

NEXT_RELEASE = """
  - version: "9.9"
    date: 2027-01-01  # within three months of the statuses' as_of (make release checks it)
    summary: {zh: 修订译文。, en: Translation revised.}
    changes:
      - kind: translation
        units: [p7]
        note: {zh: 改译。, en: Reworded.}
"""


def make_release(root, changes: str = NEXT_RELEASE) -> subprocess.CompletedProcess:
    """Append a release to the copy's data/releases.yaml and write its snapshot, as `make release` does."""
    path = root / "data" / "releases.yaml"
    path.write_text(path.read_text(encoding="utf-8") + changes, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "scripts", "release", "--fix"], cwd=root, capture_output=True,
                          text=True, env={"PYTHONPATH": str(root)})


def reword_p7(root) -> None:
    edit(root, "docs/en/energy-transition.md", "agree to restart", "have agreed to relaunch")


def test_current_wording_is_the_newest_release(statement):
    newest = statement.releases[-1]
    for unit in statement.units():
        assert statement.history[unit.id][-1].text == unit.text
        assert statement.history[unit.id][-1].version <= newest.version


def test_a_silent_change_of_wording_stops_the_build(source_copy):
    line = line_of(source_copy, "docs/en/energy-transition.md", "{#p7}")
    reword_p7(source_copy)
    error = error_of(source_copy)
    assert (error.where.file, error.where.line, error.unit) == ("docs/en/energy-transition.md", line, "p7")
    assert "differs from release" in error.message and "data/releases.yaml" in error.message


def test_a_release_without_snapshot_stops_the_build(source_copy):
    reword_p7(source_copy)
    path = source_copy / "data" / "releases.yaml"
    path.write_text(path.read_text(encoding="utf-8") + NEXT_RELEASE, encoding="utf-8")
    error = error_of(source_copy)
    assert error.where.file == "data/releases.yaml"
    assert error.where.line == line_of(source_copy, "data/releases.yaml", 'version: "9.9"')
    assert "make release" in error.message


def test_a_recorded_rewording_is_history(source_copy):
    before = load(source_copy).unit("p7").text.en
    reword_p7(source_copy)
    result = make_release(source_copy)
    assert result.returncode == 0, result.stderr
    statement = load(source_copy)
    wordings = statement.history["p7"]
    assert (wordings[-1].version, wordings[-1].date) == ("9.9", "2027-01-01")
    assert wordings[-2].text.en == before and wordings[-1].text.en == statement.unit("p7").text.en
    assert [u.id for u in statement.units() if statement.history[u.id][-1].version == "9.9"] == ["p7"]
    assert statement.release.version == "9.9"


def test_a_rewording_no_change_lists_stops_the_build(source_copy):
    reword_p7(source_copy)
    assert make_release(source_copy, NEXT_RELEASE.replace("[p7]", "[p8]")).returncode == 0
    error = error_of(source_copy)
    assert error.where.file == "data/releases.yaml" and error.unit in ("p7", "p8")


def test_snapshots_are_never_rewritten(source_copy):
    snapshot = source_copy / "data" / "releases" / "1.0.yaml"
    text = snapshot.read_text(encoding="utf-8")
    reword_p7(source_copy)
    result = subprocess.run([sys.executable, "-m", "scripts", "release", "--fix"], cwd=source_copy,
                            capture_output=True, text=True, env={"PYTHONPATH": str(source_copy)})
    assert result.returncode == 0 and snapshot.read_text(encoding="utf-8") == text


def test_versions_must_increase(source_copy):
    newest = load(source_copy).release.version
    reword_p7(source_copy)
    make_release(source_copy, NEXT_RELEASE.replace('"9.9"', '"0.9"'))
    error = error_of(source_copy)
    assert error.where == type(error.where)("data/releases.yaml",
                                            line_of(source_copy, "data/releases.yaml", 'version: "0.9"'))
    assert f"does not follow {newest}" in error.message


def test_snapshot_is_plain_yaml_of_every_unit(statement):
    from tests.conftest import ROOT
    data = yaml.safe_load((ROOT / "data" / "releases" / "1.0.yaml").read_text(encoding="utf-8"))
    assert data["version"] == "1.0"
    assert list(data["units"]) == [unit.id for unit in statement.units()]


# --- the word-level diff: its pieces rebuild both wordings (an oracle independent of the output) ----

def test_word_diff_rebuilds_both_wordings():
    before = "accelerate the substitution of coal, oil and gas generation"
    after = "accelerate the replacement of coal-, oil- and gas-fired generation"
    pieces = word_diff(before, after)
    assert "".join(text for op, text in pieces if op != "ins") == before
    assert "".join(text for op, text in pieces if op != "del") == after
    assert ("del", "substitution") in pieces and ("ins", "replacement") in pieces
    assert ("same", " generation") == pieces[-1]


def test_word_diff_of_equal_texts_is_one_piece():
    assert word_diff("the same words", "the same words") == [("same", "the same words")]


# --- what a reader sees of the history (oracle: the committed snapshots themselves) ----------------

def snapshots() -> dict[str, dict]:
    from tests.conftest import ROOT
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["units"]
            for path in sorted((ROOT / "data" / "releases").glob("*.yaml"))}


def reworded() -> list[tuple[str, str, str, str, str]]:
    """(unit, earlier version, earlier English, later version, later English) for consecutive snapshots."""
    versions = sorted(snapshots().items(), key=lambda item: [int(part) for part in item[0].split(".")])
    return [(unit_id, v1, t1[unit_id]["en"], v2, t2[unit_id]["en"])
            for (v1, t1), (v2, t2) in zip(versions, versions[1:], strict=False) for unit_id in t2
            if unit_id in t1 and t1[unit_id]["en"] != t2[unit_id]["en"]]


def test_a_revised_unit_says_so_with_its_earlier_wording_and_the_change(site, statement):
    from tests.page_html import as_set, attr, one, soup
    changes = reworded()
    if not changes:
        import pytest
        pytest.skip("no release has reworded a unit yet")
    for unit_id, _, before, v2, after in changes:
        page = soup(site, statement.page(statement.unit(unit_id).section).url.en)
        history = one(page, f"#history-{unit_id}")  # the panel the unit's history button opens
        button = one(page, f'#{unit_id} .edition-toggle--history[aria-controls="history-{unit_id}"]')
        if statement.history[unit_id][-1].version != v2:
            continue  # a unit revised again later shows its newest change (its earlier ones: the changelog)
        assert f"release {v2}" in one(history, ".edition-history-title").get_text()
        assert f"release {v2}" in attr(button, "aria-label")
        diff = one(history, ".edition-diff-text")
        deleted = "".join(t for t in diff.find_all(string=True) if not t.find_parent("ins"))
        inserted = "".join(t for t in diff.find_all(string=True) if not t.find_parent("del"))
        # the wording, whatever space the site sets (a release may have made "2 °C" unbreakable)
        assert (deleted.replace("\u00a0", " "), inserted.replace("\u00a0", " ")) == \
            (as_set(before, "en").replace("\u00a0", " "), as_set(after, "en").replace("\u00a0", " "))


def test_every_earlier_wording_has_its_own_address(site, statement_json):
    from tests.page_html import as_set, soup
    page = soup(site, "en/changelog/")
    by_id = {unit["id"]: unit for clause in statement_json["clauses"] for unit in (clause, *clause.get("items", []))}
    by_id["preamble"] = statement_json["preamble"]
    for unit_id, _, before, v2, after in reworded():
        history = by_id[unit_id]["history"]
        wordings = [(h["version"], h["text"]["en"]) for h in history]
        # The earlier wording is listed once, under the release that introduced it (which may be older
        # than the snapshot just before v2, when a release left the unit alone), and v2's follows it.
        since = next(version for version, text in wordings if text == before)
        assert wordings[wordings.index((since, before)) + 1] == (v2, after), unit_id
        element = page.select_one(f'[id="{unit_id}-v{since}"]')
        assert element is not None and as_set(before, "en") in element.get_text(), unit_id
        assert history[0]["url"]["en"].startswith("en/changelog/#")


def test_the_edition_names_its_release(site, statement_json, statement):
    from tests.page_html import one, soup
    assert (statement_json["version"], statement_json["released"]) == (statement.release.version,
                                                                       statement.release.date)
    for url in ("", "en/"):
        assert statement.release.version in one(soup(site, url), "#release").get_text()
