"""Bad data (data/*.yaml) stops the loader with one message naming the file, the line and the entry.

One test per check of scripts/sources/yamldata.py, scripts/sources/register.py, scripts/sources/notes.py, scripts/sources/glossary.py,
scripts/sources/translation.py (fixed terms), scripts/sources/search_dictionary.py and the edition and interface data
that scripts/sources/loader.py reads."""

from __future__ import annotations

import pytest

from tests.editing import append, copy_for_loading, drop_line, edit, error_of, line_of, write

REFERENCES, NOTES, GLOSSARY, TERMS, SEARCH = ("data/references.yaml", "data/notes.yaml", "data/glossary.yaml",
                                              "data/terms.yaml", "data/search.yaml")


@pytest.fixture
def sources(tmp_path):
    return copy_for_loading(tmp_path)


# --- any YAML file (scripts/sources/yamldata.py) -----------------------------------------------------------

def test_file_that_is_not_yaml(sources):
    append(sources, GLOSSARY, "\nbad-term:\n  zh: 碳: 中和\n")
    line = line_of(sources, GLOSSARY, "zh: 碳: 中和")
    assert str(error_of(sources)).startswith(f"{GLOSSARY}:{line}: not valid YAML: mapping values are not allowed here")


def test_file_that_is_not_a_mapping_points_at_its_content(sources):
    write(sources, REFERENCES, "# The register, written as a list by mistake\n\n- bali-meeting\n- cop28\n")
    assert str(error_of(sources)) == f"{REFERENCES}:3: must map reference keys to entries"


def test_entry_that_is_not_a_mapping(sources):
    append(sources, REFERENCES, "\nstray: a reference without fields\n")
    line = line_of(sources, REFERENCES, "stray:")
    assert str(error_of(sources)) == f"{REFERENCES}:{line} [stray]: reference 'stray' must be a mapping"


def test_required_field_missing_points_at_its_entry(sources):
    line = line_of(sources, REFERENCES, "bali-meeting:")
    drop_line(sources, REFERENCES, "title: {zh: 习近平主席与拜登总统巴厘岛会晤")
    assert str(error_of(sources)) == f"{REFERENCES}:{line}: 'bali-meeting.title' is missing"


def test_text_in_one_language_written_as_a_plain_string(sources):
    # The first note (the preamble's) becomes one plain string: every unit may have a note, so none is free.
    text = (sources / NOTES).read_text(encoding="utf-8")
    start = text.index("\npreamble:\n") + 1
    end = text.index("\n\n", start)
    write(sources, NOTES, text[:start] + "preamble: 序言回顾了两国元首的会晤。" + text[end:])
    line = line_of(sources, NOTES, "preamble:")
    assert str(error_of(sources)) == f"{NOTES}:{line}: 'preamble' must give 'zh' and 'en'"


# --- the reference register ---------------------------------------------------------------------

def test_reference_without_url_or_source(sources):
    line = line_of(sources, REFERENCES, "bali-meeting:")
    drop_line(sources, REFERENCES, "url: https://bidenwhitehouse.archives.gov/")
    assert str(error_of(sources)) == (
        f"{REFERENCES}:{line} [bali-meeting]: needs a 'url' or, failing one, a 'source'")


def test_article_of_an_unregistered_instrument(sources):
    line = line_of(sources, REFERENCES, "part_of: paris-agreement")
    edit(sources, REFERENCES, "part_of: paris-agreement", "part_of: paris")
    assert str(error_of(sources)) == f"{REFERENCES}:{line} [paris-art2]: part_of 'paris' is not registered"


# --- notes --------------------------------------------------------------------------------------

def test_note_on_a_unit_that_does_not_exist(sources):
    append(sources, NOTES, "\np99:\n  zh: 没有这一条。\n  en: There is no such paragraph.\n")
    line = line_of(sources, NOTES, "p99:")
    assert str(error_of(sources)) == f"{NOTES}:{line} [p99]: a note on 'p99', which is not a unit"


def test_translators_note_on_a_unit_that_does_not_exist(sources):
    append(sources, "data/translation-notes.yaml", "\np99:\n  zh: 没有这一条。\n  en: No such paragraph.\n")
    line = line_of(sources, "data/translation-notes.yaml", "p99:")
    assert str(error_of(sources)) == f"data/translation-notes.yaml:{line} [p99]: a note on 'p99', which is not a unit"


