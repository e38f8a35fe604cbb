"""`make release` and `make permalinks` (python -m scripts release / permalinks), run as make runs them, on a
copy of the sources: each reports what is missing, writes it with --fix, and what it writes is what the repository
holds (the snapshot of release 1.1 and the released URLs were written by these commands)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
    assert released.endswith("cop28/#p25\nen/cop28/#p25\n")
    (repo / PERMALINKS).write_text(released.removesuffix("cop28/#p25\nen/cop28/#p25\n"), encoding="utf-8")
    check = run(repo, "permalinks")
    assert (check.returncode, check.stdout) == (
        1, f"{PERMALINKS}: 2 unit URL(s) not released yet, e.g. cop28/#p25; run `make permalinks`\n")
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
