"""The preview's quick rebuild: an edited content page is rendered, checked and written by itself.

A page's body is shown on its own output only; what other outputs show of it (front matter,
and for sections the reading time and the sources cited, see ``incremental.listed``) and what
source pages show of it (backlinks) are compared with the last build. When all of that is as
it was, and the page keeps every id another page could link to, the rest of the site is
unchanged except for the search index and the social cards, which the next full build brings
up to date. A section's new reading time re-renders the home page too. Front matter that
changed but leaves the site's digest as it was (a page no template lists) re-renders the page
and the feeds. In every other case :func:`quick_rebuild` answers None and a full build runs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from sitegen.cache import Cache
from sitegen.check import html_ids, page_link_problems
from sitegen.errors import Problems
from sitegen.feeds import feed_outputs
from sitegen.incremental import CachedRenderer, listed
from sitegen.model import CitedPage
from sitegen.output import File
from sitegen.pages import CONTENT_DIR, parse_page
from sitegen.publish import patch
from sitegen.render import Output, Renderer
from sitegen.site import assemble
from sitegen.textio import read_text

if TYPE_CHECKING:
    import markdown

    from sitegen.build import BuildResult


def quick_rebuild(
    last: BuildResult, project: Path, changed: Sequence[Path], cache: Cache, md: markdown.Markdown
) -> BuildResult | None:
    """``last`` with the pages at ``changed`` rendered again and written, or None when a full build is due.

    Raises SitegenError for a page that fails to parse, cite or link; nothing is written then.
    """
    from sitegen.build import output_dir
    from sitegen.citations import cite_page

    renderer = last.renderer
    if renderer is None:
        return None
    site = last.site
    by_path = {cp.page.path: cp for cp in site.pages}
    sections = {cp.page.path for cp in site.sections}
    fresh: dict[str, CitedPage] = {}
    home_too = front_matter = False
    problems = Problems()
    for path in changed:
        rel = _content_page(project, path)
        old = by_path.get(rel) if rel else None
        if rel is None or old is None:
            return None  # not a page the last build had: a new, deleted or non-page file
        page = parse_page(read_text(path, rel), rel)
        if dataclasses.replace(page, body="") != dataclasses.replace(old.page, body=""):
            if (page.url_path, page.draft) != (old.page.url_path, old.page.draft):
                return None  # another output, or none
            front_matter = True  # shown on other pages too, unless the site's digest stays the same
        cited = cite_page(page, renderer.sources, md)
        if _backlinks(cited) != _backlinks(old):
            front_matter = True  # source pages list where they are cited
        if rel in sections and listed(cited) != listed(old):
            home_too = True  # the home page's cards show a section's reading time and sources
        fresh[rel] = cited
    if not isinstance(renderer, CachedRenderer):
        return None
    pages = tuple(fresh.get(cp.page.path, cp) for cp in site.pages)
    if front_matter:
        new_site = assemble(site.config, site.sources, pages, site.claims, site.timeline)
        # each template's outputs are redone when what it can show of the site changed; every page's: a full build
        stale = [t for t in renderer.TEMPLATES if renderer.site_key(t, new_site) != renderer.site_key(t)]
        if "page.html" in stale:
            return None
    else:
        new_site = dataclasses.replace(
            site, pages=pages, sections=tuple(fresh.get(cp.page.path, cp) for cp in site.sections)
        )
        stale = ["home.html"] if home_too else []
    files = {o.path: o for o in last.outputs}
    rendered: dict[str, File] = {}
    saved_keys = dict(renderer.site_keys)
    renderer.site = new_site
    done = False
    try:
        for cited in fresh.values():
            out = _render(renderer, cited)
            if not html_ids(out.data) >= html_ids(files[out.path].data):
                return None  # an id is gone that another page may link to: the full check decides
            rendered[out.path] = out
        for template in stale:
            renderer.site_keys.pop(template, None)  # keyed by the new site from now on
            for made in renderer.outputs_of(template):
                rendered.setdefault(made.path, made)
        if front_matter:  # the feeds list every page's title, summary and dates
            every = {**files, **rendered}
            rendered.update((o.path, o) for o in feed_outputs(new_site, list(every.values())))
        if set(rendered) - set(files):
            return None  # a new output: a full build
        done = True
    finally:
        if not done:
            renderer.site, renderer.site_keys = site, saved_keys
    page_urls = renderer.page_urls

    def ids_of(target: str) -> set[str]:
        return html_ids((rendered.get(target) or files[target]).data)

    for cited in fresh.values():
        for problem in page_link_problems(cited, page_urls, files, ids_of):
            problems.add(problem)
    try:
        problems.raise_if_any()
        written = patch(list(rendered.values()), output_dir(project, site.config), cache)
    except BaseException:
        renderer.site, renderer.site_keys = site, saved_keys
        raise
    if not written:
        renderer.site, renderer.site_keys = site, saved_keys
        return None
    if home_too and not front_matter:
        renderer.site_keys["page.html"] = ""  # its outputs show the sections as they were: no longer one digest
    files.update(rendered)
    return dataclasses.replace(
        last,
        site=new_site,
        outputs=tuple(files.values()),
        reused=last.pages - sum(path.endswith(".html") for path in rendered),
        renderer=renderer,
    )


def _render(renderer: Renderer, cited: CitedPage) -> Output:
    """A content page's output, as ``Renderer.render_all`` makes it (never from the cache)."""
    template = "home.html" if cited.page.url_path == "" else "page.html"
    body = Markup(Renderer.rewrite_links(renderer, cited))
    return Renderer.render(renderer, template, cited.page.url_path, cited.page.path, page=cited, body=body)


def _content_page(project: Path, path: Path) -> str | None:
    """``content/...md`` for a Markdown page at ``path``, or None for anything else."""
    try:
        rel = path.relative_to(project).as_posix()
    except ValueError:
        return None
    parts = rel.split("/")
    if parts[0] != CONTENT_DIR or any(p.startswith(".") for p in parts) or not rel.endswith(".md"):
        return None
    if rel.endswith(".draft.md") or path.is_symlink() or not path.is_file():
        return None
    return rel


def _backlinks(cp: CitedPage) -> list[tuple[str, str, str]]:
    """What source pages show of ``cp``'s citations: (source, paragraph, citing spot)."""
    return [(r.source_id, r.paragraph.anchor, use) for r in cp.references for use in r.uses]
