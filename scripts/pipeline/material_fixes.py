"""Corrections to Material's output that its templates give no block to override.

Each fix names what it corrects; a fix that no longer applies stops the build (MaterialChanged), so
that an upgrade of Material is re-checked rather than silently shipped without the fix.
"""

from __future__ import annotations

import re
from pathlib import Path

# base.html puts autocomplete="off" on its two toggle checkboxes (outside any block); HTML allows
# autocomplete only on text-like inputs, so the Nu Html Checker rejects every page.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')

# The search worker cuts a Chinese query into words of the index, longest first, but its loop stops one
# character short of the query's end: 二轨 is searched as 二, 全球盘点 as 全球. Let the loop reach the end.
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
# The worker the pages start: the edition's, beside Material's, which it loads and whose results it reorders
# (phrase matches first: overrides/assets/javascripts/workers/edition-search.js).
PAGE_WORKER = "assets/javascripts/workers/edition-search.js"
_CUT_LOOP = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e"
_CUT_LOOP_FIXED = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"


class MaterialChanged(RuntimeError):
    pass


def fix_page_html(html: str) -> str:
    """A page without the checkbox attribute it corrects means Material changed: the build stops."""
    fixed, count = _CHECKBOX_AUTOCOMPLETE.subn(r"\1", html)
    if '<input class="md-toggle"' in html and count == 0:
        raise MaterialChanged('Material\'s toggle checkboxes no longer carry autocomplete="off"; re-check '
                              "fix_page_html in scripts/pipeline/material_fixes.py")
    return fixed


def search_worker(theme_dirs: list[str]) -> str:
    """The search worker's path below the site root, found in the theme (its name carries a hash that
    changes with every Material release, so the repository never names it)."""
    workers = sorted({path.relative_to(folder).as_posix() for folder in map(Path, theme_dirs)
                      for path in folder.glob(WORKER_GLOB)})
    if len(workers) != 1:
        raise MaterialChanged(f"expected one search worker matching {WORKER_GLOB} in the theme, found {workers}")
    return workers[0]


def page_worker(theme_dirs: list[str]) -> str:
    """The search worker the pages start, below the site root, with the name of Material's that it loads."""
    return f"{PAGE_WORKER}?material={Path(search_worker(theme_dirs)).name}"


def fix_search_worker(site: Path) -> None:
    """Patch the built search worker in place (idempotent)."""
    workers = sorted(site.glob(WORKER_GLOB))
    if len(workers) != 1:
        raise MaterialChanged(f"expected one search worker matching {WORKER_GLOB}, found {len(workers)}")
    code = workers[0].read_text(encoding="utf-8")
    if code.count(_CUT_LOOP_FIXED) == 1:
        return
    if code.count(_CUT_LOOP) != 1:
        raise MaterialChanged(f"{workers[0].name}: the Chinese query cut of Material's search worker changed; "
                              "re-check the fix in scripts/pipeline/material_fixes.py")
    workers[0].write_text(code.replace(_CUT_LOOP, _CUT_LOOP_FIXED), encoding="utf-8")
