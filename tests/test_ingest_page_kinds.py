"""Ingest on more kinds of page from outlets it has never seen: Markdown dumps, labelled bylines, newsletter
issue lines, paywall counters, widgets, contact footers and the reports a text names, in made-up dumps.

Every rule that drops a line is pinned beside a reported sentence with the same words that must stay."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.ingest import Rules, ingest_text, load_rules
from sitegen.model import Source

TITLE = "Harbour Cranes Stand Idle as Dock Strike Enters Second Week"
P1 = "Dock workers at the northern port extended their strike on Monday, leaving container ships waiting offshore."
P2 = "The union said talks with the port authority had stalled over pay and the length of night shifts."
P3 = "Shipping firms warned that the backlog could take a month to clear once the cranes start moving again."


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Rules:
    return load_rules(tmp_path_factory.mktemp("empty"))


def read(rules: Rules, *lines: str, name: str = "x.txt") -> Source:
    return ingest_text("\n".join(lines) + "\n", f"seeds/{name}", rules)


def body(source: Source) -> list[str]:
    return [p.text for p in source.paragraphs]


def reasons(source: Source) -> dict[str, str]:
    """Dropped text -> the rule that dropped it."""
    return {d.text: d.rule for d in source.dropped}


# --------------------------------------------------------------------------- Markdown dumps


def md(*blocks: str) -> tuple[str, ...]:
    """A Markdown dump: the headline as a heading, then ``blocks`` set apart by blank lines."""
    return ("# " + TITLE, *[line for block in blocks for line in ("", block)])


def test_markdown_bold_byline_with_a_degree_and_an_emphasised_date_line(rules: Rules) -> None:
    s = read(rules, *md("**Lena Marsh, Ph.D.**", "_Posted 4 March 2026 · 6 min read_", P1, P2, P3), name="x.md")
    assert (s.authors, s.date) == (("Lena Marsh",), dt.date(2026, 3, 4))
    assert body(s) == [P1, P2, P3]


def test_markdown_blockquote_newsletter_pitch_is_furniture(rules: Rules) -> None:
    pitch = "> **Subscribe** to get The Memo in your inbox every Monday. Free, or $6/month for the full archive."
    button = "> [Subscribe now](https://example.com/subscribe)"
    s = read(rules, *md("**Lena Marsh**", P1, pitch, button, P2, P3), name="x.md")
    assert body(s) == [P1, P2, P3]
    assert set(reasons(s).values()) >= {"newsletter"}


def test_markdown_blockquote_of_a_reported_letter_stays(rules: Rules) -> None:
    quote = "> We will not return to the cranes until the night shifts are shortened, the union wrote to members."
    s = read(rules, *md("**Lena Marsh**", P1, quote, P2, P3), name="x.md")
    assert quote[2:] in body(s)


# --------------------------------------------------------------------------- bylines


@pytest.mark.parametrize("label", ["Reporter", "Words", "Text", "Writer"])
def test_labelled_byline(rules: Rules, label: str) -> None:
    s = read(rules, TITLE, f"{label}: Omar Diaz", P1, P2, P3)
    assert s.authors == ("Omar Diaz",)
    assert body(s) == [P1, P2, P3]


def test_a_reporters_question_in_a_transcript_is_no_byline(rules: Rules) -> None:
    question = "Reporter: When will the cranes move again, minister, and who will pay the crews for the lost weeks?"
    s = read(rules, TITLE, "By Omar Diaz", P1, P2, question, P3)
    assert s.authors == ("Omar Diaz",)
    assert question in body(s)


@pytest.mark.parametrize("label", ["Analysis", "Opinion", "Explainer"])
def test_bare_name_over_a_one_word_label(rules: Rules, label: str) -> None:
    s = read(rules, TITLE, "Omar Diaz", label, P1, P2, P3)
    assert s.authors == ("Omar Diaz",)
    assert body(s) == [P1, P2, P3]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("lines", "date"),
    [
        (("Issue #88 · Tuesday 3 March 2026",), dt.date(2026, 3, 3)),
        (("No. 88 — 3 March 2026",), dt.date(2026, 3, 3)),
        (("Last updated: 19/05/2026 — 21:40",), dt.date(2026, 5, 19)),  # 19 can only be the day
        (("Updated May 20, 2026", "Published May 19, 2026"), dt.date(2026, 5, 19)),  # publication wins
        (("By Omar Diaz", "5:52 PM · Aug 17, 2025"), dt.date(2025, 8, 17)),  # the page's own stamp, above the text
    ],
)
def test_date_lines(rules: Rules, lines: tuple[str, ...], date: dt.date) -> None:
    s = read(rules, TITLE, *lines, P1, P2, P3)
    assert s.date == date
    assert body(s) == [P1, P2, P3]


def test_an_issue_line_goes_and_dates_the_dump(rules: Rules) -> None:
    s = read(rules, TITLE, "Issue #88 · Tuesday 3 March 2026", P1, P2, P3)
    assert reasons(s)["Issue #88 · Tuesday 3 March 2026"] == "issue-line"
    s = read(rules, TITLE, "Issue #88", P1, P2, P3)
    assert (s.date, body(s)) == (None, [P1, P2, P3])


def test_an_issue_named_in_a_sentence_stays_and_dates_nothing(rules: Rules) -> None:
    line = "Issue 88 of the port's bulletin, published on 3 March 2026, listed the delays ship by ship."
    s = read(rules, TITLE, "By Omar Diaz", P1, P2, line, P3)
    assert (s.date, body(s)) == (None, [P1, P2, line, P3])


def test_an_embedded_posts_card_is_furniture_and_its_stamp_no_date(rules: Rules) -> None:
    card = ("Port Authority", "@portauthority", "The cranes are still. Day nine.", "5:52 PM · Aug 17, 2025")
    s = read(rules, TITLE, "By Omar Diaz", P1, *card, P2, P3)
    assert (s.date, body(s)) == (None, [P1, P2, P3])
    assert {reasons(s)[line] for line in card} == {"embedded-post"}


def test_a_post_stamp_without_its_handle_takes_only_itself(rules: Rules) -> None:
    s = read(rules, TITLE, "By Omar Diaz", P1, P2, "5:52 PM · Aug 17, 2025", P3)
    assert (s.date, body(s)) == (None, [P1, P2, P3])


# --------------------------------------------------------------------------- furniture, and sentences that stay

FURNITURE = [
    ("You've read 2 of 3 free articles this month", "paywall"),
    ("This is your last free story", "paywall"),
    ("1 free article left", "paywall"),
    ("Policy news, every weekday at 6 a.m. ET.", "schedule-tagline"),
    ("Harbour briefing, every Monday morning", "schedule-tagline"),
    ("Harbour Radio · 12 Quay St., Dover, DE 19901 · (302) 555-0100 · news@harbourradio.org", "address-line"),
    ("Harbour Radio | 12 Quay St. | Dover | tips@harbourradio.org", "address-line"),
    ("after newsletter promotion", "advert"),
    ("skip past newsletter promotion", "advert"),
    ("Advertisement", "advert"),
    ("Newsletter Edition #42 [Dock Notes]", "issue-line"),
    ("DOVER 88°F ☀ Heat advisory in effect", "weather"),
    ("72°F Cloudy", "weather"),
    ("▶ Video 1:12 · The minister announces the plan", "caption"),
    ("Audio 4:05", "caption"),
    ("Watch: The minister announces the plan (2:05)", "related"),
]

MUST_STAY = [
    '"You\'ve read 2 of 3 free articles this month," the banner told readers, who complained to the paper.',
    "This is your last free crossing, the ferry operator told commuters before the strike began.",
    "The paper gives readers three free articles a month before asking them to pay.",
    "The port publishes its shipping news every weekday at 6 a.m., the authority said.",
    "Ferries run every weekday at 6 a.m.",
    "Issue 88 of the bulletin listed the delays ship by ship.",
    "Families can call the strike fund on (302) 555-0100 or write to help@union.org, the union said.",
    "Sales at the harbour shop rose after newsletter promotion of the festival, the owner said.",
    "Temperatures reached 88°F on the quay as the pickets held their line.",
    "88°F heat kept crews home.",
    "Video of the minister's speech at the quay spread quickly on Monday.",
]


@pytest.mark.parametrize(("line", "rule"), FURNITURE)
def test_furniture_kinds(rules: Rules, line: str, rule: str) -> None:
    s = read(rules, TITLE, "By Omar Diaz", P1, line, P2, P3)
    assert body(s) == [P1, P2, P3]
    assert reasons(s)[line] == rule


@pytest.mark.parametrize("line", MUST_STAY)
def test_sentences_with_the_same_words_stay(rules: Rules, line: str) -> None:
    s = read(rules, TITLE, "By Omar Diaz", P1, line, P2, P3)
    assert body(s) == [P1, line, P2, P3]


def test_a_skipped_newsletter_box_goes_whole(rules: Rules) -> None:
    box = (
        "Sign up to Harbour Notes",
        "Free weekly newsletter",
        "Our reporters pick the week's most important shipping stories and explain why they matter to you.",
    )
    s = read(
        rules, TITLE, "By Omar Diaz", P1, "skip past newsletter promotion", *box, "after newsletter promotion", P2, P3
    )
    assert body(s) == [P1, P2, P3]
    assert reasons(s)[box[2]] == "skipped-box"


def test_a_skip_marker_without_its_end_takes_no_text(rules: Rules) -> None:
    s = read(rules, TITLE, "By Omar Diaz", P1, "skip past newsletter promotion", P2, P3)
    assert body(s) == [P1, P2, P3]


@pytest.mark.parametrize("marker", ["Advertisement", "after newsletter promotion", "Story continues below"])
def test_a_marker_run_into_a_markdown_paragraph_is_cut(rules: Rules, marker: str) -> None:
    s = read(rules, *md("**Lena Marsh**", f"{P1}\n{marker}\n{P2}", f"{P3} {marker}"), name="x.md")
    assert body(s) == [f"{P1} {P2}", P3]


def test_the_same_word_opening_a_name_stays_in_the_paragraph(rules: Rules) -> None:
    line = "The regulator said nothing. Advertisement Standards Authority officials declined to comment."
    s = read(rules, *md("**Lena Marsh**", P1, line, P2), name="x.md")
    assert body(s) == [P1, line, P2]


# --------------------------------------------------------------------------- reports relied on


@pytest.mark.parametrize(
    ("sentence", "relies_on"),
    [
        ("The cranes were idle, according to Reuters, and the berths were empty by noon.", ("Reuters",)),
        ("The figures match an account first published by SpaceWire on Monday.", ("SpaceWire",)),
        ("The plan was first reported by Bloomberg News last Friday.", ("Bloomberg",)),
        ("The talks were first reported by The Information.", ("The Information",)),
        ("The figures were first published by the port authority in 2019.", ()),  # no outlet's name
    ],
)
def test_reports_named_in_the_text(rules: Rules, sentence: str, relies_on: tuple[str, ...]) -> None:
    s = read(rules, TITLE, "By Omar Diaz", P1, sentence, P2, P3)
    assert s.relies_on == relies_on
    assert sentence in body(s)  # the sentence is the report's text, not furniture


def test_wire_story_on_a_portal_relies_on_the_wire(rules: Rules) -> None:
    s = read(
        rules,
        TITLE,
        "LONDON (Reuters) - " + P1,
        P2,
        P3,
        "Reporting by Omar Diaz; Editing by Jane Roe",
        name="003_city-portal.txt",
    )
    assert (s.outlet, s.relies_on) == ("City Portal", ("Reuters",))
    assert reasons(s)["Reporting by Omar Diaz; Editing by Jane Roe"] == "staff-credit"
    assert body(s)[1:] == [P2, P3]
