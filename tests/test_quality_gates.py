"""Quality gates over every kind of page in both languages; each gate is shown to catch a broken page."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.checks.accessibility import check_axe, check_passage_lang
from scripts.checks.html_validity import check_html
from scripts.checks.links import check_links
from tests.conftest import ROOT, background_build, built, copy_sources

BROKEN_MARKDOWN = """
<img src="../assets/images/favicon.png">

[A dangling fragment](text.md#no-such-unit)

<script src="https://cdn.example.com/tracker.js"></script>
"""


def page_urls(statement) -> list[str]:
    """Each kind of page once in each language; the section pages, which share one template, by a clause's
    permanent URL (a plain section in Chinese, one with lettered items in English)."""
    return [url for pair in kind_pairs(statement) for url in pair]


def kind_pairs(statement) -> list[tuple[str, str]]:
    """Each kind of page: its Chinese and its English URL."""
    pairs = [(page.url.zh, page.url.en) for page in statement.pages if page.kind != "section"]
    frozen = tuple(statement.release_url(statement.releases[0].version, lang) for lang in ("zh", "en"))
    return pairs + [frozen, (statement.unit_url(statement.unit("p6"), "zh"),
                             statement.unit_url(statement.unit("p24-3"), "en"))]


def axe_urls(statement, scheme: str) -> list[str]:
    """axe runs once per kind of page and scheme: each kind in one language in the light scheme and in the other
    in the dark one, so that both schemes and both languages of every kind are checked."""
    first = 0 if scheme == "light" else 1
    return [pair[(index + first) % 2] for index, pair in enumerate(kind_pairs(statement))]


@background_build("broken_site")
def broken_sources(folder: Path) -> Path:
    """Sources whose English home page has three deliberate defects."""
    root = copy_sources(folder)
    with (root / "docs" / "en" / "index.md").open("a", encoding="utf-8") as page:
        page.write(BROKEN_MARKDOWN)
    return root


@pytest.fixture(scope="module")
def broken_site() -> Path:
    """The site built from the broken sources."""
    return built("broken_site")


background_build("site_again")(lambda folder: ROOT)  # the same sources, built a second time (reproducible)


@pytest.fixture(scope="module")
def site_again() -> Path:
    return built("site_again")


# --- links --------------------------------------------------------------------------------------

def test_no_broken_links_or_fragments_and_nothing_loaded_from_elsewhere(site):
    report = check_links(site)
    assert [str(problem) for problem in report.problems] == []


def test_link_gate_catches_a_dangling_fragment_and_a_foreign_script(broken_site):
    problems = {(p.page, p.rule) for p in check_links(broken_site).problems}
    assert ("en/index.html", "broken-fragment") in problems
    assert ("en/index.html", "loads-from-another-host") in problems
    assert {page for page, _ in problems} == {"en/index.html"}


# --- valid HTML ---------------------------------------------------------------------------------

def test_every_page_is_valid_html(site):
    assert [str(problem) for problem in check_html(site.resolve())] == []


def test_html_gate_catches_an_image_without_alt(broken_site, tmp_path):
    page = tmp_path / "en" / "index.html"  # the broken page alone: vnu over the whole site takes tens of seconds
    page.parent.mkdir()
    shutil.copy(broken_site / "en" / "index.html", page)
    problems = check_html(tmp_path.resolve())
    assert any(p.page == "en/index.html" and "alt" in p.detail and "<img" in p.element for p in problems)


# --- accessibility ------------------------------------------------------------------------------

# axe's WCAG 2.2 AA rules include target-size (2.5.8): on a phone (390 px) and a desktop (1280 px).
WIDTHS = pytest.mark.parametrize("width", [390, 1280])


@pytest.mark.browser
@WIDTHS
def test_every_page_kind_passes_axe_and_marks_passage_languages(browser, server, statement, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    problems = []
    axed = axe_urls(statement, "light")
    for url in page_urls(statement):
        page.goto(server + url)
        problems += check_passage_lang(page, url) + (check_axe(page, url) if url in axed else [])
    context.close()
    assert [str(problem) for problem in problems] == []


@pytest.mark.browser
@WIDTHS
def test_the_dark_scheme_passes_axe_on_every_page_kind(browser, server, statement, width):
    """A reader whose system asks for dark gets Material's slate scheme, and every edition element (notes,
    highlight, tips, timeline, cite panel, history) keeps its contrast there."""
    context = browser.new_context(color_scheme="dark", viewport={"width": width, "height": 800})
    page = context.new_page()
    problems = []
    for url in axe_urls(statement, "dark"):
        page.goto(server + url)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate", url
        page.evaluate("""document.querySelectorAll('.edition-toggle[aria-expanded="false"]')
                         .forEach(toggle => toggle.click())""")  # notes, cite panels, history opened
        problems += check_axe(page, url)
    context.close()
    assert [str(problem) for problem in problems] == []


@pytest.mark.browser
def test_accessibility_gate_catches_an_image_without_alt(browser, broken_site):
    page = browser.new_page()
    page.goto((broken_site / "en" / "index.html").as_uri())
    assert any(p.rule == "image-alt" and "favicon.png" in p.element for p in check_axe(page, "en/"))
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("url", ["energy-transition/", "en/parallel/"])
def test_keyboard_reaches_every_control_in_order(page, server, url):
    page.goto(server + url)
    count = page.evaluate("""() => {
        const controls = [...document.querySelectorAll('.edition-copy, .edition-permalink')];
        controls.forEach((control, index) => control.dataset.order = index);
        return controls.length; }""")
    reached = []
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            return e.dataset.order !== undefined ? Number(e.dataset.order)
                 : e.classList.contains('md-skip') ? 'skip' : e.getAttribute('hreflang') ? 'language' : e.tagName; }""")
        if focused == "BODY":
            break
        reached.append(focused)
    assert reached[0] == "skip"  # the skip link comes first
    assert "language" in reached
    assert [step for step in reached if isinstance(step, int)] == list(range(count))


