"""The locks are what `make lock` writes from pyproject.toml: every direct pin locked at its version, every
locked package hashed (pip --require-hashes refuses anything else), the test lock holding the build
lock's packages at the same versions, and the build lock free of Playwright and pytest (`make serve`
installs neither). Offline: a stale lock is caught without asking PyPI."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements: list[str]) -> dict[str, str]:
    found = {}
    for requirement in requirements:
        match = REQUIREMENT.match(requirement)
        assert match, f"pyproject.toml: {requirement!r} is not pinned exactly"
        found[normal(match[1])] = match[2]
    return found


def locked(name: str) -> dict[str, str]:
    """The lock's packages and versions; each must carry a sha256 hash."""
    versions: dict[str, str] = {}
    hashes: dict[str, int] = {}
    package = None
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        if match := REQUIREMENT.match(line):
            package = normal(match[1])
            versions[package] = match[2]
            hashes[package] = 0
        elif package and line.strip().startswith("--hash=sha256:"):
            hashes[package] += 1
    unhashed = sorted(package for package, count in hashes.items() if count == 0)
    assert not unhashed, f"{name}: no hash for {unhashed}"
    return versions


def test_locks_hold_pyproject_pins() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    build, test = pins(project["dependencies"]), pins(project["optional-dependencies"]["test"])
    build_lock, test_lock = locked("requirements.lock"), locked("requirements-test.lock")
    stale = {name: (version, build_lock.get(name)) for name, version in build.items() if build_lock.get(name) != version}
    stale |= {name: (version, test_lock.get(name)) for name, version in (build | test).items()
              if test_lock.get(name) != version}
    assert not stale, f"pyproject.toml pin vs. lock (run `make lock`): {stale}"
    moved = {name: (version, test_lock.get(name)) for name, version in build_lock.items() if test_lock.get(name) != version}
    assert not moved, f"requirements-test.lock must keep requirements.lock's versions: {moved}"
    assert not {"playwright", "pytest"} & set(build_lock), "the build lock holds the test extra"
