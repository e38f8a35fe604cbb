"""`make bench`'s verdicts (scripts/bench/report.py): each of issue #22's figures is met or missed against its
target, a figure not measured says so, and the table carries each part's date and load.

Expected values are worked out by hand from the issue's targets and the made-up measures below."""

from __future__ import annotations

import pytest

from scripts.bench.report import coverage_total, figures, figures_table, gz_before_fonts, page_scores, readme_text

pytestmark = pytest.mark.fast

PART = {"date": "2026-12-08 01:00 UTC", "load": [1.5, 1.0, 0.5], "cores": 2}


def _page(perf: list[int], gz_kb: float, a11y: int = 100) -> dict:
    runs = [{"performance": p, "accessibility": a11y, "best-practices": 100, "seo": 100} for p in perf]
    return {"url": "x/", "bytes_raw": {"HTML": 1}, "bytes_gz": {"HTML": int(gz_kb * 1024), "fonts": 500_000},
            "scores": runs}


def test_nothing_measured_is_no_verdict():
    items = figures({})
    assert len(items) == 8  # edit, build ratio, make test, test-fast, coverage, performance, other three, weight
    assert all(item.met is None for item in items)
    assert all("not measured" in line for line in figures_table(items)[2:])


def test_edit_median_of_three_against_one_and_a_half_seconds():
    met = figures({"preview": {**PART, "edit_s": [9.0, 1.4, 1.2]}})[0]
    assert met.measured.startswith("1.40 s") and met.met is True
    missed = figures({"preview": {**PART, "edit_s": [1.6, 1.0, 1.7]}})[0]
    assert missed.measured.startswith("1.60 s") and missed.met is False


def test_build_ratio_is_the_median_of_paired_ratios():
    # pairs 15/5 = 3.0, 20/4 = 5.0, 8/4 = 2.0: median 3.0, which the target (≤ 3×) allows
    item = figures({"build": {**PART, "full_s": [15.0, 20.0, 8.0], "bare_s": [5.0, 4.0, 4.0]}})[1]
    assert item.met is True and item.measured.startswith("3.0×")
    item = figures({"build": {**PART, "full_s": [15.0, 20.0, 13.0], "bare_s": [5.0, 4.0, 4.0]}})[1]
    assert item.met is False and item.measured.startswith("3.2×")  # 13/4 = 3.25


def test_make_test_minutes_test_fast_and_coverage():
    tests = {**PART, "test_s": 481.0, "test_passed": True, "coverage": 90.0}
    fast_tests = {**PART, "test_fast_s": [9.9, 10.0, 3.0]}
    slow, fast, cover = figures({"test": tests, "test-fast": fast_tests})[2:5]
    assert slow.met is False  # 8 min 1 s
    assert fast.met is True and fast.measured.startswith("9.9 s")
    assert cover.met is True and cover.measured == "90 %"
    assert figures({"test-fast": {**PART, "test_fast_s": [10.0]}})[3].met is False  # "under 10 s"
    assert figures({"test": {**tests, "coverage": None}})[4].met is False
    assert figures({"test-fast": fast_tests})[2].met is None  # make test not timed: no verdict


def test_pages_every_kind_must_meet_each_target():
    kinds = {"home (zh)": _page([96, 94, 99], 99.0), "text (en)": _page([90, 97, 93], 101.0)}
    pages = {**PART, "kinds": kinds}
    perf, others, weight = figures({"pages": pages})[5:]
    assert perf.met is False and "text (en)" in perf.measured and "home (zh)" not in perf.measured.split("below")[1]
    assert others.met is True
    assert weight.met is False and "1 over: text (en)" in weight.measured  # fonts left out of the budget
    kinds["text (en)"] = _page([95, 95, 10], 100.0, a11y=98)
    perf, others, weight = figures({"pages": pages})[5:]
    assert perf.met is True and weight.met is True
    assert others.met is False and "accessibility 98" in others.measured


def test_medians_and_sizes():
    assert page_scores([{"performance": 80}, {"performance": 99}, {"performance": 90}]) == {"performance": 90}
    assert gz_before_fonts({"HTML": 1024, "CSS": 2048, "fonts": 10_000}) == 3.0


def test_coverage_total_from_a_coverage_report():
    report = ("Name                 Stmts   Miss  Cover\n---\nscripts/a.py  10  1  90%\n"
              "---\nTOTAL                 4321    300  93.06%\n")
    assert coverage_total(report) == 93.06
    assert coverage_total("TOTAL    10   0   100%\n") == 100.0
    assert coverage_total("no report") is None


def test_readme_names_date_and_load_of_each_part():
    text = readme_text({"preview": {**PART, "edit_s": [2.0, 2.0, 2.0]}})
    assert "2026-12-08 01:00 UTC, load 1.5" in text and "**missed**" in text


def test_a_part_of_the_pages_measured_can_miss_but_not_meet():
    kinds = {"home (zh)": _page([99, 99, 99], 50.0), "text (en)": {**_page([], 120.0), "scores": []}}
    perf, others, weight = figures({"pages": {**PART, "kinds": kinds, "pages": 22}})[5:]
    assert perf.met is None and "1 of 22" in perf.name  # one page scored, all fine: not yet a verdict
    assert others.met is None
    assert weight.met is False  # a page over the budget misses it whatever the others weigh


def test_load_at_the_end_of_a_part_is_shown_after_its_start():
    part = {**PART, "load_end": [9.3, 5.0, 2.0], "edit_s": [1.0]}
    assert "2026-12-08 01:00 UTC, load 1.5 → 9.3" in readme_text({"preview": part})


def test_performance_is_met_only_on_the_median_of_three_runs():
    kinds = {"home (zh)": _page([99], 50.0)}
    assert figures({"pages": {**PART, "kinds": kinds, "pages": 1}})[5].met is None  # one run: no verdict yet
    kinds = {"home (zh)": _page([90], 50.0)}
    assert figures({"pages": {**PART, "kinds": kinds, "pages": 1}})[5].met is False  # but a low run is a miss
