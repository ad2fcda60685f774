"""Statements → Markdown sentences: named outlets, one citation group per sentence, quotes that verify.

A statement several outlets make is stated plainly and cited to each of them. A statement one
outlet makes is attributed to it in the sentence ("According to X, ..." or "X reports that
..."), so a reader sees that it rests on one report. A source is named by its outlet, else by its
byline, else by a short form of its headline, else as "one report"; never by its id or file name. Each citation
quotes the words of that outlet's sentence that carry the statement (at most ``quote_words``
words), escaped for the citation grammar.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitegen.citations import find_quote
from sitegen.curate.conflicts import Difference
from sitegen.curate.figures import figures
from sitegen.curate.rank import Statement
from sitegen.curate.sentences import Sentence, quoted_share
from sitegen.curate.speech import reported
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
    "date": "The reports give different dates",
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


def _author(authors: Sequence[str]) -> str | None:
    """The byline as a name for a report: "A", "A and B", "A and others"; None for a desk or staff byline."""
    people = [a for a in authors if a and not re.search(r"\b(?:staff|desk|editorial|team|news|agency)\b", a, re.I)]
    if not people:
        return None
    if len(people) == 1:
        return people[0]
    return f"{people[0]} and {people[1]}" if len(people) == 2 else f"{people[0]} and others"


def names(sources: Sequence[Source]) -> dict[str, str]:
    """How the drafts name each source (Markdown): its outlet, its byline, a short headline, or "one report"."""
    out = {}
    for s in sources:
        author = _author(s.authors)
        if s.outlet:
            out[s.id] = md(s.outlet)
        elif author:
            out[s.id] = md(author)
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
        if i == 0 or text[spans[i - 1][1] - 1] in ",;:":
            score *= 1.2  # a quote that starts where the sentence or a clause starts reads whole
        inside = text[spans[i][0] : spans[j][1]]
        if inside.count('"') % 2 or inside.count("\u201c") != inside.count("\u201d"):
            score *= 0.5  # and one that cuts a quotation in two does not
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
    return re.search(r"(?:^|\s)(?:[A-Za-z]\.){2,}$", text) is not None


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
        who = find_quote(sources[m.source_id], m.speaker) if m.speaker else None
        if who is not None and who.paragraph.number == m.paragraph:  # the words that say who "He" is
            items.append(f"@{m.source_id} {quote_literal(m.speaker)}")
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
    m = re.match(r"([A-Z][a-z]*)\b(\W*)(\S*)", text)
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
_ACRONYM_END = re.compile(r"\b(?:WHO|IT|US|AS|ON|AT|OR|AN|IN|OF|TO|BY|IF)[.!?][\"\u201d\u2019)]*$")
_SAID = re.compile(r"\b(?:said|says|reported|reports|stated|told \w+|noted|added|according to [^,]+)\.$")


def _attributed(text: str, name: str, k: int, case: Casing) -> list[str]:
    """The ways to attribute ``text`` to one outlet, the preferred first."""
    if name.startswith("the report *") and _overlap(name, text) >= 0.4:
        name = "one report"  # a headline that says what the sentence says names nothing
    cap = name[:1].upper() + name[1:]
    plural = " and " in name and not name.startswith(("the report", "one report"))  # a byline of two or more
    verb = "says" if name.startswith(("the report", "one report")) else "report" if plural else "reports"
    if text.startswith("According to "):
        return [f"{cap} {verb} that, according to {text[len('According to ') :]}"]
    if _IMPERATIVE.match(text):  # the report addressing its reader: "Watch whether ..."
        return [f"{cap} {'say' if plural else 'says'} to {text[0].lower()}{text[1:]}"]
    forms = [f"According to {name}, {_lower_first(text, case)}"]
    if text[:1].isalpha():
        forms.append(f"{cap} {verb} that {_lower_first(text, case)}")
        if text.endswith(".") and not text.endswith("..") and not _SAID.search(text):
            forms.append(f"{text[:-1]}, {name} {verb}.")
        elif text.endswith((".\u201d", '."')) and _ACRONYM_END.search(text):
            forms.append(f"{text[:-2]}{text[-1]}, {name} {verb}.")
    turned = forms[k % len(forms) :] + forms[: k % len(forms)]
    # a sentence ending on a capitalised short word ("the WHO.") reads as cut off to a reader taking it for "who"
    return sorted(turned, key=lambda f: bool(_ACRONYM_END.search(f))) if _ACRONYM_END.search(text) else turned


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
    for text in (st.shown.shown, reported(st.shown.shown)):  # a named speaker's quotation: as reported speech
        if text is None:
            continue
        forms = [text] if len(st.members) > 1 else _attributed(text, name[st.shown.source_id], k, case)
        for form in forms:
            plain = re.sub(r"\*", "", form)
            if readable(plain):
                return line_safe(with_citation(_md_keep_names(form), cite))
    return None


def _md_keep_names(form: str) -> str:
    """Escape a drafted sentence, keeping the emphasis that marks a headline used as a name."""
    parts = re.split(r"(\*[^*]+\*)", form)
    return "".join(p if p.startswith("*") and p.endswith("*") and len(p) > 2 else md(p) for p in parts)


def line_safe(line: str) -> str:
    """A line that Markdown reads as a paragraph, not as a heading, quote or list."""
    return "\\" + line if _LINE_START.match(line) else line


def difference(d: Difference, name: Mapping[str, str], sources: Mapping[str, Source]) -> str | None:
    """One "where the reports differ" item: both outlets' words, quoted and cited, or None if it reads badly."""
    na, nb = name[d.a.source_id], name[d.b.source_id]
    if nb == na:
        nb = "another report"
    # the most telling words that keep the line mostly the draft's own: each side's clause, else fewer words
    for ea, eb in ((3, 3), (3, 2), (2, 3), (3, 1), (1, 3), (2, 2), (1, 1), (0, 0)):
        wa, wb = words_at(d.a, d.a_span, ea), words_at(d.b, d.b_span, eb)
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


