"""[Source] → the whole, quotable sentences a draft may use, each a verbatim span of one paragraph.

A sentence is used only when it reads on its own: it starts with a capital (or a digit, or an
opening quote) and ends with a full stop, question or exclamation mark; its quotation marks and
brackets are balanced; it is not cut off (the last words of a dump that stops mid-sentence, a
paragraph that a hard line break split in two, a trailing ellipsis); it speaks in the third
person; and it is not a caption, a promotion or page furniture. A dateline ("GENEVA (Wire) —"),
a label ("What happened:") or a leading "But" is left out of the sentence, so it stands alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sitegen.curate.rules import Rules
from sitegen.curate.speech import named
from sitegen.model import Source

# A full stop, question or exclamation mark (with closing quotes or brackets) followed by space and a capital
# or digit, or glued straight to a capitalised word ("...Agreement.The").
_BOUNDARY = re.compile(
    r"[.!?](?:[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])|[\u201d\u2019)\]]*(?=[\"'\u201c\u2018]?[A-Z][a-z]{2,}))"
)
_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_ELLIPSIS = re.compile(r"(?:\.\.\.|\u2026)[\"'\u201d\u2019)\]]*$")
_START = re.compile(r"^[\"'\u201c\u2018(\[]?[A-Z0-9]")
_INITIAL = re.compile(r"(?:^|[\s(])(?:[A-Z]\.){1,3}$")  # "F." in "Robert F. Kennedy", "J.R."
_CUT_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.$")  # a sentence does not end on one initial: "...citing U."
# A clause that needs a main clause after it: with no comma outside quotes, the sentence is a fragment.
_SUBORDINATE = re.compile(r"^(?:How|Why|What|When|Where|While|Although|Though|If|Because|Whether|As|Unlike|Like)\b")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# Openings that are not part of the sentence: a dump's date prefix, a dateline, an agency tag (each matched at a
# given position with Pattern.match, so none starts with '^').
_LEAD_INS = (
    re.compile(r"\s*date \d{4}-\d\d-\d\d\s+(?:\d{3}\s+)?"),
    re.compile(
        r"[A-Z]{3,}(?: [A-Z]{2,}){0,3}(?:,\s*[A-Z][a-z]+\.?)?(?:,\s*" + _MONTH + r"\s+\d{1,2})?"
        r"\s*(?:\([^()]{1,40}\))?\s*(?:\u2014|\u2013|--|-)\s+"
    ),
    re.compile(r"(?:[A-Z][a-z]+,\s*)?" + _MONTH + r"\s+\d{1,2}\s*\([^()]{1,40}\)\s*(?:\u2014|\u2013|-)+\s*"),
    re.compile(r"\((?:[A-Z][\w&.' -]{1,30})\)\s*(?:\u2014|\u2013|--|-)?\s*"),
)
_LABEL = re.compile(r"(?:[A-Z][\w'\u2019-]*)(?: [\w'\u2019-]+){0,3}:\s+(?=[\"\u201c]?[A-Z0-9])")
_CONNECTIVE = re.compile(
    r"(?:But|And|Yet|So|Still|However|Meanwhile|Moreover|Also|Additionally|Furthermore|Nevertheless|Nonetheless|"
    r"In addition|At the same time|Instead|Indeed)\b,?\s+(?=[\"\u201c]?[A-Za-z0-9])"
)
_PROMOTION = 4  # sentences a paragraph may have and still be dropped whole for one promotion in it
_QUOTED = re.compile(r"\u201c[^\u201c\u201d]*\u201d|\"[^\"]*\"")
# Quotations in single marks too, for telling the writer's own voice from a quoted speaker's.
_ANY_QUOTED = re.compile(r"\u201c[^\u201c\u201d]*\u201d|\"[^\"]*\"|\u2018.*?\u2019(?!\w)|(?<!\w)'.*?'(?!\w)")
# The writer speaking ("I", "we", "you"): a report's own voice, not a statement a draft can attribute.
_PERSON = re.compile(
    r"(?<![\w'\u2019])(?:I|I['\u2019](?:m|ve|d|ll)|[Ww]e|[Ww]e['\u2019](?:re|ve|d|ll)|[Oo]ur|us|[Mm]y|me|[Yy]ou|"
    r"[Yy]ou['\u2019](?:re|ve|d|ll)|[Yy]our)(?![\w'\u2019])"
)

# A sentence whose speaker or subject is a person named only by a pronoun: at its start, after an opening phrase,
# or after the quotation it attributes.
_SOMEONE = re.compile(
    r"^(?:[A-Z][^,\"\u201c]{0,40},\s+)?(?:He|She|he|she)\s+\w+"
    r"|^[\"\u201c].*[,.!?][\"\u201d]\s+(?:he|she)\s+(?:said|added|says|told|noted|stated|explained|continued)\b"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One whole sentence of one source: ``text`` is a verbatim span of paragraph ``paragraph``."""

    source_id: str
    paragraph: int  # the cited paragraph's number (¶N)
    text: str  # verbatim, as in the source (citations quote it)
    shown: str  # as a draft shows it: first letter capitalised, a doubled final stop made single
    position: int  # reading order of the sentence in its source, from 0
    heading: str  # the source's heading above it ("" when none)
    speaker: str = ""  # the words of the sentence before that name who "He" or "She" is, when ``shown`` names them


def split(text: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``; a full stop after an abbreviation or an initial does not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start() + len(m.group().rstrip())
        before = text[start : m.start() + 1]
        last = before.split()[-1] if before.split() else ""
        if last in abbreviations or _INITIAL.search(before):
            continue
        spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans if text[s:e].strip()]


def _balanced(text: str) -> bool:
    if text.count("\u201c") != text.count("\u201d") or text.count('"') % 2:
        return False
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


