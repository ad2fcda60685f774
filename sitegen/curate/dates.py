"""Dates in a sentence, absolute or relative, resolved against the date of the report that says them.

"June 13, 2025" and "in December 2023" need nothing; "June 13" takes the year that puts it
nearest the report's date; "on Friday", "yesterday", "last year" and "earlier this month" need
the report's own date and are skipped without one. A date is only as precise as the words:
"in 2018" is a year, "in April" a month.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        1,
    )
    for name in names
}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Month names are matched with their capital (so "may" the verb is no month); abbreviations take a dot or none.
_M = r"(?P<m>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_Y = r"(?P<y>(?:1[5-9]|20)\d\d)\b(?!\s*(?:GMT|UTC|hours|hrs|local|[:.]\d))"
_YEAR_ALONE = r"(?P<y>(?:19|20)\d\d)\b(?!\s*(?:GMT|UTC|hours|hrs|local|[:.]\d))"  # without a preposition: 1900-2099
_D = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ymd", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("mdy", re.compile(rf"\b{_M}\s+{_D},?\s+{_Y}")),
    ("dmy", re.compile(rf"\b{_D}(?:\s+of)?\s+{_M},?\s+{_Y}")),
    ("my", re.compile(rf"\b{_M},?\s+(?:of\s+)?{_Y}")),
    ("md", re.compile(rf"\b{_M}\s+{_D}(?!\s*[:%])")),
    ("dm", re.compile(rf"\b{_D}(?:\s+of)?\s+{_M}")),
    ("m", re.compile(rf"\b(?:in|since|by|until|from|during|early|late|mid-?|last|this|next)\s+{_M}(?!\s*\d)")),
    ("y", re.compile(rf"\b(?:in|since|by|until|from|of|during|early|late|mid-?|before|after|the)\s+{_Y}")),
    (
        "yy",
        re.compile(rf"(?<![\w$€£¥.,-]){_YEAR_ALONE}(?![-\u2013]\d)(?!\s*(?:%|per|million|billion|[A-Za-z]{{1,2}}\b))"),
    ),
    ("wd", re.compile(r"\b(?P<rel>last\s+|next\s+|this\s+)?(?P<wd>" + "|".join(_WEEKDAYS) + r")(?:['’]s)?\b")),
    ("yesterday", re.compile(r"\byesterday\b", re.I)),
    ("today", re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", re.I)),
    ("tomorrow", re.compile(r"\btomorrow\b", re.I)),
    ("last-year", re.compile(r"\blast year\b", re.I)),
    ("next-year", re.compile(r"\bnext year\b", re.I)),
    ("this-month", re.compile(r"\b(?:earlier|later) this month\b", re.I)),
    ("last-month", re.compile(r"\blast month\b", re.I)),
    ("next-month", re.compile(r"\bnext month\b", re.I)),
)


@dataclass(frozen=True, slots=True, order=True)
class When:
    """A date as precise as the words that gave it: ``month`` and ``day`` are 0 when not known."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def iso(self) -> str:
        """``2025``, ``2025-04`` or ``2025-04-28``."""
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out

    def before(self, day: dt.date) -> bool:
        """True when all of this date is before ``day`` (a month before its month, a year before its year)."""
        if self.day:
            return dt.date(self.year, self.month, self.day) < day
        if self.month:
            return (self.year, self.month) < (day.year, day.month)
        return self.year < day.year

    def after(self, day: dt.date) -> bool:
        """True when all of this date is after ``day``."""
        if self.day:
            return dt.date(self.year, self.month, self.day) > day
        if self.month:
            return (self.year, self.month) > (day.year, day.month)
        return self.year > day.year


@dataclass(frozen=True, slots=True)
class Dated:
    """A date found in a sentence, and where: ``start``/``end`` index the sentence's text."""

    when: When
    start: int
    end: int
    relative: bool  # resolved against the report's date ("on Friday", "June 13")
    bare: bool = False  # a year standing alone ("the 2024 campaign"): a time, not an event's date


