"""`make bench`'s figures: each of issue #22's targets with its measure and a verdict, and the README table.

Pure functions of the recorded results (scripts/bench/results.json), so that the table can be rewritten from
the parts measured at different times (`make test` is timed far less often than the rest).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import Any

TARGETS = {"edit_s": 1.5, "build_ratio": 3.0, "test_min": 8.0, "test_fast_s": 10.0, "coverage": 90.0,
           "page_kb_gz": 100.0, "performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
RUNS = 3  # Lighthouse runs a page whose median the performance target is judged on
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BYTE_KINDS = ("HTML", "CSS", "JS", "data", "other", "fonts")
_TOTAL = re.compile(r"^TOTAL\s.*?(\d+(?:\.\d+)?)%\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Figure:
    name: str
    measured: str
    target: str
    met: bool | None  # None: not measured yet
    when: str


def median(values: list[float]) -> float:
    return statistics.median(values)


def verdict(met: bool | None) -> str:
    return "not measured" if met is None else "met" if met else "**missed**"


def coverage_total(report: str) -> float | None:
    """The TOTAL percentage of `coverage report`'s table, or None when the output holds none."""
    found = _TOTAL.findall(report)
    return float(found[-1]) if found else None


def gz_before_fonts(bytes_gz: dict[str, int]) -> float:
    """A page's first visit in KB, gzipped, fonts left out (the budget counts everything else)."""
    return sum(size for kind, size in bytes_gz.items() if kind != "fonts") / 1024


def page_scores(runs: list[dict[str, int]]) -> dict[str, float]:
    """Each Lighthouse category's median over the runs that reported it."""
    return {key: median([run[key] for run in runs if key in run]) for key in CATEGORIES
            if any(key in run for run in runs)}


def when(part: dict[str, Any]) -> str:
    """The part's start, and the 1-minute load average at its start (and end, where recorded)."""
    load, end = part.get("load"), part.get("load_end")
    return part["date"] + (f", load {load[0]:.1f}" if load else "") + (f" → {end[0]:.1f}" if load and end else "")


def figures(results: dict[str, Any]) -> list[Figure]:
    """Every figure of issue #22 in the issue's order; a part not in the results is 'not measured'."""
    out: list[Figure] = []
    preview, build, tests, fast_tests, pages = (results.get(key) for key in ("preview", "build", "test", "test-fast",
                                                                             "pages"))
    if preview:
        edit = median(preview["edit_s"])
        out.append(Figure(f"Edit to preview: median of {len(preview['edit_s'])} edits to ¶7's English in `make serve`",
                          f"{edit:.2f} s (edits: {', '.join(f'{run:.1f}' for run in preview['edit_s'])} s)",
                          f"≤ {TARGETS['edit_s']} s", edit <= TARGETS["edit_s"], when(preview)))
    else:
        out.append(Figure("Edit to preview", "", f"≤ {TARGETS['edit_s']} s", None, ""))
    if build:
        ratios = [full / bare for full, bare in zip(build["full_s"], build["bare_s"], strict=True)]
        ratio = median(ratios)
        out.append(Figure(f"Full build (`make build`, PDFs included) against a bare MkDocs + Material + i18n build "
                          f"of the same prepared pages: median ratio of {len(ratios)} paired runs",
                          f"{ratio:.1f}× ({median(build['full_s']):.1f} s against {median(build['bare_s']):.1f} s)",
                          f"≤ {TARGETS['build_ratio']:.0f}×", ratio <= TARGETS["build_ratio"], when(build)))
    else:
        out.append(Figure("Full build against a bare build", "", f"≤ {TARGETS['build_ratio']:.0f}×", None, ""))
    if tests:
        minutes = tests["test_s"] / 60
        passed = "" if tests.get("test_passed", True) else " (it failed)"
        out.append(Figure("`make test` on a clean checkout", f"{minutes:.1f} min{passed}",
                          f"≤ {TARGETS['test_min']:.0f} min", minutes <= TARGETS["test_min"], when(tests)))
    else:
        out.append(Figure("`make test` on a clean checkout", "", f"≤ {TARGETS['test_min']:.0f} min", None, ""))
    if fast_tests:
        fast = median(fast_tests["test_fast_s"])
        out.append(Figure(f"`make test-fast` on a clean checkout: median of {len(fast_tests['test_fast_s'])} runs",
                          f"{fast:.1f} s (runs: {', '.join(f'{run:.1f}' for run in fast_tests['test_fast_s'])} s; "
                          "the first in the fresh checkout)",
                          f"< {TARGETS['test_fast_s']:.0f} s", fast < TARGETS["test_fast_s"],
                          when(fast_tests)))
    else:
        out.append(Figure("`make test-fast`", "", f"< {TARGETS['test_fast_s']:.0f} s", None, ""))
    if tests:
        cover = tests.get("coverage")
        out.append(Figure("Coverage of scripts/ (`make test`)", "none reported" if cover is None else f"{cover:.0f} %",
                          f"≥ {TARGETS['coverage']:.0f} %", cover is not None and cover >= TARGETS["coverage"],
                          when(tests)))
    else:
        out.append(Figure("Coverage of scripts/", "", f"≥ {TARGETS['coverage']:.0f} %", None, ""))
    out += _page_figures(pages)
    return out


