"""`sitegen curate`: sections by cues, merged points, short verbatim quotes, and hands off edited pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitegen.citations import find_quote, scan
from sitegen.cli import main
from sitegen.curate import content_hash, draft_pages, edited, load_rules, stamp
from sitegen.model import Paragraph, Source
from tests.conftest import tree_digest, write_files
from tests.test_content import MARK, body_blocks, sentences

SECTIONS = ["background", "who-is-affected", "industry-impact", "what-to-watch"]


def src(sid: str, *blocks: str, outlet: str | None = None) -> Source:
    """A source from blocks; a block starting with '# ' is a heading."""
    paras = []
    n = 0
    for b in blocks:
        if b.startswith("# "):
            paras.append(Paragraph(0, f"h-{len(paras)}", b[2:], "heading"))
        else:
            n += 1
            paras.append(Paragraph(n, f"p{n}", b))
    return Source(sid, f"seeds/{sid}.txt", None, outlet, (), None, None, (), tuple(paras))


SYNTHETIC = [
    src(
        "alpha",
        "The council voted on Monday to close the old Harbour Bridge to all cars from next March.",
        "# Who Is Affected",
        "About 12,000 commuters who drive across the bridge every day will have to find another route.",
        "# What to Watch",
        "Watch whether the council finds the money for a replacement ferry before the closure starts.",
        outlet="Alpha News",
    ),
    src(
        "bravo",
        "On Monday the city council voted to shut the Harbour Bridge to cars starting next March.",
        "Engineers found serious corrosion in the bridge's steel cables during an inspection last year.",
        outlet="Bravo Daily",
    ),
    src(
        "charlie",
        "Councillors decided on Monday that the Harbour Bridge will be closed to cars from March next year.",
        "Local shops near the bridge expect to lose customers, and delivery companies warn of higher costs.",
    ),
]


def test_near_duplicates_from_different_sources_become_one_point_with_all_citations() -> None:
    drafts = {d.path: d.text for d in draft_pages(SYNTHETIC, load_rules())}
    everything = "\n".join(drafts[f"content/{s}.md"] for s in SECTIONS)
    closing = [line for line in everything.splitlines() if "Harbour Bridge" in line and "March" in line]
    assert len(closing) == 1  # one point, not three
    assert re.findall(r"@(\w+) \"", closing[0]) == ["alpha", "bravo", "charlie"]
    page = next(text for text in drafts.values() if closing[0] in text)
    first_point = next(line for line in page.splitlines() if line.startswith("- "))
    assert first_point == closing[0]  # the most-supported point comes first


def test_sections_follow_the_sources_own_headings_and_cues() -> None:
    drafts = {d.path: d.text for d in draft_pages(SYNTHETIC, load_rules())}
    assert "find another route" in drafts["content/who-is-affected.md"]
    assert "replacement ferry" in drafts["content/what-to-watch.md"]
    assert "delivery companies" in drafts["content/industry-impact.md"]
    for slug in SECTIONS:
        assert re.search(r"^- .*\[@", drafts[f"content/{slug}.md"], re.M), slug


def test_drafts_quote_short_verbatim_fragments_that_verify() -> None:
    rules = load_rules()
    by_id = {s.id: s for s in SYNTHETIC}
    for d in draft_pages(SYNTHETIC, rules):
        _, groups, problems = scan(d.text, d.path, 1)
        assert problems == []
        for g in groups:
            for item in g.items:
                if item.quote is not None:
                    assert len(item.quote.split()) <= rules.quote_words
                    assert find_quote(by_id[item.source_id], item.quote) is not None, item.quote


def test_drafts_are_deterministic_whatever_the_source_order() -> None:
    rules = load_rules()
    assert draft_pages(SYNTHETIC, rules) == draft_pages(list(reversed(SYNTHETIC)), rules)


def test_stamp_records_a_hash_that_detects_edits() -> None:
    text = stamp("---\ntitle: A\n---\n\nBody.\n")
    assert re.search(r"^curated: [0-9a-f]{16}$", text, re.M)
    assert not edited(text)
    assert edited(text.replace("Body.", "Body, edited."))
    assert edited("---\ntitle: Hand-written\n---\n\nNo hash at all.\n")
    assert content_hash(text) == content_hash(stamp(text))


# --- the command, on a project ---

DUMPS = {
    "seeds/a.txt": """\
