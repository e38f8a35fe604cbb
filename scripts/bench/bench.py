"""`make bench`: issue #22's figures on this machine, each with its target and "met" or "missed".

Run by hand, never in CI. Each part is measured apart and recorded with its date and the load average at its
start in scripts/bench/results.json (the machine is shared); the table between the bench markers of README.md's
performance section is written from that file (scripts/bench/report.py), so a part run alone keeps the others.

    python -m scripts bench                 every part (`make bench`), `make test` included (about 14 min)
    python -m scripts bench --no-test       every part but the timing of `make test`
    python -m scripts bench --only pages    one part or more: build, steps, preview, test-fast, test, pages
    python -m scripts bench --only pages --page "full_text (en)"   the pages part on some pages only
    python -m scripts bench --only pages --lighthouse-runs 0        the bytes of each page, without Lighthouse
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import http.server
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from functools import partial
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts.sources.loader import load  # noqa: E402
from scripts.model import Statement  # noqa: E402
from scripts.bench.report import RUNS, coverage_total, readme_text  # noqa: E402

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results.json"
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
BUILD_RUNS = 5
STEP_RUNS = 3
STEPS = ("load", "prepare", "mkdocs", "finish", "PDFs", "CSP")
PREVIEW_RUNS = 3
TEST_FAST_RUNS = 3
LIGHTHOUSE_RUNS = RUNS  # the issue judges performance on the median of 3
PARTS = ("build", "steps", "preview", "test-fast", "test", "pages")
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


def page_kinds(statement: Statement) -> list[tuple[str, str]]:
    """One URL per kind of page and language: what the targets are measured on."""
    kinds = []
    for lang in ("zh", "en"):
        for page in statement.pages:
            if page.kind != "section" or page.key == "energy-transition":
                kinds.append((f"{page.kind} ({lang})", page.url[lang]))
        kinds.append((f"clause URL ({lang})", statement.unit_url(statement.unit("p24-3"), lang)))
    return kinds


def build_times(folder: Path) -> dict[str, list[float]]:
    """Paired runs: `make build`'s whole build, then a bare MkDocs + Material + i18n build of the pages it prepared."""
    site, build = folder / "site", folder / "build"
    full, bare = [], []
    for _ in range(BUILD_RUNS):
        shutil.rmtree(site, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "scripts", "build", "--site-dir", str(site), "--build-dir", str(build)],
                       cwd=ROOT, check=True, capture_output=True)
        full.append(time.perf_counter() - start)
        bare.append(bare_build_time(build, folder))
        print(f"build: {full[-1]:.2f} s, bare: {bare[-1]:.2f} s", flush=True)
    return {"full_s": full, "bare_s": bare}


def bare_build_time(build: Path, folder: Path) -> float:
    """`mkdocs build` of the prepared pages (build/docs) with the repository's mkdocs.yml (Material, its search
    plugin, the i18n plugin, the same Markdown and nav) but none of the edition: no overrides (custom_dir, so
    Chinese is Material's zh, not the edition's zh-Hans partial), no edition worker, no prepare or finish around it."""
    config = bare_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), build / "docs")
    (build / "bare.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = folder / "bare-site"
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(build / "bare.yml"),
                    "--site-dir", str(site)], cwd=ROOT, check=True, capture_output=True,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return time.perf_counter() - start


class _EnvLoader(yaml.SafeLoader):
    """mkdocs.yml as data: an `!ENV [NAME, default]` tag reads as its default."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])  # type: ignore[arg-type]


def bare_config(edition_yml: str, docs: Path) -> dict[str, Any]:
    config = yaml.load(edition_yml, Loader=_EnvLoader)  # noqa: S506 (a SafeLoader)
    config.update(docs_dir=str(docs.resolve()), strict=False)
    config["theme"].pop("custom_dir", None)
    config.pop("extra", None)
    for plugin in config["plugins"]:
        for language in plugin.get("i18n", {}).get("languages", []) if isinstance(plugin, dict) else []:
            if language.get("theme", {}).get("language") == "zh-Hans":
                language["theme"]["language"] = "zh"
    return config


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
    """The Chinese index's entries, which a page fetches at the first query (not counted in its first visit)."""
    from scripts.generators.search_index import FULL_INDEX

    body = (site / "search" / FULL_INDEX).read_bytes()
    return len(body), len(gzip.compress(body, compresslevel=6, mtime=0))


def write_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    head, _, rest = content.partition(START)
    _, _, tail = rest.partition(END)
    readme.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def clean_checkout(folder: Path) -> Path:
    """A clone of the committed tree, with the venv linked rather than installed again."""
    checkout = folder / "checkout"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(checkout)], check=True)
    (checkout / ".venv").symlink_to((ROOT / ".venv").resolve())
    return checkout


