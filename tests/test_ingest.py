"""Ingest: article dumps in seeds/ become clean, attributed sources."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml

from sitegen.errors import BuildFailed, SitegenError
from sitegen.ingest import (
    HEURISTICS,
    PACKAGE_RULES,
    Ingested,
    Rules,
    explain,
    ingest,
    ingest_text,
    load_rules,
)
from sitegen.ingest.rules import _package_rules, _parse_rule_file
from sitegen.model import Source
from tests.conftest import write_files

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = REPO / "seeds"
SYNTHETIC = Path(__file__).resolve().parent / "seeds_synthetic"
FIVE = [
    "000_f8e4e2324b5b5a20.txt",
    "001_309d944bc2ab9b62.txt",
    "002_dd8b164fb9b6d69b.txt",
    "003_ee61ae6654d2a0e8.txt",
    "004_d3923b714d1ee182.txt",
]


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Rules:
    """The package's default rules (a project without seeds/debris.yaml)."""
    return load_rules(tmp_path_factory.mktemp("empty"))


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Source]:
    """The five default dumps, ingested without any sources.yaml corrections."""
    project = tmp_path_factory.mktemp("five")
    (project / "seeds").mkdir()
    for name in FIVE:
        shutil.copy(DEFAULT_SEEDS / name, project / "seeds" / name)
    result = ingest(project)
    assert result.warnings == ()
    return {Path(s.path).name: s for s in result.sources}


def make_project(tmp_path: Path, files: Mapping[str, str | bytes]) -> Path:
    """A project whose seeds/ holds ``files`` (name -> text or bytes)."""
    (tmp_path / "seeds").mkdir(parents=True, exist_ok=True)
    write_files(tmp_path / "seeds", dict(files))
    return tmp_path


def error_of(exc: pytest.ExceptionInfo[SitegenError]) -> list[str]:
    """Every diagnostic line (without hints) of a raised error."""
    return [line for line in exc.value.format().splitlines() if not line.startswith("  hint:")]


def body(source: Source) -> list[str]:
    """The text of every body block."""
    return [p.text for p in source.paragraphs]


def dropped(source: Source) -> dict[int, str]:
    """Dropped line number -> rule."""
    return {d.line: d.rule for d in source.dropped}


def file_lines(name: str) -> list[str]:
    """The default seed's lines, 1-based (index 0 is empty)."""
    return ["", *(DEFAULT_SEEDS / name).read_text(encoding="utf-8").split("\n")]


TITLE = "Solar Makers Brace for a Tariff Fight"
P1 = "Solar panel makers warned on Monday that new import tariffs could raise installation costs by a fifth this year."
P2 = "Industry groups said smaller installers would be hit hardest, because they buy panels in small batches."
P3 = "The trade ministry said it would review the tariffs in six months, after consulting manufacturers and buyers."


def article(*middle: str, head: tuple[str, ...] = (TITLE, "By Ana Ruiz | 3 March 2025")) -> str:
    """A small dump: a headline and byline, three paragraphs, ``middle`` lines after the first one."""
    return "\n".join([*head, P1, *middle, P2, P3]) + "\n"


def one(rules: Rules, text: str, name: str = "x.txt", **override: object) -> Source:
    """``text`` ingested as seeds/``name``."""
    return ingest_text(text, f"seeds/{name}", rules, override or None)


# --------------------------------------------------------------------------- the five default dumps


def test_000_metadata(five: dict[str, Source]) -> None:
    s = five["000_f8e4e2324b5b5a20.txt"]
    assert s.title == "China Locks Down AI Talent at DeepSeek and Alibaba with Overseas Travel Bans"
    assert s.standfirst == file_lines(FIVE[0])[1]
    assert s.outlet == "NexChron"
    assert s.authors == ("Hector Herrera",)
    assert s.date == dt.date(2026, 5, 26)
    assert s.url is None
    assert s.relies_on == ("Bloomberg",)
    assert s.author_bio is None
    assert s.id == "nexchron"


def test_000_body_keeps_every_paragraph_heading_and_item(five: dict[str, Source]) -> None:
    s = five["000_f8e4e2324b5b5a20.txt"]
    lines = file_lines(FIVE[0])
    expected = [*range(4, 15), *range(17, 29)]
    assert [p.line for p in s.paragraphs] == expected
    for p in s.paragraphs:
        assert p.text == lines[p.line].removeprefix("- ")
    assert [p.text for p in s.paragraphs if p.kind == "heading"] == [
        "Who Is Affected",
        "Why Beijing Is Doing This",
        "What This Means for the Industry",
        "What to Watch",
    ]
    assert next(p.anchor for p in s.paragraphs if p.kind == "heading") == "h-who-is-affected"
    items = [p for p in s.paragraphs if p.kind == "item"]
    assert [p.text for p in items] == [
        "Senior researchers working on advanced AI model development",
        "Startup founders at companies with strategic AI classifications",
        "Executives at Alibaba and DeepSeek named specifically in the policy expansion",
    ]
    assert [p.number for p in s.numbered] == list(range(1, 20))
    assert [p.anchor for p in s.numbered][:3] == ["p1", "p2", "p3"]
    third = s.paragraph(3)
    assert third is not None and third.text.startswith("According to Bloomberg's reporting")


def test_000_debris_dropped_with_its_rule(five: dict[str, Source]) -> None:
    s = five["000_f8e4e2324b5b5a20.txt"]
    assert dropped(s) == {
        1: "standfirst",
        2: "title",
        3: "byline",
        15: "newsletter",
        16: "newsletter",
        29: "credit",
        30: "feedback",
        31: "feedback",
        32: "newsletter",
        33: "newsletter",
    }
    texts = {d.text for d in s.dropped}
    assert "Sources: Bloomberg, May 26, 2026" in texts
    assert "Join readers who start their day with NexChron. Free, daily, no spam." in texts
    for debris in ("inbox", "No spam", "Sources:", "Did this help", "feedback helps", "briefing", "Join readers"):
        assert not any(debris in t for t in body(s)), debris


