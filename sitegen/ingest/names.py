"""Names in a dump: bylines, people, desks and outlets as they are printed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitegen.ingest.dates import DATE_RE, DATE_TEXT, find_date, is_month_or_day
from sitegen.ingest.outlets import Outlets
from sitegen.ingest.patterns import compiled
from sitegen.ingest.text import ENDS_SENTENCE, words

BYLINE = re.compile(
    r"^(?:(?:By|BY|by|Written by|Words by|Story by|Text by)\s*:?\s+"
    r"|(?:Authors?|Byline|Words|Text|Reporters?|Writers?)\s*:\s*)(?P<rest>\S.*)$"
)
_BYLINE_SEP = re.compile(r"\s*[|·•—–]\s*|\s+[-/]\s+|;\s*")
PERSON = re.compile(r"^[A-Z][\w’'.-]*(?: (?:[A-Z][\w’'.-]*|de|da|van|von|der|den|bin|al|la|le|del|di|du)){0,4}$")
_ROLE = re.compile(
    r"(?i)\b(?:writer|reporter|editor|correspondent|staff|contributor|columnist|analyst|producer|journalist"
    r"|author|senior|chief|bureau|fellow|intern|desk|team)\b"
)
_ROLE_WORD = re.compile(r"(?i:writer|reporter|editor|correspondent|contributor|columnist|analyst|producer|journalist)")
_QUALIFIER = re.compile(r"(?i:senior|chief|staff|deputy|contributing|special|associate|managing)")


def _without_role(text: str) -> str:
    """A name without the role printed after it: "Jane Doe Senior Editor", "Jane Doe Energy correspondent"."""
    found = text.split()
    if len(found) < 3 or " and " in text or "," in text or not _ROLE_WORD.fullmatch(found[-1]):
        return text
    found.pop()
    while len(found) > 2 and _QUALIFIER.fullmatch(found[-1]):
        found.pop()
    if len(found) > 2:  # a beat ("Energy correspondent"): the name keeps its first two words
        found.pop()
    return " ".join(found)


ORG_AUTHOR = re.compile(r"^(?P<org>.+?) (?:Editorial|Staff|Newsroom|Desk|Team|Editors)(?: (?:Team|Board|Staff|Desk))?$")
_BIO_PREPARED = re.compile(
    r"^(?:This|The) (?:[\w-]+ ){0,4}(?:was|is|has been|were) (?:\w+ )?"
    r"(?:prepared|written|produced|compiled|generated|created|edited|curated|reported|researched) by\b"
)
BIO_VERB = re.compile(r" (?:is|was|has|covers|writes|studied|joined|reports|leads|previously|holds|spent|worked)\b")
_CORPORATE = re.compile(r",?\s+(?:Ltd|Inc|LLC|Limited|Corp|Corporation|GmbH|PLC|Media Group)\.?$")


def clean_outlet(name: str) -> str:
    """An outlet name without trailing punctuation, a company suffix or a web domain's ending."""
    name = _CORPORATE.sub("", name.strip(" .,:;!|·-–—[]")).strip(" ,")
    return re.sub(r"(?<=\w)\.(?:com|net|org|co\.uk|co|news|info|io)$", "", name) if " " not in name else name


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
        or (text.startswith(first) and BIO_VERB.match(text, len(first)) is not None)
        or bool(_BIO_PREPARED.match(text))
    )


@dataclass(frozen=True, slots=True)
class Byline:
    """What a byline says: who, when (and when updated), an outlet it names ("By Jane Doe, CNBC") and the
    wires it credits ("By Jane Doe, with Reuters"). A desk's byline ("Metro News Desk") names no one."""

    names: tuple[str, ...]
    date: dt.date | None = None
    updated: dt.date | None = None
    org: str | None = None
    credits: tuple[str, ...] = ()
    role: bool = False  # a name and its role ("Jane Doe, Senior Reporter"): a byline wherever it stands at the top


