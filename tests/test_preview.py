"""`make serve` is a preview an editor can trust: an edit to a unit or a note shows after one rebuild, and a
bad edit shows its error whole (file and line), in a banner an editor cannot miss.

The tests that need a running preview share one (a build and each rebuild cost seconds); they run in this
file's order and leave its sources building."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from scripts.pipeline.serve import Preview
from tests.conftest import copy_sources
from tests.editing import edit, line_of


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in fetch(url):
            return True
        time.sleep(0.5)
    return False


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = copy_sources(tmp_path_factory.mktemp("preview"))
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "scripts", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(base + "en/energy-transition/", "Energy Efficiency Forum", 120), "the preview did not start"
        yield root, base
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_an_edit_to_a_unit_and_to_a_note_shows_after_one_rebuild(preview):
    root, base = preview
    edit(root, "docs/en/energy-transition.md", "China–U.S. Energy Efficiency Forum",
         "China–U.S. Energy Efficiency Forum (PREVIEW-EDIT)")
    assert wait_for(base + "en/energy-transition/", "(PREVIEW-EDIT)", 90), "the unit's edit never showed"
    notes = root / "data/notes.yaml"
    text = notes.read_text(encoding="utf-8")
    at = text.index("\n  en: >-\n", text.index("\np7:\n")) + len("\n  en: >-\n")
    notes.write_text(text[:at] + "    NOTE-EDIT\n" + text[at:], encoding="utf-8")
    assert wait_for(base + "en/energy-transition/", "NOTE-EDIT", 90), "the note's edit never showed"


def test_an_edit_to_the_chinese_pages_alone_shows_in_the_chinese_site(preview):
    """The warm worker builds again only the pages an edit changed, each in its own language's config, after
    pages of the other language: a Chinese page keeps the Chinese site's language and name, the English its."""
    root, base = preview
    notes = root / "data/notes.yaml"
    text = notes.read_text(encoding="utf-8")
    at = text.index("\n  zh: >-\n", text.index("\np7:\n")) + len("\n  zh: >-\n")
    notes.write_text(text[:at] + "    ZH-NOTE-EDIT\n" + text[at:], encoding="utf-8")
    assert wait_for(base + "energy-transition/", "ZH-NOTE-EDIT", 90), "the note's edit never showed"
    edit(root, "docs/en/energy-transition.md", "(PREVIEW-EDIT)", "(PREVIEW-EDIT-B)")
    assert wait_for(base + "en/energy-transition/", "(PREVIEW-EDIT-B)", 90), "the unit's edit never showed"
    for url, lang, name in ((base + "energy-transition/", "zh-Hans", "阳光之乡声明中英对照注释版"),
                            (base + "en/energy-transition/", "en", "The Sunnylands Statement: An Annotated")):
        html = fetch(url)
        assert f'<html lang="{lang}"' in html and "<title>" in html and name in html.split("<title>")[1][:200]
    assert "ZH-NOTE-EDIT" not in fetch(base + "en/energy-transition/")


def test_a_retitled_page_shows_in_every_page_s_navigation(preview):
    """A title stands in every page's navigation: the warm worker hands the edit to a whole build."""
    root, base = preview
    edit(root, "docs/en/energy-transition.md", "# Energy Transition", "# Energy Transition Retitled")
    assert wait_for(base + "en/methane/", "Energy Transition Retitled", 90), "the new title never showed"


def state(base: str) -> dict:
    return json.loads(fetch(base + "__preview__/state") or "{}")


