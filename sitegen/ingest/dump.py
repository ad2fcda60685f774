"""The dump being cleaned: its lines and what the steps have found so far.

A :class:`Dump` lives only inside ``ingest_text``: the steps in
:mod:`sitegen.ingest.registry` mark lines dropped and fill in the metadata,
then it becomes a frozen :class:`~sitegen.model.Source`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from sitegen.ingest.dates import day_first_site, is_month_or_day, numeric_order
from sitegen.ingest.lines import Line, Meta
from sitegen.ingest.rules import Rules
from sitegen.ingest.text import contains, norm

# How far each kind of cue is trusted to name the outlet, most trusted first: the HTML head; the site's own
# signature ("Thanks for reading X"); the headline's suffix ("Title | X"); an outlet the byline names; a line
# that is only a known outlet's name; a masthead; a copyright holder or "A X company"; a signed bio; a wire's
# dateline; a desk's name; and last a copyright holder that is a company ("X Media Group, Inc.", often the
# parent of the brand the page shows). The file's name is weighed against these in outlet.choose.
HEAD, SIGNATURE, HEADLINE_SUFFIX, BYLINE_ORG, SITE_NAME, MASTHEAD, COPYRIGHT, BIO, WIRE, DESK, CORPORATE = range(11)


class Cue(NamedTuple):
    """A name the dump gives its outlet, and how far that kind of cue is trusted."""

    rank: int
    order: int  # found in this order: ties keep it
    name: str
    line: int  # where it was found (a wire that is not the outlet is a report relied on from there)


# Sentence openers that a name pattern can swallow ("Earlier Bloomberg reported").
_LEADING_FILLER = frozenset(
    ["however", "meanwhile", "earlier", "also", "and", "but", "as", "in", "on", "last", "this", "then", "now", "yet"]
)


class Dump:
    """One dump while its lines are classified and its metadata found."""

    def __init__(
        self,
        rel: str,
        rules: Rules,
        lines: list[Line],
        meta: Meta,
        markdown: bool,
        title: str | None = None,
        outlet: str | None = None,
        text: str = "",
    ) -> None:
        self.rel = rel
        self.text = text  # the dump as read, markup and all
        self.rules = rules
        self.lines = lines
        self.meta = meta
        self.markdown = markdown
        self.title: str | None = title
        self.title_line: Line | None = None
        self.standfirst: str | None = None
        self.outlet: str | None = outlet
        self.authors: tuple[str, ...] = ()
        self.date: dt.date | None = None
        self.updated: dt.date | None = None  # an "Updated ..." date: the date when nothing better is stated
        self.byline_org: str | None = None  # an outlet the byline names ("By Jane Doe, CNBC", a desk's outlet)
        self.byline_desk = False  # the byline is a desk's ("Northport News Desk"): its outlet is a weak cue
        self.bio: str | None = None
        self.byline: Line | None = None
        self.truncated: Line | None = None  # the line the dump was cut off in
        self.url: str | None = meta.url
        self.upstream: list[tuple[int, int, int, str]] = []  # (line, position, order found, name)
        self.cues: list[Cue] = []  # names of the outlet found so far; outlet.choose picks one
        self._live: tuple[Line, ...] | None = None
        self._order: tuple[str | None] | None = None

    def numeric_order(self) -> str | None:
        """How the dump writes dates in numbers: "dmy", "mdy" or None (worked out when a date first needs it);
        the text's own dates say first, then the country of the page's address."""
        if self._order is None:
            self._order = (numeric_order(line.text for line in self.lines) or day_first_site(self.url),)
        return self._order[0]

    def live(self) -> tuple[Line, ...]:
        """The lines not dropped so far, in order (worked out again only after a drop)."""
        if self._live is None:
            self._live = tuple(line for line in self.lines if not line.rule)
        return self._live

    def drop(self, line: Line, rule: str) -> None:
        """Mark ``line`` as removed by ``rule``."""
        line.rule = rule
        self._live = None

    def next_line(self, line: Line) -> Line | None:
        """The line right after ``line`` in the file, dropped or not."""
        index = self.lines.index(line)
        return self.lines[index + 1] if index + 1 < len(self.lines) else None

    def add_cue(self, rank: int, name: str, line: int = 0) -> None:
        """Record ``name`` as the outlet by a cue of ``rank`` (see :data:`HEAD` and the ranks after it)."""
        if name.strip():
            self.cues.append(Cue(rank, len(self.cues), name.strip(), line))

    def add_upstream(self, line: int, pos: int, name: str) -> None:
        """Record upstream report names ("Reuters and Bloomberg" is two) unless they are generic words."""
        for part in re.split(r" and ", re.sub(r"[’']s?$", "", name.strip(" .,:;"))):
            found = part.split()
            while found and found[0].casefold() in _LEADING_FILLER:
                found.pop(0)
            while found and is_month_or_day(found[-1]):
                found.pop()  # "reported by Reuters Tuesday"
            if found and found[0] == "the":  # "a report in the Financial Times": prose, not the name
                found.pop(0)
            clean = " ".join(found)
            if clean and clean.casefold() not in self.rules.stop_names and len(found) <= 6:
                clean = self.rules.outlets_table.named(clean) or clean  # a known outlet by its usual name
                self.upstream.append((line, pos, len(self.upstream), clean))

    def relies_on(self) -> tuple[str, ...]:
        """Upstream names in order of first mention, each once, without the site itself or its authors."""
        own = {a.casefold() for a in self.authors}
        outlet = norm(self.outlet or "").removeprefix("the ")
        seen: dict[str, str] = {}
        for *_, name in sorted(self.upstream):
            mine = norm(name).removeprefix("the ")
            if outlet and (contains(mine, outlet) or contains(outlet, mine)):
                continue  # the site itself ("Jiji Press" in a dump by The Jiji Press)
            if name.casefold() not in own:
                seen.setdefault(name.casefold(), name)
        return tuple(seen.values())
