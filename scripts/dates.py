"""Dates with honest precision, as the data writes them, and as each language prints them.

    2030            a year                 2024-H1      a half-year
    2024-05         a month                2023-11-30   a day
    2023-11-30/2023-12-13                  a span (start and end of the same precision)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "half", "month", "day"]
_FORM = re.compile(r"(?P<year>\d{4})(?:-(?:(?P<half>H[12])|(?P<month>\d{2})(?:-(?P<day>\d{2}))?))?")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # English; Chinese dates are numerals (11月)


class DateError(ValueError):
    pass


@dataclass(frozen=True)
class When:
    iso: str  # as written in the data
    start: dt.date  # first day covered
    end: dt.date  # last day covered
    precision: Precision
    span: bool = False  # written as START/END

    def __str__(self) -> str:
        return self.iso

    @property
    def html_datetime(self) -> str | None:
        """A value for <time datetime>: the first day, month or year; HTML has no half-years."""
        if self.precision == "half":
            return None
        return {"year": f"{self.start.year}", "month": self.start.isoformat()[:7], "day": self.start.isoformat()}[
            self.precision]


def parse_when(value: object) -> When:
    """Parse a date of the data; raises DateError with the reason."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    if "/" in text:
        first, _, last = text.partition("/")
        start, end = _parse_one(first), _parse_one(last)
        if start.precision != end.precision:
            raise DateError(f"'{text}': start and end must have the same precision")
        if end.start <= start.start:
            raise DateError(f"'{text}': the end is not after the start")
        return When(text, start.start, end.end, start.precision, span=True)
    return _parse_one(text)


def _parse_one(text: str) -> When:
    match = _FORM.fullmatch(text)
    if not match:
        raise DateError(f"'{text}' is not a date: write YYYY, YYYY-H1, YYYY-MM or YYYY-MM-DD")
    year = int(match["year"])
    try:
        if match["half"]:
            first_month = 1 if match["half"] == "H1" else 7
            return When(text, dt.date(year, first_month, 1), _month_end(year, first_month + 5), "half")
        if match["day"]:
            day = dt.date(year, int(match["month"]), int(match["day"]))
            return When(text, day, day, "day")
        if match["month"]:
            month = int(match["month"])
            return When(text, dt.date(year, month, 1), _month_end(year, month), "month")
    except ValueError as exc:
        raise DateError(f"'{text}' is not a date: {exc}") from None
    return When(text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def format_when(when: When, lang: str) -> str:
    """2024年上半年 / first half of 2024; 2023年11月30日至12月13日 / 30 November – 13 December 2023."""
    if not when.span:
        return _format_one(when.start, when.precision, lang)
    start, end = when.start, when.end
    if lang == "zh":
        if when.precision == "day" and start.year == end.year:
            tail = f"{end.day}日" if start.month == end.month else f"{end.month}月{end.day}日"
            return f"{_format_one(start, 'day', lang)}至{tail}"
        return f"{_format_one(start, when.precision, lang)}至{_format_one(end, when.precision, lang)}"
    if when.precision == "day" and start.year == end.year:
        if start.month == end.month:
            return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
        return f"{start.day} {MONTHS[start.month - 1]} – {end.day} {MONTHS[end.month - 1]} {end.year}"
    return f"{_format_one(start, when.precision, lang)} – {_format_one(end, when.precision, lang)}"


def _format_one(day: dt.date, precision: Precision, lang: str) -> str:
    if lang == "zh":
        return {"year": f"{day.year}年", "half": f"{day.year}年{'上' if day.month < 7 else '下'}半年",
                "month": f"{day.year}年{day.month}月", "day": f"{day.year}年{day.month}月{day.day}日"}[precision]
    return {"year": f"{day.year}", "half": f"{'first' if day.month < 7 else 'second'} half of {day.year}",
            "month": f"{MONTHS[day.month - 1]} {day.year}",
            "day": f"{day.day} {MONTHS[day.month - 1]} {day.year}"}[precision]
