"""Shared fixtures: the model, one strict build of the site, a loopback server and Debian's chromium."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from scripts.sources.authority import read_authority
from scripts.sources.loader import load

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# As root and on a closed network: no sandbox, and no background calls to Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SOURCE_PARTS = ("docs", "data", "overrides", "scripts", "mkdocs.yml")


@pytest.fixture(scope="session")
def statement():
    return load(ROOT)


@pytest.fixture(scope="session")
def authority():
    return read_authority(ROOT / "data" / "authority.zh.md", "data/authority.zh.md")


def build_site(root: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """The whole build of the sources under `root` (prepare → generator → finish), as `make build` runs it; the
    build tree goes beside the site, so that builds of one checkout never share it."""
    return subprocess.run([sys.executable, "-m", "scripts", "build", "--site-dir", str(site_dir),
                           "--build-dir", str(site_dir.parent / f"{site_dir.name}-build")],
                          cwd=root, capture_output=True, text=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("build") / "site"
    result = build_site(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def statement_json(site) -> dict:
    return json.loads((site / "statement.json").read_text(encoding="utf-8"))


def copy_sources(target: Path) -> Path:
    """A copy of the sources under `target`, for a test to change."""
    for part in SOURCE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, target / part, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        else:
            shutil.copy(src, target / part)
    return target


@pytest.fixture
def source_copy(tmp_path) -> Path:
    """A copy of the sources that a test may break."""
    return copy_sources(tmp_path)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """The built site over HTTP on loopback; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()
