"""Where the reports differ: figures and qualifiers that disagree between outlets, on synthetic pairs."""

from __future__ import annotations

from sitegen.curate import draft_pages
from sitegen.curate.conflicts import Difference, differences
from sitegen.curate.figures import figures, same_value
from sitegen.curate.rank import rank
from sitegen.curate.rules import load_rules
from sitegen.curate.sentences import all_sentences, sentence_pools
from sitegen.curate.words import Vocabulary
from sitegen.model import Paragraph, Source

RULES = load_rules()


def pair(a: str, b: str, outlets: tuple[str, str] = ("Harbour Post", "Quay Daily")) -> list[Source]:
    """Two reports of one story, each with an opening line and the sentence to compare."""
    opening = "The regional bank was fined by the finance ministry for hiding losses from its investors."
    return [
        Source(
            sid,
            f"seeds/{sid}.txt",
            None,
            outlet,
            (),
            None,
            None,
            (),
            (Paragraph(1, "p1", opening), Paragraph(2, "p2", text)),
        )
        for sid, outlet, text in (("post", outlets[0], a), ("daily", outlets[1], b))
    ]


def found(sources: list[Source]) -> list[Difference]:
    vocab = Vocabulary(RULES.synonyms)
    usable, every = sentence_pools(sources, RULES)
    statements, idf = rank(usable, {}, vocab, RULES.merge_threshold, RULES.qualifiers)
    return differences(statements, idf, vocab, RULES, every)


def spans(d: Difference) -> tuple[str, str]:
    return d.a.text[d.a_span[0] : d.a_span[1]], d.b.text[d.b_span[0] : d.b_span[1]]


def test_one_sum_converted_differently_is_a_difference() -> None:
    diffs = found(
        pair(
            "The ministry fined the bank \u20ac40 million ($43 million) on Monday for misleading investors.",
            "The bank must pay \u20ac40 million ($46 million), the ministry said on Monday.",
        )
    )
    assert [(d.kind, sorted(spans(d))) for d in diffs] == [("money", ["$43 million", "$46 million"])]


def test_qualifiers_of_one_event_that_disagree_are_a_difference() -> None:
    diffs = found(
        pair(
            "The shareholders adopted the rescue plan by consensus at Friday's meeting.",
            "At Friday's meeting the shareholders unanimously adopted the rescue plan.",
        )
    )
    assert [(d.kind, sorted(spans(d))) for d in diffs] == [("wording", ["by consensus", "unanimously"])]


def test_different_figures_of_different_things_are_not_a_difference() -> None:
    assert (
        found(
            pair(
                "The bank will invest $11 billion in new branches by 2030.",
                "The fine comes on top of a $14.1 billion rescue deal agreed last year.",
            )
        )
        == []
    )


def test_rounding_is_not_a_difference() -> None:
    assert same_value(14.0, 14.1)
    assert same_value(5.0, 5.1)
    assert same_value(570.0, 571.0)
    assert not same_value(14.9, 14.1)
    assert not same_value(12 + 33 / 60, 12.5, "clock")
    assert (
        found(
            pair(
                "The bank's shares fell 5% to $20.40 after the fine was announced.",
                "Shares in the bank dropped 5.1% to $20.40 once the fine became public.",
            )
        )
        == []
    )


def test_sentences_whose_figures_disagree_are_never_merged_into_one_statement() -> None:
    sources = pair(
        "The ministry fined the bank \u20ac40 million ($43 million) on Monday.",
        "The ministry fined the bank \u20ac40 million ($46 million) on Monday.",
    )
    vocab = Vocabulary(RULES.synonyms)
    statements, _ = rank(all_sentences(sources, RULES), {}, vocab, RULES.merge_threshold, RULES.qualifiers)
    sums = [st for st in statements if "ministry fined" in st.shown.text]
    assert [len(st.members) for st in sums] == [1, 1]


