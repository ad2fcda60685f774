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
_LONGEST = 45  # words: a longer sentence is commentary more than an event


@dataclass(frozen=True, slots=True)
class Event:
    """A statement and the date it gives."""

    when: When
    statement: Statement
    text: str  # the sentence of the statement that gives the date


def events(
    timed: Sequence[Timed],
    report_dates: Mapping[str, dt.date | None],
    news: tuple[dt.date, dt.date] | None,
    limit: int = 12,
) -> list[Event]:
    """The timeline's events, in date order (the most central first on one date).

    One event told at two precisions ("in 2025", "in January 2025") keeps the more precise.
    """
    found: list[Event] = []
    for t in sorted(timed, key=lambda t: -t.statement.score):
        st = t.statement
        dated = _dated(st, report_dates, t.ahead, news)
        if dated is None:
            continue
        when, said = dated
        v = st.vec()
        same = [
            e
            for e in found
            if (_within(when, e.when) or _within(e.when, when)) and cosine(v, e.statement.vec()) >= _SAME_EVENT
        ]
        if any(_within(e.when, when) for e in same):
            continue  # told already, as precisely or more
        found = [e for e in found if e not in same]  # told less precisely: this one replaces it
        found.append(Event(when, st, said))
        if len(found) == limit:
            break
    return sorted(found, key=lambda e: (e.when, -e.statement.score))


def _dated(
    st: Statement,
    report_dates: Mapping[str, dt.date | None],
    ahead: bool,
    news: tuple[dt.date, dt.date] | None,
) -> tuple[When, str] | None:
    """The most precise date a statement's sentences give (each against its own report's date), and that sentence."""
    best: tuple[tuple[int, int], When, str] | None = None
    for m in st.members:
        if len(m.text.split()) > _LONGEST:
            continue
        dated = [d for d in dates_in(m.text, report_dates.get(m.source_id), ahead, news[0] if news else None)]
        dated = [d for d in dated if not d.bare and d.when.year >= 1500]
        if not dated:
            continue
        when = dated[0].when
        precision = (bool(when.month) + bool(when.day), m is st.shown)
        if best is None or precision > best[0]:
            best = (precision, when, m.shown)
    return (best[1], best[2]) if best else None


def _within(inner: When, outer: When) -> bool:
    """True when ``inner`` falls inside ``outer`` (2025-01-20 inside 2025-01 inside 2025)."""
    return (
        inner.year == outer.year
        and (not outer.month or inner.month == outer.month)
        and (not outer.day or inner.day == outer.day)
    )
