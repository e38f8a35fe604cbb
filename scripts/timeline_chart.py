"""The timeline chart: a plotly figure built at build time; plotly.js draws it in the browser."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from scripts.dates import format_when
from scripts.model import Lang, Statement, Target

PLOTLY_JS = "assets/edition/plotly.min.js"
# Marker shapes by kind; colours by kind, dark enough for contrast on white.
_SYMBOLS = {"meeting": "circle", "milestone": "diamond", "deadline": "square", "target": "star", "baseline": "x"}
_COLOURS = {"meeting": "#3949ab", "milestone": "#00796b", "deadline": "#c62828", "target": "#e65100",
            "baseline": "#5d4037"}


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
            hovertext=[_hover(statement, target, lang) for target in targets],
            hoverinfo="text",
        ))
    fig.update_layout(
        height=420, margin=dict(l=10, r=10, t=10, b=40), hovermode="closest", dragmode=False,
        legend=dict(orientation="h", y=-0.15), plot_bgcolor="#ffffff",
        xaxis=dict(type="date", range=["2019-07-01", "2036-06-30"], gridcolor="#e0e0e0"),
        yaxis=dict(type="category", categoryorder="array", automargin=True,
                   categoryarray=[labels[f"theme_{theme}"] for theme in reversed(THEME_ORDER)]),
    )
    return fig.to_plotly_json()


THEME_ORDER = ("meetings", "energy", "methane", "forests", "finance", "ndc")


def _middle(target: Target) -> str:
    return (target.when.start + (target.when.end - target.when.start) / 2).isoformat()


def _half_span(target: Target) -> float:
    """Half the span in milliseconds, plotly's unit for error bars on a date axis."""
    return (target.when.end - target.when.start + dt.timedelta(days=1)).total_seconds() * 1000 / 2 \
        if target.when.end > target.when.start else 0


def _hover(statement: Statement, target: Target, lang: Lang) -> str:
    units = "、".join(statement.unit(u).pinpoint[lang] for u in target.units) if lang == "zh" else \
        ", ".join(statement.unit(u).pinpoint[lang] for u in target.units)
    return f"{target.label[lang]}<br>{format_when(target.when, lang)}<br>{units}"


def copy_plotly(site: Path) -> None:
    """plotly.js, self-hosted: the one the Python package bundles (no CDN, no download)."""
    import plotly

    source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    target = site / PLOTLY_JS
    if not target.exists() or target.stat().st_size != source.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