def wait_for_error(base: str, present: bool, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while bool(state(base).get("error")) != present and time.monotonic() < deadline:
        time.sleep(0.5)
    return state(base)["error"]


def test_a_bad_edit_shows_the_build_error_and_the_preview_recovers(preview):
    root, base = preview
    edit(root, "docs/en/energy-transition.md", "{#p7}", "{#p7x}")
    assert wait_for_error(base, True).startswith(
        "Bad input: docs/en/energy-transition.md:9 [p7x]: 'p7x' is not a unit id")
    assert "Energy Efficiency Forum" in fetch(base + "en/energy-transition/"), "the last good pages stay served"
    edit(root, "docs/en/energy-transition.md", "{#p7x}", "{#p7}")
    assert wait_for_error(base, False) == ""


def test_a_broken_link_in_an_edited_page_is_an_error_as_in_a_strict_build(preview):
    """The warm worker builds the edited page alone, and as strictly as `make build`: MkDocs' warning fails it."""
    root, base = preview
    cite = root / "docs/en/cite.md"
    good = cite.read_text(encoding="utf-8")
    cite.write_text(good + "\nSee [the missing page](no-such-page.md).\n", encoding="utf-8")
    error = wait_for_error(base, True)
    assert error.startswith("WARNING") and "no-such-page.md" in error, error
    cite.write_text(good, encoding="utf-8")
    assert wait_for_error(base, False) == ""


@pytest.mark.browser
def test_a_multi_line_error_shows_whole_in_a_banner_over_the_page(preview, page):
    root, base = preview
    notes = root / "data/notes.yaml"
    good = notes.read_text(encoding="utf-8")
    line = line_of(root, "data/notes.yaml", "  en: >-", after="p7:")
    at = good.index("\n  en: >-\n", good.index("\np7:\n")) + len("\n  en: ")
    notes.write_text(good[:at] + "[" + good[at:], encoding="utf-8")  # a flow sequence never closed
    error = wait_for_error(base, True)
    page.goto(base + "en/energy-transition/")
    banner = page.locator('[role="alert"]', has_text=f"data/notes.yaml:{line}")
    banner.wait_for(state="visible", timeout=10000)
    shown = banner.inner_text()
    assert error.startswith(f"Bad input: data/notes.yaml:{line}: ") and error.count("\n") >= 2  # PyYAML's lines too
    assert " ".join(error.split()) in " ".join(shown.split()), "the banner shows the whole error"
    box = banner.bounding_box()
    assert box and box["y"] <= 0 and box["width"] >= 1280 - 1, f"the banner spans the top of the page: {box}"
    on_top = page.evaluate("""() => { const b = document.querySelector('[role="alert"]');
        return [[640, 5], [20, 20]].every(([x, y]) => b.contains(document.elementFromPoint(x, y))); }""")
    assert on_top, "the banner lies over Material's header, not under it"
    colors = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('[role="alert"]'));
        return [s.backgroundColor, s.color, s.fontSize, s.position]; }""")
    assert colors == ["rgb(176, 0, 32)", "rgb(255, 255, 255)", "16px", "fixed"]
    notes.write_text(good, encoding="utf-8")
    assert wait_for_error(base, False) == ""
    page.wait_for_function("() => !document.querySelector('[role=\"alert\"]') || "
                           "document.querySelector('[role=\"alert\"]').hidden", timeout=30000)


def test_a_change_to_the_python_code_applies_without_a_restart(preview):
    root, base = preview
    edit(root, "scripts/generators/render.py", '"""A link from this page to a file below the site root (a PDF, statement.json)."""',
         '"""A link from this page to a file below the site root."""\n        return "CODE-EDIT"')
    assert wait_for(base + "en/energy-transition/", 'href="CODE-EDIT"', 90), "the code's edit never applied"


def test_an_edit_to_a_template_shows(preview):
    root, base = preview
    edit(root, "overrides/edition/section.html", "{% for u in section.units %}",
         "<p>TEMPLATE-EDIT</p>\n\n{% for u in section.units %}")
    assert wait_for(base + "en/energy-transition/", "<p>TEMPLATE-EDIT</p>", 90), "the template's edit never showed"


# Each kind of bad edit, built as the preview builds it (no server needed: the build fails before the generator):
# (file, text there, its replacement, what the error starts with once "file:line: " is put before it).
BAD_EDITS = {
    "template": ("overrides/edition/section.html", "# {{ ctx.text(section.heading",
                 "# {{ ctx.nope }}{{ ctx.text(section.heading",
                 "jinja2.exceptions.UndefinedError: 'scripts.generators.render.PageContext object' has no attribute "
                 "'nope'"),
    "Python syntax": ("scripts/generators/render.py", '"""A link from this page to a file below the site root',
                      'def (:  """A link from this page to a file below the site root', "SyntaxError: "),
    "Python crash": ("scripts/generators/render.py", '"""A link from this page to a file below the site root',
                     'return undefined_name  # """A link from this page to a file below the site root',
                     "NameError: name 'undefined_name' is not defined"),
}


@pytest.mark.parametrize("kind", sorted(BAD_EDITS))
def test_a_crash_names_the_edition_file_and_line_that_caused_it(source_copy, tmp_path, kind):
    name, old, new, exception = BAD_EDITS[kind]
    line = line_of(source_copy, name, old)
    edit(source_copy, name, old, new)
    preview = Preview(source_copy, tmp_path / "build")
    preview.rebuild()
    preview.close()
    assert preview.error.startswith(f"{name}:{line}: {exception}"), preview.error
    assert json.loads(preview.state())["error"] == preview.error


def test_the_warm_worker_s_update_equals_a_whole_build_of_the_edited_sources(source_copy):
    """The pages the warm worker builds again after an edit to a unit's English and a note's Chinese are, byte for
    byte, those a whole `build --preview` makes of the edited sources, and so is every page it left alone (the
    search indexes aside: they are the last whole build's, as the README says)."""
    worker = subprocess.Popen([sys.executable, "-m", "scripts.pipeline.warm", str(source_copy),
                               str(source_copy / "build"), str(source_copy / "warm")], cwd=source_copy,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert worker.stdin and worker.stdout
    assert json.loads(worker.stdout.readline())["ok"]
    edit(source_copy, "docs/en/energy-transition.md", "Energy Efficiency Forum", "Energy Efficiency Forum (edit Q)")
    notes = source_copy / "data/notes.yaml"
    text = notes.read_text(encoding="utf-8")
    at = text.index("\n  zh: >-\n", text.index("\np7:\n")) + len("\n  zh: >-\n")
    notes.write_text(text[:at] + "    编者注释有改动。\n" + text[at:], encoding="utf-8")
    worker.stdin.write("\n")
    worker.stdin.flush()
    outcome = json.loads(worker.stdout.readline())
    worker.stdin.close()
    worker.wait(timeout=60)
    assert outcome["ok"] and 0 < outcome["pages"] < 44, outcome
    subprocess.run([sys.executable, "-m", "scripts", "build", "--preview", "--site-dir", str(source_copy / "whole"),
                    "--build-dir", str(source_copy / "build-whole")], cwd=source_copy, check=True, capture_output=True)
    warm, whole = ({path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*")
                    if path.is_file() and path.name not in ("search_index.json", "edition_index.json")}
                   for site in (source_copy / "warm", source_copy / "whole"))
    assert "(edit Q)" in whole["en/energy-transition/index.html"].decode()
    assert "编者注释有改动" in whole["energy-transition/index.html"].decode()
    assert sorted(warm) == sorted(whole)
    assert [path for path in warm if warm[path] != whole[path]] == []

