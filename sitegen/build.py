"""The orchestrator: read everything, resolve, assemble, render, then write once."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from sitegen.check import raise_broken_links
from sitegen.citations import cite_page, make_markdown
from sitegen.claims import Claim, Event, load_claims, load_timeline
from sitegen.config import SiteConfig, load_config
from sitegen.errors import Problems, SitegenError
from sitegen.ingest import ingest
from sitegen.output import build_lock, write_site
from sitegen.pages import read_pages
from sitegen.render import Output, Renderer, make_environment, static_files
from sitegen.site import Site, assemble


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build made, for the summary line."""

    site: Site
    outputs: tuple[Output, ...]
    seconds: float

    @property
    def pages(self) -> int:
        """HTML pages written."""
        return sum(1 for o in self.outputs if o.path.endswith(".html"))

    def summary(self) -> str:
        """``built N pages from M sources in T s``."""
        return f"built {self.pages} pages from {len(self.site.sources)} sources in {self.seconds:.2f} s"


def render_project(project: Path, base_url: str | None = None) -> BuildResult:
    """Build the whole site in memory; raises SitegenError listing every problem."""
    start = time.perf_counter()
    config = load_config(project)
    if base_url is not None:
        config = config.with_base_url(base_url)
    sources = ingest(project).sources
    by_id = {s.id: s for s in sources}
    problems = Problems()
    pages = []
    try:
        raw_pages = read_pages(project)
    except SitegenError as exc:
        problems.add(exc)
        raw_pages = []
    md = make_markdown()
    for page in raw_pages:
        try:
            pages.append(cite_page(page, by_id, md))
        except SitegenError as exc:
            problems.add(exc)
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
    outputs = Renderer(site, make_environment(project), static_files(project)).render_all()
    raise_broken_links(site, outputs)
    return BuildResult(site, tuple(outputs), time.perf_counter() - start)


def output_dir(project: Path, config: SiteConfig | None = None) -> Path:
    """The project's output folder."""
    config = config or load_config(project)
    return project / config.output_dir


def build(project: Path, base_url: str | None = None) -> BuildResult:
    """Build and write the site; the previous output stays as it was on any failure."""
    start = time.perf_counter()
    with build_lock(project):
        result = render_project(project, base_url)
        write_site(result.outputs, output_dir(project, result.site.config))
    return BuildResult(result.site, result.outputs, time.perf_counter() - start)