def _trim_start(text: str, start: int, first: bool) -> int:
    """Where the sentence proper begins: after a dateline (first sentence only), a label or a connective."""
    s = start
    if first:
        for rx in _LEAD_INS:
            m = rx.match(text, s)
            if m and m.end() < len(text):
                s = m.end()
    m = _LABEL.match(text, s)
    if m and len(m.group().split()) <= 4:
        s = m.end()
    m = _CONNECTIVE.match(text, s)
    if m:
        s = m.end()
    return s


def _shown(text: str) -> str:
    """The sentence as a draft shows it: whitespace made single, first letter capitalised, "U.S.." made "U.S."."""
    t = " ".join(text.split())
    t = re.sub(r"(?<=[^.]\.)\.$", "", t)  # "the U.S.." -> "the U.S." (an ellipsis stays one)
    for i, ch in enumerate(t):
        if ch.isalpha():
            return t[:i] + ch.upper() + t[i + 1 :]
        if ch.isdigit():
            break
    return t


def quoted_share(text: str) -> float:
    """The share of ``text``'s letters and digits that stand inside double quotation marks."""
    letters = len(re.sub(r"\W", "", text)) or 1
    return sum(len(re.sub(r"\W", "", q)) for q in _QUOTED.findall(text)) / letters


def usable(text: str, rules: Rules, furniture: bool = True) -> bool:
    """True when ``text`` reads as a whole sentence a draft may state (before any attribution is added).

    ``furniture=False`` skips the test for promotions and page furniture (its paragraph has none).
    """
    words = text.split()
    if not rules.min_words <= len(words) <= rules.max_words:
        return False
    if (
        not _START.match(text)
        or not _END.search(text)
        or _ELLIPSIS.search(text)
        or text.rstrip("\"'\u201d\u2019)]")[-1] == "?"
    ):
        return False
    if not _balanced(text) or _CUT_INITIAL.search(text):
        return False  # cut off after an initial ("...citing U.")
    if text[0] in "'\u2018" and not re.search(r"['\u2019](?!\w)", text[1:]):
        return False  # the start of a quotation that goes on in the next sentence
    if quoted_share(text) >= 0.7:
        return False
    unquoted = _ANY_QUOTED.sub(" ", text)
    if _PERSON.search(unquoted) or (_SUBORDINATE.match(text) and "," not in unquoted):
        return False
    if _SOMEONE.search(text):
        return False  # "She added", "“...,” he said": who is speaking is in another sentence
    return not (furniture and rules.skip and rules.skip.search(text))


def sentences(source: Source, rules: Rules) -> list[Sentence]:
    """The usable sentences of ``source``, in reading order."""
    return [s for s, use in _pieces(source, rules) if use]


def _pieces(source: Source, rules: Rules) -> Iterator[tuple[Sentence, bool]]:
    """Every sentence of ``source`` outside captions and furniture, and whether a draft may state it.

    The cut-off last sentence of a paragraph comes without its last word, for quoting only.
    """
    blocks = source.paragraphs
    heading = ""
    position = 0
    for index, para in enumerate(blocks):
        if para.kind == "heading":
            heading = para.text
            continue
        if not para.number or (rules.captions and rules.captions.search(para.text)):
            continue
        text = para.text
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        going_on = after.text if after is not None else ""
        if going_on.startswith("date "):  # a dump's date prefix is not where the next block starts
            going_on = going_on[_trim_start(going_on, 0, True) :]
        continued = going_on[:1].islower()  # a hard line break split the last sentence
        last = not any(p.number for p in blocks[index + 1 :])
        truncated = bool(getattr(para, "truncated", False)) or (last and not _END.search(text.rstrip()))
        spans = split(text, rules.abbreviations)
        # once per paragraph, as most have none; a short paragraph with a promotion in it is one throughout
        furniture = bool(rules.skip and rules.skip.search(text))
        if furniture and len(spans) <= _PROMOTION:
            continue
        for k, (s, e) in enumerate(spans):
            s = _trim_start(text, s, k == 0)
            piece = text[s:e]
            if k == len(spans) - 1 and (continued or truncated):
                cut = piece.rsplit(None, 1)[0] if len(piece.split()) > 1 else ""
                if cut:
                    yield Sentence(source.id, para.number, cut, " ".join(cut.split()), position, heading), False
                continue
            position += 1
            if len(spans) == 1 and piece.split()[-1] in rules.abbreviations:
                continue  # a headline that happens to end on "U.S."
            shown, speaker = _shown(piece), ""
            if k and _SOMEONE.search(shown):  # "He describes ..." after the sentence that names him
                shown, speaker = named(shown, text[spans[k - 1][0] : spans[k - 1][1]]) or (shown, "")
            use = usable(shown, rules, furniture)
            if use or not (furniture and rules.skip and rules.skip.search(piece)):
                yield Sentence(source.id, para.number, piece, shown, position - 1, heading, speaker), use


def all_sentences(sources: Sequence[Source], rules: Rules) -> list[Sentence]:
    """The usable sentences of every source, sources in id order."""
    return [s for source in sorted(sources, key=lambda s: s.id) for s in sentences(source, rules)]


def sentence_pools(sources: Sequence[Source], rules: Rules) -> tuple[list[Sentence], list[Sentence]]:
    """In one pass, the usable sentences of every source and every sentence a difference between the reports may
    quote words of (usable or not: too long, mostly quotation, a question, cut off); sources in id order."""
    usable_: list[Sentence] = []
    every: list[Sentence] = []
    for source in sorted(sources, key=lambda s: s.id):
        for s, use in _pieces(source, rules):
            every.append(s)
            if use:
                usable_.append(s)
    return usable_, every
