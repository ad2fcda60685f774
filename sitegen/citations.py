"""Citation syntax ``[@id "quote"; @id ¶N]``: scanning, quote matching, resolution."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

from sitegen.errors import Location, SitegenError
from sitegen.model import Paragraph, Source

# Private-use characters mark where a citation group stood; Markdown and the
# sanitiser leave them alone, and input text is stripped of them first.
OPEN, CLOSE = "\ue000", "\ue001"
_PUA = re.compile("[\ue000\ue001]")

_QUOTES = {'"': '"', "\u201c": "\u201d", "\u201d": "\u201d", "\u201e": "\u201c"}
# Marks a backslash escapes inside a quote: ASCII punctuation, as in Markdown, and the curly quotes.
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u2018\u2019\u201c\u201d\u201e")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_FENCED = re.compile(r"^(```|~~~)")

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)


@dataclass(frozen=True, slots=True)
class CiteItem:
    """One ``@id "quote"`` or ``@id ¶N`` inside a citation group."""

    source_id: str
    quote: str | None
    paragraph: int | None
    location: Location


@dataclass(frozen=True, slots=True)
class CiteGroup:
    """A bracketed citation group; ``index`` is its placeholder number."""

    index: int
    items: tuple[CiteItem, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class Match:
    """Where a citation landed in its source."""

    paragraph: Paragraph
    exact: str


def scan(body: str, rel: str, body_line: int) -> tuple[str, list[CiteGroup], list[SitegenError]]:
    """Replace each citation group in Markdown ``body`` by a placeholder; report malformed ones."""
    body = _PUA.sub("", body)
    out: list[str] = []
    groups: list[CiteGroup] = []
    errors: list[SitegenError] = []
    line = body_line
    in_fence = False
    for raw in body.split("\n"):
        if _FENCED.match(raw.lstrip()):
            in_fence = not in_fence
        if in_fence or "[@" not in raw:
            out.append(raw)
            line += 1
            continue
        out.append(_scan_line(raw, rel, line, groups, errors))
        line += 1
    return "\n".join(out), groups, errors


def _scan_line(text: str, rel: str, line: int, groups: list[CiteGroup], errors: list[SitegenError]) -> str:
    pieces: list[str] = []
    pos = 0
    while True:
        start = text.find("[@", pos)
        if start < 0 or _in_code_span(text, start):
            pieces.append(text[pos:])
            return "".join(pieces)
        if start > 0 and text[start - 1] == "\\":  # an escaped bracket is literal text
            pieces.append(text[pos : start + 2])
            pos = start + 2
            continue
        pieces.append(text[pos:start])
        where = Location(rel, line)
        try:
            items, end = _parse_group(text, start, rel, line)
        except SitegenError as exc:
            errors.append(exc)
            pieces.append(text[start:])
            return "".join(pieces)
        groups.append(CiteGroup(len(groups), tuple(items), where))
        pieces.append(f"{OPEN}{len(groups) - 1}{CLOSE}")
        pos = end


def _in_code_span(text: str, index: int) -> bool:
    return text.count("`", 0, index) % 2 == 1


def _parse_group(text: str, start: int, rel: str, line: int) -> tuple[list[CiteItem], int]:
    """Parse the group starting at ``text[start] == '['``; return items and the end index."""
    i = start + 1
    items: list[CiteItem] = []

    def fail(message: str, at: int) -> SitegenError:
        return SitegenError(
            f"malformed citation at column {at + 1}: {message}",
            Location(rel, line),
            "citation.syntax",
            hint='write [@source-id "exact words"] or [@source-id ¶3]',
        )

    while True:
        while i < len(text) and text[i] == " ":
            i += 1
        if i >= len(text) or text[i] != "@":
            raise fail("expected '@source-id'", i)
        m = _ID.match(text, i + 1)
        if not m:
            raise fail("expected a source id after '@'", i + 1)
        source_id = m.group()
        i = m.end()
        while i < len(text) and text[i] == " ":
            i += 1
        where = Location(rel, line)
        if i < len(text) and text[i] in _QUOTES:
            close = _QUOTES[text[i]]
            read = _read_quote(text, i + 1, close)
            if read is None and close == "\u201d":
                read = _read_quote(text, i + 1, '"')
            if read is None:
                raise fail("quote is not closed", i)
            quote, j = read
            if not quote.strip():
                raise fail("empty quote", i)
            items.append(CiteItem(source_id, quote, None, where))
            i = j + 1
        elif i < len(text) and text[i] == "\u00b6":
            m2 = re.compile(r"\s*(\d{1,6})").match(text, i + 1)
            if not m2:
                raise fail("expected a paragraph number after '¶'", i)
            if int(m2.group(1)) < 1:
                raise fail("paragraphs are numbered from ¶1", i)
            items.append(CiteItem(source_id, None, int(m2.group(1)), where))
            i = m2.end()
        else:
            raise fail(f"@{source_id} needs a quote in double quotes or a paragraph number like ¶3", i)
        while i < len(text) and text[i] == " ":
            i += 1
        if i < len(text) and text[i] == ";":
            i += 1
            continue
        if i < len(text) and text[i] == "]":
            return items, i + 1
        raise fail("expected ';' or ']'", i)


def _read_quote(text: str, start: int, close: str) -> tuple[str, int] | None:
    """The quote from ``text[start]`` up to the first unescaped ``close``, and that mark's index; None if unclosed.

    Inside a quote a backslash before a punctuation mark (ASCII or a curly quote) stands for
    that mark, so ``\\"`` is a straight double quote and ``\\\\`` a backslash; any other
    backslash is itself.
    """
    j = text.find(close, start)
    if j >= 0 and "\\" not in text[start:j]:
        return text[start:j], j  # the usual case: nothing escaped
    out: list[str] = []
    j = start
    while j < len(text):
        ch = text[j]
        if ch == "\\" and j + 1 < len(text) and text[j + 1] in _ESCAPABLE:
            out.append(text[j + 1])
            j += 2
            continue
        if ch == close:
            return "".join(out), j
        out.append(ch)
        j += 1
    return None


def parse_field(text: str, rel: str, line: int) -> tuple[CiteItem, ...]:
    """The items of ``text``, which must be exactly one citation group (a YAML field)."""
    stripped = text.strip()
    if not stripped.startswith("[@"):
        raise SitegenError(
            'expected a citation like [@source-id "exact words"]',
            Location(rel, line),
            "citation.syntax",
            hint='write [@source-id "exact words"] or [@source-id ¶3]',
        )
    items, end = _parse_group(stripped, 0, rel, line)
    if stripped[end:].strip():
        raise SitegenError(
            f"unexpected text after the citation: {stripped[end:].strip()[:40]!r}",
            Location(rel, line),
            "citation.syntax",
        )
    return tuple(items)


def fold(text: str) -> str:
    """Text for matching: case, whitespace, quote and dash differences removed."""
    return re.sub(r"\s+", " ", text.translate(_FOLD)).casefold().strip()


@functools.lru_cache(maxsize=16384)
def _folded(text: str) -> str:
    """:func:`fold` of a source paragraph, kept: every citation of a source searches the same paragraphs."""
    return fold(text)


@functools.lru_cache(maxsize=1024)
def _fold_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """Folded text and, for each folded character, its index in ``text``."""
    chars: list[str] = []
    index: list[int] = []
    prev_space = True
    for i, ch in enumerate(text):
        if ch.isspace():
            if prev_space:
                continue
            chars.append(" ")
            index.append(i)
            prev_space = True
            continue
        prev_space = False
        for c in ch.translate(_FOLD).casefold():
            chars.append(c)
            index.append(i)
    return "".join(chars), tuple(index)


def find_quote(source: Source, quote: str) -> Match | None:
    """The first paragraph of ``source`` containing ``quote`` (folded), or None."""
    needle = fold(quote)
    if not needle:
        return None
    for para in source.paragraphs:
        if para.kind == "heading" or needle not in _folded(para.text):
            continue  # the cheap test first: most paragraphs do not hold the quote at all
        hay, index = _fold_with_map(para.text)
        at = hay.find(needle)
        while at >= 0:
            if _whole_words(hay, at, at + len(needle)):
                begin = index[at]
                end = index[at + len(needle) - 1] + 1
                return Match(para, para.text[begin:end])
            at = hay.find(needle, at + 1)
    return None


def _whole_words(hay: str, start: int, end: int) -> bool:
    """A quote starts and ends on word boundaries: "ban" is not found in "bans"."""
    before_ok = start == 0 or not (hay[start - 1].isalnum() and hay[start].isalnum())
    after_ok = end == len(hay) or not (hay[end - 1].isalnum() and hay[end].isalnum())
    return before_ok and after_ok


def resolve(item: CiteItem, sources: Mapping[str, Source]) -> Match:
    """Where ``item`` lands; a SitegenError naming the page line when it doesn't."""
    source = sources.get(item.source_id)
    if source is None:
        near = difflib.get_close_matches(item.source_id, sorted(sources), n=1, cutoff=0.6)
        hint = f"did you mean {near[0]}?" if near else f"known sources: {', '.join(sorted(sources)) or 'none'}"
        raise SitegenError(f"unknown source id {item.source_id!r}", item.location, "citation.unknown-source", hint=hint)
    if item.paragraph is not None:
        para = source.paragraph(item.paragraph)
        if para is None:
            raise SitegenError(
                f"source {item.source_id} has no paragraph ¶{item.paragraph} (it has {len(source.numbered)})",
                item.location,
                "citation.paragraph",
            )
        return Match(para, para.text)
    assert item.quote is not None
    found = find_quote(source, item.quote)
    if found is None:
        short = item.quote if len(item.quote) <= 80 else item.quote[:77] + "..."
        message = f'quote not found in source {item.source_id}: "{short}"'
        raise SitegenError(message, item.location, "citation.quote", hint=closest(source, item.quote))
    return found