def test_001_unsigned_brief(five: dict[str, Source]) -> None:
    s = five["001_309d944bc2ab9b62.txt"]
    assert (s.title, s.outlet, s.authors, s.date, s.url, s.standfirst) == (None, None, (), None, None, None)
    assert s.relies_on == ()
    assert s.id == "001-309d944bc2ab9b62"
    assert [p.line for p in s.paragraphs] == [1, 2, 3, 4, 5, 6, 7, 9]
    assert all(p.kind == "para" for p in s.paragraphs)
    assert s.paragraphs[0].text == (
        "China is imposing limits on overseas travel for senior artificial intelligence researchers and engineers "
        "at firms including Alibaba Group Holding Ltd and DeepSeek."
    )
    assert s.paragraphs[2].text == (
        "Reports published on Tuesday indicate that the measures target top AI talent at private firms. Depending on "
        "the specific professional, these curbs range from a requirement to seek official approval before traveling "
        "abroad to an effective ban on such travel."
    )
    assert not any("[" in t for t in body(s))
    assert dropped(s) == {8: "pull-quote"}
    assert s.paragraphs[-1].text.startswith("This policy represents a shift toward a 'closed-loop' innovation model")


def test_002_rewrite_of_the_decoder(five: dict[str, Source]) -> None:
    s = five["002_dd8b164fb9b6d69b.txt"]
    assert s.title == "China cracks down on AI talent flight with new travel restrictions"
    assert s.standfirst == (
        "China now requires top AI researchers from private companies like Alibaba and DeepSeek to obtain permission "
        "before leaving the country."
    )
    assert (s.outlet, s.authors, s.date) == (None, (), None)
    assert s.relies_on == ("The Decoder",)
    assert s.id == "china-cracks-down-on-ai"
    lines = file_lines(FIVE[2])
    assert [(p.line, p.text) for p in s.paragraphs] == [(n, lines[n]) for n in range(5, 10)]
    assert dropped(s) == {1: "title", 2: "standfirst", 4: "html-fragment", 10: "credit"}
    assert not any('">' in t for t in body(s))


def test_003_signed_analysis(five: dict[str, Source]) -> None:
    s = five["003_ee61ae6654d2a0e8.txt"]
    assert s.title == (
        "China Just Classified Its AI Engineers as National Security Assets. DeepSeek and Alibaba Researchers Now "
        "Need Government Approval to Travel Abroad."
    )
    assert s.authors == ("Kai Nakamura",)
    assert s.author_bio is not None and s.author_bio.startswith("Kai Nakamura studied computer science")
    assert "The Information" in s.author_bio
    assert (s.outlet, s.date, s.standfirst) == (None, None, None)
    assert s.relies_on == ("Bloomberg",)
    headings = [6, 14, 22, 30, 38, 46]
    paras = [8, 10, 12, 16, 18, 20, 24, 26, 28, 32, 34, 36, 40, 42, 44, 48, 50, 52, 54, 56]
    assert [p.line for p in s.paragraphs] == sorted(headings + paras)
    assert [p.line for p in s.paragraphs if p.kind == "heading"] == headings
    lines = file_lines(FIVE[3])
    assert all(p.text == lines[p.line] for p in s.paragraphs)
    assert "The Scope Question" in body(s)
    assert dropped(s) == {1: "ticker", 2: "ticker", 4: "title", 58: "author-bio", 59: "author-bio", 60: "breadcrumb"}
    assert not any(x in t for t in body(s) for x in ("HYPE$", "Prices as of", "Home »", "Kai Nakamura"))


def test_004_modelwire_synthesis(five: dict[str, Source]) -> None:
    s = five["004_d3923b714d1ee182.txt"]
    assert s.title == "China reportedly now requires top AI researchers to get permission before leaving the country"
    assert s.outlet == "Modelwire"
    assert s.authors == ("Modelwire Editorial",)
    assert s.author_bio is not None and s.author_bio.startswith("This synthesis and analysis was prepared by")
    assert s.relies_on == ("The Decoder",)
    assert (s.date, s.standfirst) == (None, None)
    assert s.id == "modelwire"
    assert [(p.line, p.kind) for p in s.paragraphs] == [
        (8, "para"),
        (12, "heading"),
        (14, "para"),
        (16, "para"),
        (18, "para"),
    ]
    assert s.paragraphs[1].text == "Analyst take"
    assert dropped(s) == {
        1: "site-label",
        2: "newsletter",
        4: "title",
        6: "caption",
        10: "site-label",
        20: "tagline",
        22: "tags",
        24: "logo",
        26: "author-bio",
        28: "author-bio",
        30: "tagline",
        32: "repeated-headline",
    }
    for debris in ("Subscribe", "Illustration", "How we write it", "Mentions", "MW", "summarizes", " · Modelwire"):
        assert not any(t == debris or debris in t for t in body(s)), debris


def test_five_ids_are_unique_and_readable(five: dict[str, Source]) -> None:
    assert [s.id for s in five.values()] == [
        "nexchron",
        "001-309d944bc2ab9b62",
        "china-cracks-down-on-ai",
        "china-just-classified-its-ai",
        "modelwire",
    ]


def test_repo_seeds_ingest_cleanly_as_shipped(tmp_path: Path) -> None:
    """The seeds/ folder as shipped (with whatever corrections it carries) ingests without problems."""
    shutil.copytree(DEFAULT_SEEDS, tmp_path / "seeds")
    result = ingest(tmp_path)
    assert len(result.sources) == 5
    assert len({s.id for s in result.sources}) == 5
    assert all(s.numbered for s in result.sources)


