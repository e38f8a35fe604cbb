"""Quality gates over a built site: each returns the problems it finds, naming page, rule and element."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    page: str  # path of the page below the site folder
    rule: str
    element: str  # the offending markup, shortened
    detail: str = ""

    def __str__(self) -> str:
        detail = f": {self.detail}" if self.detail else ""
        return f"{self.page} [{self.rule}] {self.element}{detail}"


def shorten(markup: str, width: int = 160) -> str:
    markup = " ".join(markup.split())
    return markup if len(markup) <= width else markup[: width - 1] + "…"
