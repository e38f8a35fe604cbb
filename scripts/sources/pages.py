"""Read the Markdown sources: front matter, and for section pages the heading and unit lines.

The markup of a section page (see ARCHITECTURE.md):

    ---
    section: energy-transition
    ---

    # 能源转型

    {#p6} 六、在21世纪20年代……

One unit per line, introduced by its id; blank lines and `<!-- comments -->` between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scripts.errors import SourceError
from scripts.model import Location

UNIT_ID = re.compile(r"preamble|p[1-9]\d*(?:-[1-9]\d*)?")
_UNIT_LINE = re.compile(r"\{#(?P<id>[^}\s]*)\}\s*(?P<text>.*)")
_COMMENT = re.compile(r"<!--.*-->")
_FRONT_MATTER_LINE = 2  # the file's line of the front matter's first line (after the opening '---')


@dataclass(frozen=True)
class UnitLine:
    id: str
    text: str  # the whole line after the marker: label and text
    where: Location


@dataclass(frozen=True)
class SourceFile:
    name: str  # path below docs/<lang>/
    where: Location
    meta: dict[str, Any]
    body_line: int  # first line after the front matter
    heading: str | None = None
    heading_where: Location | None = None
    units: tuple[UnitLine, ...] = field(default=())
    meta_lines: dict[str, int] = field(default_factory=dict, compare=False)  # the line of each front matter key

    def meta_where(self, key: str) -> Location:
        """Where a front matter key stands; the front matter's opening line if the key is absent."""
        return Location(self.where.file, self.meta_lines.get(key, 1))

    @property
    def key_where(self) -> Location:
        """Where the page says what it is: its `section:` or its `kind:`."""
        return self.meta_where("section" if self.kind == "section" else "kind")

    @property
    def kind(self) -> str:
        """"section" for a section page, else its front matter's `kind` (home, full_text …), "" if it has none."""
        return "section" if "section" in self.meta else self.meta.get("kind") or ""

    @property
    def key(self) -> str:
        """What the page is across languages: the section id, or the kind."""
        return self.meta["section"] if self.kind == "section" else self.kind

    @property
    def section_heading(self) -> tuple[str, Location]:
        """A section page's '# heading' and where it stands (read_source stops at a section page without one)."""
        assert self.heading is not None and self.heading_where is not None, f"{self.where} is no section page"
        return self.heading, self.heading_where


def read_front_matter(path: Path, display: str) -> tuple[dict[str, Any], dict[str, int], list[str], int]:
    """The YAML front matter, the line of each of its keys, the body's lines, and the number of the body's
    first line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != "---":
        raise SourceError(Location(display, 1), "missing front matter (a first line '---')")
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    except StopIteration:
        raise SourceError(Location(display, 1), "front matter is not closed by a line '---'") from None
    text = "\n".join(lines[1:end])
    try:
        meta = yaml.safe_load(text) or {}
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        # The parser counts from the front matter's first line, the file's second.
        mark = getattr(exc, "problem_mark", None)
        problem = " ".join(part for part in (getattr(exc, "context", None), getattr(exc, "problem", None)) if part)
        raise SourceError(Location(display, mark.line + _FRONT_MATTER_LINE if mark else 1),
                          f"front matter is not valid YAML: {problem or exc}") from None
    if not isinstance(meta, dict):
        assert node is not None  # meta is no mapping, so the document is not empty
        raise SourceError(Location(display, node.start_mark.line + _FRONT_MATTER_LINE),
                          "front matter must be a mapping")
    meta_lines = {key.value: key.start_mark.line + _FRONT_MATTER_LINE for key, _ in node.value} if node else {}
    return meta, meta_lines, lines[end + 1:], end + 2


def read_source(path: Path, name: str, display: str) -> SourceFile:
    """Read a page; a section page's body is parsed strictly, line by line."""
    meta, meta_lines, body, first = read_front_matter(path, display)
    if "section" not in meta:
        return SourceFile(name=name, where=Location(display), meta=meta, body_line=first, meta_lines=meta_lines)

    heading = heading_where = None
    units: list[UnitLine] = []
    for number, raw in enumerate(body, start=first):
        line = raw.strip()
        where = Location(display, number)
        if not line or _COMMENT.fullmatch(line):
            continue
        if line.startswith("# "):
            if heading is not None or units:
                raise SourceError(where, "a section page has one '# heading', before its units")
            heading, heading_where = line[2:].strip(), where
            continue
        match = _UNIT_LINE.fullmatch(line)
        if not match:
            raise SourceError(where, "text outside a unit: every line must start with a unit id like '{#p6}'")
        unit_id, text = match["id"], match["text"].strip()
        if not UNIT_ID.fullmatch(unit_id):
            raise SourceError(where, f"'{unit_id}' is not a unit id (preamble, p1 … p25, p24-1 …)", unit_id)
        if not text:
            raise SourceError(where, "the unit has no text", unit_id)
        units.append(UnitLine(unit_id, text, where))
    if heading is None:
        raise SourceError(Location(display, first), "a section page needs a '# heading'")
    return SourceFile(name=name, where=Location(display), meta=meta, body_line=first,
                      heading=heading, heading_where=heading_where, units=tuple(units), meta_lines=meta_lines)
