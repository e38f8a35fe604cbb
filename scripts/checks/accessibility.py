"""Accessibility in a real browser: axe-core's WCAG 2.2 A and AA rules, and the `lang` of passages."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.checks import Problem, shorten

# wcag22aa holds target-size (2.5.8), which axe leaves off unless a tag or rule asks for it.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
_HAN = re.compile(r"[\u3400-\u9fff]")


def axe_script() -> Path:
    import axe_playwright_python  # ships axe-core's axe.min.js

    return Path(axe_playwright_python.__file__).with_name("axe.min.js")


def check_axe(page, name: str) -> list[Problem]:
    """axe-core's WCAG A/AA violations on the page open in `page` (a Playwright page). axe is evaluated
    through the DevTools protocol, not added as a <script>: the pages' Content-Security-Policy refuses
    inline scripts, and the check must see the page as it ships."""
    page.evaluate(axe_script().read_text(encoding="utf-8"))
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [Problem(name, violation["id"], shorten(node["html"]), violation["help"])
            for violation in results["violations"] for node in violation["nodes"]]


def check_passage_lang(page, name: str) -> list[Problem]:
    """Chinese characters on a page whose language is not Chinese sit in an element marked zh."""
    texts = page.evaluate("""() => {
        const found = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode, parent = node.parentElement;
            if (!parent || parent.closest('script, style, template') || !node.textContent.trim()) continue;
            const holder = parent.closest('[lang]');
            found.push({text: node.textContent.trim(), lang: holder ? holder.lang : '', html: parent.outerHTML});
        }
        return found;
    }""")
    return [Problem(name, "lang-of-passage", shorten(text["html"]), f"Chinese text in lang '{text['lang']}'")
            for text in texts if _HAN.search(text["text"]) and not text["lang"].startswith("zh")]
