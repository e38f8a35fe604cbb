"""Text first: what a reader notices of a unit and its apparatus, on a 390 px phone and on desktops.

The statement's text is the largest part of a section page; each unit has one quiet row of tools, every one a
target of at least 24×24 px with its own icon and a name in the page's language; the notes stand beside
their unit on wide screens and open under it on demand on narrow ones; the cite panel has a tab per format
that the pointer and the keyboard switch; print shows the text and the notes, none of the tools."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
WIDE = {"width": 1440, "height": 900}
SECTIONS = ["energy-transition/", "en/energy-transition/", "cop28/", "en/cop28/"]
HAN = re.compile(r"[\u4e00-\u9fff]")


def boxes(page, selector: str) -> list[dict]:
    """The rendered boxes of every element matching `selector` (none for elements not displayed)."""
    return page.eval_on_selector_all(selector, """elements => elements.map(e => {
        const b = e.getBoundingClientRect();
        return {id: e.closest('[data-unit]')?.id, left: b.left, right: b.right, top: b.top, bottom: b.bottom,
                width: b.width, height: b.height, shown: b.width > 0 && b.height > 0
                && getComputedStyle(e).visibility !== 'hidden'}; })""")


# --- the text dominates --------------------------------------------------------------------------

@pytest.mark.parametrize("url", SECTIONS)
def test_on_a_phone_the_statements_text_takes_most_of_each_unit(open_page, url):
    """On a 390 px phone the lines of the units' text fill at least 70% of the height of the unit blocks
    (before the apparatus was folded into one row, a row of permanent link and copy button and two
    full-width boxes left the text about 55%), and no unit gives its apparatus more height than its text."""
    page = open_page(url, PHONE)
    units = page.eval_on_selector_all(".edition-unit--annotated", """units => units.map(u => {
        const items = u.querySelector(':scope > .edition-items');
        const own = u.getBoundingClientRect().height - (items ? items.getBoundingClientRect().height : 0);
        const text = u.querySelector(':scope > .edition-unit-main > .edition-text');
        const lines = new Set([...text.getClientRects()].map(line => Math.round(line.bottom))).size;
        return {id: u.id, own: own, text: lines * parseFloat(getComputedStyle(text).lineHeight)}; })""")
    assert len(units) >= 4
    share = sum(unit["text"] for unit in units) / sum(unit["own"] for unit in units)
    assert share >= 0.7, f"the text fills {share:.0%} of the unit blocks"
    for unit in units:
        assert unit["text"] >= 0.5 * unit["own"], unit


@pytest.mark.parametrize("viewport", [DESKTOP, WIDE], ids=["1280", "1440"])
@pytest.mark.parametrize("url", ["energy-transition/", "en/energy-transition/"])
def test_on_a_desktop_the_text_column_is_the_widest_and_largest_type(open_page, url, viewport):
    page = open_page(url, viewport)
    sizes = page.evaluate("""() => {
        const unit = document.getElementById('p6');
        const text = unit.querySelector('.edition-text'), margin = unit.querySelector('.edition-margin');
        const size = e => parseFloat(getComputedStyle(e).fontSize);
        return {text: text.getBoundingClientRect().width, margin: margin.getBoundingClientRect().width,
                textSize: size(text), marginSize: size(margin.querySelector('p'))}; }""")
    assert sizes["text"] > 1.3 * sizes["margin"], sizes
    assert sizes["textSize"] > sizes["marginSize"], sizes


# --- the tools -----------------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", [PHONE, DESKTOP, WIDE], ids=["390", "1280", "1440"])
@pytest.mark.parametrize("url", SECTIONS + ["text/", "en/text/"])
def test_every_tool_is_a_target_of_at_least_24_pixels(open_page, url, viewport):
    """WCAG 2.5.8: every tool in the rows (the permanent link 第七条 included), the cite panel's tabs and its
    copy button."""
    page = open_page(url, viewport)
    page.locator(".edition-copy").first.wait_for(state="visible")  # the script has shown the buttons
    tools = [box for box in boxes(page, ".edition-tool") if box["shown"]]
    assert len(tools) >= 10
    small = [box for box in tools if box["width"] < 24 or box["height"] < 24]
    assert small == []
    cite = page.locator(".edition-toggle--cite").first
    if cite.count():
        cite.click()
        panel = f"#{cite.get_attribute('aria-controls')}"
        targets = [box for box in boxes(page, f"{panel} .tabbed-labels > label, {panel} .edition-cite-copy")
                   if box["shown"]]
        assert len(targets) >= 9
        assert [box for box in targets if box["width"] < 24 or box["height"] < 24] == []


@pytest.mark.parametrize("url, lang", [("en/energy-transition/", "en"), ("energy-transition/", "zh")])
def test_each_action_has_its_own_icon_and_a_name_in_the_pages_language(open_page, url, lang):
    """Distinct actions, distinct icons (each tool draws its own symbol, and no two symbols share a path); the
    same action, the same icon on every unit; every tool named in the page's language with its unit."""
    page = open_page(url, PHONE)
    page.locator(".edition-copy").first.wait_for(state="visible")
    tools = page.eval_on_selector_all(".edition-tools .edition-tool", """tools => tools.map(t => ({
        action: [...t.classList].find(c => c.startsWith('edition-toggle--'))
                || [...t.classList].find(c => c === 'edition-permalink' || c === 'edition-copy'),
        icon: t.querySelector('svg use').getAttribute('href'),
        name: t.getAttribute('aria-label') }))""")
    icon_of: dict[str, set[str]] = {}
    for tool in tools:
        icon_of.setdefault(tool["action"], set()).add(tool["icon"])
    assert {"edition-permalink", "edition-copy", "edition-toggle--cite", "edition-toggle--note"} <= set(icon_of)
    assert all(len(icons) == 1 for icons in icon_of.values()), icon_of  # one icon per action
    icons = [next(iter(icons)) for icons in icon_of.values()]
    assert len(set(icons)) == len(icons), icon_of  # a different one for each
    paths = page.eval_on_selector_all("symbol[id^='edition-icon-'] path", "paths => paths.map(p => p.getAttribute('d'))")
    assert len(set(paths)) == len(paths)
    for icon in icons:
        assert page.locator(f"symbol{icon} path").count() == 1, icon
    for tool in tools:
        assert tool["name"], tool
        assert bool(HAN.search(tool["name"])) == (lang == "zh"), tool
    pins = {tool["name"] for tool in tools if tool["action"] == "edition-permalink"}
    assert ("第七条的永久链接" if lang == "zh" else "Permanent link to ¶7") in pins


