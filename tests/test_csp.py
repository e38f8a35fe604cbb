"""The Content-Security-Policy: its hashes, every page's <meta> and `_headers`, and a browser that enforces it.

The browser tests record every `securitypolicyviolation` event (and any console message naming the policy)
while the reader's features run — search, copy, cite, tips, the language switch and the interactive timeline
— on every page kind in both languages, served once as the files are (the <meta> policy) and once by a
server that sends `_headers` as a host reading it would (header and <meta> together)."""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import re
import threading
from pathlib import Path, PurePosixPath

import pytest

from scripts.pipeline.csp import CspError, apply_csp, inline_content, page_policy, source_hash, url_path, with_policy

# The example of the CSP Level 3 specification (§ 2.3.1, "hash-source"): the script `alert('Hello, world.');`
# is allowed by exactly this source.
SPEC_SCRIPT = "alert('Hello, world.');"
SPEC_HASH = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
# SHA-256 of no bytes (FIPS 180-4's empty message), as Chromium names it for an empty <style>.
EMPTY_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<text>.*?)</script>", re.S)


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


# --- The hashes and the policy, without a build -------------------------------------------------------------


def test_the_hash_of_the_specification_example():
    assert source_hash(SPEC_SCRIPT) == SPEC_HASH
    assert sha256_source(SPEC_SCRIPT) == SPEC_HASH  # the oracle agrees with the specification too
    assert source_hash("") == EMPTY_HASH


def test_the_hash_is_of_the_utf8_text_with_line_breaks_as_the_parser_leaves_them():
    text = "var t = '阳光之乡';\nvar u = 1;"
    assert source_hash(text) == sha256_source(text)
    assert source_hash(text.replace("\n", "\r\n")) == source_hash(text) == source_hash(text.replace("\n", "\r"))


def test_scripts_that_run_are_hashed_and_data_blocks_are_not():
    inline = inline_content("""<head><script>a()</script><script type="module">b()</script>
        <script type=" Text/JavaScript ">c()</script><script src="x.js"></script>
        <script type="application/json">{"d": 1}</script><script type="application/ld+json">{}</script>
        <style>p{color:red}</style></head>""")
    assert inline.scripts == ["a()", "b()", "c()"]
    assert inline.styles == ["p{color:red}"]
    assert inline.blocked == [] and not inline.plotly


def test_inline_code_no_hash_may_allow_is_named():
    inline = inline_content("""<p style="color:red">x</p><button onclick="go()">y</button>
        <a href=" JavaScript:void(0)">z</a><svg><rect style="fill:red"/></svg>""")
    assert inline.blocked == ['<p style="color:red">', '<button onclick="go()">', '<a href=" JavaScript:void(0)">',
                              '<rect style="fill:red">']


