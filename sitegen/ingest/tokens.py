"""A line's words, as the rules' ``words`` and the steps' cues test them: found quickly, once per line."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[^\W_]+")
MARKS = "|/»›>\\©@#[]%→▲▼▶▾≡☰🔍"  # characters a line's tokens include besides its words
# How a word may be printed between spaces: "(photo:", "inbox.", "“subscribe". Looking up a line's
# space-separated pieces in a table of these is many times quicker than finding its words one by one.
_LEAD = ("", "(", "[", '"', "“")
_TRAIL = ("", ".", ",", ":", ";", "!", "?", ")", "]", '"', "”", "’", "…", "),", ").")


def line_tokens(text: str) -> frozenset[str]:
    """The lower-cased words of ``text``, and the marks in :data:`MARKS` it contains: what ``words`` test."""
    folded = text.casefold()
    return frozenset(_TOKEN.findall(folded)).union(mark for mark in MARKS if mark in folded)


# Words the steps look for before they search a line (their cues), so Rules.tokens finds them too.
CUE_WORDS = frozenset(
    ["report", "reports", "reported", "reporting", "according", "citing", "cited", "via", "per", "story", "article",
     "investigation", "wrote", "writes", "broke"]
)  # fmt: skip


def printed_forms(words: frozenset[str]) -> dict[str, str]:
    """Every way each of ``words`` may be printed between spaces, mapped to the word."""
    return {lead + word + trail: word for word in words for lead in _LEAD for trail in _TRAIL}
