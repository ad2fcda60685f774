"""[Page] → [CitedPage]: every page's Markdown rendered and its citations resolved (:mod:`sitegen.markup`), in
worker processes when there are many, every problem of every page collected."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from sitegen.errors import Problems, SitegenError
from sitegen.markup import cite_page, make_markdown
from sitegen.model import CitedPage, Page, Source
from sitegen.progress import Progress
from sitegen.speed import Memo, in_parallel


def cite_pages(
    pages: Sequence[Page], sources: Sequence[Source], memo: Memo, progress: Progress, problems: Problems
) -> tuple[CitedPage, ...]:
    """Every page that cites soundly, in order; each problem of the others goes to ``problems``."""
    by_id = {s.id: s for s in sources}

    def cite(todo: Sequence[Page]) -> Iterator[CitedPage | SitegenError]:
        progress.start("reading pages", len(todo))
        return in_parallel(cite_batch, by_id, todo, progress)

    cited = []
    for result in memo.each("cite", pages, lambda page: (page, sources), cite):
        if isinstance(result, CitedPage):
            cited.append(result)
        else:
            problems.add(result)
    return tuple(cited)


def cite_batch(sources: Mapping[str, Source], pages: Sequence[Page]) -> list[CitedPage | SitegenError]:
    """Each page cited (or its problem), with one Markdown converter for them all."""
    md = make_markdown()
    results: list[CitedPage | SitegenError] = []
    for page in pages:
        try:
            results.append(cite_page(page, sources, md))
        except SitegenError as exc:
            results.append(exc)
    return results
