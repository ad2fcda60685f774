"""Text helpers shared by the ingest steps: word counts, comparison forms, line shapes."""

from __future__ import annotations

import functools
import re
import unicodedata

WS = re.compile(r"\s+")
ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
ENDS_CLAUSE = re.compile(r"[.!?…:;,>\"'”’)\]]$")
ENDS_CLOSED = re.compile(r"[.,;:!…][\"'”’)]*$")  # a line ending like this is prose, not a heading
QUOTED = re.compile(r"^[“\"‘'«„‹]\s*(?P<q>.+?)\s*[”\"’'»“›]\s*(?:[—–-]+\s*[^“”\"]{1,60})?$")
SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)]*\s+[\"'“‘(]?[A-Z]")
CODE_OPEN = re.compile(r"<(script|style)\b", re.I)
# Words a Title Case headline leaves in lower case.
SMALL = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "nor", "of", "on", "or", "over",
     "per", "the", "to", "vs", "via", "with", "up", "off", "out", "than", "that"]
)  # fmt: skip
_TOKEN = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
_TITLE_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_INITIALS_END = re.compile(r"(?<=\s)(?:[A-Z]\.){2,}$")  # "U.S." ending a headline is not a full stop
_NAME_LINE = re.compile(r"[A-Z][\w.&’'-]*(?:\s+(?:of|and|&|for|the|de|du|la|des|[A-Z][\w.&’'-]*)){1,5}")
_MD_SUBS = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\((?:[^()\s]+|<[^>]*>)(?:\s+\"[^\"]*\")?\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),
)


@functools.lru_cache(maxsize=8192)
def words(text: str) -> int:
    """How many whitespace-separated words ``text`` has."""
    return len(text.split())


@functools.lru_cache(maxsize=4096)
def norm(text: str) -> str:
    """``text`` for comparisons: lower case, letters and digits only, single spaces."""
    return " ".join(_TOKEN.findall(text.casefold()))


def contains(haystack: str, needle: str) -> bool:
    """Whether normalised ``needle`` occurs in normalised ``haystack`` on word boundaries."""
    return bool(needle) and f" {needle} " in f" {haystack} "


def slug(text: str, max_words: int = 0) -> str:
    """``text`` as lowercase ASCII words joined by dashes (at most ``max_words`` words when given)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    parts = re.findall(r"[a-z0-9]+", ascii_text)
    if max_words:
        parts = parts[:max_words]
    joined = "-".join(parts)
    return joined[:60].rstrip("-") if len(joined) > 60 else joined


def unique(base: str, used: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not in ``used`` yet (then it is)."""
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


def first_letter_upper(text: str) -> bool:
    """Whether the first letter of ``text`` is a capital."""
    letter = _LETTER.search(text)
    return letter is not None and letter.group().isupper()


def headline_like(text: str) -> bool:
    """A short line that does not end like a sentence and starts with a capital ("... without the U.S." too)."""
    if not 2 <= words(text) <= 25:
        return False
    bare = _INITIALS_END.sub("", text[-40:])
    return not ENDS_CLOSED.search(bare[-8:]) and first_letter_upper(text)


def name_shaped(text: str) -> bool:
    """A line that is a proper name, every word capitalised ("University of Nebraska Medical Center")."""
    return bool(_NAME_LINE.fullmatch(text))


def title_case(text: str) -> bool:
    """Whether most significant words start with a capital (headline style)."""
    found = [w for w in _TITLE_WORD.findall(text) if w.lower() not in SMALL]
    return len(found) >= 4 and sum(w[0].isupper() for w in found) / len(found) >= 0.8


def sentence_like(text: str) -> bool:
    """A line that reads as prose: six or more words, ending with sentence punctuation."""
    return words(text) >= 6 and bool(ENDS_SENTENCE.search(text[-8:]))


def looks_like_heading(text: str) -> bool:
    """A short line without closing punctuation that starts with a capital: a section heading."""
    return (
        words(text) <= 12
        and len(text) <= 100
        and not ENDS_CLOSED.search(text[-8:])
        and first_letter_upper(text)
        and not QUOTED.match(text)
    )


def md_inline(text: str) -> str:
    """Markdown emphasis, links and code spans reduced to their text."""
    for pattern, repl in _MD_SUBS:
        if pattern.search(text):
            text = pattern.sub(repl, text)
    return text


def is_http_url(url: str) -> bool:
    """An absolute http(s) URL with a host and no whitespace."""
    return bool(re.fullmatch(r"https?://[^\s/?#]+[^\s]*", url))
