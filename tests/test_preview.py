"""`make serve` is a preview an editor can trust: an edit to a unit or a note shows after one rebuild."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.test_bad_input import edit


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


@pytest.fixture
def preview(source_copy):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "scripts", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=source_copy, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(base + "en/energy-transition/", "Energy Efficiency Forum", 120), "the preview did not start"
        yield source_copy, base
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


def state(base: str) -> dict:
    return json.loads(fetch(base + "__preview__/state") or "{}")


def test_a_bad_edit_shows_the_build_error_and_the_preview_recovers(preview):
    root, base = preview
    edit(root, "docs/en/energy-transition.md", "{#p7}", "{#p7x}")
    deadline = time.monotonic() + 90
    while not state(base).get("error") and time.monotonic() < deadline:
        time.sleep(0.5)
    assert state(base)["error"].startswith("Bad input: docs/en/energy-transition.md:9 [p7x]: 'p7x' is not a unit id")
    assert "Energy Efficiency Forum" in fetch(base + "en/energy-transition/"), "the last good pages stay served"
    edit(root, "docs/en/energy-transition.md", "{#p7x}", "{#p7}")
    deadline = time.monotonic() + 90
    while state(base).get("error") and time.monotonic() < deadline:
        time.sleep(0.5)
    assert state(base)["error"] == ""


def test_a_change_to_the_python_code_applies_without_a_restart(preview):
    root, base = preview
    edit(root, "scripts/generators/render.py", '"""A link from this page to a file below the site root (a PDF, statement.json)."""',
         '"""A link from this page to a file below the site root."""\n        return "CODE-EDIT"')
    assert wait_for(base + "en/energy-transition/", 'href="CODE-EDIT"', 90), "the code's edit never applied"
