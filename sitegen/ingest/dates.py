"""Dates as pages print them: "May 26, 2026", "26 May 2026", "2026-05-26", "26/05/2026", with or without a
weekday, and the lines that hold nothing but dates, times and their labels ("Published: ... | Updated: ...").

Numbers alone ("04/03/2026") are read day-first or month-first only when the dump says which: a value
that cannot be a month (13 and up), dots (``04.03.2026``, a day-first form), the way the dump writes
dates out ("4 March" or "March 4"), or a 24-hour clock next to the date. Otherwise such a date stays unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sitegen.ingest.patterns import compiled

MON = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
WEEKDAY = r"(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
DATE = (
    rf"(?<!\d)(?:(?P<m1>{MON})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?|-)(?P<m2>{MON})\.?(?:,?\s+|-)(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))(?!\d)"
)
DATE_RE = re.compile(DATE)
_DIGIT = re.compile(r"\d")
# The same dates without named groups, to use inside another pattern.
DATE_TEXT = re.sub(r"\(\?P<\w+>", "(?:", DATE)
_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
# Dates in numbers: "04/03/2026", "4.3.2026", "04-03-2026" (day and month in an order to settle), "2026/03/04".
NUMERIC = (
    r"(?<![\w/.:-])(?:(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})"
    r"|(?P<y2>\d{4})/(?P<m2>\d{1,2})/(?P<d2>\d{1,2}))(?![\d/-]|\.\d)"
)
# Day before month, and month before day, as the dump writes dates out ("on 4 March", "on March 4").
_DAY_MONTH = r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
_MONTH_DAY = r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\d|:)"
_CLOCK_24 = r"^\W{0,3}(?:at\s+)?(?:[01]\d|2[0-3])[:.h][0-5]\d(?!\s*[AaPp]\.?[Mm]\b)"

Order = Callable[[], "str | None"]  # "dmy", "mdy" or None: how the dump writes day and month in numbers


def find_date(text: str) -> dt.date | None:
    """The first real calendar date written out in ``text``, or None."""
    if _DIGIT.search(text) is None:  # every form has digits: a quick way past most text
        return None
    for found in DATE_RE.finditer(text):
        value = date_of(found)
        if value:
            return value
    return None


def date_of(found: re.Match[str]) -> dt.date | None:
    """The date a ``DATE`` match spells, or None for an impossible one."""
    try:
        if found["y3"]:
            return dt.date(int(found["y3"]), int(found["m3"]), int(found["d3"]))
        month = found["m1"] or found["m2"]
        day = found["d1"] or found["d2"]
        year = found["y1"] or found["y2"]
        return dt.date(int(year), _MONTHS[month[:3].lower()], int(day))
    except ValueError:
        return None


def numeric_date(found: re.Match[str], order: str | None, after: str = "") -> dt.date | None:
    """The date a ``NUMERIC`` match spells in ``order`` ("dmy"/"mdy"), or None when it cannot be settled.

    ``after`` is the text right after the date: a 24-hour clock there is a day-first locale's.
    """
    try:
        if found["y2"]:
            return dt.date(int(found["y2"]), int(found["m2"]), int(found["d2"]))
        a, b, year = int(found["a"]), int(found["b"]), int(found["y"])
        if a > 12 or b > 12 or a == b:
            day, month = (a, b) if a > 12 or a == b else (b, a)
            return dt.date(year, month, day)
        if order is None and (found["sep"] == "." or compiled(_CLOCK_24).match(after)):
            order = "dmy"
        if order is None:
            return None
        return dt.date(year, b, a) if order == "dmy" else dt.date(year, a, b)
    except ValueError:
        return None


def numeric_order(texts: Iterable[str]) -> str | None:
    """How a dump writes day and month in numbers: "dmy", "mdy", or None when nothing says.

    A value over 12 settles it; else dotted dates (day-first); else how its dates are written out.
    """
    votes = {"dmy": 0, "mdy": 0}
    dotted = False
    written = {"dmy": 0, "mdy": 0}
    for text in texts:
        if _DIGIT.search(text) is None:
            continue
        for found in compiled(NUMERIC).finditer(text):
            if found["a"]:
                a, b = int(found["a"]), int(found["b"])
                votes["dmy"] += a > 12 >= b
                votes["mdy"] += b > 12 >= a
                dotted = dotted or found["sep"] == "."
        written["dmy"] += len(compiled(_DAY_MONTH).findall(text))
        written["mdy"] += len(compiled(_MONTH_DAY).findall(text))
    if votes["dmy"] or votes["mdy"]:
        return None if votes["dmy"] and votes["mdy"] else ("dmy" if votes["dmy"] else "mdy")
    if dotted:
        return "dmy"
    if written["dmy"] != written["mdy"] and min(written.values()) * 2 < max(written.values()):
        return "dmy" if written["dmy"] > written["mdy"] else "mdy"
    return None


# Countries' domains whose sites write the day first; one of the few month-first countries, or a domain
# that names no country (.com), says nothing.
_DAY_FIRST_DOMAINS = frozenset(
    [
        "uk",
        "fr",
        "de",
        "es",
        "it",
        "nl",
        "be",
        "ch",
        "at",
        "ie",
        "in",
        "au",
        "nz",
        "za",
        "sg",
        "my",
        "pk",
        "ng",
        "ke",
        "br",
        "ar",
        "mx",
        "cl",
        "pe",
        "pt",
        "ru",
        "ua",
        "pl",
        "cz",
        "se",
        "no",
        "dk",
        "fi",
        "gr",
        "tr",
        "il",
        "eg",
        "ae",
        "sa",
        "id",
        "th",
        "vn",
        "hk",
        "lk",
        "bd",
    ]
)


def day_first_site(url: str | None) -> str | None:
    """ "dmy" when the page's address is on a country's domain where dates are written day first, else None."""
    host = re.sub(r"^[a-z]+://", "", (url or "").lower()).split("/", 1)[0].split(":", 1)[0]
    return "dmy" if host.rsplit(".", 1)[-1] in _DAY_FIRST_DOMAINS and "." in host else None


_MONTH_OR_DAY = re.compile(rf"{MON}\.?|(?i:mon|tues|wednes|thurs|fri|satur|sun)day")


def is_month_or_day(word: str) -> bool:
    """Whether ``word`` names a month or a weekday ("May", "Sept.", "Tuesday")."""
    return _MONTH_OR_DAY.fullmatch(word) is not None


# ---------------------------------------------------------------- lines made of dates

# A line of dates splits into segments at separators; each segment is date material or a short label.
_SEGMENT_SEP = r"\s+[|·•/—–-]\s+|\s*[|·•]\s*|\s+[—–]\s*"
_UPDATE_LABEL = r"(?:last\s+)?(?:updated?|modified|edited|revised|amended)"
_LABEL = (
    rf"(?i:\b(?P<update>{_UPDATE_LABEL})\b|\b(?:(?:first|originally)\s+)?(?:published|posted|issued|created|dated?"
    r"|filed|released|time)\b)"
)
# Dates, times, zones, weekdays, reading times, date labels and separators: what a line of dates is made of.
_MATERIAL = (
    rf"{DATE_TEXT}|(?<![\w/.:-])\d{{1,2}}(?P<sep>[/.-])\d{{1,2}}(?P=sep)\d{{4}}(?![\d/-]|\.\d)|(?<![\w/])\d{{4}}/\d{{1,2}}/\d{{1,2}}\b"
    r"|T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
    r"|(?<![\w:])\d{1,2}(?:[:.h]\d{2}){1,2}(?:\s*[AaPp]\.?\s?[Mm]\b\.?)?|(?<![\w:])\d{1,2}\s*[AaPp]\.?[Mm]\b\.?"
    r"|\b(?:[A-Z]{1,4}T|UTC|GMT|Z)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?(?![\w])"
    r"|(?i:\b(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday|rs|s)?\b)"
    r"|(?i:\b(?:\d+|an?|one)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?|months?)\s+ago\b)"
    r"|(?i:\b(?:est(?:imated)?\.?\s+)?reading\s+time\b|\b\d+\s*-?\s*min(?:ute)?s?\b\.?(?:\s+read\b)?|\bread\b)"
    rf"|(?i:\b{_UPDATE_LABEL}\b|\b(?:(?:first|originally)\s+)?(?:published|posted|issued|created|dated?|filed|released"
    r"|time)\b|\bon\b|\bat\b|\bof\b)"
    r"|[\s.,:;()\[\]|·•/—–-]+"
)
_WORD = r"[^\W_]"
_LABEL_SEGMENT = r"^(?=[A-Z0-9])[\w&’'.]+(?: #?[\w&’'.]+){0,3}$"  # "Business", "Page 7", "Issue #88"


@dataclass(frozen=True, slots=True)
class DateLine:
    """What a line of dates states: the publication date, the update's, and whether it holds a date at all."""

    published: dt.date | None
    updated: dt.date | None
    labelled: bool  # it names what the date is ("Published", "Updated", "Issued on")


