"""The recipe: read the project, draft what content/ lacks, cite, assemble the site, render it, check it, write it.

Every stage between the first (reading) and the last (writing) is a function over frozen dataclasses that
touches no disk; everything the site will hold stays in memory until the one write, into a staging folder
that is swapped in whole. ``memo`` is the preview's (:mod:`sitegen.speed`); ``sitegen build`` has none.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sitegen.check import check_links
from sitegen.cite import cite_pages
from sitegen.claims import cite_claims
from sitegen.config import SiteConfig, check_project, load_config
from sitegen.errors import Problems, SitegenError
from sitegen.ingest import ingest
from sitegen.model import File, Source
from sitegen.output import build_lock, write_site
from sitegen.pages import read_content
from sitegen.progress import Progress
from sitegen.render import read_theme, render_site
from sitegen.render.cards import draw_cards, unique
from sitegen.render.search import search_index
from sitegen.scaffold import lacks_pages
from sitegen.site import Site, assemble
from sitegen.speed import Memo
from sitegen.timeline import cite_timeline


@dataclass(frozen=True, slots=True)
class Built:
    """A site and the files rendered from it: pages, assets and feeds (the cards and the search index, made from
    the pages, are written but not kept)."""

    site: Site
    outputs: tuple[File, ...]
    seconds: float = 0.0
    warnings: tuple[SitegenError, ...] = ()  # what the write could not clean up or left alone
    drafted: tuple[str, ...] = ()  # a line for each file drafted into content/

    @property
    def pages(self) -> int:
        """How many HTML pages the site has."""
        return sum(1 for o in self.outputs if o.path.endswith(".html"))

    def summary(self) -> str:
        """``built 14 pages from 5 sources in 0.21 s``."""
        return f"built {self.pages} pages from {len(self.site.sources)} sources in {self.seconds:.2f} s"


def render_project(
    project: Path,
    base_url: str | None = None,
    memo: Memo | None = None,
    progress: Progress | None = None,
    draft: bool = False,
) -> Built:
    """Read, cite, assemble, render and check the site, all in memory (``sitegen check`` stops here), after
    drafting the files content/ lacks when ``draft``; a SitegenError lists every problem found."""
    memo, problems, progress = memo or Memo.off(), Problems(), progress or Progress()
    config = load_config(project, base_url)  # 1. read
    sources = memo.sources(project, lambda: ingest(project).sources)
    drafted = draft_missing(project, sources, config) if draft else ()  # 1b. draft the files content/ lacks
    content = read_content(project, problems)
    theme = read_theme(project)
    pages = cite_pages(content.pages, sources, memo, progress, problems)  # 2. cite
    by_id = {source.id: source for source in sources}
    claims = problems.collect(lambda: cite_claims(content.claims, by_id)) or ()
    timeline = problems.collect(lambda: cite_timeline(content.timeline, by_id)) or ()
    problems.raise_if_any()
    site = assemble(config, sources, pages, claims, timeline)  # 3. assemble
    outputs = render_site(site, theme, memo)  # 4. render
    check_links(site, outputs)  # 5. check
    return Built(site, tuple(outputs), drafted=drafted)


def draft_missing(project: Path, sources: tuple[Source, ...], config: SiteConfig) -> tuple[str, ...]:
    """Draft the files content/ lacks, as ``sitegen curate`` would offline (unless ``draft_missing: false``);
    a line for each. The curate package loads only when a file is lacking."""
    if not config.draft_missing or not sources or not lacks_pages(project):
        return ()
    from sitegen.curate.missing import draft_missing

    return draft_missing(project, sources, config.title)


def build(
    project: Path,
    base_url: str | None = None,
    memo: Memo | None = None,
    progress: Progress | None = None,
    fresh_search: bool = True,
    draft: bool = False,
) -> Built:
    """Build the site into its output folder, with social cards and the search index; on any failure the folder
    is left as it was. With ``fresh_search`` False the memo's last search index may be written instead; with
    ``draft``, the files content/ lacks are drafted first (unless ``site.yaml`` says ``draft_missing: false``)."""
    start, memo, progress = time.perf_counter(), memo or Memo.off(), progress or Progress()
    warnings: list[SitegenError] = []
    check_project(project)  # before the lock: no lock file is made in a folder that is not a project
    try:
        with build_lock(project), memo.build():
            built = render_project(project, base_url, memo, progress, draft)
            pages, config = built.outputs, built.site.config
            with memo.search(pages, config.language, fresh_search, search_index) as bundle:
                cards = unique(memo.cards(pages, config.base_url, partial(draw_cards, progress=progress)))
                write_site(project / config.output_dir, pages, cards, bundle(), warnings=warnings)  # 6. write
    finally:
        progress.finish()
    return Built(built.site, pages, time.perf_counter() - start, tuple(warnings), built.drafted)
