"""Corrections to Material's markup that its templates give no block to override."""

from __future__ import annotations

import re

# base.html puts autocomplete="off" on its two toggle checkboxes (outside any block); HTML allows
# autocomplete only on text-like inputs, so the Nu Html Checker rejects every page.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def fix_page_html(html: str) -> str:
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
