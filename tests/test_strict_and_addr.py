"""The two faults that cost every contributor: a build that says it is strict must stop on a warning, and
the preview must serve at the address one asks for (`make serve ADDR=…`), as its own error message says."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.editing import append
from tests.test_preview import fetch, free_port


def build(repo: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts", "build", "--preview", "--site-dir", str(repo / "site"),
                           "--build-dir", str(repo / "build")], cwd=repo, capture_output=True, text=True)


def test_a_broken_markdown_link_stops_the_build_with_the_warning(source_copy):
    # A link to a page that does not exist, in a page's prose (its Markdown body is passed on as written):
    # MkDocs warns about it, and --strict must turn that warning into a failed build.
    append(source_copy, "docs/en/cite.md", "\nSee [the missing page](no-such-page.md).\n")
    result = build(source_copy)
    assert result.returncode == 1, result.stderr
    assert "no-such-page.md" in result.stderr
    assert "strict mode" in result.stderr
    assert "Built " not in result.stderr


@pytest.fixture
def make_repo(source_copy) -> Path:
    """The copy with the Makefile, its locks and the installed virtual environment (same locks, same stamps)."""
    for name in ("Makefile", "requirements.lock", "requirements-test.lock"):
        shutil.copy(ROOT / name, source_copy / name)
    (source_copy / ".venv").symlink_to(ROOT / ".venv")
    return source_copy


def test_make_serve_serves_at_the_address_given_in_addr(make_repo):
    port = free_port()
    server = subprocess.Popen(["make", "--no-print-directory", "serve", f"ADDR=127.0.0.1:{port}"], cwd=make_repo,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        assert server.stdout is not None
        lines = []
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Serving the preview" in line:
                break
        output = "".join(lines)
        # Progress is printed before the first build, which takes seconds, and names the address asked for.
        assert f"Building the preview for http://127.0.0.1:{port}/" in output
        assert output.index("Building the preview") < output.index("Serving the preview"), output
        assert "Sunnylands" in fetch(f"http://127.0.0.1:{port}/en/")
    finally:
        subprocess.run(["kill", "--", f"-{server.pid}"], check=False)
        server.wait(timeout=30)


def test_a_busy_port_names_the_addr_to_try(make_repo):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(["make", "--no-print-directory", "serve", f"ADDR=127.0.0.1:{port}"], cwd=make_repo,
                                capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert f"Cannot serve at 127.0.0.1:{port}" in result.stdout
    assert f"make serve ADDR=127.0.0.1:{port + 1}" in result.stdout


def test_an_address_without_a_port_is_refused_with_the_form_to_use():
    result = subprocess.run([sys.executable, "-m", "scripts", "serve", "--dev-addr", "localhost"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "give HOST:PORT, e.g. make serve ADDR=127.0.0.1:8001" in result.stderr
