"""The blocks of a dump as the steps see them, and what an HTML head states."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


class Tokenizer(Protocol):
    """What finds a line's words for the rules (:class:`~sitegen.ingest.rules.Rules`)."""

    def tokens(self, text: str) -> frozenset[str]:
        """The words of ``text`` that matter to the rules."""
        ...


@dataclass(slots=True, eq=False)  # a line is itself: found in lists by identity, not by comparing fields
class Line:
    """One block of a dump while it is classified (mutable: lives only inside ``ingest_text``)."""

    no: int  # file line where the block starts
    raw: str  # as written, for explain()
    text: str = ""  # cleaned text
    # What the layout said: h1, heading, item, para, standfirst, caption, image-caption, chrome, code, markup,
    # separator
    hint: str = ""
    gap: bool = False  # a blank line came before it
    rule: str = ""  # the rule that dropped it, when dropped
    markup: bool = True  # the text may still hold tags or entities
    cut: str = ""  # what inline rules took out of the text (a copyright notice may name the outlet)
    _tokens: tuple[str, frozenset[str]] = ("", frozenset())  # the text the tokens below were taken from

    def tokens(self, rules: Tokenizer) -> frozenset[str]:
        """The rules' words the line holds, and its marks (worked out once per text)."""
        if self._tokens[0] != self.text or not self._tokens[0]:
            self._tokens = (self.text, rules.tokens(self.text))
        return self._tokens[1]


@dataclass(frozen=True, slots=True)
class Meta:
    """Metadata an HTML dump states in its head."""

    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    date: dt.date | None = None
    url: str | None = None
