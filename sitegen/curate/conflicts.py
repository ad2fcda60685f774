"""Where the reports differ: two outlets' sentences on one subject whose figures or qualifiers disagree.

Any sentence of a report may show a difference, not only those a draft states: a sentence too
long to state, mostly a quotation or cut off by the end of the dump still gives its words. The
sentences compared are those of the most central statements, and every other sentence with a
figure in a unit, or a word of a qualifier group, for which two outlets give different values
(the most central first, up to a bound, so a big story costs no more than a small one).

Two sentences are on one subject when their TF-IDF vectors are close, when the words around the
figures (or qualifiers) are shared, when another figure of theirs is the same, when they share a
word few sentences use, or, for a measure (gigawatts, tonnes), when it is the only figure in that
unit each outlet gives. They differ when they give figures in the same unit (a sum in dollars, a
percentage, gigawatts, a count of votes, a clock time) and none of one side's values is the
other's, rounding allowed; or when they use different words of one qualifier group in the rules
("by consensus" against "unanimously", "largest" against "third-largest").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sitegen.curate.figures import Figure, disagreements, qualifier_terms, same_value, shared_figures, with_dates
from sitegen.curate.rank import Statement, Vector, cosine, unit
from sitegen.curate.rules import Rules
from sitegen.curate.sentences import Sentence
from sitegen.curate.words import Vocabulary

_COMPARED = 120  # the most central statements whose sentences are compared
_PER_STATEMENT = 4  # sentences of one statement compared, each with other figures or terms
_BOUND = 240  # sentences compared at most
_SAME_SUBJECT = 0.3  # cosine from which two sentences are about one subject
_FIGURE_SUBJECT = 0.1  # lower for figures, with the words next to them shared or another figure the same
_AROUND = 60  # characters each side of a figure searched for the words next to it
_PREFIX = 6  # letters that make two words one ("contained", "containment")
_NEAR = 3  # words each side of a figure or qualifier that say what it is about
_RARE = 3  # a word that at most this many compared sentences use names their subject
_SCALES = frozenset({"million", "billion", "trillion", "thousand"})
_DAYS_APART = 92  # two dates further apart than this are two events, not one told differently


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
    """The words just before and after ``text[start:end]`` that say what it is about (numbers left out)."""
    before = [w[:_PREFIX] for w in vocab.words(text[max(0, start - _AROUND) : start]) if not w[0].isdigit()]
    after = [w[:_PREFIX] for w in vocab.words(text[end : end + _AROUND]) if not w[0].isdigit() and w not in _SCALES]
    return set(before[-_NEAR:]) | set(after[:_NEAR])


@dataclass(frozen=True, slots=True)
class _Compared:
    """A sentence being compared, with what it is compared by."""

    sentence: Sentence
    vector: Vector
    figures: tuple[Figure, ...]
    terms: tuple[tuple[int, str, int, int], ...]  # qualifier (group, term, start, end)
    earlier: bool  # about events before the news
    keys: frozenset[str]  # the units and qualifier groups it speaks in
    words: frozenset[str]


def _same_subject(
    a: _Compared, b: _Compared, fa: Figure, fb: Figure, sole: bool, vocab: Vocabulary, strict: bool = False
) -> float | None:
    """How surely two disagreeing figures count the same thing (None: not sure enough to say they differ).

    ``strict``: only the words next to both figures can tell (one sentence tells of earlier events, the other not).
    """
    low, high = sorted((abs(fa.value), abs(fb.value)))
    shared = _shared_near(a, b, fa, fb, vocab)
    single = sum(f.key == fa.key for f in a.figures) == 1 and sum(f.key == fb.key for f in b.figures) == 1
    if (fa.kind == "clock" and high - low > 3) or (fa.kind == "date" and high - low > _DAYS_APART):
        return None
    if fa.kind not in ("clock", "date") and low == 0:
        if fa.kind != "percent":
            return None
        sole, strict = False, True  # "0% contained" against "12% contained": the words next to them must tell
    elif fa.kind not in ("clock", "date") and high / low > (1.25 if fa.kind in ("money", "count") else 2):
        return None  # reports of one figure differ by a little; much more is another figure
    if strict or fa.kind == "date":  # dates: a story has many, each of its own event; only their words tell
        need = 3 if a.earlier != b.earlier else 2 if fa.kind == "date" or not single else 1
        if fa.kind == "date" and need == 2 and cosine(a.vector, b.vector) >= _SAME_SUBJECT:
            need = 1  # two sentences about one thing, and a word next to both dates: one deadline
        return 0.1 * shared if shared >= need else None
    anchor = any(
        x.key == y.key and x.key != fa.key and same_value(x.value, y.value, x.kind)
        for x in a.figures
        for y in b.figures
    )
    if anchor:
        return 0.3
    if shared >= (1 if single else 2):
        return 0.1 * shared
    return 0.15 if sole and fa.kind == "measure" else None


def _shared_near(a: _Compared, b: _Compared, fa: Figure, fb: Figure, vocab: Vocabulary) -> int:
    """How many of the words next to ``fa`` in one sentence are next to ``fb`` in the other."""
    ta, tb = a.sentence.text, b.sentence.text
    return len(_near(ta, fa.start, fa.end, vocab) & _near(tb, fb.start, fb.end, vocab))


def _candidates(
    statements: Sequence[Statement],
    pool: Sequence[Sentence],
    rules: Rules,
    figures: Callable[[Sentence], Sequence[Figure]],
) -> list[Sentence]:
    """The sentences to compare: the central statements' (one per kind of figures or terms), then any sentence
    with a figure or term in a unit or group where outlets give different values, most central first."""
    groups = rules.qualifiers
    out: list[Sentence] = []
    seen: set[tuple[str, str]] = set()
    for st in statements[:_COMPARED]:
        kinds: set[tuple[str, ...]] = set()
        for m in st.members:  # a statement's members agree: one per kind of figures or terms is enough
            named = {t for _, t, _, _ in qualifier_terms(m.text, groups)}
            kind = tuple(sorted({f.key for f in figures(m)} | named))
            if kind and kind not in kinds and len(kinds) < _PER_STATEMENT:
                kinds.add(kind)
                out.append(m)
                seen.add((m.source_id, m.text))
    central = {(m.source_id, m.text): st.score for st in statements for m in st.members}
    values: dict[str, set[tuple[str, object]]] = {}  # unit or group -> (outlet, value) pairs
    keyed: list[tuple[Sentence, set[str]]] = []
    for s in pool:
        keys = set()
        for f in figures(s):
            keys.add(f.key)
            values.setdefault(f.key, set()).add((s.source_id, round(f.value, 2)))
        for g, t, _, _ in qualifier_terms(s.text, groups):
            keys.add(f"q{g}")
            values.setdefault(f"q{g}", set()).add((s.source_id, t))
        if keys and (s.source_id, s.text) not in seen:
            keyed.append((s, keys))
    contested = {k for k, vs in values.items() if len({o for o, _ in vs}) > 1 and len({v for _, v in vs}) > 1}
    extra = [s for s, keys in keyed if keys & contested]
    extra.sort(key=lambda s: (-central.get((s.source_id, s.text), 0.0), s.source_id, s.position))
    return out + extra[: max(0, _BOUND - len(out))]


def differences(
    statements: Sequence[Statement],
    idf: Mapping[str, float],
    vocab: Vocabulary,
    rules: Rules,
    pool: Sequence[Sentence] = (),
    report_dates: Mapping[str, dt.date | None] | None = None,
    story: dt.date | None = None,
) -> list[Difference]:
    """Pairs of sentences that disagree, most telling first; each figure or term in at most one pair.

    ``pool`` is every sentence of the reports that may be quoted (see ``sentences.sentence_pools``);
    ``report_dates`` and ``story`` (the story's date) give a day named without its year ("Feb. 26") its year.
    """
    groups = rules.qualifiers
    dates = report_dates or {}
    known: dict[tuple[str, str], tuple[Figure, ...]] = {}

    def figures_of(s: Sentence) -> tuple[Figure, ...]:
        key = (s.source_id, s.text)
        if key not in known:
            known[key] = with_dates(s.text, dates.get(s.source_id), story)
        return known[key]

    compared: list[_Compared] = []
    df: dict[str, int] = {}
    for s in _candidates(statements, pool, rules, figures_of):
        figs = figures_of(s)
        terms = tuple(qualifier_terms(s.text, groups))
        keys = frozenset({f.key for f in figs} | {f"q{g}" for g, _, _, _ in terms})
        words = frozenset(w for w in vocab.words(s.text) if not w[0].isdigit() and len(w) > 3)
        for w in words:
            df[w] = df.get(w, 0) + 1
        earlier = bool(rules.before and rules.before.search(s.text))  # earlier events and the news are two times
        compared.append(_Compared(s, unit(vocab.words(s.text), idf), figs, terms, earlier, keys, words))
    # the measures an outlet gives one value of, in all its compared sentences: its figure for the story
    sole_values: dict[tuple[str, str], set[float]] = {}
    for c in compared:
        for f in c.figures:
            sole_values.setdefault((c.sentence.source_id, f.key), set()).add(round(f.value, 2))
    found: list[Difference] = []
    for i, a in enumerate(compared):
        for b in compared[i + 1 :]:
            if a.sentence.source_id == b.sentence.source_id or not a.keys & b.keys:
                continue
            found += _differ(a, b, sole_values, df, vocab)
    return _one_each(found)


def _differ(
    a: _Compared,
    b: _Compared,
    sole_values: Mapping[tuple[str, str], set[float]],
    df: Mapping[str, int],
    vocab: Vocabulary,
) -> list[Difference]:
    """The differences between two sentences: at most one in figures and one in wording. When one tells of earlier
    events and the other not, only figures whose neighbouring words say they count one thing."""
    out: list[Difference] = []
    mixed = a.earlier != b.earlier
    sim = cosine(a.vector, b.vector)
    rare = any(df[w] <= _RARE for w in a.words & b.words)
    close = sim >= _FIGURE_SUBJECT or rare or shared_figures(a.figures, b.figures) > 0
    for fa, fb in disagreements(a.figures, b.figures, unmatched=True):
        if _told_both(a, b, fa, fb, sole_values):
            continue
        sole = all(len(sole_values[(c.sentence.source_id, f.key)]) == 1 for c, f in ((a, fa), (b, fb)))
        if not close and not (sole and fa.kind == "measure" and not mixed):
            continue
        sure = _same_subject(a, b, fa, fb, sole and not mixed, vocab, mixed)
        if sure is not None:
            out.append(
                Difference(fa.kind, a.sentence, b.sentence, (fa.start, fa.end), (fb.start, fb.end), sim + sure + 0.3)
            )
            break
    if not close or mixed:
        return out
    terms_a = {(g, t) for g, t, _, _ in a.terms}
    terms_b = {(g, t) for g, t, _, _ in b.terms}
    for ga, ta, sa, ea in a.terms:
        for gb, tb, sb, eb in b.terms:
            if ga != gb or ta == tb or (ga, tb) in terms_a or (gb, ta) in terms_b:
                continue
            near = _near(a.sentence.text, sa, ea, vocab) & _near(b.sentence.text, sb, eb, vocab)
            if sim >= _SAME_SUBJECT or near or rare:
                out.append(Difference("wording", a.sentence, b.sentence, (sa, ea), (sb, eb), sim + 0.1 * rare))
                return out
    return out


def _told_both(
    a: _Compared, b: _Compared, fa: Figure, fb: Figure, values: Mapping[tuple[str, str], set[float]]
) -> bool:
    """True when either outlet gives the other's value too, somewhere: then the two figures are two measures
    ("41% of the vote" and "38% of the seats"), not one told differently."""
    theirs, mine = values[(b.sentence.source_id, fb.key)], values[(a.sentence.source_id, fa.key)]
    return any(same_value(v, fa.value, fa.kind) for v in theirs) or any(same_value(v, fb.value, fb.kind) for v in mine)


def _one_each(found: list[Difference]) -> list[Difference]:
    """The differences most telling first, each figure or term in one of them and each pair of sentences once."""
    found.sort(key=lambda d: (-d.score, d.a.source_id, d.a.position, d.b.source_id, d.b.position))
    out: list[Difference] = []
    used: set[tuple[str, str, int]] = set()
    pairs: set[tuple[tuple[str, str], tuple[str, str]]] = set()
    for d in found:
        keys = {(d.a.source_id, d.a.text, d.a_span[0]), (d.b.source_id, d.b.text, d.b_span[0])}
        pair = ((d.a.source_id, d.a.text), (d.b.source_id, d.b.text))
        if keys & used or pair in pairs:
            continue
        used |= keys
        pairs.add(pair)
        out.append(d)
    return out
