"""Figures in a sentence: sums of money, percentages, measures, counts and clock times, each with its unit.

Two reports of one statement agree when, for every unit both give a figure in, they share a
value; they differ when they give figures in the same unit and none is the same.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.citations import fold
from sitegen.curate.dates import dates_in
from sitegen.curate.words import stem

_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "m": 1e6, "thousand": 1e3}
_SCALE_RX = r"(?P<scale>trillion|billion|million|thousand|tn|bn|b|m)"
_CURRENCY = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollar": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pound": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "yen": "JPY",
    "yuan": "CNY",
    "rupee": "INR",
}
_MONEY_BEFORE = re.compile(rf"(?P<cur>US\$|\$|€|£|¥|USD|EUR|GBP|JPY)\s?{_NUM}(?:\s?{_SCALE_RX})?(?!\w)", re.I)
_MONEY_AFTER = re.compile(
    rf"(?<![\w.$€£¥]){_NUM}\s?(?:{_SCALE_RX}\s?)?(?P<cur>euros?|dollars?|yen|pounds?|yuan|rupees?)\b", re.I
)
_PERCENT = re.compile(rf"(?<![\w.]){_NUM}\s?(?:%|per ?cent\b|percent\b|pc\b)", re.I)
_CLOCK = re.compile(
    r"(?<![\w.:])(?P<h>\d{1,2})(?:[:.](?P<min>[0-5]\d))?\s?(?P<ap>a\.?\s?m\b\.?|p\.?\s?m\b\.?)|"
    r"(?<![\w.:])(?P<h24>[01]?\d|2[0-3]):(?P<min24>[0-5]\d)(?!\d)",
    re.I,
)
# A share in words ("a third of", "two-thirds of"): a percentage.
_SHARES = {
    "a-third": 100 / 3,
    "one-third": 100 / 3,
    "two-thirds": 200 / 3,
    "a-quarter": 25.0,
    "one-quarter": 25.0,
    "three-quarters": 75.0,
    "half": 50.0,
    "one-half": 50.0,
}
_SHARE = re.compile(
    r"(?<![\w-])(?P<share>(?:a|one)[ -](?:third|quarter|half)|two[ -]thirds|three[ -]quarters|half)(?=\s+of\b)", re.I
)
_MEASURE = re.compile(
    rf"(?<![\w.]){_NUM}\s?(?P<unit>GW|MW|kW|TWh|GWh|MWh|gigawatts?|megawatts?|kilowatts?|km|kilomet(?:er|re)s?|miles?|"
    r"tons?|tonnes?|kg|kilograms?|barrels?|acres?|hectares?|degrees?)\b",
    re.I,
)
_COUNT = re.compile(
    rf"(?<![\w.$€£¥]){_NUM}(?:\s?(?P<scale>million|billion|thousand))?\s+(?P<noun>[A-Za-z][a-z-]{{2,}})\b"
)
# Units of one measure with their scale, so "15 GW" and "15,000 megawatts" compare as one figure.
_UNIT_SCALES = {
    "gw": ("W", 1e9),
    "mw": ("W", 1e6),
    "kw": ("W", 1e3),
    "gigawatt": ("W", 1e9),
    "megawatt": ("W", 1e6),
    "kilowatt": ("W", 1e3),
    "twh": ("Wh", 1e12),
    "gwh": ("Wh", 1e9),
    "mwh": ("Wh", 1e6),
}
_UNIT_NAMES = {
    "kilometer": "km",
    "kilometre": "km",
    "mile": "mi",
    "ton": "t",
    "tonne": "t",
    "kilogram": "kg",
}
_NOT_COUNTED = frozenset(
    re.findall(
        r"\w+",
        """january february march april may june july august september october november december jan feb mar apr
        jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday and or of the in on
        at to for from with by per percent cent gmt utc local am pm times than more less about over under has have
        had was were is are will would million billion thousand hours""",
    )
)


# Words just before a figure that say how exact it is: a bound is no disagreement with a value a little past it.
_HEDGE = re.compile(
    r"\b(more than|over|at least|above|upwards of|in excess of|nearly|almost|under|less than|fewer than|"
    r"up to|about|around|roughly|approximately|some)\s+(?:[$€£¥]|US\$)?$",
    re.I,
)
_BOUNDS = {
    "more": ">",
    "over": ">",
    "at": ">",
    "above": ">",
    "upwards": ">",
    "in": ">",
    "nearly": "<",
    "almost": "<",
    "under": "<",
    "less": "<",
    "fewer": "<",
    "up": "<",
    "about": "~",
    "around": "~",
    "roughly": "~",
    "approximately": "~",
    "some": "~",
}
_SLACK = 0.1  # a bound agrees with a value this far past it (10 %): "more than 14,000" and "14,200"


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure: ``kind`` (money, percent, measure, count, clock), its unit key and value, and where it is."""

    kind: str
    unit: str
    value: float
    start: int
    end: int
    bound: str = ""  # ">" for "more than 10", "<" for "nearly 10", "~" for "about 10", "" when exact

    @property
    def key(self) -> str:
        """What the figure counts: two figures with one key can be compared."""
        return f"{self.kind}:{self.unit}"


