"""[Source] → Markdown drafts of the explainer's pages; never overwrites a page an editor changed.

Each sentence of each source is a statement. Statements are assigned to sections by cues
(``rules/curate.yaml``), near-duplicates from different sources are merged into one point that
cites all of them, and points are ordered by how many sources support them. A draft quotes
only short verbatim fragments, so every citation verifies and no paragraph is copied whole.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sitegen.citations import fold
from sitegen.config import load_config
from sitegen.errors import BuildFailed, Location, SitegenError
from sitegen.model import Paragraph, Source
from sitegen.pages import CONTENT_DIR
from sitegen.render import package_dir
from sitegen.textio import read_text
from sitegen.yamlutil import YamlMap, check_keys, load_yaml

RULES_FILE = "rules/curate.yaml"  # inside the package
PROJECT_RULES = f"{CONTENT_DIR}/curate.yaml"
_HASH_LINE = re.compile(r"^curated: *([0-9a-f]{16}) *\n", re.M)

_STOP = frozenset(
    re.findall(
        r"\w+",
        """a an and are as at be been but by for from has have had he her his in into is it its of on or our
        she so than that the their them then there these they this those to was were which who will with would
        not no can could may might also more most other such only over after before about up out what when where
        how new now said says say one two all any some just very""",
    )
)
_EDGE_STOP = _STOP | {
    "while",
    "however",
    "because",
    "if",
    "though",
    "although",
    "under",
    "across",
    "around",
    "between",
    "through",
    "during",
    "within",
    "without",
    "against",
    "among",
    "last",
    "next",
    "per",
}
_BAD_TOKEN = re.compile(r'["\[\]`*_<>|\\\u00b6\ue000\ue001]|[.?!](?=\S)')
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class SectionRule:
    """One section of the explainer and the cues that draw passages to it."""

    slug: str
    title: str
    summary: str
    headings: tuple[re.Pattern[str], ...]
    cues: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class Rules:
    """The curate rules: sections, filters and thresholds."""

    sections: tuple[SectionRule, ...]
    overview_title: str | None  # None: the site's own title
    overview_summary: str
    key_facts: int
    skip: tuple[re.Pattern[str], ...]
    abbreviations: tuple[str, ...]
    synonyms: tuple[tuple[str, str], ...]
    heading_weight: int
    lead_weight: int
    merge_threshold: float
    max_points: int
    min_words: int
    quote_words: int


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


@dataclass(frozen=True, slots=True)
class Draft:
    """A page curate would write: its project-relative path and full text."""

    path: str
    text: str


@dataclass(frozen=True, slots=True)
class Action:
    """What curate does with one draft: ``write``, ``unchanged``, ``beside`` (page was edited) or ``force``."""

    kind: str
    path: str  # the page
    target: str  # the file written (the page, or NAME.draft.md beside it)
    old: str | None
    new: str

    def diff(self) -> str:
        """A unified diff of the target's current text against the new one."""
        old = self.old  # for "beside": the earlier NAME.draft.md, if any
        lines = difflib.unified_diff(
            (old or "").splitlines(keepends=True),
            self.new.splitlines(keepends=True),
            fromfile=f"a/{self.target}" if old is not None else "/dev/null",
            tofile=f"b/{self.target}",
        )
        return "".join(lines)


# --- rules ---


