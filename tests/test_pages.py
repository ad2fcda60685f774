"""Any Markdown file under content/ is a page at its path, with its front matter honoured and relative links working."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from sitegen.build import build
from sitegen.errors import SitegenError
from sitegen.markup import make_markdown
from tests.conftest import MakeSite

POST = """\
---
title: "Dredging starts"
date: 2025-04-09
summary: "The old channel is being deepened."
tags: [harbour, shipping]
---

## Why now

Larger ships need [a deeper channel](../background.md#the-channel) and [the bridge](../background.md).
See also [the other post](second.md) and [an external report](https://example.org/report).
"""

BACKGROUND = """\
---
title: Background
order: 2
---

## The channel

It silted up. Read [the first post](posts/first.md).
"""


class Links(HTMLParser):
    """Every ``href`` in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def hrefs(path: Path) -> list[str]:
    parser = Links()
    parser.feed(path.read_text())
    return parser.hrefs


@pytest.fixture
def project(make_site: MakeSite) -> Path:
    root = make_site(
        {
            "content/background.md": BACKGROUND,
            "content/posts/first.md": POST,
            "content/posts/second.md": "---\ntitle: Second post\nslug: the-second\norder: 1\n---\n\nShort.\n",
            "content/posts/index.md": "---\ntitle: Posts\n---\n\nAll the posts.\n",
            "content/posts/2025/deep/nested.md": "---\ntitle: Deep\n---\n\nBack to [the first post](../../first.md).\n",
            "content/posts/unfinished.md": "---\ntitle: Not yet\ndraft: true\n---\n\nDraft text.\n",
            "content/intro.md": "---\ntitle: Introduction\norder: 1\n---\n\nStart here.\n",
        }
    )
    build(root)
    return root


def test_every_markdown_file_is_a_page_at_its_path(project: Path) -> None:
    public = project / "public"
    for path in (
        "posts/first/index.html",
        "posts/index.html",
        "posts/2025/deep/nested/index.html",
        "background/index.html",
        "intro/index.html",
    ):
        assert (public / path).is_file(), path


def test_slug_replaces_the_file_name(project: Path) -> None:
    assert (project / "public" / "posts" / "the-second" / "index.html").is_file()
    assert not (project / "public" / "posts" / "second").exists()


def test_front_matter_title_date_summary_and_tags_are_shown(project: Path) -> None:
    html = (project / "public" / "posts" / "first" / "index.html").read_text()
    assert "<h1>Dredging starts</h1>" in html
    assert '<time datetime="2025-04-09">April 9, 2025</time>' in html
    assert '<meta name="description" content="The old channel is being deepened.">' in html
    assert re.search(r'<ul class="tags"[^>]*>\s*<li>harbour</li>\s*<li>shipping</li>', html)


def test_draft_pages_are_not_published(project: Path) -> None:
    assert not (project / "public" / "posts" / "unfinished").exists()
    for page in (project / "public").rglob("*.html"):
        assert "Not yet" not in page.read_text(), page


def test_order_sets_the_navigation_order(project: Path) -> None:
    html = (project / "public" / "index.html").read_text()
    nav = html[html.index("<nav") : html.index("</nav>")]
    assert nav.index("Introduction") < nav.index("Background")


def test_relative_links_between_pages_resolve_to_the_built_pages(project: Path) -> None:
    public = project / "public"
    page = public / "posts" / "first" / "index.html"
    links = hrefs(page)
    assert "../../background/index.html#the-channel" in links
    assert "../../background/index.html" in links
    assert "../the-second/index.html" in links
    assert "https://example.org/report" in links
    for link in links:
        if "://" in link or link.startswith("#"):
            continue
        target = (page.parent / link.partition("#")[0]).resolve()
        assert target.is_file(), link
    assert "../posts/first/index.html" in hrefs(public / "background" / "index.html")
    assert "../../../first/index.html" in hrefs(public / "posts" / "2025" / "deep" / "nested" / "index.html")


def test_a_link_to_a_missing_page_names_the_file_and_line(make_site: MakeSite) -> None:
    root = make_site({"content/posts/a.md": "---\ntitle: A\n---\n\nText.\n\nSee [b](b.md).\n"})
    with pytest.raises(SitegenError) as caught:
        build(root)
    assert caught.value.format().startswith("content/posts/a.md:7: error: broken link 'b.md'")


def test_footnotes_are_rendered(make_site: MakeSite) -> None:
    root = make_site({"content/notes.md": "---\ntitle: Notes\n---\n\nA claim.[^1]\n\n[^1]: The note itself.\n"})
    build(root)
    html = (root / "public" / "notes" / "index.html").read_text()
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in html
    assert re.search(r'<li id="fn:1">\s*<p>The note itself\.', html)


SMART = [
    "Plain text with no marks at all.",
    "He said \"it's the '80s\" -- and then --- nothing... 'quoted' words.",
    "\"'Nested' quotes\" and '\"other\" ones', a [link \"x\"](https://example.org/) and `code 'x'`.",
    '- a list -- with dashes\n- and "quotes"\n\n| a | b |\n| --- | --- |\n| \'x\' | "y" |',
]


@pytest.mark.parametrize("text", SMART)
def test_pages_get_smartys_quotes_dashes_and_ellipses_but_no_angled_quotes(text: str) -> None:
    stock = markdown.Markdown(
        extensions=["tables", "smarty"], extension_configs={"smarty": {"smart_angled_quotes": False}}
    )
    assert make_markdown().convert(text) == stock.convert(text)
    assert "&laquo;" not in make_markdown().convert("<<angled>>")
