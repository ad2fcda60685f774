"""The citation grammar: any text can be quoted (quote marks inside, decimals, abbreviations)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from sitegen.citations import parse_field, scan
from sitegen.errors import SitegenError
from sitegen.markup import cite_page, make_markdown
from sitegen.model import Page, Paragraph, Source


def source(sid: str, *texts: str) -> Source:
    paras = tuple(Paragraph(i, f"p{i}", t) for i, t in enumerate(texts, 1))
    return Source(sid, f"seeds/{sid}.txt", "T", "Outlet", (), None, None, (), paras)


SOURCES = {
    "wire": source(
        "wire",
        'The mayor called the plan "a bold bet" and said the U.S. government would pay $8.9 billion of it.',
        "Shares rose 9.9% to $20.47 after the vote, the highest since Jan. 2021.",
        "The sign read \u201cClosed \u201cfor now\u201d\u201d and nothing else.",
        "Files were kept under C:\\Archive\\2024 on the clerk's machine.",
    ),
}


def quotes(body: str) -> list[str | None]:
    """The quotes of the citation groups in ``body`` (the grammar only)."""
    _, groups, problems = scan(body, "content/a.md", 1)
    assert problems == []
    return [item.quote for g in groups for item in g.items]


def reference_quotes(body: str) -> list[str]:
    """The quoted words in the reference list of ``body`` once built against SOURCES."""
    cited = cite_page(Page("content/a.md", "a/", "A", body, body_line=1), SOURCES, make_markdown())
    return [ref.exact for ref in cited.references]


def test_a_backslash_escapes_a_straight_quote_inside_a_straight_quoted_quote() -> None:
    body = 'He liked it [@wire "called the plan \\"a bold bet\\" and"].'
    assert quotes(body) == ['called the plan "a bold bet" and']
    assert reference_quotes(body) == ['called the plan "a bold bet" and']


def test_curly_quotes_delimit_a_quote_holding_straight_ones() -> None:
    body = 'He liked it [@wire \u201ccalled the plan "a bold bet"\u201d].'
    assert quotes(body) == ['called the plan "a bold bet"']
    assert reference_quotes(body) == ['called the plan "a bold bet"']


def test_an_escaped_curly_closing_quote_does_not_close_a_curly_quote() -> None:
    body = "It was shut [@wire \u201cClosed \u201cfor now\\\u201d\\\u201d and nothing\u201d]."
    assert quotes(body) == ["Closed \u201cfor now\u201d\u201d and nothing"]
    assert reference_quotes(body) == ["Closed \u201cfor now\u201d\u201d and nothing"]


@pytest.mark.parametrize(
    "quote",
    [
        "$8.9 billion",  # a decimal and a currency sign
        "the U.S. government",  # an abbreviation with inner full stops
        "the U.S.",  # ending on an abbreviation's full stop
        "rose 9.9% to $20.47",  # percent and cents
        "since Jan. 2021",  # an abbreviated month
    ],
)
def test_numbers_and_abbreviations_are_quotable(quote: str) -> None:
    body = f'A claim [@wire "{quote}"].'
    assert quotes(body) == [quote]
    assert len(reference_quotes(body)) == 1


def test_a_backslash_before_anything_but_punctuation_is_itself() -> None:
    body = 'Kept [@wire "under C:\\Archive\\2024 on"].'
    assert quotes(body) == ["under C:\\Archive\\2024 on"]
    assert reference_quotes(body) == ["under C:\\Archive\\2024 on"]


def test_a_doubled_backslash_is_one_backslash() -> None:
    assert quotes('x [@wire "a\\\\b"]') == ["a\\b"]


def test_an_escaped_closing_mark_leaves_the_quote_open() -> None:
    with pytest.raises(SitegenError) as info:
        cite_page(Page("content/a.md", "a/", "A", 'A [@wire "bold bet\\"].', body_line=3), SOURCES, make_markdown())
    assert info.value.format().splitlines()[0] == (
        "content/a.md:3: error: malformed citation at column 10: quote is not closed [citation.syntax]"
    )


def test_yaml_fields_take_the_same_escapes() -> None:
    items = parse_field('[@wire "the plan \\"a bold bet\\""; @wire "$8.9 billion"]', "content/claims.yaml", 2)
    assert [i.quote for i in items] == ['the plan "a bold bet"', "$8.9 billion"]


def test_the_rendered_page_shows_the_quote_without_escapes() -> None:
    body = 'He liked it [@wire "called the plan \\"a bold bet\\" and"].'
    cited = cite_page(Page("content/a.md", "a/", "A", body, body_line=1), SOURCES, make_markdown())
    link = BeautifulSoup(cited.html, "html.parser").select_one("a.cite-ref")
    assert link is not None and link["href"] == "#ref-1"
    assert cited.references[0].exact == 'called the plan "a bold bet" and'
