"""[Source] → drafts in content/: cited prose by section, a timeline, a claims matrix; never an editor's file.

The recipe, stage by stage (each a function over frozen data):

    sentences   whole, quotable sentences of every source
    rank        near-duplicates across outlets merged into statements, ranked by centrality
    sections    each statement's time and meaning; the overview's story and key facts, each section's statements
    conflicts   statements of different outlets whose figures or qualifiers disagree
    timeline    dated statements as events
    prose       Markdown sentences naming outlets, one citation group each
    write       the files' text, checked with the build's own resolver
    protect     what to write where, never over an edited file

With a language model named (``site.yaml``'s ``curate:``, or ``--model``/``--endpoint``), ``llm`` has it
rewrite the prose (``prompt``, ``chat``) and keeps only the sentences ``verify`` holds to their quotes.

``draft_pages`` returns the drafts without touching the disk; ``curate`` checks and writes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from sitegen.config import load_config
from sitegen.curate.conflicts import Difference, differences
from sitegen.curate.dates import When, dates_in, news_date
from sitegen.curate.llm import ModelReport, ModelSettings, draft_with_model, model_settings
from sitegen.curate.prose import casing, citation, difference, names, quote_literal, state, words_at
from sitegen.curate.protect import Action, apply, plan
from sitegen.curate.rank import Statement, cosine, rank
from sitegen.curate.rules import Rules, load_rules
from sitegen.curate.sections import Layout, lay_out, on_topic, timing
from sitegen.curate.sentences import sentence_pools
from sitegen.curate.timeline import events
from sitegen.curate.words import Vocabulary
from sitegen.curate.write import CLAIMS, TIMELINE, Draft, check, claims, content_hash, edited, stamp
from sitegen.curate.write import overview as overview_page
from sitegen.curate.write import section as section_page
from sitegen.curate.write import timeline as timeline_file
from sitegen.errors import Location, SitegenError
from sitegen.model import Source
from sitegen.pages import CONTENT_DIR

__all__ = [
    "Action",
    "Draft",
    "ModelReport",
    "ModelSettings",
    "content_hash",
    "curate",
    "draft_pages",
    "edited",
    "load_rules",
    "stamp",
]

_PARAGRAPH = 3  # sentences in a paragraph at most
_FLOWS = 0.12  # cosine from which the next sentence continues a paragraph
_CLAIMS = 12  # rows of the claims matrix at most


def curate(
    project: Path,
    sources: Sequence[Source],
    force: bool = False,
    dry_run: bool = False,
    model: str | None = None,
    endpoint: str | None = None,
    cached: bool = False,
) -> tuple[list[Action], ModelReport | None]:
    """Draft the files from ``sources`` (with the language model of ``site.yaml`` or ``model``/``endpoint``, when
    one is named), check them, and write them unless ``dry_run``; what was done, and the model's report."""
    if not sources:
        raise SitegenError(
            "no sources to curate from", Location("seeds"), "curate.empty", hint="put article dumps in seeds/ first"
        )
    config = load_config(project)
    rules = load_rules(project)
    drafts = draft_pages(sources, rules, config.title)
    settings = model_settings(config.curate, model, endpoint)
    report = None
    if settings is not None:
        drafts, report = draft_with_model(project, drafts, sources, rules, settings, cached)
    check(drafts, sources)  # nothing that would not build, nor any sentence unverified, reaches content/
    actions = plan(project, drafts, force)
    if not dry_run:
        apply(project, actions)
    return actions, report


