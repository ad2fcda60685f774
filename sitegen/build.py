"""The orchestrator: read everything, resolve, assemble, render into a staging folder, then swap it in."""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.cache import Cache, Stamp, inputs_digest, stamp_key
from sitegen.check import raise_broken_links
from sitegen.claims import Claim, Event, load_claims, load_timeline
from sitegen.config import SiteConfig, load_config
from sitegen.errors import Problems, SitegenError
from sitegen.helper import helping
from sitegen.incremental import (
    CachedLinks,
    CachedRenderer,
    cached_cards,
    cached_ingest,
    cached_parse,
    cached_search,
    cite_pages,
    draw_cards,
    fields_key,
    templates_digest,
)
from sitegen.ingest import ingest
from sitegen.output import File, Stager, build_lock
from sitegen.pages import read_pages
from sitegen.progress import Progress
from sitegen.publish import previous_files, record
from sitegen.render import Renderer, TemplateBytecode, make_environment, static_files
from sitegen.search import start_index
from sitegen.site import Site, assemble


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build made, for the summary line."""

    site: Site
    outputs: tuple[File, ...]
    seconds: float
    reused: int = 0  # pages taken from the cache instead of rendered
    renderer: Renderer | None = dataclasses.field(default=None, compare=False, repr=False)  # for quick rebuilds

    @property
    def pages(self) -> int:
        """HTML pages written."""
        return sum(1 for o in self.outputs if o.path.endswith(".html"))

    def summary(self) -> str:
        """``built N pages (M reused from cache) from S sources in T s``."""
        return (
            f"built {self.pages} pages ({self.reused} reused from cache) from {len(self.site.sources)} sources"
            f" in {self.seconds:.2f} s"
        )


def render_project(
    project: Path,
    base_url: str | None = None,
    cache: Cache | None = None,
    progress: Progress | None = None,
    keep: Callable[[File], File] | None = None,
    helper: bool = False,
) -> BuildResult:
    """Build the whole site, reusing what ``cache`` holds; raises SitegenError listing every problem.

    Every output passes through ``keep`` as soon as it is made (the build stages it on disk there
    and keeps only a stand-in); without it the whole site is held in memory. With ``helper``, a
    build whose templates are not in the cache yet forks a helper (``sitegen.helper``) to compile
    them and draw the cards on another core.
    """
    keep = keep or (lambda out: out)
    start = time.perf_counter()
    cache, progress = cache or Cache.off(), progress or Progress()
    config = load_config(project)
    if base_url is not None:
        config = config.with_base_url(base_url)
    templates_key = templates_digest(project)
    cold = cache.get("fields", fields_key(cache.salt, templates_key, "page.html")) is None
    with helping(project, helper and cold) as assistant:
        sources = cached_ingest(project, cache, lambda p: ingest(p).sources)
        by_id = {s.id: s for s in sources}
        problems = Problems()
        raw_pages = read_pages(project, parse=cached_parse(cache), problems=problems)
        pages, errors = cite_pages(raw_pages, sources, cache, progress)
        for error in errors:
            problems.add(error)
        claims: tuple[Claim, ...] = ()
        timeline: tuple[Event, ...] = ()
        try:
            claims = load_claims(project, by_id)
        except SitegenError as exc:
            problems.add(exc)
        try:
            timeline = load_timeline(project, by_id)
        except SitegenError as exc:
            problems.add(exc)
        problems.raise_if_any()
        site = assemble(config, sources, pages, claims, timeline)
        env = make_environment(project, TemplateBytecode(cache))  # compiled templates are cached too
        renderer = CachedRenderer(site, env, static_files(project), cache, project, progress, keep, templates_key)
        if assistant is not None:
            renderer.learn(*assistant.templates())
        renderer.prerender()
        outputs = renderer.render_all()
        raise_broken_links(site, outputs, CachedLinks(cache, site, outputs))
        searched = cached_search(cache, outputs, site.config.language, start_index, keep)  # runs while cards are drawn
        try:
            draw_each = assistant.cards if assistant is not None else None
            cards = cached_cards(cache, outputs, site.config.base_url, progress, draw_cards, keep, draw_each)
        except BaseException:
            with contextlib.suppress(BaseException):
                searched()  # Pagefind is waited for, never left running
            raise
        outputs += cards + searched()  # both staged already, shard by shard and card by card
    return BuildResult(site, tuple(outputs), time.perf_counter() - start, renderer.reused, renderer)


def output_dir(project: Path, config: SiteConfig | None = None) -> Path:
    """The project's output folder."""
    config = config or load_config(project)
    return project / config.output_dir


