"""`make serve` is a preview an editor can trust: an edit to a unit or a note shows after one rebuild."""

from __future__ import annotations

import os
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
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=source_copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
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
