"""sitegen/output.py: the only writer of the output folder: the whole site staged, then swapped in at once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sitegen.errors import SitegenError
from sitegen.model import Output
from sitegen.output import LOCK_FILE, MARKER, SIGNATURE, build_lock, clean_leftovers, safe_relpath, write_site
from tests.conftest import tree_digest, write_files

SITE = [Output("index.html", b"<h1>home</h1>"), Output("404.html", b"gone"), Output("a/b/index.html", b"deep")]


def test_the_site_is_written_whole_and_replaces_the_last_one(tmp_path: Path) -> None:
    out = tmp_path / "public"
    assert write_site(out, SITE, [Output("feed.xml", b"<feed/>")]) == 4
    assert tree_digest(out).keys() == {MARKER, "index.html", "404.html", "a/b/index.html", "feed.xml"}
    assert write_site(out, [Output("index.html", b"new"), Output("404.html", b"gone")]) == 2
    assert sorted(tree_digest(out)) == [MARKER, "404.html", "index.html"]  # nothing of the last site is left
    assert (out / "index.html").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]  # no staging folder left behind


def test_the_marker_lists_every_file_the_build_wrote(tmp_path: Path) -> None:
    write_site(tmp_path / "public", SITE)
    assert (tmp_path / "public" / MARKER).read_text(encoding="utf-8") == (
        "Written by sitegen, which replaces this folder on every build: files added here stop the build.\n"
        "404.html\na/b/index.html\nindex.html\n"
    )
    assert SIGNATURE.startswith("Written by sitegen")
    with pytest.raises(SitegenError, match="refusing to write outside the output folder"):
        write_site(tmp_path / "other", [Output(MARKER, b"forged")])


@pytest.mark.parametrize("added", ["CNAME", "a/notes.md", "drafts/"])
def test_a_file_added_to_a_built_folder_stops_the_build_and_survives(tmp_path: Path, added: str) -> None:
    out = tmp_path / "public"
    write_site(out, SITE)
    (out / added).mkdir() if added.endswith("/") else (out / added).write_text("mine\n", encoding="utf-8")
    before = tree_digest(out)
    with pytest.raises(SitegenError) as info:
        write_site(out, [Output("index.html", b"new")])
    shown = added.rstrip("/")
    assert info.value.format() == (
        f"public/{shown}: error: public/{shown} was not written by sitegen: refusing to replace public/ and lose it"
        " [output.path]\n  hint: move it out of public/"
    )
    assert tree_digest(out) == before and sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_a_copied_marker_proves_nothing_beyond_the_files_it_lists(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    write_files(out, {"CNAME": "example.org\n", "guide.md": "notes\n", MARKER: SIGNATURE + "index.html\n"})
    with pytest.raises(SitegenError, match=r"^docs/CNAME: error: docs/CNAME was not written by sitegen"):
        write_site(out, SITE)
    (out / MARKER).write_text("404.html\nCNAME\nguide.md\n", encoding="utf-8")  # no signature: no marker
    with pytest.raises(SitegenError, match=r"^docs: error: docs/ holds files sitegen did not write"):
        write_site(out, SITE)
    assert sorted(tree_digest(out)) == [MARKER, "CNAME", "guide.md"]


def test_an_empty_folder_or_a_link_is_taken(tmp_path: Path) -> None:
    (tmp_path / "public").mkdir()
    write_site(tmp_path / "public", SITE)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "site").symlink_to(tmp_path / "elsewhere")
    write_site(tmp_path / "site", SITE)
    assert not (tmp_path / "site").is_symlink() and list((tmp_path / "elsewhere").iterdir()) == []


def test_two_files_with_one_path_are_an_error_not_an_overwrite(tmp_path: Path) -> None:
    with pytest.raises(SitegenError) as info:
        write_site(tmp_path / "public", SITE, [Output("index.html", b"again")])
    assert (
        info.value.format() == "index.html: error: two files of the site would be written to index.html [output.path]"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", ["../x", "/etc/x", "a/../../x", "a\\b", "a//b", "", "a/./b", "nul\x00"])
def test_no_path_leads_outside_the_output_folder(tmp_path: Path, path: str) -> None:
    with pytest.raises(SitegenError, match=r"refusing to write outside the output folder"):
        safe_relpath(path)
    with pytest.raises(SitegenError):
        write_site(tmp_path / "public", [Output("404.html", b"x"), Output(path, b"x")])
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_folder_sitegen_did_not_build_is_never_replaced(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "mine.txt").write_text("keep me")
    with pytest.raises(SitegenError) as info:
        write_site(notes, SITE)
    assert info.value.format().splitlines()[0] == (
        "notes: error: notes/ holds files sitegen did not write: refusing to replace it with the site [output.path]"
    )
    (tmp_path / "file").write_text("x")
    with pytest.raises(SitegenError, match="is a file, not a folder"):
        write_site(tmp_path / "file", SITE)
    assert (notes / "mine.txt").read_text() == "keep me"


def test_what_a_killed_build_left_is_cleaned_up_and_a_site_lost_mid_swap_comes_back(tmp_path: Path) -> None:
    out = tmp_path / "public"
    write_site(out, SITE)
    before = tree_digest(out)
    write_files(tmp_path, {f"public.staging-123/{MARKER}": SIGNATURE, "public.staging-123/half.html": "x"})
    out.rename(tmp_path / "public.old-456")  # killed between the two renames of the fallback swap
    warnings: list[SitegenError] = []
    clean_leftovers(out, warnings)
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]
    assert warnings == []


def test_folders_only_named_like_leftovers_are_left_alone_with_a_warning(tmp_path: Path) -> None:
    mine = {"public.old-2024/notes.txt": "mine\n", "public.staging-mine/notes.txt": "mine\n"}
    write_files(tmp_path, {**mine, "public.staging-77/notes.txt": "mine\n", "public.old-mysite/a.txt": "mine\n"})
    (tmp_path / "public.staging-78").symlink_to(tmp_path / "public.old-2024")
    before = tree_digest(tmp_path)
    warnings: list[SitegenError] = []
    write_site(tmp_path / "public", SITE, warnings=warnings)  # no public/: a lost site is restored only if marked
    assert {k: v for k, v in tree_digest(tmp_path).items() if not k.startswith("public/")} == before
    assert [w.format().splitlines()[0] for w in warnings] == [
        f"{name}: error: named like a folder sitegen leaves behind, but sitegen did not make it: left alone"
        " [output.leftover]"
        for name in ("public.old-2024", "public.staging-77", "public.staging-78")
    ]


def test_a_folder_that_cannot_be_removed_is_a_warning_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "public"
    write_site(out, SITE)
    monkeypatch.setattr(shutil, "rmtree", lambda path, ignore_errors=False: None)  # as for a read-only folder
    warnings: list[SitegenError] = []
    write_site(out, SITE, warnings=warnings)
    name = f"public.staging-{os.getpid()}"
    assert [w.format() for w in warnings] == [
        f"{name}: error: could not remove this folder a build left (is it read-only?) [output.leftover]\n"
        "  hint: remove it by hand"
    ]
    assert (tmp_path / name / "index.html").is_file()  # the previous site, kept where it is
    monkeypatch.undo()
    write_site(out, SITE, warnings=warnings)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]  # the next build removes it


def test_the_build_lock_names_its_holder(tmp_path: Path) -> None:
    with build_lock(tmp_path):
        assert (tmp_path / LOCK_FILE).read_text() == str(os.getpid())
        with pytest.raises(SitegenError) as info, build_lock(tmp_path):
            pass
    assert info.value.format().splitlines()[0] == (
        f".sitegen.lock: error: another build is running (pid {os.getpid()}) [build.locked]"
    )
    with build_lock(tmp_path):  # released
        pass
