"""The timeline chart: an SVG drawn at build time, and the plotly figure that replaces it in the browser
when the reader reaches for it (plotly.js is large; the SVG keeps the page fast and printable)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scripts.dates import format_when
from scripts.model import Lang, Statement, Target

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


def figure(statement: Statement, lang: Lang, labels: dict[str, str], href) -> dict:
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
        height=420, margin=dict(l=10, r=10, t=10, b=40), hovermode="closest", dragmode=False,
        legend=dict(orientation="h", y=-0.15), plot_bgcolor="#ffffff",
        xaxis=dict(type="date", range=[RANGE[0].isoformat(), RANGE[1].isoformat()], gridcolor="#e0e0e0"),
        yaxis=dict(type="category", categoryorder="array", automargin=True,
                   categoryarray=[labels[f"theme_{theme}"] for theme in reversed(THEME_ORDER)]),
    )
    data = fig.to_plotly_json()
    # No template: plotly.py's default ("plotly") adds 7 KB of styling to every timeline page; the layout
    # above sets what the chart needs, and plotly.js's own defaults do the rest.
    del data["layout"]["template"]
    return data


THEME_ORDER = ("meetings", "energy", "methane", "forests", "finance", "ndc")
RANGE = (dt.date(2019, 7, 1), dt.date(2036, 6, 30))


@dataclass(frozen=True)
class SvgItem:
    x1: float
    x2: float
    y: float
    kind: str
    colour: str
    href: str
    title: str


@dataclass(frozen=True)
class SvgChart:
    """The timeline drawn at build time: shown at once, without JavaScript, and in print."""

    width: int
    height: int
    left: float  # x of RANGE[0]
    right: float  # x of RANGE[1]
    rows: tuple[tuple[str, float], ...]  # theme label, y
    ticks: tuple[tuple[int, float], ...]  # year, x
    items: tuple[SvgItem, ...]
    legend: tuple[tuple[str, str], ...]  # kind, colour
    start: str = RANGE[0].isoformat()
    end: str = RANGE[1].isoformat()


def svg_chart(statement: Statement, lang: Lang, labels: dict[str, str], href) -> SvgChart:
    width, left, right, top, row_height = 800, 180.0, 785.0, 24.0, 50.0

    def x(day: dt.date) -> float:
        return round(left + (day - RANGE[0]).days / (RANGE[1] - RANGE[0]).days * (right - left), 1)

    rows = tuple((labels[f"theme_{theme}"], top + row_height * (index + 0.5))
                 for index, theme in enumerate(THEME_ORDER))
    row_y = {theme: y for theme, (_, y) in zip(THEME_ORDER, rows, strict=True)}
    items = tuple(SvgItem(x1=x(target.when.start), x2=x(target.when.end), y=row_y[target.theme], kind=target.kind,
                          colour=_COLOURS[target.kind],
                          href=href(statement.unit_url(statement.unit(target.units[0]), lang)),
                          title=labels["chart_item_title"].format(
                              **dict(zip(("label", "when", "units"), _describe(statement, target, lang), strict=True))))
                  for target in statement.targets)
    ticks = tuple((year, x(dt.date(year, 1, 1))) for year in range(2020, 2037, 5))
    kinds = {target.kind for target in statement.targets}
    return SvgChart(width=width, height=int(top + row_height * len(THEME_ORDER) + 30), left=left, right=right,
                    rows=rows, ticks=ticks, items=items,
                    legend=tuple((kind, colour) for kind, colour in _COLOURS.items() if kind in kinds))


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
