"""Same inputs, same bytes (case 29): whatever the hash seed, time zone, locale, file order or mtimes.

Dates that need "now" come from SOURCE_DATE_EPOCH; line ends and a BOM in the inputs change nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path

import pytest

from tests.conftest import REPO, tree_digest
from tests.invariants import build_inproc, build_subprocess, subprocess_env

EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC
PROJECT_PARTS = ("site.yaml", "seeds", "content", "templates", "static")


def story_files() -> dict[str, bytes]:
    """Every input file of the repository's default story, by project-relative path."""
    files: dict[str, bytes] = {}
    for part in PROJECT_PARTS:
        src = REPO / part
        paths = [src] if src.is_file() else sorted(p for p in src.rglob("*") if p.is_file()) if src.is_dir() else []
        for path in paths:
            files[path.relative_to(REPO).as_posix()] = path.read_bytes()
    return files


def make_project(root: Path, files: dict[str, bytes], order: list[str], mtime_seed: int) -> Path:
    """Create ``files`` under ``root`` in ``order``, each with a different, seeded mtime."""
    rng = random.Random(mtime_seed)
    for rel in order:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[rel])
        stamp = rng.randint(1_000_000_000, 1_900_000_000)
        os.utime(path, (stamp, stamp))
    return root


def differing(a: dict[str, str], b: dict[str, str]) -> list[str]:
    """Paths whose digests differ or that exist on one side only."""
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def test_two_builds_in_different_environments_are_byte_identical(tmp_path: Path) -> None:
    """PYTHONHASHSEED, TZ, LANG/LC_ALL, creation order, mtimes and folder names differ; every byte is the same."""
    files = story_files()
    names = sorted(files)
    shuffled = names[:]
    random.Random(29).shuffle(shuffled)
    first = make_project(tmp_path / "first", files, names, mtime_seed=1)
    second = make_project(tmp_path / "second-elsewhere", files, shuffled, mtime_seed=2)
    runs = [
        (
            first,
            subprocess_env(PYTHONHASHSEED="1", TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH=EPOCH),
        ),
        (
            second,
            subprocess_env(
                PYTHONHASHSEED="4242",
                TZ="Pacific/Kiritimati",
                LANG="tr_TR.UTF-8",
                LC_ALL="tr_TR.UTF-8",
                SOURCE_DATE_EPOCH=EPOCH,
            ),
        ),
    ]
    for project, env in runs:
        result = build_subprocess(project, env=env)
        assert result.code == 0, result.err
    a, b = tree_digest(first / "public"), tree_digest(second / "public")
    assert len(a) > 20
    assert differing(a, b) == []


def test_dates_come_from_source_date_epoch_not_the_clock(tmp_path: Path) -> None:
    """Only SOURCE_DATE_EPOCH's date appears as a build date; today's date appears nowhere."""
    files = story_files()
    project = make_project(tmp_path / "story", files, sorted(files), mtime_seed=3)
    result = build_subprocess(project, env=subprocess_env(SOURCE_DATE_EPOCH=EPOCH))
    assert result.code == 0, result.err
    public = project / "public"
    text = "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted(public.rglob("*"))
        if p.suffix in (".html", ".xml", ".txt", ".json")
    )
    today = dt.datetime.now(dt.UTC).date()
    for day in (today, today - dt.timedelta(days=1), today + dt.timedelta(days=1)):
        assert day.isoformat() not in text, f"the clock's date {day} leaked into the output"
    assert "2023-11-14" in (public / "feed.xml").read_text(encoding="utf-8")


def test_crlf_and_bom_inputs_give_the_same_story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default story saved by a Windows editor (CRLF, BOM on every text file) builds to the same bytes."""
    files = story_files()
    lf = make_project(tmp_path / "lf", files, sorted(files), mtime_seed=4)
    windows = {
        rel: b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n") if rel.endswith((".md", ".txt", ".yaml")) else data
        for rel, data in files.items()
    }
    crlf = make_project(tmp_path / "crlf", windows, sorted(windows), mtime_seed=5)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    for project in (lf, crlf):
        result = build_inproc(project)
        assert result.code == 0, result.err
    assert differing(tree_digest(lf / "public"), tree_digest(crlf / "public")) == []