def test_the_policy_allows_self_and_the_page_hashes_only():
    inline = inline_content("<script>a()</script><script>a()</script><script>b()</script>")
    policy = directives(page_policy(inline))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", *sorted({sha256_source("a()"), sha256_source("b()")})]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert "style-src-attr" not in policy
    assert not {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"} & {v for vs in policy.values() for v in vs}


def test_a_page_that_loads_plotly_allows_its_empty_style_element_only():
    inline = inline_content('<script src="timeline.js" data-plotly="plotly-basic.min.js" defer></script>')
    assert inline.plotly
    assert directives(page_policy(inline))["style-src"] == ["'self'", EMPTY_HASH]


def test_the_meta_comes_right_after_the_charset_before_any_script_and_once():
    html = '<!doctype html>\n<html>\n  <head>\n  <meta charset="utf-8">\n  <script>a()</script>\n</head></html>'
    once = with_policy(html, "default-src 'self'")
    assert once.index('<meta http-equiv="Content-Security-Policy"') > once.index("<meta charset")
    assert once.index('<meta http-equiv="Content-Security-Policy"') < once.index("<script>")
    assert with_policy(once, "default-src 'self'") == once
    assert with_policy(once, "default-src 'none'") == with_policy(html, "default-src 'none'")
    assert with_policy(once, "default-src 'none'").count("Content-Security-Policy") == 1


def test_without_a_charset_before_the_scripts_the_meta_opens_the_head():
    html = '<html><head lang="en"><script>a()</script><meta charset="utf-8"></head></html>'
    assert with_policy(html, "x").startswith('<html><head lang="en">\n  <meta http-equiv="Content-Security-Policy"')
    with pytest.raises(CspError):
        with_policy("<p>no head</p>", "x")


def test_url_paths_of_pages():
    assert url_path(PurePosixPath("index.html")) == "/"
    assert url_path(PurePosixPath("en/index.html")) == "/en/"
    assert url_path(PurePosixPath("en/energy-transition/index.html")) == "/en/energy-transition/"
    assert url_path(PurePosixPath("404.html")) == "/404.html"


def test_a_page_with_a_style_attribute_stops_it_and_nothing_is_written(tmp_path):
    good = '<html><head><meta charset="utf-8"><script>a()</script></head><body></body></html>'
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text(good, encoding="utf-8")
    (tmp_path / "en" / "index.html").write_text(good.replace("<body>", '<body style="margin:0">'), encoding="utf-8")
    with pytest.raises(CspError, match=r'en/index\.html: <body style="margin:0">'):
        apply_csp(tmp_path)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == good
    assert not (tmp_path / "_headers").exists()
    (tmp_path / "en" / "index.html").write_text(good, encoding="utf-8")
    apply_csp(tmp_path)
    assert (tmp_path / "_headers").read_text(encoding="utf-8").count("Content-Security-Policy:") == 2


# --- The built site ----------------------------------------------------------------------------------------


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_carries_a_policy_with_the_hashes_of_its_own_inline_scripts(site):
    assert len(pages(site)) > 30 and (site / "404.html") in pages(site)
    for path in pages(site):
        html = path.read_text(encoding="utf-8")
        metas = META.findall(html)
        assert len(metas) == 1, path
        head = html[:html.index("</head>")]
        assert head.index("Content-Security-Policy") < head.index("<script"), path
        policy = directives(metas[0])
        running = [m["text"] for m in INLINE_SCRIPT.finditer(html)
                   if "src=" not in m["attrs"] and "application/" not in m["attrs"]]
        assert running, path  # Material's __md_scope and palette scripts are on every page
        assert policy["script-src"] == ["'self'", *sorted({sha256_source(text) for text in running})], path
        assert policy["default-src"] == ["'self'"], path
        assert not re.search(r"unsafe-(inline|eval|hashes)|https?:|\*", metas[0]), path
        plotly = 'data-plotly="' in html
        assert policy["style-src"] == (["'self'", EMPTY_HASH] if plotly else ["'self'"]), path
    assert {p.relative_to(site).as_posix() for p in pages(site) if 'data-plotly="' in p.read_text(encoding="utf-8")} \
        == {"timeline/index.html", "en/timeline/index.html"}


def read_headers(site: Path) -> dict[str, dict[str, str]]:
    """`_headers` read as Netlify and Cloudflare Pages read it: a path, then its indented `Name: value` lines."""
    rules: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace():
            name, _, value = line.strip().partition(":")
            current[name.strip()] = value.strip()
        else:
            current = rules.setdefault(line.strip(), {})
    return rules


def test_headers_carry_each_page_policy_for_its_url(site):
    rules = read_headers(site)
    expected = {}
    for path in pages(site):
        relative = path.relative_to(site).as_posix()
        url = "/" + relative.removesuffix("index.html")
        meta = META.search(path.read_text(encoding="utf-8"))
        assert meta, relative
        expected[url] = meta[1] + "; frame-ancestors 'self'"
    assert {url: rule["Content-Security-Policy"] for url, rule in rules.items()} == expected
    assert all(list(rule) == ["Content-Security-Policy"] for rule in rules.values())


def test_files_that_are_not_part_of_the_site_are_not_published(site):
    assert not (site / "print").exists()
    assert not (site / "en" / "print").exists()
    assert not list(site.rglob("print.css")) and not list(site.rglob("document.html"))


# --- In Chromium -------------------------------------------------------------------------------------------

RECORD = """
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation({
  page: location.href, directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample,
  source: e.sourceFile, line: e.lineNumber}));
"""


class Watched:
    """A page whose every policy violation and console message about the policy is recorded."""

    def __init__(self, browser, **context_options):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800}, **context_options)
        self.violations: list[dict] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        self.context.expose_function("__cspViolation", self._violation)
        self.context.add_init_script(RECORD)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"{self.page.url}: {error}"))

    def _violation(self, report: dict) -> None:
        self.violations.append(report)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text \
                or "strict CSP" in message.text:
            self.console.append(f"{self.page.url}: {message.type}: {message.text}")

    def goto(self, url: str):
        response = self.page.goto(url)
        self.page.wait_for_load_state("load")
        return response

    def assert_clean(self) -> None:
        self.page.wait_for_timeout(100)  # a violation event is dispatched as a task after the check
        assert self.violations == []
        assert self.console == []
        assert self.errors == []

    def close(self) -> None:
        self.context.close()


