"""Fixture sites: each folder of ``tests/sites/`` is a tiny real project showing one behaviour, built as
``sitegen build`` builds it and compared with its golden output in ``expected/``.

- A site that builds has ``expected/public/``: every file the build writes, byte for byte, except the files
  listed by path only in ``expected/files.txt``: the built-in assets (``assets/``: copies of sitegen's own
  stylesheet and scripts, compared with them), the social cards (``card.png``: checked to be 1200x630 PNGs)
  and Pagefind's bundle (``pagefind/``: its folder only), whose bytes change with Pillow and Pagefind, and the
  output marker (checked to list every file built).
- A site that fails has ``expected/diagnostics.txt``: what ``sitegen build`` prints on stderr, exactly.

After a change that alters output on purpose, regenerate every golden and review the diff:

    SITEGEN_REGEN_GOLDEN=1 .venv/bin/pytest tests/test_sites.py
"""

from __future__ import annotations

import difflib
import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from sitegen.output import MARKER, SIGNATURE
from sitegen.render.theme import package_dir
from tests.conftest import tree_digest
from tests.invariants import build_inproc

SITES = Path(__file__).resolve().parent / "sites"
REGEN = os.environ.get("SITEGEN_REGEN_GOLDEN") == "1"
INPUTS = ("site.yaml", "seeds", "content", "templates", "static")


def fixture_sites() -> list[str]:
    return sorted(p.name for p in SITES.iterdir() if (p / "site.yaml").is_file())


def listed(rel: str) -> str | None:
    """How a file appears in ``files.txt`` when it is not kept byte for byte, or None when it is kept."""
    if rel.startswith("pagefind/"):
        return "pagefind/"
    if rel.startswith("assets/") or rel.endswith("/card.png") or rel in ("card.png", MARKER):
        return rel
    return None


def copy_inputs(site: Path, project: Path) -> Path:
    project.mkdir()
    for name in INPUTS:
        if (site / name).is_dir():
            shutil.copytree(site / name, project / name)
        elif (site / name).is_file():
            shutil.copy2(site / name, project / name)
    (project / "seeds").mkdir(exist_ok=True)
    return project


def golden(public: Path) -> tuple[dict[str, bytes], list[str]]:
    """The files kept byte for byte, and the listing of the others."""
    kept: dict[str, bytes] = {}
    others: set[str] = set()
    for path in sorted(public.rglob("*")):
        if path.is_file():
            rel = path.relative_to(public).as_posix()
            shown = listed(rel)
            if shown is None:
                kept[rel] = path.read_bytes()
            else:
                others.add(shown)
    return kept, sorted(others)


def regenerate(expected: Path, code: int, err: str, public: Path) -> None:
    shutil.rmtree(expected, ignore_errors=True)
    expected.mkdir()
    if code != 0:
        (expected / "diagnostics.txt").write_text(err, encoding="utf-8")
        return
    kept, others = golden(public)
    for rel, data in kept.items():
        (expected / "public" / rel).parent.mkdir(parents=True, exist_ok=True)
        (expected / "public" / rel).write_bytes(data)
    (expected / "files.txt").write_text("".join(f"{rel}\n" for rel in others), encoding="utf-8")


def text_diff(name: str, want: bytes, got: bytes) -> str:
    lines = difflib.unified_diff(
        want.decode("utf-8", "replace").splitlines(),
        got.decode("utf-8", "replace").splitlines(),
        f"expected/{name}",
        f"built/{name}",
        lineterm="",
        n=2,
    )
    return "\n".join(list(lines)[:60])


@pytest.mark.parametrize("name", fixture_sites())
def test_fixture_site_builds_its_golden_output(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = SITES / name
    project = copy_inputs(site, tmp_path / "project")
    result = build_inproc(project)
    public = project / "public"
    expected = site / "expected"
    if REGEN:
        regenerate(expected, result.code, result.err, public)
    if (expected / "diagnostics.txt").is_file():
        assert result.code == 1, result.err
        want = (expected / "diagnostics.txt").read_text(encoding="utf-8")
        assert result.err == want, text_diff("diagnostics.txt", want.encode(), result.err.encode())
        assert not public.exists()
        return
    assert result.code == 0, result.err
    kept, others = golden(public)
    want_kept = {
        path.relative_to(expected / "public").as_posix(): path.read_bytes()
        for path in sorted((expected / "public").rglob("*"))
        if path.is_file()
    }
    assert sorted(kept) == sorted(want_kept)
    for rel, data in kept.items():
        assert data == want_kept[rel], text_diff(rel, want_kept[rel], data)
    assert others == (expected / "files.txt").read_text(encoding="utf-8").splitlines()
    own_static = project / "static"
    for rel in others:
        if rel.startswith("assets/"):
            shipped = own_static / rel[len("assets/") :]
            if not shipped.is_file():
                shipped = package_dir("static") / rel[len("assets/") :]
            assert (public / rel).read_bytes() == shipped.read_bytes(), rel
        elif rel == MARKER:
            built = sorted(p.relative_to(public).as_posix() for p in public.rglob("*") if p.is_file())
            assert (public / MARKER).read_text(encoding="utf-8") == SIGNATURE + "".join(
                f"{path}\n" for path in built if path != MARKER
            )
        elif rel.endswith("card.png"):
            with Image.open(io.BytesIO((public / rel).read_bytes())) as card:
                assert (card.format, card.size) == ("PNG", (1200, 630)), rel
        else:
            assert (public / "pagefind" / "pagefind-entry.json").is_file()


def test_every_fixture_site_has_a_golden_and_no_golden_is_left_without_a_site() -> None:
    for name in fixture_sites():
        expected = SITES / name / "expected"
        assert (expected / "diagnostics.txt").is_file() or (expected / "files.txt").is_file(), name
    assert sorted(p.name for p in SITES.iterdir() if p.is_dir()) == fixture_sites()
    assert len(fixture_sites()) >= 12


def test_a_fixture_site_builds_the_same_bytes_twice(tmp_path: Path) -> None:
    first = copy_inputs(SITES / "citations", tmp_path / "a")
    second = copy_inputs(SITES / "citations", tmp_path / "b")
    assert build_inproc(first).code == 0 and build_inproc(second).code == 0
    assert tree_digest(first / "public") == tree_digest(second / "public")
