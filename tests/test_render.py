"""sitegen/render/: which template renders which page, the helpers templates call, and the whole site's files."""

from __future__ import annotations

import json
from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.model import CitedPage, Page, Paragraph, Source
from sitegen.render import read_theme, render_site
from sitegen.render.pages import cite_target, json_ld, page_jobs, rewrite_links, url_function
from sitegen.site import assemble

SOURCE = Source("wire", "seeds/wire.txt", None, None, (), None, None, (), (Paragraph(1, "p1", "The bridge."),))


def cited(path: str, url_path: str, html: str = "<p>x</p>") -> CitedPage:
    return CitedPage.of(Page(path, url_path, path.split("/")[-1], "", 1), html, ())


def test_every_page_of_the_site_has_its_template_and_the_file_it_is_made_from() -> None:
    pages = [cited("content/index.md", ""), cited("content/a.md", "a/")]
    jobs = page_jobs(assemble(SiteConfig("T"), [SOURCE], pages))
    assert [(j.template, j.url_path, j.origin) for j in jobs] == [
        ("home.html", "", "content/index.md"),
        ("page.html", "a/", "content/a.md"),
        ("source.html", "sources/wire/", "seeds/wire.txt"),
        ("sources.html", "sources/", "templates/sources.html"),
        ("404.html", "404.html", "templates/404.html"),
    ]
    assert page_jobs(assemble(SiteConfig("T"), [], []))[0].origin == "templates/home.html"  # no content/index.md
    assert jobs[-1].absolute_links


def test_links_in_a_body_to_pages_and_site_paths_become_relative() -> None:
    body = (
        '<a href="b.md#x">b</a> <a href="/sources/">s</a> <a href="https://x.org/">e</a> '
        '<a href="#top">t</a> <a href="gone.md">g</a>'
    )
    page = cited("content/guide/a.md", "guide/a/", body)
    site = assemble(SiteConfig("T"), [], [page, cited("content/guide/b.md", "guide/b/")])
    assert rewrite_links(page, site) == (
        '<a href="../b/index.html#x">b</a> <a href="../../sources/index.html">s</a> <a href="https://x.org/">e</a> '
        '<a href="#top">t</a> <a href="gone.md">g</a>'
    )


def test_url_gives_relative_links_with_asset_digests_and_absolute_ones_for_the_404_page() -> None:
    site = assemble(SiteConfig("T", base_url="https://example.org/story/"), [], [])
    hashes = {"assets/style.css": "0123456789"}
    assert url_function(site, hashes, "a/", False)("assets/style.css") == "../assets/style.css?v=0123456789"
    assert url_function(site, hashes, "a/", False)("sources/#top") == "../sources/index.html#top"
    assert url_function(site, hashes, "404.html", True)("sources/") == "/story/sources/"
    assert cite_target("a/", "wire", "p3", "the exact words") == (
        "../sources/wire/index.html#p3:~:text=the%20exact%20words"
    )


def test_json_ld_is_safe_inside_a_script_element() -> None:
    site = assemble(SiteConfig("T", base_url="https://example.org/"), [], [])
    block = json_ld(site, "NewsArticle", "</script><script>x", "a & b", "a/")
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(str(block)) == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "</script><script>x",
        "description": "a & b",
        "url": "https://example.org/a/",
    }


def test_the_site_is_its_pages_assets_and_feeds_sorted_by_path() -> None:
    site = assemble(SiteConfig("T"), [SOURCE], [cited("content/index.md", "")])
    paths = [o.path for o in render_site(site, read_theme(Path("/nonexistent-project")))]
    assert paths == [
        "404.html",
        "assets/cite.js",
        "assets/favicon.ico",
        "assets/favicon.svg",
        "assets/fonts/schibsted-grotesk-OFL.txt",
        "assets/fonts/schibsted-grotesk.woff2",
        "assets/fonts/source-serif-4-OFL.txt",
        "assets/fonts/source-serif-4-ext.woff2",
        "assets/fonts/source-serif-4-italic.woff2",
        "assets/fonts/source-serif-4.woff2",
        "assets/search.js",
        "assets/style.css",
        "assets/theme.js",
        "favicon.ico",
        "feed.xml",
        "index.html",
        "robots.txt",
        "sitemap.xml",
        "sources/index.html",
        "sources/wire/index.html",
    ]
