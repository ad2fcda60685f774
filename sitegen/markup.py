"""A page's Markdown → its sanitised body HTML, each citation group turned into numbered markers and references.

The citation syntax and quote matching are :mod:`sitegen.citations`; this module renders a page with them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape, unescape
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.smarty import SmartyExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension

from sitegen.citations import CLOSE, OPEN, CiteItem, Match, fold, resolve, scan
from sitegen.errors import BuildFailed, Location, SitegenError
from sitegen.model import CitedPage, Page, Reference, Source
from sitegen.sanitize import clean, heading_id

_MARKER = re.compile(f"{OPEN}(\\d+){CLOSE}")


def cite_page(page: Page, sources: Mapping[str, Source], md: markdown.Markdown) -> CitedPage:
    """Render ``page``'s Markdown with every citation resolved; all problems at once."""
    text, groups, errors = scan(page.body, page.path, page.body_line)
    matches: dict[tuple[int, int], Match] = {}
    for group in groups:
        for k, item in enumerate(group.items):
            try:
                matches[group.index, k] = resolve(item, sources)
            except SitegenError as exc:
                errors.append(exc)
    if errors:
        raise BuildFailed(errors) if len(errors) > 1 else errors[0]
    md.reset()
    try:
        body_html = md.convert(text)
    except Exception as exc:  # a bug in Python-Markdown on hostile input: report, don't crash
        raise SitegenError(
            f"render error: {type(exc).__name__}: {exc}", Location(page.path), "markdown.render"
        ) from None
    toc = tuple(_flatten_toc(getattr(md, "toc_tokens", [])))
    body_html = clean(body_html)

    numbers: dict[tuple[str, int, str | None], int] = {}
    uses: dict[int, list[str]] = {}
    refs: dict[int, tuple[CiteItem, Match]] = {}
    markers: dict[int, str] = {}
    for group in groups:
        links = []
        for k, item in enumerate(group.items):
            match = matches[group.index, k]
            key = (item.source_id, match.paragraph.number, fold(item.quote) if item.quote else None)
            if key not in numbers:
                numbers[key] = len(numbers) + 1
                refs[numbers[key]] = (item, match)
            n = numbers[key]
            use_id = f"cite-{n}-{len(uses.setdefault(n, [])) + 1}"
            uses[n].append(use_id)
            source = sources[item.source_id]
            tip = f"{source.name}: \u201c{match.exact}\u201d"
            links.append(
                f'<a class="cite-ref" id="{use_id}" href="#ref-{n}" title="{escape(tip)}" '
                f'data-source="{escape(source.id)}">{n}</a>'
            )
        markers[group.index] = '<sup class="cite">' + '<span class="cite-sep">, </span>'.join(links) + "</sup>"
    body_html = _MARKER.sub(lambda m: markers.get(int(m.group(1)), ""), body_html)
    references = tuple(
        Reference(n, item.source_id, match.paragraph, item.quote, match.exact, tuple(uses[n]))
        for n, (item, match) in sorted(refs.items())
    )
    words = len(_MARKER.sub(" ", text).split())
    return CitedPage.of(page, body_html, references, toc, words)


def _flatten_toc(tokens: list[dict[str, Any]]) -> list[tuple[int, str, str]]:
    out: list[tuple[int, str, str]] = []
    for tok in tokens:
        out.append((int(tok["level"]), str(tok["id"]), unescape(str(tok["name"]))))
        out.extend(_flatten_toc(tok.get("children", [])))
    return out


def make_markdown(typography: Extension | None = None) -> markdown.Markdown:
    """The Markdown converter for editors' pages (never used on seed text): curly quotes, dashes and
    ellipses (smarty, without angled quotes, or ``typography`` in its place), tables, fenced code, footnotes and
    heading ids."""
    # instances, not names: a name makes Python-Markdown scan every installed package's entry points (30 ms)
    return markdown.Markdown(
        extensions=[
            TocExtension(permalink=False, slugify=heading_id),
            TableExtension(),
            FencedCodeExtension(),
            SaneListExtension(),
            FootnoteExtension(),
            typography or SmartyExtension(smart_angled_quotes=False),
        ],
        output_format="html",
    )
