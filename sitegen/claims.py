"""Editor-declared key claims (coverage matrix) and dated events (timeline), every row cited.

``content/claims.yaml``::

    claims:
      - claim: Senior researchers need approval before travelling abroad.
        cite: '[@wire "requires approval"; @daily "must ask permission"]'
        differs: '[@weekly "an effective ban"]'     # optional: outlets that report it otherwise
        note: One outlet calls it a ban for some.     # optional

``content/timeline.yaml``::

    events:
      - date: 2025-01          # YYYY, YYYY-MM or YYYY-MM-DD
        event: The lab releases its model.
        cite: '[@wire "January 2025 release"]'

Both files are optional. Every citation is verified like a page's; all problems are reported at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen.citations import parse_field, resolve
from sitegen.errors import BuildFailed, Location, Problems, SitegenError
from sitegen.model import Backlink, Paragraph, Source
from sitegen.pages import CONTENT_DIR
from sitegen.textio import read_text
from sitegen.yamlutil import YamlMap, check_keys, load_yaml

CLAIMS_FILE = f"{CONTENT_DIR}/claims.yaml"
TIMELINE_FILE = f"{CONTENT_DIR}/timeline.yaml"

_CLAIM_KEYS: dict[str, type | tuple[type, ...]] = {"claim": str, "cite": str, "differs": str, "note": str}
_EVENT_KEYS: dict[str, type | tuple[type, ...]] = {"date": (str, int, dt.date), "event": str, "cite": str}
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")


@dataclass(frozen=True, slots=True)
class Cited:
    """One verified citation of a claim or event: where it lands in which source."""

    source_id: str
    paragraph: Paragraph
    exact: str
    quote: str | None


@dataclass(frozen=True, slots=True)
class Claim:
    """A key claim: the outlets that report it, and those that report it otherwise."""

    number: int
    text: str
    supports: tuple[Cited, ...]
    differs: tuple[Cited, ...]
    note: str | None
    location: Location

    @property
    def anchor(self) -> str:
        """The row's HTML id on /sources/."""
        return f"claim-{self.number}"

    @property
    def outlets(self) -> tuple[str, ...]:
        """Ids of the sources that report the claim, in citation order, once each."""
        return tuple(dict.fromkeys(c.source_id for c in self.supports))

    @property
    def single_outlet(self) -> bool:
        """True when the claim rests on one outlet only."""
        return len(self.outlets) == 1

    def cell(self, source_id: str) -> tuple[str, Cited | None]:
        """``("reports" | "differs" | "silent", the first citation or None)`` for one outlet."""
        for stance, cites in (("reports", self.supports), ("differs", self.differs)):
            for c in cites:
                if c.source_id == source_id:
                    return stance, c
        return "silent", None


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


def load_claims(project: Path, sources: Mapping[str, Source]) -> tuple[Claim, ...]:
    """The rows of ``content/claims.yaml`` (none when it is absent), every citation verified."""
    rows = _rows(project, CLAIMS_FILE, "claims")
    problems = Problems()
    claims: list[Claim] = []
    for number, row in enumerate(rows, 1):
        where = Location(CLAIMS_FILE, row.line)
        errors: list[SitegenError] = []
        check_keys(row, _CLAIM_KEYS, CLAIMS_FILE, errors)
        text = _required_text(row, "claim", CLAIMS_FILE, errors)
        supports = _cites(row, "cite", CLAIMS_FILE, sources, errors, required=True)
        differs = _cites(row, "differs", CLAIMS_FILE, sources, errors, required=False)
        for e in errors:
            problems.add(e)
        if not errors:
            note = row.get("note")
            claims.append(Claim(number, text, supports, differs, note.strip() if note else None, where))
    problems.raise_if_any()
    return tuple(claims)


