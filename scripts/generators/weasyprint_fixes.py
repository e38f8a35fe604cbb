"""Two corrections to WeasyPrint 70, fenced: if a function they wrap changes, the build stops
(WeasyPrintChanged), so that an upgrade is re-checked rather than shipped with a fix that no longer fits.

Inter-character justification (clreq 3.8): WeasyPrint justifies a line only at its spaces
(`count_expandable_spaces`), so a justified Chinese line without spaces ended ragged and one with a few
English words gaped at them. Here each CJK character also counts as an expansion opportunity, and when the
line is drawn (`Layout.set_text(justify=True)`) it takes the same share as a space, as Pango letter
spacing after the glyph: no character is inserted, the text extracts as it is.

The line-breaking fault: `split_first_line` measures a text's first line with its trailing space. When the rest of a
paragraph's text run, up to an unbreakable piece (a word tied to its note call), fits the line only without
that space, WeasyPrint takes the branch for "cannot be split earlier" and sets the run's first word alone on
a line ("contributions / and / recalling"). A space at a line's end hangs (CSS Text 3, 4.1.3), so the run is
measured here against the width plus its trailing space, and only when the run without it fits.
"""

from __future__ import annotations

import hashlib
import inspect
from typing import Any

import re

# sha256 (first 16 hex digits) of each wrapped function's source in WeasyPrint 70.0
FENCED = {"split_first_line": "39ad1016863ca34d", "set_text": "fe23ca9937dbf520",
          "count_expandable_spaces": "175fe6f42576ed38", "add_word_spacing": "879516e71f1b80fa",
          "justify_line": "f83b21ff8793ba6b"}
# A line that would need more than this between its characters (a long unbreakable group pushed to the next
# line, as "作”（operationalized）³⁹。") is left unjustified rather than set letter-spaced. At 0.25 em, lines
# before a Latin word in the bilingual PDF's narrow Chinese column stood visibly tracked; at 0.2 em the
# worst of them are set ragged instead (typography review 2).
LOOSEST = 0.2  # em
# CJK characters and full-width punctuation: each may take justification space after it
CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
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


def expandable(original: Any) -> Any:
    """`count_expandable_spaces` counting each CJK character of a text box as well."""
    from weasyprint.formatting_structure import boxes

    def count_expandable_spaces(box: Any) -> int:
        count = int(original(box))
        return count + len(CJK.findall(box.text)) if isinstance(box, boxes.TextBox) else count

    return count_expandable_spaces


def bounded(original: Any) -> Any:
    """`justify_line` that leaves a Chinese line ragged when its characters or words would stand more than
    LOOSEST further apart."""
    from weasyprint.layout import inline

    def justify_line(context: Any, line: Any, extra_width: float) -> None:
        count = inline.count_expandable_spaces(line)
        chinese = str(line.style["lang"] or "").startswith("zh")  # Latin-only lines of a Chinese note too
        if chinese and count and extra_width / count > LOOSEST * line.style["font_size"]:
            return
        original(context, line, extra_width)

    return justify_line


def spaced(original: Any) -> Any:
    """`Layout.set_text` giving each CJK character, when the line is drawn justified, a space's share."""
    from weasyprint.text.ffi import TO_UNITS, ffi, pango

    def set_text(self: Any, text: str, justify: bool = False) -> None:
        original(self, text, justify)
        if not (justify and self.justification_spacing and CJK.search(self.text)):
            return
        letter = self.style["letter_spacing"]
        base = 0 if letter == "normal" else letter
        spacing = int((self.justification_spacing + base) * TO_UNITS)
        attributes = pango.pango_layout_get_attributes(self.layout)
        if attributes == ffi.NULL:
            attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        offset = 0
        for char in self.text:
            size = len(char.encode())
            if CJK.match(char):
                attribute = pango.pango_attr_letter_spacing_new(spacing)
                attribute.start_index, attribute.end_index = offset, offset + size
                pango.pango_attr_list_change(attributes, attribute)
            offset += size
        pango.pango_layout_set_attributes(self.layout, attributes)

    return set_text


def _check(name: str, function: Any) -> None:
    if source_digest(function) != FENCED[name]:
        raise WeasyPrintChanged(f"WeasyPrint's {name} changed since WeasyPrint 70.0: re-check "
                                "scripts/generators/weasyprint_fixes.py")


def apply() -> None:
    """Install the corrections where WeasyPrint's layout calls the functions (idempotent)."""
    import importlib

    from weasyprint.layout import inline
    from weasyprint.text import line_break

    if getattr(line_break.split_first_line, "fixed", False):
        return
    _check("split_first_line", line_break.split_first_line)
    _check("set_text", line_break.Layout.set_text)
    _check("count_expandable_spaces", inline.count_expandable_spaces)
    _check("add_word_spacing", inline.add_word_spacing)  # it sizes a box from the count
    _check("justify_line", inline.justify_line)
    inline.justify_line = bounded(inline.justify_line)
    inline.count_expandable_spaces = expandable(inline.count_expandable_spaces)
    line_break.Layout.set_text = spaced(line_break.Layout.set_text)
    fixed = hanging_space(line_break.split_first_line)
    line_break.split_first_line = fixed
    for name in _TARGETS:
        module = importlib.import_module(name)
        if getattr(module, "split_first_line", None) is not None:
            module.split_first_line = fixed  # type: ignore[attr-defined]