# --------------------------------------------------------------------------- kinds of debris the five do not use


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Sign up for The Morning newsletter", "newsletter"),
        ("Get the latest headlines delivered to your inbox.", "newsletter"),
        ("Subscribe now", "newsletter"),
        ("Join 40,000 readers who get our weekly briefing", "newsletter"),
        ("Newsletter", "newsletter"),
        ("Was this article helpful? Yes No", "feedback"),
        ("Did you find this article useful?", "feedback"),
        ("Thanks for your feedback!", "feedback"),
        ("Share on X / Facebook", "share"),
        ("Share this article", "share"),
        ("Follow us on LinkedIn", "share"),
        ("Facebook Twitter LinkedIn Email", "share"),
        ("(Photo by Jane Doe/Reuters)", "caption"),
        ("Installers at work near Seville. (Photo by Jane Doe/Getty Images)", "caption"),
        ("Photo: Jane Doe for The Planet", "caption"),
        ("Image credit: NASA", "caption"),
        ("Jane Doe/Getty Images", "caption"),
        ("Updated 5 minutes ago", "timestamp"),
        ("3 min read", "timestamp"),
        ("Last updated: 4 March 2025", "timestamp"),
        ("ALSO READ: Ten things to know about solar subsidies", "related"),
        ("Related: What the tariffs mean for you", "related"),
        ("Read more", "related"),
        ("AAPL 189.23 +1.20% | MSFT 402.11 -0.40% | NVDA 900.10 +2.05%", "ticker"),
        ("S&P 500 5,304.72 ▲0.70%  DOW 39,069.59 ▼0.01%", "ticker"),
        ("Quotes delayed by 15 minutes", "ticker"),
        ("Home > Business > Energy", "breadcrumb"),
        ("News › World › Asia", "breadcrumb"),
        ("Tags: energy, solar, policy", "tags"),
        ("Topics: Climate · Energy · Asia", "tags"),
        ("Advertisement", "advert"),
        ("Story continues below advertisement", "advert"),
        ("Skip to main content", "navigation"),
        ("© 2025 Planet Daily Ltd. All rights reserved.", "copyright"),
        ("This article was generated with the help of AI tools.", "tagline"),
        ("The summary above is not a substitute for the original reporting.", "tagline"),
        ("* * *", "separator"),
        ('<div class="ad-slot"></div>', "html-fragment"),
        ('alt="Solar panels in a field near Seville">', "html-fragment"),
        ("<script>track('pageview')</script>", "script"),
        ("AP", "logo"),
    ],
)
def test_debris_line_is_dropped(rules: Rules, line: str, rule: str) -> None:
    s = one(rules, article(line))
    assert body(s) == [P1, P2, P3]
    assert (4, line, rule) in {(d.line, d.text, d.rule) for d in s.dropped}


@pytest.mark.parametrize(
    "prose",
    [
        "Share prices of the largest solar maker fell 4% on Monday after the announcement.",
        "Subscribers to the utility's green tariff will pay slightly more from June, regulators said.",
        "Home prices in the region rose 5% last year, according to the land registry.",
        "Related concerns about grid capacity were raised by three lawmakers on Tuesday.",
        "Rates at the central bank were left unchanged for a third month.",
        "Updated guidance from the ministry is expected before the summer recess.",
        "Follow the money, one investigator told reporters, and the picture becomes clearer.",
        "Did the subsidies help? Economists are divided on the answer.",
        "This report was compiled by the commission over eighteen months of hearings.",
        "Photographs of the damaged panels circulated widely on social media over the weekend.",
        "Tagged as a strategic sector, solar manufacturing now gets cheaper loans from state banks.",
        "Sources close to the ministry said the plan could still be delayed.",
        "By restricting imports, the government hopes to protect domestic producers.",
        "In December 2025, the ministry announced a review that ended on May 26, 2026.",
        "Er sagte »Das ist gut« und ging, wie die Zeitung berichtete.",
        "Join the conversation about energy prices, the minister urged voters on Sunday.",
    ],
)
def test_article_prose_is_kept(rules: Rules, prose: str) -> None:
    s = one(rules, article(prose))
    assert body(s) == [P1, prose, P2, P3]
    assert s.date == dt.date(2025, 3, 3)


def test_synthetic_wire_dump(rules: Rules) -> None:
    text = (SYNTHETIC / "desert_chips.txt").read_text(encoding="utf-8")
    s = one(rules, text, "desert_chips.txt")
    assert s.title == "Chipmakers Rush to Build Plants in Arizona"
    assert s.authors == ("Jane Doe",)
    assert s.date == dt.date(2025, 3, 3)
    assert s.outlet == "Desert Ledger Media"
    assert s.relies_on == ("Reuters",)
    assert body(s) == [
        "The state has approved three new semiconductor plants this year, officials said on Monday, bringing the "
        "total investment to more than $60 billion.",
        "Local colleges are expanding training programs & apprenticeships to meet demand, according to the "
        "governor’s office.",
        "Reuters first reported the plans in January, citing people familiar with the matter.",
        "The Labour Market",
        "Economists expect wages in the region to rise as companies compete for engineers and technicians with "
        "cleanroom experience.",
    ]
    assert dropped(s) == {
        1: "kicker",
        2: "title",
        3: "newsletter",
        4: "byline",
        5: "timestamp",
        6: "ticker",
        7: "share",
        10: "caption",
        11: "related",
        13: "feedback",
        16: "related",
        17: "copyright",
    }


def test_masthead_names_the_outlet_and_labels_go(rules: Rules) -> None:
    s = one(rules, (SYNTHETIC / "gridwire_masthead.txt").read_text(encoding="utf-8"))
    assert s.outlet == "Gridwire"
    assert s.title == "Utilities Race to Connect a Backlog of Solar Farms"
    assert dropped(s) == {
        1: "site-label",
        2: "navigation",
        4: "title",
        8: "site-label",
        12: "pull-quote",
        16: "site-label",
    }
    assert [p.line for p in s.paragraphs] == [6, 10, 14]


