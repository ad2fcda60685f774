"""Patterns compiled when first needed, and a rule's patterns joined into one where that asks the same
question with one search."""

from __future__ import annotations

import functools
import re


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
