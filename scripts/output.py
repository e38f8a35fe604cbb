"""Writing generated files: only when their content changed, so that live reload does not loop."""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, content: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return True