def test_wire_copy(rules: Rules) -> None:
    s = one(rules, (SYNTHETIC / "wire_exclusive.txt").read_text(encoding="utf-8"))
    assert s.title == "Exclusive: EU weighs new curbs on Chinese solar imports, sources say"
    assert (s.authors, s.date, s.outlet) == (("Jane Doe", "John Roe"), dt.date(2026, 5, 26), "Reuters")  # the dateline
    assert [p.line for p in s.paragraphs] == [4, 5, 6, 8]
    assert dropped(s) == {1: "title", 2: "byline", 3: "dateline", 7: "newsletter", 9: "staff-credit", 10: "tagline"}


def test_newspaper_copy(rules: Rules) -> None:
    s = one(rules, (SYNTHETIC / "newspaper_copy.txt").read_text(encoding="utf-8"))
    assert s.title == "EU weighs new curbs on Chinese solar imports"
    assert s.standfirst == "Brussels considers tariffs as domestic manufacturers struggle to compete"
    assert (s.authors, s.date) == (("Jennifer Rankin",), dt.date(2026, 5, 26))
    assert s.relies_on == ("Financial Times",)
    assert [p.line for p in s.paragraphs] == [8, 9, 11]
    assert dropped(s) == {
        1: "kicker",
        2: "timestamp",
        3: "title",
        4: "standfirst",
        5: "byline",
        6: "dateline",
        7: "share",
        10: "caption",
        12: "related",
        13: "footer-links",
        14: "footer-links",
        15: "footer-links",
        16: "share",
    }


def test_newsletter_post(rules: Rules) -> None:
    s = one(rules, (SYNTHETIC / "newsletter_post.txt").read_text(encoding="utf-8"))
    assert (s.title, s.standfirst) == (
        "The week China locked up its AI talent",
        "And what it means for the labs trying to hire them",
    )
    assert (s.outlet, s.authors, s.date, s.relies_on) == (
        "Chip Letter",
        ("Jane Doe",),
        dt.date(2026, 5, 27),
        ("Bloomberg",),
    )
    assert [p.line for p in s.paragraphs] == [18, 19, 20]
    assert set(dropped(s)) == set(range(1, 18)) | set(range(21, 26))
    assert dropped(s)[11] == "repeated-headline"


# --------------------------------------------------------------------------- markup


def test_html_dump(rules: Rules) -> None:
    s = one(rules, (SYNTHETIC / "harbor_tariffs.html").read_text(encoding="utf-8"), "harbor_tariffs.html")
    assert s.title == "Tariffs hit toy makers"
    assert s.standfirst == "Importers say prices will rise before the holidays."
    assert s.outlet == "The Harbor Times"
    assert s.authors == ("Sam Lee",)
    assert s.date == dt.date(2025, 2, 14)
    assert s.url == "https://harbortimes.example/tariffs-toys"
    assert [(p.kind, p.text) for p in s.paragraphs] == [
        ("para", "Toy importers said on Friday that new tariffs would raise shelf prices by up to 20%, with smaller "
                 "shops hit hardest."),
        ("heading", "Who pays"),
        ("para", "Retailers & distributors say they can’t absorb the costs alone."),
        ("item", "Smaller shops"),
        ("item", "Online sellers"),
    ]  # fmt: skip
    assert {d.rule for d in s.dropped} == {"script", "html-chrome", "title", "standfirst", "html-caption", "share"}
    assert not any("alert" in t or "dataLayer" in t for t in body(s))


def test_html_fragment_without_head(rules: Rules) -> None:
    text = (
        "<p>Wind farms &amp; solar parks supplied half of Spain&#8217;s power in April, the grid operator said.</p>\n"
        "<p>Prices fell below zero on <em>twelve</em> afternoons.</p>\n"
        '<p><a href="javascript:alert(1)">Read more</a></p>\n'
    )
    s = one(rules, text, "spain.html")
    assert body(s) == [
        "Wind farms & solar parks supplied half of Spain’s power in April, the grid operator said.",
        "Prices fell below zero on twelve afternoons.",
    ]
    assert (s.title, s.outlet, s.url) == (None, None, None)
    assert dropped(s) == {3: "related"}


def test_html_url_must_be_http(rules: Rules) -> None:
    text = '<html><head><link rel="canonical" href="javascript:alert(1)"></head><body><p>' + P1 + "</p></body></html>"
    assert one(rules, text, "x.html").url is None


def test_markdown_dump(rules: Rules) -> None:
    s = one(rules, (SYNTHETIC / "ports_brace.md").read_text(encoding="utf-8"), "ports_brace.md")
    assert s.title == "Ports brace for a record season"
    assert s.authors == ("Ana Ruiz",)
    assert s.date == dt.date(2024, 4, 12)
    assert [(p.kind, p.line, p.text) for p in s.paragraphs] == [
        ("para", 7, "Shipping lines expect record volumes this spring, as retailers restock ahead of summer. Port "
                    "officials said the forecast was the highest in a decade."),
        ("heading", 11, "What changes"),
        ("item", 13, "Longer gate hours"),
        ("item", 14, "More night shifts"),
        ("para", 16, '"We have never seen bookings like this," said one terminal manager.'),
    ]  # fmt: skip
    assert dropped(s) == {1: "title", 3: "byline", 5: "markup", 18: "newsletter"}


def test_stray_tags_and_entities_in_text_dump(rules: Rules) -> None:
    s = one(rules, article("Retailers &amp; installers can&#8217;t absorb the <b>extra</b> cost, they said."))
    assert body(s)[1] == "Retailers & installers can’t absorb the extra cost, they said."


