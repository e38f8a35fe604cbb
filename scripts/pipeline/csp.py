"""The Content-Security-Policy the site ships with, written into the built site after the build.

Every page gets its policy in a `<meta http-equiv="Content-Security-Policy">`, placed before any script, and
`_headers` (the format Netlify and Cloudflare Pages read) carries the same policy as a header for each page's
URL. Nothing comes from another host (`'self'` only; `data:` images are Material's icons, inlined in its
CSS), and nothing inline runs unless the build has seen it: the inline scripts Material writes (`__md_scope`,
the palette and the `#__tabbed_` target scripts) are allowed by their SHA-256 hashes, computed here from the
built HTML, page by page. `<script type="application/json">` data blocks do not run and need no hash.

No page may carry an inline event handler, a `javascript:` URL or a `style` attribute: a hash would allow
them only with `'unsafe-hashes'`, so the build stops instead and names the page. What the site's scripts
style at run time goes through the CSSOM (`element.style.…`), which a policy does not govern.

plotly.js (the timeline's interactive chart, loaded only when the reader asks) creates an empty `<style>`
element and fills it through `sheet.insertRule` (the CSSOM); Chromium checks the element's empty text against
style-src and, refused, plotly.js draws without its own rules (no drag cursors, hover layer unstyled). The
hash of the empty string allows exactly an empty `<style>`, and only the timeline pages get it (the pages
whose timeline script names plotly.js in `data-plotly`). Its other styling goes through d3's `.style()`,
the CSSOM again, so no `style-src-attr` allowance is needed: Chromium reports no violation while the chart
draws, hovers, zooms and resizes (tests/test_csp.py). plotly.js would write `style` attributes itself for
rich text in labels (`<b>`, `<i>`, `<sup>`, `<a>`); the chart's labels use `<br>` only, and the browser
test would report a label that did.

Not in the preview (`make serve`): its reload script is inline and not part of the site.
`apply_csp(site)` runs after every other write to the built site.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from scripts.pipeline.output import write_if_changed

HEADERS_FILE = "_headers"

# Per the HTML standard, a <script> runs when its type is empty, a JavaScript MIME type, "module" or
# "importmap" (an import map is governed by script-src too); any other type is a data block.
_RUNNING_TYPES = frozenset({
    "", "module", "importmap",
    "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
})
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href"})

# Directives every page carries; script-src and style-src get the page's hashes after 'self'.
_FETCHES = (("default-src", "'self'"),)
_REST = (
    ("img-src", "'self' data:"),  # data: for the icons Material's CSS inlines (mask-image)
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# Only a header can say who may frame a page (a <meta> policy ignores it, with a console error).
_HEADER_ONLY = (("frame-ancestors", "'self'"),)
# The timeline pages (see the module's docstring): the empty <style> plotly.js fills through the CSSOM.
_PLOTLY_STYLES = ("",)

_META = re.compile(r'[ \t]*<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?', re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)


class CspError(ValueError):
    """The built site holds markup the policy would block or cannot carry a policy."""


def source_hash(text: str) -> str:
    """The CSP hash source of an inline script's or <style> element's text: `'sha256-<base64>'`.

    The browser hashes the element's text as the parser left it: UTF-8, line breaks normalized to LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class Inline:
    """What of a page's HTML runs or styles inline."""

    scripts: list[str] = field(default_factory=list)  # texts of inline scripts that run
    styles: list[str] = field(default_factory=list)  # texts of <style> elements
    blocked: list[str] = field(default_factory=list)  # inline code no policy here allows, as markup
    plotly: bool = False  # the page can load plotly.js


