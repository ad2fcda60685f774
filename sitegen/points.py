"""Sources → statements (one per sentence) → points: near-duplicates from different sources merged.

Statements are weighed towards sections by the rules' heading and cue patterns; a point goes to
the section its statements lean to most, so no point appears in two sections.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sitegen.citations import fold
from sitegen.curate_rules import Rules
from sitegen.model import Paragraph, Source

STOP_WORDS = frozenset(
    re.findall(
        r"\w+",
        """a an and are as at be been but by for from has have had he her his in into is it its of on or our
        she so than that the their them then there these they this those to was were which who will with would
        not no can could may might also more most other such only over after before about up out what when where
        how new now said says say one two all any some just very""",
    )
)
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence of one source, with its section weights and comparable tokens."""

    source_id: str
    paragraph: Paragraph
    text: str
    order: int
    tokens: tuple[str, ...]
    weights: tuple[int, ...]  # one per section


@dataclass(frozen=True, slots=True)
class Point:
    """Statements from different sources that say the same thing; one per source."""

    members: tuple[Statement, ...]
    section: int

    @property
    def outlets(self) -> int:
        """How many sources support the point."""
        return len(self.members)


def split_sentences(text: str, abbreviations: Sequence[str] = ()) -> list[str]:
    """Sentences of ``text``; a full stop after a known abbreviation does not end one."""
    out: list[str] = []
    start = 0
    for m in re.finditer(r"[.!?][\"\u201d\u2019')\]]*\s+(?=[\"\u201c\u2018(\[]?[A-Z0-9])", text):
        before = text[start : m.start() + 1]
        last = before.split()[-1] if before.split() else ""
        if any(last.endswith(a) for a in abbreviations):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def tokens(text: str, rules: Rules) -> tuple[str, ...]:
    """Comparable content words: folded, synonyms unified, stop words dropped, plurals and tenses trimmed."""
    t = " " + fold(text) + " "
    for phrase, same in rules.synonyms:
        t = re.sub(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", same, t)
    return tuple(stem(w) for w in _WORD.findall(t) if w not in STOP_WORDS and len(w) > 1)


def stem(word: str) -> str:
    """``word`` without a plural or tense ending, so "restrictions" and "restriction" compare equal."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


def statements(sources: Sequence[Source], rules: Rules) -> list[Statement]:
    """Every usable sentence of every source, in source and reading order."""
    out: list[Statement] = []
    for source in sorted(sources, key=lambda s: s.id):
        heading = ""
        for para in source.paragraphs:
            if para.kind == "heading":
                heading = para.text
                continue
            if not para.number:
                continue
            for sentence in split_sentences(para.text, rules.abbreviations):
                if len(sentence.split()) < rules.min_words or sentence.rstrip("\u201d\"'").endswith("?"):
                    continue
                if any(p.search(sentence) for p in rules.skip):
                    continue
                weights = tuple(
                    rules.heading_weight * any(h.search(heading) for h in s.headings)
                    + sum(1 for c in s.cues if c.search(sentence))
                    + (rules.lead_weight if k == 0 and para.number == 1 else 0)  # a report's lead is the story
                    for k, s in enumerate(rules.sections)
                )
                out.append(Statement(source.id, para, sentence, len(out), tokens(sentence, rules), weights))
    return out


# --- merging ---


def vectors(items: Sequence[Statement]) -> tuple[list[dict[str, float]], dict[str, float]]:
    """Unit tf-idf vectors of the statements, and the idf of every token."""
    df: dict[str, int] = {}
    for st in items:
        for tok in set(st.tokens):
            df[tok] = df.get(tok, 0) + 1
    n = len(items)
    idf = {tok: math.log((n + 1) / (d + 1)) + 1.0 for tok, d in df.items()}
    vecs = []
    for st in items:
        v: dict[str, float] = {}
        for tok in st.tokens:
            v[tok] = v.get(tok, 0.0) + idf[tok]
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({k: x / norm for k, x in v.items()})
    return vecs, idf


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(k, 0.0) for k, x in a.items())


def merge(items: Sequence[Statement], rules: Rules) -> list[Point]:
    """Near-duplicate statements from different sources become one point (one statement per source)."""
    vecs, _ = vectors(items)
    clusters: list[list[int]] = []
    for i, st in enumerate(items):
        best, best_sim = -1, 0.0
        duplicate = False
        for c, members in enumerate(clusters):
            sims = [(_cos(vecs[i], vecs[j]), items[j].source_id == st.source_id) for j in members]
            if any(same and sim >= 0.8 for sim, same in sims):
                duplicate = True  # the same source saying it twice (a pull quote): keep the first
                break
            if any(same for _, same in sims):
                continue
            sim = max(s for s, _ in sims)
            if sim > best_sim:
                best, best_sim = c, sim
        if duplicate:
            continue
        if best >= 0 and best_sim >= rules.merge_threshold:
            clusters[best].append(i)
        else:
            clusters.append([i])
    points = []
    for members in clusters:
        weights = [sum(items[j].weights[k] for j in members) for k in range(len(rules.sections))]
        section = max(range(len(weights)), key=lambda k: (weights[k], -k)) if any(weights) else 0
        points.append(Point(tuple(items[j] for j in members), section))
    return points


def weight(point: Point) -> int:
    """How strongly a point's statements lean to any section (for ordering ties)."""
    return sum(max(m.weights) for m in point.members)


def arrange(points: Sequence[Point], rules: Rules) -> list[list[Point]]:
    """Points per section, most-supported first, at most ``max_points`` each, no section left empty."""
    ranked = sorted(points, key=lambda p: (-p.outlets, -weight(p), p.members[0].order))
    chosen: list[list[Point]] = [[] for _ in rules.sections]
    spare: list[Point] = []
    for p in ranked:
        (chosen[p.section] if len(chosen[p.section]) < rules.max_points else spare).append(p)
    for k, bucket in enumerate(chosen):
        if bucket:
            continue
        donors = spare + [p for b in chosen if len(b) > 1 for p in b[1:]]
        if not donors:
            continue
        pick = max(donors, key=lambda p: (sum(m.weights[k] for m in p.members), p.outlets, -p.members[0].order))
        for b in chosen:
            if pick in b:
                b.remove(pick)
        if pick in spare:
            spare.remove(pick)
        bucket.append(replace(pick, section=k))
    return chosen
