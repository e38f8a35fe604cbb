"""The site generator, run as a program on the prepared tree: MkDocs with Material and the i18n plugin.

The one place that knows which generator the edition uses; the rest of the build hands it a folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path


class GeneratorFailed(RuntimeError):
    pass


def theme_dirs() -> list[Path]:
    """The installed theme's folder (MkDocs finds themes by this entry point too)."""
    (theme,) = entry_points(group="mkdocs.themes", name="material")
    return [Path(theme.load().__file__).parent]


# What the generator prints that is progress, not a problem: MkDocs' INFO lines and jieba's start-up lines
# (should a plugin load jieba again; Material's search plugin indexes no page now). Everything else (warnings,
# errors, tracebacks) is shown whole.
_PROGRESS = ("INFO", "DEBUG", "Building prefix dict", "Loading model", "Prefix dict has been built", "Dumping model")


def generate(build: Path, site: Path) -> None:
    """`mkdocs build --strict` of the prepared tree into `site`; a warning stops it.

    Never `--quiet`: MkDocs' `--quiet` raises its logger's level to ERROR, so the warnings `--strict` counts
    are never emitted and a broken link builds with exit 0. The progress lines are dropped here instead.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(build / "mkdocs.yml"),
               "--site-dir", str(site.resolve())]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    problems = "\n".join(_problems((result.stderr + result.stdout).splitlines()))
    if result.returncode != 0:
        raise GeneratorFailed(problems or f"mkdocs build exited with status {result.returncode}")
    if problems:
        print(problems, file=sys.stderr)


def _problems(lines: list[str]) -> list[str]:
    """The lines that are not progress; an indented line belongs to the record above it (MkDocs' INFO about
    pages outside the nav lists them on the lines below)."""
    kept, progress = [], False
    for line in lines:
        if not line.strip():
            continue
        if not line[0].isspace():
            progress = line.startswith(_PROGRESS)
        if not progress:
            kept.append(line)
    return kept
