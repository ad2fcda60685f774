"""What a reader notices: no other host contacted, light pages, social cards, print, phones, focus, dark mode."""

from __future__ import annotations

import io
import re
from pathlib import Path

from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from sitegen.build import render_project
from sitegen.render.cards import draw_cards, unique
from tests.browser_support import REPO, ServedSite, copy_project

LIMIT = 100 * 1024


def section_with_citations(site: ServedSite) -> str:
    """A section page (not the home page) that cites sources."""
    return next(p for p in site.pages if "cite-ref" in site.html(p) and p != "index.html" and "/" in p)


def test_no_page_requests_another_host_even_when_searching(chromium: Browser, default_site: ServedSite) -> None:
    requested: list[str] = []
    page = chromium.new_page()
    page.on("request", lambda r: requested.append(r.url))
    for path in default_site.pages:
        page.goto(default_site.url(path))  # "load": the stylesheet, scripts and images have been fetched
    page.fill("#search-q", "DeepSeek")
    expect(page.locator(".search-results li").first).to_be_visible(timeout=15000)
    page.wait_for_load_state("networkidle")
    elsewhere = [u for u in requested if not u.startswith(default_site.base)]
    assert elsewhere == []
    assert any("/pagefind/" in u for u in requested)  # the search really ran
    page.close()


def test_html_and_css_of_every_page_stay_under_100_kb(default_site: ServedSite) -> None:
    for path in default_site.pages:
        html = default_site.html(path)
        soup = BeautifulSoup(html, "html.parser")
        total = len(html.encode("utf-8"))
        page_dir = (default_site.root / path).parent
        for link in soup.select("link[rel~=stylesheet]"):
            href = str(link["href"]).split("?")[0]
            css = default_site.root / href.lstrip("/") if href.startswith("/") else page_dir / href
            total += css.resolve().stat().st_size
        assert total < LIMIT, f"{path}: {total} bytes of HTML and CSS"


def card_of(site: ServedSite, path: str) -> Path:
    """The card file a page's og:image names."""
    soup = BeautifulSoup(site.html(path), "html.parser")
    image = soup.select_one('meta[property="og:image"]')
    assert image is not None, path
    assert soup.select_one('meta[name="twitter:image"]')["content"] == image["content"]  # type: ignore[index]
    return site.root / str(image["content"]).removeprefix("/")


def test_every_page_has_a_1200x630_social_card_with_its_title(default_site: ServedSite) -> None:
    cards = set()
    for path in default_site.pages:
        if path == "404.html":
            continue
        card = card_of(default_site, path)
        with Image.open(card) as img:
            assert (img.format, img.size) == ("PNG", (1200, 630)), path
        cards.add(card.read_bytes())
    assert len(cards) == len(default_site.pages) - 1  # each card shows its own page's title


def test_social_card_urls_are_absolute_under_an_absolute_base_url(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "project")
    result = render_project(project, base_url="https://news.example.org/curbs/")
    cards = unique(draw_cards(result.outputs, result.site.config.base_url))
    files = {o.path: o.data for o in [*result.outputs, *cards]}
    html = files["sources/index.html"].decode()
    assert '<meta property="og:image" content="https://news.example.org/curbs/sources/card.png">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    with Image.open(io.BytesIO(files["sources/card.png"])) as img:
        assert img.size == (1200, 630)


def test_print_hides_navigation_and_prints_each_reference_with_its_target(
    chromium: Browser, default_site: ServedSite
) -> None:
    css = (default_site.root / "assets" / "style.css").read_text(encoding="utf-8")
    assert "@media print" in css
    page = chromium.new_page()
    page.goto(default_site.url(section_with_citations(default_site)))
    target = page.locator(".references .ref-target").first
    expect(target).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.locator("nav[aria-label='Sections']")).to_be_hidden()
    expect(page.locator(".pager")).to_be_hidden()
    expect(target).to_be_visible()
    expect(target).to_contain_text(re.compile(r"sources/[a-z0-9-]+/#p\d+"))
    page.close()


def test_pages_fit_a_320_px_phone_without_sideways_scrolling(chromium: Browser, default_site: ServedSite) -> None:
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in default_site.pages:
        page.goto(default_site.url(path))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} px wide"
    context.close()


def test_skip_link_comes_first_and_focus_is_visible(chromium: Browser, default_site: ServedSite) -> None:
    page = chromium.new_page()
    page.goto(default_site.url(section_with_citations(default_site)))
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to content")
    expect(focused).to_be_in_viewport()
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    width = page.evaluate("parseFloat(getComputedStyle(document.activeElement).outlineWidth)")
    assert outline != "none" and width >= 2
    page.close()


def test_a_marker_opens_a_popover_of_every_source_behind_it_on_focus_hover_and_tap(
    chromium: Browser, default_site: ServedSite
) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.goto(default_site.url("index.html"))
    marker = page.locator("a.cite-ref[data-refs*=' ']").first  # one marker for several sources
    numbers = str(marker.get_attribute("data-refs")).split()
    outlets = [str(page.locator(f"#ref-{n} .ref-source strong").text_content())[:40] for n in numbers]
    pop = page.locator("#cite-pop")
    marker.focus()
    expect(pop).to_be_visible()
    shown = pop.locator(".pop-outlet").all_inner_texts()
    assert [name[:40] for name in shown] == outlets  # a long headline is cut short
    quote = str(page.locator(f"#ref-{numbers[0]} .ref-quote").text_content()).strip()
    expect(pop.locator(".pop-quote").first).to_contain_text(quote[:40])
    assert marker.get_attribute("title") is None  # no second, native tooltip
    page.keyboard.press("Escape")
    expect(pop).to_be_hidden()
    marker.tap()  # a tap opens it and stays on the page
    expect(pop).to_be_visible()
    assert marker.get_attribute("aria-expanded") == "true"
    assert page.url == default_site.url("index.html")
    link = pop.locator(".pop-head a").first
    assert "/sources/" in str(link.get_attribute("href"))  # each source links to its passage
    page.touchscreen.tap(195, 5)  # elsewhere on the page
    expect(pop).to_be_hidden()
    context.close()
    page = chromium.new_page()
    page.goto(default_site.url(section_with_citations(default_site)))
    page.locator("a.cite-ref").nth(1).hover()
    expect(page.locator("#cite-pop")).to_be_visible()
    page.mouse.move(0, 0)
    expect(page.locator("#cite-pop")).to_be_hidden()
    page.close()


def background(page: Page) -> str:
    return str(page.evaluate("getComputedStyle(document.body).backgroundColor"))


def test_dark_mode_follows_the_system_setting(chromium: Browser, default_site: ServedSite) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        context = chromium.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(default_site.url("index.html"))
        colours[scheme] = background(page)
        context.close()
    assert colours["light"] != colours["dark"]
    dark = [int(x) for x in re.findall(r"\d+", colours["dark"])[:3]]
    assert sum(dark) < 150
