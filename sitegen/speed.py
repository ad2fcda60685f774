"""Everything sitegen does only to be fast: the preview's memo and the process pool (``docs/performance.md``).

The memo gives a stage back what it made in an earlier build when what it reads is unchanged, keyed by a digest
of exactly that: the files of ``seeds/``; a page and the sources; the templates; a page's own values and the
Site fields its templates read (:class:`ReadingSite`). Only ``sitegen serve`` keeps one."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any, TypeVar

from sitegen.model import File, Output, Source
from sitegen.progress import Progress
from sitegen.site import Site

Indexing = AbstractContextManager[Callable[[], Iterable[File]]]  # a search index being made, and its files
T = TypeVar("T")
S = TypeVar("S")
R = TypeVar("R")

PARALLEL_MIN = 48  # fewer items than this are done in this process: forking the workers costs about 20 pages
_SITE_FIELDS = tuple(f.name for f in dataclasses.fields(Site))


def digest(*parts: object) -> str:
    """A hex key for ``parts`` (by their ``repr``: frozen dataclasses, tuples, text, bytes, dates)."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def folder_digest(folder: Path) -> str:
    """A digest of every entry directly in ``folder``: names, and the bytes of the regular files."""
    parts: list[object] = []
    if folder.is_dir():
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.is_file(follow_symlinks=False):
                try:
                    with open(entry.path, "rb") as fh:
                        parts.append((entry.name, hashlib.blake2b(fh.read(), digest_size=16).digest()))
                except OSError as exc:  # the stage that reads it for real reports it
                    parts.append((entry.name, "unreadable", exc.errno))
            else:
                parts.append((entry.name, "not a file", entry.is_symlink()))
    return digest(str(folder), parts)


# -- the process pool ---------------------------------------------------------------------------------------


