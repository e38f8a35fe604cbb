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


def generate(build: Path, site: Path, quiet: bool = False) -> None:
    """`mkdocs build --strict` of the prepared tree into `site`."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(build / "mkdocs.yml"),
               "--site-dir", str(site.resolve())] + (["--quiet"] if quiet else [])
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise GeneratorFailed((result.stderr or result.stdout).strip())
    output = "\n".join(line for line in result.stderr.splitlines() if line.strip())
    if output and not quiet:
        print(output, file=sys.stderr)