def test_script_block_in_text_dump(rules: Rules) -> None:
    s = one(rules, article("<script>", "document.write('<img src=x onerror=alert(1)>');", "</script>"))
    assert body(s) == [P1, P2, P3]
    assert dropped(s) == {1: "title", 2: "byline", 4: "script", 5: "script", 6: "script"}
    s = one(rules, article("<SCRIPT SRC=//x.example/a.js></SCRIPT>"))
    assert body(s) == [P1, P2, P3]


def test_reference_markers_are_stripped(rules: Rules) -> None:
    s = one(rules, article("Exports rose 12% in the first quarter [3], [4]. Imports fell [12]."))
    assert body(s)[1] == "Exports rose 12% in the first quarter. Imports fell."


def test_whitespace_is_collapsed_and_quotes_kept(rules: Rules) -> None:
    s = one(rules, article("“Prices  will\tfall,” she said — eventually\u00a0— and ‘soon’."))
    assert body(s)[1] == "“Prices will fall,” she said — eventually — and ‘soon’."


def test_wrapped_lines_are_joined(rules: Rules) -> None:
    text = f"{TITLE}\nSolar panel makers warned on Monday that new import tariffs\ncould raise costs.\n{P2}\n"
    s = one(rules, text)
    assert body(s) == ["Solar panel makers warned on Monday that new import tariffs could raise costs.", P2]


# --------------------------------------------------------------------------- metadata


@pytest.mark.parametrize(
    ("byline", "authors", "date"),
    [
        ("By Jane Doe, Staff Writer · March 3, 2025", ("Jane Doe",), dt.date(2025, 3, 3)),
        ("By Jane Doe and John Roe | 26 May 2026", ("Jane Doe", "John Roe"), dt.date(2026, 5, 26)),
        ("Written by Jane Doe on March 3rd, 2025", ("Jane Doe",), dt.date(2025, 3, 3)),
        ("BY JANE DOE", ("Jane Doe",), None),
        ("Jane Doe · 2025-03-03", ("Jane Doe",), dt.date(2025, 3, 3)),
        ("By Jane Doe | Updated May 27, 2026", ("Jane Doe",), dt.date(2026, 5, 27)),  # no better date stated
        ("By Jane Doe in Madrid", ("Jane Doe",), None),
    ],
)
def test_bylines(rules: Rules, byline: str, authors: tuple[str, ...], date: dt.date | None) -> None:
    s = one(rules, article(head=(TITLE, byline)))
    assert (s.authors, s.date, s.title) == (authors, date, TITLE)
    assert dropped(s) == {1: "title", 2: "byline"}


@pytest.mark.parametrize(
    "dateline",
    ["Published May 26, 2026", "2026-05-26", "Tuesday, 26 May 2026 · 4 min read", "May 26, 2026 at 10:30 ET"],
)
def test_datelines(rules: Rules, dateline: str) -> None:
    s = one(rules, article(head=(TITLE, dateline)))
    assert (s.date, s.authors) == (dt.date(2026, 5, 26), ())
    assert dropped(s) == {1: "title", 2: "dateline"}


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("https://planet.example/2025/03/solar-tariffs", "https://planet.example/2025/03/solar-tariffs"),
        ("URL: https://planet.example/a?id=7", "https://planet.example/a?id=7"),
        ("javascript:alert(1)", None),
    ],
)
def test_url_line_at_the_top(rules: Rules, line: str, url: str | None) -> None:
    s = one(rules, article(head=(line, TITLE)))
    assert s.url == url
    assert s.title == TITLE
    assert body(s) == [P1, P2, P3]


def test_bare_link_in_the_body_is_dropped(rules: Rules) -> None:
    s = one(rules, article("https://planet.example/related/story-about-wind"))
    assert dropped(s)[4] == "navigation"
    assert s.url is None


def test_dates_in_prose_are_not_the_publication_date(rules: Rules) -> None:
    s = one(
        rules, article("On May 26, 2026, the ministry said the review begun in December 2025 was over.", head=(TITLE,))
    )
    assert s.date is None


def test_bio_paragraph_after_byline(rules: Rules) -> None:
    s = one(rules, article() + "Ana Ruiz is an energy reporter based in Madrid who covers solar and wind.\n")
    assert s.author_bio == "Ana Ruiz is an energy reporter based in Madrid who covers solar and wind."
    assert body(s) == [P1, P2, P3]


def test_org_author_names_the_outlet(rules: Rules) -> None:
    bio = "This briefing was written by the Planet Daily editors from wire reports."
    s = one(rules, article(head=(TITLE,)) + f"Planet Daily Editorial Team\n{bio}\n")
    assert (s.authors, s.author_bio) == (("Planet Daily Editorial Team",), bio)
    assert s.outlet == "Planet Daily"
    assert body(s) == [P1, P2, P3]


@pytest.mark.parametrize(
    ("footer", "outlet"),
    [
        ("© 2025 Planet Daily Ltd. All rights reserved.", "Planet Daily"),
        ("Thanks for reading Planet Daily!", "Planet Daily"),
        (f"{TITLE} · Planet Daily", "Planet Daily"),
        (f"{TITLE} | The Solar Post", "The Solar Post"),
        ("Join readers who start their day with The Briefing Room. Free, daily.", "The Briefing Room"),
    ],
)
def test_outlet_from_footer(rules: Rules, footer: str, outlet: str) -> None:
    s = one(rules, article() + footer + "\n")
    assert s.outlet == outlet
    assert body(s) == [P1, P2, P3]