def jobs() -> int:
    """How many processes the per-item work may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_SHARED: list[Any] = []  # in a worker process only: (work, shared), set once by its initializer


def _share(work: Callable[[Any, Any], Any], shared: Any) -> None:
    _SHARED[:] = [work, shared]


def _run(batch: Any) -> Any:
    work, shared = _SHARED
    return work(shared, batch)


def in_parallel(
    work: Callable[[S, Sequence[T]], list[R]], shared: S, items: Sequence[T], progress: Progress | None = None
) -> Iterator[R]:
    """The results of ``work(shared, batch)`` over batches of ``items``, in order: in worker processes when there are
    enough items to pay for them (``work`` then a module-level function, ``shared`` sent once to each worker)."""
    progress = progress or Progress()
    parallel = len(items) >= PARALLEL_MIN and jobs() > 1
    size = max(1, min(16, len(items) // (jobs() * 4))) if parallel else 16
    batches = [items[i : i + size] for i in range(0, len(items), size)]
    if not parallel:
        for batch in batches:
            for result in work(shared, batch):
                yield result
                progress.advance()
        return
    # imported here, at first use: multiprocessing takes 35 ms to import, and a small site never needs it
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    context = get_context("fork")  # the workers start from this process as it is: nothing is imported again
    pool = ProcessPoolExecutor(jobs(), mp_context=context, initializer=_share, initargs=(work, shared))
    try:
        for results in pool.map(_run, batches):
            for result in results:
                yield result
                progress.advance()
    finally:  # on an error or Ctrl-C, the work not yet started is dropped rather than waited for
        pool.shutdown(wait=True, cancel_futures=True)


# -- the memo -----------------------------------------------------------------------------------------------


class ReadingSite(Site):
    """A Site that notes which of its fields are read, by templates, helpers and its own methods alike."""

    __slots__ = ("fields_read",)
    fields_read: set[str]

    def __getattribute__(self, name: str) -> Any:
        if name in _SITE_FIELDS:
            object.__getattribute__(self, "fields_read").add(name)
        return object.__getattribute__(self, name)


def reading(site: Site) -> ReadingSite:
    """``site`` as a ReadingSite that has read nothing yet."""
    view = ReadingSite(**{name: getattr(site, name) for name in _SITE_FIELDS})
    object.__setattr__(view, "fields_read", set())
    return view


@dataclasses.dataclass(frozen=True, slots=True)
class _Rendered:
    """A rendered page, the digest of every Site field it read, and its own key (what later stages key it by)."""

    output: File
    read: tuple[tuple[str, str], ...]
    key: str


class Memo:
    """Stage results of the last good build for the next one; a good build drops what it did not use (one site's
    worth is kept). ``rendered``, ``reused`` and ``stale_search`` say what the last build did."""

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self._last: dict[str, object] = {}  # entries of the last good build (and of failed ones since)
        self._now: dict[str, object] = {}  # entries the build under way made or used
        self._keys: dict[int, tuple[object, str]] = {}  # id(value) → (value, the key it was made under)
        self._field_keys: dict[str, str] = {}
        self._search: list[File] | None = None
        self.rendered = self.reused = 0
        self.stale_search = False

    def size(self) -> int:
        """How many values the memo holds."""
        return len(self._last) + len(self._now)

    @classmethod
    def off(cls) -> Memo:
        """A memo that remembers nothing (``sitegen build``)."""
        return cls(keep=False)

    @contextmanager
    def build(self) -> Iterator[None]:
        """One build: after a good one, forget what it did not use; after a failed one, forget nothing."""
        self._field_keys = {}
        self.rendered = self.reused = 0
        try:
            yield
        except BaseException:
            self._last.update(self._now)
            self._now = {}
            raise
        self._last, self._now = self._now, {}
        live = {id(v) for v in self._last.values()}
        live.update(id(x) for v in self._last.values() if isinstance(v, tuple) for x in v)
        self._keys = {i: vk for i, vk in self._keys.items() if i in live}

    def key(self, value: object) -> str:
        """A value's content key: the key it was made under, else a digest of its parts or of its ``repr``."""
        known = self._keys.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        if isinstance(value, tuple) and any(id(x) in self._keys for x in value):
            return digest("tuple", *(self.key(x) for x in value))
        return digest(value)

    def _get(self, key: str) -> object | None:
        found = self._now.get(key)
        if found is None:
            found = self._last.pop(key, None)
            if found is not None:
                self._now[key] = found
        return found

    def _put(self, key: str, value: T) -> T:
        """Remember ``value`` under ``key``; the elements of a tuple get keys made from it."""
        self._now[key] = value
        self._keys[id(value)] = (value, key)
        if isinstance(value, tuple):
            for n, part in enumerate(value):
                self._keys[id(part)] = (part, digest(key, n))
        return value

    def value(self, kind: str, reads: Callable[[], Sequence[object]], make: Callable[[], T]) -> T:
        """``make()``, or what it made before from reads with the same keys; ``reads`` are asked for only when
        the memo keeps anything."""
        if not self.keep:
            return make()
        key = digest(kind, *(self.key(r) for r in reads()))
        found = self._get(key)
        if found is not None:
            self._keys[id(found)] = (found, key)
            return found  # type: ignore[return-value]
        return self._put(key, make())

    def each(
        self,
        kind: str,
        items: Sequence[S],
        reads: Callable[[S], Sequence[object]],
        make: Callable[[Sequence[S]], Iterable[R]],
    ) -> Iterable[R]:
        """``make(items)``, one result per item, ``make`` being given only the items whose reads changed;
        without a memo, made as they are asked for."""
        if not self.keep:
            return make(items)
        keys = [digest(kind, *(self.key(r) for r in reads(item))) for item in items]
        found = [self._get(k) for k in keys]
        todo = [n for n, hit in enumerate(found) if hit is None]
        for n, result in zip(todo, make([items[n] for n in todo]), strict=True):
            found[n] = self._put(keys[n], result)
        return found  # type: ignore[return-value]

    def sources(self, project: Path, make: Callable[[], tuple[Source, ...]]) -> tuple[Source, ...]:
        """The sources: ``make()``, again only when a file in ``seeds/`` changed."""
        return self.value("sources", lambda: [folder_digest(project / "seeds")], make)

    def render(self, own: Callable[[], Sequence[object]], site: Site, render: Callable[[Site], File]) -> File:
        """``render(site)`` for one page, or the page made before when its own values (``own()``) and every
        Site field it read then are unchanged."""
        if not self.keep:
            return render(site)
        key = digest("render", *(self.key(part) for part in own()))
        found = self._get(key)
        if isinstance(found, _Rendered) and all(self._field_key(site, f) == k for f, k in found.read):
            self.reused += 1
        else:
            view = reading(site)
            output = render(view)
            self.rendered += 1
            read = tuple((f, self._field_key(site, f)) for f in sorted(view.fields_read))
            found = self._put(key, _Rendered(output, read, digest(key, read)))
        self._keys[id(found.output)] = (found.output, found.key)  # the cards and the search index key pages by it
        return found.output

    def _field_key(self, site: Site, name: str) -> str:
        if name not in self._field_keys:
            self._field_keys[name] = self.key(getattr(site, name))
        return self._field_keys[name]

    def cards(
        self, pages: Sequence[File], base_url: str, draw: Callable[[Sequence[File], str], Iterator[list[Output]]]
    ) -> Iterable[list[Output]]:
        """Each page's social cards: ``draw(pages, base_url)`` is given only the pages that changed."""

        def reads(page: File) -> tuple[object, ...]:
            return (base_url, page) if page.path.endswith(".html") else (page.path,)  # only pages have cards

        return self.each("card", pages, reads, lambda todo: draw(todo, base_url))

    def search(
        self, pages: Sequence[File], language: str, fresh: bool, index: Callable[[Sequence[File], str], Indexing]
    ) -> Indexing:
        """``index(pages, language)``: the search bundle. With ``fresh`` False the last bundle is taken even
        when the pages changed since (``stale_search`` then says so), so a save need not wait for Pagefind."""
        if not self.keep:
            return index(pages, language)
        key = digest("search", language, *(self.key(p) for p in pages if p.path.endswith(".html")))
        found = self._get(key)
        if isinstance(found, list):
            self._search, self.stale_search = found, False
            return nullcontext(lambda: found)
        if not fresh and self._search is not None:
            last, self.stale_search = self._search, True
            return nullcontext(lambda: last)
        return self._indexing(key, index(pages, language))

    @contextmanager
    def _indexing(self, key: str, running: Indexing) -> Iterator[Callable[[], Iterable[File]]]:
        with running as bundle:

            def kept() -> list[File]:
                files: list[File] = [Output(f.path, f.data) for f in bundle()]
                self._search, self.stale_search = self._put(key, files), False
                return files

            yield kept
