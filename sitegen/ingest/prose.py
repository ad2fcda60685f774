"""Is a line article prose? A judgement from its shape, for furniture no rule names.

Prose has sentences: enough words, a good share of them small function words,
closing punctuation or at least the length of a sentence cut short. Furniture
is labels (one or two words, a lone lower-case tag, a time), identifiers run
together (``Site_Logo_sm``), headlines that introduce nothing, and lists of
links. The steps here drop such lines only where their place confirms it; a
short line followed by prose is a heading and stays.
"""

from __future__ import annotations

import re

from sitegen.ingest.dump import Dump
from sitegen.ingest.lines import Line
from sitegen.ingest.text import ENDS_SENTENCE, QUOTED, first_letter_upper, title_case, words

_STOP_WORDS = """a an the of to in on at for from with by as and or but nor is are was were be been being has have had
do does did will would can could may might must should shall it its he she they we you i his her their our your this
that these those there here which who whom whose what when where while if than then so not no also after before over
under into about against between during since until because just more most some any all each other such only very up
out"""
STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_IDENTIFIER = re.compile(r"^[\w.-]*(?:_[\w.-]*){2,}$|^(?:[A-Z][a-z]+){3,}[A-Za-z]*$")  # Site_Logo_sm, HomeNewsWorld
_HAS_LETTER = re.compile(r"[^\W\d_]")
_TEASER_END = re.compile(r"(?:\.\.\.|…)[\"'”’]*$")
_CLOSES = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_RUN_ON_LABEL = re.compile(r"(?i:synopsis|summary|tl;?dr|in brief|the gist|key takeaways?)\s*:\s+(?=\S)")
_ABBREV_END = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|No|Mr|Mrs|Ms|Dr)\.$")


def stop_share(text: str) -> float:
    """The share of ``text``'s words that are small function words (prose has many)."""
    found = [w.casefold() for w in _WORD.findall(text)]
    return sum(1 for w in found if w in STOP) / len(found) if found else 0.0


def is_prose(text: str) -> bool:
    """Whether ``text`` reads as a sentence (or a sentence cut short), not a label, headline or list."""
    count = words(text)
    if count < 3 or not _HAS_LETTER.search(text):
        return False
    share = stop_share(text)
    closed = ENDS_SENTENCE.search(text[-8:]) or text.endswith(":")
    if closed and (share >= 0.15 or count >= 5):
        return True
    if QUOTED.match(text) and count >= 4:
        return True
    return count >= 8 and share >= 0.2 and not title_case(text)


def headline_shaped(text: str) -> bool:
    """A line shaped like a headline: a capital first, four to twenty-five words, no closing punctuation."""
    if not 4 <= words(text) <= 25:
        return False
    bare = _ABBREV_END.sub("", text[-40:]).rstrip()
    return not _CLOSES.search(bare[-8:]) and first_letter_upper(text)


def is_teaser(text: str) -> bool:
    """A story's first words cut off with an ellipsis, as link lists show them."""
    return bool(_TEASER_END.search(text[-8:]))


def ends_cut(text: str) -> bool:
    """Whether a paragraph stops mid-sentence: no closing punctuation, or a lone initial ("citing U.")."""
    return not _CLOSES.search(text[-8:]) or bool(re.search(r"\s[A-Z]\.$", text[-8:]))


def is_label(line: Line) -> bool:
    """A line that cannot be text on its own: no letters, an identifier, or one lower-case word."""
    text = line.text
    if line.hint == "item":
        return False
    if not _HAS_LETTER.search(text):
        return True
    if " " not in text and _IDENTIFIER.match(text):
        return True
    return " " not in text and text.isalpha() and text.islower()


def labels(dump: Dump) -> None:
    """Lines that cannot be article text: times and counters, logo file names, lone lower-case tags."""
    for line in dump.live():
        if is_label(line):
            dump.drop(line, "label")


def text_follows(dump: Dump, line: Line) -> bool:
    """Whether the next line still in the body is prose or a list (what a heading introduces)."""
    live = dump.live()
    index = next((i for i, other in enumerate(live) if other is line), -1)
    after = live[index + 1] if 0 <= index < len(live) - 1 else None
    return after is not None and (after.hint in ("item", "para") or is_prose(after.text))


def orphan_headline(dump: Dump) -> None:
    """A headline that introduces no text (another headline follows it) is a link to another story.

    At the very end only a Title Case line counts: a sentence the dump was cut off in looks the same.
    """
    live = dump.live()
    for index, line in enumerate(live):
        if line.hint or line is dump.title_line or not headline_shaped(line.text):
            continue
        after = live[index + 1] if index + 1 < len(live) else None
        if after is None:
            orphan = index > 0 and title_case(line.text)
        else:
            orphan = after.hint not in ("item", "para") and headline_shaped(after.text) and not is_prose(after.text)
        if orphan:
            dump.drop(line, "orphan-headline")


def stray_label(dump: Dump) -> None:
    """A word or two on a line of its own that no text follows: a menu entry, a signature, a section tag."""
    for line in dump.live():
        if line.hint or words(line.text) > 2 or ENDS_SENTENCE.search(line.text) or QUOTED.match(line.text):
            continue
        if not text_follows(dump, line):
            dump.drop(line, "stray-label")


def lead_label(dump: Dump) -> None:
    """A word or two on a line of its own that opens the text below the headline and byline ("Overview",
    "Synopsis"), text following it, or a summary box's label run on before that text ("Synopsis: ..."):
    the label of the box the article starts in, not a section's heading."""
    head = max(dump.title_line.no if dump.title_line else 0, dump.byline.no if dump.byline else 0)
    live = dump.live()
    index = next((i for i, line in enumerate(live) if line.no > head), None)
    if index is None or index + 1 >= len(live) or not head:
        return
    line = live[index]
    run_on = _RUN_ON_LABEL.match(line.text)
    if run_on and words(line.text) > 6:  # "Synopsis: The ferry ...": the label goes, its text stays
        line.text = line.text[run_on.end() :]
        return
    if line.hint or words(line.text) > 2 or ENDS_SENTENCE.search(line.text) or QUOTED.match(line.text):
        return
    if any(other.rule == "standfirst" and head < other.no < line.no for other in dump.lines):
        return  # the text began with its summary: what follows is a section's heading
    if text_follows(dump, line):
        dump.drop(line, "lead-label")