class _InlineParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inline = Inline()
        self._text: list[str] | None = None
        self._kind = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name == "style" or name.startswith("on") or (
                    name in _URL_ATTRIBUTES and value.strip().lower().startswith("javascript:")):
                self.inline.blocked.append(f'<{tag} {name}="{value}">')
        if tag == "script":
            if "data-plotly" in values:
                self.inline.plotly = True
            runs = values.get("type", "").strip().lower() in _RUNNING_TYPES
            if runs and "src" not in values:
                self._text, self._kind = [], "script"
        elif tag == "style":
            self._text, self._kind = [], "style"

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._text is not None and tag == self._kind:
            (self.inline.scripts if tag == "script" else self.inline.styles).append("".join(self._text))
            self._text = None


def inline_content(html: str) -> Inline:
    """The inline scripts, <style> elements and blocked markup of one page."""
    parser = _InlineParser()
    parser.feed(html)
    parser.close()
    return parser.inline


def _sources(keyword: str, texts: list[str] | tuple[str, ...]) -> str:
    return " ".join([keyword, *sorted({source_hash(text) for text in texts})])


def page_policy(inline: Inline) -> str:
    """The page's policy: 'self' only, with the hashes of its inline scripts and <style> elements."""
    styles = [*inline.styles, *(_PLOTLY_STYLES if inline.plotly else ())]
    directives = [*_FETCHES, ("script-src", _sources("'self'", inline.scripts)),
                  ("style-src", _sources("'self'", styles)), *_REST]
    return "; ".join(f"{name} {value}" for name, value in directives)


def header_policy(policy: str) -> str:
    """The page's policy as a header: the same, with what only a header can carry."""
    return "; ".join([policy, *(f"{name} {value}" for name, value in _HEADER_ONLY)])


def with_policy(html: str, policy: str) -> str:
    """The page with its policy in a <meta>, right after <meta charset> (or <head>), before any script.

    A policy the page already carries is replaced, so that applying twice changes nothing."""
    if '"' in policy or "&" in policy or "<" in policy:
        raise CspError(f"a policy cannot stand in an attribute as written: {policy}")
    html = _META.sub("", html)
    head = _HEAD.search(html)
    if head is None:
        raise CspError("no <head> to put the policy in")
    charset = _CHARSET.search(html, head.end())
    script = html.find("<script", head.end())
    before_scripts = charset is not None and (script == -1 or charset.end() < script)
    at = charset.end() if charset is not None and before_scripts else head.end()
    return f'{html[:at]}\n  <meta http-equiv="Content-Security-Policy" content="{policy}">{html[at:]}'


def url_path(relative: PurePosixPath) -> str:
    """The URL path a host serves an HTML file at: `opening/index.html` → `/opening/`."""
    if relative.name == "index.html":
        parent = relative.parent.as_posix()
        return "/" if parent == "." else f"/{parent}/"
    return f"/{relative.as_posix()}"


def headers_file(policies: dict[str, str]) -> str:
    """`_headers`: each page's URL path and its policy as a header."""
    lines = ["# Content-Security-Policy of each page, for hosts that read this file (Netlify, Cloudflare Pages).",
             "# Written by scripts/pipeline/csp.py after the build; each page carries the same policy in a <meta>."]
    for path in sorted(policies):
        lines += [path, f"  Content-Security-Policy: {header_policy(policies[path])}"]
    return "\n".join(lines) + "\n"


def apply_csp(site: Path) -> None:
    """Give every HTML page of the built `site` its policy and write `site/_headers`.

    Raises CspError, naming page and markup, if a page holds inline code no hash may allow; then nothing is
    written."""
    pages: list[tuple[Path, str, str]] = []
    problems: list[str] = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        inline = inline_content(_META.sub("", html))
        problems += [f"{relative}: {markup}" for markup in inline.blocked]
        pages.append((path, html, page_policy(inline)))
    if problems:
        raise CspError("inline code the Content-Security-Policy would block (give it a class and style it in the "
                       "edition's CSS, or bind it in its JS):\n  " + "\n  ".join(problems))
    for path, html, policy in pages:
        write_if_changed(path, with_policy(html, policy))
    paths = {url_path(PurePosixPath(path.relative_to(site).as_posix())): policy for path, _, policy in pages}
    write_if_changed(site / HEADERS_FILE, headers_file(paths))
