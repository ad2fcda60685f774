"""axe-core in real Chromium over every page of the default site, light and dark, phone and desktop."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.browser_support import ServedSite

AXE = Axe()


def violations(page: Page) -> str:
    """axe's report of the page as it is now, or "" when it has no violations."""
    results = AXE.run(page)
    return results.generate_report() if results.violations_count else ""


def audit(browser: Browser, site: ServedSite, scheme: str, width: int) -> dict[str, str]:
    """Page → axe report, for the pages that have violations."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    failures = {}
    for path in site.pages:
        page.goto(site.url(path))
        report = violations(page)
        if report:
            failures[path] = report
    context.close()
    return failures


def test_every_page_is_axe_clean_in_light_mode_on_a_desktop(chromium: Browser, default_site: ServedSite) -> None:
    assert len(default_site.pages) >= 8
    failures = audit(chromium, default_site, "light", 1280)
    assert not failures, "\n\n".join(f"== {p}\n{r}" for p, r in failures.items())


def test_every_page_is_axe_clean_in_dark_mode_on_a_phone(chromium: Browser, default_site: ServedSite) -> None:
    failures = audit(chromium, default_site, "dark", 390)
    assert not failures, "\n\n".join(f"== {p}\n{r}" for p, r in failures.items())


def test_open_citation_preview_and_search_results_are_axe_clean(chromium: Browser, default_site: ServedSite) -> None:
    page = chromium.new_page()
    section = next(p for p in default_site.pages if "cite-ref" in default_site.html(p) and p != "index.html")
    page.goto(default_site.url(section))
    page.locator("a.cite-ref").first.focus()
    assert page.locator("#cite-tip").is_visible()
    assert violations(page) == ""
    page.fill("#search-q", "DeepSeek")
    page.locator(".search-results li").first.wait_for()
    assert violations(page) == ""
    page.close()
