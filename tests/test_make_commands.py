"""`make release` and `make permalinks` (python -m scripts release / permalinks), run as make runs them, on a
copy of the sources: each reports what is missing, writes it with --fix, and what it writes is what the repository
holds (the snapshot of release 1.1 and the released URLs were written by these commands); `make release` refuses a
status checked too long before the release."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = "data/releases/1.1.yaml"
PERMALINKS = "data/permalinks.txt"


@pytest.fixture
def repo(tmp_path) -> Path:
    """The sources and the code (the commands find the repository from their own file), without the benchmark's
    node_modules."""
    for part in ("docs", "data"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts", ignore=shutil.ignore_patterns("__pycache__", "bench"))
    return tmp_path


def run(repo: Path, command: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts", command, *args], cwd=repo, capture_output=True, text=True)


def test_make_release_writes_the_missing_snapshot_once(repo):
    (repo / SNAPSHOT).unlink()
    check = run(repo, "release")
    assert (check.returncode, check.stdout) == (
        1, f"{SNAPSHOT}: missing; run `make release` to write release 1.1's snapshot\n")
    fix = run(repo, "release", "--fix")
    assert (fix.returncode, fix.stdout) == (0, f"{SNAPSHOT}: written\n")
    assert (repo / SNAPSHOT).read_bytes() == (ROOT / SNAPSHOT).read_bytes()
    again = run(repo, "release", "--fix")
    assert (again.returncode, again.stdout) == (0, f"{SNAPSHOT}: release 1.1 has its snapshot\n")


def test_make_release_without_a_release(repo):
    (repo / "data/releases.yaml").write_text("releases: []\n", encoding="utf-8")
    result = run(repo, "release")
    assert (result.returncode, result.stdout) == (1, "data/releases.yaml: no release\n")


def test_make_permalinks_appends_the_urls_of_new_units(repo):
    released = (ROOT / PERMALINKS).read_text(encoding="utf-8")
    last = released.splitlines()[-2:]  # the last unit in the newest release's frozen text, in both languages
    assert last[0].startswith("releases/") and last[0].endswith("/#p25") and last[1] == f"en/{last[0]}"
    (repo / PERMALINKS).write_text(released.removesuffix(f"{last[0]}\n{last[1]}\n"), encoding="utf-8")
    check = run(repo, "permalinks")
    assert (check.returncode, check.stdout) == (
        1, f"{PERMALINKS}: 2 unit URL(s) not released yet, e.g. {last[0]}; run `make permalinks`\n")
    fix = run(repo, "permalinks", "--fix")
    assert (fix.returncode, fix.stdout) == (0, f"{PERMALINKS}: added 2 URL(s)\n")
    assert (repo / PERMALINKS).read_text(encoding="utf-8") == released
    again = run(repo, "permalinks")
    assert (again.returncode, again.stdout) == (0, f"{PERMALINKS}: every unit's URL is released\n")


def test_make_permalinks_starts_the_list_with_its_header(repo):
    (repo / PERMALINKS).unlink()
    fix = run(repo, "permalinks", "--fix")
    assert fix.returncode == 0, fix.stderr
    assert (repo / PERMALINKS).read_text(encoding="utf-8") == (ROOT / PERMALINKS).read_text(encoding="utf-8")


# --- make release refuses stale statuses -----------------------------------------------------------------
# A release publishes only statuses checked at most three months before its date; the error names the file, the
# line of the `as_of` and the target. The dates are read from the copy's YAML, so the tests hold for every release.

TIMELINE = "data/timeline.yaml"


def newest_release(repo: Path) -> tuple[str, date]:
    entry = yaml.safe_load((repo / "data/releases.yaml").read_text(encoding="utf-8"))["releases"][-1]
    return str(entry["version"]), entry["date"]


def months_before(day: date, months: int) -> str:
    """The month `months` calendar months before the day's month, as data/timeline.yaml writes a month."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return f"{year}-{month + 1:02d}"


def check_first_status_as_of(repo: Path, as_of: str) -> tuple[str, int]:
    """Set the first status's `as_of`; returns its target and the line."""
    data = yaml.safe_load((repo / TIMELINE).read_text(encoding="utf-8"))
    target = next(key for key, entry in data.items() if isinstance(entry, dict) and entry.get("status"))
    lines = (repo / TIMELINE).read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    line = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("as_of:"))
    lines[line] = re.sub(r"as_of: .*", f"as_of: {as_of}", lines[line])
    (repo / TIMELINE).write_text("".join(lines), encoding="utf-8")
    return target, line + 1


def test_make_release_refuses_a_status_checked_more_than_three_months_before_the_release(repo):
    version, released = newest_release(repo)
    as_of = months_before(released, 4)  # its last day plus three months falls in the month before the release's
    target, line = check_first_status_as_of(repo, as_of)
    for args in ((), ("--fix",)):
        result = run(repo, "release", *args)
        assert (result.returncode, result.stdout) == (1, "")
        assert result.stderr == (
            f"Bad input: {TIMELINE}:{line} [{target}]: status checked as of {as_of}, more than 3 months before "
            f"release {version} ({released.isoformat()}): check it again and update its 'as_of' (and its note) "
            "before the release\n")


def test_make_release_accepts_a_status_checked_within_three_months(repo):
    version, released = newest_release(repo)
    check_first_status_as_of(repo, months_before(released, 3))  # its last day plus three months: the release's month
    result = run(repo, "release")
    assert (result.returncode, result.stderr) == (0, "")


def test_make_release_counts_three_months_to_the_day(repo):
    _, released = newest_release(repo)
    assert released.day <= 28, "the test moves the release's day three months back"
    same_day = released.replace(year=released.year - (released.month <= 3), month=(released.month - 4) % 12 + 1)
    check_first_status_as_of(repo, same_day.isoformat())
    assert run(repo, "release").returncode == 0
    check_first_status_as_of(repo, (same_day - timedelta(days=1)).isoformat())
    result = run(repo, "release")
    assert result.returncode == 1 and "more than 3 months before" in result.stderr


def test_a_stale_status_does_not_stop_the_build(repo):
    """Freshness is judged against a release's date by the release command: the loader (every build) accepts it."""
    from scripts.sources.loader import load

    version, released = newest_release(repo)
    check_first_status_as_of(repo, months_before(released, 4))  # what the release refuses, above
    assert load(repo).release.version == version