def date_line(text: str, order: Order) -> DateLine | None:
    """The dates of a line made only of dates, times, labels and a short section label or two; else None.

    "Mar 4, 2026 - Business", "Markets | March 4, 2026", "Last Updated: Mar. 4, 2026 at 3:12 p.m. ET /
    First Published: Mar. 3, 2026", "Issued on: 04/03/2026 - 09:10 Modified: 04/03/2026 - 11:00".
    The publication date is the first date not labelled as an update.
    """
    if _DIGIT.search(text) is None or len(text) > 200:
        return None
    labels = 0
    dated = False
    for segment in compiled(_SEGMENT_SEP).split(text):
        if not segment:
            continue
        if compiled(_WORD).search(compiled(_MATERIAL).sub(" ", segment)) is None:
            dated = dated or bool(_DIGIT.search(segment))
            continue
        labels += 1
        label = segment.strip(" .,:")
        if labels > 2 or not compiled(_LABEL_SEGMENT).match(label) or DATE_RE.search(label):
            return None  # a label stands alone in its segment: "Business", "Page 7"
        if compiled(NUMERIC).search(label):
            return None
    if not dated:
        return None
    return _dates_of(text, order)


def _dates_of(text: str, order: Order) -> DateLine | None:
    """Each date of a date line, published or updated by the label before it."""
    found: list[tuple[int, dt.date | None]] = []
    for match in DATE_RE.finditer(text):
        found.append((match.start(), date_of(match)))
    for match in compiled(NUMERIC).finditer(text):
        if not any(start == match.start() for start, _ in found):
            after = text[match.end() : match.end() + 12]
            found.append((match.start(), numeric_date(match, order() if _needs_order(match) else None, after)))
    if not found:
        return None
    labels = [(m.start(), bool(m["update"])) for m in compiled(_LABEL).finditer(text)]
    published: dt.date | None = None
    updated: dt.date | None = None
    for start, when in sorted(found, key=lambda pair: pair[0]):
        is_update = next((update for at, update in reversed(labels) if at < start), False)
        if is_update:
            updated = updated or when
        else:
            published = published or when
    return DateLine(published, updated, bool(labels))


def _needs_order(found: re.Match[str]) -> bool:
    """Whether a numeric date needs the dump's order to be read (day and month both 12 or less, and differ)."""
    return bool(found["a"]) and int(found["a"]) <= 12 and int(found["b"]) <= 12 and int(found["a"]) != int(found["b"])