def load_timeline(project: Path, sources: Mapping[str, Source]) -> tuple[Event, ...]:
    """The events of ``content/timeline.yaml`` in date order (file order on ties), every one cited."""
    rows = _rows(project, TIMELINE_FILE, "events")
    problems = Problems()
    events: list[Event] = []
    for number, row in enumerate(rows, 1):
        errors: list[SitegenError] = []
        check_keys(row, _EVENT_KEYS, TIMELINE_FILE, errors)
        text = _required_text(row, "event", TIMELINE_FILE, errors)
        cites = _cites(row, "cite", TIMELINE_FILE, sources, errors, required=True)
        date = _date(row, errors)
        for e in errors:
            problems.add(e)
        if not errors and date:
            events.append(Event(number, *date, text, cites, Location(TIMELINE_FILE, row.line)))
    problems.raise_if_any()
    return tuple(sorted(events, key=lambda e: (e.year, e.month, e.day, e.number)))


def claim_backlinks(claims: Iterable[Claim], events: Iterable[Event]) -> list[Backlink]:
    """One backlink per cited passage of the coverage matrix and of the timeline."""
    out: list[Backlink] = []
    for claim in claims:
        for c in (*claim.supports, *claim.differs):
            out.append(Backlink(c.source_id, c.paragraph.anchor, "sources/", "Key claims", claim.anchor))
    for event in events:
        for c in event.cites:
            out.append(Backlink(c.source_id, c.paragraph.anchor, "timeline/", "Timeline", event.anchor))
    return out


def column_label(source: Source) -> str:
    """A short column heading for a source: its outlet, else its author, else its headline's first words."""
    return source.label


def _rows(project: Path, rel: str, key: str) -> list[YamlMap]:
    """The list under ``key`` in ``rel``, each item a mapping; [] when the file is absent."""
    path = project / rel
    if not path.exists():
        return []
    data = load_yaml(read_text(path, rel), rel)
    if data is None:
        return []
    if not isinstance(data, YamlMap) or set(data) != {key}:
        raise SitegenError(
            f"{rel} must be a mapping with one key, {key!r}, holding a list", Location(rel, 1), "schema.type"
        )
    items = data[key]
    if items is None:
        return []
    if not isinstance(items, list):
        raise SitegenError(f"{key!r} must be a list", Location(rel, data.line_of(key)), "schema.type")
    problems: list[SitegenError] = []
    rows: list[YamlMap] = []
    for i, item in enumerate(items, 1):
        if isinstance(item, YamlMap):
            rows.append(item)
        else:
            problems.append(
                SitegenError(
                    f"item {i} of {key!r} must be a mapping of keys", Location(rel, data.line_of(key)), "schema.type"
                )
            )
    if problems:
        raise BuildFailed(problems) if len(problems) > 1 else problems[0]
    return rows


def _required_text(row: YamlMap, key: str, rel: str, errors: list[SitegenError]) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        if key in row and not isinstance(value, str):
            return ""  # check_keys already reported the wrong type
        errors.append(SitegenError(f"missing required key {key!r}", Location(rel, row.line), "schema.required"))
        return ""
    return " ".join(value.split())


def _cites(
    row: YamlMap, key: str, rel: str, sources: Mapping[str, Source], errors: list[SitegenError], required: bool
) -> tuple[Cited, ...]:
    value = row.get(key)
    if value is None:
        if required:
            errors.append(
                SitegenError(
                    f"missing required key {key!r}: every row needs a citation",
                    Location(rel, row.line),
                    "schema.required",
                )
            )
        return ()
    if not isinstance(value, str):
        return ()
    line = row.line_of(key)
    try:
        items = parse_field(value, rel, line)
    except SitegenError as exc:
        errors.append(exc)
        return ()
    out: list[Cited] = []
    for item in items:
        try:
            match = resolve(item, sources)
        except SitegenError as exc:
            errors.append(exc)
            continue
        out.append(Cited(item.source_id, match.paragraph, match.exact, item.quote))
    return tuple(out)


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
    if not m or not 1 <= int(m.group(2) or 1) <= 12:
        errors.append(SitegenError(f"date {value!r} must be YYYY, YYYY-MM or YYYY-MM-DD", where, "timeline.date"))
        return None
    return int(m.group(1)), int(m.group(2) or 0), 0
