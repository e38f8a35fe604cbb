"""Chinese clause numerals, and the numbers a clause states (for the parity check)."""

from __future__ import annotations

import re

from scripts.dates import MONTHS

_DIGITS = "一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 24 → 二十四 (the statement numbers its clauses up to 25)."""
    if not 1 <= n <= 99:
        raise ValueError(f"no clause numeral for {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones - 1]
    prefix = "" if tens == 1 else _DIGITS[tens - 1]
    return prefix + "十" + (_DIGITS[ones - 1] if ones else "")



# Rewrites that make the two languages' numbers comparable. Chinese writes the 2020s as
# 21世纪20年代 and USD 100 billion as 1000亿美元; English writes months as words, 28th, 2020s.
_ZH_RULES = (
    (re.compile(r"(\d+)世纪(\d+)年代"), lambda m: f" {(int(m[1]) - 1) * 100 + int(m[2])} "),
    (re.compile(r"(\d+(?:\.\d+)?)亿"), lambda m: f" {_plain(float(m[1]) * 1e8)} "),
    (re.compile(r"(\d+)月"), lambda m: f" {MONTHS[int(m[1]) - 1]} "),
)
_EN_RULES = (
    (re.compile(r"\b(\d{4})s\b"), lambda m: f" {m[1]} "),
    (re.compile(r"\b(\d+)(?:st|nd|rd|th)\b"), lambda m: f" {m[1]} "),
    # \s: the English sets a no-break space between a number and its unit
    (re.compile(r"(\d+(?:\.\d+)?)\s+billion\b"), lambda m: f" {_plain(float(m[1]) * 1e9)} "),
)
# A number glued to letters is part of a name (COP28, CO2, G20), not a quantity.
_NUMBER = re.compile(r"(?<![A-Za-z\d.])\d+(?:\.\d+)?(?![A-Za-z\d])")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def stated_numbers(text: str, lang: str) -> frozenset[str]:
    """The numbers and months a text states, normalised so that both languages compare."""
    for pattern, repl in _ZH_RULES if lang == "zh" else _EN_RULES:
        text = pattern.sub(repl, text)
    return frozenset(_NUMBER.findall(text)) | frozenset(_MONTH.findall(text))
