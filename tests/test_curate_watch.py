"""What to watch and what leads a section: statements that plainly look ahead, counts of the people affected."""

from __future__ import annotations

import datetime as dt

from sitegen.curate import draft_pages
from sitegen.model import Paragraph, Source
from tests.test_curate_sections import story

OPENING = "The port authority closed the northern harbour to cargo ships this week."
NEWS = [
    "The port authority closed the northern harbour on Monday after cracks were found in the main quay.",
    "The northern harbour closed to cargo ships on Monday, the port authority said in a statement.",
]


def under(heading: str, text: str) -> list[Source]:
    """Two reports of the news, and a third with ``text`` under ``heading``."""
    out = story(*NEWS)
    paras = (Paragraph(1, "p1", OPENING), Paragraph(0, "h-1", heading, "heading"), Paragraph(2, "p2", text))
    out.append(Source("late", "seeds/late.txt", None, "Late Post", (), dt.date(2025, 3, 11), None, (), paras))
    return out


def test_a_watch_the_video_heading_puts_nothing_in_what_to_watch() -> None:
    past = "The last cargo ship left the northern harbour on Tuesday evening as the gates closed."
    pages = {d.path: d.text for d in draft_pages(under("Watch live: cranes lift the last containers", past))}
    assert "cargo ship left the northern harbour" not in pages.get("content/what-to-watch.md", "")
    pages = {d.path: d.text for d in draft_pages(under("Things to watch", past))}
    assert "cargo ship left the northern harbour" in pages["content/what-to-watch.md"]


def test_what_to_watch_takes_plain_forecasts_before_a_pledge_with_a_date_ahead() -> None:
    forward = [
        "The port authority will decide next month whether the northern harbour reopens to cargo ships.",
        "Officials could reopen the northern harbour to small fishing boats first, the mayor said.",
        "A court hearing on compensation for the owners of the cargo ships is scheduled for June 30.",
    ]
    pledge = "The port authority committed $2 billion to new cranes and quays at the harbour by 2028."
    pages = {d.path: d.text for d in draft_pages(story(*NEWS, *forward, pledge))}
    watch = pages["content/what-to-watch.md"]
    assert [text[-40:-1] in watch for text in forward] == [True, True, True]
    assert "$2 billion" not in watch


def test_a_count_of_the_people_affected_leads_its_section_before_vaguer_sentences() -> None:
    texts = [
        *NEWS,
        "Residents living near the northern harbour say the closure has made life harder for many people.",
        "The closure of the northern harbour has hit people in the town who depend on the cargo ships.",
        "Families near the northern harbour were affected by the closure of the port to cargo ships.",
        "About 2,400 dock workers lost their shifts when the northern harbour closed to cargo ships.",
    ]
    page = {d.path: d.text for d in draft_pages(story(*texts))}["content/who-is-affected.md"]
    body = page.split("---\n", 2)[2].strip()
    assert "2,400 dock workers" in body.split(". ", 1)[0]
