"""Names in a dump: bylines, people, desks and outlets as they are printed."""

from __future__ import annotations

import datetime as dt
import re

from sitegen.ingest.dates import DATE_RE, find_date
from sitegen.ingest.text import words

BYLINE = re.compile(
    r"^(?:(?:By|BY|by|Written by|Words by|Story by|Text by)\s*:?\s+|(?:Authors?|Byline)\s*:\s*)(?P<rest>\S.*)$"
)
_BYLINE_SEP = re.compile(r"\s*[|·•—–]\s*|\s+-\s+|;\s*")
PERSON = re.compile(r"^[A-Z][\w’'.-]*(?: (?:[A-Z][\w’'.-]*|de|da|van|von|der|den|bin|al|la|le|del|di|du)){0,4}$")
_ROLE = re.compile(
    r"(?i)\b(?:writer|reporter|editor|correspondent|staff|contributor|columnist|analyst|producer|journalist"
    r"|author|senior|chief|bureau|fellow|intern|desk|team)\b"
)
ORG_AUTHOR = re.compile(r"^(?P<org>.+?) (?:Editorial|Staff|Newsroom|Desk|Team|Editors)(?: (?:Team|Board|Staff|Desk))?$")
_BIO_PREPARED = re.compile(
    r"^(?:This|The) (?:[\w-]+ ){0,4}(?:was|is|has been|were) (?:\w+ )?"
    r"(?:prepared|written|produced|compiled|generated|created|edited|curated|reported|researched) by\b"
)
BIO_VERB = r" (?:is|was|has|covers|writes|studied|joined|reports|leads|previously|holds|spent|worked)\b"
_CORPORATE = re.compile(r"\s+(?:Ltd|Inc|LLC|Limited|Corp|Corporation|GmbH|PLC|Media Group)\.?$")


def clean_outlet(name: str) -> str:
    """An outlet name without trailing punctuation or a company suffix."""
    return _CORPORATE.sub("", name.strip(" .,:;!|·-–—")).strip()


def is_name_line(text: str) -> bool:
    """A line that is just a person's or desk's name."""
    return len(text) <= 50 and bool(PERSON.match(text)) and 1 <= words(text) <= 5


def is_bio(text: str, name: str) -> bool:
    """A paragraph about ``name``: it starts with the name, or says who prepared the piece."""
    if words(text) < 8:
        return False
    first = name.split()[0]
    return (
        text.startswith(name + " ")
        or bool(re.match(rf"{re.escape(first)}{BIO_VERB}", text))
        or bool(_BIO_PREPARED.match(text))
    )


def parse_byline(text: str, explicit_only: bool = False) -> tuple[tuple[str, ...], dt.date | None] | None:
    """Authors and date from "By X | May 26, 2026" (or "X · May 26, 2026"); None if not a byline."""
    if words(text) > 25:
        return None
    found = BYLINE.match(text)
    if found is None and explicit_only:
        return None
    segments = [s.strip() for s in _BYLINE_SEP.split(found["rest"] if found else text) if s.strip()]
    date: dt.date | None = None
    names_part: str | None = None
    for segment in segments:
        if re.match(r"(?i)(?:last )?updated\b", segment):
            continue
        when = find_date(segment)
        if when is not None and date is None:
            date = when
            left = DATE_RE.sub("", segment).strip(" ,")
            if names_part is None and left and found:
                names_part = left
            continue
        if names_part is None:
            names_part = segment
    if names_part is None:
        return None
    names = parse_names(names_part)
    if not names:
        return None
    if found is None and (date is None or len(segments) < 2 or words(names[0]) < 2):
        return None
    return tuple(names), date


def parse_names(text: str) -> list[str]:
    """Person names in a byline's name part, without roles: "Jane Doe, Staff Writer" -> [Jane Doe]."""
    text = re.sub(r"\s+(?:on|at|in|for)\s*$", "", text.strip(" ,"))
    text = re.sub(r"\s+in\s+[A-Z][\w-]+(?:\s[A-Z][\w-]+)?$", "", text)
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+|\s*&\s*", text) if p.strip()]
    names: list[str] = []
    for index, part in enumerate(parts):
        if len(part) > 50 or not PERSON.match(part):
            if index == 0:
                return []
            continue
        if index > 0 and (_ROLE.search(part) or " " not in part):
            continue
        names.append(part)
    return names