# --- notes: beside on wide screens, inline on demand on narrow ones -----------------------------------

@pytest.mark.parametrize("viewport", [DESKTOP, WIDE], ids=["1280", "1440"])
@pytest.mark.parametrize("url", ["energy-transition/", "en/cop28/"])
def test_on_wide_screens_the_notes_stand_beside_their_unit(open_page, url, viewport):
    page = open_page(url, viewport)
    placed = page.eval_on_selector_all(".edition-margin", """margins => margins.map(m => {
        const unit = m.parentElement, text = unit.querySelector(':scope > .edition-unit-main > .edition-text');
        const mb = m.getBoundingClientRect(), tb = text.getBoundingClientRect();
        return {id: unit.id, gap: mb.left - tb.right, top: mb.top - tb.top, height: mb.height,
                text: tb.height, line: parseFloat(getComputedStyle(text).lineHeight),
                parts: [...m.querySelectorAll('.edition-margin-part')].map(p => p.getBoundingClientRect().height > 0),
                toggles: [...unit.querySelectorAll(':scope > .edition-unit-main .edition-margin-toggle')]
                         .map(t => t.getBoundingClientRect().width)}; })""")
    assert len(placed) >= 4
    for note in placed:
        assert note["gap"] >= 16, note  # to the right of the text, with a gutter
        # level with the unit's first line, or lower while the note before runs on (tests/test_web_layout.py),
        # at the latest beside its last line or eight lines down
        assert -8 <= note["top"] <= max(note["text"] - note["line"], 8 * note["line"]) + 8, note
        assert all(note["parts"]) and note["height"] > 0, note  # shown without asking
        assert note["toggles"] == [0] * len(note["toggles"]), note  # nothing to open


@pytest.mark.parametrize("url, unit_id", [("en/energy-transition/", "p6"), ("energy-transition/", "p6"),
                                          ("en/text/", "p8")])
def test_on_a_phone_a_note_opens_under_its_unit_on_demand(open_page, url, unit_id):
    page = open_page(url, PHONE)
    for kind, part in (("note", "note"), ("translation", "tnote")):
        toggle = page.locator(f"#{unit_id} .edition-toggle--{kind}")
        note = page.locator(f"#{part}-{unit_id}")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not note.is_visible()
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        assert note.is_visible()
        unit = page.locator(f"#{unit_id}").bounding_box()
        tools = page.locator(f"#{unit_id} .edition-tools").bounding_box()
        shown = note.bounding_box()
        assert shown["y"] >= tools["y"] + tools["height"] - 1  # under the text and its tools
        assert unit["x"] <= shown["x"] and shown["x"] + shown["width"] <= unit["x"] + unit["width"] + 1
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "false" and not note.is_visible()


def test_the_full_text_reads_through_its_notes_open_on_demand_on_a_desktop_too(open_page):
    page = open_page("en/text/", DESKTOP)
    assert page.locator(".md-sidebar--secondary").is_visible()  # its table of contents stays
    note = page.locator("#note-p6")
    assert not note.is_visible()
    page.click("#p6 .edition-toggle--note")
    assert note.is_visible()


