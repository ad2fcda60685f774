"""Steps that find the headline and the standfirst, and drop the labels and repeats around them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitegen.ingest.dump import HEADLINE_SUFFIX, Dump
from sitegen.ingest.lines import Line
from sitegen.ingest.names import clean_outlet
from sitegen.ingest.prose import STOP
from sitegen.ingest.text import (
    ENDS_SENTENCE,
    SENTENCE_BREAK,
    headline_like,
    name_shaped,
    norm,
    sentence_like,
    title_case,
    words,
)

_HEADLINE_SEP = re.compile(r"\s+[·|–—-]\s+|\s*[|·]\s*")


def title(dump: Dump) -> None:
    """The headline: from markup, a line repeated later, the byline's neighbour, or the first line."""
    live = dump.live()
    if not live:
        return
    pick = next((line for line in live if line.hint == "h1"), None)
    if pick is None and dump.meta.title:
        pick = _matching_line(live[:4], dump.meta.title)
        if pick is None:  # the head states a title the body does not repeat
            dump.title = dump.title or dump.meta.title
            return
    pick = pick or _by_repeat(dump, live[:3]) or _by_byline(dump, live) or _at_top(live)
    if pick is not None:
        dump.title = dump.title or pick.text
        dump.title_line = pick
        dump.drop(pick, "title")


def _matching_line(lines: Sequence[Line], text: str) -> Line | None:
    """The line equal to ``text``, or to it without a " | Site" suffix."""
    wanted = {norm(text), norm(_HEADLINE_SEP.split(text)[0])}
    return next((line for line in lines if norm(line.text) in wanted), None)


def _by_repeat(dump: Dump, head: Sequence[Line]) -> Line | None:
    """A headline-shaped top line that recurs later ("Home » Title", "Title · Site", a caption)."""
    for cand in head:
        if cand.hint == "item" or not 3 <= words(cand.text) <= 40:
            continue
        if not (headline_like(cand.text) or title_case(cand.text)):
            continue
        for other in dump.lines:
            if other is cand or other.rule in ("script", "html-fragment"):
                continue
            left = set_off(other.text, cand.text)
            if left is not None and words(left) <= 12:
                return cand
    return None


def _by_byline(dump: Dump, live: Sequence[Line]) -> Line | None:
    """The headline-shaped line nearest above a byline at the top."""
    if dump.byline is None:
        return None
    byline_no = dump.byline.no
    above = [line for line in live if line.no < byline_no and line.hint != "item"]
    if not above or len(above) > 8:
        return None  # a byline deep in the text (a newsletter's) says nothing of the headline
    above = above[-3:]  # the nearest: a menu above them goes later
    # Layouts put the dek above the title or below it; the title is the first headline-shaped line.
    shaped = [line for line in above if headline_like(line.text)]
    return next((line for line in shaped if words(line.text) > 3), shaped[-1] if shaped else None)


def _at_top(live: Sequence[Line]) -> Line | None:
    """The first line (after short labels: a site's name, a menu) when it is shaped like a headline."""
    for index, first in enumerate(live[:8]):
        if words(first.text) <= 3 and not ENDS_SENTENCE.search(first.text):
            continue  # a masthead or section label; the kicker and site-label rules deal with it
        after = live[index + 1] if index + 1 < len(live) else None
        if name_shaped(first.text) and after is not None and words(after.text) >= 4 and headline_like(after.text):
            continue  # a site's or publisher's name above the headline
        if index + 1 >= len(live) or first.hint in ("item", "para") or words(first.text) > 40:
            return None
        if title_case(first.text) or headline_like(first.text):
            return first
        return None
    return None


def repeated_headline(dump: Dump) -> None:
    """The title repeated later, alone or with the site's name ("Title · Site"), is furniture."""
    if not dump.title:
        return
    for line in dump.live():
        left = set_off(line.text, dump.title)
        if left is None or words(left) > 8:
            continue
        suffix = line.text[len(line.text) - len(left) :] if line.text.endswith(left) else ""
        suffix = suffix.lstrip("·|–—:-/ ")
        if suffix and words(suffix) <= 5:
            dump.add_cue(HEADLINE_SUFFIX, clean_outlet(suffix), line.no)
        dump.drop(line, "repeated-headline")