def build(
    project: Path,
    base_url: str | None = None,
    cache: Cache | None = None,
    progress: Progress | None = None,
    inputs: str | None = None,
) -> BuildResult:
    """Build and write the site (only files that changed); the previous output stays as it was on any failure.

    ``inputs`` is the inputs' digest when the caller has just worked it out (``cache.check_inputs``).
    """
    start = time.perf_counter()
    cache, progress = cache or Cache.for_project(project), progress or Progress()
    succeeded = False
    with build_lock(project):
        try:
            inputs = inputs or inputs_digest(project, cache.salt)  # before reading: an edit during it is seen next time
            out_dir = output_dir(project)
            with Stager(out_dir, previous_files(out_dir, cache)) as stage:
                result = render_project(project, base_url, cache, progress, stage.keep, helper=True)
                stage.commit()
            record(out_dir, stage.digests, cache)
            cache.put("stamp", stamp_key(base_url), Stamp(inputs, str(out_dir), result.pages, len(result.site.sources)))
            succeeded = True
        finally:
            cache.close(succeeded)
            progress.finish()
    return dataclasses.replace(result, seconds=time.perf_counter() - start)


class Builder:
    """Incremental builds for the preview server: every cached value stays in memory between builds.

    ``Builder(project).build()`` builds like :func:`build`. Each later ``rebuild(changed_paths)``
    takes the quick path (``sitegen.quick``) when every changed file is a content page whose
    changes reach no more than a few other outputs: it renders those alone, checks the page's
    links and replaces the files in place. The search index and social cards then lag until
    :meth:`refresh` (the preview calls it once the edits pause). Anything else runs a full build
    that reads every input again (cheap: hashes) and redoes only what changed. A failed rebuild
    raises SitegenError and leaves the output folder as it was; the next rebuild starts from the
    last good state.
    """

    def __init__(self, project: Path, base_url: str | None = None) -> None:
        self.project = project
        self.base_url = base_url
        self.cache = Cache.for_project(project, memory=True)
        self.last: BuildResult | None = None
        self.stale = False  # the search index and cards lag behind quick rebuilds
        self._md: Any = None  # the Markdown converter of quick rebuilds, made on the first
        self.broken: set[Path] = set()  # the pages of a quick rebuild that failed

    def build(self) -> BuildResult:
        """A build that remembers everything for the next one."""
        self.last = None  # a failed build leaves no state to patch
        result = build(self.project, self.base_url, self.cache)
        self.last, self.stale, self.broken = result, False, set()
        return result

    def rebuild(self, changed_paths: Iterable[Path] = ()) -> BuildResult:
        """Bring the output up to date after ``changed_paths`` changed."""
        start = time.perf_counter()
        changed = [Path(p) for p in changed_paths]
        if self.last is not None and changed:
            from sitegen.citations import make_markdown
            from sitegen.quick import quick_rebuild

            self._md = self._md or make_markdown()
            changed = sorted(set(changed) | self.broken)  # a page that failed is checked again until it passes
            with build_lock(self.project):
                try:
                    result = quick_rebuild(self.last, self.project, changed, self.cache, self._md)
                except SitegenError:
                    self.broken = set(changed)
                    raise
            self.broken = set()
            if result is not None:
                self.last, self.stale = result, True
                return dataclasses.replace(result, seconds=time.perf_counter() - start)
        return self.build()

    def refresh(self) -> BuildResult | None:
        """After quick rebuilds, a full one: the search index and cards catch up. None when nothing lags."""
        return self.build() if self.stale else None
