"""The timeline chart: drawn at build time for the width it has (an SVG chart on wide screens and in print, a
vertical list on narrow ones, every item labelled with its date and a link to its unit), and the plotly
figure that plotly.js draws below it when the reader asks for it (plotly.js is large; the chart drawn at
build time keeps the page fast, readable without a pointer, and printable)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from scripts.dates import format_when
from scripts.model import Lang, Statement, Target
from scripts.sources.timeline import THEMES

# plotly.js itself is self-hosted from overrides/assets/edition/plotly-basic.min.js: plotly.js-basic-dist-min
# 4.1.1 (npm; MIT, see plotly-basic.LICENSE.txt), the plotly.js version this plotly.py bundles, cut to the
# scatter, bar and pie traces: 1.2 MB against the full bundle's 4.8 MB.
PLOTLY_FILE = "overrides/assets/edition/plotly-basic.min.js"
PLOTLY_SOURCE = "npm plotly.js-basic-dist-min@4.1.1, package/plotly-basic.min.js"
PLOTLY_SHA256 = "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba"  # as published on npm
# Marker shapes by kind; colours by kind, dark enough for contrast on white.
_SYMBOLS = {"meeting": "circle", "milestone": "diamond", "expectation": "square", "plan": "triangle-up",
            "target": "star", "baseline": "x"}
_COLOURS = {"meeting": "#3949ab", "milestone": "#00796b", "expectation": "#c62828", "plan": "#6a1b9a",
            "target": "#e65100", "baseline": "#5d4037"}


def figure(statement: Statement, lang: Lang, labels: dict[str, str], href: Callable[[str], str]) -> dict:
    """A plotly figure (as JSON data): one trace per kind, themes on the y axis, dates on the x axis.

    `labels` names kinds, themes and the axis in the page's language; `href` makes a page-relative link.
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    for kind in _SYMBOLS:
        targets = [target for target in statement.targets if target.kind == kind]
        if not targets:
            continue
        fig.add_trace(go.Scatter(
            x=[_middle(target) for target in targets],
            y=[labels[f"theme_{target.theme}"] for target in targets],
            error_x=dict(type="data", symmetric=False, array=[_half_span(t) for t in targets],
                         arrayminus=[_half_span(t) for t in targets], thickness=3, width=0, color=_COLOURS[kind]),
            mode="markers", name=labels[f"kind_{kind}"],
            marker=dict(symbol=_SYMBOLS[kind], size=12, color=_COLOURS[kind], line=dict(width=1, color="#ffffff")),
            customdata=[href(statement.unit_url(statement.unit(target.units[0]), lang)) for target in targets],
            hovertext=["<br>".join(_describe(statement, target, lang)) for target in targets],
            hoverinfo="text",
        ))
    fig.update_layout(
        height=420, margin=dict(l=10, r=10, t=30, b=40), hovermode="closest", dragmode=False,  # t: room for "today"
        legend=dict(orientation="h", y=-0.15), plot_bgcolor="#ffffff",
        xaxis=dict(type="date", range=[day.isoformat() for day in _span(statement)], gridcolor="#e0e0e0"),
        yaxis=dict(type="category", categoryorder="array", automargin=True,
                   categoryarray=[labels[f"theme_{theme}"] for theme in reversed(THEMES)]),
    )
    data = fig.to_plotly_json()
    # No template: plotly.py's default ("plotly") adds 7 KB of styling to every timeline page; the layout
    # above sets what the chart needs, and plotly.js's own defaults do the rest.
    del data["layout"]["template"]
    return data



# --- the chart drawn at build time ------------------------------------------------------------------------
#
# Drawn for the width it has. Below 32rem of page width (a phone) the page shows a vertical timeline: an
# HTML list, dates down the side, one item per row, its text the page's own, wrapping as it must. From 32rem
# (640 CSS px at the default font size) it shows the SVG laid out here: one row per item in order of date,
# the label in a column on the left, the item's mark on a time axis with its date beside it. The SVG is
# WIDTH units wide and only shown where it has at least WIDTH CSS px (at least 32rem), so a unit is never
# drawn smaller than a pixel and its text never smaller than the sizes below, which are at least the page's
# small print (Material's footnotes and <small>: 0.64rem, 12.8 px). Both are links in the same order.

