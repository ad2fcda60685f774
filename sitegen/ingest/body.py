"""Steps at the end of the text and across it: bios, footer links, repeats and the reports relied on."""

from __future__ import annotations

import re

from sitegen.ingest.dump import BIO, Dump
from sitegen.ingest.lines import Line
from sitegen.ingest.names import BIO_VERB, ORG_AUTHOR, is_bio, is_name_line, is_person, outlet_name
from sitegen.ingest.outlet import domain_name
from sitegen.ingest.patterns import compiled
from sitegen.ingest.prose import ends_cut, is_prose
from sitegen.ingest.rules import NAME
from sitegen.ingest.text import QUOTED, norm, words
from sitegen.ingest.tokens import CUE_WORDS

_ABOUT = re.compile(r"^About the author:?\s*")
# "Jane Doe is a staff writer covering ports for The Harbour Gazette.": who the writer is, at the foot
_BIO_LINE = re.compile(
    r"^(?P<name>[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){1,2}) (?:is|was) (?:a|an|the|our) [^.]{0,60}?\b(?:writer|reporter"
    r"|correspondent|editor|columnist|journalist|contributor|producer|analyst|fellow|author)s?\b"
    r" (?:(?:at|for|with|based in|on) (?:the )?[A-Z]|covering\b|who covers\b)"
)


def author_bio(dump: Dump) -> None:
    """A name line then a paragraph about that person near the end: author and bio, not body."""
    live = dump.live()
    for name_line in live[-4:]:
        after = dump.next_line(name_line)
        if after is None or (after.rule and after.rule != "tagline"):
            continue
        rest = [line for line in live if line.no > after.no]
        if len(rest) > 1 or not is_name_line(name_line.text) or not is_bio(after.text, name_line.text):
            continue
        _set_bio(dump, after, name_line.text)
        dump.drop(name_line, "author-bio")
        return
    last = _ABOUT.sub("", live[-1].text) if live else ""
    for author in dump.authors:
        if last.startswith(author) and BIO_VERB.match(last, len(author)):
            _set_bio(dump, live[-1], author)
            return
    found = _BIO_LINE.match(last) if " is " in last[:60] or " was " in last[:60] else None
    if found and is_person(found["name"], dump.rules.outlets_table):  # a bio with no byline: no author named
        dump.bio = live[-1].text
        dump.drop(live[-1], "author-bio")


def _set_bio(dump: Dump, line: Line, name: str) -> None:
    """Record ``line`` as the author's bio, and the author when no byline named one."""
    dump.bio = line.text
    dump.drop(line, "author-bio")
    if not dump.authors:
        dump.authors = (name,)
    org = ORG_AUTHOR.match(name)
    if org:
        dump.add_cue(BIO, org["org"], line.no)


def footer_links(dump: Dump) -> None:
    """Short link-like lines that end the dump (topic lists, menus) are not the article's last words.

    One such line right after a paragraph is the next paragraph's start, cut off with the dump.
    """
    run: list[Line] = []
    for line in reversed(dump.live()):
        if line.hint == "item" or words(line.text) > 5 or re.search(r"[.!?:;…][\"'”’)]*$", line.text):
            break
        run.append(line)
    if len(run) == 1 and _follows_text(dump, run[0]):
        return
    for line in run:
        dump.drop(line, "footer-links")


def _follows_text(dump: Dump, line: Line) -> bool:
    """Whether ``line`` comes right after a paragraph of text, nothing dropped between them."""
    index = dump.lines.index(line)
    before = dump.lines[index - 1] if index > 0 else None
    return before is not None and not before.rule and is_prose(before.text)


def duplicate(dump: Dump) -> None:
    """A paragraph that repeats an earlier one word for word."""
    seen: set[str] = set()
    for line in dump.live():
        if line.hint == "item":
            continue
        mine = line.text.casefold()
        if mine in seen and words(mine) >= 4 and norm(mine):
            dump.drop(line, "duplicate")
        seen.add(mine)


_NEARBY = 12  # a pull-quote repeats a paragraph close to it: look this many paragraphs either way


