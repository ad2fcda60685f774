"""sitegen/speed.py: the preview's memo never serves a stale page, reuses what did not change, stays one site
big; the process pool gives the bytes one process gives."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from sitegen import speed
from sitegen.build import build
from sitegen.config import SiteConfig
from sitegen.errors import SitegenError
from sitegen.model import Paragraph, Source
from sitegen.site import assemble
from sitegen.speed import Memo, in_parallel, reading
from tests.conftest import MINIMAL_SEED, tree_digest, write_files

SOURCES = {
    "site.yaml": "title: Memo site\nbase_url: /\n",
    "seeds/bridge.txt": MINIMAL_SEED,
    "seeds/river.txt": "The river\nBy Ann Lee | May 2, 2025\nThe river rose two metres overnight.\nBoats stayed.\n",
    "seeds/sources.yaml": "bridge.txt:\n  id: bridge\nriver.txt:\n  id: river\n",
}
PAGES = {
    "content/index.md": "---\ntitle: Home\n---\nThe story [@bridge ¶1].\n",
    "content/a.md": '---\ntitle: Part A\norder: 1\n---\nA bridge opened [@bridge "opened a new bridge"].\n',
    "content/b.md": '---\ntitle: Part B\norder: 2\n---\nThe river rose [@river "rose two metres"]. See [A](a.md).\n',
    "content/notes/c.md": "---\ntitle: A note\n---\nA note that no other page lists.\n",
}
# home, a, b, notes/c, the two source pages, the sources list, 404
PAGE_COUNT = 8


def append(path: str, text: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        with open(project / path, "a", encoding="utf-8") as fh:
            fh.write(text)

    return edit


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        target = project / path
        target.write_text(target.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    return edit


def cold(project: Path, tmp_path: Path) -> dict[str, str]:
    """The tree a fresh ``sitegen build`` makes of ``project`` as it is now."""
    fresh = tmp_path / "cold"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("public*", ".sitegen.lock"))
    build(fresh)
    return tree_digest(fresh / "public")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write_files(root, {**SOURCES, **PAGES})
    return root


EDITS: dict[str, Callable[[Path], None]] = {
    "a note's text": append("content/notes/c.md", "\nMore words for the note.\n"),
    "a section's text": append("content/a.md", "\nAnother sentence about the bridge.\n"),
    "a section's title": replace("content/b.md", "title: Part B", "title: The river"),
    "a new citation": append("content/notes/c.md", '\nIt rose [@river "rose two metres"].\n'),
    "a source": append("seeds/river.txt", "Schools closed for the day.\n"),
    "a new page": lambda p: write_files(p, {"content/d.md": "---\ntitle: Part D\norder: 3\n---\nNew.\n"}),
    "a deleted page": lambda p: (p / "content" / "notes" / "c.md").unlink(),
    "a template": lambda p: write_files(
        p, {"templates/partials/footer.html": "<p>{{ site.nav | length }} parts</p>\n"}
    ),
    "site.yaml": replace("site.yaml", "title: Memo site", "title: Renamed site"),
    "a stylesheet": lambda p: write_files(p, {"static/style.css": "body { color: teal }\n"}),
    "the claims": lambda p: write_files(
        p, {"content/claims.yaml": "claims:\n  - claim: It opened.\n    cite: '[@bridge ¶1]'\n"}
    ),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_a_build_with_the_memo_makes_what_a_cold_build_makes(project: Path, tmp_path: Path, edit: str) -> None:
    memo = Memo()
    build(project, memo=memo)
    EDITS[edit](project)
    build(project, memo=memo)
    assert tree_digest(project / "public") == cold(project, tmp_path)


def test_every_edit_in_turn_keeps_the_memo_sound(project: Path, tmp_path: Path) -> None:
    memo = Memo()
    build(project, memo=memo)
    for edit in EDITS.values():
        edit(project)
        build(project, memo=memo)
        assert tree_digest(project / "public") == cold(project, tmp_path)


@pytest.mark.parametrize(
    ("edit", "rendered"),
    [
        ("a note's text", ["notes/c"]),  # its body is its own
        ("a section's text", ["home", "a", "b", "notes/c"]),  # every page that shows the sections (reading times)
        # the source page lists where it is cited, and the lists of sources on home and /sources/ how often
        ("a new citation", ["notes/c", "sources/river", "home", "sources"]),
        ("a section's title", ["everything"]),  # every page's navigation shows it
    ],
)
def test_only_the_pages_that_read_what_changed_are_rendered_again(
    project: Path, edit: str, rendered: list[str]
) -> None:
    memo = Memo()
    build(project, memo=memo)
    assert (memo.rendered, memo.reused) == (PAGE_COUNT, 0)
    build(project, memo=memo)
    assert (memo.rendered, memo.reused) == (0, PAGE_COUNT)
    EDITS[edit](project)
    build(project, memo=memo)
    count = PAGE_COUNT if rendered == ["everything"] else len(rendered)
    assert (memo.rendered, memo.reused) == (count, PAGE_COUNT - count)


def test_the_memo_holds_one_sites_worth(project: Path) -> None:
    memo = Memo()
    build(project, memo=memo)
    size = memo.size()
    for n in range(4):
        append("content/a.md", f"\nEdit {n}.\n")(project)
        build(project, memo=memo)
        assert memo.size() == size


def test_a_failed_build_leaves_the_memo_able_to_build_again(project: Path, tmp_path: Path) -> None:
    memo = Memo()
    build(project, memo=memo)
    before = tree_digest(project / "public")
    append("content/a.md", '\nNot there [@bridge "a ferry"].\n')(project)
    with pytest.raises(SitegenError, match="quote not found"):
        build(project, memo=memo)
    assert tree_digest(project / "public") == before
    replace("content/a.md", '[@bridge "a ferry"]', "")(project)
    build(project, memo=memo)
    assert tree_digest(project / "public") == cold(project, tmp_path)


def test_a_save_need_not_wait_for_the_search_index(project: Path, tmp_path: Path) -> None:
    memo = Memo()
    build(project, memo=memo)
    index = {k: v for k, v in tree_digest(project / "public").items() if k.startswith("pagefind/")}
    append("content/a.md", "\nZanzibarian words.\n")(project)
    build(project, memo=memo, fresh_search=False)
    assert memo.stale_search
    now = tree_digest(project / "public")
    assert {k: v for k, v in now.items() if k.startswith("pagefind/")} == index  # the last index, written again
    assert now != cold(project, tmp_path)
    build(project, memo=memo)
    assert not memo.stale_search and tree_digest(project / "public") == cold(project, tmp_path)


def test_sitegen_build_keeps_nothing() -> None:
    memo = Memo.off()
    assert memo.value("kind", lambda: pytest.fail("reads asked for"), lambda: 42) == 42
    assert memo.size() == 0


def test_the_site_notes_every_field_its_methods_and_templates_read() -> None:
    source = Source("s", "seeds/s.txt", None, None, (), None, None, (), (Paragraph(1, "p1", "Text."),))
    site = assemble(SiteConfig(title="T"), [source], [])
    view = reading(site)
    assert view.fields_read == set()
    view.neighbours("a/")
    assert view.fields_read == {"sections"}
    assert view.home is None and view.reporting_lines(["s"]) == [(["s"], None)]
    assert view.fields_read == {"sections", "pages", "sources"}


def _squares(offset: int, batch: Sequence[int]) -> list[int]:
    return [offset + n * n for n in batch]


def test_work_in_worker_processes_comes_back_in_order_and_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    items = list(range(200))
    alone = list(in_parallel(_squares, 1, items))
    monkeypatch.setattr(speed, "jobs", lambda: 2)
    assert list(in_parallel(_squares, 1, items)) == alone == [1 + n * n for n in items]


def test_pages_cited_and_cards_drawn_in_worker_processes_are_the_bytes_one_process_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = {f"content/p{n:02}.md": f"---\ntitle: Page {n}\n---\nText {n} [@bridge ¶1].\n" for n in range(60)}
    files = {**SOURCES, **PAGES, **many}
    write_files(tmp_path / "pool", files)
    write_files(tmp_path / "alone", files)
    monkeypatch.setattr(speed, "jobs", lambda: 2)
    build(tmp_path / "pool")
    monkeypatch.setattr(speed, "PARALLEL_MIN", 10**6)
    build(tmp_path / "alone")
    assert tree_digest(tmp_path / "pool" / "public") == tree_digest(tmp_path / "alone" / "public")