def _page_figures(pages: dict[str, Any] | None) -> list[Figure]:
    perf_target, size_target = TARGETS["performance"], TARGETS["page_kb_gz"]
    if not pages:
        return [Figure("Lighthouse mobile performance, every page kind in both languages", "", f"≥ {perf_target}",
                       None, ""),
                Figure("Lighthouse accessibility, best practices, SEO", "", "100", None, ""),
                Figure("Every page's first visit, gzipped, before fonts", "", f"≤ {size_target:.0f} KB", None, "")]
    kinds = pages["kinds"]
    total = pages.get("pages", len(kinds))
    scores = {kind: page_scores(entry["scores"]) for kind, entry in kinds.items() if entry["scores"]}
    runs = min((len(kinds[kind]["scores"]) for kind in scores), default=0)
    perf = {kind: value["performance"] for kind, value in scores.items() if "performance" in value}
    slow = sorted(kind for kind, value in perf.items() if value < perf_target)
    others = [(kind, key, value[key]) for kind, value in scores.items() for key in CATEGORIES[1:] if key in value]
    short = sorted(f"{kind} {key} {score:.0f}" for kind, key, score in others if score < TARGETS[key])
    sizes = {kind: gz_before_fonts(entry["bytes_gz"]) for kind, entry in kinds.items()}
    heavy = sorted(kind for kind, size in sizes.items() if size > size_target)
    lowest = min(perf, key=lambda kind: perf[kind]) if perf else None
    heaviest = max(sizes, key=lambda kind: sizes[kind]) if sizes else None

    def verdict_of(measured: int, fine: bool) -> bool | None:
        """Missed when a measured page misses; met only when every page was measured; else not measured."""
        return False if measured and not fine else True if measured and measured >= total else None

    return [
        Figure(f"Lighthouse mobile performance, median of {runs} run{'' if runs == 1 else 's'} (the issue asks "
               f"{RUNS}), on every page kind in both languages ({len(perf)} of {total} pages measured)",
               "" if not perf else (f"lowest {perf[lowest]:.0f} ({lowest}); " if lowest else "")
               + (f"{len(slow)} below: {', '.join(slow)}" if slow else "none below"),
               f"≥ {perf_target} on each", verdict_of(len(perf) if runs >= RUNS or slow else 0, not slow),
               when(pages)),
        Figure("Lighthouse accessibility, best practices, SEO (same runs)",
               "; ".join(short) if short else "100 on every page measured" if scores else "", "100 on each",
               verdict_of(len(scores), not short), when(pages)),
        Figure(f"Every page's first visit, gzipped, before fonts ({len(sizes)} of {total} pages measured)",
               (f"heaviest {sizes[heaviest]:.0f} KB ({heaviest}); " if heaviest else "")
               + (f"{len(heavy)} over: {', '.join(heavy)}" if heavy else "none over"),
               f"≤ {size_target:.0f} KB each", verdict_of(len(sizes), not heavy), when(pages)),
    ]


def figures_table(items: list[Figure]) -> list[str]:
    lines = ["| figure | measured | target | verdict | measured on (load average) |",
             "| --- | --- | --- | --- | --- |"]
    lines += [f"| {item.name} | {item.measured or '–'} | {item.target} | {verdict(item.met)} | {item.when or '–'} |"
              for item in items]
    return lines


def pages_table(pages: dict[str, Any]) -> list[str]:
    header = ("page", *BYTE_KINDS, "total gz before fonts", "perf.", "a11y", "best pr.", "SEO")
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for kind, entry in pages["kinds"].items():
        cells = [f"{entry['bytes_raw'].get(key, 0) / 1024:.0f} / {entry['bytes_gz'].get(key, 0) / 1024:.0f}"
                 for key in BYTE_KINDS]
        size = gz_before_fonts(entry["bytes_gz"])
        cells.append(f"{size:.0f} KB" + ("" if size <= TARGETS["page_kb_gz"] else " (over)"))
        scores = page_scores(entry["scores"])
        cells += [f"{scores[key]:.0f}" + ("" if scores[key] >= TARGETS[key] else " (short)") if key in scores else "n/a"
                  for key in CATEGORIES]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return lines


def readme_text(results: dict[str, Any]) -> str:
    """The README's performance section between the bench markers."""
    lines = ["Measured by `make bench` on a shared 2-core machine: each part is given with its start and the load "
             "average (1 minute) at its start (→ at its end), since other work slows every figure. Lighthouse 12.2.3, "
             "mobile emulation, pages served with gzip from loopback.", ""]
    lines += figures_table(figures(results))
    steps = results.get("steps")
    if steps:
        medians = {step: median(values) for step, values in steps["steps_s"].items()}
        lines += ["", f"Steps of a full build, median of {len(next(iter(steps['steps_s'].values())))} runs each "
                      f"({when(steps)}): " + ", ".join(f"{step} {seconds:.2f} s" for step, seconds in medians.items())
                  + "."]
    pages = results.get("pages")
    if pages:
        if "search_entries" in pages:
            raw, gz = pages["search_entries"]
            lines += ["", f"Search index entries (Chinese), fetched at a reader's first query: {raw / 1024:.0f} KB "
                          f"raw, {gz / 1024:.0f} KB gzipped."]
        lines += ["", "Each page's first visit (bytes are KB raw / KB gzipped) and its Lighthouse scores (median):", ""]
        lines += pages_table(pages)
    return "\n".join(lines)
