"""`sitegen curate`: cited prose by section, a timeline and a claims matrix that build; never an editor's file."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitegen.citations import scan
from sitegen.cli import main
from sitegen.curate import content_hash, draft_pages, edited, load_rules, stamp
from sitegen.model import Paragraph, Source
from tests.conftest import REPO, MakeSite, tree_digest, write_files
from tests.test_content import MARK, body_blocks, sentences

SECTIONS = ["background", "who-is-affected", "industry-impact", "what-to-watch"]


def src(sid: str, *blocks: str, outlet: str | None = None, title: str | None = None) -> Source:
    """A source from blocks; a block starting with '# ' is a heading."""
    paras = []
    n = 0
    for b in blocks:
        if b.startswith("# "):
            paras.append(Paragraph(0, f"h-{len(paras)}", b[2:], "heading"))
        else:
            n += 1
            paras.append(Paragraph(n, f"p{n}", b))
    return Source(sid, f"seeds/{sid}.txt", title, outlet, (), None, None, (), tuple(paras))


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
        "Engineers had found serious corrosion in the bridge's steel cables during an inspection last year.",
        outlet="Bravo Daily",
    ),
    src(
        "charlie",
        "The city council voted on Monday to close the Harbour Bridge to cars from next March.",
        "Local shops near the bridge expect to lose customers, and delivery companies warn of higher costs.",
        title="Shops near the harbour fear the closure",
    ),
]


def prose(text: str) -> str:
    """A draft's body as a reader sees it: no front matter, no citation groups."""
    body = text.split("\n---\n", 1)[1]
    return re.sub(r"\s*\[@[^\]]*\]", "", body)


def test_near_duplicates_from_different_outlets_are_one_statement_cited_to_each() -> None:
    groups = []
    for d in draft_pages(SYNTHETIC, load_rules()):
        if d.path.endswith(".md"):
            groups += [
                g for g in scan(d.text, d.path, 1)[1] if any("Harbour Bridge" in (i.quote or "") for i in g.items)
            ]
    assert len(groups) == 1  # one statement, not three
    assert sorted(i.source_id for i in groups[0].items) == ["alpha", "bravo", "charlie"]


def test_a_statement_one_outlet_makes_is_attributed_to_it_by_name() -> None:
    drafts = "\n".join(prose(d.text) for d in draft_pages(SYNTHETIC, load_rules()) if d.path.endswith(".md"))
    corrosion = next(s for s in re.split(r"(?<=\.)\s", drafts) if "corrosion" in s)
    assert "Bravo Daily" in corrosion
    shops = next(s for s in re.split(r"(?<=\.)\s", drafts) if "delivery companies" in s)
    assert "*Shops near the harbour fear the closure*" in shops  # no outlet: the headline names it
    assert not re.search(r"\b(?:alpha|bravo|charlie)\b", drafts)  # never an id


def test_sections_follow_the_sources_own_headings_and_time() -> None:
    drafts = {d.path: prose(d.text) for d in draft_pages(SYNTHETIC, load_rules()) if d.path.endswith(".md")}
    assert "find another route" in drafts["content/who-is-affected.md"]  # under its source's "Who Is Affected"
    assert "replacement ferry" in drafts["content/what-to-watch.md"]
    assert "corrosion" in drafts["content/background.md"]  # "had found ... last year": before the news
    assert "Alpha News says to watch whether" in drafts["content/what-to-watch.md"]  # not "reports that watch"


def test_drafts_are_deterministic_whatever_the_source_order() -> None:
    rules = load_rules()
    assert draft_pages(SYNTHETIC, rules) == draft_pages(list(reversed(SYNTHETIC)), rules)


def test_drafts_do_not_depend_on_the_hash_seed() -> None:
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


