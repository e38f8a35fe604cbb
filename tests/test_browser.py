"""What a reader sees in a real browser (Debian's chromium): permanent URLs, language switch, copy."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# A unit near the end of a long page, so that the browser must scroll to it.
PERMANENT_URLS = ["cop28/#p24-7", "en/cop28/#p24-7", "opening/#p4", "en/opening/#p4", "en/energy-transition/#p9"]


def unit_geometry(page, unit_id: str) -> dict:
    """Where the unit and the sticky header are, and how the unit looks next to an untargeted one."""
    return page.evaluate(
        """(id) => {
            const unit = document.getElementById(id);
            const other = [...document.querySelectorAll('[data-unit]')].find(u => u.id !== id && !u.contains(unit) && !unit.contains(u));
            const box = unit.getBoundingClientRect();
            return {top: box.top, bottom: box.bottom, viewport: window.innerHeight,
                    header: document.querySelector('.md-header').getBoundingClientRect().bottom,
                    background: getComputedStyle(unit).backgroundColor,
                    otherBackground: getComputedStyle(other).backgroundColor,
                    scrolled: window.scrollY};
        }""",
        unit_id,
    )


def assert_in_view_and_highlighted(page, unit_id: str) -> None:
    geometry = unit_geometry(page, unit_id)
    assert geometry["top"] >= geometry["header"], f"#{unit_id} is hidden under the header: {geometry}"
    assert geometry["top"] < geometry["viewport"], f"#{unit_id} is below the fold: {geometry}"
    assert geometry["background"] != geometry["otherBackground"], f"#{unit_id} is not highlighted: {geometry}"


@pytest.mark.parametrize("url", PERMANENT_URLS)
def test_permanent_url_opens_with_the_unit_in_view_and_highlighted(page, server, url):
    page.goto(server + url)
    assert_in_view_and_highlighted(page, url.partition("#")[2])
    if url.startswith("cop28") or url.startswith("en/cop28"):
        assert unit_geometry(page, url.partition("#")[2])["scrolled"] > 0


@pytest.mark.parametrize("start, language, expected", [
    ("en/cop28/#p24-8", "zh", "cop28/#p24-8"),
    ("cop28/#p24-8", "en", "en/cop28/#p24-8"),
    ("methane/#p13", "en", "en/methane/#p13"),
])
def test_language_switch_keeps_the_unit(page, server, start, language, expected):
    page.goto(server + start)
    page.hover(".md-header .md-select")
    with page.expect_navigation():
        page.click(f"a.md-select__link[hreflang='{language}']")
    assert page.url == server + expected
    assert page.evaluate("document.documentElement.lang") == ("zh-Hans" if language == "zh" else "en")
    assert_in_view_and_highlighted(page, expected.partition("#")[2])


def test_copy_button_copies_the_absolute_permanent_url(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "en/text/")
    page.click("#p6 > .edition-unit-main > .edition-tools .edition-copy")
    assert page.evaluate("navigator.clipboard.readText()") == server + "en/energy-transition/#p6"
    page.goto(server + "cop28/")
    page.click("#p24-3 .edition-copy")
    assert page.evaluate("navigator.clipboard.readText()") == server + "cop28/#p24-3"
    context.close()


def test_parallel_page_aligns_columns_and_stacks_on_narrow_screens(page, server):
    page.goto(server + "en/parallel/")
    boxes = page.evaluate("""() => [...document.querySelectorAll('#p6 > .edition-col')].map(c => {
        const b = c.getBoundingClientRect(); return {lang: c.lang, left: b.left, top: b.top, bottom: b.bottom}; })""")
    assert [box["lang"] for box in boxes] == ["zh-Hans", "en"]
    assert boxes[0]["top"] == boxes[1]["top"] and boxes[0]["left"] < boxes[1]["left"]
    page.set_viewport_size({"width": 390, "height": 800})
    boxes = page.evaluate("""() => [...document.querySelectorAll('#p6 > .edition-col')].map(c => {
        const b = c.getBoundingClientRect(); return {left: b.left, top: b.top, bottom: b.bottom}; })""")
    assert boxes[1]["top"] >= boxes[0]["bottom"] and boxes[0]["left"] == boxes[1]["left"]


def test_site_reads_from_a_local_folder(page, site):
    """Opened as files (file://), links lead to pages, not to folder listings."""
    page.goto((site / "index.html").as_uri())
    with page.expect_navigation():
        page.click("nav.md-nav--primary a[href*='energy-transition']")
    assert page.url.endswith("/energy-transition/index.html")
    assert page.locator("#p6 .edition-body").inner_text().startswith("在21世纪20年代")
    page.hover(".md-header .md-select")
    with page.expect_navigation():
        page.click("a.md-select__link[hreflang='en']")
    assert page.url.endswith("/en/energy-transition/index.html")


# A DOM range over `words` inside the units' texts (optionally one unit's): what a reader selects.
FIND_WORDS = """([words, id]) => {
    const bodies = id ? [document.querySelector('#' + CSS.escape(id) + ' .edition-body')]
                      : [...document.querySelectorAll('.edition-body')];
    for (const body of bodies) {
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(words);
            if (at >= 0) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                return range;
            }
        }
    }
    return null;
}"""


def select_words(page, unit_id: str, words: str) -> None:
    """Select `words` inside a unit's text as a reader would with the mouse (a DOM range, then the event)."""
    found = page.evaluate(f"""([words, id]) => {{
        const range = ({FIND_WORDS})([words, id]);
        if (range) {{ getSelection().removeAllRanges(); getSelection().addRange(range); }}
        return Boolean(range);
    }}""", [words, unit_id])
    assert found, f"{words!r} not in {unit_id}"


def words_in_view(page, words: str) -> bool:
    box = page.evaluate(f"""(words) => {{
        const range = ({FIND_WORDS})([words, null]);
        if (!range) return null;
        const box = range.getBoundingClientRect();
        return {{top: box.top, bottom: box.bottom, height: innerHeight}};
    }}""", words)
    assert box is not None, words
    return 0 <= box["top"] and box["bottom"] <= box["height"]


@pytest.mark.parametrize("url, unit_id, words, height", [
    ("en/energy-transition/", "p6", "a meaningful absolute reduction in power-sector emissions after they peak", 320),
    ("energy-transition/", "p6", "实现有意义的绝对减少", 200),
])
def test_a_copied_quote_link_opens_with_the_words_in_view(browser, server, url, unit_id, words, height):
    """The link to a quote is the unit's permanent URL with a text fragment. On a screen too small to show
    both the unit's start and the quoted words, the permanent URL alone leaves the words out of view;
    the quote link brings them into view."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"],
                                  viewport={"width": 390, "height": height})
    page = context.new_page()
    page.goto(server + url)
    select_words(page, unit_id, words)
    page.locator(".edition-quote-tools").wait_for(state="visible")
    page.click(".edition-quote-link")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(server + url + f"#{unit_id}:~:text=")
    page.click(".edition-quote-cite")
    cited = page.evaluate("navigator.clipboard.readText()")
    assert cited.startswith(f"“{words}”") and link in cited and "{" not in cited

    plain = context.new_page()
    plain.goto(server + url + f"#{unit_id}")
    plain.wait_for_function("""id => { const box = document.getElementById(id).getBoundingClientRect();
        return scrollY > 0 && box.top >= 0 && box.top < innerHeight; }""", arg=unit_id)  # scrolled to the unit
    assert not words_in_view(plain, words[:8])
    reader = context.new_page()
    reader.goto(link)
    # the browser scrolls to a text fragment once the page has loaded: wait until it has, or fail
    reader.wait_for_function(f"""(words) => {{ const range = ({FIND_WORDS})([words, null]);
        const box = range.getBoundingClientRect(); return 0 <= box.top && box.bottom <= innerHeight; }}""",
                             arg=words[:8], timeout=5000)
    assert words_in_view(reader, words[:8])
    context.close()


def test_a_glossary_tip_can_be_reached_with_the_pointer_and_dismissed(page, server):
    """WCAG 1.4.13: the tip stays while the pointer moves onto it and rests there, hides once the pointer has
    left both, and Escape dismisses it. The page's clock is driven by the test, not waited for."""
    page.goto(server + "en/methane/")
    page.clock.install()
    term = page.locator("#p13 a.edition-term").first
    term.hover()
    tip = page.locator(f"#{term.get_attribute('aria-describedby')}")
    assert tip.is_visible()
    tip.hover()  # across the gap between the term and its tip
    page.clock.run_for(2000)
    assert tip.is_visible()
    page.mouse.move(5, 700)  # away from both
    page.clock.run_for(2000)
    assert not tip.is_visible()
    term.hover()
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert not tip.is_visible()


def test_copying_says_what_happened_also_when_the_clipboard_refuses(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "en/methane/")
    page.click("#p13 > .edition-unit-main > .edition-tools .edition-copy")
    status = page.locator("[role=status].edition-status-message")
    expect(status).to_have_text("Copied")  # the clipboard answers asynchronously: wait for the message itself
    refused = browser.new_context()  # no clipboard permission, and no fallback: the copy fails
    page = refused.new_page()
    page.add_init_script("document.execCommand = () => false; navigator.clipboard.writeText = () => Promise.reject(new Error('no'));")
    page.goto(server + "methane/")
    page.click("#p13 > .edition-unit-main > .edition-tools .edition-copy")
    status = page.locator("[role=status].edition-status-message")
    expect(status).not_to_have_text("")
    message = status.inner_text()
    assert message.startswith("无法写入剪贴板") and message.endswith(server + "methane/#p13")
    context.close()
    refused.close()


def test_the_language_link_carries_the_fragment_for_every_way_of_opening_it(page, server):
    page.goto(server + "en/cop28/#p24-8")
    hrefs = page.eval_on_selector_all("a.md-select__link[hreflang]", "links => links.map(link => link.href)")
    assert hrefs and all(href.endswith("#p24-8") for href in hrefs)
    page.evaluate("location.hash = '#p25'")
    hrefs = page.eval_on_selector_all("a.md-select__link[hreflang]", "links => links.map(link => link.href)")
    assert all(href.endswith("#p25") for href in hrefs)


@pytest.mark.parametrize("url", ["energy-transition/", "en/energy-transition/"])
def test_unit_tools_are_targets_of_at_least_24_pixels(page, server, url):
    """WCAG 2.5.8 (target size): the permanent link 第七条 / ¶7 and the copy button."""
    page.goto(server + url)
    for selector in ("#p7 .edition-permalink", "#p7 .edition-copy"):
        box = page.locator(selector).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, (selector, box)
