"""Section assignment on labelled sentences: time from wording and dates, meaning from headings and cues."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.curate import draft_pages
from sitegen.curate.rank import rank
from sitegen.curate.rules import load_rules
from sitegen.curate.sections import Timed, lay_out, timing
from sitegen.curate.sentences import all_sentences
from sitegen.curate.words import Vocabulary
from sitegen.model import Paragraph, Source

RULES = load_rules()
NEWS = (dt.date(2025, 3, 10), dt.date(2025, 3, 12))


def story(*texts: str, date: dt.date | None = dt.date(2025, 3, 11), heading: str | None = None) -> list[Source]:
    """One source per text (so none merge), each opening on the same subject so all are on topic."""
    out = []
    for k, text in enumerate(texts):
        paras = [Paragraph(1, "p1", "The port authority closed the northern harbour to cargo ships this week.")]
        if heading:
            paras.append(Paragraph(0, "h-1", heading, "heading"))
        paras.append(Paragraph(2, "p2", text))
        out.append(Source(f"s{k}", f"seeds/s{k}.txt", None, f"Outlet {k}", (), date, None, (), tuple(paras)))
    return out


def timed_of(sources: list[Source]) -> dict[str, Timed]:
    vocab = Vocabulary(RULES.synonyms)
    statements, _ = rank(all_sentences(sources, RULES), {}, vocab, RULES.merge_threshold, RULES.qualifiers)
    timed = timing(statements, RULES, {s.id: s.date for s in sources}, NEWS)
    return {t.statement.shown.text: t for t in timed}


LABELLED = [
    # (sentence, looks ahead, tells what came before)
    ("The port authority will decide next month whether the harbour reopens to cargo ships.", True, False),
    ("Shipping firms are expected to reroute their cargo ships to the southern harbour.", True, False),
    ("Officials said the harbour would have reopened last year if the dredging had been finished.", False, True),
    ("The harbour had been closed once before, after a storm damaged its cranes in 2019.", False, True),
    ("A court ruling on the cargo ships' compensation is due by June 30.", True, False),
    ("The port authority first announced the dredging plan for the harbour in 2021.", False, True),
    ("Cargo ships waited outside the northern harbour on Tuesday as the closure began.", False, False),
]


@pytest.mark.parametrize(("text", "ahead", "before"), LABELLED)
def test_time_from_wording_and_dates(text: str, ahead: bool, before: bool) -> None:
    t = timed_of(story(text))[text]
    assert (t.ahead, t.before) == (ahead, before)


def test_the_month_of_may_is_no_forecast() -> None:
    assert RULES.ahead is not None
    assert RULES.ahead.search("The port authority closed the harbour on May 20 and in May 2025.") is None
    assert RULES.ahead.search("The port authority may close the harbour again.") is not None


def test_would_have_history_never_goes_to_what_to_watch_and_the_future_does() -> None:
    history = "Officials said the harbour would have reopened last year if the dredging had been finished."
    future = "The port authority will decide next month whether the harbour reopens to cargo ships."
    pages = {d.path: d.text for d in draft_pages(story(history, future))}
    assert "will decide next month" in pages["content/what-to-watch.md"]
    assert "would have reopened" not in pages["content/what-to-watch.md"]
    assert "would have reopened" in pages["content/background.md"]


def test_paywall_and_promotion_text_reaches_no_page() -> None:
    texts = [
        "Subscribe to keep reading about the harbour closure, with no additional logins required.",
        "Sign up for our newsletter to get harbour news in your inbox every morning.",
        "The closure leaves about 400 dock workers without shifts until the harbour reopens.",
    ]
    everything = "\n".join(d.text for d in draft_pages(story(*texts)))
    assert "logins" not in everything and "newsletter" not in everything
    assert "400 dock workers" in everything


def test_a_sources_own_heading_puts_its_sentences_in_that_section() -> None:
    text = "Fishing crews from three villages use the harbour to land their daily catch."
    pages = {d.path: d.text for d in draft_pages(story(text, heading="Who is affected"))}
    assert "Fishing crews" in pages["content/who-is-affected.md"]


def test_a_sentence_that_fits_no_section_is_left_out_of_the_sections() -> None:
    neutral = "The harbour lies at the mouth of the river, between two low green hills."
    news = [
        "The port authority closed the northern harbour on Monday after cracks were found in the main quay.",
        "The northern harbour closed to cargo ships on Monday, the port authority said in a statement.",
    ]
    hurt = "The closure of the harbour hurts dock workers and their families."
    timed = list(timed_of(story(neutral, hurt, *news)).values())
    layout = lay_out(timed, RULES, Vocabulary(RULES.synonyms))
    placed = [st.shown.text for sts in layout.sections for st in sts]
    assert neutral not in placed
    assert "The closure of the harbour hurts dock workers and their families." in placed
