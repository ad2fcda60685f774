"""Where the reports differ: two outlets' sentences on one subject whose figures or qualifiers disagree.

Two sentences are on one subject when their TF-IDF vectors are close, or, for figures, when the
words around the figures are shared. They differ when they give figures in the same unit
(a sum in dollars, a percentage, gigawatts, a count of votes, a clock time) and none of one
side's values is the other's, rounding allowed; or when they use different words of one
qualifier group in the rules ("by consensus" against "unanimously", "largest" against
"third-largest"). Only the most central statements are compared, pair by pair.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitegen.curate.figures import Figure, disagreements, figures, qualifier_terms, same_value
from sitegen.curate.rank import Statement, Vector, cosine, unit
from sitegen.curate.rules import Rules
from sitegen.curate.sentences import Sentence
from sitegen.curate.words import Vocabulary

_COMPARED = 120  # the most central statements whose sentences are compared
_PER_STATEMENT = 4  # sentences of one statement compared, each with other figures or terms
_SAME_SUBJECT = 0.3  # cosine from which two sentences are about one subject
_FIGURE_SUBJECT = 0.1  # lower for figures, with the words next to them shared or another figure the same
_AROUND = 60  # characters each side of a figure searched for the words next to it
_SCALES = frozenset({"million", "billion", "trillion", "thousand"})


@dataclass(frozen=True, slots=True)
class Difference:
    """Two sentences of different outlets that disagree, and the words of each that show it."""

    kind: str  # money, percent, measure, count, clock, or wording
    a: Sentence
    b: Sentence
    a_span: tuple[int, int]  # the differing words in a.text
    b_span: tuple[int, int]
    score: float


def _near(text: str, start: int, end: int, vocab: Vocabulary) -> set[str]:
    """The two words before and the two after ``text[start:end]`` that say what it is about (numbers left out)."""
    before = [w for w in vocab.words(text[max(0, start - _AROUND) : start]) if not w[0].isdigit()]
    after = [w for w in vocab.words(text[end : end + _AROUND]) if not w[0].isdigit() and w not in _SCALES]
    return set(before[-2:]) | set(after[:2])


def _same_subject(
    a: str, b: str, fa: Figure, fb: Figure, figs_a: tuple[Figure, ...], figs_b: tuple[Figure, ...], vocab: Vocabulary
) -> float | None:
    """How surely two disagreeing figures count the same thing (None: not sure enough to say they differ)."""
    low, high = sorted((abs(fa.value), abs(fb.value)))
    if fa.kind == "clock" and high - low > 3:
        return None
    if fa.kind != "clock" and (low == 0 or high / low > (1.25 if fa.kind in ("money", "count") else 2)):
        return None  # reports of one figure differ by a little; much more is another figure
    anchor = any(
        x.key == y.key and x.key != fa.key and same_value(x.value, y.value, x.kind) for x in figs_a for y in figs_b
    )
    if anchor:
        return 0.3
    shared = len(_near(a, fa.start, fa.end, vocab) & _near(b, fb.start, fb.end, vocab))
    single = sum(f.key == fa.key for f in figs_a) == 1 and sum(f.key == fb.key for f in figs_b) == 1
    return 0.1 * shared if shared >= (1 if single else 2) else None


def differences(
    statements: Sequence[Statement], idf: Mapping[str, float], vocab: Vocabulary, rules: Rules
) -> list[Difference]:
    """Pairs of sentences that disagree, most telling first; each figure or term in at most one pair."""
    groups = rules.qualifiers
    sentences: list[Sentence] = []
    for st in statements[:_COMPARED]:
        kinds: set[tuple[str, ...]] = set()
        for m in st.members:  # a statement's members agree: one per kind of figures or terms is enough
            named = {t for _, t, _, _ in qualifier_terms(m.text, groups)}
            kind = tuple(sorted({f.key for f in figures(m.text)} | named))
            if kind and kind not in kinds and len(kinds) < _PER_STATEMENT:
                kinds.add(kind)
                sentences.append(m)
    vecs: list[Vector] = [unit(vocab.words(s.text), idf) for s in sentences]
    figs = [figures(s.text) for s in sentences]
    quals = [qualifier_terms(s.text, groups) for s in sentences]
    # a sentence about earlier events and one about the news speak of different times
    earlier = [bool(rules.before and rules.before.search(s.text)) for s in sentences]
    terms = [{(g, t) for g, t, _, _ in q} for q in quals]
    found: list[Difference] = []
    for i in range(len(sentences)):
        for j in range(i + 1, len(sentences)):
            a, b = sentences[i], sentences[j]
            if a.source_id == b.source_id or earlier[i] != earlier[j]:
                continue
            sim = cosine(vecs[i], vecs[j])
            if sim < _FIGURE_SUBJECT:
                continue
            for fa, fb in disagreements(figs[i], figs[j]):
                sure = _same_subject(a.text, b.text, fa, fb, figs[i], figs[j], vocab)
                if sure is not None:
                    found.append(Difference(fa.kind, a, b, (fa.start, fa.end), (fb.start, fb.end), sim + sure + 0.3))
                    break
            for ga, ta, sa, ea in quals[i]:
                for gb, tb, sb, eb in quals[j]:
                    if ga != gb or ta == tb or (ga, tb) in terms[i] or (gb, ta) in terms[j]:
                        continue
                    if sim >= _SAME_SUBJECT or _near(a.text, sa, ea, vocab) & _near(b.text, sb, eb, vocab):
                        found.append(Difference("wording", a, b, (sa, ea), (sb, eb), sim))
                        break
                else:
                    continue
                break
    found.sort(key=lambda d: (-d.score, d.a.source_id, d.a.position, d.b.source_id, d.b.position))
    out: list[Difference] = []
    used: set[tuple[str, int, int]] = set()
    pairs: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    for d in found:
        keys = {(d.a.source_id, d.a.position, d.a_span[0]), (d.b.source_id, d.b.position, d.b_span[0])}
        pair = ((d.a.source_id, d.a.position), (d.b.source_id, d.b.position))
        if keys & used or pair in pairs:
            continue  # each figure in one difference, each pair of sentences once
        used |= keys
        pairs.add(pair)
        out.append(d)
    return out