@pytest.mark.parametrize(
    ("mention", "upstream"),
    [
        ("According to Reuters' reporting, the tariff will take effect in July.", ("Reuters",)),
        ("The plan was first reported by The Wall Street Journal on Friday.", ("The Wall Street Journal",)),
        ("The ministry is said to be divided, citing a report in the Financial Times.", ("Financial Times",)),
        ("Bloomberg reported on Tuesday that the review could be faster.", ("Bloomberg",)),
        (
            "The deal was reported by Reuters and Bloomberg Tuesday, citing people close to it.",
            ("Reuters", "Bloomberg"),
        ),
        ("The full story lives on techcrunch.com and is worth reading in full.", ("TechCrunch",)),
        ("The full report is available at solar-observer.org for subscribers.", ("Solar Observer",)),
        ("Alibaba reported revenue of $30 billion for the quarter, up 8% on a year earlier.", ()),
    ],
)
def test_upstream_mentions(rules: Rules, mention: str, upstream: tuple[str, ...]) -> None:
    s = one(rules, article(mention))
    assert s.relies_on == upstream
    assert mention in body(s)


def test_credit_line_names_upstreams_but_not_the_site_itself(rules: Rules) -> None:
    text = article() + "Sources: Bloomberg, Reuters and Planet Daily, May 26, 2026\n© 2026 Planet Daily\n"
    s = one(rules, text)
    assert s.relies_on == ("Bloomberg", "Reuters")
    assert s.outlet == "Planet Daily"
    assert s.date == dt.date(2025, 3, 3)


def test_nothing_is_invented(rules: Rules) -> None:
    s = one(rules, f"{P1}\n{P2}\n")
    assert (s.title, s.outlet, s.authors, s.date, s.url, s.relies_on, s.standfirst) == (
        None, None, (), None, None, (), None,
    )  # fmt: skip
    assert body(s) == [P1, P2]


def test_pull_quote_dropped_only_when_it_repeats(rules: Rules) -> None:
    repeat = "“new import tariffs could raise installation costs by a fifth”"
    fresh = "“We will not survive another year like this one”"
    s = one(rules, article(repeat, fresh))
    assert dropped(s)[4] == "pull-quote"
    assert fresh in body(s)


def test_duplicate_paragraph_dropped(rules: Rules) -> None:
    s = one(rules, article(P1))
    assert body(s) == [P1, P2, P3]
    assert dropped(s)[4] == "duplicate"


def test_heading_anchors_are_unique(rules: Rules) -> None:
    s = one(rules, article("Background", P1.replace("Monday", "Tuesday"), "Background"))
    assert [p.anchor for p in s.paragraphs if p.kind == "heading"] == ["h-background", "h-background-2"]


# --------------------------------------------------------------------------- sources.yaml


def test_sources_yaml_overrides_win(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "a.txt": article(),
            "sources.yaml": (
                "a.txt:\n"
                "  id: solar-tariffs\n"
                "  title: Solar tariffs, explained\n"
                "  outlet: Planet Daily\n"
                "  author: [Ana Ruiz, Li Wei]\n"
                "  date: 2025-03-04\n"
                "  url: https://planet.example/solar\n"
                "  relies_on: Reuters\n"
                "  standfirst: Why panels will cost more.\n"
            ),
        },
    )
    s = ingest(project).sources[0]
    assert s.id == "solar-tariffs"
    assert (s.title, s.outlet, s.authors, s.date, s.url) == (
        "Solar tariffs, explained", "Planet Daily", ("Ana Ruiz", "Li Wei"), dt.date(2025, 3, 4),
        "https://planet.example/solar",
    )  # fmt: skip
    assert (s.relies_on, s.standfirst) == (("Reuters",), "Why panels will cost more.")
    assert body(s) == [P1, P2, P3]  # the dump's own headline and byline still leave the body


def test_sources_yaml_blank_fields_change_nothing_and_empty_ones_clear(tmp_path: Path) -> None:
    entry = "a.txt:\n  id:\n  title: ''\n  author:\n  outlet:\n  date: ''\n  relies_on: []\n"
    project = make_project(tmp_path, {"a.txt": article("Reuters first reported the plan."), "sources.yaml": entry})
    s = ingest(project).sources[0]
    assert (s.id, s.title, s.authors, s.outlet, s.date, s.relies_on) == ("a", None, ("Ana Ruiz",), None, None, ())


def test_sources_yaml_outlet_helps_drop_site_labels(tmp_path: Path) -> None:
    project = make_project(
        tmp_path, {"a.txt": "Planet Daily\n" + article(), "sources.yaml": "a.txt:\n  outlet: Planet Daily\n"}
    )
    s = ingest(project).sources[0]
    assert dropped(s)[1] == "site-label"
    assert s.id == "planet-daily"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("  outlett: X\n", "seeds/sources.yaml:2: error: unknown key 'outlett' [schema.unknown-key]"),
        (
            "  url: ftp://planet.example/a\n",
            "seeds/sources.yaml:2: error: url 'ftp://planet.example/a' must be an http:// or https:// address "
            "[sources.url]",
        ),
        (
            "  url: javascript:alert(1)\n",
            "seeds/sources.yaml:2: error: url 'javascript:alert(1)' must be an http:// or https:// address "
            "[sources.url]",
        ),
        (
            "  date: May 26 2026\n",
            "seeds/sources.yaml:2: error: key 'date' must be a date (YYYY-MM-DD), not text [schema.type]",
        ),
        (
            "  id: Solar_Tariffs\n",
            "seeds/sources.yaml:2: error: id 'Solar_Tariffs' must use only a-z, 0-9 and '-' [sources.id]",
        ),
        (
            "  author: [Ana Ruiz, 7]\n",
            "seeds/sources.yaml:2: error: 'author' must be text or a list of text [schema.type]",
        ),
        ("  title: [a, b]\n", "seeds/sources.yaml:2: error: key 'title' must be text, not a list [schema.type]"),
    ],
)
def test_sources_yaml_errors(tmp_path: Path, entry: str, message: str) -> None:
    project = make_project(tmp_path, {"a.txt": article(), "sources.yaml": "a.txt:\n" + entry})
    with pytest.raises(SitegenError) as exc:
        ingest(project)
    assert error_of(exc) == [message]


