"""Offline link check of a built site: every internal link and fragment resolves; nothing is fetched.

    python -m scripts.checks.links site/      # lists problems and the external links, exit 1 on a problem
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from scripts.checks import Problem, shorten

# Elements that link or load, and the attribute that holds the address.
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src",
           "video": "src", "audio": "src", "embed": "src", "object": "data"}
# Of those, the ones a browser loads by itself (the site must not load anything from another host).
LOADING = {"link", "script", "img", "iframe", "source", "video", "audio", "embed", "object"}


@dataclass
class LinkReport:
    problems: list[Problem] = field(default_factory=list)
    external: set[str] = field(default_factory=set)  # listed, never fetched


def check_links(site: Path) -> LinkReport:
    report = LinkReport()
    ids = _IdIndex(site)
    for html in sorted(site.rglob("*.html")):
        page = html.relative_to(site).as_posix()
        document = ids.document(html)
        for element in document.find_all(list(LINKING)):
            address = _attribute(element, LINKING[element.name])
            if not address or (element.name == "link" and "preconnect" in element.get_attribute_list("rel")):
                continue
            parts = urlsplit(address)
            if parts.scheme in ("http", "https") or address.startswith("//"):
                canonical = element.name == "link" and "canonical" in element.get_attribute_list("rel")
                if element.name in LOADING and not canonical:
                    report.problems.append(Problem(page, "loads-from-another-host", shorten(str(element))))
                else:
                    report.external.add(address)
                continue
            if parts.scheme in ("mailto", "tel", "data", "javascript"):
                continue
            target = _resolve(site, html, parts.path)
            if target is None:
                report.problems.append(Problem(page, "broken-link", shorten(str(element)), f"no file for '{address}'"))
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids.of(target):
                report.problems.append(Problem(page, "broken-fragment", shorten(str(element)),
                                               f"no id '{parts.fragment}' in {target.relative_to(site).as_posix()}"))
    return report


def _attribute(element: Tag, name: str) -> str:
    """A single-valued attribute (href, src, id, name): bs4 gives it as a string; "" where it is absent."""
    value = element.get(name)
    return value if isinstance(value, str) else ""


def _resolve(site: Path, html: Path, path: str) -> Path | None:
    """The file a relative (or site-absolute) path names, as a static host would serve it."""
    if not path:
        return html
    base = site if path.startswith("/") else html.parent
    target = (base / unquote(path).lstrip("/")).resolve()
    if site.resolve() not in (target, *target.parents):
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


class _IdIndex:
    """Parsed pages and their ids, each read once."""

    def __init__(self, site: Path):
        self.site = site

    @cache  # noqa: B019 (one checker per check of a built site: the cache lives as long as the run)
    def document(self, html: Path) -> BeautifulSoup:
        return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")

    @cache  # noqa: B019 (one checker per check of a built site)
    def of(self, html: Path) -> frozenset[str]:
        document = self.document(html)
        return frozenset(_attribute(element, "id") for element in document.find_all(id=True)) | \
            frozenset(_attribute(element, "name") for element in document.find_all("a", attrs={"name": True}))


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    report = check_links(site)
    for address in sorted(report.external):
        print(f"external (not fetched): {address}")
    for problem in report.problems:
        print(problem)
    print(f"{len(report.problems)} problem(s), {len(report.external)} external link(s)")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