def pull_quote(dump: Dump) -> None:
    """A quoted line, or a copy, that repeats text of a paragraph near it."""
    live = [line for line in dump.live() if line.hint != "item"]
    folded = [line.text.casefold() for line in live]
    for index, line in enumerate(live):
        quoted = QUOTED.match(line.text)
        inner = quoted["q"] if quoted else line.text
        # Pull-quotes are a sentence or two (a copy without quotation marks, a short one); longer lines
        # are paragraphs in their own right.
        if not (4 <= words(inner) <= 60 if quoted else 8 <= words(inner) <= 30):
            continue
        near = range(max(0, index - _NEARBY), min(len(live), index + _NEARBY + 1))
        # A quick look for its first words first; the comparison without punctuation only where they are.
        start = " ".join(inner.casefold().split()[:2])
        others = [o for o in near if o != index and not live[o].rule and start in folded[o]]
        if not others:
            continue
        needle = f" {norm(inner)} "
        if any(len(norm(live[o].text)) + 2 > len(needle) and needle in f" {norm(live[o].text)} " for o in others):
            dump.drop(line, "pull-quote")


# A newsroom's credit line: "Reporting by X; Editing by Y", "X contributed to this report".
_CREDITED = (
    r"(?i:(?:additional |with )?reporting|writing|research|with (?:additional )?inputs?) (?:by|from) (?P<by>[^;)]+)"
    r"|^(?P<lead>.+?) contributed\b"
)
_IN_PLACE = r"\s+in\s+[A-Z][\w -]*$"  # "Jane Doe in Northport"


def staff_credit(dump: Dump) -> None:
    """A newsroom's credits that name an outlet, not a person ("Reporting by Reuters", "The Associated Press
    contributed to this report"): the outlet is a report relied on."""
    table = dump.rules.outlets_table
    for line in dump.lines:
        if line.rule != "staff-credit":
            continue
        for found in compiled(_CREDITED).finditer(line.text):
            for part in re.split(r"\s+and\s+|,\s*", found["by"] or found["lead"]):
                name = outlet_name(compiled(_IN_PLACE).sub("", part), table)
                if name:
                    dump.add_upstream(line.no, found.start(), name)


def upstream(dump: Dump) -> None:
    """Reports this dump relies on, named in its body, standfirst or taglines."""
    for line in dump.lines:
        if line.rule not in ("", "standfirst", "tagline"):
            continue
        count = words(line.text)
        for rule in dump.rules.upstream:
            if not rule.applies(line.text, count, line.tokens(dump.rules)):
                continue
            for pattern in rule.patterns:
                for found in pattern.finditer(line.text):
                    groups = found.groupdict()
                    if groups.get("domain"):
                        dump.add_upstream(line.no, found.start(), domain_name(groups["domain"], dump.rules))
                    elif groups.get("name"):
                        dump.add_upstream(line.no, found.start(), groups["name"])


# A known outlet named as the source of the news: after "according to", "citing", "reported by", "via",
# "a report by/from/in", ", reports"; before "reported", "first reported", "'s reporting". The cue words
# are found first (a plain search), the phrases checked where they stand, and only then the outlet's name.
_BEFORE = re.compile(
    r"(?i:according to|citing|cited by|reported by|via|per|(?:reports?|stor(?:y|ies)|articles?|investigations?)"
    r" (?:by|from|in)|reports|reported|writes|wrote)\s+(?:the\s+)?"
)
_AFTER = re.compile(r"(?:[’']s?\s+|\s+(?:(?:first|previously|originally|also|had|has)\s+)?)$")
_AFTER_NOUN = re.compile(r"[’']s?\s+$")  # "Reuters' reporting", "Bloomberg's report": only after a possessive
_AFTER_WORDS = frozenset(["reported", "reports", "wrote", "writes", "broke"])
_AFTER_NOUNS = frozenset(["reporting", "report", "story", "article"])
_NEEDS_PUNCT = frozenset(["reports", "reported", "writes", "wrote"])  # as a cue before: only after ", " or "("
# An outlet's name glued to the start of an excerpt: "Washington Post As countries passed ...".
_EXCERPT_START = re.compile(r"^\s*(?:The|A|An|As|In|On|At|After|When|While|With|For|It|This|Its|Over|Since|By)\s")


