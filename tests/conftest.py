"""Shared fixtures: the model, one strict build of the site (started in the background as soon as the tests are
collected, with the other whole builds they need: tests/builds.py), a loopback server and Debian's chromium."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest

from scripts.sources.authority import read_authority
from scripts.sources.loader import load
from tests import builds
from tests.builds import background_build, build_site, built

__all__ = ["background_build", "build_site", "built"]  # for the test modules that build sources of their own

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


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected what will not run
def pytest_collection_modifyitems(session, config, items) -> None:
    """Start the registered builds the collected tests need: the site first, then in the order tests use them."""
    builds.start_needed([getattr(item, "fixturenames", ()) for item in items], first="site")


def pytest_sessionfinish(session, exitstatus) -> None:
    builds.finish()


background_build("site")(lambda folder: ROOT)


@pytest.fixture(scope="session")
def site() -> Path:
    return built("site")


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
def open_page(browser, server):
    """A page of the built site in a fresh browser context of the given viewport."""
    contexts = []

    def open_(url: str, viewport: dict, **options):
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(server + url)
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()
