"""sitegen/cite.py: the cite stage over every page: results in page order, every page's problems collected."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from sitegen import cite
from sitegen.cite import cite_batch, cite_pages
from sitegen.errors import Problems, SitegenError
from sitegen.model import CitedPage, Page, Paragraph, Source
from sitegen.progress import Progress
from sitegen.speed import Memo

WIRE = Source("wire", "seeds/wire.txt", None, None, (), None, None, (), (Paragraph(1, "p1", "The bridge opened."),))


def page(name: str, body: str) -> Page:
    return Page(f"content/{name}.md", f"{name}/", name.title(), body, body_line=4)


PAGES = [
    page("a", 'It opened [@wire "bridge opened"].\n'),
    page("b", 'It closed [@wire "bridge closed"].\n'),
    page("c", "No citation.\n"),
    page("d", 'Unknown [@daily "x"] and [@wire ¶7].\n'),
]


def test_every_page_that_cites_soundly_comes_back_in_order_and_every_problem_is_kept() -> None:
    problems = Problems()
    cited = cite_pages(PAGES, [WIRE], Memo.off(), Progress(), problems)
    assert [cp.page.path for cp in cited] == ["content/a.md", "content/c.md"]
    assert [cp.references[0].exact for cp in cited if cp.references] == ["bridge opened"]
    assert [p.format().splitlines()[0] for p in problems.items] == [
        'content/b.md:4: error: quote not found in source wire: "bridge closed" [citation.quote]',
        "content/d.md:4: error: source wire has no paragraph ¶7 (it has 1) [citation.paragraph]",
        "content/d.md:4: error: unknown source id 'daily' [citation.unknown-source]",
    ]


def test_a_batch_shares_one_converter_and_keeps_no_footnote_of_one_page_in_the_next() -> None:
    first, second = cite_batch({"wire": WIRE}, [page("a", "Text.[^1]\n\n[^1]: A note.\n"), page("b", "Plain.\n")])
    assert "A note." in first.html  # type: ignore[union-attr]
    assert second.html == "<p>Plain.</p>"  # type: ignore[union-attr]


def test_the_memo_cites_again_only_the_pages_that_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    memo, cited_now = Memo(), []

    def recording(sources: Mapping[str, Source], pages: Sequence[Page]) -> list[CitedPage | SitegenError]:
        cited_now.extend(p.path for p in pages)
        return cite_batch(sources, pages)

    monkeypatch.setattr(cite, "cite_batch", recording)
    for pages in ([PAGES[0], PAGES[2]], [PAGES[0], page("c", "Changed.\n")]):
        with memo.build():
            cite.cite_pages(pages, [WIRE], memo, Progress(), Problems())
    assert cited_now == ["content/a.md", "content/c.md", "content/c.md"]
