"""Curate's drafts always build: a property over generated sources, and the real stories in ../shared/stories."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from sitegen.claims import cite_claims
from sitegen.cli import main
from sitegen.curate import draft_pages
from sitegen.curate.write import check
from sitegen.errors import Problems
from sitegen.ingest import ingest
from sitegen.markup import cite_page, make_markdown
from sitegen.model import Paragraph, Source
from sitegen.pages import read_content
from sitegen.timeline import cite_timeline
from tests.conftest import REPO

STORIES = REPO.parent / "shared" / "stories"

# Plain words of one story, and words that have broken drafts or the citation grammar: quote marks of
# every kind, backslashes, Markdown and HTML characters, decimals and abbreviations, a citation look-alike.
PLAIN = st.sampled_from(
    ["the", "council", "said", "vote", "bridge", "ferry", "harbour", "Monday", "on", "will", "had", "been", "by",
     "June", "last", "year", "could", "whether", "closed", "drivers", "costs", "shops", "billion", "million"]
)  # fmt: skip
TRICKY = st.sampled_from(
    ['"a bold bet"', "\u201ccurly words\u201d", "it\u2019s", "'single'", "\\", '\\"', "[@s0", "]", "*bold*",
     "_under_", "<b>", "&amp;", "#tag", "|", "`code`", "$8.9", "9.9%", "U.S.", "Dr.", "12:30", "p.m.",
     "\u20ac40", "(in brackets)", "\u2014", "\u00b6", "2024", "\\[@s1 \"x\"]"]
)  # fmt: skip
WORD = st.one_of(PLAIN, PLAIN, PLAIN, TRICKY)
SENTENCE = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(WORD, min_size=6, max_size=16),
    st.sampled_from([".", ".", ".", ".", "?", "", ".\u201d", '."', "..."]),
).map(lambda s: s[:1].upper() + s[1:])
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)
NAME = st.one_of(st.none(), st.lists(WORD, min_size=1, max_size=6).map(" ".join))


@st.composite
def sources(draw: st.DrawFn) -> list[Source]:
    out = []
    for k in range(draw(st.integers(1, 4))):
        paras = tuple(
            Paragraph(n, f"p{n}", text) for n, text in enumerate(draw(st.lists(PARAGRAPH, min_size=1, max_size=6)), 1)
        )
        out.append(Source(f"s{k}", f"seeds/s{k}.txt", draw(NAME), draw(NAME), (), None, None, (), paras))
    return out


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sources())
def test_curate_output_always_builds(generated: list[Source]) -> None:
    drafts = draft_pages(generated)
    note(f"{sum(d.text.count('[@') for d in drafts)} citation groups")
    check(drafts, generated)  # the build's own reader and resolver, in memory
    by_id = {s.id: s for s in generated}
    with tempfile.TemporaryDirectory() as tmp:  # and as files, read the way the build reads them
        project = Path(tmp)
        for d in drafts:
            (project / d.path).parent.mkdir(parents=True, exist_ok=True)
            (project / d.path).write_text(d.text, encoding="utf-8")
        converter = make_markdown()
        problems = Problems()
        content = read_content(project, problems)
        problems.raise_if_any()
        for page in content.pages:
            cite_page(page, by_id, converter)
        cite_claims(content.claims, by_id)
        cite_timeline(content.timeline, by_id)


def test_drafts_are_byte_identical_on_every_run() -> None:
    one = [
        Source(
            f"s{k}",
            f"seeds/s{k}.txt",
            None,
            f"Outlet {k}",
            (),
            None,
            None,
            (),
            (Paragraph(1, "p1", f"The ferry service to the island will stop on Monday, officials said {k} times."),),
        )
        for k in range(3)
    ]
    assert draft_pages(one) == draft_pages(one)


def story_dirs() -> list[Path]:
    return sorted(p for p in STORIES.iterdir() if (p / "truth.yaml").is_file()) if STORIES.is_dir() else []


@pytest.mark.skipif(not STORIES.is_dir(), reason="../shared/stories is not beside the repository")
@pytest.mark.parametrize("story", story_dirs(), ids=lambda p: p.name)
def test_real_story_curates_and_builds_without_internal_names(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / story.name
    assert main(["init", str(project)]) == 0
    for dump in sorted(story.glob("*.txt")):
        shutil.copy(dump, project / "seeds" / dump.name)
    assert main(["curate", "-C", str(project)]) == 0
    assert main(["build", "-C", str(project)]) == 0
    capsys.readouterr()
    ids = [s.id for s in ingest(project).sources]
    stems = [p.stem for p in story.glob("*.txt")]
    pages = sorted((project / "content").glob("*.md"))
    assert pages
    for page in pages:
        prose = re.sub(r"\[@[^\]]*\]", "", page.read_text(encoding="utf-8").split("\n---\n", 1)[1])
        for name in [*ids, *stems, "Unknown outlet", "Untitled report"]:
            assert not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", prose), (page.name, name)
        for line in prose.splitlines():
            if line.strip() and not line.startswith("#"):
                assert re.search(r"[.!?][\"'\u201d\u2019)]*$", line.strip()), (page.name, line)  # no cut-off line
    assert (project / "content" / "claims.yaml").is_file()
