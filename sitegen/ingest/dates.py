"""Dates written out in English: "May 26, 2026", "26 May 2026", "2026-05-26", with or without a weekday."""

from __future__ import annotations

import datetime as dt
import re

MON = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
WEEKDAY = r"(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
DATE = (
    rf"(?<!\d)(?:(?P<m1>{MON})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MON})\.?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))(?!\d)"
)
DATE_RE = re.compile(DATE)
_DIGIT = re.compile(r"\d")
# The same dates without named groups, to use inside another pattern.
DATE_TEXT = re.sub(r"\(\?P<\w+>", "(?:", DATE)
_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}


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


_MONTH_OR_DAY = re.compile(rf"{MON}\.?|(?i:mon|tues|wednes|thurs|fri|satur|sun)day")


def is_month_or_day(word: str) -> bool:
    """Whether ``word`` names a month or a weekday ("May", "Sept.", "Tuesday")."""
    return _MONTH_OR_DAY.fullmatch(word) is not None