_EDGES = ".,;:!?\"'()"  # punctuation a word may carry at either end and still be the same word


def _diff(keys: list[str], words: list[str]) -> SequenceMatcher[str]:
    """A quote's words (folded, ends stripped) against a passage's ``words``."""
    return SequenceMatcher(None, keys, [fold(w).strip(_EDGES) for w in words], autojunk=False)


def closest(source: Source, quote: str) -> str | None:
    """The passage of ``source`` nearest to ``quote``, for a hint: its paragraph and words, each difference marked
    ``[the quote's words → the source's]``; None when no paragraph has half the quote's words, two in a row."""
    want = quote.split()
    keys = [fold(w).strip(_EDGES) for w in want]
    best: tuple[int, Paragraph, list[str]] | None = None
    for para in source.numbered:
        words = para.text.split()
        blocks = [b for b in _diff(keys, words).get_matching_blocks() if b.size]
        score = sum(b.size for b in blocks)
        run = max((b.size for b in blocks), default=0)  # words in a row: one shared word here and there is no match
        if run >= min(2, len(keys)) and (best is None or score > best[0]):
            first, last = blocks[0], blocks[-1]  # the source's words from where the quote would begin to its end
            best = (score, para, words[max(0, first.b - first.a) : last.b + len(keys) - last.a])
    if best is None or best[0] * 2 < len(keys):
        return None
    _, para, window = best
    marked, differs = [], False
    for tag, a1, a2, b1, b2 in _diff(keys, window).get_opcodes():
        theirs = " ".join(window[b1:b2])
        differs |= tag != "equal"
        marked.append(theirs if tag == "equal" else f"[{' '.join(want[a1:a2])} → {theirs}]")
    shown = " ".join(marked).replace("[ →", "[→").replace("→ ]", "→]")
    where = f"¶{para.number}" if differs else f"¶{para.number}, where only the punctuation differs"
    return f'closest is {where}: "{shown}"' + (" ([quote → source])" if differs else "")


_FRAGMENT_SAFE = re.compile(r"[A-Za-z0-9_.!~*'()]")


def text_fragment(exact: str) -> str:
    """A ``:~:text=`` directive that highlights ``exact`` (long passages by start and end)."""
    words = exact.split()
    if len(words) > 12:
        return ":~:text=" + _enc(" ".join(words[:5])) + "," + _enc(" ".join(words[-5:]))
    return ":~:text=" + _enc(exact)


def _enc(text: str) -> str:
    out = []
    for ch in text:
        if _FRAGMENT_SAFE.match(ch):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)