def test_stamp_records_a_hash_that_detects_edits() -> None:
    text = stamp("---\ntitle: A\n---\n\nBody.\n")
    assert re.search(r'^curated: "[0-9a-f]{16}"$', text, re.M)
    assert not edited(text)
    assert edited(text.replace("Body.", "Body, edited."))
    assert edited("---\ntitle: Hand-written\n---\n\nNo hash at all.\n")
    assert content_hash(text) == content_hash(stamp(text))


def test_a_page_whose_hash_is_all_digits_still_builds(make_site: MakeSite) -> None:
    # one hash in about 1,800 is made of digits only, which YAML would read as a number
    page = next(text for i in range(100_000) if content_hash(text := f"---\ntitle: Page {i}\n---\n\nBody.\n").isdigit())
    project = make_site({"content/page.md": stamp(page)})
    assert main(["build", "-C", str(project)]) == 0
    assert not edited((project / "content" / "page.md").read_text(encoding="utf-8"))


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
DRAFTED = ["index", *SECTIONS]


@pytest.fixture
def new_story(tmp_path: Path) -> Path:
    project = tmp_path / "bridge"
    assert main(["init", str(project), "--title", "The bridge closure"]) == 0
    write_files(project, dict(DUMPS))
    return project


def test_init_new_story_curate_build(new_story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["curate", "-C", str(new_story)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        *(f"wrote content/{name}.md" for name in DRAFTED),
        "wrote content/timeline.yaml",
        "wrote content/claims.yaml",
    ]
    assert main(["build", "-C", str(new_story)]) == 0
    public = new_story / "public"
    for slug in SECTIONS:
        page = BeautifulSoup((public / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
        blocks = body_blocks(page)
        assert blocks, f"{slug} is empty"
        assert [s for b in blocks for s in sentences(b) if MARK not in s] == []  # every sentence cited
        text = page.find("main").get_text()  # type: ignore[union-attr]
        assert [d for d in DEBRIS if d in text] == []
    timeline = (public / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "1931" in timeline  # "opened in 1931": a dated event
    assert "claim-1" in (public / "claims" / "index.html").read_text(encoding="utf-8")


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


def test_curate_never_overwrites_a_draft_file_it_did_not_write(
    new_story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(new_story, {"content/background.md": "---\ntitle: Mine\n---\n\nMy own words.\n"})
    write_files(new_story, {"content/background.draft.md": "My notes, not curate's.\n"})
    capsys.readouterr()
    assert main(["curate", "-C", str(new_story)]) == 0
    err = capsys.readouterr().err
    assert (new_story / "content" / "background.draft.md").read_text(encoding="utf-8") == "My notes, not curate's.\n"
    assert (new_story / "content" / "background.md").read_text(encoding="utf-8").endswith("My own words.\n")
    assert err == (
        "content/background.md: changed by hand, and so was content/background.draft.md, so both were left alone "
        "and the new draft was not written (move content/background.draft.md away to get a fresh draft there)\n"
    )


def test_a_draft_file_curate_wrote_is_replaced_until_it_is_edited(new_story: Path) -> None:
    write_files(new_story, {"content/background.md": "---\ntitle: Mine\n---\n\nMy own words.\n"})
    assert main(["curate", "-C", str(new_story)]) == 0
    draft = new_story / "content" / "background.draft.md"
    first = draft.read_text(encoding="utf-8")
    draft.write_text(first.replace("curated: ", "curated: 0000000000000000\nx: "), encoding="utf-8")
    assert main(["curate", "-C", str(new_story)]) == 0
    assert "x: " in draft.read_text(encoding="utf-8")  # edited since: kept
    draft.write_text(stamp(first), encoding="utf-8")
    assert main(["curate", "-C", str(new_story)]) == 0
    assert draft.read_text(encoding="utf-8") == first


def test_an_edited_timeline_is_kept_and_the_new_one_goes_beside_it(new_story: Path) -> None:
    assert main(["curate", "-C", str(new_story)]) == 0
    timeline = new_story / "content" / "timeline.yaml"
    mine = timeline.read_text(encoding="utf-8").replace("events:", "# my note\nevents:")
    timeline.write_text(mine, encoding="utf-8")
    assert main(["curate", "-C", str(new_story)]) == 0
    assert timeline.read_text(encoding="utf-8") == mine
    assert (new_story / "content" / "timeline.draft.yaml").exists()
    assert main(["build", "-C", str(new_story)]) == 0


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
    write_files(new_story, {"content/curate.yaml": "max_sentences: 3\ncolour: red\nskip: ['(unclosed']\n"})
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


# --- the default story ---


def test_curate_leaves_the_default_storys_hand_written_files_as_they_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.test_content import copy_project

    project = copy_project(tmp_path / "project")
    before = {p.name: p.read_bytes() for p in (project / "content").iterdir()}
    assert main(["curate", "-C", str(project)]) == 0
    assert {p.name: p.read_bytes() for p in (project / "content").iterdir() if p.name in before} == before
    drafts = sorted(p.name for p in (project / "content").iterdir() if ".draft." in p.name)
    assert drafts == sorted(
        [f"{n}.draft.md" for n in ["index", *SECTIONS]] + ["claims.draft.yaml", "timeline.draft.yaml"]
    )
    assert main(["build", "-C", str(project)]) == 0


def test_curate_drafts_the_default_dumps_into_a_site_that_builds(tmp_path: Path) -> None:
    from tests.test_content import copy_project

    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "content")
    (project / "content").mkdir()
    assert main(["curate", "-C", str(project)]) == 0
    assert main(["build", "-C", str(project)]) == 0
    index = (project / "content" / "index.md").read_text(encoding="utf-8")
    assert 'title: "China\'s AI talent travel curbs"' in index  # the site's title
    for url in ["", *(f"{s}/" for s in SECTIONS)]:
        page = BeautifulSoup((project / "public" / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        blocks = body_blocks(page)
        assert len([s for b in blocks for s in sentences(b)]) >= 3, url
        text = " ".join(b.get_text() for b in blocks)
        for debris in ["Get this in your inbox", "Did this help", "Join readers", "Modelwire summarizes", "HYPE$"]:
            assert debris not in text


def test_the_five_dumps_share_a_statement_that_cites_several_outlets(tmp_path: Path) -> None:
    from sitegen.ingest import ingest
    from tests.test_content import copy_project

    sources = ingest(copy_project(tmp_path / "project")).sources
    widest = 0
    for d in draft_pages(sources, load_rules(), "T"):
        _, groups, _ = scan(d.text, d.path, 1)
        widest = max([widest, *(len({i.source_id for i in g.items}) for g in groups)])
    assert widest >= 3


def test_a_draft_that_would_not_build_is_an_error_and_nothing_is_written(
    new_story: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sitegen.curate as curate_module
    from sitegen.curate import Draft

    good = curate_module.draft_pages

    def broken(*args: object, **kwargs: object) -> list[Draft]:
        drafts = good(*args, **kwargs)  # type: ignore[arg-type]
        sid = re.findall(r"\[@([\w-]+)", drafts[0].text)[0]
        return [Draft(drafts[0].path, drafts[0].text + f'A claim [@{sid} "words no dump holds"].\n'), *drafts[1:]]

    monkeypatch.setattr(curate_module, "draft_pages", broken)
    before = tree_digest(new_story)
    capsys.readouterr()
    assert main(["curate", "-C", str(new_story)]) == 1
    err = capsys.readouterr().err
    assert "error: a draft would not build, so nothing was written: " in err
    first = err.splitlines()[0]
    assert re.fullmatch(
        r"content/index\.md:\d+: error: a draft would not build, so nothing was written: quote not found in source "
        r'[\w-]+: "words no dump holds" \[citation\.quote\] \[curate\.unbuildable\]',
        first,
    ), first
    assert tree_digest(new_story) == before
