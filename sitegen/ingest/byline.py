"""Steps that find who wrote a dump and when: bylines and datelines."""

from __future__ import annotations

import re

from sitegen.ingest.dates import DATE, WEEKDAY, date_of
from sitegen.ingest.dump import Dump
from sitegen.ingest.names import parse_byline, parse_names
from sitegen.ingest.read import Line
from sitegen.ingest.text import words

_DATELINE = re.compile(
    rf"^(?:(?i:published|posted|first published|date|dated)(?:\s+on)?\s*:?\s*)?"
    rf"(?:{WEEKDAY}\s+)?{DATE}(?P<rest>.*)$"
)
_DATELINE_REST = re.compile(
    r"^(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?[\s,·|•—–-]*"
    r"(?:(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?"
    r"[\s,·|•—–-]*(?:\d+\s*(?i:min(?:ute)?s?)\s*(?i:read))?[\s,·|•—–.-]*(?:(?i:updated)\b.*)?$"
)


def _edges(lines: list[Line]) -> list[Line]:
    """The top eight and bottom four of ``lines`` (all of them when there are few)."""
    return lines[:8] + lines[-4:] if len(lines) > 12 else lines


def byline(dump: Dump) -> None:
    """Authors and date from a byline near the top ("By X | May 26, 2026"), or an explicit one at the foot."""
    for index, line in enumerate(_edges(dump.live())):
        # At the foot of the text only an explicit "By ..." counts: "Name · date" there is a signature.
        parsed = parse_byline(line.text, explicit_only=index >= 8)
        if parsed is None or line.rule:
            continue
        if dump.byline is None:
            dump.byline, dump.authors = line, parsed[0]
            dump.date = dump.date or parsed[1]
        dump.drop(line, "byline")


def dateline(dump: Dump) -> None:
    """A date from a line near the top or bottom that is only a date ("Published May 26, 2026")."""
    for line in _edges([line for line in dump.lines if line.rule in ("", "byline")]):
        if line.rule or words(line.text) > 15 or len(line.text) > 200:
            continue
        found = _DATELINE.match(line.text)
        if found and _DATELINE_REST.match(found["rest"]):
            dump.date = dump.date or date_of(found)
            dump.drop(line, "dateline")
            _byline_above(dump, line)


def _byline_above(dump: Dump, dateline_line: Line) -> None:
    """A bare name ("Jane Doe", "Jane Doe in Brussels") right above a dateline at the top is a byline."""
    index = dump.lines.index(dateline_line)
    above = dump.lines[index - 1] if index > 0 else None
    if dump.byline is not None or above is None or above.rule or not dump.rules.on("byline"):
        return
    if words(above.text) > 6 or not any(line is above for line in dump.live()[:8]):
        return
    names = parse_names(above.text)
    if names and words(names[0]) >= 2:  # one capitalised word ("Menu") is no byline
        dump.byline, dump.authors = above, tuple(names)
        dump.drop(above, "byline")
