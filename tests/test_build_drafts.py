"""``sitegen build`` drafts the files of the explainer content/ lacks, as ``sitegen curate`` drafts them offline,
and never touches a file that exists. The real stories are read where they lie (../shared/stories), never copied
into the repository."""

from __future__ import annotations

import io
import os
import re
import shutil
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.curate import load_rules
from sitegen.scaffold import lacks_pages
from sitegen.serve.preview import Preview, SiteBuilder
from tests.conftest import MINIMAL_SEED
from tests.test_build import copy_default_project

STORIES = Path(__file__).resolve().parent.parent.parent / "shared" / "stories"
STORY = STORIES / "iberian-blackout"
SECTIONS = ("background", "who-is-affected", "industry-impact", "what-to-watch")
EXPLAINER = sorted(["index.md", *(f"{s}.md" for s in SECTIONS), "timeline.yaml", "claims.yaml"])
needs_stories = pytest.mark.skipif(not STORIES.is_dir(), reason="../shared/stories is not beside the repository")


def run(*args: str) -> tuple[int, str, str]:
    """``sitegen ARGS`` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def new_story(tmp_path: Path, story: Path = STORY, name: str = "x") -> Path:
    """``sitegen init``, then the story's dumps copied into its seeds/."""
    project = tmp_path / name
    assert run("init", str(project), "--title", "The story")[0] == 0
    for dump in sorted(story.glob("*.txt")):
        shutil.copy(dump, project / "seeds" / dump.name)
    return project


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and mtime."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def multi_source_stories() -> list[Path]:
    found = sorted(p for p in STORIES.iterdir() if len(list(p.glob("*.txt"))) > 1) if STORIES.is_dir() else []
    return found


@needs_stories
@pytest.mark.parametrize("story", multi_source_stories(), ids=lambda p: p.name)
def test_init_dumps_and_one_build_make_the_whole_explainer_and_a_second_build_changes_nothing(
    tmp_path: Path, story: Path
) -> None:
    project = new_story(tmp_path, story)
    code, out, err = run("build", "-C", str(project))
    assert code == 0, err
    assert sorted(p.name for p in (project / "content").iterdir()) == EXPLAINER
    drafted = [line for line in out.splitlines() if line.startswith("drafted ")]
    assert [re.sub(r" (over init's placeholder )?from \d+ sources?: edit it freely$", "", x) for x in drafted] == [
        f"drafted content/{name}"
        for name in ["index.md", *(f"{s}.md" for s in SECTIONS), "timeline.yaml", "claims.yaml"]
    ]
    assert drafted[0].startswith("drafted content/index.md over init's placeholder from ")
    public = project / "public"
    for page in (*SECTIONS, "timeline", "claims"):
        assert (public / page / "index.html").is_file(), page
    assert 'class="cite-ref"' in (public / "background" / "index.html").read_text(encoding="utf-8")
    before = state(project / "content")
    code, out, err = run("build", "-C", str(project))
    assert code == 0, err
    assert "drafted" not in out
    assert state(project / "content") == before  # bytes and mtimes


@needs_stories
def test_the_build_drafts_exactly_what_curate_writes(tmp_path: Path) -> None:
    built, curated = new_story(tmp_path, name="built"), new_story(tmp_path, name="curated")
    assert run("build", "-C", str(built))[0] == 0
    assert run("curate", "-C", str(curated))[0] == 0
    assert {k: v[0] for k, v in state(built / "content").items()} == {
        k: v[0] for k, v in state(curated / "content").items()
    }


@needs_stories
def test_an_edited_draft_is_never_rewritten_and_only_a_missing_file_is_drafted_again(tmp_path: Path) -> None:
    project = new_story(tmp_path)
    assert run("build", "-C", str(project))[0] == 0
    content = project / "content"
    with (content / "background.md").open("a", encoding="utf-8") as fh:
        fh.write("\nThe editor's own closing line.\n")
    (content / "what-to-watch.md").unlink()
    (project / "seeds" / "zz-bridge.txt").write_text(MINIMAL_SEED, encoding="utf-8")  # new sources, new drafts
    kept = {k: v for k, v in state(content).items() if k != "what-to-watch.md"}
    code, out, err = run("build", "-C", str(project))
    assert code == 0, err
    assert re.fullmatch(r"drafted content/what-to-watch\.md from \d+ sources?: edit it freely", out.splitlines()[0])
    assert [line for line in out.splitlines() if line.startswith("drafted")] == out.splitlines()[:1]
    assert {k: v for k, v in state(content).items() if k != "what-to-watch.md"} == kept
    assert "The editor's own closing line." in (content / "background.md").read_text(encoding="utf-8")


