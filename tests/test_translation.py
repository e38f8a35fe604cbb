"""The translation's rules, enforced: fixed terms, translator's notes, editorial insertions, and what a reader
sees of them (the conventions page, notes marked as notes on the translation, insertions in brackets)."""

from __future__ import annotations

import re

from scripts.sources.loader import load
from tests.page_html import attr, one, soup, statement_text
from tests.test_bad_input import edit, error_of, line_of


def rerelease(root, unit_id: str) -> None:
    """Record a rewording as a new release, as an editor would, so that the rule under test is the one hit."""
    import subprocess
    import sys
    path = root / "data" / "releases.yaml"
    version = "9.9"
    path.write_text(path.read_text(encoding="utf-8") + f"""
  - version: "{version}"
    date: 2027-01-01  # within three months of every status check, as `make release` requires
    summary: {{zh: 测试。, en: Test.}}
    changes:
      - kind: translation
        units: [{unit_id}]
        note: {{zh: 测试。, en: Test.}}
""", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "scripts", "release", "--fix"], cwd=root, capture_output=True,
                            text=True, env={"PYTHONPATH": str(root)})
    assert result.returncode == 0, result.stdout + result.stderr


# --- checks the build makes ------------------------------------------------------------------------

def test_fixed_term_rendered_otherwise_stops_the_build(source_copy):
    line = line_of(source_copy, "docs/en/subnational.md", "{#p16}")
    edit(source_copy, "docs/en/subnational.md", "subnational governments", "local governments")
    edit(source_copy, "docs/en/subnational.md", "{#p18} 18. The two sides welcome and commend the subnational",
         "{#p18} 18. The two sides welcome and commend the local")
    edit(source_copy, "docs/en/subnational.md", "on subnational climate action", "on local climate action")
    error = error_of(source_copy)
    assert (error.where.file, error.unit) == ("docs/en/subnational.md", "p16")
    assert error.where.line == line
    assert "地方" in error.message and "'subnational'" in error.message and "data/terms.yaml:" in error.message


def test_a_fixed_term_the_statement_never_uses_stops_the_build(source_copy):
    with (source_copy / "data/terms.yaml").open("a", encoding="utf-8") as terms:
        terms.write("\nnonexistent:\n  zh: 不存在的术语\n  en: no such term\n")
    error = error_of(source_copy)
    assert error.where.file == "data/terms.yaml"
    assert error.where.line == line_of(source_copy, "data/terms.yaml", "nonexistent:")


def test_translators_note_on_a_unit_that_does_not_exist(source_copy):
    with (source_copy / "data/translation-notes.yaml").open("a", encoding="utf-8") as notes:
        notes.write("\np99:\n  zh: 没有这一条。\n  en: There is no such paragraph.\n")
    error = error_of(source_copy)
    assert error.where.file == "data/translation-notes.yaml" and error.unit == "p99"
    assert error.where.line == line_of(source_copy, "data/translation-notes.yaml", "p99:")


def test_a_bracket_that_is_not_marked_up_stops_the_build(source_copy):
    line = line_of(source_copy, "docs/en/energy-transition.md", "{#p6}")
    edit(source_copy, "docs/en/energy-transition.md", "G20 Leaders’", "G20 [New Delhi] Leaders’")
    error = error_of(source_copy)
    assert (error.where.file, error.where.line, error.unit) == ("docs/en/energy-transition.md", line, "p6")
    assert "[+words+]" in error.message


def test_a_marked_insertion_is_shown_in_brackets_and_kept_apart(source_copy):
    edit(source_copy, "docs/en/energy-transition.md", "G20 Leaders’", "G20 [+New Delhi+] Leaders’")
    rerelease(source_copy, "p6")
    unit = load(source_copy).unit("p6")
    assert "G20 [New Delhi] Leaders’ Declaration" in unit.text.en
    (start, end), = unit.insertions
    assert unit.text.en[start:end] == "[New Delhi]"
    # The citation mark after the name still stands right after "Declaration".
    mark, = unit.marks["en"]
    assert unit.text.en[:mark.offset].endswith("Leaders’ Declaration")


def test_status_without_as_of_or_source_stops_the_build(source_copy):
    text = (source_copy / "data/timeline.yaml").read_text(encoding="utf-8")
    first = re.search(r"as_of: [0-9-]+,? ?", text)
    assert first, "a status with as_of"
    (source_copy / "data/timeline.yaml").write_text(text[:first.start()] + text[first.end():], encoding="utf-8")
    error = error_of(source_copy)
    assert error.where.file == "data/timeline.yaml" and "as_of" in error.message


# --- what a reader sees --------------------------------------------------------------------------

def test_conventions_page_in_both_languages_lists_terms_and_translators_notes(site, statement):
    for url in ("translation/", "en/translation/"):
        page = soup(site, url)
        rows = page.select("table.edition-terms tbody tr")
        assert [one(row, "th").get_text() for row in rows] == [term.zh for term in statement.terms]
        notes = page.select("dl.edition-translation-notes dt a")
        assert len(notes) == len(statement.translation_notes) >= 10
        assert all(attr(a, "href").endswith("#" + unit_id) for a, unit_id in
                   zip(notes, [u.id for u in statement.units() if u.id in statement.translation_notes], strict=True))


def test_translators_note_stands_with_the_unit_and_outside_its_text(site):
    page = soup(site, "en/energy-transition/")
    unit = one(page, "#p6")
    note = unit.select_one(".edition-translation-note")
    assert note is not None and "Translator’s note" in note.get_text()
    assert note.find_parent(attrs={"data-search-exclude": True})  # the edition's layer, out of search
    # The note explains words the text has, and none of the note is in the text (all the text's element
    # holds). The text's words themselves are tested against docs/en in test_statement_json.
    body = one(unit, ".edition-body")
    assert "coal-, oil- and gas-fired" in statement_text(body)
    explanation = note.get_text().partition(":")[2].strip()
    assert explanation and explanation[:30] not in body.get_text()


def test_every_fixed_term_holds_in_the_built_english(site, statement):
    """The term check again, over the English a reader gets in the built pages."""
    for section in statement.sections:
        page = soup(site, statement.page(section.id).url.en)
        for unit_el in page.select("[data-unit]"):
            unit = statement.unit(unit_el["data-unit"])
            text = statement_text(one(unit_el, ".edition-body")).lower()
            for term in statement.terms:
                if term.stands_in(unit.text.zh):
                    assert any(form.lower() in text for form in term.forms), (unit.id, term.zh)


def test_chinese_notes_fold_lines_without_spaces_but_keep_spaces_between_latin_words():
    from scripts.sources.notes import join_chinese
    assert join_chinese("两位特使的职衔\n  采用官方英文名称（Special Envoy for\n  Climate Change）。") == \
        "两位特使的职衔采用官方英文名称（Special Envoy for Climate Change）。"
    assert join_chinese("译作 cooling equipment：中文") == "译作cooling equipment：中文"