WIDTH = 640
ROW = 24  # a row per item: every item's link is at least 24 px high (WCAG 2.5.8)
LABEL_SIZE = 14.0
DATE_SIZE = 13.0
TICK_SIZE = 13.0
MARK_R = 6.0  # the mark's radius
PAD = 8.0  # from the chart's edges
GAP = 8.0  # between a mark and its date
COLUMN_GAP = 20.0  # between the label column and the axis
TOP = 44.0  # above the rows: the years, then today's label (drawn in the browser)
BOTTOM = 28.0  # below the rows: the years again

# Advance widths (thousandths of an em) of DejaVu Sans, the widest sans-serif a reader's system gives the
# page's font stack (-apple-system, Helvetica, Arial, sans-serif), for printable ASCII (32–126); a wide
# (Chinese) character takes a full em. The layout reserves this much room for each text, and a little more.
_ASCII_WIDTHS = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636,
    636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656,
    557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613,
    635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818,
    592, 592, 525, 636, 337, 636, 838)
_OTHER_WIDTHS = {"–": 500, "‘": 318, "’": 318, "“": 518, "”": 518, "·": 318, "é": 615}
_MARGIN = 1.06


def text_width(text: str, size: float) -> float:
    """How wide a line of text may be drawn at `size` px: enough for the widest of the usual fonts."""
    thousandths = 0
    for char in text:
        if " " <= char <= "~":
            thousandths += _ASCII_WIDTHS[ord(char) - 32]
        else:  # wide (Chinese, full-width punctuation) or unknown: a full em
            thousandths += _OTHER_WIDTHS.get(char, 1000)
    return thousandths / 1000 * size * _MARGIN


@dataclass(frozen=True)
class Box:
    """A rectangle on the chart, in SVG units: where a text or a mark may be drawn."""

    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: Box) -> bool:
        return (self.x < other.x + other.width and other.x < self.x + self.width
                and self.y < other.y + other.height and other.y < self.y + self.height)

    def inside(self, other: Box) -> bool:
        return (other.x <= self.x and self.x + self.width <= other.x + other.width
                and other.y <= self.y and self.y + self.height <= other.y + other.height)


@dataclass(frozen=True)
class ChartItem:
    """One item of the timeline, for both layouts: its words, its link, and its place on the wide chart."""

    id: str
    kind: str
    label: str  # the chart's label: the short label where the item has one
    when: str  # its date as the language writes it
    datetime: str | None  # for <time datetime>; none for a half-year
    start: str  # first and last day (ISO), for today's place in the list
    end: str
    href: str  # the unit's permanent URL, relative to the page
    title: str  # everything about it: both labels, the date, the units (the link's name and tooltip)
    top: float  # the row's top
    middle: float  # the row's middle: the line the texts and the mark stand on
    x1: float  # the date's extent on the axis (equal for a day)
    x2: float
    mark: str  # the mark's SVG path
    label_x: float
    date_x: float
    date_anchor: str  # "start" (right of the mark) or "end" (left of it)
    alt: bool  # every other row is shaded

    @property
    def bar(self) -> bool:
        """A span (or a month, half-year or year) wider than the mark is drawn as a bar under it."""
        return self.x2 - self.x1 > 2 * MARK_R

    @property
    def when_parts(self) -> tuple[str, ...]:
        """The date in the pieces a narrow column may break it into: a Chinese span after 至 (there only)."""
        first, middle, rest = self.when.partition("至")
        return (first + middle, rest) if middle else (self.when,)

    @property
    def label_box(self) -> Box:
        return _text_box(self.label_x, self.middle, text_width(self.label, LABEL_SIZE), LABEL_SIZE, "start")

    @property
    def date_box(self) -> Box:
        return _text_box(self.date_x, self.middle, text_width(self.when, DATE_SIZE), DATE_SIZE, self.date_anchor)

    @property
    def mark_box(self) -> Box:
        left, right = min(self.x1, _centre(self) - MARK_R), max(self.x2, _centre(self) + MARK_R)
        return Box(left, self.middle - MARK_R, right - left, 2 * MARK_R)

    @property
    def row_box(self) -> Box:
        return Box(0, self.top, WIDTH, ROW)


