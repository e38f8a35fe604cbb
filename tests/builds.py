"""Whole builds for the tests, started in the background.

A whole build is the suite's slowest step, and one process: the builds the collected tests need (the site, and
changed copies of the sources that test modules register with `background_build`) start as soon as the tests are
collected (tests/conftest.py), two at a time, while the first tests run; `built(name)` waits for one only when a
test asks for it. (One module holds the registry: pytest loads conftest.py under a name of its own, so a registry
there would exist twice.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name → how to make its sources in an empty folder (returns the sources' root: a changed copy, or ROOT itself)
_SOURCES: dict[str, Callable[[Path], Path]] = {}
_STARTED: dict[str, Future] = {}
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="build")
_FOLDERS: list[Path] = []


def build_site(root: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """The whole build of the sources under `root` (prepare → generator → finish), as `make build` runs it; the
    build tree goes beside the site, so that builds of one checkout never share it."""
    return subprocess.run([sys.executable, "-m", "scripts", "build", "--site-dir", str(site_dir),
                           "--build-dir", str(site_dir.parent / f"{site_dir.name}-build")],
                          cwd=root, capture_output=True, text=True)


def background_build(name: str) -> Callable[[Callable[[Path], Path]], Callable[[Path], Path]]:
    """Register how the sources of build `name` are made (a function given an empty folder, returning the sources'
    root); a fixture returns `built(name)`, and a test that uses that fixture has the build started early."""
    def register(make_sources: Callable[[Path], Path]) -> Callable[[Path], Path]:
        _SOURCES[name] = make_sources
        return make_sources
    return register


def _start(name: str) -> Future:
    if name not in _STARTED:
        if not _FOLDERS:
            _FOLDERS.append(Path(tempfile.mkdtemp(prefix="edition-builds-")))
        folder = _FOLDERS[0] / name

        def run() -> tuple[Path, subprocess.CompletedProcess]:
            folder.mkdir()
            return folder / "site", build_site(_SOURCES[name](folder), folder / "site")
        _STARTED[name] = _POOL.submit(run)
    return _STARTED[name]


def built(name: str) -> Path:
    """The site of the registered build `name`, once built (the test fails with the build's error if it failed)."""
    site_dir, result = _start(name).result()
    assert result.returncode == 0, result.stderr[-3000:]
    return site_dir


def start_needed(fixture_names: Iterable[Iterable[str]], first: str) -> None:
    """Start the registered builds among the fixtures the collected tests use: `first` first, then in the order
    the tests come."""
    needed = dict.fromkeys(name for names in fixture_names for name in names if name in _SOURCES)
    for name in sorted(needed, key=lambda name: name != first):
        _start(name)


def finish() -> None:
    _POOL.shutdown(wait=True, cancel_futures=True)
    for folder in _FOLDERS:
        shutil.rmtree(folder, ignore_errors=True)
