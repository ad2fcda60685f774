"""Rendered pages → an offline full-text search index (Pagefind) under ``pagefind/``.

Pagefind's PyPI package ships its binary; running it once over a folder of the
pages takes a tenth of a second at 100 pages, where its Python service API waits
0.1 s per page. The folder holds each page cut down to what Pagefind reads (the
``<head>`` and the ``data-pagefind-body`` element: the same index, a third less
to write), and when the build has a cache folder it is kept there between builds
and only the pages that changed are rewritten.

A large site is indexed in shards of about ``SHARD_PAGES`` pages, each page in
the shard its path hashes to: the first shard's bundle is ``pagefind/``, the
others' ``pagefind/shard-N/``, listed in ``pagefind/shards.json`` for the search
script to merge. Pagefind's memory and time grow with the pages it is given, so
a shard bounds the memory, and a one-page edit re-indexes one shard.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from pathlib import Path

from sitegen.errors import Location, SitegenError
from sitegen.output import File, safe_relpath
from sitegen.render import Output

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


def in_folder(bundle: Iterable[Output], folder: str) -> list[Output]:
    """A ``pagefind/`` bundle moved to ``folder``."""
    return [Output(folder + o.path[len(INDEX_DIR) :], o.data) for o in bundle]


def search_index(outputs: Iterable[File], language: str, workdir: Path | None = None) -> list[Output]:
    """The Pagefind bundle for the HTML ``outputs`` (pages marked ``data-pagefind-body``).

    ``workdir`` (made if missing) keeps the pages Pagefind reads between calls; without it a temporary folder is used.
    """
    return start_index(outputs, language, workdir)()


def start_index(outputs: Iterable[File], language: str, workdir: Path | None = None) -> Callable[[], list[Output]]:
    """:func:`search_index` with Pagefind left running: call the answer for the bundle (it waits for Pagefind).

    The build draws social cards meanwhile. A failure to start raises here; a failed run raises from the call.
    """
    pages = {safe_relpath(o.path).as_posix(): extract(o.data) for o in outputs if o.path.endswith(".html")}
    held = ExitStack()
    try:
        if workdir is not None:
            try:
                workdir.mkdir(parents=True, exist_ok=True)
                lock = held.enter_context(open(workdir / "lock", "w"))  # noqa: SIM115 - held until the bundle is read
            except OSError:
                workdir = None  # a cache folder that cannot be written: index in a temporary one
            else:
                fcntl.flock(lock, fcntl.LOCK_EX)  # two builds of one project never share the folder half-written
        if workdir is None:
            workdir = Path(held.enter_context(tempfile.TemporaryDirectory(prefix="sitegen-search-")))
        finish = _index(pages, workdir, language)
    except BaseException:
        held.close()
        raise

    def result() -> list[Output]:
        with held:
            return finish()

    return result


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


def _sync(pages: dict[str, bytes], site: Path) -> None:
    """Make the folder ``site`` hold exactly ``pages``, writing only the files that differ."""
    for root, dirs, files in os.walk(site, topdown=False):
        for name in files + dirs:
            path = Path(root, name)
            rel = path.relative_to(site).as_posix()
            if path.is_symlink() or (path.is_file() and rel not in pages):
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    for rel, data in pages.items():
        target = site / rel
        try:
            if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
                continue
        except OSError:
            pass
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _index(pages: dict[str, bytes], workdir: Path, language: str) -> Callable[[], list[Output]]:
    """Start Pagefind over ``pages`` kept in ``workdir``; the answer waits for it and reads the bundle."""
    site = workdir / "site"
    bundle = workdir / "bundle"
    shutil.rmtree(bundle, ignore_errors=True)
    try:
        _sync(pages, site)
    except OSError as exc:
        shutil.rmtree(site, ignore_errors=True)  # the next build starts from an empty folder
        raise SitegenError(f"search indexing failed: {exc}", Location(INDEX_DIR), "search.index") from None
    cmd = [
        str(executable()),
        "--site",
        str(site),
        "--output-path",
        str(bundle),
        "--keep-index-url",
        "--force-language",
        language.split("-")[0].lower(),
        "--quiet",
    ]
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        raise SitegenError(f"search indexing failed: {exc}", Location(INDEX_DIR), "search.index") from None

    def finish() -> list[Output]:
        try:
            out, err = proc.communicate(timeout=300)
        except subprocess.TimeoutExpired as exc:
            proc.kill()
            proc.communicate()
            raise SitegenError(f"search indexing failed: {exc}", Location(INDEX_DIR), "search.index") from None
        finally:
            if proc.poll() is None:  # interrupted while waiting: never leave Pagefind running
                proc.kill()
                proc.wait()
        if proc.returncode != 0:
            detail = (err or out).strip().splitlines()
            raise SitegenError(
                f"search indexing failed: {detail[-1] if detail else proc.returncode}",
                Location(INDEX_DIR),
                "search.index",
            )
        result = [
            Output(f"{INDEX_DIR}/{path.relative_to(bundle).as_posix()}", path.read_bytes())
            for path in sorted(bundle.rglob("*"))
            if path.is_file() and not path.name.startswith(_UNUSED)
        ]
        shutil.rmtree(bundle, ignore_errors=True)
        return result

    return finish


def executable() -> Path:
    """The Pagefind binary: ``PAGEFIND_BINARY_PATH``, else the one the ``pagefind[extended]`` package ships.

    Looked for where ``pagefind.service`` looks, beside the binary packages' code, without importing them.
    """
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return Path(override)
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            continue
        if spec is None or not spec.origin:
            continue
        for name in ("pagefind_extended", "pagefind"):
            found = Path(spec.origin).parent / name
            if found.is_file():
                return found
    external = shutil.which("pagefind_extended") or shutil.which("pagefind")
    if external is None:
        raise SitegenError(
            "the Pagefind binary is missing",
            Location(INDEX_DIR),
            "search.missing",
            hint="pip install 'pagefind[extended]'",
        )
    return Path(external)
