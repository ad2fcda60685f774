"""Steps that drop page furniture by its place and shape: banners, embedded posts, link lists, captions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitegen.ingest.dates import DATE, date_of
from sitegen.ingest.dump import Dump
from sitegen.ingest.lines import Line
from sitegen.ingest.prose import headline_shaped, is_prose, is_teaser
from sitegen.ingest.text import ENDS_SENTENCE, SENTENCE_BREAK, words

_PREFIX = re.compile(rf"^date\s+{DATE}\s*(?P<rest>.*)$")  # an archive's "date 2025-06-18" before the page
_STATUS = re.compile(r"^\d{3}$")  # a stray HTTP status after it
_BUTTON = re.compile(
    r"^(?i:dismiss|close|got it|ok|okay|accept|accept all|accept cookies|i agree|agree|no,? thanks|continue|×|x)$"
)
# "— Jane Doe (@janedoe) May 20, 2025": the signature line of an embedded post
_POST_SIGNATURE = re.compile(r"^[—–-]+\s*(?:[^()]{1,80}\(@\w{1,15}\)|@\w{1,15},?)\s.{0,40}\b\d{4}\s*$")
# "5:52 PM · Aug 17, 2025": the time stamp an embedded post shows under its text
_POST_TIME = re.compile(r"^\d{1,2}:\d{2}\s?[AaPp]\.?[Mm]\.?\s*·\s*[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}$")
_POST_HANDLE = re.compile(r"^(?:[^@()]{1,50}\s)?\(?@\w{1,15}\)?$")  # "@portauthority", "Port Authority (@port)"
_POST_LINES = 5  # a post's card: name, handle, a few lines of text, the stamp
_SKIP_START = re.compile(r"^(?i:skip (?:past|over)) (?P<what>[\w ]{3,40})$")  # "skip past newsletter promotion"
_BOX_LINES = 12  # the most lines such a box holds
_SHORT_LINK_END = re.compile(r"\bhttps?://t\.co/\w+\s*$")
_POST_MARK = re.compile(r"(?<![\w/])[#@]\w|pic\.twitter\.com/|\bhttps?://t\.co/")
_RELATED_HEADER_WORDS = 4
# How a photo caption reads: it says who is seen, or ends on the day the picture was taken.
_CAPTION = re.compile(rf"\b(?:is|are) (?:seen|pictured|shown)\b|\bpose[sd]? (?:for|with)\b|\bon\s+(?:{DATE})\.$")


def date_prefix(dump: Dump) -> None:
    """A ``date YYYY-MM-DD`` prefix that an archive wrote before the page: the page's date, not its text."""
    first = next(iter(dump.live()), None)
    if first is None or first.no != 1:
        return
    found = _PREFIX.match(first.text)
    if found is None or date_of(found) is None:
        return
    dump.date = date_of(found)
    rest = found["rest"].strip()
    if not rest or _STATUS.match(rest) or (words(rest) <= 3 and not ENDS_SENTENCE.search(rest)):
        dump.drop(first, "date-prefix")  # nothing after it, or only the label the page starts with
    else:
        first.text = rest


def banner(dump: Dump) -> None:
    """A notice at the top closed by a button ("... Dismiss"): the site's banner, not the article."""
    live = dump.live()[:6]
    for index, line in enumerate(live):
        if index == 0 or not _BUTTON.match(line.text):
            continue
        notice = [line]
        for above in reversed(live[:index]):
            if len(notice) > 3 or notice[-1].gap:
                break
            notice.append(above)
        if len(notice) > 1:
            for part in notice:
                dump.drop(part, "banner")
        return


def skipped_box(dump: Dump) -> None:
    """A box the page lets a screen reader skip ("skip past newsletter promotion" ... "after newsletter
    promotion"): the lines between the two markers are the box (a sign-up form), not the article."""
    lines = dump.lines
    for index, line in enumerate(lines):
        found = _SKIP_START.match(line.text) if line.text.startswith(("skip", "Skip", "SKIP")) else None
        if found is None:
            continue
        end = "after " + found["what"].casefold()
        box = lines[index + 1 : index + 1 + _BOX_LINES]
        close = next((at for at, other in enumerate(box) if other.text.casefold() == end), None)
        if close is not None:
            for other in box[:close]:
                if not other.rule:
                    dump.drop(other, "skipped-box")


