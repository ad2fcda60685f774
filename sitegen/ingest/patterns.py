"""Patterns compiled when first needed, and a rule's patterns joined into one where that asks the same
question with one search."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass


@functools.cache
def compiled(source: str) -> re.Pattern[str]:
    """``source`` compiled the first time a line needs it: a pattern for a rare kind of line costs a
    process nothing until such a line turns up (compiling is most of a small run's regular-expression cost)."""
    return re.compile(source)


def compile_all(sources: tuple[str, ...], any_match: bool) -> tuple[re.Pattern[str], ...]:
    """``sources`` compiled; with ``any_match`` (the caller only asks whether one matches), patterns that
    all start at the line's start become one anchored pattern: one search instead of several.

    ``^a`` and ``^b`` become ``^(?:a|b)``; a pattern with an alternative at its top level (``^a|b``)
    or a named group is left as it is.
    """
    if any_match and len(sources) > 1 and all(_anchored_branch(source) for source in sources):
        return (re.compile("^(?:" + "|".join(source[1:] for source in sources) + ")"),)
    return tuple(re.compile(source) for source in sources)


def _anchored_branch(source: str) -> bool:
    """Whether ``source`` starts with ``^`` and has no ``|`` outside brackets or a character class."""
    if not source.startswith("^") or "(?P<" in source:
        return False
    depth, index, in_class = 0, 1, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            index += 2 if source[index + 1 : index + 2] in ("]", "^") else 1  # "[]..." and "[^]..." hold a "]"
            if source[index - 1] == "^" and source[index : index + 1] == "]":
                index += 1
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        index += 1
    return True


@dataclass(frozen=True, slots=True)
class Literals:
    """A rule's quick test (``needs``) that is only plain words or marks one of which must be in the line:
    a few substring checks, many times quicker than searching for an alternation of them."""

    parts: tuple[str, ...]

    def search(self, text: str) -> bool | None:
        """True when ``text`` holds one of the parts, else None (as ``re.Pattern.search`` answers)."""
        for part in self.parts:  # a plain loop: no generator to build for each of the many lines
            if part in text:
                return True
        return None


def needs_test(source: str) -> re.Pattern[str] | Literals:
    """``source`` (a ``needs`` pattern) as plain parts when it is only alternatives of plain text
    (``copyright|©|\\(c\\)``), else compiled."""
    parts: list[str] = []
    part, index = "", 0
    while index < len(source):
        char = source[index]
        if char == "\\" and index + 1 < len(source) and not source[index + 1].isalnum():
            part, index = part + source[index + 1], index + 2  # an escaped mark stands for itself
            continue
        if char == "|":
            parts.append(part)
            part = ""
        elif char in ".^$*+?()[]{}\\":
            return re.compile(source)  # a pattern proper
        else:
            part += char
        index += 1
    parts.append(part)
    return Literals(tuple(parts)) if all(parts) else re.compile(source)