def draft_pages(sources: Sequence[Source], rules: Rules | None = None, site_title: str = "Overview") -> list[Draft]:
    """The overview, a page per section with something to say, timeline.yaml, claims.yaml; pure, deterministic."""
    rules = rules or load_rules()
    vocab = Vocabulary(rules.synonyms)
    by_id = {s.id: s for s in sources}
    titles = {s.id: s.title or "" for s in sources}
    usable, every = sentence_pools(sources, rules)
    statements, idf = rank(usable, titles, vocab, rules.merge_threshold, rules.qualifiers)
    report_dates = {s.id: s.date for s in sources}
    news = _news(sources, statements)
    timed = timing(statements, rules, report_dates, news)
    layout = lay_out(timed, rules, vocab)
    differ = differences(statements, idf, vocab, rules, every, report_dates, news[0] if news else None)
    told = on_topic(timed)

    named = names(sources)
    case = casing([st.shown.text for st in statements[:500]])
    cites = {id(st): citation(st, by_id, idf, rules.quote_words, vocab) for st in _placed(layout)}
    counter = _Counter()

    def say(st: Statement) -> str | None:
        return state(st, named, cites[id(st)], counter.next(len(st.members) == 1), case)

    updated = max((s.date for s in sources if s.date), default=None)
    story = [line for st in layout.story if (line := say(st))]
    facts = [f"- {line}" for st in layout.key_facts if (line := say(st))]
    differ_lines = [line for d in differ if (line := difference(d, named, by_id))][: rules.differences]
    drafts = [
        Draft(
            f"{CONTENT_DIR}/index.md",
            overview_page(
                rules.overview_title or site_title, rules.overview_summary, updated, story, facts, differ_lines
            ),
        )
    ]
    for k, (rule, placed) in enumerate(zip(rules.sections, layout.sections, strict=True)):
        paragraphs = [[line for st in para if (line := say(st))] for para in _paragraphs(placed, rule.time)]
        paragraphs = [p for p in paragraphs if p]
        if paragraphs:
            text = section_page(rule.title, rule.summary, k + 1, updated, paragraphs)
            drafts.append(Draft(f"{CONTENT_DIR}/{rule.slug}.md", text))
    dated = events(told, report_dates, news)
    if dated:
        rows = [(e.when.iso, e.text, _cite_of(e.statement, cites, by_id, idf, rules, vocab)) for e in dated]
        drafts.append(Draft(TIMELINE, timeline_file(rows)))
    rows_c = _claims(layout, differ, cites)
    if rows_c:
        drafts.append(Draft(CLAIMS, claims(rows_c)))
    return drafts


class _Counter:
    """Alternates the wording of attributions through a draft, so they do not all read alike."""

    def __init__(self) -> None:
        self.n = 0

    def next(self, attributed: bool) -> int:
        if attributed:
            self.n += 1
        return self.n


def _placed(layout: Layout) -> list[Statement]:
    return [*layout.story, *layout.key_facts, *(st for sts in layout.sections for st in sts)]


def _cite_of(
    st: Statement,
    cites: Mapping[int, str],
    by_id: Mapping[str, Source],
    idf: Mapping[str, float],
    rules: Rules,
    vocab: Vocabulary,
) -> str:
    return cites.get(id(st)) or citation(st, by_id, idf, rules.quote_words, vocab)


def _news(sources: Sequence[Source], statements: Sequence[Statement]) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the news: the reports' own dates, else the full date they mention most."""
    known = sorted(s.date for s in sources if s.date)
    mentioned: list[When] = []
    if not known:  # the dates the reports print near their top (bylines, datelines, captions) and in their sentences
        for s in sources:
            for para in s.paragraphs[:6]:
                mentioned += [d.when for d in dates_in(para.text, None)]
        for st in statements[:300]:
            mentioned += [d.when for d in dates_in(st.shown.text, None)]
    first = news_date(known, mentioned)
    if first is None:
        return None
    return first, known[-1] if known else first


def _paragraphs(statements: Sequence[Statement], time: str) -> list[list[Statement]]:
    """Statements in paragraphs: the background in date order, other sections chained by what they share."""
    if time == "before":
        return [list(statements[i : i + _PARAGRAPH]) for i in range(0, len(statements), _PARAGRAPH)]
    left = list(statements)
    out: list[list[Statement]] = []
    while left:
        para = [left.pop(0)]
        while left and len(para) < _PARAGRAPH:
            last = para[-1].vec()
            k, sim = max(((k, cosine(last, st.vec())) for k, st in enumerate(left)), key=lambda x: (x[1], -x[0]))
            if sim < _FLOWS:
                break
            para.append(left.pop(k))
        out.append(para)
    return out


def _claims(
    layout: Layout, differ: Sequence[Difference], cites: Mapping[int, str]
) -> list[tuple[str, str, str | None, str | None]]:
    """The claims matrix: the overview's statements, then each section's first two, with any report that differs."""
    chosen = [*layout.story, *layout.key_facts]
    for sts in layout.sections:
        chosen += sts[:2]
    rows: list[tuple[str, str, str | None, str | None]] = []
    for st in chosen[:_CLAIMS]:
        differs, note = None, None
        for d in differ:
            for mine, other, span in ((d.a, d.b, d.b_span), (d.b, d.a, d.a_span)):
                if mine in st.members and other not in st.members:
                    words = words_at(other, span)
                    differs = f"[@{other.source_id} {quote_literal(words)}]"
                    note = {
                        "wording": "Another report words it differently.",
                        "date": "Another report gives a different date.",
                    }.get(d.kind, "Another report gives a different figure.")
                    break
            if differs:
                break
        rows.append((st.shown.shown, cites[id(st)], differs, note))
    return rows