@needs_stories
def test_an_edited_placeholder_overview_is_the_editors(tmp_path: Path) -> None:
    project = new_story(tmp_path)
    index = project / "content" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("What happened, in brief.", "Our own words."))
    mine = index.read_bytes()
    code, out, err = run("build", "-C", str(project))
    assert code == 0, err
    assert index.read_bytes() == mine
    assert "content/index.md" not in out
    assert "drafted content/background.md from " in out


def test_a_build_without_seeds_drafts_nothing(tmp_path: Path) -> None:
    project = tmp_path / "x"
    assert run("init", str(project))[0] == 0
    before = state(project / "content")
    code, out, err = run("build", "-C", str(project))
    assert code == 0, err
    assert re.fullmatch(r"built \d+ pages from 0 sources in \d+\.\d\d s\n", out)
    assert state(project / "content") == before


def test_the_default_project_has_every_page_so_nothing_is_drafted(tmp_path: Path) -> None:
    project = copy_default_project(tmp_path / "default")
    assert not lacks_pages(project)
    before = state(project / "content")
    code, out, err = run("build", "-C", str(project))
    assert code == 0, err
    assert "drafted" not in out
    assert state(project / "content") == before


@needs_stories
@pytest.mark.parametrize("how", ["--no-draft", "site.yaml"])
def test_drafting_turned_off_writes_nothing_to_content(tmp_path: Path, how: str) -> None:
    project = new_story(tmp_path)
    args = ["build", "-C", str(project)]
    if how == "--no-draft":
        args.append("--no-draft")
    else:
        with (project / "site.yaml").open("a", encoding="utf-8") as fh:
            fh.write("draft_missing: false\n")
    before = state(project / "content")
    code, out, err = run(*args)
    assert code == 0, err
    assert "drafted" not in out
    assert state(project / "content") == before
    assert not (project / "public" / "background").exists()


@needs_stories
@pytest.mark.parametrize(
    ("bad", "data", "message"),
    [
        ("empty.txt", b"", "seeds/empty.txt:1: error: seed is empty: there is no article text in it [seed.empty]"),
        ("link.txt", None, "seeds/link.txt: error: symbolic links are not followed in inputs [input.symlink]"),
        (
            "latin1.txt",
            b"Caf\xe9 owners said the lights went out.\n",
            "seeds/latin1.txt:1: error: byte 3: invalid UTF-8 (0xe9); save the file as UTF-8 [input.encoding]",
        ),
    ],
)
def test_a_seed_that_fails_leaves_content_and_public_as_they_were(
    tmp_path: Path, bad: str, data: bytes | None, message: str
) -> None:
    project = tmp_path / "x"
    assert run("init", str(project))[0] == 0
    assert run("build", "-C", str(project))[0] == 0  # a site without sources: public/ exists
    for dump in sorted(STORY.glob("*.txt")):
        shutil.copy(dump, project / "seeds" / dump.name)
    if data is None:  # a link to a file outside the project: never read
        (project / "seeds" / bad).symlink_to(STORY / "truth.yaml")
    else:
        (project / "seeds" / bad).write_bytes(data)
    content, public = state(project / "content"), state(project / "public")
    code, out, err = run("build", "-C", str(project))
    assert (code, out, err.splitlines()[0]) == (1, "", message)
    assert "Traceback" not in err
    assert state(project / "content") == content
    assert state(project / "public") == public


@needs_stories
def test_a_draft_that_cannot_be_written_takes_back_the_drafts_before_it(tmp_path: Path) -> None:
    project = new_story(tmp_path)
    (project / "content" / ".what-to-watch.md.tmp").mkdir()  # where curate writes that draft first
    content = state(project / "content")
    code, out, err = run("build", "-C", str(project))
    assert code == 1
    assert out == ""
    assert err == "content/what-to-watch.md: error: cannot write: Is a directory [curate.io]\n"
    assert state(project / "content") == content  # the overview placeholder back, the sections before it gone
    assert not (project / "public").exists()


