"""Rendered pages → an offline full-text search index (Pagefind, the binary its PyPI package ships) under
``pagefind/``, made from each page's ``<head>`` and ``data-pagefind-body`` element in a temporary folder.

A large site is indexed in shards of about ``SHARD_PAGES`` pages (Pagefind takes 900 MB for 5,000 pages at once):
the first shard's bundle is ``pagefind/``, the others' ``pagefind/shard-N/``, listed in ``pagefind/shards.json``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from subprocess import PIPE

from sitegen.errors import Location, SitegenError
from sitegen.model import File, Output
from sitegen.output import safe_relpath

INDEX_DIR = "pagefind"
# Bundle files the site's own search script never loads.
_UNUSED = ("pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.js", "pagefind-ui.")
SHARD_PAGES = 400
SHARDS_FILE = "shards.json"


def shard_pages(outputs: Iterable[File]) -> list[list[File]]:
    """The HTML ``outputs`` split into shards of about ``SHARD_PAGES`` pages by a hash of each path; by path in each."""
    size = SHARD_PAGES
    pages = sorted((o for o in outputs if o.path.endswith(".html")), key=lambda o: o.path)
    count = max(1, -(-len(pages) // size))
    shards: list[list[File]] = [[] for _ in range(count)]
    for page in pages:
        shards[int.from_bytes(hashlib.sha256(page.path.encode()).digest()[:8], "big") % count].append(page)
    return shards


def shard_dir(n: int) -> str:
    """Where shard ``n``'s bundle goes: the first is the site's main index."""
    return INDEX_DIR if n == 0 else f"{INDEX_DIR}/shard-{n}"


def shards_list(count: int) -> Output:
    """``pagefind/shards.json``: the folders of the shards after the first, relative to ``pagefind/``."""
    names = [shard_dir(n)[len(INDEX_DIR) + 1 :] + "/" for n in range(1, count)]
    return Output(f"{INDEX_DIR}/{SHARDS_FILE}", json.dumps(names).encode())


@dataclass(frozen=True, slots=True)
class Bundled:
    """A file of Pagefind's bundle, read from where Pagefind wrote it only when it is written into the site."""

    path: str
    source: Path

    @property
    def data(self) -> bytes:
        """The file's bytes."""
        return self.source.read_bytes()


@contextmanager
def search_index(pages: Sequence[File], language: str) -> Iterator[Callable[[], Iterator[File]]]:
    """Start Pagefind over the HTML ``pages`` (those marked ``data-pagefind-body``), one run per shard; yields
    a function that waits for it and gives the bundle's files. Pagefind runs meanwhile (the build draws the
    social cards), and is never left running: on the way out it is stopped and its folder removed."""
    shards = shard_pages(pages)
    with ExitStack() as held:
        runs = []
        for n, shard in enumerate(shards):
            workdir = Path(held.enter_context(tempfile.TemporaryDirectory(prefix="sitegen-search-")))
            runs.append((n, workdir, held.enter_context(_pagefind(shard, workdir, language))))

        def bundle() -> Iterator[File]:
            yield shards_list(len(shards))
            for n, workdir, finish in runs:
                finish()
                out = workdir / "bundle"
                for path in sorted(out.rglob("*")):
                    if path.is_file() and not path.name.startswith(_UNUSED):
                        yield Bundled(f"{shard_dir(n)}/{path.relative_to(out).as_posix()}", path)

        yield bundle


def extract(html: bytes) -> bytes:
    """What Pagefind reads of a page: its ``<head>`` and its ``data-pagefind-body`` element (all of it if none)."""
    start = html.find(b"<main")
    end = html.rfind(b"</main>")
    head_end = html.find(b"</head>")
    if min(start, end, head_end) < 0 or b"data-pagefind-body" not in html[start : html.find(b">", start)]:
        return html
    if html.count(b"data-pagefind-body") != 1 or html.count(b"<main") != 1:
        return html
    return html[:head_end] + b"</head><body>" + html[start : end + len(b"</main>")] + b"</body></html>"


@contextmanager
def _pagefind(pages: Sequence[File], workdir: Path, language: str) -> Iterator[Callable[[], None]]:
    """Pagefind started over ``pages`` (written into ``workdir/site``, the bundle into ``workdir/bundle``);
    yields a function that waits for it to end, and raises when it failed."""
    site = workdir / "site"
    try:
        for page in pages:
            target = site.joinpath(*safe_relpath(page.path).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(extract(page.data))
        args = ["--site", str(site), "--output-path", str(workdir / "bundle"), "--keep-index-url", "--quiet"]
        language_flag = ["--force-language", language.split("-")[0].lower()]
        proc = subprocess.Popen([str(executable()), *args, *language_flag], stdout=PIPE, stderr=PIPE, text=True)
    except OSError as exc:
        raise _failed(exc) from None

    def finish() -> None:
        try:
            out, err = proc.communicate(timeout=300)
        except subprocess.TimeoutExpired as exc:
            raise _failed(exc) from None
        if proc.returncode != 0:
            detail = (err or out).strip().splitlines()
            raise _failed(detail[-1] if detail else proc.returncode)

    try:
        yield finish
    finally:
        if proc.poll() is None:  # stopped early (an error, Ctrl-C): never leave Pagefind running
            proc.kill()
            proc.communicate()


def _failed(detail: object) -> SitegenError:
    return SitegenError(f"search indexing failed: {detail}", Location(INDEX_DIR), "search.index")


def executable() -> Path:
    """The Pagefind binary: ``PAGEFIND_BINARY_PATH``, else the one the ``pagefind[extended]`` package ships (found
    where ``pagefind.service`` looks, beside the binary packages' code, without importing them)."""
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return Path(override)
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            origin = getattr(importlib.util.find_spec(module), "origin", None)
        except (ImportError, ValueError):
            origin = None
        for found in [Path(origin).parent / name for name in ("pagefind_extended", "pagefind")] if origin else []:
            if found.is_file():
                return found
    external = shutil.which("pagefind_extended") or shutil.which("pagefind")
    if external is None:
        hint = "pip install 'pagefind[extended]'"
        raise SitegenError("the Pagefind binary is missing", Location(INDEX_DIR), "search.missing", hint=hint)
    return Path(external)