def embedded_post(dump: Dump) -> None:
    """An embedded social media post: its signature ("— Name (@handle) date"), its text and its links."""
    live = dump.live()
    for index, line in enumerate(live):
        if line.rule or "@" not in line.text or not _POST_SIGNATURE.match(line.text):
            continue
        dump.drop(line, "embedded-post")
        above = index - 1
        while above >= 0 and not live[above].rule and words(live[above].text) <= 60:
            if above < index - 1 and not _POST_MARK.search(live[above].text):
                break
            dump.drop(live[above], "embedded-post")
            above -= 1
        below = index + 1
        while below < len(live) and _POST_MARK.search(live[below].text) and words(live[below].text) <= 60:
            dump.drop(live[below], "embedded-post")
            below += 1
    live = dump.live()
    for index, line in enumerate(live):
        if "·" in line.text and _POST_TIME.match(line.text) and any(is_prose(above.text) for above in live[:index]):
            _post_card(dump, live[max(0, index - _POST_LINES) : index + 1])  # below the text: a post's stamp
        if "pic.twitter.com/" in line.text or ("t.co/" in line.text and _SHORT_LINK_END.search(line.text[-40:])):
            dump.drop(line, "embedded-post")


def _post_card(dump: Dump, lines: Sequence[Line]) -> None:
    """A post's card closed by its time stamp (the last of ``lines``): from its "@handle" line (and the name
    above it) down to the stamp; the stamp alone when no handle opens it."""
    start = len(lines) - 1
    for at in range(len(lines) - 2, -1, -1):
        if _POST_HANDLE.match(lines[at].text):
            start = at - 1 if at > 0 and not lines[at - 1].rule and words(lines[at - 1].text) <= 4 else at
            break
    for line in lines[start:]:
        dump.drop(line, "embedded-post")


def related_list(dump: Dump) -> None:
    """The links a "Related" / "Top news" header introduces: headlines, labels, times and teasers up to the text."""
    lines = dump.lines
    for index, header in enumerate(lines):
        if header.rule != "related" or words(header.text) > _RELATED_HEADER_WORDS:
            continue
        for line in lines[index + 1 :]:
            if line.rule:
                continue
            if ENDS_SENTENCE.search(line.text) and is_prose(line.text) and not is_teaser(line.text):
                break  # the article's text again (a headline has no full stop)
            dump.drop(line, "related-list")


def trailing_links(dump: Dump) -> None:
    """A list that ends the dump right after a paragraph, its items headlines without a full stop: more stories."""
    live = dump.live()
    start = len(live)
    while start > 0 and live[start - 1].hint == "item" and not ENDS_SENTENCE.search(live[start - 1].text):
        start -= 1
    items = live[start:]
    before = live[start - 1] if start > 0 else None
    if len(items) < 2 or before is None or before.text.endswith(":") or not is_prose(before.text):
        return
    if all(headline_shaped(line.text) or words(line.text) >= 4 for line in items):
        for line in items:
            dump.drop(line, "trailing-links")


def caption_above_credit(dump: Dump) -> None:
    """The sentence right above a photo credit ("Jane Doe | AFP | Getty Images") is its caption."""
    lines = dump.lines
    for index, credit in enumerate(lines):
        if credit.rule != "caption" or credit.gap or words(credit.text) > 8 or ENDS_SENTENCE.search(credit.text):
            continue
        above = _previous(lines, index)
        if above is None or above.rule or above is dump.title_line:
            continue
        if words(above.text) <= 50 and not SENTENCE_BREAK.search(above.text) and _CAPTION.search(above.text):
            dump.drop(above, "caption-above-credit")


def _previous(lines: list[Line], index: int) -> Line | None:
    """The line before ``lines[index]``, when nothing but blank space separates them."""
    return lines[index - 1] if index > 0 else None
