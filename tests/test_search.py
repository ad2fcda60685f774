"""Search: the Pagefind index built with the site finds a word of one source's text and links to that source."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, expect

from sitegen.errors import SitegenError
from tests.browser_support import ServedSite


def words(html: str, selector: str = "main") -> set[str]:
    """The distinct lower-case words of the element ``selector`` of a page."""
    node = BeautifulSoup(html, "html.parser").select_one(selector)
    return set(re.findall(r"[a-z]{7,}", node.get_text(" ").lower())) if node else set()


def word_of_one_source(site: ServedSite) -> tuple[str, str]:
    """A word found in one source page's text and on no other page; and that page."""
    seen = Counter(w for page in site.pages for w in words(site.html(page)))
    for page in site.pages:
        if page.startswith("sources/") and page != "sources/index.html":
            unique = sorted(w for w in words(site.html(page), ".source-text") if seen[w] == 1)
            if unique:
                return unique[0], page
    raise AssertionError("no word appears on one source page only")


def test_search_finds_a_word_only_one_source_has_and_links_to_that_source(
    chromium: Browser, default_site: ServedSite
) -> None:
    word, source_page = word_of_one_source(default_site)
    page = chromium.new_page()
    page.goto(default_site.url("index.html"))
    page.fill("#search-q", word)
    results = page.locator(".search-results li a")
    expect(results).to_have_count(1, timeout=15000)
    expect(page.locator(".search-status")).to_have_text(f"1 result for \u201c{word}\u201d")
    expect(page.locator(".search-results mark").first).to_have_text(re.compile(word, re.I))
    results.first.click()
    page.wait_for_url(default_site.url(source_page))
    assert word in page.locator(".source-text").inner_text().lower()
    page.close()


def test_search_from_a_nested_page_links_results_under_the_site_and_says_when_nothing_matches(
    chromium: Browser, default_site: ServedSite
) -> None:
    page = chromium.new_page()
    page.goto(default_site.url("sources/index.html"))
    page.fill("#search-q", "DeepSeek")
    first = page.locator(".search-results li a").first
    expect(first).to_be_visible(timeout=15000)
    href = first.evaluate("a => a.href")
    assert href.startswith(default_site.base) and href.endswith("index.html")
    page.fill("#search-q", "zzqxwv")
    expect(page.locator(".search-status")).to_have_text("Nothing found for \u201czzqxwv\u201d", timeout=15000)
    page.keyboard.press("Escape")
    expect(page.locator("#search-panel")).to_be_hidden()
    page.close()


def test_the_pagefind_binary_is_the_packaged_one_unless_overridden(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitegen.search import executable

    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    assert executable().is_file() and "pagefind" in executable().name
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/opt/pagefind/bin/pagefind")
    assert str(executable()) == "/opt/pagefind/bin/pagefind"


def test_a_failing_search_indexer_fails_the_build_and_keeps_the_last_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind runs while the cards are drawn; when it fails, the build says so and public/ is as it was."""
    from sitegen.build import build
    from tests.conftest import tree_digest
    from tests.test_build import copy_default_project

    project = copy_default_project(tmp_path)
    build(project)
    before = tree_digest(project / "public")
    (project / "content" / "background.md").write_text(
        (project / "content" / "background.md").read_text() + "\nOne more sentence.\n"
    )
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'index exploded' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    with pytest.raises(SitegenError) as caught:
        build(project)
    assert "pagefind: error: search indexing failed: index exploded [search.index]" in caught.value.format()
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "missing"))
    with pytest.raises(SitegenError) as caught:
        build(project)
    assert "search indexing failed: [Errno 2]" in caught.value.format()
    assert tree_digest(project / "public") == before
    assert not list(project.glob("public.staging-*"))
