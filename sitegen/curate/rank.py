"""[Sentence] → [Statement]: near-duplicates across outlets merged, each ranked by how central it is to the story.

Every sentence becomes a sparse TF-IDF vector. A sentence is central when it is close to the
centroid of all the reports (each report weighing the same, however long) and to the centroid of
their headlines and opening sentences, which say what the story is. Sentences of different
outlets that say the same thing (cosine at least ``merge_threshold``, a little less when they give
one figure; no figure in one that the other contradicts, no qualifier the other words otherwise)
become one statement that cites every outlet; the statement shows its most complete wording.
Only sentences that share a rare word are compared (an inverted index, each list capped), so the
work grows with the number of sentences, not with its square.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sitegen.curate.figures import Figure, Qualifiers, compatible, figures, qualifiers_clash, shared_figures
from sitegen.curate.sentences import Sentence
from sitegen.curate.words import Vocabulary

Vector = dict[str, float]
_CANDIDATE_TOKENS = 8  # the rarest words of a sentence that find its candidates
_LIST_CAP = 32  # at most this many statements are remembered per word
_FIGURE_BONUS = 0.15  # added to the similarity of two sentences for each figure both give (two at most)
# A sentence that leans on the one before it ("He said...", "This means...") reads worse alone.
_LEANS_BACK = re.compile(
    r"^[\"'\u201c\u2018]?(?:He|She|It|They|This|These|That|Those|Its|His|Her|Their|Such|There)\b"
    r"|^[\"\u201c].*[,.!?][\"\u201d]\s+(?:he|she|they|it)\s+(?:said|added|told|says)"
)

# A sentence whose subject is a word for something said before it ("This includes...", "He added..."): alone in a
# draft, it says nothing a reader can place. One opening with "It" reads alone when the sentence before it in its
# report is about the story too (then "it" is the story's subject: "It seeks to...").
_POINTS_BACK = re.compile(r"^[\"'\u201c\u2018]?(?:This|These|That|Those|Such|They|He|She)\b")
_IT = re.compile(r"^[\"'\u201c\u2018]?It\b(?!\s+(?:was|is)\s+(?:a|an|the)\b)")


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing the reports say: the wording a draft shows first, then every other outlet's sentence saying it."""

    members: tuple[Sentence, ...]  # one per source; members[0] is shown
    score: float  # centrality, outlets included: higher is more central
    topical: bool  # shares words with the other reports (or, for a single report, with its other paragraphs)
    alone: bool  # its shown sentence reads without the one before it
    vector: Mapping[str, float]  # unit TF-IDF vector of the shown sentence (not to be changed)
    figures: tuple[Figure, ...]  # of the shown sentence

    @property
    def shown(self) -> Sentence:
        """The sentence a draft shows."""
        return self.members[0]

    @property
    def outlets(self) -> tuple[str, ...]:
        """Ids of the sources that state it."""
        return tuple(m.source_id for m in self.members)

    def vec(self) -> Mapping[str, float]:
        """The vector of the shown sentence."""
        return self.vector


def unit(words: Iterable[str], idf: Mapping[str, float]) -> Vector:
    """The unit TF-IDF vector of ``words``."""
    v: Vector = {}
    for w in words:
        v[w] = v.get(w, 0.0) + idf.get(w, 1.0)
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {k: x / norm for k, x in v.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(k, 0.0) for k, x in a.items())


def _centroid(vectors: Iterable[Vector]) -> Vector:
    c: Vector = {}
    for v in vectors:
        for k, x in v.items():
            c[k] = c.get(k, 0.0) + x
    norm = math.sqrt(sum(x * x for x in c.values())) or 1.0
    return {k: x / norm for k, x in c.items()}


def _reads_alone(
    i: int, sentences: Sequence[Sentence], topical: Sequence[bool], at: Mapping[tuple[str, int], int]
) -> bool:
    """True unless sentence ``i`` leans on the one before it (see ``_POINTS_BACK``)."""
    text = sentences[i].shown  # as shown: "He" may have been given the name of the person before
    if _POINTS_BACK.match(text):
        return False
    if _IT.match(text):
        before = at.get((sentences[i].source_id, sentences[i].position - 1))
        return before is not None and topical[before]
    return True


