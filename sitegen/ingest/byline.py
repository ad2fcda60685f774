"""Steps that find who wrote a dump and when: bylines, datelines, live-blog stamps, a name below the title."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitegen.ingest.dates import DATE_TEXT, date_line, find_date
from sitegen.ingest.dump import HEAD, Dump
from sitegen.ingest.lines import Line
from sitegen.ingest.names import (
    BYLINE,
    Byline,
    is_job_title,
    is_person,
    is_role,
    outlet_name,
    parse_byline,
    parse_names,
    person_case,
    without_degree,
)
from sitegen.ingest.patterns import compiled
from sitegen.ingest.prose import is_prose
from sitegen.ingest.text import is_http_url, words

_STAMP = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?|\d{1,2}\s*[AaPp]\.?[Mm]\.?)\s*(?:[A-Z]{2,4}\s*)?[,|·•–—-]\s*"
    r"(?P<name>[A-Z][\w’'.-]+(?:\s[A-Z][\w’'.-]+){1,3})$"
)
# A dateline that starts the text, with the year: "NORTHPORT, March 3, 2025 (Wire) -", "Paris, 9 July 2025 —".
_TEXT_DATELINE = (
    rf"^(?:[A-Z][A-Z.’' -]{{1,30}}|[A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}}),\s+(?P<when>{DATE_TEXT})\.?\s*"
    r"(?:/[^/]{1,30}/|\([^)]{1,30}\))?\s*(?:[-—–]{1,2}|:)"
)
_DEEP_BYLINE_SHARE = 0.6  # an explicit "By ..." line counts anywhere in the first 60% of the text


def _edges(lines: Sequence[Line]) -> list[Line]:
    """The top eight and bottom four of ``lines`` (all of them when there are few)."""
    return [*lines[:8], *lines[-4:]] if len(lines) > 12 else list(lines)


def byline(dump: Dump) -> None:
    """Authors and date from a byline near the top ("By X | May 26, 2026"), or an explicit one elsewhere."""
    live = dump.live()
    table = dump.rules.outlets_table
    text_starts = next((line.no for line in live if is_prose(line.text)), len(dump.lines) + 1)
    for index, line in enumerate(_edges(live)):
        # At the foot of the text only an explicit "By ..." counts: "Name · date" there is a signature.
        parsed = parse_byline(line.text, explicit_only=index >= 8, outlets=table)
        if parsed is None or line.rule:
            continue
        if parsed.date is None and not parsed.role and not BYLINE.match(line.text) and line.no > text_starts:
            continue  # a desk's name without "By" or a date is a byline only above the text
        if not parsed.names and not parsed.org and is_job_title(line.text) and not BYLINE.match(line.text):
            parsed = _name_above(dump, line) or parsed  # "Jane Doe" / "Staff Writer": hers, not a desk's
        _take(dump, line, parsed)
    if dump.byline is None:
        for line in live[: max(8, int(len(live) * _DEEP_BYLINE_SHARE))]:
            if line.rule or not BYLINE.match(line.text) or words(line.text) > 10:
                continue
            parsed = parse_byline(line.text, explicit_only=True, outlets=table)
            if parsed is not None and all(words(name) >= 2 for name in parsed.names):
                _take(dump, line, parsed)
                break


def _name_above(dump: Dump, line: Line) -> Byline | None:
    """The person named on the line above a job title ("Jane Doe" over "Staff Writer"), taken as the byline."""
    index = dump.lines.index(line)
    above = dump.lines[index - 1] if index > 0 else None
    if above is None or above.rule not in ("", "kicker") or not is_person(above.text, dump.rules.outlets_table):
        return None
    dump.drop(above, "byline")
    return Byline((person_case(above.text),), role=True)


def _take(dump: Dump, line: Line, parsed: Byline) -> None:
    """Record a byline's findings (the first byline names the authors) and drop its line."""
    if dump.byline is None or (dump.byline_desk and parsed.names):  # a desk first, then a name: the name
        own = dump.rules.outlets_table.named(parsed.names[0]) if len(parsed.names) == 1 else None
        dump.byline, dump.authors = line, () if own else parsed.names  # "By PYMNTS": the outlet's own staff
        dump.date = dump.date or parsed.date
        dump.byline_org = parsed.org or own
        dump.byline_desk = not parsed.names and not own
    for name in parsed.credits:  # "By Jane Doe, with Reuters"
        dump.add_upstream(line.no, 0, name)
    dump.updated = dump.updated or parsed.updated
    dump.drop(line, "byline")
    _role_below(dump, line, "byline")


def _role_below(dump: Dump, line: Line, rule: str) -> None:
    """The author's role printed on the line under the byline ("Senior Reporter") goes with it, and so does
    the outlet's name there ("Jane Doe" / "The Harbour Ledger"), which the byline then names."""
    after = dump.next_line(line)
    if after is None or after.rule:
        return
    if is_role(after.text):
        dump.drop(after, rule)
    elif words(after.text) <= 6 and (org := outlet_name(after.text, dump.rules.outlets_table)):
        dump.byline_org = dump.byline_org or org
        dump.drop(after, rule)


def dateline(dump: Dump) -> None:
    """Dates from a line near the top or bottom made only of dates, times and labels ("Mar 4, 2026 - Business",
    "Published: ... | Updated: ..."); elsewhere such a line goes by the "timestamp" rule."""
    edges = _edges([line for line in dump.lines if line.rule in ("", "byline", "issue-line")])
    for line in edges:
        if line.rule not in ("", "issue-line") or words(line.text) > 24:
            continue
        found = date_line(line.text, dump.numeric_order)
        if found is not None:
            dump.date = dump.date or found.published
            dump.updated = dump.updated or found.updated
            if line.rule:  # "Issue #88 · 3 March 2026": the date, the line already gone
                continue
            dump.drop(line, "dateline")
            _byline_above(dump, line)
            after = dump.next_line(line)  # "Jane Doe" / the date / "Senior Correspondent, Energy"
            if dump.byline is not None and after is not None and not after.rule and is_job_title(after.text):
                dump.drop(after, "byline")


