"""`make serve`: a live preview an editor can trust.

Every change below docs/, data/, overrides/, scripts/ or to mkdocs.yml rebuilds the site as `make build` does
(prepare → generator → finish, in a fresh process, so that an edit to the Python code applies too; in preview
mode: wording not yet in a release is shown, the PDFs are not made). Builds alternate between two folders, so
the pages served are always those of the last good build; open pages reload when a newer one is ready. A bad
edit prints the build's error, whole, which the open pages also show in a banner, and the next good build
clears it: the loader's message (file, line, unit; several lines for YAML), or for a crash, the place in the
edition's own files (a template's line, the code's file:line) and the exception.
"""

from __future__ import annotations

import http.server
import json
import re
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path

WATCHED = ("docs", "data", "overrides", "scripts", "mkdocs.yml")
_SKIPPED = {"__pycache__", "node_modules"}
_STATE = "/__preview__/state"
_SCRIPT = "/__preview__/reload.js"
_RELOAD = Path(__file__).with_name("preview.js")
_FRAME = re.compile(r'^  File "(?P<file>[^"]+)", line (?P<line>\d+)', re.M)
# What a build prints besides its error: jieba's log, and the preview's own notes.
_CHATTER = re.compile(r"^(Building prefix dict|Loading model|Dumping model|Prefix dict|Preview: |Built )")


class Preview:
    """The served folder, the build's number and the last build's error, shared with the server's threads."""

    def __init__(self, root: Path, build: Path):
        self.root, self.build = root, build
        self.version = 0
        self.error = ""
        self.site: Path | None = None
        self.lock = threading.Lock()

    def rebuild(self) -> None:
        target = self.build / ("preview-a" if self.site != self.build / "preview-a" else "preview-b")
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "scripts", "build", "--preview", "--site-dir", str(target),
                                 "--build-dir", str(self.build)], cwd=self.root, capture_output=True, text=True)
        with self.lock:
            if result.returncode == 0:
                self.site, self.error = target, ""
                print(f"Preview rebuilt in {time.monotonic() - started:.1f} s", flush=True)
            else:
                self.error = build_error(result.stderr, self.root)
                print(self.error, flush=True)
            self.version += 1

    def state(self) -> bytes:
        with self.lock:
            return json.dumps({"version": self.version, "error": self.error}).encode()


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
    seen = sources(root)  # before the first build: an edit saved while it runs is built next, not lost
    print(f"Building the preview for http://{host}:{port}/ (the first build takes a few seconds) ...", flush=True)
    preview.rebuild()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving the preview at http://{host}:{port}/ (Ctrl-C stops)", flush=True)
    try:
        while True:
            time.sleep(0.3)
            now = sources(root)
            if now != seen:
                seen = now
                preview.rebuild()
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