def kicker(dump: Dump) -> None:
    """Short labels above the title, or between it and the byline right below it (section names, "EXCLUSIVE",
    "TOP STORY"), are not body text."""
    if dump.title_line is None:
        return
    title = dump.title_line.no
    live = dump.live()
    end = title
    if dump.byline is not None and dump.byline.no > title:
        between = sum(1 for line in live if title < line.no < dump.byline.no)
        end = dump.byline.no if between <= 3 else title
    for line in live:
        if line.no >= end:
            break
        short = words(line.text) <= 4 or (words(line.text) <= 6 and name_shaped(line.text))
        if short and not ENDS_SENTENCE.search(line.text):
            dump.drop(line, "kicker")


def standfirst(dump: Dump) -> None:
    """The dek: marked in HTML, a sentence above the title, or one set apart right below it."""
    live = dump.live()
    pick = next((line for line in live if line.hint == "standfirst"), None)
    head = dump.title_line
    if pick is None and head is not None:
        above = [line for line in live if line.no < head.no]
        pick = next((line for line in above if sentence_like(line.text) and words(line.text) <= 60), None)
        below = next((line for line in live if line.no > head.no), None)
        if pick is None and below is not None and 6 <= words(below.text) <= 60:
            # Between the title and the byline only a dek fits, full stop or not.
            between = [line for line in live if dump.byline is not None and head.no < line.no < dump.byline.no]
            above_byline = between == [below]
            lone = (
                sentence_like(below.text)
                and not SENTENCE_BREAK.search(below.text)
                and words(below.text) <= 50
                and _set_apart(dump, below)
            )
            pick = below if above_byline or lone else None
    if pick is not None:
        dump.standfirst = pick.text
        dump.drop(pick, "standfirst")


def _set_apart(dump: Dump, line: Line) -> bool:
    """Whether a blank line follows ``line`` although the paragraphs after it run on without one."""
    later = [other for other in dump.lines if other.no > line.no]
    if not later or not later[0].gap:
        return False
    body = [other for other in later[1:] if not other.rule][:3]
    return len(body) >= 2 and not any(other.gap for other in body)


def set_off(text: str, title: str) -> str | None:
    """What else ``text`` says when it is ``title`` set off by separators ("Home » T", "T · Site", "Photo: T").

    None when ``text`` does not hold ``title`` that way: a body sentence that
    happens to contain the title's words is not a repeat of it.
    """
    at = text.casefold().find(title.casefold())
    if at < 0 or not title:
        return None
    before, after = text[:at].strip(), text[at + len(title) :].strip()
    if before and not re.search(r"[·|–—:»›/>-]$", before):
        return None
    if after and not re.match(r"[·|–—:»›/-]|[.!?]$", after):
        return None
    return " ".join(part for part in (before, after) if part)


def repeated_dek(dump: Dump) -> None:
    """A summary at the top that the next paragraph says again, at more length, is the standfirst: kept once."""
    live = [line for line in dump.live() if dump.title_line is None or line.no > dump.title_line.no][:4]
    for index, line in enumerate(live[:-1]):
        mine = _content(line.text)
        if len(mine) < 6:
            continue
        theirs: set[str] = set()
        for later in live[index + 1 : index + 3]:  # said again in the next paragraph, or the next two
            theirs |= _content(later.text)
            if len(theirs) > len(mine) and len(mine & theirs) >= 0.8 * len(mine):
                dump.standfirst = dump.standfirst or line.text
                dump.drop(line, "standfirst")
                return


def _content(text: str) -> set[str]:
    """The content words of ``text`` (small function words left out), for comparing paragraphs."""
    return {w for w in norm(text).split() if w not in STOP}