def test_fast_times(folder: Path) -> dict[str, Any]:
    checkout, fast = clean_checkout(folder), []
    for _ in range(TEST_FAST_RUNS):
        start = time.perf_counter()
        subprocess.run(["make", "test-fast"], cwd=checkout, check=True, capture_output=True)
        fast.append(time.perf_counter() - start)
    print(f"make test-fast: {', '.join(f'{t:.2f}' for t in fast)} s", flush=True)
    return {"test_fast_s": fast}


def test_time(folder: Path) -> dict[str, Any]:
    """`make test` once in a clean checkout (it builds the site itself), and the coverage it reports."""
    checkout = clean_checkout(folder)
    start = time.perf_counter()
    result = subprocess.run(["make", "test"], cwd=checkout, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    print(f"make test: {elapsed / 60:.1f} min, exit {result.returncode}", flush=True)
    if result.returncode:
        print(result.stdout[-3000:] + result.stderr[-3000:], file=sys.stderr)
    return {"test_s": elapsed, "test_passed": result.returncode == 0, "coverage": coverage_total(result.stdout)}


def page_results(folder: Path, statement: Statement, only: list[str], runs: int) -> dict[str, Any]:
    """Bytes of a first visit and Lighthouse scores (`runs` runs) of each page kind, on a fresh build."""
    site = folder / "site"
    subprocess.run([sys.executable, "-m", "scripts", "build", "--site-dir", str(site),
                    "--build-dir", str(folder / "build")], cwd=ROOT, check=True, capture_output=True)
    httpd, base = serve(site)
    kinds: dict[str, Any] = {}
    try:
        for kind, url in page_kinds(statement):
            if only and not any(wanted in kind for wanted in only):
                continue
            raw, gz = transferred(base, url, site)
            scores = [lighthouse(base + url) for _ in range(runs)] if LIGHTHOUSE.exists() else []
            print(f"{kind}: {url} {scores}", flush=True)
            kinds[kind] = {"url": url, "bytes_raw": raw, "bytes_gz": gz, "scores": scores}
    finally:
        httpd.shutdown()
    return {"kinds": kinds, "pages": len(page_kinds(statement)), "search_entries": list(search_index(site))}


def _part(values: dict[str, Any], started: dt.datetime, load: tuple[float, float, float]) -> dict[str, Any]:
    """A part's measures with when it started, and the load average (1, 5, 15 minutes) at its start and end."""
    return {"date": started.strftime("%Y-%m-%d %H:%M UTC"), "load": [round(value, 2) for value in load],
            "load_end": [round(value, 2) for value in os.getloadavg()], "cores": os.cpu_count(), **values}


def main(argv: list[str] | None = None) -> int:
    if argv and argv[0] == "--steps":  # one step-timed build, in the fresh process step_times starts
        print(json.dumps(_timed_steps(Path(argv[1]), Path(argv[2]))))
        return 0
    parser = argparse.ArgumentParser(prog="python -m scripts bench", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[6:]))
    parser.add_argument("--only", nargs="+", choices=PARTS, help="measure these parts alone")
    parser.add_argument("--no-test", action="store_true", help="leave out timing `make test` (14 min or more)")
    parser.add_argument("--page", action="append", default=[], help="the pages part on pages whose kind holds this")
    parser.add_argument("--lighthouse-runs", type=int, default=LIGHTHOUSE_RUNS, metavar="N",
                        help=f"Lighthouse runs a page (default {LIGHTHOUSE_RUNS}; 0: bytes alone)")
    parser.add_argument("--table", action="store_true", help="measure nothing: rewrite README's table alone")
    args = parser.parse_args(argv)
    parts = [] if args.table else [part for part in (args.only or PARTS) if not (args.no_test and part == "test")]
    results: dict[str, Any] = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    statement = load(ROOT)
    for part in parts:
        started, load_average = dt.datetime.now(dt.UTC), os.getloadavg()
        print(f"{part}: load average {load_average[0]:.2f}", flush=True)
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            if part == "build":
                values: dict[str, Any] = build_times(folder)
            elif part == "steps":
                values = {"steps_s": step_times(folder / "site")}
            elif part == "preview":
                (folder / "preview").mkdir()
                values = {"edit_s": edit_to_page_times(folder / "preview")}
                print(f"edit to page: {', '.join(f'{t:.2f}' for t in values['edit_s'])} s", flush=True)
            elif part == "test-fast":
                values = test_fast_times(folder)
            elif part == "test":
                values = test_time(folder)
            else:
                values = page_results(folder, statement, args.page, args.lighthouse_runs)
                if args.page and "pages" in results:  # some pages again: the others keep their last figures
                    values["kinds"] = {**results["pages"]["kinds"], **values["kinds"]}
        results[part] = _part(values, started, load_average)
        RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_readme(readme_text(results))
    print("README.md: performance table updated from scripts/bench/results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
