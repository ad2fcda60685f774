"""Timeline dates: absolute ones as written, relative ones against the report's own date, as precise as the words."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.curate import draft_pages
from sitegen.curate.dates import When, dates_in, news_date
from sitegen.model import Paragraph, Source
from sitegen.yamlutil import load_yaml

SATURDAY = dt.date(2025, 6, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deal was signed on June 13, 2025, in Tokyo.", ["2025-06-13"]),
        ("It was first announced on 4 March 2024.", ["2024-03-04"]),
        ("Talks began in December 2023.", ["2023-12"]),
        ("A complaint was filed in 2018.", ["2018"]),
        ("The president signed the order on Friday.", ["2025-06-13"]),  # the Friday before the report
        ("Trading resumed on Monday's open.", ["2025-06-09"]),
        ("The plant closed yesterday.", ["2025-06-13"]),
        ("Delisting takes effect June 30.", ["2025-06-30"]),  # no year: the one nearest the report
        ("The vote was held on 28 December.", ["2024-12-28"]),
        ("Profits fell last year.", ["2024"]),
        ("Sales rose earlier this month.", ["2025-06"]),
        ("The outage began at 11:30 a.m. (1030 GMT) and ended at 2030 GMT.", []),  # clock times are no years
        ("The pact may stop trade in may and June.", []),  # "may" the verb is no month
    ],
)
def test_dates_resolve_against_the_reports_own_date(text: str, expected: list[str]) -> None:
    assert [d.when.iso for d in dates_in(text, SATURDAY)] == expected


def test_a_future_sentence_takes_the_next_weekday() -> None:
    assert [d.when.iso for d in dates_in("The board will vote on Tuesday.", SATURDAY, ahead=True)] == ["2025-06-17"]


def test_without_the_reports_date_relative_dates_are_skipped_but_years_can_come_from_the_story() -> None:
    assert [d.when.iso for d in dates_in("The order was signed on Friday.", None)] == []
    assert [d.when.iso for d in dates_in("It closes June 30.", None, year_ref=SATURDAY)] == ["2025-06-30"]


def test_the_storys_date_is_the_first_reports_else_the_date_most_mentioned() -> None:
    assert news_date([dt.date(2025, 6, 18), dt.date(2025, 6, 14)], []) == dt.date(2025, 6, 14)
    said = [When(2025, 4, 28), When(2025, 4, 28), When(2025, 4, 29), When(2025, 4)]
    assert news_date([], said) == dt.date(2025, 4, 28)
    assert news_date([], [When(2025)]) is None


def test_the_timeline_is_drafted_from_dated_sentences_each_cited() -> None:
    def report(sid: str, date: dt.date, *texts: str) -> Source:
        paras = tuple(Paragraph(k, f"p{k}", t) for k, t in enumerate(texts, 1))
        return Source(sid, f"seeds/{sid}.txt", None, sid.title(), (), date, None, (), paras)

    sources = [
        report(
            "wire",
            SATURDAY,
            "The mill owner agreed on Friday to sell the old paper mill to the town council.",
            "The paper mill was built in 1888 and closed in March 2009 after a long decline.",
        ),
        report(
            "gazette",
            dt.date(2025, 6, 16),
            "The town council agreed to buy the old paper mill from its owner last week.",
            "The mill closed in 2009, and the council first offered to buy it in May 2021.",
        ),
    ]
    timeline = next(d for d in draft_pages(sources) if d.path == "content/timeline.yaml")
    events = load_yaml(timeline.text, timeline.path)["events"]
    assert [(str(e["date"]), e["event"][:40]) for e in events] == [
        ("1888", "The paper mill was built in 1888 and clo"),
        ("2009", "The mill closed in 2009, and the council"),
        ("2025-06-13", "The mill owner agreed on Friday to sell "),  # the merged statement's dated wording
    ]
    assert all(e["cite"].startswith("[@") for e in events)
