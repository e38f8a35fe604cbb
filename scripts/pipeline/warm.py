"""The preview's warm worker: a process that keeps the edition's code, its templates and MkDocs' state between
edits, so that an edit to docs/ or data/ rebuilds only the pages it changed.

`python -m scripts.pipeline.warm ROOT BUILD SITE`, run in ROOT (whose code it imports), builds the whole
preview into SITE (as `build --preview`: no PDFs, no CSP; MkDocs in this process). Then, for each line read
on its input, it reloads the model, prepares every page again (writing only those that changed; the YAML
files that did not change are not parsed again) and has MkDocs build again only those pages, in their
language, and writes statement.json again; the search indexes stay those of the whole build. Each build's
outcome is one JSON line on its output: `ok`, `error` (or a crash's `traceback`), or `whole` when the edit
needs a whole build (a page added, removed or retitled), which serve.py makes in a fresh worker.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from itertools import chain
from pathlib import Path
from typing import TextIO

from scripts.errors import SourceError
from scripts.generators.render import Renderer
from scripts.generators.search_index import prepare_jieba
from scripts.generators.statement_json import statement_json
from scripts.pipeline import finish, generator, prepare
from scripts.pipeline.config import read_config
from scripts.pipeline.material_fixes import MaterialChanged
from scripts.pipeline.output import build_epoch, write_if_changed
from scripts.sources.loader import load


class Worker:
    def __init__(self, root: Path, build: Path, site: Path):
        self.root, self.build, self.site = root, build, site
        self.config = read_config(root)
        self.renderer = Renderer(root / "overrides" / "edition")
        self.theme_dirs = generator.theme_dirs()
        self.live = generator.LiveSite(build, site)
        self.pending: set[Path] = set()  # prepared files written since the last good build of their pages
        self.built = False  # the whole build succeeded: there is a site to update

    def whole(self) -> int:
        """Every page, MkDocs' whole build, finish as the preview's (no PDFs, no CSP)."""
        statement = load(self.root, preview=True)
        pages = prepare.prepare(self.root, self.build, statement, self.config, self.theme_dirs, self.renderer)
        self.live.generate()
        prepare_jieba(statement.search)
        finish.finish(statement, self.root, self.site, self.config, pages, preview=True)
        self.pending.clear()
        self.built = True
        return len(pages)

    def update(self) -> int:
        """The pages an edit changed, in the language(s) it changed. A page added, removed or retitled (a
        prepared file LiveSite did not build) needs a whole build, which serve.py makes in a fresh worker, into
        the other folder, so that the pages served stay those of the last good build."""
        if not self.built:
            raise generator.NeedsFullBuild
        statement = load(self.root, preview=True)
        prepare.prepare(self.root, self.build, statement, self.config, self.theme_dirs, self.renderer,
                        self.pending)
        written = self.live.update(self.pending)
        for page in written:
            html = page.read_text(encoding="utf-8")
            write_if_changed(page, finish.corrected(html, statement.ui["colon"]))
        write_if_changed(self.site / "statement.json", statement_json(statement, self.config.site_url))
        self.pending.clear()
        return len(written)


def outcome(build) -> dict:
    """A build's outcome as serve.py shows it: the loader's or generator's message, or a crash's traceback
    (serve.py names the edition's file and line in it)."""
    try:
        return {"ok": True, "error": "", "pages": build()}
    except generator.NeedsFullBuild:
        return {"ok": False, "error": "", "whole": True}
    except SourceError as error:
        return {"ok": False, "error": f"Bad input: {error}"}
    except (generator.GeneratorFailed, MaterialChanged) as error:
        return {"ok": False, "error": str(error)}
    except Exception:  # a crash: the editor needs its place, not a dead preview
        return {"ok": False, "traceback": traceback.format_exc()}


def main(argv: list[str], out: TextIO) -> int:
    root, build, site = (Path(arg) for arg in argv)
    sys.stdout = sys.stderr  # the output carries outcomes only
    os.environ.setdefault("SOURCE_DATE_EPOCH", build_epoch(root))
    worker = Worker(root, build, site)
    for run in chain([worker.whole], (worker.update for _ in iter(sys.stdin.readline, ""))):
        print(json.dumps(outcome(run)), file=out, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], sys.stdout))
