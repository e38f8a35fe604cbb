"""A correction to WeasyPrint 70's line breaking, fenced: if the function it wraps changes, the build stops
(WeasyPrintChanged), so that an upgrade is re-checked rather than shipped with a fix that no longer fits.

The fault: `split_first_line` measures a text's first line with its trailing space. When the rest of a
paragraph's text run, up to an unbreakable piece (a word tied to its note call), fits the line only without
that space, WeasyPrint takes the branch for "cannot be split earlier" and sets the run's first word alone on
a line ("contributions / and / recalling"). A space at a line's end hangs (CSS Text 3, 4.1.3), so the run is
measured here against the width plus its trailing space, and only when the run without it fits.
"""

from __future__ import annotations

import hashlib
import inspect
from typing import Any

# sha256 of weasyprint.text.line_break.split_first_line's source in WeasyPrint 70.0 (first 16 hex digits)
FENCED = "39ad1016863ca34d"
_TARGETS = ("weasyprint.layout.inline", "weasyprint.layout.preferred")


class WeasyPrintChanged(RuntimeError):
    pass


def source_digest(function: Any) -> str:
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


def hanging_space(original: Any) -> Any:
    """`split_first_line` with a trailing space that hangs instead of pushing the run's words apart."""
    from weasyprint.text.line_break import create_layout, line_size

    def width(text: str, style: Any, context: Any, spacing: Any) -> float:
        layout = create_layout(text, style, context, None, spacing)  # kept alive while its line is measured
        return float(line_size(layout.get_first_line()[0], style)[0])

    def split_first_line(text: str, style: Any, context: Any, max_width: Any, justification_spacing: Any,
                         is_line_start: bool = True, minimum: bool = False) -> Any:
        result = original(text, style, context, max_width, justification_spacing, is_line_start=is_line_start,
                          minimum=minimum)
        stripped = text.rstrip(" ")
        if max_width is None or result[2] is None or stripped == text or not stripped:
            return result
        core = width(stripped, style, context, justification_spacing)
        if core > max_width:  # the run does not fit even without its space: the break was a true one
            return result
        space = width(text, style, context, justification_spacing) - core
        return original(text, style, context, max_width + space, justification_spacing,
                        is_line_start=is_line_start, minimum=minimum)

    split_first_line.fixed = True  # type: ignore[attr-defined]
    return split_first_line


def apply() -> None:
    """Install the correction where WeasyPrint's layout calls the function (idempotent)."""
    import importlib

    from weasyprint.text import line_break

    if getattr(line_break.split_first_line, "fixed", False):
        return
    if source_digest(line_break.split_first_line) != FENCED:
        raise WeasyPrintChanged("weasyprint.text.line_break.split_first_line changed since WeasyPrint 70.0: "
                                "re-check hanging_space in scripts/generators/weasyprint_fixes.py")
    fixed = hanging_space(line_break.split_first_line)
    line_break.split_first_line = fixed
    for name in _TARGETS:
        module = importlib.import_module(name)
        if getattr(module, "split_first_line", None) is not None:
            module.split_first_line = fixed  # type: ignore[attr-defined]
