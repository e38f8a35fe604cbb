"""The reference register (data/references.yaml): checked for meaning, not just syntax."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.dates import DateError, parse_when
from scripts.errors import SourceError
from scripts.model import Reference
from scripts.sources.yamldata import read_yaml

FILE = "data/references.yaml"
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*")


def load_references(root: Path) -> tuple[Reference, ...]:
    data = read_yaml(root / FILE, FILE)
    references = []
    for key, entry in data.entries("reference"):
        try:
            when = parse_when(data.get(key, "date"))
        except DateError as error:
            raise SourceError(data.where(key, "date"), f"malformed date: {error}", key) from None
        url = entry.get("url")
        if url is not None and not (isinstance(url, str) and _URL.fullmatch(url)):
            raise SourceError(data.where(key, "url"), f"malformed link '{url}': an http(s) address", key)
        source = data.text(key, "source") if "source" in entry else None
        if url is None and source is None:
            raise SourceError(data.where(key), "needs a 'url' or, failing one, a 'source'", key)
        references.append(Reference(
            key=key, title=data.text(key, "title"), when=when, body=data.text(key, "body"),
            note=data.text(key, "note"), url=url, url_verified=bool(entry.get("url_verified", False)),
            source=source, part_of=entry.get("part_of"), where=data.where(key)))
    keys = {ref.key for ref in references}
    for ref in references:
        if ref.part_of is not None and ref.part_of not in keys:
            raise SourceError(data.where(ref.key, "part_of"), f"part_of '{ref.part_of}' is not registered", ref.key)
    return tuple(references)