def _valid(y: int, m: int, d: int) -> When | None:
    try:
        dt.date(y, m or 1, d or 1)
    except ValueError:
        return None
    return When(y, m, d)


def _nearest_year(month: int, day: int, ref: dt.date) -> When | None:
    """The date ``month``/``day`` in the year that puts it nearest ``ref``."""
    best: tuple[int, When] | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        w = _valid(y, month, day)
        if w is None:
            continue
        gap = abs((dt.date(y, month, day or 1) - ref).days)
        if best is None or gap < best[0]:
            best = (gap, w)
    return best[1] if best else None


def dates_in(text: str, ref: dt.date | None, ahead: bool = False, year_ref: dt.date | None = None) -> tuple[Dated, ...]:
    """Every date in ``text``: absolute ones always, relative ones when ``ref`` (the report's date) is known.

    ``ahead`` says the sentence looks forward, so a bare weekday is the next one, not the last.
    ``year_ref`` (the story's date) gives "June 13" its year when the report's own date is unknown.
    """
    found: list[Dated] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            when = _resolve(kind, m, ref, ahead, year_ref)
            if when is None:
                continue
            taken.append((m.start(), m.end()))
            relative = kind not in ("ymd", "mdy", "dmy", "my", "y", "yy")
            found.append(Dated(when, m.start(), m.end(), relative, kind == "yy"))
    return tuple(sorted(found, key=lambda d: d.start))


def _resolve(kind: str, m: re.Match[str], ref: dt.date | None, ahead: bool, year_ref: dt.date | None) -> When | None:
    g = m.groupdict()
    if kind == "ymd":
        return _valid(int(g["y"]), int(g["mo"]), int(g["d"]))
    if kind in ("mdy", "dmy"):
        return _valid(int(g["y"]), _MONTHS[g["m"]], int(g["d"]))
    if kind == "my":
        return _valid(int(g["y"]), _MONTHS[g["m"]], 0)
    if kind in ("y", "yy"):
        return When(int(g["y"]))
    near = ref or year_ref
    if kind in ("md", "dm") and near is not None:
        return _nearest_year(_MONTHS[g["m"]], int(g["d"]), near)
    if kind == "m" and near is not None:
        return _nearest_year(_MONTHS[g["m"]], 0, near)
    if ref is None or kind in ("md", "dm", "m"):
        return None
    if kind == "wd":
        return _weekday(_WEEKDAYS.index(g["wd"]), (g["rel"] or "").strip().lower(), ref, ahead)
    shifts = {
        "yesterday": ref - dt.timedelta(days=1),
        "today": ref,
        "tomorrow": ref + dt.timedelta(days=1),
    }
    if kind in shifts:
        d = shifts[kind]
        return When(d.year, d.month, d.day)
    if kind == "last-year":
        return When(ref.year - 1)
    if kind == "next-year":
        return When(ref.year + 1)
    if kind == "this-month":
        return When(ref.year, ref.month)
    month = ref.month + (1 if kind == "next-month" else -1)
    year = ref.year + (month - 1) // 12
    return When(year, (month - 1) % 12 + 1)


def _weekday(weekday: int, rel: str, ref: dt.date, ahead: bool) -> When:
    """The weekday nearest ``ref``: the last one on or before it, or the next one for "next" and forward sentences."""
    if rel == "next" or (ahead and rel != "last"):
        gap = (weekday - ref.weekday()) % 7 or 7
        d = ref + dt.timedelta(days=gap)
    else:
        gap = (ref.weekday() - weekday) % 7
        if rel == "last" and gap == 0:
            gap = 7
        d = ref - dt.timedelta(days=gap)
    return When(d.year, d.month, d.day)


def news_date(known: Iterable[dt.date], mentioned: Iterable[When]) -> dt.date | None:
    """The story's date: the earliest report's date, else the full date the reports mention most (latest on ties)."""
    dates = sorted(known)
    if dates:
        return dates[0]
    counts: dict[When, int] = {}
    for w in mentioned:
        if w.day:
            counts[w] = counts.get(w, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda w: (counts[w], w))
    return dt.date(best.year, best.month, best.day)