def test_a_way_back_from_a_footnote_into_a_closed_note_opens_the_note(open_page):
    """Footnote 2 of the energy page is called in ¶6's note only: its way back opens the note on a phone."""
    page = open_page("en/energy-transition/", PHONE)
    backref = page.locator("[id='fn:2'] a.footnote-backref")
    target = backref.get_attribute("href")
    assert page.locator(f"#note-p6 [id='{target[1:]}']").count() == 1
    assert not page.locator("#note-p6").is_visible()
    page.evaluate("(hash) => { location.hash = hash; }", target)
    page.locator("#note-p6").wait_for(state="visible")
    assert page.locator("#p6 .edition-toggle--note").get_attribute("aria-expanded") == "true"
    mark = page.locator(f"[id='{target[1:]}']").bounding_box()
    assert 0 <= mark["y"] <= PHONE["height"]


def test_without_the_script_the_notes_stand_under_their_units(open_page):
    page = open_page("energy-transition/", PHONE, java_script_enabled=False)
    assert page.locator("#note-p6").is_visible() and page.locator("#tnote-p6").is_visible()
    assert page.locator("#p6 .edition-permalink").is_visible()
    assert [box for box in boxes(page, "button.edition-tool") if box["width"] > 0] == []  # no dead buttons


# --- citing --------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["en/energy-transition/", "energy-transition/"])
def test_the_cite_panel_switches_formats_by_click_and_by_keyboard(open_page, url):
    page = open_page(url, PHONE)
    panel = page.locator("#cite-p7")
    assert not panel.is_visible()
    page.click("#p7 .edition-toggle--cite")
    assert panel.is_visible()

    def shown() -> list[str]:
        return [block.get_attribute("data-format") for block in panel.locator(".tabbed-block").all()
                if block.is_visible()]

    assert shown() == ["gbt7714-2025"]
    page.click("label[for='cite-p7-tab-apa']")
    assert shown() == ["apa"]
    assert panel.locator(".tabbed-block[data-format='apa'] .edition-cite-text").inner_text() == \
        page.locator("#cite-p7-apa").inner_text()
    page.focus("#cite-p7-tab-apa")
    page.keyboard.press("ArrowRight")
    assert shown() == ["chicago-note"]
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert shown() == ["gbt7714-2015"]
    page.click("#p7 .edition-toggle--cite")
    assert not panel.is_visible()


# --- print ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
@pytest.mark.parametrize("url", ["en/energy-transition/", "text/"])
def test_print_shows_the_text_and_the_notes_and_none_of_the_tools(open_page, url, viewport):
    page = open_page(url, viewport)
    page.locator(".edition-copy").first.wait_for(state="visible")
    toggle = page.locator(".edition-toggle--cite, .edition-toggle--note").first
    toggle.click()  # a panel the reader left open does not print either, or prints as a note
    page.emulate_media(media="print")
    assert [box for box in boxes(page, ".edition-tools > :not(.edition-permalink), .edition-permalink *, "
                                       ".edition-cite, .edition-history") if box["shown"]] == []
    # Of the tools, only each unit's permanent URL prints: written out, since a printed link leads nowhere
    # (this build knows no site address, so the path from the edition's home page, as the PDFs print it).
    printed = page.evaluate("""[...document.querySelectorAll('.edition-permalink')].map(link => {
        const target = new URL(link.getAttribute('href'), location.href);
        return [getComputedStyle(link, '::after').content, target.pathname.slice(1) + target.hash]; })""")
    assert printed and all(content == f'"{path}"' and "#" in path for content, path in printed), printed
    texts = boxes(page, ".edition-text")
    assert texts and all(box["shown"] for box in texts)
    notes = boxes(page, ".edition-margin-part")
    assert notes and all(box["shown"] for box in notes)
    units = boxes(page, ".edition-unit--annotated > .edition-unit-main")
    for note in boxes(page, ".edition-unit--annotated > .edition-margin"):  # under the text, not beside it
        unit = next(box for box in units if box["id"] == note["id"])
        assert note["top"] >= unit["bottom"] - 1, note


# --- accessible with everything open ------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", ["energy-transition/", "en/energy-transition/", "en/text/"])
def test_a_phone_page_with_every_panel_open_passes_axe(open_page, url, scheme):
    """The tools, the notes opened inline and the cite panels with their tabs, in both schemes."""
    from scripts.checks.accessibility import check_axe

    page = open_page(url, PHONE, color_scheme=scheme)
    page.locator(".edition-copy").first.wait_for(state="visible")
    page.evaluate("""document.querySelectorAll('.edition-toggle[aria-expanded="false"]')
                     .forEach(toggle => toggle.click())""")
    assert page.locator(".edition-margin-part").first.is_visible()
    assert [str(problem) for problem in check_axe(page, url)] == []
