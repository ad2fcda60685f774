"""Ingest on the kinds of page it meets: each byline, date, credit, form and link list, in made-up dumps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.ingest import Rules, ingest, ingest_text, load_rules
from sitegen.model import Source
from tests.conftest import write_files

TITLE = "Harbour Cranes Stand Idle as Dock Strike Enters Second Week"
P1 = "Dock workers at the northern port extended their strike on Monday, leaving container ships waiting offshore."
P2 = "The union said talks with the port authority had stalled over pay and the length of night shifts."
P3 = "Shipping firms warned that the backlog could take a month to clear once the cranes start moving again."


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Rules:
    return load_rules(tmp_path_factory.mktemp("empty"))


def dump(*lines: str) -> str:
    """A dump of ``lines`` (one per line)."""
    return "\n".join(lines) + "\n"


def read(rules: Rules, text: str, name: str = "x.txt") -> Source:
    return ingest_text(text, f"seeds/{name}", rules)


def body(source: Source) -> list[str]:
    return [p.text for p in source.paragraphs]


def reasons(source: Source) -> dict[str, str]:
    """Dropped text -> the rule that dropped it."""
    return {d.text: d.rule for d in source.dropped}


# --------------------------------------------------------------------------- bylines


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Mara Lindqvist and Tomas Ferreira", ("Mara Lindqvist", "Tomas Ferreira")),
        ("BY MARA LINDQVIST AND TOMAS O'FERREIRA", ("Mara Lindqvist", "Tomas O'Ferreira")),
        ("Written by: Mara Lindqvist", ("Mara Lindqvist",)),
        ("By Mara Lindqvist in Rotterdam Central District", ("Mara Lindqvist",)),
        ("By Mara Lindqvist, Harbour Gazette", ("Mara Lindqvist",)),
        ("Mara Lindqvist | 4 March 2025", ("Mara Lindqvist",)),
        ("Northport News Desk", ()),  # the desk signs for the outlet: no author
    ],
)
def test_byline_forms(rules: Rules, byline: str, authors: tuple[str, ...]) -> None:
    s = read(rules, dump(TITLE, byline, P1, P2, P3))
    assert s.authors == authors
    assert body(s) == [P1, P2, P3]
    assert reasons(s)[byline] == "byline"


def test_byline_with_a_role_after_the_name(rules: Rules) -> None:
    s = read(rules, dump(TITLE, "Mara Lindqvist Shipping correspondent", "Tue 4 Mar 2025 09.00 GMT", P1, P2))
    assert (s.authors, s.date) == (("Mara Lindqvist",), dt.date(2025, 3, 4))


def test_byline_that_is_the_outlets_own_name(rules: Rules) -> None:
    s = read(rules, dump(TITLE, "By PYMNTS | March 3, 2025", P1, P2))
    assert (s.authors, s.outlet, s.date) == ((), "PYMNTS", dt.date(2025, 3, 3))  # its staff: no one named


def test_desk_byline_names_the_outlet_as_its_staff(rules: Rules) -> None:
    s = read(rules, dump(TITLE, "Northport News Desk", P1, P2, P3))
    assert (s.authors, s.outlet) == ((), "Northport")


def test_byline_split_over_a_hard_wrap_with_its_date(rules: Rules) -> None:
    s = read(rules, dump(TITLE, "[May 2, 2025]  By", "MARA LINDQVIST and TOMAS FERREIRA", P1, P2, P3))
    assert (s.authors, s.date) == (("Mara Lindqvist", "Tomas Ferreira"), dt.date(2025, 5, 2))
    assert body(s) == [P1, P2, P3]


def test_bare_name_under_the_headline_is_the_byline(rules: Rules) -> None:
    s = read(rules, dump(TITLE, "", "Mara Lindqvist", "Updated:", "", P1, "", P2, "", P3))
    assert s.authors == ("Mara Lindqvist",)
    assert body(s) == [P1, P2, P3]


def test_byline_deep_in_a_newsletter(rules: Rules) -> None:
    letter = [
        TITLE,
        "Hi,",
        "This week we went down to the docks to see the strike for ourselves, and it was quieter than expected.",
        "Thank you for reading.",
        TITLE,
        "By Mara Lindqvist & Tomas Ferreira",
    ]
    s = read(rules, dump(*letter, P1, P2, P3))
    assert s.authors == ("Mara Lindqvist", "Tomas Ferreira")
    assert body(s)[-3:] == [P1, P2, P3]


def test_live_blog_entry_stamps_name_the_author(rules: Rules) -> None:
    s = read(
        rules, dump(TITLE, "Latest from the docks", "09:12 , Mara Lindqvist", P1, "11:40 , Mara Lindqvist", P2, P3)
    )
    assert s.authors == ("Mara Lindqvist",)
    assert P1 in body(s) and P2 in body(s)
    assert not any("Mara" in t for t in body(s))


def test_a_sentence_starting_with_by_is_no_byline(rules: Rules) -> None:
    line = "By Friday, the union said, every crane in the harbour would stand still until the talks resumed."
    s = read(rules, dump(TITLE, line, P1, P2))
    assert s.authors == ()
    assert line in body(s)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("| August 25, 2025", dt.date(2025, 8, 25)),
        ("2025-07-01", dt.date(2025, 7, 1)),
        ("9 July 2025", dt.date(2025, 7, 9)),
        ("Wednesday, July 9, 2025", dt.date(2025, 7, 9)),
        ("July 9, 2025 / 4:15 PM", dt.date(2025, 7, 9)),
        ("July 9, 2025, 16:15 GMT | Analysis", dt.date(2025, 7, 9)),
        ("Updated 1:29 PM UTC, Wed July 9, 2025", dt.date(2025, 7, 9)),
    ],
)
def test_date_forms(rules: Rules, line: str, date: dt.date) -> None:
    s = read(rules, dump(TITLE, line, P1, P2, P3))
    assert s.date == date
    assert body(s) == [P1, P2, P3]


@pytest.mark.parametrize(
    "opening",
    [
        "NORTHPORT, March 3, 2025 /Harbour Newswire/ -- ",
        "Northport, 3 March 2025 (Harbour Wire) - ",
        "NORTHPORT, March 3, 2025 — ",
    ],
)
def test_a_dateline_with_its_year_opening_the_text(rules: Rules, opening: str) -> None:
    s = read(rules, dump(TITLE, opening + P1, P2))
    assert s.date == dt.date(2025, 3, 3)
    assert body(s) == [opening + P1, P2]


def test_a_stated_date_wins_over_updated(rules: Rules) -> None:
    s = read(rules, dump(TITLE, "By Mara Lindqvist | March 3, 2025", "Updated March 5, 2025", P1, P2))
    assert s.date == dt.date(2025, 3, 3)


def test_a_scrapers_header_of_fields(rules: Rules) -> None:
    header = (
        f"Title: {TITLE}",
        "URL Source: https://harbour.example/news/cranes-idle",
        "Published Time: 2025-03-03T08:15:00Z",
        "Markdown Content:",
    )
    for text, name in (("\n\n".join([*header, P1, P2]), "x.md"), (dump(*header, P1, P2), "x.txt")):
        s = read(rules, text, name)
        assert (s.title, s.url, s.date) == (TITLE, "https://harbour.example/news/cranes-idle", dt.date(2025, 3, 3))
        assert body(s) == [P1, P2]


def test_archive_date_prefix_is_the_date_and_leaves_the_text(rules: Rules) -> None:
    s = read(rules, " date 2025-06-18 Harbour Desk\n" + dump(TITLE, P1, P2, P3))
    assert s.date == dt.date(2025, 6, 18)
    assert body(s) == [P1, P2, P3]
    glued = read(rules, f" date 2025-06-18 {P1}\n{P2}\n")
    assert (glued.date, body(glued)) == (dt.date(2025, 6, 18), [P1, P2])


@pytest.mark.parametrize(
    "lines",
    [
        ("A crane driver waits by the quay in Northport on May 20, 2025. Ana Ruiz/Getty Images", P1, P2),
        ("Ships are seen waiting off the coast.", "— Port Watch (@portwatch) May 20, 2025", P1, P2),
        (f"{P1} The last strike, on 3 March 2019, lasted a day.", P2),
        ("NORTHPORT, May 20 (Harbour Wire) — " + P1, P2),
    ],
)
def test_dates_in_captions_posts_body_and_yearless_datelines_are_not_the_date(
    rules: Rules, lines: tuple[str, ...]
) -> None:
    assert read(rules, dump(TITLE, *lines)).date is None


# --------------------------------------------------------------------------- outlets


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("© 2025 Harbour Gazette. All rights reserved.", "Harbour Gazette"),
        ("A Harbour Gazette Company", "Harbour Gazette"),
        ("This story has been reported by Harbour Gazette. All rights reserved.", "Harbour Gazette"),
        ("[Copyright Harbour Gazette Ltd.]", "Harbour Gazette"),
    ],
)
def test_outlet_from_signatures(rules: Rules, line: str, outlet: str) -> None:
    s = read(rules, dump(TITLE, P1, P2, P3, line))
    assert s.outlet == outlet
    assert body(s) == [P1, P2, P3]


def test_copyright_run_on_after_the_last_sentence(rules: Rules) -> None:
    s = read(rules, f"{P1} {P2}Copyright(c) 2025 HarbourWire.com. All Rights Reserved\n")
    assert body(s) == [f"{P1} {P2}"]
    assert s.outlet == "HarbourWire"


@pytest.mark.parametrize(
    ("dateline", "outlet"),
    [
        ("NORTHPORT (AP) — ", "The Associated Press"),
        ("Northport, May 20 (Harbour Wire)--", "Harbour Wire"),
        ("(HWN) ", "HWN"),
        ("NORTHPORT, May 20. /HWN/. ", "HWN"),
    ],
)
def test_outlet_from_a_wires_dateline(rules: Rules, dateline: str, outlet: str) -> None:
    s = read(rules, dump(TITLE, dateline + P1, P2))
    assert s.outlet == outlet
    assert body(s) == [dateline + P1, P2]  # the dateline stays the first words of the text


def test_wire_named_in_the_dateline_of_a_site_with_its_own_signature_is_relied_on(rules: Rules) -> None:
    s = read(rules, dump(TITLE, "NORTHPORT (Reuters) - " + P1, P2, "© 2025 Harbour Gazette"))
    assert (s.outlet, s.relies_on) == ("Harbour Gazette", ("Reuters",))


@pytest.mark.parametrize(
    ("name", "outlet"),
    [
        ("003_pymnts.txt", "PYMNTS"),
        ("000_ajc.txt", "AJC"),
        ("012_ap-harbour-daily.txt", "The Associated Press"),
        ("004_harbour-gazette.txt", "Harbour Gazette"),
        ("007_hwn-news.md", "HWN News"),
        ("000_f8e4e2324b5b5a20.txt", None),
        ("harbour_strike.txt", None),
        ("reuters.txt", "Reuters"),
    ],
)
def test_outlet_from_the_file_name_when_the_text_names_none(rules: Rules, name: str, outlet: str | None) -> None:
    assert read(rules, dump(TITLE, P1, P2), name).outlet == outlet


def test_the_text_wins_over_a_file_name_it_does_not_back(rules: Rules) -> None:
    assert read(rules, dump(TITLE, P1, P2, "© 2025 Harbour Gazette"), "003_tidewater.txt").outlet == "Harbour Gazette"


def test_a_line_that_is_only_a_known_outlets_name(rules: Rules) -> None:
    s = read(rules, dump("The Yomiuri Shimbun", "", P1, P2, P3))
    assert s.outlet == "The Yomiuri Shimbun"
    assert body(s) == [P1, P2, P3]


def test_byline_that_names_its_outlet(rules: Rules) -> None:
    s = read(rules, dump(TITLE, "By Mara Lindqvist, CNBC", P1, P2))
    assert (s.authors, s.outlet) == (("Mara Lindqvist",), "CNBC")


def test_project_outlets_table(tmp_path: Path) -> None:
    write_files(
        tmp_path / "seeds",
        {"002_hgz.txt": dump(TITLE, P1, P2), "outlets.yaml": "Harbour Gazette: [HGZ, hgz]\n"},
    )
    (source,) = ingest(tmp_path).sources
    assert source.outlet == "Harbour Gazette"


# --------------------------------------------------------------------------- reports relied on


@pytest.mark.parametrize(
    ("sentence", "upstream"),
    [
        ("The strike could spread to two more ports, according to Reuters.", ("Reuters",)),
        ("The port lost about $40 million a day, reports Politico.", ("Politico",)),
        ("The talks were first reported by Harbour Wire on Sunday.", ("Harbour Wire",)),
        ("Report from Bloomberg: the union wants a 9% raise.", ("Bloomberg",)),
        ("The Financial Times reported earlier that the ministry might step in.", ("Financial Times",)),
        ("Crane drivers told Reuters they would not return before a deal.", ()),
    ],
)
def test_reports_relied_on(rules: Rules, sentence: str, upstream: tuple[str, ...]) -> None:
    s = read(rules, dump(TITLE, P1, sentence, P2))
    assert s.relies_on == upstream
    assert sentence in body(s)


def test_an_excerpt_credited_by_a_glued_outlet_name(rules: Rules) -> None:
    excerpt = "As the strike entered its second week, the union said no talks were planned before Friday."
    s = read(rules, dump(TITLE, "Washington Post " + excerpt, P2, P3))
    assert s.relies_on == ("The Washington Post",)
    assert body(s) == [excerpt, P2, P3]


# --------------------------------------------------------------------------- furniture


@pytest.mark.parametrize(
    "line",
    [
        "Crane drivers walk out of the depot in Northport on March 3, 2025. (AP Photo/Ana Ruiz)",
        "Crane drivers at the depot (Illustrative photo: Getty Images)",
        "The quay at night [Harbour Wire/Ana Ruiz]",
        "Credit: AP",
        "Ana Ruiz | AFP | Getty Images",
        "Cranes idle at dusk on May 2, 2025. Ana Ruiz/Getty Images",
        "Cranes idle at dusk. File Photo by Ana Ruiz/HWN",
        "2 of 5 | Cranes idle at dusk | License Photo",
        "Get the Full Story",
        "Complete the form to unlock this article and enjoy unlimited free access to all our reporting.",
        "By completing this form, you agree to receive marketing emails from us and our partners.",
        "yesSubscribe to our daily newsletter, Harbour Today.",
        "Stream Harbour News for free, wherever you are.",
        "Newsletter button SIGN UP",
        "Was this article helpful? Yes / No",
        "Did you find this article helpful?",
        "Forward this email to a friend",
        "Unsubscribe",
        "If you value our work, become a paying subscriber. It keeps the reporting going.",
        "Feel free to write to us: desk@harbour.example, Follow us on X: @harbour",
        "Newsletter Edition #42 [Dock Notes]",
        "Your email address will not be published. Required fields are marked *",
        "We use cookies to improve your experience.",
        "Published",
        "Updated:",
        "0:00",
        "Yesterday, 17:33",
        "HomeBusinessShippingHarbour cranes stand idle",
        "Home » Business » Shipping",
        "Harbour_Logo_Small_rgb",
        "twitter facebook bluesky email print",
        "Share with X",
        "Contact",
    ],
)
def test_furniture_is_dropped(rules: Rules, line: str) -> None:
    s = read(rules, dump(TITLE, "By Mara Lindqvist | March 3, 2025", P1, line, P2, P3))
    assert body(s) == [P1, P2, P3], line
    assert line in reasons(s)


def test_a_banner_closed_by_a_button(rules: Rules) -> None:
    notice = "This is our new reader. Existing accounts keep working until they are moved."
    s = read(rules, dump(notice, "For help, contact the support team.", "Dismiss", "", TITLE, P1, P2))
    assert body(s) == [P1, P2]
    assert {reasons(s)[notice], reasons(s)["Dismiss"]} == {"banner"}


def test_embedded_post_with_its_signature_and_links(rules: Rules) -> None:
    post = [
        "The cranes are quiet tonight. #DockStrike",
        "— Port Watch (@portwatch) May 20, 2025",
        "Solidarity from the night shift pic.twitter.com/AbC123",
    ]
    s = read(rules, dump(TITLE, P1, *post, P2))
    assert body(s) == [P1, P2]
    assert s.date is None


def test_related_header_takes_its_links_and_teasers_up_to_the_text(rules: Rules) -> None:
    related = [
        "Top news",
        "Ferry operators warn of delays as crews join the strike",
        "Crews on two routes voted on Sunday to stop work, and the operator says timetables will...",
        "Business",
        "Yesterday, 18:02",
        "Airport staff plan their own walkout next month:",
        '"Baggage handlers at the main terminal said they would...',
    ]
    s = read(rules, dump(TITLE, P1, P2, *related))
    assert body(s) == [P1, P2]
    related_then_text = read(rules, dump(TITLE, P1, "Related", P2, P3))
    assert body(related_then_text) == [P1, P2, P3]


def test_headlines_ending_the_dump_and_lists_of_them(rules: Rules) -> None:
    more = [
        "Ferry Crews Vote to Join the Strike",
        "Airport Staff Plan a Walkout in June",
        "Port Authority Names New Hea",
    ]
    s = read(rules, dump(TITLE, P1, P2, "", *more))
    assert body(s) == [P1, P2]
    items = read(rules, dump(TITLE, P1, P2, "- Ferry crews vote to join the strike", "- Airport staff plan a walkout"))
    assert body(items) == [P1, P2]


def test_inline_related_link_and_orphan_headline(rules: Rules) -> None:
    s = read(
        rules,
        dump(
            TITLE,
            f"{P1} (Related: Ferry crews vote to join the strike.)",
            "Cranes Quiet for a Week",
            "What the union wants",
            P2,
            P3,
        ),
    )
    assert body(s) == [P1, "What the union wants", P2, P3]
    assert [p.kind for p in s.paragraphs] == ["para", "heading", "para", "para"]


# --------------------------------------------------------------------------- structure


def test_real_one_line_paragraphs_quotes_and_headings_are_kept(rules: Rules) -> None:
    lines = [TITLE, P1, "The Union's Demands", P2, "“We are not going back,” one driver said.", "It was quiet.", P3]
    s = read(rules, dump(*lines))
    assert body(s) == lines[1:]
    assert [p.kind for p in s.paragraphs] == ["para", "heading", "para", "para", "para", "para"]


def test_a_short_line_followed_by_no_text_is_not_a_heading(rules: Rules) -> None:
    s = read(rules, dump(TITLE, P1, P2, "Key Dates", "Opinion"))
    assert "Key Dates" not in [p.text for p in s.paragraphs if p.kind == "heading"]


def test_standfirst_the_body_repeats_is_kept_once(rules: Rules) -> None:
    dek = "Dock workers extended their strike on Monday, and the union said talks over pay had stalled."
    s = read(rules, dump(TITLE, "", dek, P1, P2, P3))
    assert s.standfirst == dek
    assert body(s) == [P1, P2, P3]


def test_markdown_with_single_newline_paragraphs(rules: Rules) -> None:
    s = read(rules, f"# {TITLE}\n\n{P1}\n{P2}\n\n## The talks\n\n{P3}\n", "x.md")
    assert s.title == TITLE
    assert [(p.kind, p.text) for p in s.paragraphs] == [
        ("para", f"{P1} {P2}"),
        ("heading", "The talks"),
        ("para", P3),
    ]


def test_hard_wrapped_text_is_joined(rules: Rules) -> None:
    wrapped = (
        "\t\tDock workers at the northern port extended their strike on Monday, leaving\n"
        "\t\tcontainer ships waiting offshore.\n\t\t\n"
        "\t\tThe union said talks with the port authority had stalled over pay,\n"
        "\t\tand over the length of night shifts, and would not resume before the\n"
        "\t\tweekend.\n"
    )
    s = read(rules, wrapped)
    assert body(s) == [
        P1,
        "The union said talks with the port authority had stalled over pay, and over the length of night shifts, "
        "and would not resume before the weekend.",
    ]


def test_a_dump_cut_off_mid_sentence_is_marked(rules: Rules) -> None:
    s = read(rules, dump(TITLE, P1, P2, "The port authority said on Tuesday that it would meet the un"))
    assert [p.truncated for p in s.paragraphs] == [False, False, True]
    assert s.truncated
    whole = read(rules, dump(TITLE, P1, P2))
    assert not whole.truncated and not any(p.truncated for p in whole.paragraphs)


def test_nothing_invented_for_a_bare_dump(rules: Rules) -> None:
    s = read(rules, dump(P1, P2, P3), "notes.txt")
    assert (s.title, s.outlet, s.authors, s.date, s.url, s.relies_on) == (None, None, (), None, None, ())
