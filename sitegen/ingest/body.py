"""Steps at the end of the text and across it: bios, footer links, repeats and the reports relied on."""

from __future__ import annotations

import re

from sitegen.ingest.dump import Dump
from sitegen.ingest.names import BIO_VERB, ORG_AUTHOR, is_bio, is_name_line
from sitegen.ingest.prose import ends_cut, is_prose
from sitegen.ingest.read import Line
from sitegen.ingest.rules import domain_name
from sitegen.ingest.text import QUOTED, contains, norm, words


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
    last = live[-1] if live else None
    for author in dump.authors:
        if last is not None and re.match(rf"(?:About the author:?\s*)?{re.escape(author)}{BIO_VERB}", last.text):
            _set_bio(dump, last, author)
            return


def _set_bio(dump: Dump, line: Line, name: str) -> None:
    """Record ``line`` as the author's bio, and the author when no byline named one."""
    dump.bio = line.text
    dump.drop(line, "author-bio")
    if not dump.authors:
        dump.authors = (name,)
    org = ORG_AUTHOR.match(name)
    if org and dump.outlet is None:
        dump.outlet = org["org"]


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
        mine = norm(line.text)
        if mine in seen and len(mine.split()) >= 4:
            dump.drop(line, "duplicate")
        seen.add(mine)


def pull_quote(dump: Dump) -> None:
    """A quoted line, or a copy, that repeats text of another paragraph."""
    live = [line for line in dump.live() if line.hint != "item"]
    norms = {id(line): norm(line.text) for line in live}
    for line in live:
        if line.rule:
            continue
        quoted = QUOTED.match(line.text)
        mine = norm(quoted["q"]) if quoted else norms[id(line)]
        # Pull-quotes are a sentence or two; longer lines are paragraphs in their own right.
        if not (4 if quoted else 8) <= len(mine.split()) <= 60:
            continue
        for other in live:
            theirs = norms[id(other)]
            if other is not line and not other.rule and len(theirs) > len(mine) and contains(theirs, mine):
                dump.drop(line, "pull-quote")
                break


def upstream(dump: Dump) -> None:
    """Reports this dump relies on, named in its body, standfirst or taglines."""
    for line in dump.lines:
        if line.rule not in ("", "standfirst", "tagline"):
            continue
        count = words(line.text)
        for rule in dump.rules.upstream:
            if not rule.applies(line.text, count):
                continue
            for pattern in rule.patterns:
                for found in pattern.finditer(line.text):
                    groups = found.groupdict()
                    if groups.get("domain"):
                        dump.add_upstream(line.no, found.start(), domain_name(groups["domain"], dump.rules))
                    elif groups.get("name"):
                        dump.add_upstream(line.no, found.start(), groups["name"])


# What comes before a named outlet when the dump relies on its report: "according to Reuters",
# "citing the Financial Times", "reported by AP", ", reports Politico", "a report from Bloomberg".
_CUE_BEFORE = re.compile(
    r"(?i:according to|citing|cited by|(?:first |originally |as )?reported by|via|per"
    r"|(?:a |an )?(?:report|story|article|investigation)s? (?:by|from|in)"
    r"|(?:^|[,;(—–-]\s*)(?:reports|reported|writes|wrote))"
    r"\s+(?:the\s+)?$"
)
_CUE_AFTER = re.compile(
    r"^(?:[’']s?\s+(?:reporting|report|story|article|investigation)\b"
    r"|\s+(?:first |previously |originally |also |had |has )?(?:reported|reports|wrote|writes|broke the news)\b)"
)
# An outlet's name glued to the start of an excerpt: "Washington Post As countries passed ...".
_EXCERPT_START = re.compile(r"^\s*(?:The|A|An|As|In|On|At|After|When|While|With|For|It|This|Its|Over|Since|By)\s")


def outlet_mentions(dump: Dump) -> None:
    """Known outlets the text names as the source of its news ("according to Reuters", "X reported")."""
    pattern = dump.rules.outlets_table.names
    if pattern is None:
        return
    for line in dump.lines:
        if line.rule not in ("", "standfirst"):
            continue
        for found in pattern.finditer(line.text):
            before, after = line.text[max(0, found.start() - 40) : found.start()], line.text[found.end() :]
            if _CUE_BEFORE.search(before) or _CUE_AFTER.match(after):
                name = dump.rules.outlets_table.named(found.group()) or found.group()
                dump.add_upstream(line.no, found.start(), name)


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
