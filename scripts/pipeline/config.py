"""What the edition reads from `mkdocs.yml`: the one place that says where the site lives and how its
Markdown is read. Read with a YAML loader of our own (MkDocs' `!ENV` tags resolved as MkDocs does), so
that the prepare step needs no MkDocs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

CONFIG = "mkdocs.yml"


@dataclass(frozen=True)
class SiteConfig:
    site_url: str | None  # the published address; None when unknown (a local build)
    markdown_extensions: tuple[str | dict[str, Any], ...]

    @property
    def extension_names(self) -> list[str]:
        return [ext if isinstance(ext, str) else next(iter(ext)) for ext in self.markdown_extensions]

    @property
    def extension_configs(self) -> dict[str, Any]:
        return {name: options for ext in self.markdown_extensions if isinstance(ext, dict)
                for name, options in ext.items() if options}


class _Loader(yaml.SafeLoader):
    pass


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV VAR` or `!ENV [VAR, …, default]`: the first variable set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    *names, default = loader.construct_sequence(node)  # type: ignore[arg-type]
    return next((os.environ[name] for name in names if name in os.environ), default)


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)  # Material's emoji


def known_address(value: str | None) -> str | None:
    """The address records may print: the one the publishing workflow gave, never a placeholder."""
    if not value or urlparse(value).hostname in (None, "localhost", "127.0.0.1") \
            or (urlparse(value).hostname or "").endswith((".example", ".invalid", ".test")):
        return None
    return value if value.endswith("/") else value + "/"


def read_config(root: Path) -> SiteConfig:
    with (root / CONFIG).open(encoding="utf-8") as stream:
        data = yaml.load(stream, Loader=_Loader)  # noqa: S506 — a SafeLoader with two tags added
    return SiteConfig(site_url=known_address(data.get("site_url")),
                      markdown_extensions=tuple(data.get("markdown_extensions") or ()))
