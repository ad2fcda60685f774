"""The dated events of ``content/timeline.yaml``, every one cited, in date order (shown at /timeline/).

The file is optional; its format is in ``docs/content.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sitegen.claims import Cited, cited_field, required_text, table_rows
from sitegen.errors import Location, Problems, SitegenError
from sitegen.model import Backlink, Source
from sitegen.pages import TIMELINE_FILE
from sitegen.yamlutil import YamlMap, check_keys

_EVENT_KEYS: dict[str, type | tuple[type, ...]] = {"date": (str, int, dt.date), "event": str, "cite": str}
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event; ``month``/``day`` are 0 when the sources give no finer date."""

    number: int
    year: int
    month: int
    day: int
    text: str
    cites: tuple[Cited, ...]
    location: Location

    @property
    def anchor(self) -> str:
        """The event's HTML id on /timeline/."""
        return f"event-{self.number}"

    @property
    def iso(self) -> str:
        """``2025``, ``2025-01`` or ``2025-01-20``, for ``<time datetime>``."""
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out

    @property
    def label(self) -> str:
        """``2025``, ``January 2025`` or ``January 20, 2025``."""
        if not self.month:
            return str(self.year)
        name = dt.date(2000, self.month, 1).strftime("%B")
        return f"{name} {self.day}, {self.year}" if self.day else f"{name} {self.year}"


def cite_timeline(text: str | None, sources: Mapping[str, Source]) -> tuple[Event, ...]:
    """The events of ``content/timeline.yaml`` (its ``text``) in date order (file order on ties), every one cited."""
    rows = table_rows(text, TIMELINE_FILE, "events")
    problems = Problems()
    events: list[Event] = []
    for number, row in enumerate(rows, 1):
        before = len(problems)
        check_keys(row, _EVENT_KEYS, TIMELINE_FILE, problems)
        text = required_text(row, "event", TIMELINE_FILE, problems)
        cites = cited_field(row, "cite", TIMELINE_FILE, sources, problems, required=True)
        date = _date(row, problems)
        if len(problems) == before and date:
            events.append(Event(number, *date, text, cites, Location(TIMELINE_FILE, row.line)))
    problems.raise_if_any()
    return tuple(sorted(events, key=lambda e: (e.year, e.month, e.day, e.number)))


def event_backlinks(events: Iterable[Event]) -> list[Backlink]:
    """One backlink per cited passage of the timeline."""
    return [
        Backlink(c.source_id, c.paragraph.anchor, "timeline/", "Timeline", e.anchor) for e in events for c in e.cites
    ]


def _date(row: YamlMap, errors: list[SitegenError]) -> tuple[int, int, int] | None:
    value = row.get("date")
    where = Location(TIMELINE_FILE, row.line_of("date"))
    if value is None:
        errors.append(SitegenError("missing required key 'date'", Location(TIMELINE_FILE, row.line), "schema.required"))
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.year, value.month, value.day
    m = _PARTIAL_DATE.match(str(value).strip())
    if not m or not 1 <= int(m.group(2) or 1) <= 12 or int(m.group(1)) == 0:  # there is no year 0 (nor month 0)
        errors.append(SitegenError(f"date {value!r} must be YYYY, YYYY-MM or YYYY-MM-DD", where, "timeline.date"))
        return None
    return int(m.group(1)), int(m.group(2) or 0), 0
