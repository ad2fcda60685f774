"""Statements → Markdown sentences: named outlets, one citation group per sentence, quotes that verify.

A statement several outlets make is stated plainly and cited to each of them. A statement one
outlet makes is attributed to it in the sentence ("According to X, ..." or "X reports that
..."), so a reader sees that it rests on one report. A source is named by its outlet, else by a
short form of its headline, else as "one report"; never by its id or file name. Each citation
quotes the words of that outlet's sentence that carry the statement (at most ``quote_words``
words), escaped for the citation grammar.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitegen.citations import find_quote
from sitegen.curate.conflicts import Difference
from sitegen.curate.rank import Statement
from sitegen.curate.sentences import Sentence, quoted_share
from sitegen.curate.words import STOP_WORDS, Vocabulary
from sitegen.model import Source

MAX_CITED = 12  # outlets cited for one statement at most
# What a reader takes for a label and a quote ("Label: “...”") rather than a sentence.
_LABEL_QUOTE = re.compile(r"^[^\"\u201c\u201d:]{1,60}:\s*[\"\u201c]")
_TOKEN = re.compile(r"\S+")
_EDGE = "\"'\u201c\u201d\u2018\u2019()[]{},;:.!?\u2014\u2013-"
_LINE_START = re.compile(r"^(?:[#>+=-]|\d+[.)](?:\s|$))")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_DETERMINERS = frozenset(
    re.findall(r"\w+", "the a an this these that those it its their there some many most all both several each such")
)
_DIFFER = {
    "money": "The reports give different sums",
    "percent": "The reports give different percentages",
    "measure": "The reports give different figures",
    "count": "The reports give different numbers",
    "clock": "The reports give different times",
    "wording": "The reports put it in different words",
}


def md(text: str) -> str:
    """``text`` safe in Markdown prose: every character that would be markup escaped."""
    return _ENTITY.sub("&amp;", re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text))


def quote_literal(text: str) -> str:
    """``text`` as a quote of the citation grammar: in straight double quotes, marks and backslashes escaped."""
    return '"' + re.sub(r'(["\\])', r"\\\1", text) + '"'


def short_title(title: str | None) -> str | None:
    """A headline short enough to name a report by, or None when it would not serve."""
    if not title:
        return None
    t = " ".join(title.split())
    for sep in (": ", " | ", " - ", " \u2013 ", " \u2014 ", "? "):
        head = t.split(sep)[0]
        if len(head.split()) >= 3:
            t = head
    words = t.split()
    if len(words) < 3 or "|" in t or not words[0][:1].isalpha() or sum(w[:1].isalpha() for w in words) < 3:
        return None
    if len(words) > 8:
        t = " ".join(words[:6]).rstrip(_EDGE) + "\u2026"
    return t.rstrip(",;:")


def names(sources: Sequence[Source]) -> dict[str, str]:
    """How the drafts name each source (Markdown): its outlet, a short headline, or "one report"."""
    out = {}
    for s in sources:
        if s.outlet:
            out[s.id] = md(s.outlet)
        elif (t := short_title(s.title)) is not None:
            out[s.id] = f"the report *{md(t)}*"
        else:
            out[s.id] = "one report"
    return out


def _window(text: str, weight: Mapping[str, float], size: int, vocab: Vocabulary) -> str:
    """The run of at most ``size`` words of ``text`` that carries most ``weight``, trimmed to whole words."""
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    if not spans:
        return ""
    words = [vocab.words(text[s:e]) for s, e in spans]
    best = (-1.0, 0, len(spans) - 1)
    for i in range(len(spans)):
        j = min(len(spans), i + size) - 1
        while i < j and (not words[i] or words[i][0] in STOP_WORDS):
            i += 1
        while j > i and not words[j]:
            j -= 1
        seen = {w for ws in words[i : j + 1] for w in ws}
        score = sum(weight.get(w, 0.0) for w in seen) - 0.01 * i
        if score > best[0]:
            best = (score, i, j)
        if i + size >= len(spans):
            break
    _, i, j = best
    start, end = spans[i][0], spans[j][1]
    while start < end and text[start] in _EDGE and text[start] not in "$\u20ac\u00a3\u00a5":
        start += 1
    while end > start and text[end - 1] in _EDGE and not (text[end - 1] == "." and _is_abbreviation(text[:end])):
        end -= 1
    return text[start:end]


def _is_abbreviation(text: str) -> bool:
    return re.search(r"(?:^|\s)(?:[A-Z]\.){2,}$", text) is not None


def citation(
    st: Statement, sources: Mapping[str, Source], idf: Mapping[str, float], size: int, vocab: Vocabulary
) -> str:
    """One citation group for ``st``: each outlet's telling words, or its paragraph when no quote would verify.

    A statement told by very many outlets cites the first ``MAX_CITED`` (the wording shown, then by id).
    """
    members = st.members[:MAX_CITED]
    counts: dict[str, int] = {}
    for m in members:
        for w in set(vocab.words(m.text)):
            counts[w] = counts.get(w, 0) + 1
    weight = {
        w: idf.get(w, 1.0) * (2.0 if n > 1 else 1.0) * (1.5 if w[0].isdigit() else 1.0) for w, n in counts.items()
    }
    items = []
    for m in members:
        q = _window(m.text, weight, size, vocab)
        found = find_quote(sources[m.source_id], q) if len(q.split()) >= 2 else None
        if found is not None and found.paragraph.number == m.paragraph:
            items.append(f"@{m.source_id} {quote_literal(q)}")
        else:
            items.append(f"@{m.source_id} \u00b6{m.paragraph}")
    return "[" + "; ".join(items) + "]"


@dataclass(frozen=True, slots=True)
class Casing:
    """What the reports write in lower case inside a sentence, and what they capitalise there (names)."""

    common: frozenset[str]
    proper: frozenset[str]


def casing(texts: Sequence[str]) -> Casing:
    """The casing of words inside the sentences of ``texts`` (their first words left out)."""
    common: set[str] = set()
    proper: set[str] = set()
    for t in texts:
        for m in re.finditer(r"(?<=[\s(])([A-Za-z]+)", t):
            w = m.group(1)
            (common if w.islower() else proper).add(w.lower())
    return Casing(frozenset(common), frozenset(proper))


def _lower_first(text: str, case: Casing) -> str:
    """``text`` with its first word in lower case when it is a common word (not a name) in these reports."""
    m = re.match(r"([A-Z][a-z]+)\b(\W*)(\S*)", text)
    if not m:
        return text
    word, _, following = m.groups()
    low = word.lower()
    if low in STOP_WORDS or low in _DETERMINERS or (low in case.common and low not in case.proper):
        return low + text[len(word) :]
    if low not in case.proper and following[:1].islower():
        return low + text[len(word) :]  # never written with a capital inside a sentence, and no name follows
    return text


def _overlap(a: str, b: str) -> float:
    wa, wb = set(re.findall(r"[a-z0-9]+", a.lower())), set(re.findall(r"[a-z0-9]+", b.lower()))
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


_IMPERATIVE = re.compile(r"(?:Watch|Consider|Expect|Look|Note|Keep|Remember|See|Follow)\s+(?!\w+s\b)")
_SAID = re.compile(r"\b(?:said|says|reported|reports|stated|told \w+|noted|added|according to [^,]+)\.$")


def _attributed(text: str, name: str, k: int, case: Casing) -> list[str]:
    """The ways to attribute ``text`` to one outlet, the preferred first."""
    if name.startswith("the report *") and _overlap(name, text) >= 0.4:
        name = "one report"  # a headline that says what the sentence says names nothing
    cap = name[:1].upper() + name[1:]
    verb = "says" if name.startswith(("the report", "one report")) else "reports"
    if text.startswith("According to "):
        return [f"{cap} {verb} that, according to {text[len('According to ') :]}"]
    if _IMPERATIVE.match(text):  # the report addressing its reader: "Watch whether ..."
        return [f"{cap} says to {text[0].lower()}{text[1:]}"]
    forms = [f"According to {name}, {_lower_first(text, case)}"]
    if text[:1].isalpha():
        forms.append(f"{cap} {verb} that {_lower_first(text, case)}")
        if text.endswith(".") and not text.endswith("..") and not _SAID.search(text):
            forms.append(f"{text[:-1]}, {name} {verb}.")
    return forms[k % len(forms) :] + forms[: k % len(forms)]


def readable(plain: str) -> bool:
    """True when a drafted sentence reads as one: not mostly quotation, not a label followed by a quote."""
    return quoted_share(plain) < 0.45 and not _LABEL_QUOTE.match(plain) and len(plain.split()) >= 4


def with_citation(sentence: str, cite: str) -> str:
    """``sentence`` with ``cite`` before its final stop, or after it when the sentence ends inside a quotation."""
    m = re.search(r"[.!?]$", sentence)
    if m and not sentence.endswith(".."):
        return f"{sentence[: m.start()]} {cite}{sentence[m.start() :]}"
    return f"{sentence} {cite}"


def state(st: Statement, name: Mapping[str, str], cite: str, k: int, case: Casing) -> str | None:
    """``st`` as one Markdown sentence with its citation group, or None when no wording of it reads well."""
    text = st.shown.shown
    forms = [text] if len(st.members) > 1 else _attributed(text, name[st.shown.source_id], k, case)
    for form in forms:
        plain = re.sub(r"\*", "", form)
        if readable(plain):
            return _line_safe(with_citation(_md_keep_names(form), cite))
    return None


def _md_keep_names(form: str) -> str:
    """Escape a drafted sentence, keeping the emphasis that marks a headline used as a name."""
    parts = re.split(r"(\*[^*]+\*)", form)
    return "".join(p if p.startswith("*") and p.endswith("*") and len(p) > 2 else md(p) for p in parts)


def _line_safe(line: str) -> str:
    """A line that Markdown reads as a paragraph, not as a heading, quote or list."""
    return "\\" + line if _LINE_START.match(line) else line


def difference(d: Difference, name: Mapping[str, str], sources: Mapping[str, Source]) -> str | None:
    """One "where the reports differ" item: both outlets' words, quoted and cited, or None if it reads badly."""
    na, nb = name[d.a.source_id], name[d.b.source_id]
    if nb == na:
        nb = "another report"
    for extra in (2, 1, 0):
        wa, wb = words_at(d.a, d.a_span, extra), words_at(d.b, d.b_span, extra)
        if not wa or not wb:
            continue
        fa, fb = find_quote(sources[d.a.source_id], wa), find_quote(sources[d.b.source_id], wb)
        if fa is None or fb is None:
            continue
        lead = _DIFFER.get(d.kind, _DIFFER["wording"])
        line = f"{lead}: {na} writes \u201c{wa}\u201d, while {nb} writes \u201c{wb}\u201d."
        plain = re.sub(r"\*", "", line)
        if quoted_share(plain) < 0.45 and not _LABEL_QUOTE.match(plain):
            cite = f"[@{d.a.source_id} {quote_literal(wa)}; @{d.b.source_id} {quote_literal(wb)}]"
            body = f"{lead}: {na} writes \u201c{md(wa)}\u201d, while {nb} writes \u201c{md(wb)}\u201d"
            return f"- {body} {cite}."
    return None


