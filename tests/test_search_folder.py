"""The search index kept between builds: a page removed or edited, or the kept folder tampered with, gives the
same index as a build from nothing."""

from __future__ import annotations

from pathlib import Path

from sitegen.render import Output
from sitegen.search import extract, search_index


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
