"""The search index kept between builds: a page removed or edited, or the kept folder tampered with, gives the
same index as a build from nothing."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from sitegen import search
from sitegen.build import build
from sitegen.cache import Cache
from sitegen.incremental import cached_search
from sitegen.render import Output
from sitegen.search import extract, search_index, start_index
from tests.browser_support import REPO, ServedSite, _Quiet, copy_project
from tests.test_search import word_of_one_source


def page(path: str, words: str) -> Output:
    html = (
        f'<html lang="en"><head><title>{words}</title></head><body><nav>Menu</nav>'
        f"<main data-pagefind-body><h1>{words}</h1><p>{words} text</p></main><footer>Foot</footer></body></html>"
    )
    return Output(path, html.encode())


def bundle(outputs: list[Output]) -> dict[str, bytes]:
    return {o.path: o.data for o in outputs}


def test_a_kept_folder_gives_the_index_a_fresh_one_gives(tmp_path: Path) -> None:
    work = tmp_path / "search"
    pages = [page("index.html", "home"), page("a/index.html", "alpha"), page("b/index.html", "bravo")]
    assert bundle(search_index(pages, "en", work)) == bundle(search_index(pages, "en"))
    pages = [pages[0], page("a/index.html", "alphabet")]  # b removed, a edited
    (work / "site" / "index.html").write_text("tampered")
    (work / "site" / "stray.html").write_text("<html><body><main data-pagefind-body>stray</main></body></html>")
    kept = bundle(search_index(pages, "en", work))
    assert kept == bundle(search_index(pages, "en"))
    assert sorted(p.relative_to(work / "site").as_posix() for p in (work / "site").rglob("*.html")) == [
        "a/index.html",
        "index.html",
    ]
    assert not any(p.endswith(".js") and "ui" in p for p in kept)


def test_pagefind_reads_only_the_head_and_the_searchable_part() -> None:
    cut = extract(page("a.html", "alpha").data).decode()
    assert "<title>alpha</title>" in cut and "<h1>alpha</h1>" in cut
    assert "Menu" not in cut and "Foot" not in cut
    whole = b"<html><head></head><body><main><p>no marker</p></main></body></html>"
    assert extract(whole) == whole


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
        page = chromium.new_page()
        page.goto(site.url("index.html"))
        page.fill("#search-q", word)
        results = page.locator(".search-results li a")
        expect(results).to_have_count(1, timeout=15000)
        assert results.first.evaluate("a => a.href") == site.url(source_page)
        page.fill("#search-q", "DeepSeek")
        expect(page.locator(".search-results li a").nth(4)).to_be_visible(timeout=15000)
        hrefs = page.locator(".search-results li a").evaluate_all("as => as.map(a => a.href)")
        shard_of = {o.path: n for n, s in enumerate(search.shard_pages(Output(p, b"") for p in pages)) for o in s}
        assert len({shard_of[h[len(site.base) :]] for h in hrefs}) >= 3  # results merged from several shards
        page.close()
    finally:
        server.shutdown()
        server.server_close()


def test_the_folders_of_shards_a_smaller_site_no_longer_has_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    cache = Cache(tmp_path / "cache")
    pages = [page(f"p{i}/index.html", f"word{i}") for i in range(6)]
    first = cached_search(cache, pages, "en", start_index)()
    assert sorted(p.name for p in (tmp_path / "cache" / "search").iterdir()) == ["0", "1", "2"]
    assert json.loads(bundle(first)["pagefind/shards.json"]) == ["shard-1/", "shard-2/"]
    cached_search(cache, pages[:2], "en", start_index)()
    assert sorted(p.name for p in (tmp_path / "cache" / "search").iterdir()) == ["0"]
