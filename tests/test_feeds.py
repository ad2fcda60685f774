"""sitemap.xml, robots.txt and the Atom feed: valid XML, absolute URLs, every page listed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from sitegen.build import build
from tests.conftest import MakeSite, tree_digest

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://news.example.org/explainers/bridge/"
PAGES = {
    "content/index.md": "---\ntitle: The bridge\n---\nOverview of the <bridge> & its users.\n",
    "content/background.md": (
        "---\ntitle: Background & history\nsummary: How it came to be.\ndate: 2025-03-04\n---\nText.\n"
    ),
    "content/draft.md": "---\ntitle: Not yet\ndraft: true\n---\nHidden.\n",
}


def page_urls(public: Path, base: str) -> set[str]:
    """The pretty URL of every HTML page in ``public`` but the 404 page."""
    found = set()
    for path in public.rglob("index.html"):
        rel = path.relative_to(public).as_posix()
        found.add(base + rel.removesuffix("index.html"))
    return found


def test_sitemap_and_feed_parse_and_list_every_page(make_site: MakeSite) -> None:
    project = make_site({"site.yaml": f"title: Bridge & co\nbase_url: {BASE}\n", **PAGES})
    build(project)
    public = project / "public"
    expected = page_urls(public, BASE)
    assert {BASE, BASE + "background/", BASE + "sources/"} <= expected
    assert not any("draft" in u for u in expected)

    sitemap = ET.parse(public / "sitemap.xml").getroot()
    assert sitemap.tag == f"{SITEMAP}urlset"
    locs = [u.findtext(f"{SITEMAP}loc") for u in sitemap.findall(f"{SITEMAP}url")]
    assert sorted(locs) == sorted(expected)  # type: ignore[type-var]
    background = next(
        u for u in sitemap.findall(f"{SITEMAP}url") if u.findtext(f"{SITEMAP}loc", "").endswith("background/")
    )
    assert background.findtext(f"{SITEMAP}lastmod") == "2025-03-04"

    feed = ET.parse(public / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Bridge & co"
    assert feed.findtext(f"{ATOM}id") == BASE
    entries = feed.findall(f"{ATOM}entry")
    assert sorted(e.findtext(f"{ATOM}id") for e in entries) == sorted(expected)  # type: ignore[type-var]
    titles = {e.findtext(f"{ATOM}id"): e.findtext(f"{ATOM}title") for e in entries}
    assert titles[BASE + "background/"] == "Background & history"
    for entry in entries:
        assert entry.find(f"{ATOM}link").get("href") == entry.findtext(f"{ATOM}id")  # type: ignore[union-attr]
        assert entry.findtext(f"{ATOM}updated", "").endswith("T00:00:00Z")
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == BASE + "feed.xml"

    assert (public / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n"
    home = (public / "index.html").read_text()
    assert '<link rel="alternate" type="application/atom+xml" title="Bridge &amp; co" href="feed.xml">' in home


def test_feeds_are_deterministic_and_never_read_the_clock(make_site: MakeSite) -> None:
    project = make_site({"site.yaml": f"title: Bridge\nbase_url: {BASE}\n", **PAGES})
    build(project)
    first = tree_digest(project / "public")
    build(project)
    assert tree_digest(project / "public") == first
    feed = (project / "public" / "feed.xml").read_text()
    assert "<updated>2025-03-04T00:00:00Z</updated>" in feed  # the newest date the content states


def test_a_path_only_base_url_still_gives_valid_files(make_site: MakeSite) -> None:
    project = make_site({"content/index.md": PAGES["content/index.md"]})
    build(project)
    public = project / "public"
    ET.parse(public / "sitemap.xml")
    ET.parse(public / "feed.xml")
    assert (public / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"  # a Sitemap: line must be absolute
