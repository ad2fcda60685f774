"""Where the reports differ, on made-up stories: one measure told differently, whatever its unit, and
different measures never paired."""

from __future__ import annotations

import datetime as dt

from sitegen.curate import draft_pages
from sitegen.curate.figures import Figure, agree, figures
from sitegen.model import Paragraph, Source

DAY = dt.date(2026, 2, 10)


def report(sid: str, outlet: str, *texts: str) -> Source:
    """A dated report, one paragraph per text."""
    paras = tuple(Paragraph(k, f"p{k}", t) for k, t in enumerate(texts, 1))
    return Source(sid, f"seeds/{sid}.txt", None, outlet, (), DAY, None, (), paras)


def differ(*sources: Source) -> list[str]:
    """The "Where the reports differ" lines of the overview, citations left out."""
    index = next(d.text for d in draft_pages(list(sources)) if d.path == "content/index.md")
    if "## Where the reports differ" not in index:
        return []
    lines = index.split("## Where the reports differ\n\n", 1)[1].strip().splitlines()
    return [line.split(" [@", 1)[0] for line in lines]


def test_a_premium_given_differently_is_a_difference_even_when_one_side_speaks_of_the_previous_close() -> None:
    lines = differ(
        report(
            "post",
            "Harbour Post",
            "Orwell Foods agreed on Monday to buy the snack maker Pellor for $6.2 billion in cash.",
            "The offer of $48 a share is a premium of 41% to Pellor's closing price on the previous trading day.",
            "The deal is expected to close in the second half of the year.",
        ),
        report(
            "daily",
            "Quay Daily",
            "Orwell Foods will acquire Pellor in a $6.2 billion all-cash deal, the companies said on Monday.",
            "The $48-per-share price is a 38.6% premium over Pellor's last close.",
            "Analysts said the deal gives Orwell a stronger hand in the crowded snack market.",
        ),
    )
    assert lines == [
        "- The reports give different percentages: Quay Daily writes "
        "\u201c38.6% premium over Pellor's last close\u201d, while Harbour Post writes \u201cpremium of 41%\u201d"
    ]


def test_a_share_of_zero_against_a_share_of_some_is_a_difference_and_other_measures_are_not_paired() -> None:
    lines = differ(
        report(
            "post",
            "Harbour Post",
            "The Ridge Fire has burned more than 14,000 acres north of the town since it started on Saturday.",
            "Firefighters said on Monday the blaze was 0% contained.",
            "Annual inflation in the region stands at 5.9%, the statistics office said.",
        ),
        report(
            "daily",
            "Quay Daily",
            "The fire was 12% contained by Monday evening, according to the state fire agency.",
            "The Ridge Fire has scorched 14,200 acres and destroyed 37 homes north of the town.",
            "Food prices in the region climbed 2.3% over the month, the statistics office said.",
        ),
    )
    assert lines == [
        "- The reports give different percentages: Quay Daily writes \u201cfire was 12% contained\u201d, "
        "while Harbour Post writes \u201cblaze was 0% contained\u201d"
    ]


def test_one_deadline_given_on_two_dates_is_a_difference_and_another_event_is_not() -> None:
    lines = differ(
        report(
            "post",
            "Harbour Post",
            "The ministry gave the airline until Feb. 26 to submit a plan to compensate stranded passengers.",
            "About 40,000 travellers were stranded when the airline cancelled 310 flights last week.",
        ),
        report(
            "daily",
            "Quay Daily",
            "The airline has until March 5, 2026, to present a compensation plan to the ministry.",
            "The cancellations of 310 flights stranded about 40,000 passengers.",
            "Unions plan another strike against the airline on Feb. 20 if talks over pay fail.",
        ),
    )
    assert lines == [
        "- The reports give different dates: Harbour Post writes \u201cairline until Feb. 26\u201d, "
        "while Quay Daily writes \u201cuntil March 5, 2026\u201d"
    ]


def test_a_bound_agrees_with_a_value_just_past_it_and_not_with_one_far_past_it() -> None:
    def one(text: str) -> Figure:
        (f,) = figures(text)
        return f

    assert agree(one("more than 14,000 acres burned"), one("14,200 acres burned"))
    assert agree(one("nearly 15,000 people left"), one("14,800 people left"))
    assert not agree(one("more than 10 GW was lost"), one("15 GW was lost"))
    assert not agree(one("nearly 15,000 people left"), one("15,400 people left"))
    assert not agree(one("12% contained"), one("0% contained"))


def test_one_measure_in_other_words_on_each_side_is_still_paired() -> None:
    lines = differ(
        report(
            "post",
            "Harbour Post",
            "About 40,000 travellers were stranded when the airline cancelled 310 flights last week.",
            "Firefighters said on Monday the blaze was 0% contained.",
        ),
        report(
            "daily",
            "Quay Daily",
            "Unions plan another strike against the airline on Feb. 20 if talks fail.",
            "Containment stood at 12% by the evening, fire officials said of the blaze.",
        ),
    )
    assert lines == [
        "- The reports give different percentages: Quay Daily writes \u201cstood at 12%\u201d, "
        "while Harbour Post writes \u201cblaze was 0% contained\u201d"
    ]


def test_two_measures_an_outlet_gives_both_of_are_not_paired_across_outlets() -> None:
    lines = differ(
        report(
            "post",
            "Harbour Post",
            "The Green Party won the regional election on Sunday with 41% of the vote.",
            "Turnout was 61.2%, up from 55% at the last election.",
            "Party leader Mia Holt said the result was a mandate for change.",
        ),
        report(
            "daily",
            "Quay Daily",
            "The Greens won 38% of the seats in Sunday's regional election.",
            "Turnout reached 59%, the election office said.",
            "The Green Party took 41% of the vote, its best result ever.",
        ),
        report(
            "times",
            "Dock Times",
            "The Greens came first in Sunday's regional vote, with a 41.3% share.",
            "The new assembly will meet for the first time on March 3.",
        ),
    )
    assert lines == [
        "- The reports give different percentages: Quay Daily writes \u201cTurnout reached 59%\u201d, "
        "while Harbour Post writes \u201cTurnout was 61.2%\u201d"
    ]


def test_a_figure_left_over_when_another_of_its_sentence_agrees_is_still_compared() -> None:
    lines = differ(
        report(
            "post",
            "Harbour Post",
            "Annual inflation eased to 5.9% in January, while prices rose 1.8% from December, "
            "the statistics office said.",
            "The central bank will set interest rates on March 3.",
        ),
        report(
            "daily",
            "Quay Daily",
            "Prices rose 1.6% in January from December, and annual inflation eased to 5.9%, "
            "the statistics office said.",
            "Economists had expected the central bank to hold its key rate at 9%.",
        ),
    )
    assert lines == [
        "- The reports give different percentages: Quay Daily writes \u201cPrices rose 1.6%\u201d, "
        "while Harbour Post writes \u201cprices rose 1.8%\u201d"
    ]
