"""Words for comparing sentences: folded, synonyms unified, stop words dropped, endings trimmed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from sitegen.citations import fold

STOP_WORDS = frozenset(
    re.findall(
        r"\w+",
        """a an and are as at be been being but by for from has have had he her his in into is it its of on or our
        she so than that the their them then there these they this those to was were which who whom whose will with
        would not no can could may might must shall should also more most other such only over after before about up
        out what when where how new now said says say told one all any some just very while because if though
        although under across around between through during within without against among per both either each
        we you your i me my us him its itself themselves own same again further once here why did does do done
        being having get got make made many much well even still yet however according""",
    )
)
_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")
_ENDINGS = (
    ("ies", "y"),
    ("ing", ""),
    ("ed", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("s", ""),
)


def stem(word: str) -> str:
    """``word`` without a plural or tense ending, so "restrictions" and "restriction" compare equal."""
    for suffix, keep in _ENDINGS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


class Vocabulary:
    """Turns text into comparable words, with the rules' synonyms applied in one pass."""

    def __init__(self, synonyms: Sequence[tuple[str, str]]) -> None:
        self._same = dict(synonyms)
        alternation = "|".join(re.escape(phrase) for phrase, _ in synonyms)  # longest first, as the rules sort them
        self._pattern = re.compile(rf"(?<![a-z0-9])(?:{alternation})(?![a-z0-9])") if synonyms else None
        self._memo: dict[str, str] = {}
        self._seen: dict[str, tuple[str, ...]] = {}

    def words(self, text: str) -> tuple[str, ...]:
        """The content words of ``text``: folded, synonyms unified, stop words dropped, stemmed.

        Numbers stay as written without thousands separators ("35,000" -> "35000", "14.9").
        """
        seen = self._seen.get(text)
        if seen is None:
            seen = self._seen[text] = self._words(text)
        return seen

    def _words(self, text: str) -> tuple[str, ...]:
        t = fold(text)
        if not t.isascii():  # "Eléctrica" and "Sánchez" are one word each, and "Sanchez" the same word
            t = "".join(ch for ch in unicodedata.normalize("NFKD", t) if not unicodedata.combining(ch))
        if self._pattern is not None:
            t = self._pattern.sub(lambda m: self._same[m.group()], t)
        out = []
        for w in _WORD.findall(t):
            if w[0].isdigit():
                out.append(w.replace(",", ""))
            elif w not in STOP_WORDS and len(w) > 1:
                memo = self._memo.get(w)
                if memo is None:
                    memo = self._memo[w] = stem(w)
                out.append(memo)
        return tuple(out)