@dataclass(frozen=True)
class SvgChart:
    """The timeline as drawn at build time: shown at once, without JavaScript, and in print."""

    width: int
    height: int
    left: float  # x of the span's first day
    right: float  # x of the day after its last
    top: float  # the rows' top and bottom: where grid lines and today's line run
    bottom: float
    label_right: float  # the label column's right edge
    years: tuple[tuple[int, float], ...]  # labelled years (every fifth), x
    grid: tuple[float, ...]  # x of each 1 January
    items: tuple[ChartItem, ...]  # in order of date: the order of the rows, the list and the keyboard
    legend: tuple[tuple[str, str, str], ...]  # kind, colour, mark centred on 0,0
    marks: dict[str, str]  # kind: mark centred on 0,0 (the list's and the legend's)
    colours: dict[str, str]  # kind: colour (fill= for a reader without the stylesheet; edition.css sets both schemes')
    start: str  # the span's first and last day (ISO)
    end: str

    @property
    def years_above(self) -> float:
        """The middle of the line of years above the rows (today's label has the line below it)."""
        return self.top - 32

    @property
    def today_label(self) -> float:
        return self.top - 12

    @property
    def years_below(self) -> float:
        return self.bottom + 14


def svg_chart(statement: Statement, lang: Lang, labels: dict[str, str], href: Callable[[str], str]) -> SvgChart:
    """Lay the timeline out for the wide chart (and give the narrow list its words and links)."""
    targets = statement.targets
    label_right = PAD + max(text_width(target.chart_label[lang], LABEL_SIZE) for target in targets)
    left, right = label_right + COLUMN_GAP + MARK_R, WIDTH - PAD - MARK_R
    first, last = _span(statement)
    days = (last - first).days

    def x(day: dt.date) -> float:
        return round(left + (day - first).days / days * (right - left), 1)

    items = []
    for index, target in enumerate(targets):
        top = TOP + index * ROW
        middle = top + ROW / 2
        one_day = target.when.precision == "day" and not target.when.span
        x1 = x(target.when.start)
        x2 = x1 if one_day else x(target.when.end + dt.timedelta(days=1))
        centre = round((x1 + x2) / 2, 1)
        when = format_when(target.when, lang)
        date_x, anchor = _date_place(x1, x2, centre, text_width(when, DATE_SIZE), label_right)
        label, when_text, units = _describe(statement, target, lang)
        # A short name equal to the label is not repeated before it.
        title = (labels["chart_item_title"].format(label=label, when=when_text, units=units)
                 if target.short is None or target.short[lang] == label
                 else labels["chart_item_title_short"].format(short=target.short[lang], label=label, when=when_text,
                                                              units=units))
        items.append(ChartItem(
            id=target.id, kind=target.kind, label=target.chart_label[lang], when=when,
            datetime=target.when.html_datetime, start=target.when.start.isoformat(),
            end=target.when.end.isoformat(), href=href(statement.unit_url(statement.unit(target.units[0]), lang)),
            title=title, top=top, middle=middle, x1=x1, x2=x2, mark=mark_path(target.kind, centre, middle, MARK_R),
            label_x=PAD, date_x=date_x, date_anchor=anchor, alt=index % 2 == 1))
    bottom = TOP + ROW * len(items)
    years = range(first.year + 1, last.year + 1)
    kinds = {target.kind for target in targets}
    marks = {kind: mark_path(kind, 0, 0, MARK_R) for kind in _COLOURS}
    return SvgChart(width=WIDTH, height=int(bottom + BOTTOM), left=left, right=right, top=TOP, bottom=bottom,
                    label_right=label_right, years=tuple((year, x(dt.date(year, 1, 1))) for year in years
                                                         if year % 5 == 0),
                    grid=tuple(x(dt.date(year, 1, 1)) for year in years), items=tuple(items),
                    legend=tuple((kind, colour, marks[kind]) for kind, colour in _COLOURS.items() if kind in kinds),
                    marks=marks, colours=dict(_COLOURS), start=first.isoformat(), end=last.isoformat())


