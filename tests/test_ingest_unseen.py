"""Ingest on page layouts no development dump shows: made-up dumps, one kind of page at a time.

Each case is written in the shape a real site prints (a date with a section after a dash, a
byline with a role phrase, a copyright line naming the parent company, a wire's dateline on a
page hosted by another outlet, a cookie banner, a reading-time stamp ...), with its near misses:
real sentences that look like furniture stay, and a value the dump does not settle stays unknown.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.ingest import Rules, ingest_text, load_rules
from sitegen.model import Source

TITLE = "Ferry Service Halted After Storm Damages Main Pier"
Q1 = "The river ferry between the two towns stopped running on Tuesday after a storm damaged the main pier."
Q2 = "Engineers from the county said repairs would take at least three weeks and cost about $2 million."
Q3 = "Commuters have been told to use the road bridge, which adds about forty minutes to each trip."
MARCH_4 = dt.date(2026, 3, 4)


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Rules:
    return load_rules(tmp_path_factory.mktemp("empty"))


def read(rules: Rules, *lines: str, name: str = "x.txt") -> Source:
    """The dump made of ``lines`` (one per line), read as seeds/``name``."""
    return ingest_text("\n".join(lines) + "\n", f"seeds/{name}", rules)


def body(source: Source) -> list[str]:
    return [p.text for p in source.paragraphs]


def gone(source: Source) -> set[str]:
    """The text of every dropped line."""
    return {d.text for d in source.dropped}


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Mar 4, 2026 - Business", MARCH_4),
        ("Thu, Mar 5, 2026 - Page 7", dt.date(2026, 3, 5)),
        ("Markets | March 4, 2026", MARCH_4),
        ("Local News • Mar. 4, 2026", MARCH_4),
        ("Wed., Sept. 16, 2026, 9:05 a.m. CDT", dt.date(2026, 9, 16)),
        ("March 4th, 2026 at 3:12 PM EST", MARCH_4),
        ("MARCH 4, 2026", MARCH_4),
        ("04 Mar 2026", MARCH_4),
        ("Wednesday 4 March 2026 09.10 GMT", MARCH_4),
        ("Published 09:10, 4 March 2026", MARCH_4),
        ("Published: 4 March 2026, 09:10 IST", MARCH_4),
        ("2026-03-04T09:10:00+01:00", MARCH_4),
        ("Posted: 03/14/2026 at 8:40 AM", dt.date(2026, 3, 14)),
        ("Published on: 14/03/2026 - 09:10", dt.date(2026, 3, 14)),
        ("Published on: 04/03/2026 - 09:10 Modified: 04/03/2026 - 11:00", MARCH_4),
        ("Issued on: 04/03/2026 - 09:10 Modified: 05/03/2026 - 11:00", MARCH_4),
        ("04.03.2026 09:10", MARCH_4),
        (
            "Last Updated: Mar. 4, 2026 at 3:12 p.m. ET / First Published: Mar. 3, 2026 at 9:00 a.m. ET",
            dt.date(2026, 3, 3),
        ),
        ("Updated: Mar. 4, 2026 at 3:12 p.m. ET", MARCH_4),
        ("Jane Roe · Mar 4, 2026 · 3 min read", MARCH_4),
        ("04-Mar-2026", MARCH_4),
        ("4 March 2026 • 6 min read", MARCH_4),
        ("2026/03/04", MARCH_4),
        ("09:10 GMT, 4 March 2026", MARCH_4),
        ("Last modified on Wed 4 Mar 2026 11.00 GMT", MARCH_4),
        ("By Jane Roe | Published March 4, 2026 | Updated March 5, 2026", MARCH_4),
    ],
)
def test_date_lines(rules: Rules, line: str, date: dt.date) -> None:
    s = read(rules, TITLE, line, Q1, Q2, Q3)
    assert s.date == date
    assert body(s) == [Q1, Q2, Q3]
    assert line in gone(s)


def test_first_published_wins_over_updated_in_either_order(rules: Rules) -> None:
    line = "First published: March 3, 2026 · Last updated: March 4, 2026"
    assert read(rules, TITLE, line, Q1, Q2).date == dt.date(2026, 3, 3)


def test_a_date_time_and_name_line(rules: Rules) -> None:
    s = read(rules, TITLE, "March 4, 2026 | 10:15 AM | Jane Roe", Q1, Q2, Q3)
    assert (s.date, s.authors) == (MARCH_4, ("Jane Roe",))
    assert body(s) == [Q1, Q2, Q3]


def test_date_after_an_empty_by_slot(rules: Rules) -> None:
    s = read(rules, TITLE, "By", "posted Wednesday, March 4, 2026", "", Q1, Q2, Q3)
    assert (s.date, s.authors) == (MARCH_4, ())
    assert body(s) == [Q1, Q2, Q3]


@pytest.mark.parametrize(
    "line",
    [
        "04/03/2026",  # fourth of March or third of April: nothing in the dump says which
        "Published: 04/03/2026",
    ],
)
def test_an_ambiguous_numeric_date_is_not_guessed(rules: Rules, line: str) -> None:
    s = read(rules, TITLE, line, Q1, Q2, Q3)
    assert s.date is None
    assert body(s) == [Q1, Q2, Q3]


def test_the_dumps_own_way_of_writing_dates_settles_a_numeric_one(rules: Rules) -> None:
    day_first = "The county first closed the pier on 2 March, two days before the storm reached the coast."
    month_first = "The county first closed the pier on March 2, two days before the storm reached the coast."
    assert read(rules, TITLE, "Published: 04/03/2026", Q1, day_first).date == MARCH_4
    assert read(rules, TITLE, "Published: 03/04/2026", Q1, month_first).date == MARCH_4


def test_a_page_on_a_day_first_countrys_domain(rules: Rules) -> None:
    s = read(rules, "URL: https://news.example.fr/ferry-halted", TITLE, "Published: 04/03/2026", Q1, Q2)
    assert s.date == MARCH_4
    assert (
        read(rules, "URL: https://news.example.com/ferry-halted", TITLE, "Published: 04/03/2026", Q1, Q2).date is None
    )


@pytest.mark.parametrize("line", ["Updated 3 hours ago", "2 min Reading time", "Reading time: 3 minutes", "4 min read"])
def test_relative_times_and_reading_times_are_no_date(rules: Rules, line: str) -> None:
    s = read(rules, TITLE, line, Q1, Q2, Q3)
    assert s.date is None
    assert body(s) == [Q1, Q2, Q3]


# --------------------------------------------------------------------------- bylines


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Jane Roe, author of Harbour Notes: Cities", ("Jane Roe",)),
        ("Jane Roe, Senior Reporter", ("Jane Roe",)),
        ("Jane Roe - Staff Writer", ("Jane Roe",)),
        ("Jane Roe | Transport Correspondent | Mar 4, 2026", ("Jane Roe",)),
        ("By Jane Roe / Staff reporter", ("Jane Roe",)),
        ("By Jane Roe, Transport Correspondent, and John Poe, Data Editor", ("Jane Roe", "John Poe")),
        ("JANE ROE, Senior Reporter", ("Jane Roe",)),
        ("Written by Jane Roe · Edited by John Poe", ("Jane Roe",)),
        ("By Jane Roe, Special to The Lakeside Ledger", ("Jane Roe",)),
    ],
)
def test_a_name_with_its_role(rules: Rules, line: str, authors: tuple[str, ...]) -> None:
    s = read(rules, TITLE, line, Q1, Q2, Q3)
    assert s.authors == authors
    assert body(s) == [Q1, Q2, Q3]


def test_a_role_on_the_line_under_the_name(rules: Rules) -> None:
    s = read(rules, TITLE, "Jane Roe", "Senior Transport Reporter", Q1, Q2, Q3)
    assert s.authors == ("Jane Roe",)
    assert body(s) == [Q1, Q2, Q3]


def test_a_byline_naming_a_wire_on_another_outlets_page(rules: Rules) -> None:
    s = read(rules, TITLE, "By Jane Roe, Reuters", Q1, Q2, Q3, "© 2026 Lakeside Ledger", name="007_lakeside-ledger.txt")
    assert (s.authors, s.outlet, s.relies_on) == (("Jane Roe",), "Lakeside Ledger", ("Reuters",))


@pytest.mark.parametrize("kicker", ["TOP STORY", "EXCLUSIVE", "ANALYSIS", "BREAKING NEWS"])
def test_a_kicker_in_capitals_is_no_byline(rules: Rules, kicker: str) -> None:
    below = read(rules, TITLE, kicker, "Jane Roe, Senior Reporter", Q1, Q2, Q3)
    above = read(rules, kicker, TITLE, "Jane Roe, Senior Reporter", Q1, Q2, Q3)
    for s in (below, above):
        assert s.authors == ("Jane Roe",)
        assert body(s) == [Q1, Q2, Q3]


@pytest.mark.parametrize(
    "line", ["Metro News Desk", "By Metro News Desk", "Staff Report", "By Staff Report", "Web Staff", "By Web Staff"]
)
def test_a_desk_byline_names_no_author(rules: Rules, line: str) -> None:
    s = read(rules, TITLE, line, Q1, Q2, Q3, name="004_northport-herald.txt")
    assert s.authors == ()
    assert s.outlet == "Northport Herald"
    assert body(s) == [Q1, Q2, Q3]


def test_a_name_after_a_desk_is_the_author(rules: Rules) -> None:
    s = read(rules, TITLE, "Metro News Desk", "By Jane Roe", Q1, Q2, Q3)
    assert s.authors == ("Jane Roe",)
    assert body(s) == [Q1, Q2, Q3]


@pytest.mark.parametrize("label", ["Report", "Desk"])
def test_a_lone_section_word_is_no_desk_byline(rules: Rules, label: str) -> None:
    s = read(rules, label, TITLE, "Jane Roe", Q1, Q2, Q3)
    assert s.authors == ("Jane Roe",)


def test_a_sentence_naming_an_author_is_no_byline(rules: Rules) -> None:
    line = "Jane Roe, author of the county's flood report, said the pier had been weak for years."
    s = read(rules, TITLE, Q1, line, Q2)
    assert s.authors == ()
    assert line in body(s)


# --------------------------------------------------------------------------- outlets


def test_a_parent_companys_copyright_loses_to_the_brand_the_file_names(rules: Rules) -> None:
    notice = "© 2026 Nexus Media Group, Inc. All rights reserved."
    shown = read(
        rules, TITLE, Q1, Q2, "Watch WXYZ at six for the latest on the repairs.", Q3, notice, name="003_wxyz.txt"
    )
    assert shown.outlet == "WXYZ"
    unshown = read(rules, TITLE, Q1, Q2, Q3, notice, name="003_wxyz.txt")
    assert unshown.outlet == "WXYZ"


def test_a_publishers_division_loses_to_the_publication_the_file_names(rules: Rules) -> None:
    s = read(
        rules,
        "Maritime Insights",
        TITLE,
        Q1,
        "Shipping lines told Tidewater's List that they expected the backlog to clear by April.",
        Q2,
        "© 2026 Maritime Insights & Intelligence Limited",
        name="002_tidewaters-list.txt",
    )
    assert s.outlet == "Tidewater's List"


def test_an_abbreviation_of_the_outlet_gives_way_to_its_name(rules: Rules) -> None:
    s = read(rules, TITLE, "NORTHPORT (HCN) — " + Q1, Q2, Q3, name="005_harbor-court-news.txt")
    assert (s.outlet, s.relies_on) == ("Harbor Court News", ())
    printed = read(
        rules,
        TITLE,
        "NORTHPORT (HCN) — " + Q1,
        Q2,
        Q3,
        "© 2026 Harbor Court News Service",
        name="005_harbor-court-news.txt",
    )
    assert (printed.outlet, printed.relies_on) == ("Harbor Court News Service", ())


def test_a_known_outlet_the_file_names_wins_over_a_copyright_holder(rules: Rules) -> None:
    s = read(rules, TITLE, Q1, Q2, Q3, "© 2026 Tidewater Holdings", name="003_cnbc-harbour-city.txt")
    assert s.outlet == "CNBC"


@pytest.mark.parametrize(
    ("dateline", "wire"),
    [("NORTHPORT (Reuters) - ", "Reuters"), ("NORTHPORT, March 4 (AFP) – ", "Agence France-Presse")],
)
def test_a_wire_story_hosted_by_another_outlet(rules: Rules, dateline: str, wire: str) -> None:
    s = read(rules, TITLE, dateline + Q1, Q2, Q3, name="007_lakeside-ledger.txt")
    assert (s.outlet, s.relies_on) == ("Lakeside Ledger", (wire,))
    signed = read(rules, TITLE, dateline + Q1, Q2, Q3, "© 2026 The Lakeside Ledger", name="007_ll.txt")
    assert (signed.outlet, signed.relies_on) == ("The Lakeside Ledger", (wire,))


def test_a_wires_staff_on_another_outlets_page(rules: Rules) -> None:
    s = read(rules, TITLE, "By Reuters Staff", Q1, Q2, Q3, "© 2026 Lakeside Ledger", name="007_lakeside-ledger.txt")
    assert (s.authors, s.outlet, s.relies_on) == ((), "Lakeside Ledger", ("Reuters",))
    own = read(rules, TITLE, "By Reuters Staff", Q1, Q2, Q3, name="002_reuters.txt")
    assert (own.authors, own.outlet, own.relies_on) == ((), "Reuters", ())


def test_a_wires_own_story(rules: Rules) -> None:
    s = read(rules, TITLE, "NORTHPORT (Reuters) - " + Q1, Q2, Q3, name="002_reuters.txt")
    assert (s.outlet, s.relies_on) == ("Reuters", ())
    unnamed = read(rules, TITLE, "NORTHPORT (Reuters) - " + Q1, Q2, Q3, name="002_0a9f3c2b1d4e5f60.txt")
    assert (unnamed.outlet, unnamed.relies_on) == ("Reuters", ())


def test_a_copyright_holder_wins_over_a_file_name_the_text_does_not_back(rules: Rules) -> None:
    s = read(rules, TITLE, Q1, Q2, Q3, "© 2026 Harbour Gazette", name="003_tidewater.txt")
    assert s.outlet == "Harbour Gazette"


def test_a_file_named_after_a_word_the_text_opens_a_sentence_with(rules: Rules) -> None:
    s = read(
        rules, TITLE, Q1, "Ferry crews were sent home on full pay.", Q2, "© 2026 Harbour Gazette", name="003_ferry.txt"
    )
    assert s.outlet == "Harbour Gazette"


def test_a_section_desk_is_not_the_outlet(rules: Rules) -> None:
    assert read(rules, TITLE, "Metro News Desk", Q1, Q2, Q3, name="notes.txt").outlet is None


# --------------------------------------------------------------------------- reports relied on


@pytest.mark.parametrize(
    ("lines", "upstream"),
    [
        ((TITLE, "By Jane Roe, with Reuters", Q1, Q2, Q3), ("Reuters",)),
        ((TITLE, "By Jane Roe / Staff reporter, with Reuters", Q1, Q2, Q3), ("Reuters",)),
        ((TITLE, Q1, Q2, Q3, "Reporting by Reuters; Editing by Tom Poe"), ("Reuters",)),
        ((TITLE, Q1, Q2, Q3, "This story was originally published by Harbor Court News."), ("Harbor Court News",)),
        ((TITLE, Q1, Q2, Q3, "This article first appeared in The Lakeside Ledger."), ("The Lakeside Ledger",)),
        ((TITLE, Q1, Q2, Q3, "Distributed by Tidewater Content Agency."), ("Tidewater Content Agency",)),
        ((TITLE, Q1, Q2, Q3, "Source: Lakeside Ledger"), ("Lakeside Ledger",)),
        ((TITLE, Q1, Q2, Q3, "The Associated Press contributed to this report."), ("The Associated Press",)),
        ((TITLE, Q1, Q2, Q3, "(Reporting by Reuters; Editing by Tom Poe)"), ("Reuters",)),
        ((TITLE, Q1, Q2, Q3, "With inputs from Reuters"), ("Reuters",)),
        ((TITLE, Q1, Q2, Q3, "Additional reporting by AFP"), ("Agence France-Presse",)),
        (
            (
                TITLE,
                Q1,
                Q2,
                Q3,
                "This article is republished from The Harbour Review under a Creative Commons license.",
            ),
            ("The Harbour Review",),
        ),
        ((TITLE, Q1, Q2, Q3, "Originally published on lakesideledger.com"), ("Lakesideledger",)),
        ((TITLE, Q1, Q2, Q3, "Read the full story at The Lakeside Ledger"), ("The Lakeside Ledger",)),
        ((TITLE, Q1, Q2, Q3, "Continue reading on lakesideledger.com"), ("Lakesideledger",)),
    ],
)
def test_credits_naming_the_report_relied_on(rules: Rules, lines: tuple[str, ...], upstream: tuple[str, ...]) -> None:
    s = read(rules, *lines)
    assert s.relies_on == upstream
    assert body(s) == [Q1, Q2, Q3]
    assert "Jane Roe" not in s.relies_on


@pytest.mark.parametrize(
    "line", ["Reporting by Jane Roe in Northport; Editing by Tom Poe", "Jane Roe contributed to this report."]
)
def test_credits_naming_people_name_no_report(rules: Rules, line: str) -> None:
    s = read(rules, TITLE, Q1, Q2, Q3, line)
    assert s.relies_on == ()
    assert body(s) == [Q1, Q2, Q3]


# --------------------------------------------------------------------------- furniture


@pytest.mark.parametrize(
    "line",
    [
        "Comments 214",
        "312 comments",
        "Comments (12)",
        "View 57 comments",
        "We and our partners use cookies to personalise content and ads. By continuing to browse, you agree to our "
        "use of cookies.",
        "This website uses cookies to improve your experience. Accept all Manage preferences",
        "Complete the short form below to download our latest report on river freight.",
        "Fill out the form to get your copy of the guide.",
        "Workers inspect the damaged pier on Tuesday. Photo: Jane Roe/Lakeside Ledger",
        "Workers inspect the damaged pier on Tuesday. (Photo: Jane Roe)",
        "Workers inspect the damaged pier on Tuesday. Photograph: Jane Roe/Harbour Wire",
        "Workers inspect the damaged pier on Monday. Photo",
        "Download the Lakeside Ledger app for breaking news alerts.",
        "Get breaking news alerts on our free app.",
        "Register for free to keep reading.",
        "Create a free account to continue reading.",
        "Log in or register to continue.",
        "Issued on: 04/03/2026 - 09:10 Modified: 04/03/2026 - 11:00",
        "2 min Reading time",
        "Reading time: 3 minutes",
        "3 minute read",
        "Advertisement - Scroll to continue",
        "Listen to this article 5 min",
        "Getty Images/iStockphoto",
        "Credit...Jane Roe for The Lakeside Ledger",
        "Click here to subscribe",
        "Sponsored by Tidewater Shipping",
        "Follow Jane Roe on X",
        "You have 3 free articles remaining this month.",
        "You've reached your limit of free articles.",
        "Watch: The damaged pier seen from the air",
        "Like this:",
        "Posted in Transport | Tagged ferry, storm",
        "Leave a Reply",
        "Please enable JavaScript to view the comments.",
        "Contact the author: jane.roe@ledger.example",
        "jane.roe@ledger.example",
    ],
)
def test_furniture_of_unseen_kinds(rules: Rules, line: str) -> None:
    s = read(rules, TITLE, "By Jane Roe | March 4, 2026", Q1, line, Q2, Q3)
    assert body(s) == [Q1, Q2, Q3], line
    assert line in gone(s)


@pytest.mark.parametrize("label", ["Overview", "At a glance", "Highlights"])
def test_a_short_label_opening_the_text_goes(rules: Rules, label: str) -> None:
    s = read(rules, TITLE, "By Jane Roe | March 4, 2026", label, Q1, Q2, Q3)
    assert body(s) == [Q1, Q2, Q3]


def test_a_caption_in_markdown_italics(rules: Rules) -> None:
    text = "\n\n".join(
        [
            f"# {TITLE}",
            Q1,
            "![The pier](https://img.example/pier.jpg)",
            "*Workers inspect the damaged pier on Tuesday, a day after the storm.*",
            Q2,
            "*Workers inspect the damaged pier on Tuesday. Photo by Jane Roe*",
            Q3,
        ]
    )
    s = ingest_text(text + "\n", "seeds/x.md", rules)
    assert body(s) == [Q1, Q2, Q3]


@pytest.mark.parametrize("label", ["Synopsis", "Summary", "Key takeaways", "In brief"])
def test_a_label_over_a_summary_goes_and_its_text_stays(rules: Rules, label: str) -> None:
    s = read(rules, TITLE, "By Jane Roe | March 4, 2026", label, Q1, Q2, Q3)
    assert body(s) == [Q1, Q2, Q3]
    items = read(rules, TITLE, "By Jane Roe | March 4, 2026", label, "- " + Q1, "- " + Q2, Q3)
    assert body(items) == [Q1, Q2, Q3]
    run_on = read(rules, TITLE, "By Jane Roe | March 4, 2026", f"{label}: {Q1}", Q2, Q3)
    assert body(run_on) == [Q1, Q2, Q3]


@pytest.mark.parametrize(
    "sentence",
    [
        "Riders left hundreds of comments on the county's page, most of them asking when the ferry would return.",
        "Residents can fill out a claim form at the town hall to recover the cost of their unused season tickets.",
        "Passengers can download the new timetable from the county website, officials said.",
        "A photo taken on Tuesday shows the pier's deck split in two.",
        "Summary figures released by the county show ridership fell by half last year.",
        "The county said it would register every complaint and reply within a week.",
        "Reporting by local papers first drew attention to the pier's condition in 2024.",
        "The regulator said websites that use cookies must ask visitors for consent first.",
        "“We want our app to be the easiest way to book a crossing,” the operator said.",
        "Readers can download the full report from the county's website.",
        "Residents must fill out the form at the town hall before Friday.",
        "Register to vote by Friday, the county clerk urged residents displaced by the storm.",
        "Volunteers contributed more than 2,000 hours to clearing debris from the pier.",
    ],
)
def test_sentences_that_look_like_furniture_stay(rules: Rules, sentence: str) -> None:
    s = read(rules, TITLE, "By Jane Roe | March 4, 2026", Q1, sentence, Q2)
    assert body(s) == [Q1, sentence, Q2]


# --------------------------------------------------------------------------- whole pages

SYNTHETIC = Path(__file__).resolve().parent / "seeds_synthetic"


def test_a_markdown_page_from_an_aggregator(rules: Rules) -> None:
    text = (SYNTHETIC / "aggregator_post.md").read_text(encoding="utf-8")
    s = ingest_text(text, "seeds/011_river-roundup.md", rules)
    assert (s.outlet, s.authors, s.date, s.relies_on) == (
        "River Roundup",
        ("Lena Ortiz",),
        MARCH_4,
        ("Lakeside Ledger",),
    )
    assert s.title == "Three weeks without a ferry: what the pier closure means for commuters"
    assert [p.kind for p in s.paragraphs] == ["item", "item", "para"]
    assert body(s)[2].startswith("The suspension hits about 1,800 daily riders")
    assert {d.rule for d in s.dropped} >= {"box-label", "image-caption", "share", "breadcrumb", "credit"}


@pytest.mark.parametrize(
    ("dump", "name", "meta", "kept"),
    [
        (
            "station_page.txt",  # a station's page: menu, kicker, role byline, counters, app promo, parent's copyright
            "009_wxyz.txt",
            ("WXYZ", ("Jane Roe",), MARCH_4, ()),
            (11, 12, 14, 15, 17),
        ),
        (
            "trade_brief.txt",  # a trade paper: division's name, summary box, role byline under it, lead form, wall
            "002_tidewaters-list.txt",
            ("Tidewater's List", ("Tom Poe",), dt.date(2026, 3, 5), ()),
            (7, 8, 10),
        ),
        (
            "court_wire.txt",  # a court wire's abbreviation in its dateline, a wire credited in the byline and below
            "005_harbor-court-news.txt",
            ("Harbor Court News", ("Ana Ruiz",), MARCH_4, ("Reuters",)),
            (5, 6, 7),
        ),
        (
            "dayfirst_portal.txt",  # numbers day first (the dump writes "4 March"), a reading time, a summary label
            "006_river-portal.txt",
            ("River Portal", (), MARCH_4, ()),
            (6, 7),
        ),
        (
            "desk_repost.txt",  # a desk's byline, first published and updated, the original outlet credited below
            "008_valley-sun.txt",
            ("Valley Sun", (), dt.date(2026, 3, 3), ("The Lakeside Ledger",)),
            (6, 7),
        ),
        (
            "hosted_agency.txt",  # an agency's dateline on another outlet's page, another agency credited
            "010_river-daily.txt",
            ("River Daily", (), None, ("Agence France-Presse", "The Associated Press")),
            (3, 4),
        ),
        (
            "subcontinent_site.txt",  # "Name | Updated: date time zone", an "Also Read" link, "With inputs from"
            "012_coast-times.txt",
            ("Coast Times", ("Jane Roe",), MARCH_4, ("Press Trust of India",)),
            (4, 6),
        ),
    ],
)
def test_whole_pages_of_unseen_layouts(
    rules: Rules, dump: str, name: str, meta: tuple[object, ...], kept: tuple[int, ...]
) -> None:
    text = (SYNTHETIC / dump).read_text(encoding="utf-8")
    s = ingest_text(text, f"seeds/{name}", rules)
    assert (s.outlet, s.authors, s.date, s.relies_on) == meta
    lines = text.split("\n")
    assert body(s) == [lines[no - 1] for no in kept]  # every other line is furniture or metadata
    assert s.title is not None and s.title in lines


@pytest.mark.parametrize("needs", ["podcast|episode", r"\bpod|\bepisode\b", r"episode\s"])
def test_a_project_rules_quick_test_in_words_or_as_a_pattern(tmp_path: Path, needs: str) -> None:
    rules_file = (
        "rules:\n  - name: podcast-plug\n    kind: line\n    description: our podcast\n"
        f"    needs: '{needs}'\n    patterns: ['^Listen to (?:this|the) episode']\n"
    )
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "debris.yaml").write_text(rules_file, encoding="utf-8")
    s = ingest_text(
        "\n".join([TITLE, Q1, "Listen to the episode on the ferry's last crossing", Q2]) + "\n",
        "seeds/x.txt",
        load_rules(tmp_path),
    )
    assert body(s) == [Q1, Q2]