# Words that say how exact a figure is ("more than 87%", "nearly 15,000"): kept beside it, never at a quote's end.
_HEDGES = frozenset(
    re.findall(r"\w+", "more than less about around nearly almost roughly some over under approximately")
)
# Words that start another phrase after the words that differ: a quote stops before them ("$43 million) on Monday").
_NEXT_PHRASE = frozenset(
    re.findall(r"\w+", "on for in at by after before from to as and or but with while since than which who when")
)
_REPORTING = frozenset(re.findall(r"\w+", "that said says told added stated reported according"))
_CLAUSE_END = (",", ";", ":", ".", "!", "?", "\u2014", "\u2013")
_GROW_BEFORE, _GROW_AFTER = 2, 5  # words a difference's quote takes before and after the words that differ


def _plain_word(token: str) -> bool:
    """A word worth quoting next to a figure: letters only, not a function word, not across a comma."""
    word = token.strip(_EDGE)
    return word.isalpha() and word.lower() not in STOP_WORDS and not token.endswith((",", ";", ":"))


def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` grown to say what it is about: a few words either side within its clause, neither edge
    a function word (a figure's "more than" stays), nothing before a reporting verb ("said that ...")."""
    before = list(_TOKEN.finditer(text, 0, start))[::-1][:_GROW_BEFORE]
    grown: list[re.Match[str]] = []
    for tok in before:
        word = tok.group().strip(_EDGE).lower()
        if tok.group().endswith(_CLAUSE_END) or word in _REPORTING or not word:
            break
        grown.append(tok)
    while grown and grown[-1].group().strip(_EDGE).lower() in STOP_WORDS - _HEDGES:
        grown.pop()
    new_start = grown[-1].start() if grown else start
    taken: list[re.Match[str]] = []
    for tok in list(_TOKEN.finditer(text, end))[:_GROW_AFTER]:
        word = tok.group().strip(_EDGE).lower()
        if tok.group()[:1] in ',;:.!?)-\u2014\u2013"\u201c(' or word in _NEXT_PHRASE or not word:
            break
        taken.append(tok)
        if tok.group().endswith(_CLAUSE_END):
            break
    if taken and taken[-1].group()[:1].isupper() and not taken[-1].group().endswith(_CLAUSE_END):
        for tok in list(_TOKEN.finditer(text, taken[-1].end()))[:3]:  # never end inside a name
            if not tok.group()[:1].isupper():
                break
            taken.append(tok)
            if tok.group().endswith(_CLAUSE_END):
                break
    while taken and taken[-1].group().strip(_EDGE).lower() in STOP_WORDS | _HEDGES:
        taken.pop()
    return new_start, taken[-1].end() if taken else end


def words_at(s: Sentence, span: tuple[int, int], extra: int = 0) -> str:
    """The words of ``s`` at ``span``: with ``extra`` >= 1 grown over figures right next to it ("€40 million ($43
    million)"), with 2 also over one word either side that is not a function word, with 3 over the words around
    it in its clause instead; "" when that would not read.
    """
    text = s.text
    start, end = span
    if extra:
        grown = True
        while grown:
            grown = False
            for f in figures(text):
                if (0 <= start - f.end <= 3 or 0 <= f.start - end <= 3) and not (f.start >= start and f.end <= end):
                    start, end, grown = min(start, f.start), max(end, f.end), True
        if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
            start, end = start - 1, end + 1
        elif text[end : end + 1] == ")" and "(" in text[start:end]:
            end += 1
    if extra >= 3:
        start, end = _clause_around(text, start, end)
    elif extra == 2:
        before = list(_TOKEN.finditer(text, 0, start))
        after = list(_TOKEN.finditer(text, end))
        if before and before[-1].end() >= start - 1 and _plain_word(before[-1].group()):
            start = before[-1].start()
        if after and after[0].start() <= end + 1 and _plain_word(after[0].group()):
            end = after[0].end()
    while start < end and text[start] in _EDGE and text[start] not in "$\u20ac\u00a3\u00a5(":
        start += 1
    while end > start and text[end - 1] in _EDGE and text[end - 1] != ")" and not _is_abbreviation(text[:end]):
        end -= 1
    out = text[start:end]
    if out.count("(") != out.count(")") or out.count("\u201c") != out.count("\u201d") or out.count('"') % 2:
        return "" if extra else text[span[0] : span[1]]
    if extra and out.startswith("(") and out.endswith(")"):
        out = out[1:-1]
    return out