def test_the_overview_lists_the_difference_with_both_sides_named_and_cited() -> None:
    sources = pair(
        "The ministry fined the bank \u20ac40 million ($43 million) on Monday for misleading investors.",
        "The bank must pay \u20ac40 million ($46 million), the ministry said on Monday.",
    )
    index = next(d.text for d in draft_pages(sources) if d.path == "content/index.md")
    differ = index.split("## Where the reports differ\n\n", 1)[1].splitlines()
    assert differ == [
        "- The reports give different sums: Harbour Post writes \u201cbank \u20ac40 million ($43 million)\u201d, while "
        "Quay Daily writes \u201cpay \u20ac40 million ($46 million)\u201d "
        '[@post "bank \u20ac40 million ($43 million)"; @daily "pay \u20ac40 million ($46 million)"].'
    ]


def test_figures_are_read_with_their_units() -> None:
    text = (
        "At 12:33 pm about 15 GW vanished, 60% of demand; 344 flights and \u20ac1.8bn, or 500 million euros; "
        "demand fell to 15,000 megawatts and a third of homes."
    )
    assert [(f.kind, f.unit, f.value) for f in figures(text)] == [
        ("clock", "h", 12.55),
        ("measure", "W", 15e9),
        ("percent", "%", 60.0),
        ("count", "flight", 344.0),
        ("money", "EUR", 1.8e9),
        ("money", "EUR", 5e8),
        ("measure", "W", 15e9),
        ("percent", "%", 100 / 3),
    ]


def test_a_sentence_too_long_to_state_still_shows_where_the_reports_differ() -> None:
    long = (
        "The finance ministry, which had spent two years looking into the accounts of the regional bank and of "
        "three of its subsidiaries in the north of the country, said on Monday that the bank must pay a fine of "
        "\u20ac40 million ($46 million), the largest it has ever imposed on a lender of that size in the history of "
        "the country's banking supervision."
    )
    assert len(long.split()) > RULES.max_words
    diffs = found(pair("The ministry fined the bank \u20ac40 million ($43 million) on Monday.", long))
    assert [(d.kind, sorted(spans(d))) for d in diffs] == [("money", ["$43 million", "$46 million"])]


def test_one_measure_in_two_units_agrees_and_anchors_a_clock_time_that_does_not() -> None:
    diffs = found(
        pair(
            "At 12:33 pm about 15 GW of the grid's supply vanished within seconds.",
            "Demand on the grid fell around 12:15 p.m. to nearly 15,000 megawatts.",
        )
    )
    assert [(d.kind, sorted(spans(d))) for d in diffs] == [("clock", ["12:15 p.m.", "12:33 pm"])]


def test_the_only_measure_each_outlet_gives_is_compared_even_in_other_words() -> None:
    diffs = found(
        pair(
            "Capacity losses after the failure exceeded 10 GW, the operator said.",
            "A total of 15 GW of energy disappeared in five seconds.",
        )
    )
    assert [(d.kind, sorted(spans(d))) for d in diffs] == [("measure", ["10 GW", "15 GW"])]


def test_words_that_say_the_same_are_no_difference_and_a_negation_turns_a_qualifier_around() -> None:
    same = pair(
        "The shareholders adopted the rescue plan by a majority at Friday's meeting.",
        "At Friday's meeting the shareholders overwhelmingly adopted the rescue plan.",
    )
    assert found(same) == []
    negated = pair(
        "The regulator said no cause has been ruled out for the bank's losses.",
        "The regulator does not rule out any cause for the bank's losses.",
    )
    assert found(negated) == []
    opposed = pair(
        "The regulator has dismissed fraud as the cause of the bank's losses.",
        "The regulator does not rule out fraud as the cause of the bank's losses.",
    )
    assert [sorted(spans(d)) for d in found(opposed)] == [["dismissed", "does not rule out"]]


def test_a_difference_quotes_what_each_figure_is_about_when_the_line_stays_the_drafts_own() -> None:
    sources = pair(
        "It was reported that more than 87% of the electricity supply capacity has been restored.",
        "By the evening the operator said that 48.2% of the supply capacity was restored.",
    )
    index = next(d.text for d in draft_pages(sources) if d.path == "content/index.md")
    differ = index.split("## Where the reports differ\n\n", 1)[1].splitlines()
    assert differ == [
        "- The reports give different percentages: Quay Daily writes \u201c48.2% of the supply capacity\u201d, while "
        "Harbour Post writes \u201c87%\u201d "
        '[@daily "48.2% of the supply capacity"; @post "87%"].'
    ]
