"""The authoritative Chinese text, read line by line so that the loader can hold the sources to it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from scripts.errors import SourceError
from scripts.model import Location

Kind = Literal["title", "heading", "preamble", "clause", "item"]


@dataclass(frozen=True)
class AuthorityLine:
    kind: Kind
    text: str  # exactly as the source prints it (clause numeral and dash included)
    where: Location


@dataclass(frozen=True)
class Authority:
    headline: str  # the news headline: provenance, not statement text
    lead: str  # the news lead: provenance, not statement text
    lines: tuple[AuthorityLine, ...]  # the statement proper, title first


def read_authority(path: Path, name: str) -> Authority:
    """Split the CCTV text into news matter and the statement proper (from the bold title on)."""
    headline = lead = None
    lines: list[AuthorityLine] = []
    in_statement = False
    seen_preamble = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        where = Location(name, number)
        if not line:
            continue
        bold = line.startswith("**") and line.endswith("**")
        if not in_statement:
            if line.startswith("# "):
                headline = line[2:]
            elif bold:
                in_statement = True
                lines.append(AuthorityLine("title", line.strip("*"), where))
            else:
                lead = line
            continue
        if bold:
            lines.append(AuthorityLine("heading", line.strip("*"), where))
        elif line.startswith("——"):
            lines.append(AuthorityLine("item", line, where))
        elif not seen_preamble:
            seen_preamble = True
            lines.append(AuthorityLine("preamble", line, where))
        else:
            lines.append(AuthorityLine("clause", line, where))
    if headline is None or lead is None or not lines:
        raise SourceError(Location(name), "not the statement: expected a headline, a lead and a bold title")
    return Authority(headline=headline, lead=lead, lines=tuple(lines))
