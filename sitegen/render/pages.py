"""Site → its HTML pages: each a :class:`Job` (a template, its URL, the input file named in its errors, the values
that are its own), rendered with the whole Site and the helpers ``docs/templates.md`` lists."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from sitegen import urls
from sitegen.citations import text_fragment
from sitegen.markup import number_references
from sitegen.model import CitedPage, PackedOutput
from sitegen.render.lineage_svg import Diagram
from sitegen.render.theme import template_error
from sitegen.site import Site

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_LINK = re.compile(r'(<a\s[^>]*?href=)"([^"]*)"')
_SOURCE_LINK = re.compile(r'href="[^"]*?\bsources/([a-z0-9-]+)/(?:index\.html)?#(p\d+)')


@dataclass(frozen=True, slots=True)
class Job:
    """One page to render: ``template`` at ``url_path``, made from ``origin``, given ``own`` besides the site."""

    template: str
    url_path: str
    origin: str
    own: tuple[tuple[str, object], ...] = ()
    absolute_links: bool = False  # the 404 page is shown at any address, so its links cannot be relative


@dataclass(frozen=True, slots=True)
class Frame:
    """What every page of one build is rendered with: the Jinja environment, the assets' digests, the diagram."""

    env: jinja2.Environment
    asset_hashes: dict[str, str]
    diagram: Diagram


def page_jobs(site: Site) -> list[Job]:
    """Every HTML page of the site: home, content pages, source pages, the sources list, claims, timeline, 404."""
    home = site.home
    jobs = [
        Job("home.html", "", home.page.path, (("page", home),))
        if home is not None
        else Job("home.html", "", "templates/home.html", (("page", None),))
    ]
    jobs += [Job("page.html", cp.page.url_path, cp.page.path, (("page", cp),)) for cp in site.pages if cp.page.url_path]
    linked: dict[str, set[str]] = {}  # paragraphs that pages link to by hand: [¶3](/sources/x/#p3)
    for source_id, anchor in (link for cp in site.pages for link in _SOURCE_LINK.findall(cp.html)):
        linked.setdefault(source_id, set()).add(anchor)
    for source in site.sources:
        links = site.backlinks.get(source.id, ())
        shown = {b.paragraph_anchor for b in links} | linked.get(source.id, set())
        own = (("source", source), ("backlinks", links), ("shown", tuple(sorted(shown))))
        jobs.append(Job("source.html", f"sources/{source.id}/", source.path, own))
    jobs.append(Job("sources.html", "sources/", "templates/sources.html"))
    if site.claims:
        jobs.append(Job("claims.html", "claims/", "content/claims.yaml"))
    if site.timeline:
        references, markers = number_references([e.cites for e in site.timeline])
        marked = tuple(Markup(m) for m in markers)
        jobs.append(
            Job(
                "timeline.html", "timeline/", "content/timeline.yaml", (("references", references), ("markers", marked))
            )
        )
    jobs.append(Job("404.html", "404.html", "templates/404.html", absolute_links=True))
    return jobs


def render_job(job: Job, site: Site, frame: Frame) -> PackedOutput:
    """The page ``job`` renders; a template error names the template's file and line."""
    context: dict[str, Any] = {
        "site": site,
        "config": site.config,
        "url_path": job.url_path,
        "url": url_function(site, frame.asset_hashes, job.url_path, job.absolute_links),
        "canonical": urls.absolute(site.config.base_url, job.url_path),
        "source_by_id": lambda source_id: next(s for s in site.sources if s.id == source_id),
        "cite_target": cite_target,
        "json_ld": lambda kind, title, description, url_path: json_ld(site, kind, title, description, url_path),
        "diagram": frame.diagram,
        **dict(job.own),
    }
    page = context.get("page")
    if "page" in context:
        context["body"] = Markup(rewrite_links(page, site) if page is not None else "")
    try:
        html = frame.env.get_template(job.template).render(context)
    except jinja2.TemplateError as exc:
        raise template_error(exc, job.template, job.origin) from None
    return PackedOutput.of(urls.output_file(job.url_path), html.encode("utf-8"))


def url_function(site: Site, asset_hashes: dict[str, str], from_url: str, absolute: bool) -> Callable[[str], str]:
    """``url('sources/x/')`` as seen from the page at ``from_url``: relative, or under the site's root path."""
    base = site.config.base_url
    root = base if base.startswith("/") else "/" + base.split("://", 1)[1].partition("/")[2]

    def url(path: str) -> str:
        target, hashmark, fragment = path.partition("#")
        suffix = f"?v={asset_hashes[target]}" if target in asset_hashes else ""
        link = root + target if absolute else urls.relative(from_url, target)  # "" is the home page
        return link + suffix + (hashmark + fragment if fragment else "")

    return url


def cite_target(from_url: str, source_id: str, anchor: str, exact: str) -> str:
    """The link from a reference to the paragraph it cites, with a text fragment that highlights the words."""
    link = urls.relative(from_url, f"sources/{source_id}/")
    return f"{link}#{anchor}{text_fragment(exact)}"


def rewrite_links(cp: CitedPage, site: Site) -> str:
    """A page's body with its links to other pages' ``.md`` files and to ``/site/paths`` made relative."""
    page_urls = site.page_urls

    def fix(m: re.Match[str]) -> str:
        href = m.group(2)
        if _SCHEME.match(href) or href.startswith(("#", "//")):
            return m.group(0)
        target, hashmark, fragment = href.partition("#")
        if target.startswith("/"):
            site_path = target.lstrip("/")
        else:
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(cp.page.path), target))
            if not target.endswith(".md") or joined not in page_urls:
                return m.group(0)
            site_path = page_urls[joined]
        new = urls.relative(cp.page.url_path, site_path) + (hashmark + fragment if hashmark else "")
        return f'{m.group(1)}"{new}"'

    return _LINK.sub(fix, cp.html)


def json_ld(site: Site, kind: str, title: str, description: str, url_path: str) -> Markup:
    """A JSON-LD block, serialised safely for a ``<script>`` element."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "headline" if kind == "NewsArticle" else "name": title,
        "description": description,
        "url": urls.absolute(site.config.base_url, url_path),
    }
    if site.build_date and kind == "NewsArticle":
        data["dateModified"] = site.build_date.isoformat()
    text = json.dumps(data, sort_keys=True, ensure_ascii=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