Harbour Bridge to Close to Cars Next March
By Ana Lopes | February 3, 2025
The council voted on Monday to close the old Harbour Bridge to all cars from next March, as its cables fail.
Subscribe to our newsletter
Get this in your inbox.
Who Is Affected
About 12,000 commuters who drive across the bridge every day will have to find another route, the council says.
Bus passengers are not affected, because buses will keep using the bridge under a special permit.
What to Watch
Watch whether the council finds the money for a replacement ferry before the closure starts in March.
Did this help you understand the story?
""",
    "seeds/b.txt": """\
BTC$73,275.00▲ 0.17%ETH$2,007.61▲ 0.10%XRP$1.34▲ 2.52%
City Shuts Harbour Bridge to Drivers
By Ben Okafor | February 4, 2025
On Monday the city council voted to shut the Harbour Bridge to cars starting next March because of failing cables.
Engineers found serious corrosion in the bridge's steel cables during an inspection last year, the council said.
Local shops near the bridge expect to lose customers, and delivery companies warn that longer routes cost more.
Share this article
""",
    "seeds/c.txt": """\
Bridge Closure Splits Harbour Businesses
By Chen Wei | February 5, 2025
Councillors decided on Monday that the Harbour Bridge will be closed to cars from March next year.
Harbour traders say the closure could cut their takings by a third during the first months.
A replacement ferry has been proposed, but the council has not yet said how it would be paid for.
Sign up for our newsletter
""",
    "seeds/d.txt": """\
