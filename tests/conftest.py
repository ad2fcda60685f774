"""Shared fixtures: tiny projects built in tmp_path, never in the repo."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

# The browser tests' fixtures: the default site built once and served (default_site), Chromium (chromium).
pytest_plugins = ["tests.browser_support"]

REPO = Path(__file__).resolve().parent.parent
REPO_SEEDS = REPO / "seeds"

MINIMAL_SEED = """\
Ministry Opens New Bridge Over the River
By Jane Doe | March 3, 2025
The city opened a new bridge over the river on Monday after three years of work.
Officials said the bridge would cut commuting times for about 40,000 people a day.
Sign up for our newsletter
"""


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Create ``files`` (relative path → text or bytes) under ``root``."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


MakeSite = Callable[..., Path]


@pytest.fixture
def make_site(tmp_path: Path) -> MakeSite:
    """make_site(files={...}, default_seeds=False) → a project folder in tmp_path.

    Starts from a site.yaml and one small seed unless ``files`` replaces them;
    ``default_seeds=True`` copies the repo's five dumps and sources.yaml instead. The site.yaml says
    ``draft_missing: false``: a build writes only what a test puts in content/ (tests/test_build_drafts.py drafts).
    """

    def make(files: dict[str, str | bytes] | None = None, default_seeds: bool = False, name: str = "site") -> Path:
        root = tmp_path / name
        root.mkdir()
        base: dict[str, str | bytes] = {"site.yaml": "title: Test site\nbase_url: /\ndraft_missing: false\n"}
        if default_seeds:
            shutil.copytree(REPO_SEEDS, root / "seeds")
        else:
            base["seeds/bridge.txt"] = MINIMAL_SEED
        base.update(files or {})
        write_files(root, base)
        return root

    return make


def tree_digest(root: Path) -> dict[str, str]:
    """Relative path → sha256 of every file under ``root`` (symlinks by their target)."""
    out: dict[str, str] = {}
    if not root.exists():
        return out
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + str(path.readlink())
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