def rank(
    sentences: Sequence[Sentence],
    titles: Mapping[str, str],
    vocab: Vocabulary,
    merge_threshold: float,
    qualifiers: Qualifiers = (),
) -> tuple[list[Statement], dict[str, float]]:
    """The statements of ``sentences``, most central first, and the idf of every word.

    ``titles`` maps a source id to its headline (when known): headlines say what the story is about.
    """
    words = [vocab.words(s.text) for s in sentences]
    df: dict[str, int] = {}
    for ws in words:
        for w in set(ws):
            df[w] = df.get(w, 0) + 1
    n = len(sentences)
    idf = {w: math.log((n + 1) / (d + 1)) + 1.0 for w, d in df.items()}
    vecs = [unit(ws, idf) for ws in words]

    per_source: dict[str, list[Vector]] = {}
    openings: list[Vector] = [unit(vocab.words(t), idf) for _, t in sorted(titles.items()) if t]
    for s, v in zip(sentences, vecs, strict=True):
        per_source.setdefault(s.source_id, []).append(v)
        if len(per_source[s.source_id]) <= 3:
            openings.append(v)
    story = _centroid(_centroid(vs) for _, vs in sorted(per_source.items()))
    lead = _centroid(openings)
    central = []
    for s, v in zip(sentences, vecs, strict=True):
        c = 0.5 * cosine(v, story) + 0.5 * cosine(v, lead)
        c *= 0.6 if _LEANS_BACK.match(s.shown) else 1.0
        central.append(c * (1.2 if s.position < 2 else 1.0))  # a report's opening tells its news

    # words other reports use too: a sentence with none of them (a stray headline, an advert) is off the story
    where: dict[str, set[str]] = {}
    single = len({s.source_id for s in sentences}) == 1
    for s, ws in zip(sentences, words, strict=True):
        place = f"{s.paragraph}" if single else s.source_id
        for w in ws:
            where.setdefault(w, set()).add(place)
    places = len({place for ps in where.values() for place in ps})
    core = max(2 if places < 6 else 3, math.ceil(0.3 * places))  # words this widely used say what the story is
    topical = []
    for ws in words:
        spread = [len(where[w]) for w in set(ws) if not w[0].isdigit()]
        topical.append(sum(n > 1 for n in spread) >= 2 or any(n >= core for n in spread))

    at = {(s.source_id, s.position): i for i, s in enumerate(sentences)}
    figs = [figures(s.text) for s in sentences]
    order = sorted(range(n), key=lambda i: (-central[i], sentences[i].source_id, sentences[i].position))
    clusters: list[list[int]] = []
    outlets: list[set[str]] = []
    index: dict[str, list[int]] = {}
    same_words: dict[tuple[str, ...], int] = {}  # a wording seen before (a syndicated copy): its statement
    for i in order:
        seen = same_words.get(words[i])
        if seen is not None:
            if sentences[i].source_id not in outlets[seen]:
                clusters[seen].append(i)
                outlets[seen].add(sentences[i].source_id)
            continue
        rare = sorted(set(words[i]), key=lambda w: (-idf[w], w))[:_CANDIDATE_TOKENS]
        hits: dict[int, int] = {}
        for w in rare:
            for c in index.get(w, ()):
                hits[c] = hits.get(c, 0) + 1
        need = 2 if len(rare) >= _CANDIDATE_TOKENS else 1  # sharing two of its rarest words, or its only ones
        candidates = sorted(c for c, n in hits.items() if n >= need)
        best, best_sim, repeat = -1, merge_threshold, False
        for c in candidates:
            head = clusters[c][0]
            sim = cosine(vecs[i], vecs[head])
            sim += _FIGURE_BONUS * min(2, shared_figures(figs[i], figs[head]))  # "60 days" in both: one statement
            if sentences[i].source_id in outlets[c]:
                repeat = repeat or sim >= 0.7  # the same report saying it twice (a summary, a pull quote)
                continue
            if (
                sim >= best_sim
                and compatible(figs[i], figs[head])
                and not qualifiers_clash(sentences[i].text, sentences[head].text, qualifiers)
            ):
                best, best_sim = c, sim
        if repeat:
            continue
        if best >= 0:
            clusters[best].append(i)
            outlets[best].add(sentences[i].source_id)
            continue
        same_words[words[i]] = len(clusters)
        clusters.append([i])
        outlets.append({sentences[i].source_id})
        for w in rare:
            bucket = index.setdefault(w, [])
            if len(bucket) < _LIST_CAP:
                bucket.append(len(clusters) - 1)

    out: list[Statement] = []
    for members in clusters:
        pool = set().union(*(set(words[j]) for j in members))
        # the most complete wording: the member holding most of what the others say, then the most central
        shown = max(members, key=lambda j: (len(pool & set(words[j])), central[j], -j))
        rest = sorted((j for j in members if j != shown), key=lambda j: sentences[j].source_id)
        score = max(central[j] for j in members) * (1.0 + 0.3 * math.log2(len(members)))
        vector = vecs[shown]
        members_ = tuple(sentences[j] for j in [shown, *rest])
        alone = _reads_alone(shown, sentences, topical, at)
        out.append(Statement(members_, score, any(topical[j] for j in members), alone, vector, figs[shown]))
    out.sort(key=lambda st: (-st.score, st.shown.source_id, st.shown.position))
    return out, idf
