"""Dated statements → timeline events: each at the date its sentence gives, as precise as the words.

A statement's date is the first date in its sentence, resolved against its report's date (see
``dates``). Two statements about one date that say much the same are one event; at most
``limit`` events are kept, the most central, and they read in date order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitegen.curate.dates import When, dates_in
from sitegen.curate.rank import Statement, cosine
from sitegen.curate.sections import Timed

_SAME_EVENT = 0.3  # cosine from which two statements of one date are one event


@dataclass(frozen=True, slots=True)
class Event:
    """A statement and the date it gives."""

    when: When
    statement: Statement


def events(
    timed: Sequence[Timed],
    report_dates: Mapping[str, dt.date | None],
    news: tuple[dt.date, dt.date] | None,
    limit: int = 12,
) -> list[Event]:
    """The timeline's events, in date order (the most central first on one date)."""
    found: list[Event] = []
    for t in sorted(timed, key=lambda t: -t.statement.score):
        st = t.statement
        ref = report_dates.get(st.shown.source_id)
        dated = dates_in(st.shown.text, ref, t.ahead, news[0] if news else None)
        if not dated or dated[0].when.year < 1900:
            continue
        when = dated[0].when
        v = st.vec()
        if any(e.when == when and cosine(v, e.statement.vec()) >= _SAME_EVENT for e in found):
            continue
        found.append(Event(when, st))
        if len(found) == limit:
            break
    return sorted(found, key=lambda e: (e.when, -e.statement.score))
