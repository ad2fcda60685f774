"""A language model's answer → sentences, each held to its quotes before a draft may use it.

A sentence passes when it has a citation group, the group parses and every item resolves with the
build's own resolver (``citations.scan`` and ``citations.resolve``: a known source, words that are
in it), it quotes words and not only a paragraph, and every number, date and proper name written
in the sentence appears in one of its quotes (the outlet or byline of a source it cites may name
that source). Anything else is the model's, not the sources', and the sentence fails with the
reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitegen.citations import fold, resolve, scan
from sitegen.curate.prose import Casing, line_safe, md, with_citation
from sitegen.curate.sentences import split
from sitegen.errors import SitegenError
from sitegen.model import Source

# A citation group, as far as splitting an answer into sentences needs (the real parser checks it after).
_GROUP = re.compile(r"\[@(?:[^\]\"\u201c\u201d\\\n]|\\.|\"(?:[^\"\\\n]|\\.)*\"|\u201c[^\u201d\n]*\u201d)*\]")
_AFTER_GROUP = re.compile(r"\s*(?:\[@|[.!?][\"'\u201d\u2019)]*)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(
    r"(?<![\w.])[A-Z][\w\u00c0-\u024f'\u2019.&-]*(?:\s+(?:of|de|del|la|von|van|der|and)?\s*[A-Z][\w\u00c0-\u024f'\u2019.&-]*)*"
)
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)")
_NOT_NAMES = frozenset({"I", "A", "An", "The"})


@dataclass(frozen=True, slots=True)
class Checked:
    """One sentence of an answer and the reason it fails ("" when it passes)."""

    text: str  # as written, citation included, with the citation before the final stop
    reason: str


def sentences_of(answer: str, abbreviations: frozenset[str]) -> list[list[str]]:
    """The answer's sentences, paragraph by paragraph: each ends at its citation group (or at its stop when it has
    none); headings, list marks and code fences are taken off."""
    paragraphs: list[list[str]] = []
    for block in re.split(r"\n\s*\n", answer.replace("\r\n", "\n")):
        lines = [_MARKUP.sub("", ln) for ln in block.split("\n") if ln.strip() and not ln.strip().startswith("```")]
        text = " ".join(" ".join(lines).split())
        if not text:
            continue
        found: list[str] = []
        pos = 0
        for m in _GROUP.finditer(text):
            end = m.end()
            after = _AFTER_GROUP.match(text, end)
            if after and after.group().strip().startswith("[@"):
                continue  # the next group belongs to the same sentence
            if after:
                end = after.end()
            found += _split_before(text[pos:end].strip(), abbreviations)
            pos = end
        if text[pos:].strip():
            found += [s for s in _split_before(text[pos:].strip(), abbreviations) if re.search(r"\w", s)]
        paragraphs.append([s for s in found if s])
    return [p for p in paragraphs if p]


def _split_before(text: str, abbreviations: frozenset[str]) -> list[str]:
    """``text`` cut into sentences, the citation groups (if any) staying with the last one."""
    head = _GROUP.split(text)[0]
    spans = split(head, abbreviations)
    if len(spans) <= 1:
        return [text]
    cut = spans[-1][0]
    return [head[s:e] for s, e in spans[:-1]] + [text[cut:]]


def check(sentence: str, sources: Mapping[str, Source], case: Casing, rel: str = "answer") -> Checked:
    """``sentence`` with its citation moved before the final stop, and why it fails ("" when it passes)."""
    groups = list(_GROUP.finditer(sentence))
    if not groups:
        return Checked(sentence, "no citation")
    claim = _GROUP.sub(" ", sentence)
    claim = re.sub(r"\s+(?=[.!?,;:](?:\s|$))", "", " ".join(claim.split()))
    cite = " ".join(g.group() for g in groups)
    if len(claim.split()) < 3:
        return Checked(sentence, "no sentence before the citation")
    text = line_safe(with_citation(md(claim) if claim[-1:] in ".!?" else md(claim) + ".", _joined(cite)))
    _, found, errors = scan(text, rel, 1)
    if errors:
        return Checked(text, errors[0].message)
    quotes: list[str] = []
    names: list[str] = []
    for group in found:
        for item in group.items:
            try:
                match = resolve(item, sources)
            except SitegenError as exc:
                return Checked(text, exc.message)
            if item.quote is not None:
                quotes.append(match.exact)
            source = sources[item.source_id]
            names += [n for n in (source.outlet, *source.authors) if n]
    if not quotes:
        return Checked(text, "cites a paragraph but quotes no words")
    missing = unsupported(claim, quotes, names, case)
    if missing:
        return Checked(text, f"{missing} is in none of its quotes")
    return Checked(text, "")


def _joined(cite: str) -> str:
    """Several groups after one claim as one group: ``[@a "x"] [@b "y"]`` → ``[@a "x"; @b "y"]``."""
    return re.sub(r"\]\s*\[@", "; @", cite)


def unsupported(claim: str, quotes: Sequence[str], names: Sequence[str], case: Casing) -> str:
    """The first number, date or name in ``claim`` that none of ``quotes`` holds (as written), or ""."""
    for name in sorted((n for n in names if n), key=len, reverse=True):  # naming a cited outlet is allowed
        claim = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", claim, flags=re.I)
    said = fold(" ".join(quotes))
    digits = re.sub(r"(?<=\d)[,](?=\d)", "", said)
    for m in _NUMBER.finditer(claim):
        number = m.group().rstrip(".,")
        plain = re.sub(r"(?<=\d),(?=\d)", "", number)
        if not re.search(rf"(?<![\d.]){re.escape(plain)}(?!\d|[.,]\d)", digits):
            start = claim.rfind(" ", 0, m.start()) + 1
            end = claim.find(" ", m.end())
            return f"the figure “{claim[start : end if end >= 0 else len(claim)].strip('.,;:')}”"
    allowed = fold(" ".join(names))
    plain = claim.lstrip("\"'\u201c\u2018(")
    for m in _NAME.finditer(plain):
        name = m.group().rstrip(".'\u2019")
        for word in re.split(r"\s+", name):
            word = re.sub(r"['\u2019]s$", "", word).rstrip(".")
            first = m.start() == 0 and word == name.split()[0]
            if not word or word in _NOT_NAMES or word.lower() in {"of", "de", "del", "la", "von", "van", "der", "and"}:
                continue
            if first and not (word.lower() in case.proper and word.lower() not in case.common):
                continue  # a capital only because the sentence starts there
            if re.search(rf"(?<!\w){re.escape(fold(word))}(?!\w)", said) or fold(word) in allowed:
                continue
            return f"the name “{word}”"
    return ""
