"""Releases: wording never changes silently, and each revision is visible, dated history."""

from __future__ import annotations

import subprocess
import sys

import yaml

from scripts.loader import load
from scripts.worddiff import word_diff
from tests.test_bad_input import edit, error_of, line_of

RELEASE_11 = """
  - version: "1.1"
    date: 2026-11-26
    summary: {zh: 修订译文。, en: Translation revised.}
    changes:
      - kind: translation
        units: [p7]
        note: {zh: 改译。, en: Reworded.}
"""


def make_release(root, changes: str = RELEASE_11) -> subprocess.CompletedProcess:
    """Append a release to the copy's data/releases.yaml and write its snapshot, as `make release` does."""
    path = root / "data" / "releases.yaml"
    path.write_text(path.read_text(encoding="utf-8") + changes, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "scripts.releases", "--fix"], cwd=root, capture_output=True,
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
    path.write_text(path.read_text(encoding="utf-8") + RELEASE_11, encoding="utf-8")
    error = error_of(source_copy)
    assert error.where.file == "data/releases.yaml"
    assert error.where.line == line_of(source_copy, "data/releases.yaml", 'version: "1.1"')
    assert "make release" in error.message


def test_a_recorded_rewording_is_history(source_copy):
    before = load(source_copy).unit("p7").text.en
    reword_p7(source_copy)
    result = make_release(source_copy)
    assert result.returncode == 0, result.stderr
    statement = load(source_copy)
    wordings = statement.history["p7"]
    assert [(w.version, w.date) for w in wordings] == [("1.0", "2026-11-25"), ("1.1", "2026-11-26")]
    assert wordings[0].text.en == before and wordings[1].text.en == statement.unit("p7").text.en
    assert [len(statement.history[u.id]) for u in statement.units()].count(2) == 1  # only p7 changed
    assert statement.release.version == "1.1"


def test_a_rewording_no_change_lists_stops_the_build(source_copy):
    reword_p7(source_copy)
    assert make_release(source_copy, RELEASE_11.replace("[p7]", "[p8]")).returncode == 0
    error = error_of(source_copy)
    assert error.where.file == "data/releases.yaml" and error.unit in ("p7", "p8")


def test_snapshots_are_never_rewritten(source_copy):
    snapshot = source_copy / "data" / "releases" / "1.0.yaml"
    text = snapshot.read_text(encoding="utf-8")
    reword_p7(source_copy)
    result = subprocess.run([sys.executable, "-m", "scripts.releases", "--fix"], cwd=source_copy,
                            capture_output=True, text=True, env={"PYTHONPATH": str(source_copy)})
    assert result.returncode == 0 and snapshot.read_text(encoding="utf-8") == text


def test_versions_must_increase(source_copy):
    reword_p7(source_copy)
    make_release(source_copy, RELEASE_11.replace('"1.1"', '"0.9"'))
    error = error_of(source_copy)
    assert error.where == type(error.where)("data/releases.yaml",
                                            line_of(source_copy, "data/releases.yaml", 'version: "0.9"'))
    assert "does not follow 1.0" in error.message


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
