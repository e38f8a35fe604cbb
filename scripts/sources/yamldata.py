"""YAML data files that remember where each value stands, so that errors can name the line."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import yaml

from scripts.errors import SourceError
from scripts.model import Location, Text

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlFile:
    name: str
    data: Any
    lines: dict[KeyPath, int]  # the line of each key or list item, and of the document's content at ()

    def where(self, *path: str | int) -> Location:
        """The closest known line of a key path (its parent's, if the key itself is absent)."""
        while path and path not in self.lines:
            path = path[:-1]
        return Location(self.name, self.lines.get(path))

    def text(self, *path: str | int) -> Text:
        """A {zh, en} mapping at `path`, both languages required."""
        value = self.get(*path)
        if not isinstance(value, dict):
            raise SourceError(self.where(*path), f"'{_dotted(path)}' must give 'zh' and 'en'")
        extra = set(value) - {"zh", "en"}
        if extra:
            raise SourceError(self.where(*path), f"'{_dotted(path)}' has keys other than 'zh' and 'en': "
                              f"{sorted(map(str, extra))} (quote a value that holds a comma)")
        for lang in ("zh", "en"):
            if not isinstance(value.get(lang), str) or not value[lang].strip():
                raise SourceError(self.where(*path), f"'{_dotted(path)}' has no '{lang}' text")
        return Text(zh=value["zh"], en=value["en"])  # not stripped: ", " and "：" are meant

    def entries(self, what: str) -> Iterator[tuple[str, dict]]:
        """The file's top-level entries, each a mapping: `what` names them in errors ("reference")."""
        if not isinstance(self.data, dict):
            raise SourceError(self.where(), f"must map {what} keys to entries")
        for key, entry in self.data.items():
            if not isinstance(entry, dict):
                raise SourceError(self.where(key), f"{what} '{key}' must be a mapping", key)
            yield key, entry

    def get(self, *path: str | int, default: Any = ...) -> Any:
        value = self.data
        for key in path:
            try:
                value = value[key]
            except (KeyError, IndexError, TypeError):
                if default is not ...:
                    return default
                raise SourceError(self.where(*path), f"'{_dotted(path)}' is missing") from None
        return value


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as written: scripts/dates.py parses them, with clear errors."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path, name: str) -> YamlFile:
    data, lines = _parsed(path.read_text(encoding="utf-8"), name)
    return YamlFile(name=name, data=copy.deepcopy(data), lines=dict(lines))  # copies: a caller may change them


@lru_cache(maxsize=64)
def _parsed(text: str, name: str) -> tuple[Any, dict[KeyPath, int]]:
    """A file's data and lines, parsed once per content: the preview's warm process reloads the model on every
    edit, and parsing the unchanged files again was most of the loader's time."""
    try:
        data = yaml.load(text, Loader=_Loader)
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SourceError(Location(name, mark.line + 1 if mark else None), f"not valid YAML: {exc}") from None
    lines: dict[KeyPath, int] = {} if node is None else {(): node.start_mark.line + 1}  # () is the document
    _collect_lines(node, (), lines)
    return data, lines


def _collect_lines(node: yaml.Node | None, path: KeyPath, lines: dict[KeyPath, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[path + (key.value,)] = key.start_mark.line + 1
            _collect_lines(value, path + (key.value,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            lines[path + (index,)] = value.start_mark.line + 1
            _collect_lines(value, path + (index,), lines)


def _dotted(path: KeyPath) -> str:
    return ".".join(str(key) for key in path)