def load_rules(project: Path | None = None) -> Rules:
    """The package rules, with the project's ``content/curate.yaml`` applied on top."""
    rel = f"sitegen/{RULES_FILE}"
    base = load_yaml(read_text(package_dir("rules") / "curate.yaml", rel), rel)
    data: dict[str, Any] = dict(base)
    where = rel
    if project is not None and (project / PROJECT_RULES).is_file():
        where = PROJECT_RULES
        own = load_yaml(read_text(project / PROJECT_RULES, PROJECT_RULES), PROJECT_RULES)
        if not isinstance(own, YamlMap):
            raise SitegenError("curate rules must be a mapping", Location(PROJECT_RULES, 1), "rules.type")
        problems: list[SitegenError] = []
        check_keys(own, {k: object for k in base}, PROJECT_RULES, problems)
        if problems:
            raise BuildFailed(problems) if len(problems) > 1 else problems[0]
        for key, value in own.items():
            if key == "sections" and isinstance(value, list):
                merged = {s["slug"]: s for s in data["sections"]}
                for s in value:
                    if not isinstance(s, YamlMap) or not isinstance(s.get("slug"), str):
                        raise SitegenError(
                            "each section needs a 'slug'", Location(PROJECT_RULES, own.line_of(key)), "rules.section"
                        )
                    merged[s["slug"]] = s
                data["sections"] = list(merged.values())
            else:
                data[key] = value
    return _rules_from(data, where)


def _rules_from(data: Mapping[str, Any], rel: str) -> Rules:
    def rx(items: Any, line: int) -> tuple[re.Pattern[str], ...]:
        out = []
        for pattern in items or []:
            try:
                out.append(re.compile(str(pattern), re.I))
            except re.error as exc:
                raise SitegenError(
                    f"bad regular expression {pattern!r}: {exc}", Location(rel, line), "rules.regex"
                ) from None
        return tuple(out)

    sections = []
    for s in data["sections"]:
        line = s.line if isinstance(s, YamlMap) else 1
        slug = str(s["slug"])
        if not re.match(r"^[a-z0-9][a-z0-9-]*$", slug) or slug == "index":
            raise SitegenError(
                f"section slug {slug!r} must be lowercase letters, digits and '-'", Location(rel, line), "rules.section"
            )
        sections.append(
            SectionRule(
                slug,
                str(s.get("title") or slug),
                str(s.get("summary") or ""),
                rx(s.get("headings"), line),
                rx(s.get("cues"), line),
            )
        )
    if not sections:
        raise SitegenError("curate rules need at least one section", Location(rel, 1), "rules.section")
    overview = data.get("overview") or {}
    syn = data.get("synonyms") or {}
    return Rules(
        sections=tuple(sections),
        overview_title=str(overview["title"]) if overview.get("title") else None,
        overview_summary=str(overview.get("summary", "")),
        key_facts=int(overview.get("key_facts", 5)),
        skip=rx(data.get("skip"), 1),
        abbreviations=tuple(str(a) for a in data.get("abbreviations") or ()),
        synonyms=tuple(sorted(((fold(str(k)), fold(str(v))) for k, v in syn.items()), key=lambda kv: -len(kv[0]))),
        heading_weight=int(data.get("heading_weight", 3)),
        lead_weight=int(data.get("lead_weight", 2)),
        merge_threshold=float(data.get("merge_threshold", 0.34)),
        max_points=int(data.get("max_points", 8)),
        min_words=int(data.get("min_words", 8)),
        quote_words=int(data.get("quote_words", 12)),
    )


# --- statements ---


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
    return tuple(_stem(w) for w in _WORD.findall(t) if w not in _STOP and len(w) > 1)


def _stem(word: str) -> str:
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


def _vectors(items: Sequence[Statement]) -> tuple[list[dict[str, float]], dict[str, float]]:
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
    vecs, _ = _vectors(items)
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


def _score(point: Point) -> int:
    return sum(max(m.weights) for m in point.members)


def arrange(points: Sequence[Point], rules: Rules) -> list[list[Point]]:
    """Points per section, most-supported first, at most ``max_points`` each, no section left empty."""
    ranked = sorted(points, key=lambda p: (-p.outlets, -_score(p), p.members[0].order))
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


# --- writing ---


