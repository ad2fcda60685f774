"""A page's Markdown → its sanitised body HTML, each citation group (:mod:`sitegen.citations`) a marker, and its
numbered references."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import unescape
from typing import Any

import markdown
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.smarty import SmartyExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension

from sitegen.citations import CLOSE, OPEN, fold, resolve, scan
from sitegen.claims import Cited
from sitegen.errors import BuildFailed, Location, SitegenError
from sitegen.model import CitedPage, Page, Reference, Source
from sitegen.sanitize import clean, heading_id

_MARKER = re.compile(f"{OPEN}(\\d+){CLOSE}")
_GAP = re.compile(f"(?<=\\S)[ \t]+(?={OPEN})")


def cite_page(page: Page, sources: Mapping[str, Source], md: markdown.Markdown) -> CitedPage:
    """Render ``page``'s Markdown with every citation resolved; all problems at once."""
    text, groups, errors = scan(page.body, page.path, page.body_line)
    cites: list[list[Cited]] = [[] for _ in groups]
    for group in groups:
        for item in group.items:
            try:
                match = resolve(item, sources)
                cites[group.index].append(Cited(item.source_id, match.paragraph, match.exact, item.quote))
            except SitegenError as exc:
                errors.append(exc)
    if errors:
        raise BuildFailed(errors) if len(errors) > 1 else errors[0]
    md.reset()
    try:
        body_html = md.convert(_GAP.sub("", text))  # a marker sticks to the word it follows
    except Exception as exc:  # a bug in Python-Markdown on hostile input: report, don't crash
        raise SitegenError(
            f"render error: {type(exc).__name__}: {exc}", Location(page.path), "markdown.render"
        ) from None
    toc = tuple(_flatten_toc(getattr(md, "toc_tokens", [])))
    body_html = clean(body_html)

    references, markers = number_references(cites)
    body_html = _MARKER.sub(lambda m: markers[int(m.group(1))], body_html)
    words = len(_MARKER.sub(" ", text).split())
    return CitedPage.of(page, body_html, references, toc, words)


def number_references(groups: Sequence[Sequence[Cited]]) -> tuple[tuple[Reference, ...], list[str]]:
    """The references of a page, numbered in the order first cited (a passage cited again keeps its number), and
    one marker per citation group, whatever the number of sources behind it."""
    numbers: dict[tuple[str, int, str | None], int] = {}
    first: dict[int, Cited] = {}
    uses: dict[int, list[str]] = {}
    markers = []
    for g, group in enumerate(groups, 1):
        marker_id, cited = f"cite-{g}", []
        for c in group:
            n = numbers.setdefault(
                (c.source_id, c.paragraph.number, fold(c.quote) if c.quote else None), len(numbers) + 1
            )
            first.setdefault(n, c)
            if n not in cited:
                cited.append(n)
                uses.setdefault(n, []).append(marker_id)
        markers.append(marker(cited, marker_id))
    refs = tuple(Reference(n, c.source_id, c.paragraph, c.quote, c.exact, tuple(uses[n])) for n, c in first.items())
    return refs, markers


def marker(numbers: Sequence[int], marker_id: str) -> str:
    """A citation marker: the first reference's number, ``+N`` for the others, linking to the first reference; a word
    joiner keeps it on the line of the word before it."""
    first, *others = numbers
    more = f'<span class="cite-more">+{len(others)}</span>' if others else ""
    label = f"Sources {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}" if others else f"Source {first}"
    refs = " ".join(map(str, numbers))
    return (
        f'<sup class="cite" data-pagefind-ignore>\u2060<a class="cite-ref" id="{marker_id}" href="#ref-{first}" '
        f'aria-label="{label}" data-refs="{refs}">{first}{more}</a></sup>'
    )


def _flatten_toc(tokens: list[dict[str, Any]]) -> list[tuple[int, str, str]]:
    out: list[tuple[int, str, str]] = []
    for tok in tokens:
        out.append((int(tok["level"]), str(tok["id"]), unescape(str(tok["name"]))))
        out.extend(_flatten_toc(tok.get("children", [])))
    return out


def make_markdown() -> markdown.Markdown:
    """The Markdown converter for editors' pages (never used on seed text): curly quotes, dashes and ellipses
    (smarty, without angled quotes), tables, fenced code, footnotes and heading ids."""
    # instances, not names: a name makes Python-Markdown scan every installed package's entry points (30 ms)
    return markdown.Markdown(
        extensions=[
            TocExtension(permalink=False, slugify=heading_id),
            TableExtension(),
            FencedCodeExtension(),
            SaneListExtension(),
            FootnoteExtension(),
            SmartyExtension(smart_angled_quotes=False),
        ],
        output_format="html",
    )