def _span(statement: Statement) -> tuple[dt.date, dt.date]:
    """The chart's first and last day (data/edition.yaml's `chart`, which the loader checks holds every item)."""
    assert statement.chart_span is not None, "the loader gives every statement its chart span"
    return statement.chart_span.start, statement.chart_span.end


def text_boxes(chart: SvgChart) -> list[tuple[str, Box]]:
    """Every text and mark the chart draws, named, with the room it takes: for checking that none overlap."""
    boxes = []
    for item in chart.items:
        boxes += [(f"{item.id} label", item.label_box), (f"{item.id} date", item.date_box),
                  (f"{item.id} mark", item.mark_box)]
    for year, x in chart.years:
        width = text_width(str(year), TICK_SIZE)
        boxes += [(f"{year} {where}", _text_box(x - width / 2, y, width, TICK_SIZE, "start"))
                  for where, y in (("above", chart.years_above), ("below", chart.years_below))]
    return boxes


def _date_place(x1: float, x2: float, centre: float, width: float, label_right: float) -> tuple[float, str]:
    """Where the date stands: right of the mark if it fits before the chart's edge, else left of it (not
    into the label column); if neither fits, on the side with more room."""
    after, before = max(x2, centre + MARK_R) + GAP, min(x1, centre - MARK_R) - GAP
    if after + width <= WIDTH - PAD:
        return round(after, 1), "start"
    if before - width >= label_right + GAP:
        return round(before, 1), "end"
    return (round(after, 1), "start") if WIDTH - PAD - after >= before - label_right else (round(before, 1), "end")


def _text_box(x: float, middle: float, width: float, size: float, anchor: str) -> Box:
    height = size * 1.25
    return Box(x if anchor == "start" else x - width, middle - height / 2, width, height)


def _centre(item: ChartItem) -> float:
    return round((item.x1 + item.x2) / 2, 1)


def mark_path(kind: str, cx: float, cy: float, r: float) -> str:
    """The mark of a kind, centred on (cx, cy): its shape tells the kind without its colour."""
    if kind == "meeting":  # a circle
        return f"M{cx - r:g},{cy:g}a{r:g},{r:g} 0 1,0 {2 * r:g},0a{r:g},{r:g} 0 1,0 {-2 * r:g},0Z"
    shapes = {
        "milestone": [(0, -1.25), (1.25, 0), (0, 1.25), (-1.25, 0)],  # a diamond
        "expectation": [(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)],  # a square
        "plan": [(0, -1.15), (1.1, 0.9), (-1.1, 0.9)],  # a triangle
        "target": [(math.sin(k * math.pi / 5) * (1.3 if k % 2 == 0 else 0.55),  # a star
                    -math.cos(k * math.pi / 5) * (1.3 if k % 2 == 0 else 0.55)) for k in range(10)],
        "baseline": [((px - py) * 0.8, (px + py) * 0.8) for px, py in  # an ×
                     [(0.3, -1), (0.3, -0.3), (1, -0.3), (1, 0.3), (0.3, 0.3), (0.3, 1), (-0.3, 1), (-0.3, 0.3),
                      (-1, 0.3), (-1, -0.3), (-0.3, -0.3), (-0.3, -1)]],
    }
    return "M" + "L".join(f"{cx + px * r:.1f},{cy + py * r:.1f}" for px, py in shapes[kind]) + "Z"


def _middle(target: Target) -> str:
    return (target.when.start + (target.when.end - target.when.start) / 2).isoformat()


def _half_span(target: Target) -> float:
    """Half the span in milliseconds, plotly's unit for error bars on a date axis."""
    return (target.when.end - target.when.start + dt.timedelta(days=1)).total_seconds() * 1000 / 2 \
        if target.when.end > target.when.start else 0


def _describe(statement: Statement, target: Target, lang: Lang) -> tuple[str, str, str]:
    """What an item says about itself: label, date, the units it comes from."""
    separator = "、" if lang == "zh" else ", "
    return (target.label[lang], format_when(target.when, lang),
            separator.join(statement.unit(u).pinpoint[lang] for u in target.units))