def _byline_above(dump: Dump, dateline_line: Line) -> None:
    """A bare name ("Jane Doe", "Jane Doe in Brussels") right above a dateline at the top is a byline."""
    index = dump.lines.index(dateline_line)
    above = dump.lines[index - 1] if index > 0 else None
    role = above if above is not None and not above.rule and is_job_title(above.text) else None
    if role is not None:  # "Jane Doe" / "Senior Correspondent, Energy" / the date: the name is above the role
        above = dump.lines[index - 2] if index > 1 else None
    if dump.byline is not None or above is None or above.rule or not dump.rules.on("byline"):
        return
    if words(above.text) > 6 or not any(line is above for line in dump.live()[:8]):
        return
    names = parse_names(above.text)
    if outlet_name(above.text, dump.rules.outlets_table):
        return  # the site's name over its date ("Harbour Gazette" / "19/02/2026")
    if names and words(names[0]) >= 2:  # one capitalised word ("Menu") is no byline
        dump.byline, dump.authors = above, tuple(names)
        dump.drop(above, "byline")
        if role is not None:
            dump.drop(role, "byline")


def text_dateline(dump: Dump) -> None:
    """The date of a dateline that opens the text with its year ("NORTHPORT, March 3, 2025 -"), if none yet."""
    if dump.date is not None:
        return
    for line in dump.live()[:4]:
        found = compiled(_TEXT_DATELINE).match(line.text)
        if found:
            dump.date = find_date(found["when"])
            return


def updated(dump: Dump) -> None:
    """The dates of a labelled stamp near the top ("Updated ...", "Issued on: ... Modified: ..."): an update's
    date is used when the dump states no better one; a first publication it names is the date."""
    for line in dump.lines[:20]:
        if line.rule == "timestamp":
            found = date_line(line.text, dump.numeric_order)
            if found is None:
                dump.updated = dump.updated or find_date(line.text)
                continue
            dump.date = dump.date or found.published
            dump.updated = dump.updated or found.updated


def live_stamps(dump: Dump) -> None:
    """A live blog's entry stamps ("12:58 , Jane Doe"): the entries' authors, not text."""
    names: list[str] = []
    for line in dump.live():
        found = _STAMP.match(line.text)
        if found:
            names.append(person_case(found["name"]))
            dump.drop(line, "live-stamp")
    if names and not dump.authors:
        dump.authors = tuple(dict.fromkeys(names))


def name_line(dump: Dump) -> None:
    """A line that is only a person's name, between the headline and the text, is the byline."""
    head = dump.title_line
    if dump.byline is not None or dump.authors or head is None:
        return
    texts = 0
    for line in dump.live():
        if line.no < head.no:
            continue
        if is_prose(line.text):
            texts += 1
            if texts > 1:  # past a dek: the article has begun
                return
            continue
        name = _IN_PLACE_END.sub("", without_degree(line.text))  # "Jane Doe, Ph.D.", "Jane Doe in Lisbon"
        names = (person_case(name),) if is_person(name, dump.rules.outlets_table) else _name_list(name, dump)
        if names:
            dump.byline, dump.authors = line, names
            dump.drop(line, "name-line")
            _role_below(dump, line, "name-line")
            dump.outlet = dump.outlet or dump.byline_org  # the outlet named under the names, when none was found
            return


def _name_list(text: str, dump: Dump) -> tuple[str, ...] | None:
    """A line that is only people's names joined by commas and "and" ("Jane Doe, John Roe and Ann Lee")."""
    if words(text) > 16 or not _LIST_JOIN.search(text) or text.endswith("."):
        return None
    parts = [part for part in _LIST_JOIN.split(text) if part]
    if len(parts) < 2 or not all(is_person(part, dump.rules.outlets_table) for part in parts):
        return None
    return tuple(person_case(part) for part in parts)


_IN_PLACE_END = re.compile(r"(?<=[a-z]) in [A-Z][\w-]+(?: [A-Z][\w-]+){0,2}$")  # where the writer files from
_LIST_JOIN = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")


# A scraper's header of fields above the page: "Title: ...", "URL Source: ...", "Published Time: ...".
_FIELD = re.compile(
    r"^(?P<key>(?i:title|url|url source|source url|link|published|published time|publication date|date|"
    r"author|authors|byline|site|site name|publisher|description|markdown content))\s*:\s*(?P<value>.*)$"
)


def header_fields(dump: Dump) -> None:
    """A block of "Field: value" lines that starts the dump: the page's title, address, date, author, site."""
    live = dump.live()
    fields: list[tuple[Line, str, str]] = []
    for line in live[:10]:
        found = _FIELD.match(line.text)
        if found is None:
            break
        fields.append((line, found["key"].casefold(), found["value"].strip()))
    if len(fields) < 2:
        return
    for line, key, value in fields:
        if key == "title" and value:
            dump.title = dump.title or value
        elif key in ("url", "url source", "source url", "link") and is_http_url(value):
            dump.url = dump.url or value
        elif key in ("published", "published time", "publication date", "date") and value:
            dump.date = dump.date or find_date(value)
        elif key in ("author", "authors", "byline") and value:
            dump.authors = dump.authors or tuple(parse_names(value))
        elif key in ("site", "site name", "publisher") and value:
            dump.add_cue(HEAD, value, line.no)
        dump.drop(line, "header-fields")