class _HeadersHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a host that reads `_headers` does: each exact path gets its rule's headers."""

    rules: dict[str, dict[str, str]] = {}

    def end_headers(self):
        for name, value in self.rules.get(self.path.split("?")[0], {}).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def header_server(site):
    handler = functools.partial(type("Handler", (_HeadersHandler,), {"rules": read_headers(site)}),
                                directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(params=["meta", "header"])
def origin(request, server):
    """The site as files are served (the <meta> policy) and as a host reading `_headers` serves it."""
    return server if request.param == "meta" else request.getfixturevalue("header_server")


@pytest.fixture
def watched(browser):
    watched = Watched(browser, permissions=["clipboard-read", "clipboard-write"])
    yield watched
    watched.close()


@pytest.mark.browser
def test_chromium_runs_a_script_by_the_hash_computed_here_and_no_other(browser):
    watched = Watched(browser)
    text = "document.body.dataset.ran = '阳光之乡';\r\nwindow.lines = 2;"
    other = "document.body.dataset.other = 'yes';"
    policy = f"script-src {source_hash(text)}"
    html = (f'<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{policy}">'
            f'</head><body><script>{text}</script><script>{other}</script></body></html>')
    # A page of its own (intercepted, never on the network), parsed as the site's pages are.
    watched.page.route("http://csp.test/", lambda route: route.fulfill(body=html.encode("utf-8"),
                                                                      content_type="text/html; charset=utf-8"))
    watched.goto("http://csp.test/")
    watched.page.wait_for_timeout(100)
    assert watched.page.evaluate("document.body.dataset.ran") == "阳光之乡"
    assert watched.page.evaluate("document.body.dataset.other") is None
    assert [v["directive"] for v in watched.violations] == ["script-src-elem"]
    watched.close()


@pytest.mark.browser
def test_every_page_kind_in_both_languages_loads_without_a_violation(browser, origin, server, statement):
    watched = Watched(browser)
    # each kind once per language (the section pages share one template: two of them), and the 404 page
    sections = [page for page in statement.pages if page.kind == "section"][-2:]
    urls = [page.url[lang] for page in statement.pages if page.kind != "section" or page in sections
            for lang in ("zh", "en")] + ["404.html"]
    assert {page.kind for page in statement.pages} >= {"home", "section", "full_text", "parallel", "references",
                                                       "glossary", "timeline", "cite", "translation", "changelog"}
    for url in urls:
        response = watched.goto(origin + url)
        assert watched.page.url == origin + url
        header = response.headers.get("content-security-policy")
        assert (header is None) if origin == server else header.endswith("; frame-ancestors 'self'"), url
        policies = watched.page.eval_on_selector_all('meta[http-equiv="Content-Security-Policy"]',
                                                     "metas => metas.map(m => m.content)")
        assert len(policies) == 1, url
        # Material's inline scripts ran: the scope it sets and the palette it reads.
        assert watched.page.evaluate("typeof __md_scope === 'object' && typeof __md_get === 'function'"), url
        assert watched.page.evaluate("document.body.getAttribute('data-md-color-scheme')"), url
    watched.assert_clean()
    watched.close()


@pytest.mark.browser
@pytest.mark.parametrize("start, query, expected", [("", "甲烷", "methane/#p10"),
                                                    ("en/", "methane", "en/methane/#p10")])
def test_search_finds_with_the_policy(browser, origin, start, query, expected):
    watched = Watched(browser)
    watched.goto(origin + start)
    watched.page.fill("input.md-search__input", query)
    watched.page.press("input.md-search__input", "End")
    watched.page.wait_for_selector(".md-search-result__item", timeout=5000)
    results = watched.page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link",
                                                "links => links.map(link => link.href)")
    assert any(href.startswith(origin + expected.split("#")[0]) for href in results), results
    watched.assert_clean()
    watched.close()