def fragment(st: Statement, shared: set[str], idf: Mapping[str, float], rules: Rules) -> str | None:
    """The most telling run of at most ``quote_words`` words of ``st``, verbatim, or None."""
    spans = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", st.text)]
    best: tuple[float, int, int] | None = None
    run: list[int] = []
    for idx, (_, _, word) in enumerate([*spans, (0, 0, '"')]):
        core = word.rstrip(",;:.!?\u201d\"'")
        if idx < len(spans) and not _BAD_TOKEN.search(core) and core.strip("\u201c\u2018(") == core:
            run.append(idx)
            continue
        best = _best_window(run, spans, shared, idf, rules, best)
        run = []
    if best is None:
        return None
    _, i, j = best
    text = st.text[spans[i][0] : spans[j][1]].rstrip(",;:.!?\u201d\u2019\"' ")
    return text if len(text.split()) >= 3 else None


def _best_window(
    run: list[int],
    spans: list[tuple[int, int, str]],
    shared: set[str],
    idf: Mapping[str, float],
    rules: Rules,
    best: tuple[float, int, int] | None,
) -> tuple[float, int, int] | None:
    if not run:
        return best
    size = min(rules.quote_words, len(run))
    for a in range(0, len(run) - size + 1):
        i, j = run[a], run[a + size - 1]
        while i < j and (_plain(spans[i][2]) in _EDGE_STOP or spans[i][2].endswith((",", ";", ":"))):
            i += 1
        while j > i and _plain(spans[j][2]) in _EDGE_STOP:
            j -= 1
        if j - i < 2:
            continue
        words = [_stem(_plain(w)) for _, _, w in spans[i : j + 1]]
        score = sum(idf.get(w, 0.0) * (2.0 if w in shared else 1.0) for w in sorted(set(words)) if w not in _STOP)
        if j == run[-1] or spans[j][2].endswith((",", ";", ":")):
            score += 1.0  # a fragment that ends where the sentence or a clause ends reads better
        if best is None or score > best[0] + 1e-9:
            best = (score, i, j)
    return best


def _plain(word: str) -> str:
    """A word's letters and digits only; "" (an edge stop word) for a dash or other punctuation."""
    return re.sub(r"[^a-z0-9]", "", fold(word)) or "and"


def _md(text: str) -> str:
    """Text safe to place in Markdown prose."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def label(source: Source) -> str:
    """How a draft names a source: its outlet, else its author, else its id."""
    return source.outlet or (source.authors[0] if source.authors else source.id)


def render_point(
    point: Point, sources: Mapping[str, Source], idf: Mapping[str, float], rules: Rules, link: str | None = None
) -> str | None:
    """One bullet: each source's short quoted fragment, attributed, and one citation group."""
    counts: dict[str, int] = {}
    for m in point.members:
        for tok in set(m.tokens):
            counts[tok] = counts.get(tok, 0) + 1
    shared = {t for t, n in counts.items() if n > 1}
    said: list[str] = []
    cites: list[str] = []
    for m in point.members:
        frag = fragment(m, shared, idf, rules)
        who = _md(label(sources[m.source_id]))
        if frag:
            said.append(f"{who}: \u201c{_md(frag)}\u201d")
            cites.append(f'@{m.source_id} "{frag}"')
        else:
            cites.append(f"@{m.source_id} \u00b6{m.paragraph.number}")
    if not said:
        return None
    more = f" ([more]({link}))" if link else ""
    return f"- {'; '.join(said)} [{'; '.join(cites)}]{more}."


