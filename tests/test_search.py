"""Search (sitegen/render/search.py): the Pagefind index built with the site finds a word of one source's text
and links to that source; a large site is indexed in shards; Pagefind never outlives the build."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, expect

from sitegen.build import build
from sitegen.errors import SitegenError
from sitegen.model import Output
from sitegen.render import search
from sitegen.render.search import executable, extract, search_index
from tests.browser_support import REPO, ServedSite, _Quiet, copy_project
from tests.conftest import tree_digest
from tests.test_build import copy_default_project


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
    href = first.evaluate("a => a.href")  # a page, or the heading in it the words are under
    assert href.startswith(default_site.base) and href.split("#")[0].endswith("index.html")
    page.fill("#search-q", "zzqxwv")
    expect(page.locator(".search-status")).to_have_text("Nothing found for \u201czzqxwv\u201d", timeout=15000)
    page.keyboard.press("Escape")
    expect(page.locator("#search-panel")).to_be_hidden()
    page.close()


def test_the_pagefind_binary_is_the_packaged_one_unless_overridden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    assert executable().is_file() and "pagefind" in executable().name
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/opt/pagefind/bin/pagefind")
    assert str(executable()) == "/opt/pagefind/bin/pagefind"


def test_a_failing_search_indexer_fails_the_build_and_keeps_the_last_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind runs while the cards are drawn; when it fails, the build says so and public/ is as it was."""
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


def page(path: str, words: str) -> Output:
    html = (
        f'<html lang="en"><head><title>{words}</title></head><body><nav>Menu</nav>'
        f"<main data-pagefind-body><h1>{words}</h1><p>{words} text</p></main><footer>Foot</footer></body></html>"
    )
    return Output(path, html.encode())


def test_pagefind_reads_only_the_head_and_the_searchable_part() -> None:
    cut = extract(page("a.html", "alpha").data).decode()
    assert "<title>alpha</title>" in cut and "<h1>alpha</h1>" in cut
    assert "Menu" not in cut and "Foot" not in cut
    whole = b"<html><head></head><body><main><p>no marker</p></main></body></html>"
    assert extract(whole) == whole


def test_the_bundle_lists_its_shards_and_leaves_out_the_ui_files_the_site_never_loads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    with search_index([page(f"p{i}/index.html", f"word{i}") for i in range(6)], "en") as bundle:
        files = {f.path: f.data for f in bundle()}
    assert json.loads(files["pagefind/shards.json"]) == ["shard-1/", "shard-2/"]
    for shard in ("pagefind", "pagefind/shard-1", "pagefind/shard-2"):
        assert f"{shard}/pagefind-entry.json" in files and f"{shard}/pagefind.js" in files
    assert not [path for path in files if "-ui." in path or "highlight" in path]


def test_pagefind_is_stopped_and_its_folder_removed_when_the_build_stops_early(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told = tmp_path / "told"
    slow = tmp_path / "pagefind"
    slow.write_text(f'#!/bin/sh\necho "$$ $2" > {told}.tmp && mv {told}.tmp {told}\nexec sleep 30\n')
    slow.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(slow))
    with pytest.raises(KeyboardInterrupt), search_index([page("index.html", "home")], "en"):
        for _ in range(500):
            if told.exists():
                break
            threading.Event().wait(0.01)
        pid, site = told.read_text().split()
        assert Path(site).is_dir()
        raise KeyboardInterrupt  # Ctrl-C while Pagefind runs
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid), 0)
    assert not Path(site).parent.exists()


def test_a_site_indexed_in_shards_finds_words_from_every_shard(
    chromium: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "SHARD_PAGES", 4)
    project = copy_project(REPO, tmp_path / "project")
    root = project / build(project).site.config.output_dir
    shards = json.loads((root / "pagefind" / "shards.json").read_text())
    assert len(shards) >= 3 and all((root / "pagefind" / s / "pagefind-entry.json").is_file() for s in shards)
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        pages = tuple(sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")))
        site = ServedSite(root, f"http://127.0.0.1:{server.server_address[1]}/", pages)
        word, source_page = word_of_one_source(site)
        tab = chromium.new_page()
        tab.goto(site.url("index.html"))
        tab.fill("#search-q", word)
        results = tab.locator(".search-results li a")
        expect(results).to_have_count(1, timeout=15000)
        assert results.first.evaluate("a => a.href") == site.url(source_page)
        tab.fill("#search-q", "DeepSeek")
        expect(tab.locator(".search-results li a").nth(4)).to_be_visible(timeout=15000)
        hrefs = tab.locator(".search-results li a").evaluate_all("as => as.map(a => a.href)")
        shard_of = {o.path: n for n, s in enumerate(search.shard_pages(Output(p, b"") for p in pages)) for o in s}
        assert len({shard_of[h[len(site.base) :].split("#")[0]] for h in hrefs}) >= 3  # merged from several shards
        tab.close()
    finally:
        server.shutdown()
        server.server_close()
