"""Fixtures for the browser tests (a pytest plugin loaded by conftest): the default site and a real story drafted
by ``sitegen curate``, each built and served; Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from sitegen.build import build
from sitegen.cli import main

REPO = Path(__file__).resolve().parent.parent
STORY = REPO.parent / "shared" / "stories" / "nippon-steel-us-steel"  # read where it lies, never copied in
PROJECT_PARTS = ("site.yaml", "seeds", "content", "templates", "static")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@dataclass(frozen=True)
class ServedSite:
    """A built site: its output folder, the URL it is served at, and its HTML pages (home first)."""

    root: Path
    base: str
    pages: tuple[str, ...]

    def url(self, page: str) -> str:
        """The served URL of the output file ``page``."""
        return self.base + page

    def html(self, page: str) -> str:
        """The built HTML of ``page``."""
        return (self.root / page).read_text(encoding="utf-8")


def copy_project(src: Path, dest: Path) -> Path:
    """The project's inputs copied to ``dest``, so a build never writes into the repository."""
    dest.mkdir(parents=True)
    for name in PROJECT_PARTS:
        if (src / name).is_dir():
            shutil.copytree(src / name, dest / name)
        elif (src / name).is_file():
            shutil.copy2(src / name, dest / name)
    return dest


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(root: Path) -> Iterator[ServedSite]:
    """The built site in ``root``, served over HTTP on 127.0.0.1 while the block runs."""
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    pages = sorted((p.relative_to(root).as_posix() for p in root.rglob("*.html")), key=lambda p: (p != "index.html", p))
    try:
        yield ServedSite(root, f"http://127.0.0.1:{server.server_address[1]}/", tuple(pages))
    finally:
        if thread.is_alive():  # shutdown() would wait forever for a loop that is gone
            server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The repository's default site, built in a temporary folder and served over HTTP (once per run)."""
    project = copy_project(REPO, tmp_path_factory.mktemp("default") / "project")
    result = build(project)
    with served(project / result.site.config.output_dir) as site:
        yield site


@pytest.fixture(scope="session")
def story_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """A real story as an editor starts one: ``init``, its dumps in ``seeds/``, ``curate``, ``build``; served."""
    dumps = sorted(STORY.glob("*.txt"))
    assert dumps, f"the story corpus is missing at {STORY}: it is laid beside the checkout"
    project = tmp_path_factory.mktemp("story") / "project"
    assert main(["init", str(project), "--title", "Nippon Steel and U.S. Steel"]) == 0
    for dump in dumps:
        shutil.copy2(dump, project / "seeds" / dump.name)
    assert main(["curate", "-C", str(project)]) == 0
    assert main(["build", "-C", str(project)]) == 0
    with served(project / "public") as site:
        yield site


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless; a missing browser fails the tests rather than skipping them."""
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: install Debian's chromium (scripts/test.sh does)"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
