"""sitegen/site.py: assembling the site from its parts: reading order, navigation, backlinks, page URLs."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.config import SiteConfig
from sitegen.model import CitedPage, Page, Paragraph, Reference, Source
from sitegen.site import assemble, source_date

SOURCE = Source("wire", "seeds/wire.txt", None, None, (), None, None, (), (Paragraph(1, "p1", "Text."),))


def cited(path: str, url_path: str, order: int = 0, draft: bool = False, cites: int = 0) -> CitedPage:
    page = Page(path, url_path, path.rsplit("/", 1)[-1].removesuffix(".md").title(), "", 1, order=order, draft=draft)
    refs = (
        Reference(1, "wire", SOURCE.paragraphs[0], None, "Text.", tuple(f"cite-1-{n}" for n in range(1, cites + 1))),
    )
    return CitedPage.of(page, "<p>x</p>", refs if cites else ())


PAGES = [
    cited("content/later.md", "later/", order=2, cites=2),
    cited("content/guide/deep.md", "guide/deep/"),
    cited("content/index.md", "", cites=1),
    cited("content/first.md", "first/", order=1),
    cited("content/hidden.md", "hidden/", draft=True, cites=1),
]


def test_pages_are_in_reading_order_and_drafts_are_left_out() -> None:
    site = assemble(SiteConfig("T"), [SOURCE], PAGES)
    assert [cp.page.url_path for cp in site.pages] == ["", "first/", "later/", "guide/deep/"]
    assert [cp.page.url_path for cp in site.sections] == ["first/", "later/"]
    assert site.home is site.pages[0]
    assert site.page_urls == {
        "content/index.md": "",
        "content/first.md": "first/",
        "content/later.md": "later/",
        "content/guide/deep.md": "guide/deep/",
    }


def test_the_navigation_lists_the_sections_then_timeline_and_sources() -> None:
    site = assemble(SiteConfig("T"), [SOURCE], PAGES)
    assert [(n.title, n.url_path) for n in site.nav] == [
        ("Overview", ""),
        ("First", "first/"),
        ("Later", "later/"),
        ("Sources", "sources/"),
    ]
    assert [n.title for n in assemble(SiteConfig("T"), [SOURCE], PAGES[:2]).nav] == ["Home", "Later", "Sources"]


def test_backlinks_list_every_citing_spot_in_reading_order() -> None:
    site = assemble(SiteConfig("T"), [SOURCE], PAGES)
    assert [(b.page_url, b.marker_id) for b in site.backlinks["wire"]] == [
        ("", "cite-1-1"),
        ("later/", "cite-1-1"),
        ("later/", "cite-1-2"),
    ]  # not the draft's


def test_neighbours_are_the_sections_around_a_section() -> None:
    site = assemble(SiteConfig("T"), [SOURCE], PAGES)
    prev, nxt = site.neighbours("first/")
    assert prev is None and nxt is not None and nxt.page.url_path == "later/"
    assert site.neighbours("guide/deep/") == (None, None)


@pytest.mark.parametrize(("value", "date"), [("1767225600", dt.date(2026, 1, 1)), ("", None), ("soon", None)])
def test_the_build_date_comes_from_source_date_epoch_only(
    monkeypatch: pytest.MonkeyPatch, value: str, date: dt.date | None
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert source_date() == date
    assert assemble(SiteConfig("T"), [SOURCE], []).build_date == date
