"""[Source] → Markdown drafts of the explainer's pages; never overwrites a page an editor changed.

Each sentence of each source is a statement. Statements are assigned to sections by cues
(``rules/curate.yaml``), near-duplicates from different sources are merged into one point that
cites all of them, and points are ordered by how many sources support them. A draft quotes
only short verbatim fragments, so every citation verifies and no paragraph is copied whole.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.citations import fold
from sitegen.config import load_config
from sitegen.curate_rules import Rules, load_rules
from sitegen.errors import Location, SitegenError
from sitegen.model import Source
from sitegen.pages import CONTENT_DIR
from sitegen.points import STOP_WORDS, Point, Statement, arrange, merge, statements, stem, vectors, weight
from sitegen.textio import read_text

_HASH_LINE = re.compile(r"^curated: *([0-9a-f]{16}) *\n", re.M)
_EDGE_STOP = STOP_WORDS | {
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
        words = [stem(_plain(w)) for _, _, w in spans[i : j + 1]]
        score = sum(idf.get(w, 0.0) * (2.0 if w in shared else 1.0) for w in sorted(set(words)) if w not in STOP_WORDS)
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
    _, idf = vectors(items)
    arranged = arrange(merge(items, rules), rules)
    latest = max((s.date for s in sources if s.date), default=None)
    drafts: list[Draft] = []
    facts: list[tuple[Point, str]] = []
    for k, (section, points) in enumerate(zip(rules.sections, arranged, strict=True)):
        lines = [render_point(p, by_id, idf, rules) for p in points]
        facts += [(p, f"{section.slug}.md") for p, line in zip(points, lines, strict=True) if line]
        text = _page(section.title, section.summary, k + 1, latest, [line for line in lines if line])
        drafts.append(Draft(f"{CONTENT_DIR}/{section.slug}.md", text))
    ranked = sorted(facts, key=lambda f: (-f[0].outlets, -weight(f[0]), f[0].members[0].order))
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
