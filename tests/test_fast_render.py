"""Text cut for rendering around citation marks, glossary terms and insertions, and links between pages and
languages (scripts/generators/render.py PageContext), on a small statement made here: no sources read, no build.

The small edition: the opening page (the preamble) and the energy-transition page (¶6), each in Chinese at
the site root and in English under en/, a home page and a references page. ¶6 cites references a and b;
its note cites c. Offsets are counted by hand in the texts below."""

from __future__ import annotations

import pytest

from scripts.model import Lang, Mark, Note, Page, Provenance, Section, Span, Statement, Text, Unit
from scripts.generators.render import PageContext, Segment, _glue_url_ends, _keep_calls

pytestmark = pytest.mark.fast

P6_EN = "methane and nitrous oxide"  # methane: 0–7, nitrous oxide: 12–25
P6_ZH = "甲烷和氧化亚氮"  # 甲烷: 0–2, 氧化亚氮: 3–7
NOTE_EN = "As 阳光之乡 records"  # 3 + 4 + 8 = 15 characters; the mark of c after "records"
NOTE_ZH = "阳光之乡会谈记载"


def _page(kind: str, key: str, slug: str) -> Page:
    return Page(kind=kind, key=key, src=f"{slug.rstrip('/') or 'index'}.md", title=Text(key, key),
                url=Text(slug, f"en/{slug}"))


def _statement() -> Statement:
    preamble = Unit(id="preamble", kind="preamble", n=None, label=Text("", ""), text=Text("序言", "Preamble"),
                    section="opening", marks={"zh": (), "en": ()})
    p6 = Unit(id="p6", kind="clause", n=6, label=Text("六、", "6."), text=Text(P6_ZH, P6_EN),
              section="energy-transition",
              marks={"zh": (Mark(2, "a"), Mark(7, "b")), "en": (Mark(7, "a"), Mark(25, "b"))})
    note = Note(unit="p6", text=Text(NOTE_ZH, NOTE_EN), marks={"zh": (Mark(8, "c"),), "en": (Mark(15, "c"),)})
    return Statement(
        title=Text("声明", "Statement"), preamble=preamble,
        sections=(Section(id="opening", heading=None, title=Text("序言", "Opening"), units=(preamble,)),
                  Section(id="energy-transition", heading=Text("能源转型", "Energy transition"),
                          title=Text("能源转型", "Energy transition"), units=(p6,))),
        pages=(_page("home", "home", ""), _page("section", "opening", "opening/"),
               _page("section", "energy-transition", "energy-transition/"),
               _page("references", "references", "references/")),
        source=Provenance(headline="", lead="", official=(), translation_note=Text("", ""), edition=Text("", ""),
                          parties={"zh": (), "en": ()}, identifier=Text("", "")), ui={}, notes={"p6": note},
        spans={("p6", "en"): (Span(0, 7, "methane"), Span(12, 25, "n2o")),
               ("p6", "zh"): (Span(0, 2, "methane"), Span(3, 7, "n2o"))})


STATEMENT = _statement()


def context(key: str, lang: Lang) -> PageContext:
    return PageContext(STATEMENT, STATEMENT.page(key), lang)


def ref(key: str, number: int, id_: str | None = None) -> Segment:
    return Segment("ref", key=key, number=number, id=id_ or f"fnref:{number}")


def nobreak(*parts: Segment) -> Segment:
    """A call kept on one line with what stands before it (and closing punctuation after it)."""
    return Segment("nobreak", parts=parts)


# --- segments -------------------------------------------------------------------------------------------

def test_footnotes_are_numbered_in_order_of_first_citation_text_then_note():
    assert context("energy-transition", "en").footnote_keys == ("a", "b", "c")


def test_a_unit_cut_at_its_terms_with_each_mark_where_it_stands():
    ctx = context("energy-transition", "en")
    assert ctx.unit_segments(STATEMENT.unit("p6")) == [
        nobreak(Segment("term", "methane", key="methane"), ref("a", 1)), Segment("text", " and "),
        nobreak(Segment("term", "nitrous oxide", key="n2o"), ref("b", 2))]


def test_the_chinese_text_is_cut_the_same_way():
    ctx = context("energy-transition", "zh")
    assert ctx.unit_segments(STATEMENT.unit("p6")) == [
        nobreak(Segment("term", "甲烷", key="methane"), ref("a", 1)), Segment("text", "和"),
        nobreak(Segment("term", "氧化亚氮", key="n2o"), ref("b", 2))]