# "Bloomberg reported this week", "Reuters first reported", "the FT, which first reported": a name before
# the cue. Searching for the name everywhere is slow, so the cue is found first and the name looked for
# in the words just before it.
_REPORTED = re.compile(
    r"\s(?:first |originally |previously |also |had |has )?reported (?:this (?:week|month|morning)|earlier"
    r"|last (?:week|month|year)|on (?:[A-Z]|\d)|in (?:a|an|its)\b|today|yesterday|exclusively|,)"
    r"|\s(?:was the )?first (?:to report|reported|broke)\b|, which (?:first )?reported\b"
)
_NAME_BEFORE = re.compile(rf"(?<![\w’'])(?P<name>{NAME})$")
_REPORTED_WORDS = frozenset(["reported", "broke"])


def named_report(dump: Dump) -> None:
    """A name right before "reported this week", "first reported", ", which first reported": a report relied on."""
    for line in dump.lines:
        tokens = line.tokens(dump.rules) if line.rule in ("", "standfirst", "tagline") else frozenset()
        if _REPORTED_WORDS.isdisjoint(tokens) and not ("report" in tokens and "first" in line.text):
            continue
        for cue in _REPORTED.finditer(line.text):
            found = _NAME_BEFORE.search(line.text, max(0, cue.start() - 60), cue.start())
            if found:
                dump.add_upstream(line.no, found.start(), found["name"])


def outlet_mentions(dump: Dump) -> None:
    """Known outlets the text names as the source of its news ("according to Reuters", "X reported")."""
    table = dump.rules.outlets_table
    if table.names is None:
        return
    for line in dump.lines:
        cues = CUE_WORDS & line.tokens(dump.rules) if line.rule in ("", "standfirst") else frozenset()
        text = line.text
        lowered = text.lower()
        if not cues or len(lowered) != len(text):
            continue
        for cue in sorted(cues):
            at = lowered.find(cue)
            while at >= 0:
                end = at + len(cue)
                if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                    _mentions_at(dump, line.no, text, at, cue)
                at = lowered.find(cue, end)


def _mentions_at(dump: Dump, no: int, text: str, at: int, cue: str) -> None:
    """The outlet named right after the cue at ``at`` (a phrase like "according to"), or right before it."""
    table = dump.rules.outlets_table
    assert table.names is not None
    phrase = _BEFORE.match(text, at)
    if phrase and not (cue in _NEEDS_PUNCT and not re.search(r"[,;(—–-]\s*$", text[max(0, at - 3) : at])):
        found = table.names.match(text, phrase.end())
        if found:
            dump.add_upstream(no, found.start(), table.named(found.group()) or found.group())
    if cue in _AFTER_WORDS or cue in _AFTER_NOUNS:
        gap = (_AFTER if cue in _AFTER_WORDS else _AFTER_NOUN).search(text, max(0, at - 20), at)
        if gap is not None:
            for found in table.names.finditer(text, max(0, gap.start() - 45), gap.start()):
                if found.end() == gap.start():
                    dump.add_upstream(no, found.start(), table.named(found.group()) or found.group())


def excerpt_label(dump: Dump) -> None:
    """A known outlet's name glued before the first paragraph ("Washington Post As countries ...") credits
    the report it excerpts: the name leaves the text and becomes a report relied on."""
    table = dump.rules.outlets_table
    for line in dump.live()[:4]:
        found = table.names.match(line.text) if table.names is not None else None
        if found is None or not _EXCERPT_START.match(line.text[found.end() :]) or words(line.text) < 12:
            continue
        dump.add_upstream(line.no, 0, table.named(found.group()) or found.group())
        line.text = line.text[found.end() :].strip()
        return


def truncation(dump: Dump) -> None:
    """Mark the last paragraph when the dump was cut off inside it (no closing punctuation)."""
    live = [line for line in dump.live() if line.hint not in ("h1", "heading")]
    last = live[-1] if live else None
    if last is not None and last.hint != "item" and words(last.text) >= 2 and ends_cut(last.text):
        dump.truncated = last
