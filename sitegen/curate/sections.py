"""[Statement] → the overview's story and key facts, and each section's statements, by meaning and time.

A statement's time comes from its wording (the rules' ``ahead``, ``hindsight`` and ``before``
patterns: "will", "is expected to", "by June" look ahead; "would have", "had been",
"previously" look back) and from its dates, resolved against its report's date and compared
with the story's date. Its meaning comes from the source's own heading above it and from the
sections' cue patterns. The overview takes the most central statements about the news itself;
each section then takes, with redundancy control (maximal marginal relevance), the statements
that lean to it; a statement that fits nowhere is left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitegen.curate.dates import dates_in
from sitegen.curate.figures import Figure, shared_figures
from sitegen.curate.rank import Statement, cosine
from sitegen.curate.rules import Rules
from sitegen.curate.words import Vocabulary

_LAMBDA = 0.7  # relevance against redundancy in the selection
_POOL = 12  # candidates weighed per statement to pick
_TIMED = 600  # the most central statements that are placed at all
_AFTER = dt.timedelta(days=3)
_DAY = dt.timedelta(days=1)  # a date this soon after the last report is still the news
_TOO_CLOSE = 0.4  # a statement this close (cosine) to a chosen one says nothing new
_FIGURE_BONUS = 0.15  # closer still for each figure both give (two at most)
_ONE_OUTLET = 0.06  # less value for each statement already picked from the same single outlet
_SAME_WORDS = 0.5  # nor one sharing this share of its words (Jaccard) with a chosen one
# What plainly looks ahead (a future, a forecast, a date set, a question still open), as against a date alone
# ("invest $11 billion by 2028"): a forward section prefers it, since it says what comes next in so many words.
_PLAINLY_AHEAD = re.compile(
    r"\b(?:will|could|might|expected|likely|whether|next|upcoming|plans? to|deadline|pending|awaits?|"
    r"remains? to be seen|set to|due to (?!the\b|a\b|an\b|its?\b|their\b)|scheduled|later this)\b",
    re.I,
)
_PLAIN_WEIGHT = 1.6
# An official's act, and what a named person said or judged: the facts an editor looks for first.
_ACTION = re.compile(
    r"\b(?:invoked|declared|ordered|signed|approved|convened|imposed|issued|suspended|banned|evacuated|"
    r"arrested|charged|fined|ruled|vetoed|ratified|enacted|sued)\b"
)
_VERDICT = re.compile(
    r"\b(?:called|described|dubbed|hailed|branded|condemned|praised|criticised|criticized)\b"
    r"|\b(?:said|says|told)\b[^.]*\b(?:that|was|is|were|are)\b|[\"\u201c][^\"\u201c\u201d]{3,}[\"\u201d]"
)
_TELLING = 1.15  # how much more a forward section values a statement that plainly looks ahead


@dataclass(frozen=True, slots=True)
class Timed:
    """A statement with what its wording and dates say about time, and its lean to each section."""

    statement: Statement
    ahead: bool  # looks forward
    before: bool  # tells what happened before the news
    leans: tuple[float, ...]  # one per section
    headed: bool  # a source's own heading puts it in a section ("What to Watch")
    first: str  # its earliest date, ISO ("" when undated): orders the background
    plainly: bool = False  # looks ahead in so many words ("will", "is expected to", "whether")


@dataclass(frozen=True, slots=True)
class Layout:
    """Which statements go where: the overview's story and key facts, then each section's, in reading order."""

    story: tuple[Statement, ...]
    key_facts: tuple[Statement, ...]
    sections: tuple[tuple[Statement, ...], ...]


def timing(
    statements: Sequence[Statement],
    rules: Rules,
    report_dates: Mapping[str, dt.date | None],
    news: tuple[dt.date, dt.date] | None,
) -> list[Timed]:
    """Each statement's time and section leans. ``news`` is the first and last day of the news, when known."""
    out = []
    for st in statements[:_TIMED]:
        text = st.shown.text
        plain = rules.hindsight.sub(" ", text) if rules.hindsight else text
        worded_ahead = bool(rules.ahead and rules.ahead.search(plain))
        hindsight = plain != text
        worded_before = hindsight or bool(rules.before and rules.before.search(text))
        ref = report_dates.get(st.shown.source_id)
        found = [d.when for d in dates_in(text, ref, worded_ahead, news[0] if news else None)]
        dated_before = bool(news and found and all(w.before(news[0] - dt.timedelta(days=5)) for w in found))
        dated_after = bool(news and found and any(w.after(news[1] + _AFTER) for w in found))
        # a day of the news itself: the news, not its background
        dated_now = bool(news and any(w.day and not w.before(news[0] - _DAY) and not w.after(news[1]) for w in found))
        ahead = (worded_ahead or dated_after) and not hindsight and not dated_before
        before = (worded_before or dated_before) and not ahead
        leans = []
        headed = False
        for section in rules.sections:
            heading = section.headings is not None and any(
                section.headings.search(m.heading) for m in st.members if m.heading
            )
            headed = headed or heading
            lean = rules.heading_weight * heading + sum(1 for cue in section.cues if cue.search(text))
            if section.time == "after":
                lean = lean + 1 if ahead else (rules.heading_weight if heading and not before else 0.0)
            elif section.time == "before":
                lean = lean + 2 if before else (0.0 if ahead or dated_now else lean)
            elif before:
                lean *= 0.5
            leans.append(float(lean))
        first = min((w.iso for w in found), default="")
        plainly = ahead and bool(_PLAINLY_AHEAD.search(plain))
        out.append(Timed(st, ahead, before, tuple(leans), headed, first, plainly))
    return out