def test_a_mark_inside_a_term_follows_the_term():
    ctx = context("energy-transition", "en")
    segments = ctx._segments(P6_EN, (Mark(16, "a"),), (Span(12, 25, "n2o"),))  # after "nitr"
    assert segments == [Segment("text", "methane and "), Segment("term", "nitrous oxide", key="n2o"), ref("a", 1)]


def test_a_mark_at_the_start_and_one_at_the_end():
    ctx = context("energy-transition", "en")
    assert ctx._segments(P6_EN, (Mark(0, "a"), Mark(25, "b")), ()) == [
        ref("a", 1), Segment("text", P6_EN), ref("b", 2)]


def test_adjacent_marks_follow_each_other_in_order():
    ctx = context("energy-transition", "en")
    assert ctx._segments(P6_EN, (Mark(7, "b"), Mark(7, "a")), ()) == [
        Segment("text", "methane"), ref("b", 2), ref("a", 1), Segment("text", " and nitrous oxide")]


def test_a_second_reference_to_one_footnote_has_its_own_id():
    ctx = context("energy-transition", "en")
    segments = ctx._segments(P6_EN, (Mark(7, "a"), Mark(25, "a")), ())
    assert [segment.id for segment in segments if segment.kind == "ref"] == ["fnref:1", "fnref2:1"]
    assert ctx.footnote_refs("a") == ["fnref:1", "fnref2:1"]  # the ways back from footnote 1
    assert ctx.footnote_refs("b") == []


def test_an_editorial_insertion_is_a_segment_of_its_own():
    ctx = context("energy-transition", "en")
    text = "the [New Delhi] Leaders' Declaration"  # the insertion with its brackets: 4–15
    assert ctx._segments(text, (), (), ((4, 15),)) == [
        Segment("text", "the "), Segment("insertion", "[New Delhi]"), Segment("text", " Leaders' Declaration")]


def test_an_english_note_marks_its_chinese_words():
    ctx = context("energy-transition", "en")
    ctx.unit_segments(STATEMENT.unit("p6"))  # footnotes 1 and 2 first, as on the page
    assert ctx.note_segments(STATEMENT.unit("p6")) == [
        Segment("text", "As "), Segment("zh", "阳光之乡"), Segment("text", " record"),
        nobreak(Segment("text", "s"), ref("c", 3))]


def test_a_chinese_note_is_not_cut_at_chinese_words():
    ctx = context("energy-transition", "zh")
    assert ctx.note_segments(STATEMENT.unit("p6")) == [Segment("text", NOTE_ZH[:-1]),
                                                       nobreak(Segment("text", NOTE_ZH[-1]), ref("c", 3))]


def test_a_call_keeps_its_character_and_the_closing_punctuation_after_it():
    """clreq: no line begins with a call or with 。，”. Two calls are parted by a comma (8,19, never 819); calls
    after a digit are bracketed (COP28[1], never COP281); in English the space before a call goes."""
    a, b = ref("a", 1), ref("b", 2)
    comma, opening, closing = Segment("callmark", ","), Segment("callmark", "["), Segment("callmark", "]")
    assert _keep_calls([Segment("text", "工作组”"), a, b, Segment("text", "”。其后")], "zh") == [
        Segment("text", "工作组"), nobreak(Segment("text", "”"), a, comma, b, Segment("text", "”。")),
        Segment("text", "其后")]
    assert _keep_calls([Segment("text", "during COP28 "), a, Segment("text", "; then")], "en") == [
        Segment("text", "during COP2"), nobreak(Segment("text", "8"), opening, a, closing, Segment("text", ";")),
        Segment("text", " then")]
    assert _keep_calls([Segment("text", "in 2021 "), a, Segment("text", " "), b, Segment("text", "; then")], "en") == [
        Segment("text", "in 202"), nobreak(Segment("text", "1"), opening, a, comma, b, closing, Segment("text", ";")),
        Segment("text", " then")]


def test_prose_in_english_marks_its_chinese_words_and_in_chinese_does_not():
    value = Text("本版译文", "This edition (本版)")
    assert context("home", "en").prose(value) == [Segment("text", "This edition ("), Segment("zh", "本版"),
                                                   Segment("text", ")")]
    assert context("home", "zh").prose(value) == [Segment("text", "本版译文")]


def test_prose_in_chinese_marks_its_english_phrases():
    """English words in Chinese (译作 call on) are marked en; acronyms and meeting names (IPCC, COP28) are the
    Chinese text's own."""
    value = Text("“呼吁”译作call on，见IPCC和COP28；写作 China–U.S.。", "")
    assert context("home", "zh").prose(value) == [
        Segment("text", "“呼吁”译作"), Segment("en", "call on"), Segment("text", "，见IPCC和COP28；写作 "),
        Segment("en", "China–U.S."), Segment("text", "。")]


