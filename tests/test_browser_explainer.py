"""The explainer as a reader meets it, in Chromium, on every page of the default site and of a real story drafted by
``sitegen curate``: one marker per cited sentence, markers that stay with their words and are big enough to tap,
sources folded out of the way, pages that fit a phone, the matrix on its own page, a theme switch that remembers
and never flashes, and fonts and favicon served by the site itself within a small page weight."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import partial

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, Response, expect

from tests.browser_support import ServedSite
from tests.test_content import MARK, body_blocks, sentences

WIDTHS = (320, 390, 1280)
WEIGHT_LIMIT = 150 * 1024
APPARATUS = re.compile(r"¶\d|↩|date unknown|Relies on|Published|Sources for this page|passages from|cited \d+ time")


@pytest.fixture(params=["default_site", "story_site"])
def site(request: pytest.FixtureRequest) -> ServedSite:
    """Each built site in turn: the default story, and a real one drafted by curate."""
    served: ServedSite = request.getfixturevalue(request.param)
    return served


def open_page(browser: Browser, width: int) -> Iterator[Page]:
    """A page in a fresh context ``width`` px wide (a phone's height below 500 px)."""
    context = browser.new_context(viewport={"width": width, "height": 844 if width < 500 else 900})
    yield context.new_page()
    context.close()


@pytest.fixture(params=[390, 1280])
def page_at(request: pytest.FixtureRequest, chromium: Browser) -> Iterator[Page]:
    yield from open_page(chromium, request.param)


# A marker is on the line of the word before it, and a stop after it on the marker's line: for every marker,
# the rectangles of the last character before it and the first after it, against the marker's own.
AROUND_MARKERS = """() => {
  const out = [];
  const char = (node, last) => {
    const text = node.textContent, r = document.createRange();
    const i = last ? text.trimEnd().length - 1 : text.length - text.trimStart().length;
    r.setStart(node, i); r.setEnd(node, i + 1);
    return r.getBoundingClientRect();
  };
  for (const sup of document.querySelectorAll("main sup.cite")) {
    const a = sup.querySelector("a").getBoundingClientRect();
    const walk = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
    walk.currentNode = sup;
    let before = walk.previousNode();
    while (before && (!before.textContent.trim() || sup.contains(before))) before = walk.previousNode();
    walk.currentNode = sup.lastChild.lastChild || sup.lastChild;
    let after = walk.nextNode();
    while (after && sup.contains(after)) after = walk.nextNode();
    const b = char(before, true);
    const row = {marker: [a.left, a.top, a.bottom], before: [b.right, b.top, b.bottom], after: null};
    if (after && /^[.,;:!?)\\u201d]/.test(after.textContent)) {
      const c = char(after, false);
      row.after = [c.left, c.top, c.bottom];
    }
    out.push(row);
  }
  return out;
}"""


def same_line(marker: list[float], char: list[float]) -> bool:
    """Whether a marker's box and a character's box sit on one line (their middles less than a line apart)."""
    return abs((marker[1] + marker[2]) / 2 - (char[1] + char[2]) / 2) < (char[2] - char[1])


def test_at_most_one_marker_per_sentence(site: ServedSite, chromium: Browser) -> None:
    page = chromium.new_page()
    checked = 0
    for path in site.pages:
        page.goto(site.url(path))
        soup = BeautifulSoup(page.content(), "html.parser")
        blocks = body_blocks(soup) + soup.select("li.event p")
        for text in (s for block in blocks for s in sentences(block)):
            assert text.count(MARK) <= 1, f"{path}: {text}"
            checked += text.count(MARK)
    assert checked >= 30
    page.close()


def test_no_marker_sits_on_a_line_of_its_own_or_leaves_its_stop_alone(site: ServedSite, page_at: Page) -> None:
    for path in site.pages:
        page_at.goto(site.url(path))
        for row in page_at.evaluate(AROUND_MARKERS):
            assert same_line(row["marker"], row["before"]), f"{path}: a marker wrapped away from its word: {row}"
            if row["after"]:
                assert same_line(row["marker"], row["after"]), f"{path}: a stop wrapped away from its marker: {row}"


def test_every_marker_is_a_24_px_tap_target(site: ServedSite, chromium: Browser) -> None:
    for page in open_page(chromium, 390):
        for path in site.pages:
            page.goto(site.url(path))
            sizes = page.eval_on_selector_all(
                "a.cite-ref", "els => els.map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])"
            )
            small = [s for s in sizes if s[0] < 24 or s[1] < 24]
            assert small == [], f"{path}: {small}"


def test_the_folded_sources_take_at_most_a_quarter_of_a_phone_page(site: ServedSite, chromium: Browser) -> None:
    measured = 0
    for page in open_page(chromium, 390):
        for path in site.pages:
            page.goto(site.url(path))
            if not page.locator("details.references").count():
                continue
            share = page.evaluate(
                "document.querySelector('details.references').getBoundingClientRect().height"
                " / document.documentElement.scrollHeight"
            )
            assert share <= 0.25, f"{path}: {share:.0%}"
            measured += 1
    assert measured >= 5


def test_a_link_to_a_reference_opens_the_folded_sources_and_highlights_it(site: ServedSite, chromium: Browser) -> None:
    page = chromium.new_page()
    section = next(p for p in site.pages if "#ref-2" in site.html(p) and p != "index.html")
    page.goto(site.url(section) + "#ref-2")
    assert page.locator("details.references").get_attribute("open") is not None
    reference = page.locator("#ref-2")
    expect(reference).to_be_in_viewport()
    assert page.evaluate("getComputedStyle(document.querySelector('#ref-2')).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.goto(site.url(section))
    expect(reference).to_be_hidden()
    page.emulate_media(media="print")
    expect(reference).to_be_visible()  # printed open
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(site: ServedSite, chromium: Browser, width: int) -> None:
    for page in open_page(chromium, width):
        for path in site.pages:
            page.goto(site.url(path))
            # every scrolling box shown (the lineage lists kept for screen readers on wide screens are 1 px)
            wide = page.evaluate(
                "[document.documentElement.scrollWidth, ...[...document.querySelectorAll("
                "'.table-scroll, .lineage-wide, .lineage-list, pre')].filter(e => e.offsetParent && e.clientWidth > 1)"
                ".map(e => e.scrollWidth - e.clientWidth + document.documentElement.clientWidth)]"
            )
            assert max(wide) <= width, f"{path} at {width} px: {wide}"


def test_the_matrix_is_a_page_of_its_own_with_every_column_in_view(site: ServedSite, chromium: Browser) -> None:
    for page in open_page(chromium, 1280):
        page.goto(site.url("index.html"))
        nav = page.locator("nav[aria-label='Sections'] a", has_text="Who reports what")
        nav.click()
        page.wait_for_url(site.url("claims/index.html"))
        table = page.locator("table.coverage-matrix")
        columns = table.locator("thead th")
        sources = [p for p in site.pages if p.startswith("sources/") and p != "sources/index.html"]
        assert columns.count() == len(sources) + 2  # the claim, each source, the lines of reporting
        box = page.locator(".matrix-scroll").bounding_box()
        assert box is not None
        for n in range(columns.count()):
            cell = columns.nth(n).bounding_box()
            assert cell is not None and cell["x"] >= box["x"] and cell["x"] + cell["width"] <= box["x"] + box["width"]
        assert page.evaluate("(e => e.scrollWidth <= e.clientWidth)(document.querySelector('.matrix-scroll'))")
        rows = table.locator("tbody th[scope=row]")
        heights = [rows.nth(n).bounding_box()["height"] for n in range(rows.count())]  # type: ignore[index]
        line = float(page.evaluate("parseFloat(getComputedStyle(document.querySelector('tbody th')).lineHeight)"))
        assert max(heights) < 5 * line + 24  # short claims: four lines at most
        assert table.locator(".cell-lines").first.inner_text().strip()[0].isdigit()


def test_on_a_phone_the_matrix_is_one_card_per_claim(site: ServedSite, chromium: Browser) -> None:
    for page in open_page(chromium, 390):
        page.goto(site.url("claims/index.html"))
        rows = page.locator("table.coverage-matrix tbody tr")
        boxes = [rows.nth(n).bounding_box() for n in range(rows.count())]
        assert all(b is not None and b["width"] <= 390 - 24 for b in boxes)
        for above, below in itertools.pairwise(boxes):
            assert above is not None and below is not None and above["y"] + above["height"] <= below["y"]
        expect(page.locator("table.coverage-matrix thead")).not_to_be_in_viewport()


def test_the_lineage_reflows_into_lists_on_a_phone(default_site: ServedSite, chromium: Browser) -> None:
    for width in (320, 390):
        for page in open_page(chromium, width):
            page.goto(default_site.url("index.html"))
            expect(page.locator(".lineage-svg")).to_be_hidden()
            lists = page.locator(".lineage-list")
            expect(lists).to_be_visible()
            assert "Bloomberg" in lists.inner_text() and "NexChron" in lists.inner_text()
            box = lists.bounding_box()
            assert box is not None and box["x"] + box["width"] <= width


def test_the_navigation_wraps_and_shows_every_section_on_a_phone(site: ServedSite, chromium: Browser) -> None:
    for page in open_page(chromium, 320):
        page.goto(site.url("index.html"))
        links = page.locator("nav[aria-label='Sections'] a")
        for n in range(links.count()):
            expect(links.nth(n)).to_be_in_viewport()


def test_the_chosen_theme_survives_a_reload_and_is_set_before_the_first_paint(
    default_site: ServedSite, chromium: Browser
) -> None:
    context = chromium.new_context(color_scheme="light")
    # in order, what the page's parser does: the theme set on <html>, the stylesheet added
    context.add_init_script(
        """window.__order = [];
        new MutationObserver(ms => ms.forEach(m => {
          if (m.type === 'attributes') window.__order.push('theme:' + document.documentElement.dataset.theme);
          m.addedNodes.forEach(n => { if (n.rel === 'stylesheet') window.__order.push('stylesheet'); });
        })).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-theme']});"""
    )
    page = context.new_page()
    page.goto(default_site.url("index.html"))
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.get_by_role("button", name="Dark theme").click()
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark != light
    page.reload()
    assert page.evaluate("window.__order")[:2] == ["theme:dark", "stylesheet"]
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == dark
    assert page.get_by_role("button", name="Dark theme").get_attribute("aria-pressed") == "true"
    page.goto(default_site.url("background/index.html"))
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == dark
    page.get_by_role("button", name="Follow the system's theme").click()
    page.reload()
    assert page.evaluate("window.__order")[0] == "stylesheet"  # the system's theme: nothing set
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == light
    context.close()


def weigh(loaded: dict[str, int], response: Response) -> None:
    """Note the size of a page, stylesheet or font the browser received."""
    if response.request.resource_type in ("document", "stylesheet", "font"):
        loaded[response.url] = len(response.body())


def test_fonts_and_favicon_come_from_the_site_and_the_heaviest_page_stays_under_150_kb(
    site: ServedSite, chromium: Browser
) -> None:
    heaviest = (0, "")
    for path in site.pages:
        loaded: dict[str, int] = {}
        for page in open_page(chromium, 1280):  # a fresh browser cache for each page
            page.on("response", partial(weigh, loaded))
            page.goto(site.url(path))
            page.evaluate("document.fonts.ready.then(() => true)")
            page.wait_for_load_state("networkidle")
            icon = page.evaluate("document.querySelector('link[rel=icon][type=\"image/svg+xml\"]').href")
            assert page.request.get(icon).ok and page.request.get(site.url("favicon.ico")).ok
        assert all(url.startswith(site.base) for url in loaded), path
        fonts = [url for url in loaded if url.split("?")[0].endswith(".woff2")]
        assert any("source-serif-4" in u for u in fonts) and any("schibsted-grotesk" in u for u in fonts), path
        heaviest = max(heaviest, (sum(loaded.values()), path))
    assert heaviest[0] <= WEIGHT_LIMIT, f"{heaviest[1]}: {heaviest[0]} bytes with its CSS and fonts"


def test_search_finds_the_story_sections_first_without_apparatus(site: ServedSite, chromium: Browser) -> None:
    outlet = BeautifulSoup(site.html("index.html"), "html.parser").select_one(".source-outlet")
    assert outlet is not None
    first = BeautifulSoup(site.html(next(p for p in site.pages if "Part 1 of" in site.html(p))), "html.parser")
    heading = first.select_one(".prose h2") or first.select_one("h1")
    assert heading is not None
    word = max(re.findall(r"[A-Za-z]{6,}", heading.get_text()), key=len)  # a key word of a section
    page = chromium.new_page()
    page.goto(site.url("index.html"))
    for term in (outlet.get_text().strip(), word):
        page.fill("#search-q", term)
        expect(page.locator(".search-status")).to_contain_text(f"\u201c{term}\u201d", timeout=15000)
        results = page.locator(".search-results li")
        expect(results.first).to_be_visible()
        kinds = [k.split(" \u00b7 ")[0] for k in results.locator(".search-kind").all_inner_texts()]
        assert kinds[0] == "Section", (term, kinds)
        assert kinds == sorted(kinds, key=lambda k: k != "Section"), (term, kinds)  # sections, then sources
        for snippet in results.locator("p").all_inner_texts():
            assert not APPARATUS.search(snippet), (term, snippet)
        page.get_by_role("button", name="Sources", exact=True).click()
        page.wait_for_selector(".search-results[data-kind=Source]", state="attached", timeout=15000)
        shown = page.locator(".search-results .search-kind").all_inner_texts()
        assert all(k.startswith("Source") for k in shown), shown
        page.get_by_role("button", name="All", exact=True).click()
    page.close()