def _number(text: str) -> float:
    return float(text.replace(",", ""))


@functools.lru_cache(maxsize=65536)
def figures(text: str) -> tuple[Figure, ...]:
    """Every figure in ``text``, in order; a span is read as one figure only (kept: ranking, sections and
    conflicts ask for the same sentences' figures)."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, unit: str, value: float, m: re.Match[str]) -> None:
        if any(m.start() < e and s < m.end() for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        hedge = _HEDGE.search(text, max(0, m.start() - 24), m.start())
        bound = "" if hedge is None or kind == "clock" else _BOUNDS[hedge.group(1).lower().split()[0]]
        found.append(Figure(kind, unit, value, m.start(), m.end(), bound))

    for rx in (_MONEY_BEFORE, _MONEY_AFTER):
        for m in rx.finditer(text):
            scale = (m.group("scale") or "").lower()
            cur = m.group("cur").lower().rstrip("s") if rx is _MONEY_AFTER else m.group("cur").lower()
            add("money", _CURRENCY.get(cur, cur.upper()), _number(m.group("num")) * _SCALE.get(scale, 1.0), m)
    for m in _PERCENT.finditer(text):
        add("percent", "%", _number(m.group("num")), m)
    for m in _CLOCK.finditer(text):
        if m.group("h") is not None:
            hour = int(m.group("h")) % 12 + (12 if m.group("ap").lower().startswith("p") else 0)
            minute = int(m.group("min") or 0)
        else:
            hour, minute = int(m.group("h24")), int(m.group("min24"))
        add("clock", "h", hour + minute / 60, m)
    for m in _MEASURE.finditer(text):
        unit = m.group("unit")
        name, scale = _UNIT_SCALES.get(unit.lower().rstrip("s"), (_UNIT_NAMES.get(unit.lower().rstrip("s"), unit), 1.0))
        add("measure", name, _number(m.group("num")) * scale, m)
    for m in _SHARE.finditer(text):
        add("percent", "%", _SHARES[m.group("share").lower().replace(" ", "-")], m)
    for m in _COUNT.finditer(text):
        noun = m.group("noun").lower()
        num = m.group("num")
        if noun in _NOT_COUNTED or (re.fullmatch(r"(?:19|20)\d\d", num) is not None):
            continue
        add("count", stem(noun), _number(num) * _SCALE.get((m.group("scale") or "").lower(), 1.0), m)
    return tuple(sorted(found, key=lambda f: f.start))


_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_DAYISH = re.compile(rf"\b{_MONTHS}[a-z]*\.?,?\s+\d|\d(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}|\d{{4}}-\d\d-\d\d")


def with_dates(text: str, ref: dt.date | None, year_ref: dt.date | None) -> tuple[Figure, ...]:
    """``figures(text)`` and every day the text names with its month ("Feb. 26", "March 5, 2026"), kind ``date``,
    its value the day's ordinal; a weekday or "yesterday" is left out, as it depends on the report's own date."""
    if not _DAYISH.search(text):  # most sentences name no day: skip the date grammar
        return figures(text)
    days = [
        Figure("date", "day", float(dt.date(d.when.year, d.when.month, d.when.day).toordinal()), d.start, d.end)
        for d in dates_in(text, ref, False, year_ref)
        if d.when.day and any(ch.isdigit() for ch in text[d.start : d.end])
    ]
    if not days:
        return figures(text)
    rest = [f for f in figures(text) if not any(f.start < d.end and d.start < f.end for d in days)]
    return tuple(sorted([*rest, *days], key=lambda f: f.start))


def same_value(a: float, b: float, kind: str = "") -> bool:
    """Two figures are the same when they differ by rounding or by less than half a percent (clock times: a minute;
    dates: not at all)."""
    if a == b:
        return True
    if kind == "date":
        return False
    if kind == "clock":
        return abs(a - b) < 1 / 120
    big = max(abs(a), abs(b))
    if abs(a - b) <= 0.005 * big:
        return True
    for digits in (0, 1, 2):
        if round(a, digits) == a and round(b, digits) == a:
            return True
        if round(b, digits) == b and round(a, digits) == b:
            return True
    return False


def agree(x: Figure, y: Figure) -> bool:
    """Two figures in one unit agree when their values are the same (rounding allowed), or when one is a bound
    ("more than 14,000", "nearly 15,000", "about 40") that the other is within a tenth of, on its side."""
    if same_value(x.value, y.value, x.kind):
        return True
    for b, other in ((x, y), (y, x)):
        if not b.bound or b.value == 0:
            continue
        gap = (other.value - b.value) / abs(b.value)
        if (b.bound == ">" and 0 <= gap <= _SLACK) or (b.bound == "<" and -_SLACK <= gap <= 0):
            return True
        if b.bound == "~" and abs(gap) <= _SLACK / 2:
            return True
    return False


def disagreements(a: tuple[Figure, ...], b: tuple[Figure, ...], unmatched: bool = False) -> list[tuple[Figure, Figure]]:
    """Every pair of figures, one from each side, in each unit both use where no value of one side is in the other.

    ``unmatched``: in a unit where some values agree, the pairs of the values left that agree with none ("5.9% a
    year, 1.8% a month" against "5.9% a year, 1.6% a month": 1.8% and 1.6%).
    """
    out: list[tuple[Figure, Figure]] = []
    for key in sorted({f.key for f in a} & {f.key for f in b}):
        xs = [f for f in a if f.key == key]
        ys = [f for f in b if f.key == key]
        if any(agree(x, y) for x in xs for y in ys):
            if not unmatched:
                continue
            xs, ys = (
                [x for x in xs if not any(agree(x, y) for y in ys)],
                [y for y in ys if not any(agree(x, y) for x in xs)],
            )
        out += [(x, y) for x in xs for y in ys]
    return out


def compatible(a: tuple[Figure, ...], b: tuple[Figure, ...]) -> bool:
    """True when two sentences' figures can be the same statement's (no unit in which they disagree)."""
    return not disagreements(a, b)


# A word just before a qualifier that turns it around: "no hypothesis has been ruled out".
_NEGATED = re.compile(r"\b(?:no|not|never|nothing|none|neither|nor|without)\b(?:\W+\w+){0,3}\W*$")
Qualifiers = Sequence[Sequence[Sequence[str]]]  # groups of classes of words that say the same


def qualifier_terms(text: str, groups: Qualifiers) -> tuple[tuple[int, str, int, int], ...]:
    """(group, class, start, end) for every qualifier word in ``text``, its class named by the class's first word;
    a longer word hides the ones inside it."""
    key = groups if isinstance(groups, tuple) else tuple(tuple(tuple(c) for c in group) for group in groups)
    return _qualifier_terms(text, key)


@functools.lru_cache(maxsize=65536)
def _qualifier_terms(
    text: str, groups: tuple[tuple[tuple[str, ...], ...], ...]
) -> tuple[tuple[int, str, int, int], ...]:
    folded = fold(text)
    if len(folded) != len(text):
        return ()  # spans would not map back; rare (characters that fold to two)
    found: list[tuple[int, str, int, int]] = []
    for g, (rx, classes) in enumerate(_qualifier_patterns(groups)):
        for m in rx.finditer(folded):
            if not _NEGATED.search(folded, max(0, m.start() - 30), m.start()):
                found.append((g, classes[m.group()], m.start(), m.end()))
    return tuple(found)


@functools.lru_cache(maxsize=8)
def _qualifier_patterns(
    groups: tuple[tuple[tuple[str, ...], ...], ...],
) -> tuple[tuple[re.Pattern[str], dict[str, str]], ...]:
    """One pattern per qualifier group, longest word first, with the class of each word."""
    out = []
    for classes in groups:
        of = {t: c[0] for c in classes for t in c}
        alternation = "|".join(re.escape(t) for t in sorted(of, key=len, reverse=True))
        out.append((re.compile(rf"(?<![a-z0-9-])(?:{alternation})(?![a-z0-9-])"), of))
    return tuple(out)


def qualifiers_clash(a: str, b: str, groups: Qualifiers) -> bool:
    """True when ``a`` and ``b`` use words of different classes of one qualifier group and neither uses the
    other's."""
    ta = {(g, t) for g, t, _, _ in qualifier_terms(a, groups)}
    tb = {(g, t) for g, t, _, _ in qualifier_terms(b, groups)}
    return any(g == h and t != u and (h, t) not in tb and (g, u) not in ta for g, t in ta for h, u in tb)


def shared_figures(a: tuple[Figure, ...], b: tuple[Figure, ...]) -> int:
    """How many figures of ``a`` the other sentence gives too (same unit, same value)."""
    return sum(1 for x in a if any(x.key == y.key and same_value(x.value, y.value, x.kind) for y in b))
