"""The target timeline (data/timeline.yaml): dates with honest precision, checked for meaning."""

from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from pathlib import Path

from scripts.dates import DateError, parse_when
from scripts.errors import SourceError
from scripts.model import LANGS, Location, Target, TargetStatus, Text
from scripts.sources.yamldata import YamlFile, read_yaml

FILE = "data/timeline.yaml"
# What the statement makes of a date: a meeting, a milestone, a baseline, a target it sets, something it
# expects (预期, 期待) or plans (计划); a later development is a milestone or meeting with relation: related.
KINDS = ("meeting", "milestone", "baseline", "target", "expectation", "plan")
THEMES = ("meetings", "energy", "methane", "forests", "finance", "ndc")  # in the order the chart and page list them
# named: the unit names or implies it; related: a later development the unit does not contain.
RELATIONS = ("named", "related")
# What has happened, in words that do not overstate: an announcement is not a target met.
STATES = ("held", "issued", "adopted", "submitted", "announced", "in-effect", "met", "met-late", "on-track",
          "off-track", "pending", "not-met")
# The chart writes a label beside each item, in one line: at most this many columns, a Chinese character
# (or any full-width one) taking two, any other one. Longer labels need a `short: {zh, en}` for the chart.
CHART_LABEL_COLUMNS = 30
# A release publishes only statuses checked at most this many months before its date (`make release`).
FRESH_MONTHS = 3


def load_timeline(root: Path, unit_ids: set[str], reference_keys: set[str]) -> tuple[Target, ...]:
    data = read_yaml(root / FILE, FILE)
    targets = []
    for key, entry in data.entries("target"):
        for field, allowed in (("kind", KINDS), ("theme", THEMES)):
            if entry.get(field) not in allowed:
                raise SourceError(data.where(key, field), f"{field} must be one of {', '.join(allowed)}", key)
        units = entry.get("units")
        if not isinstance(units, list) or not units:
            raise SourceError(data.where(key, "units"), "'units' lists the units it comes from", key)
        for index, unit_id in enumerate(units):
            if unit_id not in unit_ids:
                raise SourceError(data.where(key, "units", index), f"'{unit_id}' is not a unit of the statement", key)
        relation = entry.get("relation", "named")
        if relation not in RELATIONS:
            raise SourceError(data.where(key, "relation"), f"relation must be one of {', '.join(RELATIONS)}", key)
        targets.append(Target(
            id=key, when=_when(data, key, "date"), kind=entry["kind"], theme=entry["theme"], units=tuple(units),
            label=data.text(key, "label"), status=_status(data, key, reference_keys), relation=relation,
            where=data.where(key), short=_short(data, key)))
    return tuple(sorted(targets, key=lambda target: (target.when.start, target.when.end, target.id)))


def columns(text: str) -> int:
    """How wide a label is, in columns: two for a full-width character (Chinese), one for any other."""
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


def _short(data: YamlFile, key: str) -> Text | None:
    """The chart's label (`short`), checked: both languages, each short enough for one line of the chart;
    without it the label itself must be that short."""
    short = data.text(key, "short") if data.get(key, "short", default=None) is not None else None
    for lang in LANGS:
        text = (short or data.text(key, "label"))[lang]
        if columns(text) > CHART_LABEL_COLUMNS:
            where, what = ("short", "the short label") if short else ("label", "the label")
            advice = "shorten it" if short else "add a short label for the chart, short: {zh: …, en: …}"
            raise SourceError(data.where(key, where), f"{what} '{text}' is {columns(text)} columns wide, more than the "
                              f"chart's {CHART_LABEL_COLUMNS} (a Chinese character counts two): {advice}", key)
    return short


def _status(data: YamlFile, key: str, reference_keys: set[str]) -> TargetStatus | None:
    status = data.get(key, "status", default=None)
    if status is None:
        return None
    if not isinstance(status, dict) or status.get("state") not in STATES:
        raise SourceError(data.where(key, "status", "state"), f"status needs a state: one of {', '.join(STATES)}",
                          key)
    source = status.get("source")
    if not source:
        raise SourceError(data.where(key, "status", "source"), "a status needs its source (a reference key)", key)
    if source not in reference_keys:
        raise SourceError(data.where(key, "status", "source"), f"status source '{source}' is not in "
                          "data/references.yaml", key)
    if "as_of" not in status:
        raise SourceError(data.where(key, "status"), "a status needs 'as_of': when the edition last checked it", key)
    as_of = _when(data, key, "status", "as_of")
    when = _when(data, key, "status", "date") if "date" in status else None
    if as_of.span or as_of.precision not in ("month", "day"):
        raise SourceError(data.where(key, "status", "as_of"), "'as_of' is a month or a day (YYYY-MM[-DD])", key)
    if when and when.start > as_of.end:
        raise SourceError(data.where(key, "status", "as_of"), f"checked as of {as_of} but dated {when}: "
                          "a status cannot report what had not happened when it was checked", key)
    return TargetStatus(state=status["state"], when=when, as_of=as_of, note=data.text(key, "status", "note"),
                        source=source, where=data.where(key, "status", "as_of"))


def _when(data: YamlFile, key: str, *path: str):
    try:
        return parse_when(data.get(key, *path))
    except DateError as error:
        raise SourceError(data.where(key, *path), f"impossible or ambiguous date: {error}", key) from None


def check_fresh(targets: tuple[Target, ...], version: str, released: dt.date) -> None:
    """`make release`: every status was checked at most FRESH_MONTHS before the release's date. A status
    checked as of a month counts from that month's last day (the latest it can have been checked)."""
    for target in targets:
        status = target.status
        if status and _months_after(status.as_of.end, FRESH_MONTHS) < released:
            raise SourceError(status.where or Location(FILE), f"status checked as of {status.as_of}, more than "
                              f"{FRESH_MONTHS} months before release {version} ({released.isoformat()}): check it "
                              "again and update its 'as_of' (and its note) before the release", target.id)


def _months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the last day of that month when it is shorter (31 August → 30 November)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
