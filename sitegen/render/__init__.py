"""Site → the files of the site, in memory: pages (Jinja), assets and feeds; then social cards and the search
index (:mod:`sitegen.render.cards`, :mod:`sitegen.render.search`), made from the rendered pages."""

from __future__ import annotations

from sitegen.model import File, Output
from sitegen.render.feeds import feed_outputs
from sitegen.render.lineage_svg import layout
from sitegen.render.pages import Frame, Job, page_jobs, render_job
from sitegen.render.theme import Theme, make_environment, package_dir, read_theme
from sitegen.site import Site
from sitegen.speed import Memo

__all__ = ["Theme", "package_dir", "read_theme", "render_site"]


def render_site(site: Site, theme: Theme, memo: Memo | None = None) -> list[File]:
    """Every page, asset and feed of ``site``, sorted by path (pages the memo holds are not rendered again)."""
    memo = memo or Memo.off()
    env = memo.value("environment", lambda: [theme], lambda: make_environment(theme))  # it keeps what it compiled
    diagram = memo.value("lineage", lambda: [site.sources], lambda: layout(site.sources))
    frame = Frame(env, theme.asset_hashes(), diagram)
    outputs: list[File] = [Output(path, data) for path, data in theme.assets.items()]
    if "assets/favicon.ico" in theme.assets:  # where browsers and crawlers ask for it unbidden
        outputs.append(Output("favicon.ico", theme.assets["assets/favicon.ico"]))
    outputs += [_page(job, site, frame, memo) for job in page_jobs(site)]
    outputs += feed_outputs(site, outputs)
    return sorted(outputs, key=lambda o: o.path)


def _page(job: Job, site: Site, frame: Frame, memo: Memo) -> File:
    """One page, from the memo when what it reads is unchanged."""
    own = (frame.env, frame.asset_hashes, frame.diagram, job.template, job.url_path, job.origin)
    return memo.render(
        lambda: (*own, job.absolute_links, *job.own),
        site,
        lambda reading: render_job(job, reading, frame),
    )