_LEAD_DATE = re.compile(rf"^[\[(|]?\s*(?P<when>{DATE_TEXT})\s*[\])|]?\s*(?=(?:By|BY|by)\b)")
# A desk, a bureau or the staff signs for the outlet: "Metro News Desk", "Staff Report", "From staff reports".
_DESK = re.compile(
    r"^(?P<org>[A-Z][\w.&’'-]*(?:[ -][A-Z][\w.&’'-]*){0,4}?)\s+(?:News\s+|Web\s+|Digital\s+|Online\s+|Wire\s+)?"
    r"(?:Desk|Bureau|Newsroom|Staff|Editorial(?:\s+(?:Team|Board|Staff))?|Team|Staff (?:Reports?|Writers|Reporters))$"
    r"|^(?i:(?:from\s+)?(?:(?:our|a|the)\s+)?(?:staff|special|own|political|business|web|news|wire|online|digital)?\s*"
    r"(?:correspondents?|reporters?|staff reporters?|staff writers?|staff reports?|news desk|web desk"
    r"|newsroom|bureau|editors?|staff))$"
    # "By Our Science Correspondent", "By the business desk": the outlet's own beat, no one named
    r"|^(?i:(?:our|the)\s+(?:[a-z&-]+\s+){0,2}(?:correspondents?|reporters?|writers?|editors?|desk|team|bureau))$"
)
# Sections a desk may be named after; a desk so named says nothing of the outlet ("Metro News Desk").
_SECTIONS = frozenset(
    ["metro", "city", "local", "national", "world", "international", "foreign", "business", "sports", "sport",
     "politics", "features", "news", "web", "digital", "online", "staff", "editorial", "regional", "state", "breaking",
     "wire", "opinion", "science", "tech", "technology", "health", "entertainment", "lifestyle", "culture", "markets",
     "finance", "economy", "weather", "investigations", "our", "a", "the"]
)  # fmt: skip
# Words that name a publication, not a person: "Harbour Gazette", "Northport Daily News".
_OUTLET_NOUN = re.compile(
    r"\b(?:News|Times|Post|Gazette|Journal|Herald|Tribune|Daily|Wire|Press|Media|Magazine|Review|Chronicle"
    r"|Telegraph|Observer|Guardian|Express|Courier|Standard|Mail|Online|Insider|Report|Radio|TV|Network|Agency"
    r"|Ledger|Sentinel|Examiner|Dispatch|Bulletin|Monitor|Inquirer|Enquirer|Courant|Advertiser|Argus|Beacon|Mercury"
    r"|Globe|Digest|Weekly|Newsletter)\b"
)
# What a byline says of its author after the name: "Senior Reporter", "author of X", "Staff writer".
_ROLES = (
    r"(?:writer|reporter|editor|correspondent|contributor|columnist|analyst|producer|journalist|author|critic"
    r"|photographer|strategist|economist|director|host|anchor|fellow|intern|staff|blogger|commentator|researcher"
    r"|head(?= of)|founder|co-founder|professor|lecturer|scientist|consultant|adviser|advisor|president|partner)"
)
_ROLE_NOUN = re.compile(_ROLES)  # searched in the lower-cased line: many times quicker than (?i:...)
_ROLE_PHRASE = (
    rf"(?i)^(?:(?:a|an|the|our|is\s+an?)\s+)?(?:[\w’'&.-]+\s+){{0,3}}?{_ROLES}s?"
    r"\b(?:\s+(?:of|at|for|on|covering|in|to|based\s+in)\b[^.!?]{0,60}|\s*,\s*[A-Z][\w&’' /-]{1,40})?\.?$"
)  # "Senior Correspondent, Energy": a desk or beat after a comma
# The words of a job title that no one's name holds: "Chief Markets Strategist", "Senior Correspondent, Energy".
_JOB_NOUN = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|strategist|analyst|columnist|producer|contributor|journalist"
    r"|economist|commentator)s?\b|^(?:senior|staff|chief|deputy|contributing|special|associate|managing)\b"
)
_WITH_WORD = re.compile(r"\s(?:[Ww]ith|[Aa]nd)\s")
_WITH = r"(?:^|,\s*|\s)(?i:with|and)\s+(?P<name>[A-Z][\w.&’' -]{1,40}?)\.?$"
_TIME_ONLY = re.compile(
    r"\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{1,4}T|UTC|GMT)?|\d+\s*min(?:ute)?s?\.?\s+read"
)
_PART_MARK = re.compile(r"[,|·•/—–-]")  # a quick test for a separator before the parts are split
_PARTS = r"\s*,\s*(?!\d{4}\b)|\s+[-–—|/·•]\s+|\s*[|·•]\s*"