def test_note_citing_an_unregistered_reference(sources):
    line = line_of(sources, NOTES, "preamble:")
    edit(sources, NOTES, "会晤[@bali-meeting]", "会晤[@bali]")
    assert str(error_of(sources)) == (
        f"{NOTES}:{line} [preamble]: the note cites [@bali], which is not in data/references.yaml")


# --- the glossary ---------------------------------------------------------------------------------

def test_glossary_term_with_an_empty_form(sources):
    line = line_of(sources, GLOSSARY, "  en: common but differentiated")
    edit(sources, GLOSSARY, "  en: common but differentiated responsibilities and respective capabilities (CBDR-RC)",
         "  en: ''")
    assert str(error_of(sources)) == f"{GLOSSARY}:{line} [cbdr-rc]: term 'cbdr-rc' has no 'en' form"


def test_glossary_term_without_a_chinese_form_points_at_the_term(sources):
    line = line_of(sources, GLOSSARY, "cbdr-rc:")
    drop_line(sources, GLOSSARY, "  zh: 共同但有区别的责任和各自能力")
    assert str(error_of(sources)) == f"{GLOSSARY}:{line} [cbdr-rc]: term 'cbdr-rc' has no 'zh' form"


def test_glossary_match_that_is_not_a_list(sources):
    line = line_of(sources, GLOSSARY, "  match: [common but differentiated")
    edit(sources, GLOSSARY, "  match: [common but differentiated responsibilities and respective capabilities]",
         "  match: common but differentiated responsibilities and respective capabilities")
    assert str(error_of(sources)) == f"{GLOSSARY}:{line} [cbdr-rc]: 'match' lists the term's English forms"


def test_glossary_term_whose_english_forms_miss_the_translation_names_the_unit(sources):
    """Release 1.1's fault: the English said a coinage the glossary's forms did not match, so the term was
    explained to Chinese readers only."""
    line = line_of(sources, "docs/en/cop28.md", "{#p24-8}")
    edit(sources, GLOSSARY, "  match: [new collective quantified goal on climate finance, new collective quantified goal]",
         "  match: [new collective quantified finance goal]")
    error = error_of(sources)
    assert (error.where.file, error.where.line, error.unit) == ("docs/en/cop28.md", line, "p24-8")
    assert "新的集体量化资金目标" in error.message and "new collective quantified finance goal" in error.message


# --- fixed terms (scripts/sources/translation.py) -----------------------------------------------------------

def test_fixed_term_without_its_rendering(sources):
    line = line_of(sources, TERMS, "working-group:")
    edit(sources, TERMS, "  en: Working Group\n", "")
    assert str(error_of(sources)) == (
        f"{TERMS}:{line} [working-group]: a fixed term needs 'zh' (as the statement writes it) and 'en' "
        "(its one rendering)")


def test_fixed_term_forms_that_are_not_a_list(sources):
    line = line_of(sources, TERMS, "forms: [Party]")
    edit(sources, TERMS, "forms: [Party]", "forms: Party")
    assert str(error_of(sources)) == (
        f"{TERMS}:{line} [parties]: 'forms' lists other forms of the rendering (plural, capitalised …)")


def test_fixed_term_exception_that_does_not_hold_the_term(sources):
    line = line_of(sources, TERMS, "unless_in: [技术性工作组]")
    edit(sources, TERMS, "unless_in: [技术性工作组]", "unless_in: [技术小组]")
    assert str(error_of(sources)) == (
        f"{TERMS}:{line} [working-group]: 'unless_in' lists longer words that hold 工作组 and are not the term "
        "(推动因素 for 推动)")


def test_fixed_term_rendered_otherwise(sources):
    append(sources, TERMS, "\nforest:\n  zh: 森林\n  en: woodland\n")
    term_line = line_of(sources, TERMS, "forest:")
    line = line_of(sources, "docs/en/forests.md", "{#p19}")  # the first unit whose Chinese has 森林
    assert str(error_of(sources)) == (
        f"docs/en/forests.md:{line} [p19]: the Chinese has 森林, whose fixed rendering 'woodland' "
        f"({TERMS}:{term_line}) is not in the English")


def test_fixed_term_the_statement_never_uses(sources):
    append(sources, TERMS, "\ncarbon-neutrality:\n  zh: 碳中和\n  en: carbon neutrality\n")
    line = line_of(sources, TERMS, "carbon-neutrality:")
    assert str(error_of(sources)) == f"{TERMS}:{line} [carbon-neutrality]: 碳中和 stands in no unit of the statement"


# --- the search dictionary --------------------------------------------------------------------------