def test_sources_yaml_impossible_date(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"a.txt": article(), "sources.yaml": "a.txt:\n  date: 2026-02-30\n"})
    with pytest.raises(SitegenError) as exc:
        ingest(project)
    assert exc.value.format().startswith("seeds/sources.yaml:2:")
    assert exc.value.code == "yaml.date"


def test_sources_yaml_unknown_file_and_all_problems_at_once(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "a.txt": article(),
            "b.txt": article().replace("Solar", "Wind"),
            "empty.txt": "",
            "sources.yaml": "nope.txt:\n  id: x\na.txt:\n  id: same\nb.txt:\n  id: same\n",
        },
    )
    with pytest.raises(BuildFailed) as exc:
        ingest(project)
    assert error_of(exc) == [
        "seeds/empty.txt:1: error: seed is empty: there is no article text in it [seed.empty]",
        "seeds/sources.yaml:1: error: no seed file named 'nope.txt' in seeds/ [sources.unknown-seed]",
        "seeds/sources.yaml:6: error: id 'same' is pinned for both a.txt and b.txt [sources.duplicate-id]",
        "3 errors",
    ]


def test_sources_yaml_must_be_a_mapping(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"a.txt": article(), "sources.yaml": "- a.txt\n"})
    with pytest.raises(SitegenError) as exc:
        ingest(project)
    assert error_of(exc) == [
        "seeds/sources.yaml:1: error: sources.yaml must map seed file names to corrections [sources.type]"
    ]


# --------------------------------------------------------------------------- bad input


def test_missing_seeds_folder(tmp_path: Path) -> None:
    with pytest.raises(SitegenError) as exc:
        ingest(tmp_path)
    assert error_of(exc) == ["seeds: error: no seeds/ folder: put the article dumps there [seeds.missing]"]


def test_no_dumps_is_an_empty_site_with_a_warning(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"sources.yaml": "", "notes.pdf": b"%PDF"})
    result = ingest(project)
    assert result.sources == ()
    assert [w.format() for w in result.warnings][-1] == (
        "seeds: error: no article dumps in seeds/ (.txt, .md, .html or .htm files) [seeds.empty]"
    )


@pytest.mark.parametrize("content", ["", "  \n\n\t \n"])
def test_empty_seed(tmp_path: Path, content: str) -> None:
    project = make_project(tmp_path, {"x.txt": content})
    with pytest.raises(SitegenError) as exc:
        ingest(project)
    assert error_of(exc) == ["seeds/x.txt:1: error: seed is empty: there is no article text in it [seed.empty]"]


def test_seed_of_only_debris(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"x.txt": "Subscribe\nShare this\nUpdated 5 minutes ago\n"})
    with pytest.raises(SitegenError) as exc:
        ingest(project)
    assert error_of(exc) == [
        "seeds/x.txt:1: error: no article text left after removing debris (3 lines dropped) [seed.empty]"
    ]


def test_non_utf8_seed(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"x.txt": b"Caf\xe9 owners said prices rose.\n"})
    with pytest.raises(SitegenError) as exc:
        ingest(project)
    assert error_of(exc) == [
        "seeds/x.txt:1: error: byte 3: invalid UTF-8 (0xe9); save the file as UTF-8 [input.encoding]"
    ]


def test_symlinked_seed_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0\n", encoding="utf-8")
    project = make_project(tmp_path / "p", {"a.txt": article()})
    (project / "seeds" / "leak.txt").symlink_to(secret)
    with pytest.raises(SitegenError) as exc:
        ingest(project)
    assert error_of(exc) == ["seeds/leak.txt: error: symbolic links are not followed in inputs [input.symlink]"]


def test_other_files_warn_and_dotfiles_are_ignored(tmp_path: Path) -> None:
    project = make_project(
        tmp_path, {"a.txt": article(), "notes.pdf": b"%PDF", ".DS_Store": b"\0", "old/b.txt": article()}
    )
    result = ingest(project)
    assert [s.path for s in result.sources] == ["seeds/a.txt"]
    assert [w.format().splitlines()[0] for w in result.warnings] == [
        "seeds/notes.pdf: error: not an article dump, skipped [seeds.skipped]",
        "seeds/old: error: not an article dump, skipped [seeds.skipped]",
    ]


def test_crlf_and_bom_give_the_same_source(rules: Rules, tmp_path: Path) -> None:
    text = article("Updated 5 minutes ago")
    lf = ingest(make_project(tmp_path / "lf", {"a.txt": text})).sources
    crlf = ingest(make_project(tmp_path / "crlf", {"a.txt": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()}))
    assert crlf.sources == lf


# --------------------------------------------------------------------------- ids and determinism


def test_ids_are_deduplicated_in_file_order(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "c.txt": article() + "© 2025 Planet Daily\n",
            "a.txt": article() + "© 2025 Planet Daily\n",
            "b.txt": article(),
            "d.txt": f"{P1}\n",
            "sources.yaml": "d.txt:\n  id: solar-makers-brace-for-a\n",
        },
    )
    ids = [(Path(s.path).name, s.id) for s in ingest(project).sources]
    assert ids == [
        ("a.txt", "solar-makers-brace-for-a-2"),  # the outlet is shared, so the title names it
        ("b.txt", "solar-makers-brace-for-a-3"),
        ("c.txt", "solar-makers-brace-for-a-4"),
        ("d.txt", "solar-makers-brace-for-a"),  # pinned ids win
    ]


def test_ingest_is_deterministic(tmp_path: Path) -> None:
    files = {name: (DEFAULT_SEEDS / name).read_text(encoding="utf-8") for name in FIVE}
    first = ingest(make_project(tmp_path / "a", files))
    second = ingest(make_project(tmp_path / "b", dict(reversed(files.items()))))
    assert first == second
    assert isinstance(first, Ingested)


