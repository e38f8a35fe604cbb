"""Released permanent URLs: data/permalinks.txt lists them; none may ever stop resolving. Each unit has one on its
section page (the current wording) and one in each release's frozen text (that release's wording).

    python -m scripts permalinks          # exit 1 if a unit's URL is not released yet
    python -m scripts permalinks --fix    # append the new units' URLs (never removes one)
"""

from __future__ import annotations

from pathlib import Path

from scripts.errors import SourceError
from scripts.model import LANGS, Location, Statement

FILE = "data/permalinks.txt"
HEADER = ("# Released permanent URLs, relative to the site root. A promise: lines are only ever added.\n"
           "# `make permalinks` appends the URLs of new units and of each new release's frozen text\n"
           "# (releases/<version>/); tests check that each one resolves.\n")


def read_released(root: Path) -> list[tuple[str, Location]]:
    path = root / FILE
    if not path.exists():
        return []
    return [(line.strip(), Location(FILE, number))
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            if line.strip() and not line.startswith("#")]


def unit_urls(statement: Statement) -> list[str]:
    """Every unit's permanent URLs: on its section page, then in each release's frozen text (a release's block
    of URLs is released with it)."""
    versions: list[str | None] = [None, *(release.version for release in statement.releases)]
    return [statement.unit_url(unit, lang, version) for version in versions for unit in statement.units()
            for lang in LANGS]


def check_released_resolve(root: Path, statement: Statement) -> None:
    """Every released URL still names a unit on its page: the build stops if one would break."""
    current = set(unit_urls(statement))
    for url, where in read_released(root):
        if url not in current:
            raise SourceError(where, f"released permanent URL '{url}' no longer leads to its unit; "
                              "restore the unit or its page (released URLs never change)", url.partition("#")[2])


def release_urls(root: Path, urls: list[str]) -> None:
    """Append URLs to the released list (the file is only ever appended to)."""
    path = root / FILE
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    path.write_text(text + "".join(f"{url}\n" for url in urls), encoding="utf-8")


def unreleased(root: Path, statement: Statement) -> list[str]:
    released = {url for url, _ in read_released(root)}
    return [url for url in unit_urls(statement) if url not in released]
