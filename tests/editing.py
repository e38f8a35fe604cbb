"""Break a copy of the sources in one place, and read the error the loader stops with.

The loader reads `docs/` and `data/` alone, so a copy of those two is all a test of bad input needs
(`tests.conftest.copy_sources` copies the templates and the code too, for a build)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from scripts.errors import SourceError
from scripts.sources.loader import load

ROOT = Path(__file__).resolve().parent.parent


def copy_for_loading(target: Path) -> Path:
    """A copy of what `scripts.sources.loader.load` reads (docs/ and data/), for a test to break."""
    for part in ("docs", "data"):
        shutil.copytree(ROOT / part, target / part)
    return target


def edit(root: Path, name: str, old: str, new: str) -> None:
    """Replace the first `old` in a file with `new`; `old` must be there."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def drop_line(root: Path, name: str, needle: str) -> None:
    """Remove every line holding `needle`."""
    path = root / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert any(needle in line for line in lines), f"{needle!r} not in {name}"
    path.write_text("".join(line for line in lines if needle not in line), encoding="utf-8")


def replace_line(root: Path, name: str, needle: str, new: str) -> None:
    """Replace the one line holding `needle` with `new`."""
    path = root / name
    lines = path.read_text(encoding="utf-8").splitlines()
    assert sum(needle in line for line in lines) == 1, f"{needle!r} not on one line of {name}"
    path.write_text("".join((new if needle in line else line) + "\n" for line in lines), encoding="utf-8")


def append(root: Path, name: str, text: str) -> None:
    with (root / name).open("a", encoding="utf-8") as file:
        file.write(text)


def write(root: Path, name: str, text: str) -> None:
    (root / name).write_text(text, encoding="utf-8")


def line_of(root: Path, name: str, needle: str, after: str | None = None) -> int:
    """The number of the first line holding `needle` (below the first line holding `after`, if given)."""
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    start = 0 if after is None else next(i for i, line in enumerate(lines) if after in line)
    return next(number for number, line in enumerate(lines[start:], start=start + 1) if needle in line)


def rewrite_yaml(root: Path, name: str, change) -> None:
    """Load a YAML file, let `change` alter the data, and write it back (for edits that span many lines)."""
    path = root / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def error_of(root: Path, preview: bool = False) -> SourceError:
    """The error that loading `root` stops with (the test fails if it loads)."""
    with pytest.raises(SourceError) as caught:
        load(root, preview=preview)
    return caught.value