def draft_pages(sources: Sequence[Source], rules: Rules, site_title: str = "Overview") -> list[Draft]:
    """The overview and one page per section, as Markdown with front matter; pure and deterministic."""
    by_id = {s.id: s for s in sources}
    items = statements(sources, rules)
    _, idf = _vectors(items)
    arranged = arrange(merge(items, rules), rules)
    latest = max((s.date for s in sources if s.date), default=None)
    drafts: list[Draft] = []
    facts: list[tuple[Point, str]] = []
    for k, (section, points) in enumerate(zip(rules.sections, arranged, strict=True)):
        lines = [render_point(p, by_id, idf, rules) for p in points]
        facts += [(p, f"{section.slug}.md") for p, line in zip(points, lines, strict=True) if line]
        text = _page(section.title, section.summary, k + 1, latest, [line for line in lines if line])
        drafts.append(Draft(f"{CONTENT_DIR}/{section.slug}.md", text))
    ranked = sorted(facts, key=lambda f: (-f[0].outlets, -_score(f[0]), f[0].members[0].order))
    overview: list[str] = []
    if ranked:  # the story in brief: the point most reports open with
        story = max(ranked, key=lambda f: sum(m.paragraph.number == 1 for m in f[0].members))
        line = render_point(story[0], by_id, idf, rules, story[1])
        if line:
            overview += ["In brief, " + line[2:], ""]
        ranked.remove(story)
    key_facts = [render_point(p, by_id, idf, rules, link) for p, link in ranked[: rules.key_facts]]
    overview += ["## Key facts", "", *[line for line in key_facts if line]]
    drafts.insert(
        0,
        Draft(
            f"{CONTENT_DIR}/index.md",
            _page(rules.overview_title or site_title, rules.overview_summary, 0, latest, overview),
        ),
    )
    return drafts


def _page(title: str, summary: str, order: int, updated: Any, body: list[str]) -> str:
    head = ["---", f"title: {_yaml(title)}"]
    if summary:
        head.append(f"summary: {_yaml(summary)}")
    head.append(f"order: {order}")
    if updated:
        head.append(f"updated: {updated.isoformat()}")
    head += ["# Drafted by `sitegen curate`. Edit freely: once this page changes, curate leaves it alone.", "---", ""]
    return stamp("\n".join(head + body).rstrip("\n") + "\n")


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- edit detection and writing ---


def content_hash(text: str) -> str:
    """The hash of a page's text without its ``curated:`` line."""
    return hashlib.sha256(_HASH_LINE.sub("", text, count=1).encode("utf-8")).hexdigest()[:16]


def stamp(text: str) -> str:
    """``text`` with a ``curated: HASH`` line closing its front matter, so later edits can be told."""
    text = _HASH_LINE.sub("", text, count=1)
    marker = "\n---\n"
    at = text.index(marker, 3)
    body_hash = content_hash(text)
    return text[:at] + f"\ncurated: {body_hash}" + text[at:]


def edited(text: str) -> bool:
    """True when a page was written or changed by hand since curate drafted it."""
    m = _HASH_LINE.search(text)
    return m is None or m.group(1) != content_hash(text)


def plan(project: Path, drafts: Sequence[Draft], force: bool = False) -> list[Action]:
    """What to do with each draft: never overwrite an edited page unless ``force``."""
    actions = []
    for d in drafts:
        path = project / d.path
        old = read_text(path, d.path) if path.exists() else None
        if old is None:
            actions.append(Action("write", d.path, d.path, None, d.text))
        elif old == d.text:
            actions.append(Action("unchanged", d.path, d.path, old, d.text))
        elif not edited(old) or force:
            actions.append(Action("force" if edited(old) else "write", d.path, d.path, old, d.text))
        else:
            beside = d.path[: -len(".md")] + ".draft.md"
            prev = project / beside
            actions.append(Action("beside", d.path, beside, read_text(prev, beside) if prev.exists() else None, d.text))
    return actions


def apply(project: Path, actions: Sequence[Action]) -> None:
    """Write every action's target (atomically per file)."""
    for a in actions:
        if a.kind == "unchanged":
            continue
        path = project / a.target
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(a.new, encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:
            raise SitegenError(f"cannot write: {exc.strerror}", Location(a.target), "curate.io") from None


def curate(project: Path, sources: Sequence[Source], force: bool = False, dry_run: bool = False) -> list[Action]:
    """Draft the pages from ``sources`` and write them unless ``dry_run``; returns what was (or would be) done."""
    if not sources:
        raise SitegenError(
            "no sources to curate from", Location("seeds"), "curate.empty", hint="put article dumps in seeds/ first"
        )
    title = load_config(project).title
    actions = plan(project, draft_pages(sources, load_rules(project), title), force)
    if not dry_run:
        apply(project, actions)
    return actions
