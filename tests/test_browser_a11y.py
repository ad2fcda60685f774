"""axe-core in real Chromium over every page of the default site and of a story drafted by curate: light and dark,
phone and desktop, the dark theme chosen with the switch, and with a citation popover and search results open."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser_support import ServedSite

AXE = Axe()


def violations(page: Page) -> str:
    """axe's report of the page as it is now, or "" when it has no violations."""
    results = AXE.run(page)
    return results.generate_report() if results.violations_count else ""


def audit(browser: Browser, site: ServedSite, scheme: str, width: int, chosen: str | None = None) -> dict[str, str]:
    """Page → axe report, for the pages that have violations; ``chosen``: the theme picked with the switch."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    if chosen:
        context.add_init_script(f"localStorage.setItem('sitegen-theme', '{chosen}')")
    page = context.new_page()
    failures = {}
    for path in site.pages:
        page.goto(site.url(path))
        report = violations(page)
        if report:
            failures[path] = report
    context.close()
    return failures


@pytest.fixture(params=["default_site", "story_site"])
def site(request: pytest.FixtureRequest) -> ServedSite:
    """Each built site in turn: the default story, and a real one drafted by curate."""
    served: ServedSite = request.getfixturevalue(request.param)
    return served


def test_every_page_is_axe_clean_in_light_mode_on_a_desktop(chromium: Browser, site: ServedSite) -> None:
    assert len(site.pages) >= 8
    failures = audit(chromium, site, "light", 1280)
    assert not failures, "\n\n".join(f"== {p}\n{r}" for p, r in failures.items())


def test_every_page_is_axe_clean_in_dark_mode_on_a_phone(chromium: Browser, site: ServedSite) -> None:
    failures = audit(chromium, site, "dark", 390)
    assert not failures, "\n\n".join(f"== {p}\n{r}" for p, r in failures.items())


def test_every_page_is_axe_clean_in_the_dark_theme_chosen_on_a_light_system(
    chromium: Browser, default_site: ServedSite
) -> None:
    failures = audit(chromium, default_site, "light", 1280, chosen="dark")
    assert not failures, "\n\n".join(f"== {p}\n{r}" for p, r in failures.items())


def test_open_citation_popover_and_search_results_are_axe_clean(chromium: Browser, default_site: ServedSite) -> None:
    page = chromium.new_page()
    section = next(p for p in default_site.pages if "cite-ref" in default_site.html(p) and p != "index.html")
    page.goto(default_site.url(section))
    page.locator("a.cite-ref").first.click()
    expect(page.locator("#cite-pop")).to_be_visible()
    assert violations(page) == ""
    page.keyboard.press("Escape")
    page.fill("#search-q", "DeepSeek")
    page.locator(".search-results li").first.wait_for()
    assert violations(page) == ""
    page.close()
