"""Citation grammar, quote matching and resolution, on synthetic sources."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from sitegen.citations import find_quote, fold, parse_field, scan, text_fragment
from sitegen.errors import SitegenError
from sitegen.markup import cite_page, make_markdown
from sitegen.model import Page, Paragraph, Source


def source(sid: str, *texts: str) -> Source:
    paras = tuple(Paragraph(i, f"p{i}", t) for i, t in enumerate(texts, 1))
    return Source(sid, f"seeds/{sid}.txt", "T", "Outlet", ("A. Writer",), None, None, (), paras)


SOURCES = {
    "wire": source(
        "wire",
        "The city opened a new bridge on Monday \u2014 after three years of work.",
        "Officials said it would cut \u201ccommuting times\u201d for 40,000 people.",
    ),
    "daily": source("daily", "The bridge bans lorries over 7.5 tonnes."),
}


def page(body: str) -> Page:
    return Page("content/a.md", "a/", "A", body, body_line=5)


def cite(body: str) -> str:
    return cite_page(page(body), SOURCES, make_markdown()).html


def errors(body: str) -> list[str]:
    with pytest.raises(SitegenError) as info:
        cite_page(page(body), SOURCES, make_markdown())
    return info.value.format().splitlines()


# --- matching: whitespace, case, straight/curly quotes and dashes; nothing else ---


def test_fold_ignores_whitespace_case_quotes_and_dashes() -> None:
    assert fold("  Bridge \u2014 \u201cOpen\u201d\n\t it\u2019s ") == fold('bridge - "open" it\'s')


@pytest.mark.parametrize(
    ("quote", "exact", "anchor"),
    [
        ("new bridge on Monday - after", "new bridge on Monday \u2014 after", "p1"),  # a hyphen for an em dash
        ("NEW   BRIDGE\non monday", "new bridge on Monday", "p1"),  # case and whitespace
        ('cut "commuting times" for', "cut \u201ccommuting times\u201d for", "p2"),  # straight quotes for curly
    ],
)
def test_quote_matches_despite_allowed_differences(quote: str, exact: str, anchor: str) -> None:
    found = find_quote(SOURCES["wire"], quote)
    assert found is not None
    assert (found.exact, found.paragraph.anchor) == (exact, anchor)  # the source's own words, for the fragment


@pytest.mark.parametrize(
    "quote",
    [
        "new bridges",  # a letter more
        "opened a new bridge, on Monday",  # punctuation is not ignored
        "opened the new bridge",  # another word
        "bridge on Monday after",  # the dash itself may not be dropped
        "ridge",  # part of a word is not a quote
    ],
)
def test_quote_does_not_match_other_differences(quote: str) -> None:
    assert find_quote(SOURCES["wire"], quote) is None


def test_part_of_a_word_is_not_a_match() -> None:
    assert find_quote(SOURCES["daily"], "ban") is None
    whole = find_quote(SOURCES["daily"], "bans")
    assert whole is not None and whole.exact == "bans"


def test_match_returns_source_text_for_the_fragment() -> None:
    found = find_quote(SOURCES["wire"], 'cut "commuting times"')
    assert found is not None
    assert found.exact == "cut \u201ccommuting times\u201d"
    assert found.paragraph.anchor == "p2"


# --- grammar ---


def test_single_several_and_paragraph_citations_render_numbered_references() -> None:
    cp = cite_page(
        page(
            'Opened [@wire "new bridge"]. Lorries [@daily "bans lorries"; @wire \u00b62]. Again [@wire "new bridge"].'
        ),
        SOURCES,
        make_markdown(),
    )
    assert [(r.number, r.source_id, r.paragraph.anchor, r.quote) for r in cp.references] == [
        (1, "wire", "p1", "new bridge"),
        (2, "daily", "p1", "bans lorries"),
        (3, "wire", "p2", None),
    ]
    assert cp.references[0].uses == ("cite-1", "cite-3")
    markers = BeautifulSoup(cp.html, "html.parser").select("a.cite-ref")
    # one marker per group, however many sources back it: the first number, "+1" for the other
    assert [(m["id"], m["href"], m["data-refs"], m.get_text()) for m in markers] == [
        ("cite-1", "#ref-1", "1", "1"),
        ("cite-2", "#ref-2", "2 3", "2+1"),
        ("cite-3", "#ref-1", "1", "1"),
    ]
    assert markers[1]["aria-label"] == "Sources 2 and 3"


def test_curly_quotes_around_the_quote_are_accepted() -> None:
    html = cite("Opened [@wire \u201cnew bridge\u201d].")
    assert 'href="#ref-1"' in html


def test_citation_in_code_or_escaped_is_left_alone() -> None:
    html = cite('Write `[@wire "x"]` or \\[@wire "x"] to cite.')
    assert "cite-ref" not in html
    assert '[@wire "x"]' in html


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('A [@wire "new bridge"', "malformed citation at column 22: expected ';' or ']'"),
        ('A [@wire "new bridge]', "malformed citation at column 10: quote is not closed"),
        ("A [@wire].", "malformed citation at column 9: @wire needs a quote in double quotes"),
        ('A [@ "x"].', "malformed citation at column 5: expected a source id after '@'"),
        ('A [@wire ""].', "malformed citation at column 10: empty quote"),
        ("A [@wire \u00b6].", "malformed citation at column 10: expected a paragraph number after '\u00b6'"),
        ("A [@wire \u00b60].", "malformed citation at column 10: paragraphs are numbered from \u00b61"),
        ('A [@wire "x"; daily "y"].', "malformed citation at column 15: expected '@source-id'"),
    ],
)
def test_malformed_citations_name_file_line_and_column(body: str, message: str) -> None:
    first = errors(body)[0]
    assert first.startswith(f"content/a.md:5: error: {message}")
    assert first.endswith("[citation.syntax]")


def test_every_resolution_problem_is_listed_with_its_line() -> None:
    body = 'Fine [@wire "new bridge"].\n\nBad [@nope "x"].\n\nMissing [@daily "no such words"].\n\nFar [@wire \u00b69].'
    assert errors(body) == [
        "content/a.md:7: error: unknown source id 'nope' [citation.unknown-source]",
        "  hint: known sources: daily, wire",
        'content/a.md:9: error: quote not found in source daily: "no such words" [citation.quote]',
        "content/a.md:11: error: source wire has no paragraph \u00b69 (it has 2) [citation.paragraph]",
        "3 errors",
    ]


def test_scan_leaves_placeholders_and_counts_groups() -> None:
    text, groups, problems = scan('x [@a "q"; @b \u00b61] y [@c "z"]', "content/a.md", 3)
    assert problems == []
    assert [len(g.items) for g in groups] == [2, 1]
    assert "[@" not in text


def test_parse_field_takes_exactly_one_group() -> None:
    items = parse_field('[@wire "new bridge"; @daily \u00b61]', "content/claims.yaml", 4)
    assert [(i.source_id, i.quote, i.paragraph) for i in items] == [("wire", "new bridge", None), ("daily", None, 1)]
    with pytest.raises(SitegenError) as info:
        parse_field('[@wire "x"] and more', "content/claims.yaml", 4)
    assert info.value.format().startswith("content/claims.yaml:4: error: unexpected text after the citation")
    with pytest.raises(SitegenError) as info:
        parse_field("wire", "content/claims.yaml", 4)
    assert info.value.code == "citation.syntax"


def test_text_fragment_encodes_and_shortens() -> None:
    assert text_fragment("new bridge, 7-day") == ":~:text=new%20bridge%2C%207%2Dday"
    long = " ".join(f"w{i}" for i in range(20))
    assert text_fragment(long) == ":~:text=w0%20w1%20w2%20w3%20w4,w15%20w16%20w17%20w18%20w19"


# --- hints ---

NEXCHRON = {
    "nexchron": source("nexchron", "Beijing wants to keep pace with the U.S. and its allies in AI research."),
    "modelwire": source("modelwire", "Modelwire reports the rule."),
}


def test_a_quote_not_found_shows_the_closest_passage_with_the_difference_marked() -> None:
    with pytest.raises(SitegenError) as info:
        cite_page(
            page('It wants parity [@nexchron "keep pace with the US and its partners"].'), NEXCHRON, make_markdown()
        )
    assert info.value.format() == (
        'content/a.md:5: error: quote not found in source nexchron: "keep pace with the US and its partners"'
        " [citation.quote]\n"
        '  hint: closest is ¶1: "keep pace with the [US → U.S.] and its [partners → allies]" ([quote → source])'
    )


def test_a_quote_that_differs_only_in_punctuation_says_so() -> None:
    with pytest.raises(SitegenError) as info:
        cite_page(page('It wants parity [@nexchron "the U.S, and its allies"].'), NEXCHRON, make_markdown())
    assert info.value.format().splitlines()[1] == (
        '  hint: closest is ¶1, where only the punctuation differs: "the U.S. and its allies"'
    )


def test_a_quote_like_nothing_in_the_source_gets_no_hint() -> None:
    with pytest.raises(SitegenError) as info:
        cite_page(page('Rain [@nexchron "heavy rain fell overnight"].'), NEXCHRON, make_markdown())
    assert info.value.hint is None


def test_an_unknown_source_id_suggests_the_nearest_id() -> None:
    with pytest.raises(SitegenError) as info:
        cite_page(page('It wants parity [@nexchorn "keep pace"].'), NEXCHRON, make_markdown())
    assert info.value.format() == (
        "content/a.md:5: error: unknown source id 'nexchorn' [citation.unknown-source]\n  hint: did you mean nexchron?"
    )
    with pytest.raises(SitegenError) as info:
        cite_page(page('It wants parity [@gazette "keep pace"].'), NEXCHRON, make_markdown())
    assert info.value.hint == "known sources: modelwire, nexchron"  # nothing near: the ids there are
