"""`make bench`: build time, bytes per page kind, search index size and Lighthouse scores.

Run by hand, never in CI. Writes a table between the bench markers of README.md's performance
section, with every target and, where one is missed, by how much.
"""

from __future__ import annotations

import gzip
import http.server
import io
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts.sources.loader import load  # noqa: E402
from scripts.model import Statement  # noqa: E402

BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
BUILD_RUNS = 5
STEP_RUNS = 3
STEPS = ("load", "prepare", "mkdocs", "finish", "PDFs", "CSP")
PREVIEW_RUNS = 3
TARGETS = {"build_s": 20.0, "edit_s": 2.0, "page_kb_gz": 100.0, "performance": 95, "accessibility": 100,
           "best-practices": 100, "seo": 100}
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


@dataclass
class PageResult:
    kind: str
    url: str
    bytes_raw: dict[str, int]
    bytes_gz: dict[str, int]
    scores: dict[str, int]


def page_kinds(statement: Statement) -> list[tuple[str, str]]:
    """One URL per kind of page and language: what the targets are measured on."""
    kinds = []
    for lang in ("zh", "en"):
        for page in statement.pages:
            if page.kind != "section" or page.key == "energy-transition":
                kinds.append((f"{page.kind} ({lang})", page.url[lang]))
        kinds.append((f"clause URL ({lang})", statement.unit_url(statement.unit("p24-3"), lang)))
    return kinds


def build_times(site: Path) -> list[float]:
    times = []
    for _ in range(BUILD_RUNS):
        shutil.rmtree(site, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "scripts", "build", "--site-dir", str(site),
                        "--build-dir", str(site.parent / "build")], cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def step_times(site: Path) -> dict[str, list[float]]:
    """Each step of `make build`, timed apart in a fresh process per run (as the build runs them)."""
    times: dict[str, list[float]] = {step: [] for step in STEPS}
    for _ in range(STEP_RUNS):
        shutil.rmtree(site, ignore_errors=True)
        result = subprocess.run([sys.executable, "-m", "scripts.bench.bench", "--steps", str(site),
                                 str(site.parent / "build")], cwd=ROOT, check=True, capture_output=True, text=True)
        for step, seconds in json.loads(result.stdout.splitlines()[-1]).items():
            times[step].append(seconds)
    return times


def _timed_steps(site: Path, build: Path) -> dict[str, float]:
    """One build, step by step, in this process: the order of scripts/pipeline/cli.py's `_run`."""
    from scripts.pipeline import csp, finish, generator, prepare
    from scripts.pipeline.config import read_config
    from scripts.pipeline.output import build_epoch
    from scripts.generators.pdf import build_pdfs
    from scripts.generators.search_index import prepare_jieba

    os.environ.setdefault("SOURCE_DATE_EPOCH", build_epoch(ROOT))
    times, last = {}, time.perf_counter()

    def lap(step: str) -> None:
        nonlocal last
        now = time.perf_counter()
        times[step], last = now - last, now

    config = read_config(ROOT)
    statement = load(ROOT)
    lap("load")
    pages = prepare.prepare(ROOT, build, statement, config, generator.theme_dirs())
    lap("prepare")
    generator.generate(build, site)
    lap("mkdocs")
    prepare_jieba(statement.search)
    finish.finish(statement, ROOT, site, config, pages, preview=True)  # without the PDFs and the CSP: timed next
    lap("finish")
    build_pdfs(statement, site, config.site_url, ROOT)
    lap("PDFs")
    csp.apply_csp(site)
    lap("CSP")
    return times


