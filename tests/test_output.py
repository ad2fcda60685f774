"""sitegen/output.py: the only writer of the output folder: the whole site staged, then swapped in at once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.errors import SitegenError
from sitegen.model import Output
from sitegen.output import LOCK_FILE, build_lock, clean_leftovers, safe_relpath, write_site
from tests.conftest import tree_digest

SITE = [Output("index.html", b"<h1>home</h1>"), Output("404.html", b"gone"), Output("a/b/index.html", b"deep")]


def test_the_site_is_written_whole_and_replaces_the_last_one(tmp_path: Path) -> None:
    out = tmp_path / "public"
    assert write_site(out, SITE, [Output("feed.xml", b"<feed/>")]) == 4
    assert tree_digest(out).keys() == {"index.html", "404.html", "a/b/index.html", "feed.xml"}
    assert write_site(out, [Output("index.html", b"new"), Output("404.html", b"gone")]) == 2
    assert sorted(tree_digest(out)) == ["404.html", "index.html"]  # nothing of the last site is left
    assert (out / "index.html").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]  # no staging folder left behind


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
    (tmp_path / "public.staging-123").mkdir()
    out.rename(tmp_path / "public.old-456")  # killed between the two renames of the fallback swap
    clean_leftovers(out)
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


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