def open_cite_panel(page, unit_id: str):
    """The unit's cite panel, opened as a reader opens it: its tool button, or the panel's own summary."""
    toggle = page.locator(f"#{unit_id} .edition-toggle--cite").first
    if toggle.count() and toggle.is_visible():
        toggle.click()
        panel = page.locator(f"#{toggle.get_attribute('aria-controls')}")
    else:
        panel = page.locator(f"#{unit_id} details.edition-cite").first
        panel.locator("summary").click()
    panel.wait_for(state="visible")
    return panel


@pytest.mark.browser
def test_copy_cite_and_tips_work_with_the_policy(watched, server):
    page = watched.page
    watched.goto(server + "en/methane/")
    page.locator("#p13 .edition-copy").first.click()
    assert page.evaluate("navigator.clipboard.readText()") == server + "en/methane/#p13"
    assert page.locator("[role=status].edition-status-message").inner_text() == "Copied"

    term = page.locator("#p13 a.edition-term").first
    term.hover()
    tip = page.locator(f"#{term.get_attribute('aria-describedby')}")
    tip.wait_for(state="visible")
    assert tip.inner_text().strip()

    for url in ("en/energy-transition/", "energy-transition/"):
        watched.goto(server + url)
        panel = open_cite_panel(page, "p6")
        first = panel.locator(".edition-cite-format").first
        copy = first.locator(".edition-cite-copy")
        assert copy.is_visible()  # the script shows the copy buttons
        copy.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied and copied == first.locator(".edition-cite-text").inner_text()
        assert not re.search(r"\{accessed:", copied)  # the script filled in the access date
    watched.assert_clean()


@pytest.mark.browser
def test_the_language_switch_works_with_the_policy(watched, server):
    page = watched.page
    watched.goto(server + "en/cop28/#p24-8")
    page.hover(".md-header .md-select")
    with page.expect_navigation():
        page.click("a.md-select__link[hreflang='zh']")
    assert page.url == server + "cop28/#p24-8"
    page.hover(".md-header .md-select")
    with page.expect_navigation():
        page.click("a.md-select__link[hreflang='en']")
    assert page.url == server + "en/cop28/#p24-8"
    watched.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("url", ["timeline/", "en/timeline/"])
def test_the_interactive_timeline_draws_with_the_policy(browser, origin, url):
    watched = Watched(browser)
    page = watched.page
    watched.goto(origin + url)
    page.click(".edition-chart-interactive")
    page.wait_for_selector("#timeline-interactive[data-drawn]", timeout=20000)
    assert page.locator("#timeline-interactive .main-svg").count() > 0
    # plotly.js's own rules went into its <style> element (allowed by the empty text's hash).
    assert page.evaluate("""() => [...document.querySelectorAll('style[id^="plotly.js-style"]')]
        .reduce((n, s) => n + (s.sheet ? s.sheet.cssRules.length : 0), 0)""") > 0
    # Hover labels, a zoom by dragging and a resize: plotly.js restyles its elements each time.
    points = page.locator("#timeline-interactive .point")
    assert points.count() > 3
    for index in range(3):
        box = points.nth(index).bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.locator("#timeline-interactive .hoverlayer .hovertext").first.wait_for(state="visible")
    drag = page.locator("#timeline-interactive .nsewdrag").first.bounding_box()
    page.mouse.move(drag["x"] + 60, drag["y"] + 60)
    page.mouse.down()
    page.mouse.move(drag["x"] + 200, drag["y"] + 160, steps=5)
    page.mouse.up()
    page.set_viewport_size({"width": 700, "height": 800})
    page.wait_for_timeout(500)
    watched.assert_clean()
    watched.close()


@pytest.mark.browser
def test_pages_opened_as_files_keep_the_policy_without_a_violation(browser, site):
    """`'self'` covers the site's own files when it is read from a local folder (README: "A local folder")."""
    watched = Watched(browser)
    watched.goto((site / "index.html").as_uri())
    with watched.page.expect_navigation():
        watched.page.click("nav.md-nav--primary a[href*='energy-transition']")
    watched.goto((site / "en" / "timeline" / "index.html").as_uri())
    watched.page.click(".edition-chart-interactive")
    watched.page.wait_for_selector("#timeline-interactive[data-drawn]", timeout=20000)
    watched.assert_clean()
    watched.close()