What the Harbour Bridge Closure Means
By Dana Reyes | February 6, 2025
The bridge opened in 1931 and has carried cars for more than ninety years without a major repair.
Commuters who drive across the bridge will face detours of up to twenty minutes each way, the council estimates.
Delivery companies say longer routes around the harbour will raise their fuel costs and delay parcels.
Follow us on social media
""",
}
DEBRIS = ["Subscribe", "newsletter", "inbox", "Did this help", "BTC", "Share this", "Follow us", "Sign up"]


@pytest.fixture
def new_story(tmp_path: Path) -> Path:
    project = tmp_path / "bridge"
    assert main(["init", str(project), "--title", "The bridge closure"]) == 0
    write_files(project, dict(DUMPS))
    return project


def test_init_new_story_curate_build(new_story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["curate", "-C", str(new_story)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [f"wrote content/{name}.md" for name in ["index", *SECTIONS]]
    assert main(["build", "-C", str(new_story)]) == 0
    public = new_story / "public"
    cited_quotes: dict[str, str] = {}
    for slug in SECTIONS:
        page = BeautifulSoup((public / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
        blocks = body_blocks(page)
        assert blocks, f"{slug} is empty"
        assert [s for b in blocks for s in sentences(b) if MARK not in s] == []
        text = page.find("main").get_text()  # type: ignore[union-attr]
        assert [d for d in DEBRIS if d in text] == []
        for q in page.select("li q, .ref-quote q"):
            key = " ".join(q.get_text().split())
            assert cited_quotes.setdefault(key, slug) == slug, f"{key!r} is in {cited_quotes[key]} and {slug}"


def test_curate_never_overwrites_an_edited_page(new_story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["curate", "-C", str(new_story)]) == 0
    page = new_story / "content" / "background.md"
    edited_text = page.read_text(encoding="utf-8").replace('title: "Background"', 'title: "How it began"')
    page.write_text(edited_text, encoding="utf-8")
    capsys.readouterr()

    assert main(["curate", "-C", str(new_story)]) == 0
    captured = capsys.readouterr()
    assert page.read_text(encoding="utf-8") == edited_text
    assert captured.err == (
        "content/background.md: changed by hand since it was drafted, so it was left alone; wrote the new draft "
        "to content/background.draft.md (run `sitegen curate --force` to overwrite the page)\n"
    )
    assert "unchanged content/who-is-affected.md" in captured.out
    draft = new_story / "content" / "background.draft.md"
    assert 'title: "Background"' in draft.read_text(encoding="utf-8")
    assert main(["build", "-C", str(new_story)]) == 0  # the .draft.md beside it is not a page

    assert main(["curate", "--force", "-C", str(new_story)]) == 0
    assert "overwrote content/background.md" in capsys.readouterr().out
    assert 'title: "Background"' in page.read_text(encoding="utf-8")


def test_dry_run_prints_a_diff_and_writes_nothing(new_story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_digest(new_story)
    capsys.readouterr()
    assert main(["curate", "--dry-run", "-C", str(new_story)]) == 0
    out = capsys.readouterr().out
    assert "--- /dev/null\n+++ b/content/background.md\n" in out
    assert "--- a/content/index.md\n+++ b/content/index.md\n" in out  # init's placeholder would be replaced
    assert tree_digest(new_story) == before


def test_project_rules_override_the_defaults(new_story: Path) -> None:
    write_files(new_story, {"content/curate.yaml": "sections:\n  - slug: background\n    title: How it began\n"})
    assert main(["curate", "-C", str(new_story)]) == 0
    assert 'title: "How it began"' in (new_story / "content" / "background.md").read_text(encoding="utf-8")


def test_bad_project_rules_are_reported_with_their_line(new_story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_files(new_story, {"content/curate.yaml": "max_points: 3\ncolour: red\nskip: ['(unclosed']\n"})
    capsys.readouterr()
    assert main(["curate", "-C", str(new_story)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/curate.yaml:2: error: unknown key 'colour' [schema.unknown-key]"
    )
    assert not (new_story / "content" / "background.md").exists()


def test_curate_with_no_sources_is_a_clean_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "empty"
    assert main(["init", str(project)]) == 0
    capsys.readouterr()
    before = tree_digest(project)
    assert main(["curate", "-C", str(project)]) == 1
    assert capsys.readouterr().err.startswith("seeds: error: no sources to curate from [curate.empty]")
    assert tree_digest(project) == before


def test_drafts_do_not_depend_on_the_hash_seed() -> None:
    import subprocess
    import sys

    from tests.conftest import REPO

    code = (
        "from tests.test_curate import SYNTHETIC; from sitegen.curate import draft_pages, load_rules; "
        "print(''.join(d.text for d in draft_pages(SYNTHETIC, load_rules())))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=REPO,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_curate_drafts_the_default_story_into_a_site_that_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.test_content import copy_project

    project = copy_project(tmp_path / "project")
    for page in (project / "content").glob("*.md"):
        page.unlink()
    assert main(["curate", "-C", str(project)]) == 0
    assert main(["build", "-C", str(project)]) == 0
    index = (project / "content" / "index.md").read_text(encoding="utf-8")
    assert 'title: "China\'s AI talent travel curbs"' in index  # the site's title
    assert "\nIn brief, " in index
    for url in ["", *(f"{s}/" for s in SECTIONS)]:
        page = BeautifulSoup((project / "public" / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        blocks = body_blocks(page)
        assert blocks, url
        assert [s for b in blocks for s in sentences(b) if MARK not in s] == []
        text = " ".join(b.get_text() for b in blocks)
        for debris in ["Get this in your inbox", "Did this help", "Join readers", "Modelwire summarizes", "HYPE$"]:
            assert debris not in text


def test_the_five_dumps_share_a_point_that_cites_several_outlets(tmp_path: Path) -> None:
    from sitegen.ingest import ingest
    from tests.test_content import copy_project

    sources = ingest(copy_project(tmp_path / "project")).sources
    drafts = draft_pages(sources, load_rules(), "T")
    widest = max(
        (len(set(re.findall(r"@([\w-]+) [\"\u00b6]", line))), line)
        for d in drafts[1:]
        for line in d.text.splitlines()
        if line.startswith("- ")
    )
    assert widest[0] >= 3, widest[1]