def parse_byline(text: str, explicit_only: bool = False, outlets: Outlets | None = None) -> Byline | None:
    """Authors and date from "By X | May 26, 2026", "X · May 26, 2026" or "X, Senior Reporter"; None if not
    a byline."""
    if words(text) > 25:
        return None
    lead_date = None
    lead = _LEAD_DATE.match(text)
    if lead:  # "[June 14, 2025] By Jane Doe"
        lead_date, text = find_date(lead["when"]), text[lead.end() :]
    found = BYLINE.match(text)
    if found is None and not explicit_only and not lead_date:
        role = _role_byline(text, outlets)
        if role is not None:
            return role
    if found is None and (explicit_only or not (_DESK.match(text) or lead_date or find_date(text))):
        return None  # without "By", only "Name | date", "Name, role" and a desk's name are bylines
    segments = [s.strip() for s in _BYLINE_SEP.split(found["rest"] if found else text) if s.strip()]
    date: dt.date | None = lead_date
    updated: dt.date | None = None
    names_part: str | None = None
    credits: list[str] = []
    for segment in segments:
        if _TIME_ONLY.fullmatch(segment):
            continue  # "10:15 AM", "3 min read"
        if re.match(r"(?i)(?:last )?updated\b", segment):
            updated = updated or find_date(segment)
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
        else:
            credits.extend(_credit(segment, outlets) if _WITH_WORD.search(segment) else ())  # ", with Reuters"
    if names_part is None or (found and words(found["rest"]) >= 8 and ENDS_SENTENCE.search(found["rest"])):
        return None  # "By Tuesday, officials said ...": a sentence, not a byline
    desk = _DESK.match(names_part)
    if desk and (found or not explicit_only):
        org = desk["org"] if desk["org"] and not _SECTIONS.issuperset(desk["org"].casefold().split()) else None
        return Byline((), date, updated, org)
    wire = _credit(names_part, outlets) if _WITH_WORD.search(names_part) else []
    tail = compiled(_WITH).search(names_part) if wire else None
    names_part = names_part[: tail.start()] if tail else names_part  # "Jane Doe, with Reuters"
    names, org = _names_and_org(names_part, outlets)
    if not names:
        return None
    if found is None and ((date or updated) is None or len(segments) < 2 or words(names[0]) < 2):
        return None
    return Byline(tuple(names), date, updated, org, (*wire, *credits))


def _credit(text: str, outlets: Outlets | None) -> list[str]:
    """The outlet a byline credits at its end ("..., with Reuters"): a known outlet's or a publication's name."""
    found = compiled(_WITH).search(text)
    name = outlet_name(found["name"], outlets) if found else None
    return [name] if name else []


def outlet_name(text: str, outlets: Outlets | None) -> str | None:
    """``text`` as an outlet's name when it is one: a known outlet ("AP" -> its name), or a name with a
    publication's word in it ("Harbour Gazette"); None for a person or anything else."""
    name = text.strip(" .,;:")
    known = outlets.named(name) if outlets is not None else None
    if known:
        return known
    return name if _OUTLET_NOUN.search(name) and name[:1].isupper() and words(name) <= 6 else None


def is_role(text: str) -> bool:
    """A line that is only an author's role: "Senior Transport Reporter", "Staff writer"."""
    return words(text) <= 8 and compiled(_ROLE_PHRASE).match(text) is not None and not text.endswith(".")


def is_job_title(text: str) -> bool:
    """A line that is an author's job title and never a name: "Senior Correspondent, Energy", "Staff Writer"."""
    if not is_role(text) or _JOB_NOUN.search(text.lower()) is None:
        return False
    # "Mara Lindqvist Shipping correspondent" is a name and its beat; a title starts with its rank or is short
    return words(text) <= 2 or "," in text or _QUALIFIER.match(text) is not None or _ROLE_WORD.match(text) is not None


# A role run on to the name where a page set them side by side without a space: "Jane DoeSenior Reporter".
_GLUED_ROLE = re.compile(
    r"(?<=[a-z])(?=(?:Senior|Staff|Chief|Deputy|Contributing|Special|Associate|Managing|Reporter|Correspondent"
    r"|Editor|Writer|Columnist|Contributor|Analyst|Strategist)\b)"
)