def test_search_words_that_are_not_a_list(sources):
    line = line_of(sources, SEARCH, "words:")
    edit(sources, SEARCH, "words:\n", "words: 二十国集团\nformer_words:\n")
    assert str(error_of(sources)) == f"{SEARCH}:{line}: 'words' is a list of Chinese words"


def test_search_aliases_that_are_not_a_mapping(sources):
    line = line_of(sources, SEARCH, "aliases:")
    edit(sources, SEARCH, "aliases:\n", "aliases: [G20]\nformer_aliases:\n")
    assert str(error_of(sources)) == f"{SEARCH}:{line}: 'aliases' maps a term to the other ways to write it"


def test_search_word_the_text_does_not_have(sources):
    line = line_of(sources, SEARCH, "  - 二十国集团")
    edit(sources, SEARCH, "  - 二十国集团", "  - 二十一国集团")
    assert str(error_of(sources)) == f"{SEARCH}:{line} [二十一国集团]: '二十一国集团' occurs nowhere in the Chinese text"


def test_search_alias_of_a_term_the_text_does_not_have(sources):
    line = line_of(sources, SEARCH, "  甲烷: [methane, CH4]")
    edit(sources, SEARCH, "  甲烷: [methane, CH4]", "  乙烷: [ethane]")
    assert str(error_of(sources)) == f"{SEARCH}:{line} [乙烷]: '乙烷' occurs nowhere in the statement's text"


def test_search_aliases_that_are_not_a_list(sources):
    line = line_of(sources, SEARCH, "  甲烷: [methane, CH4]")
    edit(sources, SEARCH, "  甲烷: [methane, CH4]", "  甲烷: methane")
    assert str(error_of(sources)) == f"{SEARCH}:{line} [甲烷]: the aliases of '甲烷' must be a list"


# --- provenance (data/edition.yaml) and interface words (data/ui.yaml) --------------------------------

def test_official_text_in_an_unknown_language(sources):
    line = line_of(sources, "data/edition.yaml", "- lang: en")
    edit(sources, "data/edition.yaml", "- lang: en", "- lang: fr")
    assert str(error_of(sources)) == f"data/edition.yaml:{line}: unknown language 'fr'"


def test_official_text_with_an_impossible_date(sources):
    line = line_of(sources, "data/edition.yaml", "date: 2023-11-15")
    edit(sources, "data/edition.yaml", "date: 2023-11-15", "date: 2023-11-31")
    assert str(error_of(sources)) == (
        f"data/edition.yaml:{line}: malformed date: '2023-11-31' is not a date: day is out of range for month")


def test_parties_named_in_one_language_only(sources):
    line = line_of(sources, "data/edition.yaml", "parties:")
    drop_line(sources, "data/edition.yaml", "en: [People's Republic of China, United States of America]")
    assert str(error_of(sources)) == f"data/edition.yaml:{line}: 'parties' lists the parties' names under 'zh' and 'en'"


def test_parties_counted_differently_in_the_two_languages(sources):
    line = line_of(sources, "data/edition.yaml", "parties:")
    edit(sources, "data/edition.yaml", "en: [People's Republic of China, United States of America]",
         "en: [People's Republic of China]")
    assert str(error_of(sources)) == f"data/edition.yaml:{line}: 'parties' must name as many parties in 'zh' as in 'en'"


def test_chart_span_that_is_not_a_span_of_months(sources):
    line = line_of(sources, "data/edition.yaml", "chart:")
    edit(sources, "data/edition.yaml", "to: 2036-06", "to: 2036-13")
    assert str(error_of(sources)).startswith(f"data/edition.yaml:{line}: malformed chart span: ")


def test_chart_span_that_leaves_out_a_target(sources):
    # The timeline's latest entry falls in 2035; a chart that ends in 2030 cannot draw it.
    line = line_of(sources, "data/edition.yaml", "chart:")
    edit(sources, "data/edition.yaml", "to: 2036-06", "to: 2030-12")
    message = str(error_of(sources))
    assert message.startswith(f"data/edition.yaml:{line} [") and "the chart's span (2019-07-01 to 2030-12-31) leaves out" in message


def test_interface_words_that_are_not_a_mapping(sources):
    write(sources, "data/ui.yaml", "# Interface strings\n- copy_link\n")
    assert str(error_of(sources)) == "data/ui.yaml:2: must be a mapping of names to {zh, en}"


def test_interface_words_missing_for_a_state(sources):
    edit(sources, "data/ui.yaml", "state_held:\n  zh: 已举行\n  en: Held\n", "")
    assert str(error_of(sources)) == "data/ui.yaml: 'state_held' is missing: every state needs its interface words"