@pytest.mark.browser
def test_copy_button_works_from_the_keyboard(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "methane/")
    page.focus("#p12 .edition-copy")
    page.keyboard.press("Enter")
    assert page.evaluate("navigator.clipboard.readText()") == server + "methane/#p12"
    context.close()


# --- self-contained -----------------------------------------------------------------------------

@pytest.mark.browser
def test_no_request_to_another_host_on_any_page_kind(page, server, statement):
    foreign, failed = [], []
    page.on("request", lambda request: None if request.url.startswith(server) else foreign.append(request.url))
    page.on("response", lambda response: None if response.status < 400 else failed.append(response.url))
    for url in page_urls(statement):
        page.goto(server + url)
        page.wait_for_load_state("networkidle")
    assert foreign == []
    assert failed == []


@pytest.mark.browser
def test_request_gate_catches_a_script_from_another_host(page, broken_site):
    foreign = []
    page.on("request", lambda request: None if request.url.startswith("file:") else foreign.append(request.url))
    page.goto((broken_site / "en" / "index.html").as_uri())
    assert "https://cdn.example.com/tracker.js" in foreign


# --- reproducible -------------------------------------------------------------------------------

def test_two_clean_builds_are_byte_identical(site, site_again):
    comparison = filecmp.dircmp(site, site_again)
    assert _differences(comparison) == []


def test_dates_in_the_output_come_from_the_last_commit(site):
    commit_day = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
    if not commit_day:
        pytest.skip("not a git checkout")
    assert f"<lastmod>{commit_day}</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")


def _differences(comparison: filecmp.dircmp) -> list[str]:
    found = [f"{comparison.left}/{name}" for name in comparison.left_only + comparison.right_only]
    _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files, shallow=False)
    found += [f"{comparison.left}/{name}" for name in mismatch + errors]
    for sub in comparison.subdirs.values():
        found += _differences(sub)
    return found
