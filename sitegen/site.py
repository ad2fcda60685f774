"""Assemble the site model: navigation, backlinks, page order."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sitegen.claims import Claim, claim_backlinks
from sitegen.config import SiteConfig
from sitegen.lineage import Lineage, lineage, reporting_lines
from sitegen.model import Backlink, CitedPage, Source
from sitegen.timeline import Event, event_backlinks


@dataclass(frozen=True, slots=True)
class NavItem:
    """One entry of the main navigation."""

    title: str
    url_path: str


@dataclass(frozen=True, slots=True)
class Site:
    """Everything the templates need, gathered before anything is written."""

    config: SiteConfig
    sources: tuple[Source, ...]
    pages: tuple[CitedPage, ...]  # content pages, home first when there is one
    nav: tuple[NavItem, ...]
    sections: tuple[CitedPage, ...]  # top-level content pages in reading order (no home)
    backlinks: Mapping[str, tuple[Backlink, ...]]
    build_date: dt.date | None
    claims: tuple[Claim, ...] = ()  # key claims for the coverage matrix on /claims/
    timeline: tuple[Event, ...] = ()  # dated events for /timeline/, in date order
    lineage: Mapping[str, Lineage] | None = None  # source id → the upstream reports it relies on
    page_urls: Mapping[str, str] = field(default_factory=dict)  # content file → its URL path (for links)

    @property
    def home(self) -> CitedPage | None:
        """The page from ``content/index.md``, if any."""
        return next((p for p in self.pages if p.page.url_path == ""), None)

    def reporting_lines(self, source_ids: Sequence[str]) -> list[tuple[list[str], str | None]]:
        """``source_ids`` in lines of reporting (:func:`sitegen.lineage.reporting_lines`), with their shared origin."""
        return reporting_lines([s for s in self.sources if s.id in source_ids])

    def neighbours(self, url_path: str) -> tuple[CitedPage | None, CitedPage | None]:
        """The previous and next section around ``url_path`` in reading order."""
        around = (None, *self.sections, None)
        i = next((n for n, p in enumerate(around) if p and p.page.url_path == url_path), None)
        return (around[i - 1], around[i + 1]) if i is not None else (None, None)


def assemble(
    config: SiteConfig,
    sources: Sequence[Source],
    pages: Sequence[CitedPage],
    claims: Sequence[Claim] = (),
    timeline: Sequence[Event] = (),
) -> Site:
    """The Site from its parts; pure."""
    visible = [p for p in pages if not p.page.draft]
    ordered = sorted(
        visible, key=lambda p: (p.page.url_path != "", p.page.url_path.count("/"), p.page.order, p.page.url_path)
    )
    sections = tuple(p for p in ordered if p.page.url_path.count("/") == 1)
    nav = [NavItem("Overview", "")] if any(p.page.url_path == "" for p in ordered) else [NavItem("Home", "")]
    nav += [NavItem(p.page.title, p.page.url_path) for p in sections]
    if timeline:
        nav.append(NavItem("Timeline", "timeline/"))
    if claims:
        nav.append(NavItem("Who reports what", "claims/"))
    nav.append(NavItem("Sources", "sources/"))
    backlinks: dict[str, list[Backlink]] = {s.id: [] for s in sources}
    for cp in ordered:
        for ref in cp.references:
            for use in ref.uses:
                backlinks.setdefault(ref.source_id, []).append(
                    Backlink(ref.source_id, ref.paragraph.anchor, cp.page.url_path, cp.page.title, use)
                )
    for link in [*claim_backlinks(claims), *event_backlinks(timeline)]:
        backlinks.setdefault(link.source_id, []).append(link)
    return Site(
        config=config,
        sources=tuple(sources),
        pages=tuple(ordered),
        nav=tuple(nav),
        sections=sections,
        backlinks={k: tuple(v) for k, v in backlinks.items()},
        build_date=source_date(),
        claims=tuple(claims),
        timeline=tuple(timeline),
        lineage=lineage(sources),
        page_urls={cp.page.path: cp.page.url_path for cp in ordered},
    )


def source_date() -> dt.date | None:
    """The build date from ``SOURCE_DATE_EPOCH``, or None: output never reads the clock."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC).date()
