"""Upgrade fences around Material: the edition's copies of its templates are checked against the installed
Material, and every correction of Material's output (scripts/pipeline/material_fixes.py) stops the build when
the output it corrects has changed."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from scripts.pipeline.generator import theme_dirs
from scripts.pipeline.material_fixes import (MaterialChanged, WORKER_GLOB, fix_page_html, fix_search_worker,
                                          search_worker)
from tests.conftest import ROOT

pytestmark = pytest.mark.fast

OVERRIDES = ROOT / "overrides"
# Each Material template (or block of base.html) the edition copied and changed, with the SHA-256 of the
# original it was copied from (Material 9.8.2). When Material changes one, re-make the copy from the new
# original, then record the new hash here.
UPSTREAM = {
    "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    "partials/alternate.html": "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b",
    "partials/copyright.html": "bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea",
    "base.html#site_meta": "26f3fa30991041e52860342b32b079b4c576cb769766e265537384d7a5d4643b",
    "base.html#config": "b84001acaa9dc3791d04b24d2533025797fbe59d71702bd25693fe05aac34ddf",
}
# The two partials copied whole for one attribute: the copy must be the original with that attribute alone.
ONE_ATTRIBUTE = {
    "partials/search.html": ('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">'),
    "partials/alternate.html": ('hreflang="{{ alt.lang }}" class', 'hreflang="{{ alt.lang }}" lang="{{ alt.lang }}" class'),
}
_LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)


def _material() -> Path:
    return theme_dirs()[0]


def _original(templates: Path, name: str) -> str:
    file, _, block = name.partition("#")
    text = (templates / file).read_text(encoding="utf-8")
    if not block:
        return text
    match = re.search(r"\{% block " + block + r" %\}.*?\{% endblock %\}", text, re.S)
    return match.group(0) if match else ""


def upstream_changes(templates: Path) -> list[str]:
    """The copied originals that differ from those the edition's copies were made from."""
    return [name for name, digest in UPSTREAM.items()
            if hashlib.sha256(_original(templates, name).encode()).hexdigest() != digest]


def test_the_originals_of_the_edition_copies_of_material_templates_are_unchanged():
    assert upstream_changes(_material()) == []


def test_a_changed_original_is_caught(tmp_path):
    templates = tmp_path / "templates"
    for name in {name.partition("#")[0] for name in UPSTREAM}:
        (templates / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(_material() / name, templates / name)
    assert upstream_changes(templates) == []
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace('"search.result.none"', '"search.result.empty"'),
                    encoding="utf-8")
    partial = templates / "partials" / "alternate.html"
    partial.write_text(partial.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert upstream_changes(templates) == ["partials/alternate.html", "base.html#config"]


@pytest.mark.parametrize("name", sorted(ONE_ATTRIBUTE))
def test_a_one_attribute_copy_is_the_installed_original_with_that_attribute(name):
    original, copy = (_LEADING_COMMENT.sub("", path.read_text(encoding="utf-8"))
                      for path in (_material() / name, OVERRIDES / name))
    old, new = ONE_ATTRIBUTE[name]
    assert original.count(old) == 1
    assert copy == original.replace(old, new)


# --- Each MaterialChanged guard fires on changed input ------------------------------------------------

PAGE = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'


def test_the_checkbox_fix_removes_the_attribute_and_refuses_a_page_without_it():
    assert fix_page_html(PAGE) == PAGE.replace(' autocomplete="off"', "")
    assert fix_page_html("<p>no toggle</p>") == "<p>no toggle</p>"
    with pytest.raises(MaterialChanged, match="no longer carry autocomplete"):
        fix_page_html(PAGE.replace(' autocomplete="off"', ' autocomplete="on"'))


def _worker(folder: Path, name: str, code: str) -> Path:
    path = folder / WORKER_GLOB.replace("*", name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(code, encoding="utf-8")
    return path


@pytest.mark.parametrize("names", [(), ("aaaa", "bbbb")])
def test_the_worker_must_be_found_once_in_the_theme(tmp_path, names):
    for name in names:
        _worker(tmp_path, name, "")
    with pytest.raises(MaterialChanged, match="expected one search worker"):
        search_worker([str(tmp_path)])


def test_the_installed_theme_has_one_worker_whose_cut_loop_the_fix_knows(tmp_path):
    name = search_worker([str(path) for path in theme_dirs()])
    worker = tmp_path / name
    worker.parent.mkdir(parents=True)
    shutil.copy(theme_dirs()[0] / name, worker)
    fix_search_worker(tmp_path)
    fixed = worker.read_text(encoding="utf-8")
    assert "o<=t.length;o++)t.slice(s,o)in e" in fixed
    fix_search_worker(tmp_path)  # idempotent: a second finish over the same site changes nothing
    assert worker.read_text(encoding="utf-8") == fixed


@pytest.mark.parametrize("names", [(), ("aaaa", "bbbb")])
def test_the_worker_fix_needs_one_worker_in_the_site(tmp_path, names):
    for name in names:
        _worker(tmp_path, name, "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e")
    with pytest.raises(MaterialChanged, match="expected one search worker"):
        fix_search_worker(tmp_path)


def test_the_worker_fix_refuses_a_reminified_worker(tmp_path):
    _worker(tmp_path, "cccc", "for(let i=r+1;i<n.length;i++)n.slice(r,i)in a")
    with pytest.raises(MaterialChanged, match="re-check the fix"):
        fix_search_worker(tmp_path)
