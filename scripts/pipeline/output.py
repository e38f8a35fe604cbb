"""Writing generated files: only when their content changed, so that live reload does not loop."""

from __future__ import annotations

import subprocess
from pathlib import Path

# The statement's release (2023-11-15 00:00 UTC): the date of builds made outside a git checkout.
STATEMENT_EPOCH = "1700006400"


def write_if_changed(path: Path, content: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return True


def build_epoch(root: Path) -> str:
    """The one date that enters the output: the last commit's, so that two builds are identical."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True)
    epoch = result.stdout.strip()
    return epoch if result.returncode == 0 and epoch.isdigit() else STATEMENT_EPOCH