def test_plain_text_dumps_do_not_import_bs4(tmp_path: Path) -> None:
    project = make_project(tmp_path, {name: (DEFAULT_SEEDS / name).read_text(encoding="utf-8") for name in FIVE})
    code = "import sys; from pathlib import Path; from sitegen.ingest import ingest; ingest(Path(sys.argv[1])); print('bs4' in sys.modules)"  # noqa: E501
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code, str(project)], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "hostile",
    [
        "AAPL 1.0 +1% " * 3000 + "x",  # a ticker-shaped line that fails at its very end
        "Home » " * 200 + "»",
        "May 26, 2026 " + "-" * 5000,
        '"a" ' * 20000,
        "<p>" * 5000 + "text",
        "Alpha Beta Gamma Delta Epsilon reported this week, " * 2000,
    ],
)
def test_hostile_lines_finish_quickly(rules: Rules, hostile: str) -> None:
    """No rule backtracks for ever: each of these took minutes or more with a careless pattern."""

    def too_slow(*_: object) -> None:
        raise TimeoutError("ingest_text took more than 10 s")

    old = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(10)
    try:
        for name in ("x.txt", "x.md", "x.html"):
            one(rules, f"{hostile}\n{P1}\n", name)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_html_line_breaks_split_blocks(rules: Rules) -> None:
    s = one(rules, f"<div><p>{P1}<br>{P2}</p><p>{P3}</p></div>", "x.html")
    assert body(s) == [P1, P2, P3]


# --------------------------------------------------------------------------- rules files


def test_project_rules_add_and_disable(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "a.txt": article(
                "Listen to our podcast, Solar Hour, every Friday",
                "“new import tariffs could raise installation costs by a fifth”",
            ),
            "debris.yaml": (
                "rules:\n"
                "  - name: podcast-promo\n"
                "    kind: line\n"
                "    patterns: ['^(?i:listen to our podcast)']\n"
                "disable: [pull-quote]\n"
            ),
        },
    )
    s = ingest(project).sources[0]
    assert dropped(s)[4] == "podcast-promo"
    assert "“new import tariffs could raise installation costs by a fifth”" in body(s)
    assert "podcast-promo" in load_rules(project).names


@pytest.mark.parametrize(
    ("debris", "message"),
    [
        ("disable: [nope]\n", "seeds/debris.yaml:1: error: cannot disable unknown rule 'nope' [rules.unknown]"),
        (
            "rules:\n  - name: bad\n    kind: line\n    patterns: ['(unclosed']\n",
            "seeds/debris.yaml:4: error: rule 'bad', pattern 1: missing ), unterminated subpattern [rules.regex]",
        ),
        (
            "rules:\n  - name: bad\n    kind: magic\n    patterns: [x]\n",
            "seeds/debris.yaml:2: error: rule kind 'magic' is not one of: line, credit, upstream, outlet, inline, "
            "heuristic [rules.kind]",
        ),
        (
            "rules:\n  - name: logo\n    kind: heuristic\n",
            "seeds/debris.yaml:2: error: heuristic rules are built in; 'logo' is not one of them [rules.kind]",
        ),
        (
            "rules:\n  - name: via\n    kind: credit\n    patterns: ['^Via (.+)$']\n",
            "seeds/debris.yaml:4: error: rule 'via', pattern 1: a credit pattern must capture (?P<names>...) "
            "[rules.patterns]",
        ),
        ("rules:\n  - name: Bad Name\n    kind: line\n    patterns: [x]\n",
         "seeds/debris.yaml:2: error: rule needs a 'name' of lowercase letters, digits and dashes [rules.name]"),
        ("rulez: []\n", "seeds/debris.yaml:1: error: unknown key 'rulez' [schema.unknown-key]"),
    ],
)  # fmt: skip
def test_project_rules_errors(tmp_path: Path, debris: str, message: str) -> None:
    project = make_project(tmp_path, {"a.txt": article(), "debris.yaml": debris})
    with pytest.raises(SitegenError) as exc:
        ingest(project)
    assert error_of(exc) == [message]


def test_package_rules_pass_the_strict_reader() -> None:
    text = (REPO / PACKAGE_RULES).read_text(encoding="utf-8")
    strict = _parse_rule_file(text, PACKAGE_RULES, builtin=True)
    assert strict == _package_rules()
    declared = {r.name for r in strict.rules if r.kind == "heuristic"}
    assert declared == HEURISTICS
    assert yaml.safe_load(text)["rules"][0]["name"] == "credit"


def test_every_rule_is_described(rules: Rules) -> None:
    assert all(r.description for r in _package_rules().rules)
    assert len(rules.names) == len(set(rules.names))


# --------------------------------------------------------------------------- explain


def test_explain_lists_metadata_and_every_dropped_line(rules: Rules) -> None:
    s = one(rules, article("Subscribe", "* * *"))
    assert explain([s]) == (
        "seeds/x.txt -> solar-makers-brace-for-a\n"
        "  title:      Solar Makers Brace for a Tariff Fight\n"
        "  standfirst: (not stated)\n"
        "  outlet:     (not stated)\n"
        "  authors:    Ana Ruiz\n"
        "  date:       2025-03-03\n"
        "  url:        (not stated)\n"
        "  relies on:  (not stated)\n"
        "  author bio: (not stated)\n"
        "  body:       3 paragraphs (¶1-¶3), 0 headings\n"
        "  dropped 4 lines:\n"
        "    line    1  title              Solar Makers Brace for a Tariff Fight\n"
        "    line    2  byline             By Ana Ruiz | 3 March 2025\n"
        "    line    4  newsletter         Subscribe\n"
        "    line    5  separator          * * *\n"
        "\n"
    )


def test_explain_covers_the_five(five: dict[str, Source]) -> None:
    report = explain(list(five.values()))
    assert report.count(" -> ") == 5
    assert "    line   33  newsletter         Join readers who start their day with NexChron." in report
    assert "    line    8  pull-quote         “China is imposing limits" in report
    assert "  outlet:     Modelwire\n" in report
