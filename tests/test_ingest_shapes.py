"""Ingest on more kinds of page from outlets it has never seen, in made-up dumps: bylines without "By",
job titles, lists of names, beat desks, dates in many hands, an outlet longer than a known name, and
furniture told by its shape (tickers, podcast and donation asks, credits without parentheses)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.ingest import Rules, ingest, ingest_text, load_rules
from sitegen.model import Source
from tests.conftest import write_files

TITLE = "Ferry Crews Walk Out as Island Timetable Talks Collapse"
P1 = "Ferry crews on the island routes walked out on Tuesday morning, stranding commuters on both sides of the sound."
P2 = "The operator said it had offered a four per cent rise, which the crews' union called an insult to its members."
P3 = "Travellers were told to expect cancellations for the rest of the week while the two sides look for a mediator."
D = dt.date


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Rules:
    return load_rules(tmp_path_factory.mktemp("empty"))


def read(rules: Rules, *lines: str, name: str = "x.txt") -> Source:
    return ingest_text("\n".join(lines) + "\n", f"seeds/{name}", rules)


def body(source: Source) -> list[str]:
    return [p.text for p in source.paragraphs]


# --------------------------------------------------------------------------- bylines


@pytest.mark.parametrize(
    ("top", "authors"),
    [
        # a bare name, then a job title (never a name), then the date
        (("Dana Okoro", "Senior Correspondent, Energy", "Nov 13, 2025"), ("Dana Okoro",)),
        (("Dana Okoro", "Chief Markets Strategist", "13 November 2025"), ("Dana Okoro",)),
        (("Dana Okoro", "Deputy Editor, Politics", "19.02.2026 11:02 GMT+1"), ("Dana Okoro",)),
        (("Dana Okoro", "Senior Correspondent, The Sound Courier", "Nov 13, 2025"), ("Dana Okoro",)),
        (("Dana Okoro", "Senior Correspondent, Energy"), ("Dana Okoro",)),
        (("Dana Okoro", "Staff Writer"), ("Dana Okoro",)),
        (("Written by Lena Marsh", "Deputy Editor"), ("Lena Marsh",)),
        (("Written by: Lena Marsh", "Head of Research, Acme Analytics"), ("Lena Marsh",)),
        (("Dana Okoro", "Nov 13, 2025", "Senior Correspondent, Energy"), ("Dana Okoro",)),
        (("DANA OKORO", "Senior Correspondent", "Nov 13, 2025"), ("Dana Okoro",)),
        (("Dana Okoro", "Reporter", "Nov 13, 2025"), ("Dana Okoro",)),
        (("Lena Marsh | Senior Correspondent, Energy",), ("Lena Marsh",)),
        (("By Lena Marsh in Lisbon and Omar Diaz in Rome",), ("Lena Marsh", "Omar Diaz")),
        (("Lena Marsh, Omar Diaz, and Priya Nair",), ("Lena Marsh", "Omar Diaz", "Priya Nair")),
        # several names and no "By"
        (("Lena Marsh, Omar Diaz and Priya Nair",), ("Lena Marsh", "Omar Diaz", "Priya Nair")),
        (("Lena Marsh, Omar Diaz and Priya Nair", "Feb 19, 2026"), ("Lena Marsh", "Omar Diaz", "Priya Nair")),
        (("Lena Marsh & Omar Diaz",), ("Lena Marsh", "Omar Diaz")),
        (("LENA MARSH AND OMAR DIAZ", "February 19, 2026"), ("Lena Marsh", "Omar Diaz")),
        (("By LENA MARSH, OMAR DIAZ AND PRIYA NAIR",), ("Lena Marsh", "Omar Diaz", "Priya Nair")),
        # a place or a degree after the name is not part of it
        (("Lena Marsh in Lisbon", "19 February 2026"), ("Lena Marsh",)),
        (("Lena Marsh in Lisbon",), ("Lena Marsh",)),
        (("Lena Marsh and Omar Diaz in Lisbon",), ("Lena Marsh", "Omar Diaz")),
        (("Lena Marsh, PhD",), ("Lena Marsh",)),
        (("Lena Marsh, Ph.D.", "Nov 18, 2025"), ("Lena Marsh",)),
        # the outlet's own staff: no one named
        (("By Our Science Correspondent",), ()),
        (("By Our Foreign Staff",), ()),
        (("By the business desk",), ()),
        (("By the Metro team",), ()),
        (("By | Staff",), ()),
        (("By Sound Courier Staff Writers",), ()),
    ],
)
def test_byline_shapes(rules: Rules, top: tuple[str, ...], authors: tuple[str, ...]) -> None:
    s = read(rules, TITLE, *top, P1, P2, P3)
    assert s.authors == authors
    assert body(s) == [P1, P2, P3]  # the byline, the job title and the date left the text


def test_markdown_byline_in_bold_with_a_degree(rules: Rules) -> None:
    s = read(rules, f"# {TITLE}", "", "**Lena Marsh, Ph.D.**", "", P1, "", P2, name="x.md")
    assert (s.authors, body(s)) == (("Lena Marsh",), [P1, P2])


def test_name_and_beat_on_one_line_is_still_a_name(rules: Rules) -> None:
    s = read(rules, TITLE, "Mara Lindqvist Shipping correspondent", "Tue 4 Mar 2025 09.00 GMT", P1, P2)
    assert (s.authors, s.date) == (("Mara Lindqvist",), D(2025, 3, 4))


def test_contributed_reporting_is_no_byline(rules: Rules) -> None:
    s = read(rules, TITLE, "By Lena Marsh", P1, P2, P3, "Omar Diaz and Priya Nair contributed reporting from Rome.")
    assert s.authors == ("Lena Marsh",)
    assert body(s) == [P1, P2, P3]


def test_author_bio_at_the_foot_leaves_the_text_without_naming_an_author(rules: Rules) -> None:
    bio = "Lena Marsh is a staff writer covering ferries and ports for The Sound Courier."
    s = read(rules, TITLE, P1, P2, P3, bio, name="004_sound-courier.txt")
    assert (s.authors, body(s)) == ((), [P1, P2, P3])
    assert {d.text: d.rule for d in s.dropped}[bio] == "author-bio"


@pytest.mark.parametrize("wire", ["By Reuters", "By AFP", "By Jane Doe, Reuters"])
def test_a_wire_in_the_byline_of_a_hosted_story_is_relied_on(rules: Rules, wire: str) -> None:
    s = read(rules, TITLE, wire, P1, P2, P3, name="004_sound-courier.txt")
    assert s.outlet == "Sound Courier"
    assert len(s.relies_on) == 1 and s.relies_on[0] in ("Reuters", "Agence France-Presse")
    assert "Jane Doe" not in s.relies_on


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("stamp", "date"),
    [
        ("13/11/2025 08:40", D(2025, 11, 13)),
        ("19.02.2026 11:02 GMT+1", D(2026, 2, 19)),
        ("08/19/2025 7:45 AM", D(2025, 8, 19)),
        ("03/04/2025", None),  # either could be the day
        ("Mon 18 Aug 2025 23.41 BST", D(2025, 8, 18)),
        ("Feb. 19, 2026 at 9:41 a.m.", D(2026, 2, 19)),
        ("Published 5:12 AM EST, Thu February 19, 2026", D(2026, 2, 19)),
        ("Tuesday, May 19, 2026, 21:14", D(2026, 5, 19)),
        ("Updated Feb. 19, 2026, 9:41 a.m. ET", D(2026, 2, 19)),
        ("19 February 2026, 11:02 GMT+1", D(2026, 2, 19)),
        ("2 hours ago", None),  # never guessed
    ],
)
def test_date_shapes(rules: Rules, stamp: str, date: dt.date | None) -> None:
    s = read(rules, TITLE, "By Lena Marsh", stamp, P1, P2, P3)
    assert s.date == date
    assert body(s) == [P1, P2, P3]


def test_markdown_posted_line_in_italics(rules: Rules) -> None:
    s = read(rules, f"# {TITLE}", "", "_Posted 11 November 2025 · 9 min read_", "", P1, "", P2, name="x.md")
    assert (s.date, body(s)) == (D(2025, 11, 11), [P1, P2])


@pytest.mark.parametrize(
    "lines",
    [
        (P1, "Evacuees rest at the fairgrounds, Aug 17, 2025. (Jane Roe/The Courier)", P2),  # a caption's date
        (P1, "The ferry is late again and nobody has told us why.", "— @islandcommuter, Aug 17, 2025", P2),
        ("NEW YORK, Nov 10 — " + P1, P2),  # a dateline without its year
    ],
)
def test_dates_that_are_not_the_articles(rules: Rules, lines: tuple[str, ...]) -> None:
    s = read(rules, TITLE, "By Lena Marsh", *lines, P3)
    assert s.date is None
    assert not any("Aug 17" in text for text in body(s))  # caption and embedded post left the text


def test_html_time_element_at_the_top_dates_the_page(rules: Rules) -> None:
    page = (
        f"<html><body><h1>{TITLE}</h1><p>By Lena Marsh</p>"
        '<time datetime="2026-02-19T09:41:00Z">Thursday</time>'
        f"<p>{P1}</p><p>{P2}</p></body></html>"
    )
    s = ingest_text(page, "seeds/x.html", rules)
    assert (s.date, body(s)) == (D(2026, 2, 19), [P1, P2])


# --------------------------------------------------------------------------- outlet


def test_masthead_longer_than_a_known_outlet_wins(tmp_path: Path) -> None:
    write_files(
        tmp_path / "seeds",
        {
            "005_harbour-ledger.txt": "\n".join(["The Harbour Ledger", TITLE, "By Lena Marsh", P1, P2, P3]) + "\n",
            "006_harbour.txt": "\n".join([TITLE, "By Omar Diaz", P1, P2]) + "\n",
            "outlets.yaml": "The Harbour: [harbour]\n",
        },
    )
    ledger, harbour = ingest(tmp_path).sources
    assert (ledger.outlet, harbour.outlet) == ("Harbour Ledger", "The Harbour")
    assert body(ledger) == [P1, P2, P3]  # the masthead line is the site's label, not text


def test_known_outlet_that_starts_a_file_name_the_page_does_not_print(rules: Rules) -> None:
    assert read(rules, TITLE, P1, P2, name="001_ap-city-daily.txt").outlet == "The Associated Press"


# --------------------------------------------------------------------------- furniture


@pytest.mark.parametrize(
    "furniture",
    [
        "ACME Acme Corp. 118.42 -3.79 (-3.10%)",
        "EUR/USD  1.0840  ▲ 0.0020",
        "S&P 500 5,123.45 +12.34 (+0.24%)",
        "Brent Crude $82.10 ▼ 1.2%",
        "On the pod: why ferries stall and what it costs the rest of us.",
        "🎧 New episode of Sound Talk: the walkout explained. Listen now on Apple Podcasts",
        "Listen to this article · 5 min",
        "The Sound Courier is a nonprofit newsroom. Your donation keeps local reporting free for everyone.",
        "Support local journalism. Donate to the Sound Courier today and help keep our reporting free.",
        "Risk warning: CFDs are complex instruments and come with a high risk of losing money rapidly.",
        "Disclaimer: The views expressed here do not constitute financial advice.",
        "Want more stories like this? Get The Brief, our free weekly newsletter.",
        "Read our full coverage of the walkout →",
        "LIVE: Watch the council vote ▶",
        "Gift article  Share  Save",
        "Evacuees rest at the fairgrounds on Monday night. Jane Roe / The Courier",
        "Evacuees rest at the fairgrounds on Monday night. Jane Roe for The Courier",
        "Police stand guard outside the ferry terminal on Tuesday. AGENCY/Jane Roe",
        "The terminal at dawn on the first day of the walkout. Courtesy of the Island Trust",
        "Jane Roe / The Courier",
        "Jane Roe / The Courier via Getty Images",
        "Evacuees rest at the fairgrounds on Monday night. Jane Roe, The Courier",
        "Evacuees rest at the fairgrounds on Monday night. Jane Roe, staff photographer",
        "Evacuees rest in the sports hall on Monday. (Jane Roe/Getty Images)",
        "≡ Menu",
        "🔍 Search",
        "Sections ▾",
        "Topics ▾ Deals Trials Policy Events Podcasts",
        "▶ WATCH LIVE: Channel 5 evening news",
        "Sign In | Register",
        "NASDAQ ▲ 1.2%",
        "Oil $82.10 ▼",
        "Was this email forwarded to you? Sign up here.",
        "Sponsored content from Acme Analytics",
        "Advertisement · Scroll to continue",
        "Listen · 5:32",
        "🎧 Listen to this story",
    ],
)
def test_furniture_shapes(rules: Rules, furniture: str) -> None:
    s = read(rules, TITLE, "By Lena Marsh", P1, furniture, P2, P3)
    assert body(s) == [P1, P2, P3]
    assert " ".join(furniture.split()) in {" ".join(d.text.split()) for d in s.dropped}


@pytest.mark.parametrize(
    "sentence",
    [
        "Brent crude fell 1.2% to $82.10 a barrel on Monday, its lowest close in a month.",
        "The strike was called by the union's new leader, Jane Roe.",
        "The walkout was called on Monday. Jane Roe, the union's leader, said the crews had no choice.",
        "“We will not go back without a deal,” said Jane Roe.",
        "He spent ten years on the ferries before the strike. He now works for The Courier",
        "The firm's risk warning, which regulators demanded, was added last year after complaints.",
        "The Island Trust, a nonprofit, said your donation matters less than public policy does.",
        "“Listen to the crews,” the mayor said on Monday, before leaving for the talks.",
        "The route's timetable, first printed in 1962, has changed only twice since then.",
        "Jane Roe is a reporter at heart, her old colleagues say, and she still checks every timetable.",
    ],
)
def test_sentences_that_stay(rules: Rules, sentence: str) -> None:
    s = read(rules, TITLE, "By Lena Marsh", P1, sentence, P2, P3)
    assert body(s) == [P1, sentence, P2, P3]


def test_newsletter_section_headings_stay(rules: Rules) -> None:
    s = read(rules, TITLE, "By Lena Marsh", "Why it matters", P1, "The big picture", P2, "What's next", P3)
    assert body(s) == ["Why it matters", P1, "The big picture", P2, "What's next", P3]


# --------------------------------------------------------------------------- one full stop


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (f"{TITLE}\nBy Lena Marsh\nThe ferries were bound for the U.S. [1]. Then they turned back.\n", "a.txt"),
        (f"# {TITLE}\n\nThe ferries were bound for [the U.S.](https://x.example/us). Then they turned back.\n", "b.md"),
        (
            f"<h1>{TITLE}</h1><p>The ferries were bound for <a href='/us'>the U.S.</a>. Then they turned back.</p>",
            "c.html",
        ),
        (f"{TITLE}\nThe ferries were bound for the U.S. (Related: Ports reopen). Then they turned back.\n", "d.txt"),
    ],
)
def test_abbreviation_ending_a_sentence_keeps_one_full_stop(rules: Rules, text: str, name: str) -> None:
    s = ingest_text(text, f"seeds/{name}", rules)
    assert body(s) == ["The ferries were bound for the U.S. Then they turned back."]


def test_an_ellipsis_after_an_abbreviation_stays(rules: Rules) -> None:
    s = read(rules, TITLE, "The ferries were bound for the U.S... and then they turned back to the island.")
    assert body(s) == ["The ferries were bound for the U.S... and then they turned back to the island."]


def test_markdown_emphasis_in_a_text_dump_hides_no_date(rules: Rules) -> None:
    s = read(rules, TITLE, "_Posted 11 November 2025 · 9 min read_", "**Lena Marsh**", P1, P2)
    assert (s.date, s.authors, body(s)) == (D(2025, 11, 11), ("Lena Marsh",), [P1, P2])


def test_site_name_over_the_date_is_no_author(rules: Rules) -> None:
    s = read(
        rules, TITLE, "Lena Marsh, Omar Diaz and Priya Nair", "Sound Courier", "19/02/2026 11:02", P1, P2,
        name="005_sound-courier.txt",
    )  # fmt: skip
    assert (s.authors, s.outlet, s.date) == (("Lena Marsh", "Omar Diaz", "Priya Nair"), "Sound Courier", D(2026, 2, 19))
    assert body(s) == [P1, P2]


@pytest.mark.parametrize("byline", ["Lena Marsh, Omar Diaz and Priya Nair", "By Lena Marsh, Omar Diaz and Priya Nair"])
def test_outlets_name_under_the_byline_names_the_outlet(rules: Rules, byline: str) -> None:
    s = read(rules, TITLE, byline, "The Island Ledger", P1, P2, P3, name="000_f8e4e2324b5b5a20.txt")
    assert (s.authors, s.outlet) == (("Lena Marsh", "Omar Diaz", "Priya Nair"), "The Island Ledger")
    assert body(s) == [P1, P2, P3]


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents who cannot attend can watch on YouTube as the council votes on the new timetable.",
        "The regulator said such posts are not financial advice, whatever their authors claim.",
        "“Your support makes us stronger,” the union's leader told the crowd outside the terminal.",
        "Give the crews what they are owed now, the petition says, or the routes will stay closed.",
        "The plan was first revealed last month in our weekly newsletter.",
    ],
)
def test_sentences_near_furniture_words_stay(rules: Rules, sentence: str) -> None:
    s = read(rules, TITLE, "By Lena Marsh", P1, sentence, P2, P3)
    assert body(s) == [P1, sentence, P2, P3]


def test_markdown_name_and_job_title_in_one_block(rules: Rules) -> None:
    text = f"# {TITLE}\n\nDana Okoro\nSenior Correspondent, Energy\n\nNov 13, 2025\n\n{P1}\n\n{P2}\n"
    s = ingest_text(text, "seeds/x.md", rules)
    assert (s.authors, s.date, body(s)) == (("Dana Okoro",), D(2025, 11, 13), [P1, P2])


def test_html_name_and_job_title_set_side_by_side(rules: Rules) -> None:
    page = (
        f"<html><body><h1>{TITLE}</h1>"
        '<div class="byline"><span>Dana Okoro</span><span>Senior Correspondent, Energy</span></div>'
        f"<p>Nov 13, 2025</p><p>{P1}</p><p>{P2}</p></body></html>"
    )
    s = ingest_text(page, "seeds/x.html", rules)
    assert (s.authors, s.date, body(s)) == (("Dana Okoro",), D(2025, 11, 13), [P1, P2])


def test_words_and_photos_credits(rules: Rules) -> None:
    s = read(rules, TITLE, "Words: Lena Marsh", "Photos: Jane Roe", P1, P2)
    assert (s.authors, body(s)) == (("Lena Marsh",), [P1, P2])


def test_last_sentence_about_a_person_is_no_bio(rules: Rules) -> None:
    last = "Jane Roe is a reporter at heart, her old colleagues say, and she still checks every timetable."
    s = read(rules, TITLE, P1, P2, last)
    assert body(s) == [P1, P2, last]