def edit_to_page_times(folder: Path) -> list[float]:
    """`make serve` in a copy of the sources: seconds from saving an edit to ¶7's English to the page showing it."""
    for part in ("docs", "data", "overrides", "scripts"):
        shutil.copytree(ROOT / part, folder / part, ignore=shutil.ignore_patterns("node_modules", "__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "scripts", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page, source = f"http://127.0.0.1:{port}/en/energy-transition/", folder / "docs/en/energy-transition.md"
    try:
        _wait_for(page, "Energy Efficiency Forum", 120)
        times = []
        for run in range(PREVIEW_RUNS):
            text = source.read_text(encoding="utf-8")
            marker = f"(edit {chr(ord('A') + run)})"  # a letter: a digit would be a number the Chinese lacks
            start = time.perf_counter()
            source.write_text(text.replace("Energy Efficiency Forum", f"Energy Efficiency Forum {marker}", 1),
                              encoding="utf-8")
            _wait_for(page, marker, 120)
            times.append(time.perf_counter() - start)
            source.write_text(text, encoding="utf-8")
            _wait_for(page, "Energy Efficiency Forum<", 120)
        return times
    finally:
        server.terminate()
        server.wait(timeout=20)


def _wait_for(url: str, needle: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if needle in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{needle!r} never showed at {url}")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static host as a reader meets it: text files gzipped when the browser accepts it."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", "") \
                or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def transferred(base: str, url: str, site: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Bytes a first visit loads, by type, raw and gzipped (fonts are counted, and reported apart)."""
    from playwright.sync_api import sync_playwright

    raw: dict[str, int] = {}
    gz: dict[str, int] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split()[1:])
        page = browser.new_page()
        loaded: list[str] = []
        page.on("requestfinished", lambda request: loaded.append(request.url))
        page.goto(base + url)
        page.wait_for_load_state("networkidle")
        browser.close()
    for address in loaded:
        path = site / address.removeprefix(base).split("#")[0].split("?")[0]
        if path.is_dir() or not path.suffix:
            path = path / "index.html"
        if not path.is_file():
            continue
        body = path.read_bytes()
        kind = {".html": "HTML", ".css": "CSS", ".js": "JS", ".woff2": "fonts", ".woff": "fonts", ".ttf": "fonts",
                ".json": "data"}.get(path.suffix, "other")
        raw[kind] = raw.get(kind, 0) + len(body)
        size = len(gzip.compress(body, compresslevel=6, mtime=0)) if path.suffix in COMPRESSIBLE else len(body)
        gz[kind] = gz.get(kind, 0) + size
    return raw, gz


def lighthouse(address: str) -> dict[str, int]:
    if not LIGHTHOUSE.exists():
        return {}
    result = subprocess.run(
        [str(LIGHTHOUSE), address, "--output=json", "--output-path=stdout", "--quiet",
         "--only-categories=performance,accessibility,best-practices,seo", f"--chrome-flags={CHROME_FLAGS}"],
        env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True, timeout=240)
    report = json.loads(result.stdout)
    return {key: round(category["score"] * 100) for key, category in report["categories"].items()}


def search_index(site: Path) -> tuple[int, int]:
    body = (site / "search" / "search_index.json").read_bytes()
    return len(body), len(gzip.compress(body, compresslevel=6, mtime=0))


def table(times: list[float], steps: dict[str, list[float]], preview: list[float], pages: list[PageResult],
          index: tuple[int, int]) -> str:
    median = statistics.median(times)
    step_medians = {step: statistics.median(values) for step, values in steps.items()}
    build_gap = f"{median - TARGETS['build_s']:.1f} s over"
    edit = statistics.median(preview)
    edit_gap = f"{edit - TARGETS['edit_s']:.1f} s over"
    lines = [
        f"Measured by `make bench` on {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores; "
        f"Lighthouse 12.2.3, mobile emulation, served with gzip from loopback.",
        "",
        f"- Build (`make build`: prepare, `mkdocs build --strict` of both languages, finish with the PDFs): "
        f"median {median:.2f} s of {len(times)} runs "
        f"(target < {TARGETS['build_s']:.0f} s: {_verdict(median <= TARGETS['build_s'], build_gap)}).",
        "- Its steps, median of " + str(len(next(iter(steps.values())))) + " runs each: "
        + ", ".join(f"{step} {seconds:.2f} s" for step, seconds in step_medians.items())
        + f"; the whole build is {median / step_medians['mkdocs']:.1f}× its `mkdocs build` step.",
        f"- Preview (`make serve`), from saving an edit to ¶7's English to the page showing it: median {edit:.2f} s "
        f"of {len(preview)} edits (aim < {TARGETS['edit_s']:.0f} s: {_verdict(edit <= TARGETS['edit_s'], edit_gap)}).",
        f"- Search index: {index[0] / 1024:.0f} KB raw, {index[1] / 1024:.0f} KB gzipped.",
        "",
        "| page kind | HTML | CSS | JS | data | fonts | total gz (before fonts) | perf. | a11y | best pr. | SEO |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for result in pages:
        cells = [f"{result.bytes_raw.get(k, 0) / 1024:.0f} / {result.bytes_gz.get(k, 0) / 1024:.0f}"
                 for k in ("HTML", "CSS", "JS", "data", "fonts")]
        total = sum(v for k, v in result.bytes_gz.items() if k != "fonts") / 1024
        over = f"{total - TARGETS['page_kb_gz']:.0f} KB over"
        size_cell = f"{total:.0f} KB " + _verdict(total <= TARGETS["page_kb_gz"], over)
        scores = [_score(result.scores, key) for key in ("performance", "accessibility", "best-practices", "seo")]
        lines.append(f"| {result.kind} | " + " | ".join(cells + [size_cell] + scores) + " |")
    lines += ["", "Bytes are KB raw / KB gzipped. Targets: Lighthouse ≥ 95 performance and 100 in the other three; "
              "every page under 100 KB gzipped before fonts; a full build under 20 s."]
    return "\n".join(lines)


def _score(scores: dict[str, int], key: str) -> str:
    if key not in scores:
        return "n/a"
    value, target = scores[key], TARGETS[key]
    return f"{value}" if value >= target else f"{value} (target {target}: {target - value} short)"


def _verdict(met: bool, gap: str) -> str:
    return "met" if met else f"missed, {gap}"


def write_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    head, _, rest = content.partition(START)
    _, _, tail = rest.partition(END)
    readme.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    if argv and argv[0] == "--steps":  # one step-timed build, in the fresh process step_times starts
        print(json.dumps(_timed_steps(Path(argv[1]), Path(argv[2]))))
        return 0
    statement = load(ROOT)
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        times = build_times(site)
        print(f"build: {', '.join(f'{t:.2f}' for t in times)} s")
        steps = step_times(site)
        print("steps: " + "; ".join(f"{step} {', '.join(f'{t:.2f}' for t in values)} s"
                                    for step, values in steps.items()))
        (Path(temp) / "preview").mkdir()
        preview = edit_to_page_times(Path(temp) / "preview")
        print(f"edit to page: {', '.join(f'{t:.2f}' for t in preview)} s")
        httpd, base = serve(site)
        results = []
        for kind, url in page_kinds(statement):
            raw, gz = transferred(base, url, site)
            scores = lighthouse(base + url)
            print(f"{kind}: {url} {scores}")
            results.append(PageResult(kind, url, raw, gz, scores))
        httpd.shutdown()
        write_readme(table(times, steps, preview, results, search_index(site)))
    print("README.md: performance table updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
