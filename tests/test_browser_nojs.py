"""With JavaScript off the site still reads: content on every page, links that lead somewhere, no broken search box."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urldefrag

import pytest
from playwright.sync_api import Browser, Page

from tests.browser_support import ServedSite


@pytest.fixture
def nojs(chromium: Browser) -> Iterator[Page]:
    """A page in a browser context with JavaScript disabled."""
    context = chromium.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_every_page_shows_its_content_and_navigation_without_javascript(nojs: Page, default_site: ServedSite) -> None:
    for path in default_site.pages:
        nojs.goto(default_site.url(path))
        assert nojs.locator("h1").first.inner_text().strip(), path
        assert len(nojs.locator("main").inner_text()) > 80, path
        assert nojs.locator("nav[aria-label='Sections'] a").count() >= 3, path
        # the search box is drawn by JavaScript: without it the slot is empty and takes no space
        assert nojs.locator("#site-search").inner_html() == "", path
        assert not nojs.locator("#site-search").is_visible(), path


def test_every_link_on_every_page_leads_to_a_page_and_anchor_that_exist(nojs: Page, default_site: ServedSite) -> None:
    checked: set[str] = set()
    for path in default_site.pages:
        nojs.goto(default_site.url(path))
        hrefs = nojs.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            url, fragment = urldefrag(href)
            if not url.startswith(default_site.base) or href in checked:
                continue
            checked.add(href)
            rel = url[len(default_site.base) :]
            rel = rel + "index.html" if rel == "" or rel.endswith("/") else rel  # as a web server serves folders
            target = default_site.root / rel
            assert target.is_file(), f"{path}: link to missing {rel}"
            anchor = fragment.split(":~:", 1)[0]
            if anchor and rel.endswith(".html"):
                html = target.read_text(encoding="utf-8")
                assert f'id="{anchor}"' in html, f"{path}: link to missing #{anchor} in {rel}"
    assert len(checked) > 50


def test_a_citation_leads_to_its_reference_and_on_to_the_quoted_paragraph(nojs: Page, default_site: ServedSite) -> None:
    section = next(p for p in default_site.pages if "cite-ref" in default_site.html(p) and p != "index.html")
    nojs.goto(default_site.url(section))
    marker = nojs.locator("a.cite-ref").first
    ref_id = marker.get_attribute("href")
    assert ref_id and ref_id.startswith("#ref-")
    assert nojs.locator("details.references").get_attribute("open") is None  # folded until asked for
    marker.click()
    assert nojs.url.endswith(ref_id)
    reference = nojs.locator(ref_id)
    assert reference.is_visible()  # the browser opens the folded list at the reference
    reference.locator("a.ref-source").click()
    nojs.wait_for_load_state()
    assert "/sources/" in nojs.url
    anchor = urldefrag(nojs.url).fragment.split(":~:", 1)[0]
    assert nojs.locator(f"#{anchor}").is_visible()