# --- links --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("page, lang, target, link", [
    # on the Chinese section page
    ("energy-transition", "zh", "energy-transition/#p6", "#p6"),
    ("energy-transition", "zh", "energy-transition/", "./"),
    ("energy-transition", "zh", "references/#ref-a", "../references/#ref-a"),
    ("energy-transition", "zh", "", "../"),
    ("energy-transition", "zh", "en/energy-transition/#p6", "../en/energy-transition/#p6"),
    # on the Chinese home page, the site root
    ("home", "zh", "energy-transition/#p6", "energy-transition/#p6"),
    ("home", "zh", "", "./"),
    ("home", "zh", "en/", "en/"),
    # on the English section page, two levels down
    ("energy-transition", "en", "en/references/#ref-a", "../references/#ref-a"),
    ("energy-transition", "en", "energy-transition/#p6", "../../energy-transition/#p6"),
    ("energy-transition", "en", "en/", "../"),
    # on the English home page
    ("home", "en", "", "../"),
    ("home", "en", "en/energy-transition/#p6", "energy-transition/#p6"),
])
def test_links_are_relative_to_the_page(page, lang, target, link):
    assert context(page, lang).href(target) == link


def test_a_unit_url_is_its_section_page_and_its_id_in_each_language():
    zh, en = context("energy-transition", "zh"), context("energy-transition", "en")
    assert (zh.unit_url("p6"), en.unit_url("p6")) == ("energy-transition/#p6", "en/energy-transition/#p6")
    assert en.unit_url("p6", "zh") == "energy-transition/#p6"
    assert zh.unit_url("preamble") == "opening/#preamble"
    assert en.href(en.unit_url("preamble")) == "../opening/#preamble"
    assert en.href(en.unit_url("p6", "zh")) == "../../energy-transition/#p6"


def test_a_reference_entry_on_the_references_page_of_each_language():
    assert context("home", "zh").reference_url("a") == "references/#ref-a"
    assert context("home", "en").reference_url("a") == "en/references/#ref-a"


def test_an_address_is_a_link_kept_on_one_line_with_the_closing_punctuation_after_it():
    # clreq: a browser may break an address anywhere, never before the 。 or ； that follows it
    pieces = _glue_url_ends(Segment("text", "见https://a.example/b/c.html；另见https://d.example/e。完"))
    assert pieces == [Segment("text", "见"), Segment("url", "https://a.example/b/c.html", parts=(Segment("text", "；"),)),
                      Segment("text", "另见"), Segment("url", "https://d.example/e", parts=(Segment("text", "。"),)),
                      Segment("text", "完")]
    # an English sentence's stop is the sentence's, not the address's
    assert _glue_url_ends(Segment("text", "See https://a.example/b. Then")) == [
        Segment("text", "See "), Segment("url", "https://a.example/b", parts=(Segment("text", "."),)),
        Segment("text", " Then")]
    assert _glue_url_ends(Segment("text", "no address, here.")) == [Segment("text", "no address, here.")]


def test_the_pdfs_set_a_run_of_calls_as_one_and_bracket_calls_after_a_digit():
    """As the web does: "2021 [@a] [@b];" sets 2021[1,2]; (one run, no space, bracketed after the digit)."""
    from scripts.generators.pdf import Calls, Endnotes, Latin, Tie
    from scripts.model import Mark
    text = "in 2021  ; then"
    pieces = Endnotes().pieces(text, (Mark(8, "a"), Mark(9, "b")), "en")
    assert pieces == ["in ", Tie(("2021", Calls((1, 2), bracketed=True), ";")), " then"]
    assert Endnotes().pieces("在COP28，其后", (Mark(6, "a"),), "zh") == [
        "在", Latin("COP"), Tie(("28", Calls((1,), bracketed=True), "，")), "其后"]
    assert Endnotes().pieces("工作组，其后", (Mark(3, "a"),), "zh") == [
        "工作", Tie(("组", Calls((1,), bracketed=False), "，")), "其后"]


def test_an_ellipsis_for_omitted_words_never_begins_a_line():
    """clreq (and the Latin rules): an ellipsis stays on the line of the word before it; the space before it
    may not break, the one after it may."""
    from scripts.generators.typography import unbroken
    assert unbroken("meets … standards") == "meets\u00a0… standards"
