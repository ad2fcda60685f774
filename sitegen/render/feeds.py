"""Site → sitemap.xml, robots.txt and an Atom feed, every URL absolute from ``base_url``."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen import urls
from sitegen.model import File, Output
from sitegen.site import Site

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # what XML 1.0 forbids


def _escape(text: str) -> str:
    """``text`` safe between XML tags; characters XML 1.0 forbids (U+FFFF, controls) are left out."""
    return html.escape(_NOT_XML.sub("", text), quote=False)


def _quoteattr(text: str) -> str:
    """``text`` as a double-quoted XML attribute value, line breaks and tabs kept as character references."""
    text = _escape(text).replace('"', "&quot;")
    return '"' + text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_EPOCH = dt.date(1970, 1, 1)  # Atom needs a date; output never reads the clock


@dataclass(frozen=True, slots=True)
class Listed:
    """One HTML page as the sitemap and the feed list it."""

    url_path: str
    title: str
    summary: str
    updated: dt.date | None


def listed_pages(site: Site, outputs: Sequence[File]) -> list[Listed]:
    """Every HTML page among ``outputs`` except the 404 page, sorted by URL."""
    cfg = site.config
    known: dict[str, Listed] = {}
    for cp in site.pages:
        p = cp.page
        known[p.url_path] = Listed(
            p.url_path, p.title, p.summary or cfg.description, p.updated or p.date or site.build_date
        )
    for s in site.sources:
        known[f"sources/{s.id}/"] = Listed(
            f"sources/{s.id}/", s.display_title, s.standfirst or f"Source: {s.name}", s.date
        )
    out: list[Listed] = []
    for o in outputs:
        if o.path != "index.html" and not o.path.endswith("/index.html"):
            continue
        url_path = o.path[: -len("index.html")]
        out.append(known.get(url_path) or _from_head(url_path, o.data, site))
    return sorted(out, key=lambda p: p.url_path)


def _from_head(url_path: str, data: bytes, site: Site) -> Listed:
    """Title and description read back from a rendered page's ``<head>``."""
    text = data.decode("utf-8", "replace")
    title = re.search(r"<title>(.*?)</title>", text, re.S)
    desc = re.search(r'<meta name="description" content="([^"]*)"', text)
    return Listed(
        url_path,
        html.unescape(title.group(1)).strip() if title else site.config.title,
        html.unescape(desc.group(1)).strip() if desc else site.config.description,
        site.build_date,
    )


def feed_outputs(site: Site, outputs: Sequence[File]) -> list[Output]:
    """``sitemap.xml``, ``robots.txt`` and ``feed.xml`` listing the pages among ``outputs``."""
    pages = listed_pages(site, outputs)
    return [
        Output("sitemap.xml", sitemap(site, pages).encode("utf-8")),
        Output("robots.txt", robots(site).encode("utf-8")),
        Output("feed.xml", atom_feed(site, pages).encode("utf-8")),
    ]


def sitemap(site: Site, pages: list[Listed]) -> str:
    """A sitemaps.org ``urlset`` with one ``url`` per page."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    for p in pages:
        lastmod = f"<lastmod>{p.updated.isoformat()}</lastmod>" if p.updated else ""
        lines.append(f"  <url><loc>{_escape(urls.absolute(site.config.base_url, p.url_path))}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(site: Site) -> str:
    """Allow everything and point crawlers at the sitemap (when ``base_url`` is a full URL)."""
    text = "User-agent: *\nAllow: /\n"
    if site.config.base_url.startswith(("http://", "https://")):
        text += f"Sitemap: {urls.absolute(site.config.base_url, 'sitemap.xml')}\n"
    return text


def atom_feed(site: Site, pages: list[Listed]) -> str:
    """An Atom 1.0 feed with one entry per page; dates come from the content, never the clock."""
    base = site.config.base_url
    dates = [p.updated for p in pages if p.updated]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang={_quoteattr(site.config.language)}>',
        f"  <title>{_escape(site.config.title)}</title>",
        f"  <subtitle>{_escape(site.config.description)}</subtitle>",
        f"  <id>{_escape(urls.absolute(base, ''))}</id>",
        f'  <link rel="alternate" type="text/html" href={_quoteattr(urls.absolute(base, ""))}/>',
        f'  <link rel="self" type="application/atom+xml" href={_quoteattr(urls.absolute(base, "feed.xml"))}/>',
        f"  <updated>{_stamp(max(dates, default=None))}</updated>",
    ]
    lines.append(f"  <author><name>{_escape(site.config.author or site.config.title)}</name></author>")
    for p in pages:
        url = urls.absolute(base, p.url_path)
        lines += [
            "  <entry>",
            f"    <title>{_escape(p.title)}</title>",
            f"    <id>{_escape(url)}</id>",
            f'    <link rel="alternate" type="text/html" href={_quoteattr(url)}/>',
            f"    <updated>{_stamp(p.updated)}</updated>",
            f"    <summary>{_escape(p.summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _stamp(day: dt.date | None) -> str:
    return f"{(day or _EPOCH).isoformat()}T00:00:00Z"