def jaccard_words(text: str, vocab: Vocabulary) -> frozenset[str]:
    """The words two statements are compared by for repetition (content words longer than two letters)."""
    return frozenset(w for w in vocab.words(text) if len(w) > 2)


class _Chosen:
    """The statements placed so far, to keep every later one from repeating them."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.vectors: list[Mapping[str, float]] = []
        self.words: list[frozenset[str]] = []
        self.figures: list[tuple[Figure, ...]] = []
        self.ids: set[int] = set()

    def redundancy(self, st: Statement) -> float | None:
        """How close ``st`` is to the closest chosen statement; None when it would repeat one."""
        v = st.vec()
        ws = jaccard_words(st.shown.text, self.vocab)
        closest = 0.0
        for u, us, fs in zip(self.vectors, self.words, self.figures, strict=True):
            sim = cosine(v, u) + _FIGURE_BONUS * min(2, shared_figures(st.figures, fs))
            overlap = len(ws & us) / len(ws | us) if ws and us else 0.0
            if sim >= _TOO_CLOSE or overlap >= _SAME_WORDS:
                return None
            closest = max(closest, sim)
        return closest

    def against_last(self, st: Statement) -> float | None:
        """How close ``st`` is to the statement chosen last; None when it would repeat it."""
        sim = cosine(st.vec(), self.vectors[-1])
        sim += _FIGURE_BONUS * min(2, shared_figures(st.figures, self.figures[-1]))
        ws = jaccard_words(st.shown.text, self.vocab)
        us = self.words[-1]
        overlap = len(ws & us) / len(ws | us) if ws and us else 0.0
        return None if sim >= _TOO_CLOSE or overlap >= _SAME_WORDS else sim

    def add(self, st: Statement) -> None:
        self.vectors.append(st.vec())
        self.words.append(jaccard_words(st.shown.text, self.vocab))
        self.figures.append(st.figures)
        self.ids.add(id(st))


def _pick(pool: Sequence[tuple[Statement, float]], chosen: _Chosen, count: int) -> list[Statement]:
    """Up to ``count`` statements of ``pool`` (with their relevance) by maximal marginal relevance.

    Only the ``_POOL`` most relevant per pick are weighed, and each one's closeness to the chosen
    statements is updated with the newest choice only, so a pick costs the pool, not pool x chosen.
    """
    left = sorted(
        ((st, rel) for st, rel in pool if id(st) not in chosen.ids),
        key=lambda x: (-x[1], x[0].shown.source_id, x[0].shown.position),
    )[: _POOL * max(count, 1)]
    top = max((rel for _, rel in left), default=1.0) or 1.0
    closest: list[float | None] = [chosen.redundancy(st) for st, _ in left]
    picked: list[Statement] = []
    told: dict[str, int] = {}  # statements picked that one outlet alone tells, by outlet
    while len(picked) < count:
        best: tuple[float, int] | None = None
        for k, (st, rel) in enumerate(left):
            red = closest[k]
            if red is None:
                continue
            value = _LAMBDA * rel / top - (1 - _LAMBDA) * red
            if len(st.members) == 1:  # a page that quotes one outlet after another reads as that outlet's
                value -= _ONE_OUTLET * told.get(st.shown.source_id, 0)
            if best is None or value > best[0] + 1e-12:
                best = (value, k)
        if best is None:
            break
        st, _ = left[best[1]]
        closest[best[1]] = None
        chosen.add(st)
        picked.append(st)
        if len(st.members) == 1:
            told[st.shown.source_id] = told.get(st.shown.source_id, 0) + 1
        for k, (other, _) in enumerate(left):
            if closest[k] is not None:
                red = chosen.against_last(other)
                closest[k] = None if red is None else max(closest[k] or 0.0, red)
    return picked


def _brevity(st: Statement) -> float:
    """Shorter sentences read better in a draft: a long one weighs less."""
    n = len(st.shown.text.split())
    return 1.0 if n <= 35 else 0.8 if n <= 45 else 0.6


def _concrete(st: Statement) -> float:
    """A statement with a figure tells a reader more, a count of people or things or a rate most of all; one that
    says what an official did or what a named person said weighs a little more too."""
    kinds = {f.kind for f in st.figures}
    value = 1.5 if kinds & {"count", "percent"} else 1.3 if kinds else 1.0
    return value * (_TELLING if _ACTION.search(st.shown.shown) or _VERDICT.search(st.shown.shown) else 1.0)


def _value(t: Timed, forward: bool) -> float:
    """What a statement is worth to a section besides its centrality and lean: brevity, figures and, in a forward
    section, plainly forward wording."""
    st = t.statement
    return _brevity(st) * _concrete(st) * (_PLAIN_WEIGHT if forward and t.plainly else 1.0)


def on_topic(timed: Sequence[Timed]) -> list[Timed]:
    """The statements about the story: sharing words with the other reports (a stray headline or advert does not),
    and not leaning on a sentence the draft does not show ("This includes...")."""
    return [
        t
        for t in timed
        if t.statement.topical and t.statement.score > 0 and (t.statement.alone or len(t.statement.members) > 1)
    ]


def lay_out(timed: Sequence[Timed], rules: Rules, vocab: Vocabulary) -> Layout:
    """The overview's story and key facts, then each section's statements (see the module's docstring)."""
    told = on_topic(timed)
    chosen = _Chosen(vocab)
    news = [t for t in told if not t.before and not t.headed]
    lead = min(
        rules.lead, max(2, len(told) // 8)
    )  # a small story is told in two sentences, leaving the sections theirs
    now = [t for t in news if not t.ahead]  # what happened; what may happen only when nothing did
    story = _pick([(t.statement, t.statement.score) for t in (now or news)], chosen, lead)

    placed: list[list[Statement]] = [[] for _ in rules.sections]
    home = {}
    for t in told:
        lean = max(t.leans, default=0.0)
        if lean >= rules.min_lean:
            home[id(t.statement)] = max(range(len(t.leans)), key=lambda k: (t.leans[k], -k))
    for k, section in enumerate(rules.sections):
        pool = [
            (t.statement, t.statement.score * (1 + 0.25 * t.leans[k]) * _value(t, section.time == "after"))
            for t in told
            if home.get(id(t.statement)) == k and (section.time != "after" or t.plainly or t.headed)
        ]
        placed[k] = _pick(pool, chosen, rules.max_sentences)
    for t in told:  # a statement whose section is full goes to its next best one with room
        if id(t.statement) in chosen.ids or id(t.statement) not in home:
            continue
        for k in sorted(range(len(t.leans)), key=lambda k: (-t.leans[k], k)):
            if rules.sections[k].time == "after" and not (t.plainly or t.headed):
                continue  # what to watch takes what plainly looks ahead, and weaker fits only where it is short
            if t.leans[k] >= rules.min_lean and len(placed[k]) < rules.max_sentences and k != home[id(t.statement)]:
                placed[k] += _pick([(t.statement, t.statement.score)], chosen, 1)
                break
    for k, section in enumerate(rules.sections):  # weaker fits, where a section is short
        if len(placed[k]) >= rules.min_sentences:
            continue
        pool = [
            (t.statement, t.statement.score * t.leans[k])
            for t in told
            if t.leans[k] > 0 and (section.time != "after" or t.ahead) and (section.time != "before" or not t.ahead)
        ]
        placed[k] += _pick(pool, chosen, rules.min_sentences - len(placed[k]))
    # the key facts: what no section took, figures and dates first
    facts_pool = [
        (
            t.statement,
            t.statement.score * max(1.6 if t.first else 1.0, 1.25 * _concrete(t.statement)) * (0.7 if t.ahead else 1.0),
        )
        for t in news
        if len(t.statement.shown.text.split()) <= 40
    ]
    key_facts = _pick(facts_pool, chosen, rules.key_facts)
    first = {id(t.statement): t.first for t in timed}
    ordered = []
    for k, section in enumerate(rules.sections):
        sts = placed[k]
        if section.time == "before":  # the background reads in the order things happened
            sts = sorted(sts, key=lambda st: (first[id(st)] or "9999", -st.score))
        ordered.append(tuple(sts))
    return Layout(tuple(story), tuple(key_facts), tuple(ordered))
