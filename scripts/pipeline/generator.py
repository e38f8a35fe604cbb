"""The site generator, run as a program on the prepared tree: MkDocs with Material and the i18n plugin.

The one place that knows which generator the edition uses; the rest of the build hands it a folder.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any


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



class NeedsFullBuild(Exception):
    """An edit that changes more than the pages' own output (a page added, removed or retitled)."""


@dataclass
class _Built:
    """What MkDocs held when it built one page: enough to build that page again alone."""

    page: Any
    language: str
    config: Any
    files: Any
    doc_files: Any = None
    nav: Any = None
    env: Any = None


class LiveSite:
    """MkDocs in this process, for the preview's warm worker. A whole build remembers each page's context
    (config, files, navigation, Jinja environment, language), so that an edit builds again only the pages
    whose prepared source changed, through MkDocs' own page functions and the plugins' page events: no other
    page, no static file, no search index. Strict as `generate`: a warning stops the update."""

    def __init__(self, build: Path, site: Path):
        self.build, self.site = build.resolve(), site.resolve()
        self.pages: dict[Path, _Built] = {}

    def generate(self) -> None:
        """The whole site, as `generate` builds it, remembering each page."""
        from mkdocs.commands import build as mkdocs_build
        from mkdocs.config import load_config
        from mkdocs.exceptions import Abort

        os.environ["NO_MKDOCS_2_WARNING"] = "1"
        config = load_config(config_file=str(self.build / "mkdocs.yml"), site_dir=str(self.site), strict=True)
        pages: dict[Path, _Built] = {}
        populate_page, build_page = mkdocs_build._populate_page, mkdocs_build._build_page

        def populate(page, config, files, dirty=False):
            pages[Path(page.file.abs_src_path)] = _Built(page, config.plugins["i18n"].current_language, config, files)
            return populate_page(page, config, files, dirty)

        def build(page, config, doc_files, nav, env, dirty=False, excluded=False):
            built = pages[Path(page.file.abs_src_path)]
            built.doc_files, built.nav, built.env = doc_files, nav, env
            return build_page(page, config, doc_files, nav, env, dirty, excluded)

        mkdocs_build._populate_page, mkdocs_build._build_page = populate, build
        try:
            with _Warnings() as warnings:
                mkdocs_build.build(config)
        except Abort as error:
            raise GeneratorFailed("\n".join(warnings.messages) or str(error)) from None
        finally:
            mkdocs_build._populate_page, mkdocs_build._build_page = populate_page, build_page
        self.pages = pages

    def update(self, changed: set[Path]) -> list[Path]:
        """Build again the pages whose prepared source changed; returns the HTML files written."""
        from mkdocs.commands import build as mkdocs_build

        known = [self.pages.get(path.resolve()) if path.exists() else None for path in sorted(changed)]
        if not all(built and built.env for built in known):
            raise NeedsFullBuild
        written = []
        for built in sorted(filter(None, known), key=lambda built: built.language):
            config, i18n = built.config, built.config.plugins["i18n"]
            if i18n.current_language != built.language:  # the shared config becomes the language's again
                i18n.current_language = built.language
                config = i18n.on_config(config)
            title = built.page.title
            with _Warnings() as warnings:
                mkdocs_build._populate_page(built.page, config, built.files)
                if built.page.title != title:  # every page's navigation names it
                    raise NeedsFullBuild
                mkdocs_build._build_page(built.page, config, built.doc_files, built.nav, built.env)
                built.page.validate_anchor_links(files=built.files, log_level=config.validation.links.anchors)
            if warnings.messages:
                raise GeneratorFailed("\n".join(warnings.messages))
            written.append(Path(built.page.file.abs_dest_path))
        return written


class _Warnings(logging.Handler):
    """MkDocs' warnings and errors while building, as the lines `generate` would show (strict: they fail)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname:<8}-  {record.getMessage()}")

    def __enter__(self) -> _Warnings:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("mkdocs").removeHandler(self)
