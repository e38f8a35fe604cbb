"""`make serve`: a live preview an editor can trust.

The site is built as `make build --preview` builds it (wording not yet in a release is shown; no PDFs, no
CSP) by a warm worker process (scripts/pipeline/warm.py) that keeps the code, the templates and MkDocs'
state. An edit to docs/ or data/ has it reload the model and build again only the pages whose prepared text
changed, in place; the search indexes stay those of the last whole build. An edit to scripts/, overrides/ or
mkdocs.yml (or one that adds, removes or retitles a page) starts a fresh worker, which builds the whole site
into the other of two folders, so that an edit to the Python code applies too and the pages served stay those
of the last good build. Open pages reload when a newer build is ready. A bad edit prints the build's error,
whole, which the open pages also show in a banner, and the next good build clears it: the loader's message
(file, line, unit; several lines for YAML), or for a crash, the place in the edition's own files (a
template's line, the code's file:line) and the exception.
"""

from __future__ import annotations

import http.server
import json
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from functools import partial
from pathlib import Path

WATCHED = ("docs", "data", "overrides", "scripts", "mkdocs.yml")
_WARM = ("docs", "data")  # edits the warm worker builds; the rest needs a fresh process
_SKIPPED = {"__pycache__", "node_modules"}
_STATE = "/__preview__/state"
_SCRIPT = "/__preview__/reload.js"
_RELOAD = Path(__file__).with_name("preview.js")
_FRAME = re.compile(r'^  File "(?P<file>[^"]+)", line (?P<line>\d+)', re.M)
# What a build prints besides its error: jieba's log, and the preview's own notes.
_CHATTER = re.compile(r"^(Building prefix dict|Loading model|Dumping model|Prefix dict|Preview: |Built )")


class Preview:
    """The served folder, the build's number and the last build's error, shared with the server's threads; and
    the warm worker (scripts/pipeline/warm.py) that builds them."""

    def __init__(self, root: Path, build: Path):
        self.root, self.build = root, build
        self.version = 0
        self.error = ""
        self.site: Path | None = None
        self.lock = threading.Lock()
        self.worker: _Worker | None = None

    def rebuild(self, changed: Iterable[Path] = ()) -> None:
        """After an edit to docs/ or data/ alone, the warm worker builds again the pages it changed, in place;
        else (the code, a template, mkdocs.yml; the first build) a fresh worker builds the whole site into the
        other folder, so that the pages served stay those of the last good build until it succeeds."""
        started = time.monotonic()
        worker, outcome = self.worker, None
        if worker and changed and all(path.relative_to(self.root).parts[0] in _WARM for path in changed):
            outcome = worker.ask()
        if outcome is None or outcome.get("whole"):
            if worker:
                worker.stop()
            target = self.build / ("preview-a" if self.site != self.build / "preview-a" else "preview-b")
            worker = _Worker(self.root, self.build, target)
            outcome = worker.ask()
        assert worker is not None
        self.worker = worker if outcome is not None else None  # a worker whose code does not run is replaced
        with self.lock:
            if outcome and outcome["ok"]:
                self.site, self.error = worker.site, ""
                print(f"Preview rebuilt in {time.monotonic() - started:.1f} s ({outcome['pages']} pages)", flush=True)
            else:
                outcome = outcome or {}
                self.error = outcome.get("error") or build_error(outcome.get("traceback") or "".join(worker.log),
                                                                 self.root)
                print(self.error, flush=True)
            self.version += 1

    def close(self) -> None:
        if self.worker:
            self.worker.stop()

    def state(self) -> bytes:
        with self.lock:
            return json.dumps({"version": self.version, "error": self.error}).encode()


class _Worker:
    """A warm worker process: it builds the whole site into `site` when it starts, then the pages an edit
    changed each time it is asked; what it prints besides its outcomes is kept for a crash's message."""

    def __init__(self, root: Path, build: Path, site: Path):
        self.site = site
        self.process = subprocess.Popen([sys.executable, "-m", "scripts.pipeline.warm", str(root), str(build),
                                         str(site)], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        self.log: list[str] = []
        self.started = False
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)

    def ask(self) -> dict | None:
        """The outcome of its next build (the whole site first), or None when it has died."""
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            if self.started:
                self.log.clear()
                self.process.stdin.write("\n")
                self.process.stdin.flush()
            self.started = True
            line = self.process.stdout.readline()
        except OSError:
            line = ""
        if not line:
            self.process.wait()
            return None
        return json.loads(line)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait()


def build_error(stderr: str, root: Path) -> str:
    """A failed build's error as the editor needs it: the whole message the build printed or, for a crash
    (a traceback), `file:line: exception`, the place being the last frame in the edition's own files."""
    lines = [line for line in stderr.strip().splitlines() if not _CHATTER.match(line)]
    if "Traceback (most recent call last):" not in stderr:
        return "\n".join(lines).strip() or "build failed"
    frames = [(Path(frame["file"]), frame["line"]) for frame in _FRAME.finditer(stderr)]
    own = [(path.relative_to(root.resolve()).as_posix(), line) for path, line in frames
           if path.is_relative_to(root.resolve()) and not {".venv", "site-packages"} & set(path.parts)]
    exception = next((line for line in reversed(lines) if line and not line[0].isspace()), "build failed")
    return f"{own[-1][0]}:{own[-1][1]}: {exception}" if own else exception


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, preview: Preview, **kwargs):
        self.preview = preview
        super().__init__(*args, directory=str(preview.site or preview.build), **kwargs)

    def do_GET(self) -> None:
        path = self.path.split("?")[0].split("#")[0]
        if path == _STATE:
            return self._send(self.preview.state(), "application/json")
        if path == _SCRIPT:
            return self._send(_RELOAD.read_bytes(), "text/javascript")
        file = Path(self.translate_path(path))
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            html = file.read_text(encoding="utf-8")
            script = f'<script src="{_SCRIPT}"></script></body>'
            return self._send(html.replace("</body>", script, 1).encode(), "text/html; charset=utf-8")
        if self.preview.site is None:
            return self._send(f"The first build failed: {self.preview.error}".encode(), "text/plain; charset=utf-8",
                              503)
        return super().do_GET()

    def _send(self, body: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def sources(root: Path) -> dict[Path, int]:
    """What the preview watches: every file below the watched folders, with its modification time."""
    found = {}
    for name in WATCHED:
        top = root / name
        for path in [top] if top.is_file() else top.rglob("*"):
            if path.is_file() and not _SKIPPED & set(path.relative_to(root).parts):
                found[path] = path.stat().st_mtime_ns
    return found


def serve(root: Path, host: str, port: int, build: Path | None = None) -> int:
    preview = Preview(root, build or root / "build")
    try:
        server = http.server.ThreadingHTTPServer((host, port), partial(_Handler, preview=preview))
    except OSError as error:
        print(f"Cannot serve at {host}:{port}: {error.strerror} (another server there? choose another address: "
              f"make serve ADDR={host}:{port + 1})", flush=True)
        return 1
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # a terminated preview stops its worker too (finally)
    seen = sources(root)  # before the first build: an edit saved while it runs is built next, not lost
    print(f"Building the preview for http://{host}:{port}/ (the first build takes a few seconds) ...", flush=True)
    preview.rebuild()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving the preview at http://{host}:{port}/ (Ctrl-C stops)", flush=True)
    try:
        while True:
            time.sleep(0.1)  # a scan takes milliseconds; a save shows sooner
            now = sources(root)
            if now != seen:
                changed = {path for path in now.keys() | seen.keys() if now.get(path) != seen.get(path)}
                seen = now
                preview.rebuild(changed)
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
        preview.close()