@pytest.mark.parametrize("name", EXPLAINER)
def test_the_quick_look_sees_every_file_curate_drafts(tmp_path: Path, name: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    names = ["index.md", *(f"{s.slug}.md" for s in load_rules().sections), "timeline.yaml", "claims.yaml"]
    assert sorted(names) == EXPLAINER
    for each in names:
        (content / each).write_text("---\ntitle: Mine\n---\n", encoding="utf-8")
    assert not lacks_pages(tmp_path)
    (content / name).unlink()
    assert lacks_pages(tmp_path)


@needs_stories
def test_the_preview_drafts_on_its_first_build_and_when_seeds_change_never_on_a_save(tmp_path: Path) -> None:
    project = new_story(tmp_path)
    builder = SiteBuilder(project)
    first = builder(())
    assert first.count("drafted content/") == len(EXPLAINER)
    (project / "content" / "what-to-watch.md").unlink()
    saved = builder(("content/what-to-watch.md",))
    assert "drafted" not in saved and not (project / "content" / "what-to-watch.md").exists()
    (project / "seeds" / "zz-bridge.txt").write_text(MINIMAL_SEED, encoding="utf-8")
    added = builder(("seeds/zz-bridge.txt",))
    assert added.splitlines()[0].startswith("drafted content/what-to-watch.md from ")
    assert " from 7 sources in " in added
    (project / "seeds" / "zz-bridge.txt").unlink()
    removed = builder(("seeds/zz-bridge.txt",))
    assert removed.splitlines()[0] == (
        "seeds/ changed: `sitegen curate` redrafts the pages in content/ you have not edited"
    )


@needs_stories
def test_a_dump_added_while_the_preview_runs_is_a_source_at_once(tmp_path: Path) -> None:
    project = new_story(tmp_path)
    said: list[str] = []
    preview = Preview(project, project / "public", said.append, draft=False)
    preview.rebuild()
    assert " from 6 sources in " in said[-1]
    preview.start_watching()
    time.sleep(1)  # the watcher's first look at the inputs
    try:
        (project / "seeds" / "zz-bridge.txt").write_text(MINIMAL_SEED, encoding="utf-8")
        deadline = time.monotonic() + 30
        while not any(" from 7 sources in " in line for line in said) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        preview.stopped.set()
    assert any(" from 7 sources in " in line and "seeds/zz-bridge.txt changed" in line for line in said), said
    assert os.path.isdir(project / "public" / "sources")
    assert [p.name for p in (project / "content").iterdir()] == ["index.md"]  # serve --no-draft drafts nothing


def test_a_section_of_the_projects_own_rules_is_drafted_like_the_built_in_ones(tmp_path: Path) -> None:
    project = copy_default_project(tmp_path / "default")
    rules = "sections:\n  - slug: money\n    title: The money\n    summary: Figures.\n    time: any\n    cues:\n"
    cue = "      - '\\b(?:billion|million|percent|invest\\w*|salar\\w*|funding)\\b'\n"
    (project / "content" / "curate.yaml").write_text(rules + cue)
    assert lacks_pages(project)
    before = state(project / "content")
    code, out, err = run("build", "-C", str(project))
    assert code == 0, err
    assert re.fullmatch(r"drafted content/money\.md from \d+ sources?: edit it freely", out.splitlines()[0])
    assert "drafted" not in "\n".join(out.splitlines()[1:])
    assert {k: v for k, v in state(project / "content").items() if k != "money.md"} == before
    assert (project / "public" / "money" / "index.html").is_file()
    code, out, err = run("build", "-C", str(project))
    assert code == 0 and "drafted" not in out, err


@pytest.mark.parametrize(("args", "drafts"), [((), True), (("--no-draft",), False)])
def test_serve_passes_no_draft_to_the_preview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], drafts: bool
) -> None:
    import sitegen.serve

    seen: list[bool] = []
    monkeypatch.setattr(sitegen.serve, "serve_site", lambda *a, draft, **k: seen.append(draft))
    project = tmp_path / "x"
    assert run("init", str(project))[0] == 0
    assert run("serve", "-C", str(project), *args)[0] == 0
    assert seen == [drafts]