def words_at(s: Sentence, span: tuple[int, int], extra: int = 0) -> str:
    """The words of ``s`` at ``span``, with up to ``extra`` words either side, trimmed to whole words."""
    text = s.text
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    inside = [k for k, (a, b) in enumerate(tokens) if a < span[1] and span[0] < b]
    if not inside:
        return ""
    i, j = max(0, inside[0] - extra), min(len(tokens) - 1, inside[-1] + extra)
    start, end = (tokens[i][0], tokens[j][1]) if extra else span
    while start < end and text[start] in _EDGE and text[start] not in "$\u20ac\u00a3\u00a5":
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if extra:  # a quote neither opens nor closes on a word like "for" or "its"
        words = list(_TOKEN.finditer(text, start, end))
        while len(words) > 1 and words[-1].group().lower().strip(_EDGE) in STOP_WORDS and words[-1].start() >= span[1]:
            words.pop()
        while len(words) > 1 and words[0].group().lower().strip(_EDGE) in STOP_WORDS and words[0].end() <= span[0]:
            words.pop(0)
        start, end = words[0].start(), words[-1].end()
        while end > start and text[end - 1] in _EDGE:
            end -= 1
    out = text[start:end]
    if out.count("(") != out.count(")") or out.count("\u201c") != out.count("\u201d") or out.count('"') % 2:
        return "" if extra else out
    return out