def _role_byline(text: str, outlets: Outlets | None) -> Byline | None:
    """A name and what the author is, with no "By": "Jane Doe, Senior Reporter", "Jane Doe - Staff Writer |
    May 26, 2026", "Jane Doe, author of Harbour Notes". Names in capitals alone are a kicker ("TOP STORY")."""
    if words(text) > 16 or text.isupper() or not _PART_MARK.search(text) or not _ROLE_NOUN.search(text.lower()):
        return None
    text = _GLUED_ROLE.sub(" ", text)
    parts = [part for part in compiled(_PARTS).split(text) if part]
    names = parse_names(parts[0]) if len(parts) >= 2 else []
    if not names or not all(words(n) >= 2 and is_person(n, outlets) for n in names):
        return None
    date: dt.date | None = None
    role = _without_role(parts[0]) != parts[0]  # "Jane Doe Senior Reporter, Energy": the role ran on
    for part in parts[1:]:
        when = find_date(part)
        if when is not None:
            date = date or when
        elif compiled(_ROLE_PHRASE).match(part):
            role = True
        elif not (role and words(part) <= 3 and part[:1].isupper()):  # the role's desk: "Senior Reporter, Energy"
            return None  # "Jane Doe, author of the report, said ...": a sentence
    return Byline(tuple(names), date, role=True) if role else None


def _names_and_org(text: str, outlets: Outlets | None) -> tuple[list[str], str | None]:
    """The people a byline names, and the outlet it adds after them ("Jane Doe, CNBC", "Jane Doe for X")."""
    tail = re.search(r"(?:,\s*|\s+(?:for|at)\s+)(?P<org>[^,]+)$", text)
    if tail is None:
        return parse_names(text), None
    known = outlets.named(tail["org"]) if outlets is not None else None
    if known or _OUTLET_NOUN.search(tail["org"]):
        return parse_names(text[: tail.start()]), known or tail["org"].strip()
    return parse_names(text), None


_DEGREE = re.compile(r",?\s+(?:Ph\.?\s?D|M\.?D|MPH|DPhil|MBA|J\.?D|RN|Esq)\.?$")


def without_degree(text: str) -> str:
    """A name without the degree printed after it: "Jane Doe, Ph.D." -> "Jane Doe"."""
    return _DEGREE.sub("", text)


def parse_names(text: str) -> list[str]:
    """Person names in a byline's name part, without roles: "Jane Doe, Staff Writer" -> [Jane Doe]."""
    text = re.sub(r"\s+(?:on|at|in|for)\s*$", "", without_degree(_GLUED_ROLE.sub(" ", text.strip(" ,"))))
    text = re.sub(r"\s+in\s+[A-Z][\w-]+(?:\s[A-Z][\w-]+){0,3}(?=\s*(?:,|\band\b|&|$))", "", text)
    text = _without_role(text)  # "Jane Doe Energy correspondent" -> "Jane Doe"
    parts = [p.strip() for p in re.split(r"\s*,\s*(?:and\s+)?|\s+(?:and|AND)\s+|\s*&\s*", text) if p.strip()]
    names: list[str] = []
    for index, part in enumerate(parts):
        if (
            len(part) > 50
            or not PERSON.match(part)
            or (" " not in part and is_month_or_day(part))
            or (index == 0 and is_job_title(part))
        ):
            if index == 0:
                return []
            continue
        if index > 0 and (_ROLE.search(part) or " " not in part):
            continue
        names.append(person_case(part))
    return names


def person_case(name: str) -> str:
    """A name printed in capitals as a name: "MATT O'BRIEN" -> "Matt O'Brien"; other names (and one word
    in capitals, a brand's: "By PYMNTS") as they are."""
    if not name.isupper() or " " not in name.strip():
        return name
    return re.sub(r"[A-Z]+", lambda m: _cap(m.group()), name)


def _cap(word: str) -> str:
    """One word of a capitalised name: "MCDONALD" -> "McDonald", "BOAK" -> "Boak"."""
    if len(word) > 3 and word.startswith("MC"):
        return "Mc" + word[2].upper() + word[3:].lower()
    return word[0] + word[1:].lower()


def is_person(text: str, outlets: Outlets | None = None) -> bool:
    """A line that is only a person's name ("Jane Doe", "Ana María López"): two to four capitalised words.

    Words in capitals alone are a label ("TOP STORY"); a name so printed counts after "By" only.
    """
    count = words(text)
    if not 2 <= count <= 4 or not PERSON.match(text) or text.split()[0] in ("The", "A", "An") or text.isupper():
        return False
    if (outlets is not None and outlets.named(text)) or _OUTLET_NOUN.fullmatch(text.rsplit(" ", 1)[-1]):
        return False  # "Sound Courier", "Harbour Gazette": a publication's name
    return all(w[:1].isupper() for w in text.split() if w.lower() not in _PARTICLES)


_PARTICLES = frozenset(["de", "da", "van", "von", "der", "den", "bin", "al", "la", "le", "del", "di", "du"])
