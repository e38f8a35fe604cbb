"""Quote links from selections a reader really makes: one that cuts a word, one that crosses a note mark.
The oracle is Chromium's own text-fragment matching: the link must bring the words into view on a
screen too small to show them with the unit's start (a directive Chromium cannot match falls back to
the unit's anchor, leaving them out of view)."""

from __future__ import annotations

import pytest

from tests.test_browser import FIND_WORDS, words_in_view

# A range from inside one text node to inside another: `first` and `last` are found in the unit's text
# nodes (the note marks between them are other nodes), then the selection event fires.
SELECT_SPAN = """([id, first, last]) => {
    const body = document.querySelector('#' + CSS.escape(id) + ' .edition-body');
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let started = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!started && node.data.indexOf(first) >= 0) {
            range.setStart(node, node.data.indexOf(first)); started = true;
        }
        if (started && node.data.indexOf(last) >= 0) {
            range.setEnd(node, node.data.indexOf(last) + last.length);
            getSelection().removeAllRanges(); getSelection().addRange(range);
            return range.toString();
        }
    }
    return null;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("url, unit_id, first, last, expect_start, check", [
    # cuts "triple" and "capacity": the quote grows to the whole words
    ("en/energy-transition/", "p6", "riple global", "renewable energy capac", "“triple global", "triple global"),
    # across the note mark after the G20 Leaders’ Declaration
    ("en/energy-transition/", "p6", "Leaders", "to triple", "“Leaders", "to triple"),
    # Chinese, starting inside a word and crossing the mark after 宣言
    ("energy-transition/", "p6", "十国集团", "所述努力", "“二十国集团", "所述努力"),
])
def test_a_quote_link_survives_a_cut_word_and_a_note_mark(browser, server, url, unit_id, first, last,
                                                            expect_start, check):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"],
                                  viewport={"width": 390, "height": 240})
    page = context.new_page()
    page.goto(server + url)
    assert page.evaluate(SELECT_SPAN, [unit_id, first, last]), (first, last)
    page.locator(".edition-quote-tools").wait_for(state="visible")
    page.click(".edition-quote-cite")
    cited = page.evaluate("navigator.clipboard.readText()")
    assert cited.startswith(expect_start), cited
    page.click(".edition-quote-link")
    link = page.evaluate("navigator.clipboard.readText()")
    reader = context.new_page()
    reader.goto(link)
    reader.wait_for_function(f"""(words) => {{ const range = ({FIND_WORDS})([words, null]);
        const box = range && range.getBoundingClientRect(); return box && 0 <= box.top && box.bottom <= innerHeight; }}""",
                             arg=check, timeout=5000)
    assert words_in_view(reader, check)
    context.close()
