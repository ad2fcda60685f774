"""The drafts' text: the overview, one page per section, timeline.yaml and claims.yaml; checked before writing.

Every draft is checked with the build's own readers and citation resolver (``pages.parse_page``,
``markup.cite_page``, ``claims.cite_claims`` and ``timeline.cite_timeline``), so a draft that would
not build is an error, never a file on disk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.claims import cite_claims
from sitegen.errors import Location, Problems, SitegenError
from sitegen.markup import cite_page, make_markdown
from sitegen.model import Source
from sitegen.pages import CONTENT_DIR, parse_page
from sitegen.timeline import cite_timeline

_HASH_LINE = re.compile(r"^(?:# )?curated: *\"?([0-9a-f]{16})\"? *\n", re.M)
CLAIMS = f"{CONTENT_DIR}/claims.yaml"
TIMELINE = f"{CONTENT_DIR}/timeline.yaml"
NOTE = "Drafted by `sitegen curate`. Edit freely: once this file changes, curate leaves it alone."


@dataclass(frozen=True, slots=True)
class Draft:
    """A file curate would write: its project-relative path and full text."""

    path: str
    text: str


def yaml_str(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    out = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", out)
    return f'"{out}"'


def page(title: str, summary: str, order: int, updated: dt.date | None, body: Sequence[str]) -> str:
    """A Markdown page with front matter, stamped so later edits can be told."""
    head = ["---", f"title: {yaml_str(title)}"]
    if summary:
        head.append(f"summary: {yaml_str(summary)}")
    head.append(f"order: {order}")
    if updated:
        head.append(f"updated: {updated.isoformat()}")
    head += [f"# {NOTE}", "---", ""]
    return stamp("\n".join(head + list(body)).rstrip("\n") + "\n")


def overview(
    title: str, summary: str, updated: dt.date | None, story: Sequence[str], facts: Sequence[str], differ: Sequence[str]
) -> str:
    """``content/index.md``: the story in a few sentences, the key facts, and where the reports differ."""
    body: list[str] = []
    if story:
        body += [" ".join(story), ""]
    if facts:
        body += ["## Key facts", "", *facts, ""]
    if differ:
        body += ["## Where the reports differ", "", *differ, ""]
    return page(title, summary, 0, updated, body)


def section(title: str, summary: str, order: int, updated: dt.date | None, paragraphs: Sequence[Sequence[str]]) -> str:
    """A section page: paragraphs of cited sentences."""
    body: list[str] = []
    for para in paragraphs:
        body += [" ".join(para), ""]
    return page(title, summary, order, updated, body)


def timeline(events: Sequence[tuple[str, str, str]]) -> str:
    """``content/timeline.yaml`` from (date, event, citation group) rows."""
    lines = [
        "# Dated events of the story, shown in date order on /timeline/.",
        f"# {NOTE}",
        "# date: YYYY, YYYY-MM or YYYY-MM-DD, only as precise as the sources; cite: verified at build time.",
        "events:",
    ]
    for date, event, cite in events:
        lines += [f"  - date: {date}", f"    event: {yaml_str(event)}", f"    cite: {yaml_str(cite)}", ""]
    return stamp_yaml("\n".join(lines).rstrip("\n") + "\n")


def claims(rows: Sequence[tuple[str, str, str | None, str | None]]) -> str:
    """``content/claims.yaml`` from (claim, citation group, differing citation group, note) rows."""
    lines = [
        "# Key claims of the story and the outlets that report them: the coverage matrix on /sources/.",
        f"# {NOTE}",
        "# cite: the outlets that report it; differs: outlets that report it otherwise.",
        "claims:",
    ]
    for claim, cite, differs, note in rows:
        lines += [f"  - claim: {yaml_str(claim)}", f"    cite: {yaml_str(cite)}"]
        if differs:
            lines.append(f"    differs: {yaml_str(differs)}")
        if note:
            lines.append(f"    note: {yaml_str(note)}")
        lines.append("")
    return stamp_yaml("\n".join(lines).rstrip("\n") + "\n")


# --- telling curate's drafts from an editor's files ---


def content_hash(text: str) -> str:
    """The hash of a draft's text without its ``curated:`` line."""
    return hashlib.sha256(_HASH_LINE.sub("", text, count=1).encode("utf-8")).hexdigest()[:16]


def stamp(text: str) -> str:
    """``text`` (a page) with a ``curated: "HASH"`` line closing its front matter, so later edits can be told
    (quoted: a hash of digits alone, or like ``1e5...``, would be a number to YAML)."""
    text = _HASH_LINE.sub("", text, count=1)
    marker = "\n---\n"
    at = text.index(marker, 3)
    return text[:at] + f'\ncurated: "{content_hash(text)}"' + text[at:]


def stamp_yaml(text: str) -> str:
    """``text`` (a YAML file) ending with a ``# curated: HASH`` comment."""
    text = _HASH_LINE.sub("", text, count=1)
    return text + f"# curated: {content_hash(text)}\n"


def edited(text: str) -> bool:
    """True when a file was written or changed by hand since curate drafted it."""
    m = _HASH_LINE.search(text)
    return m is None or m.group(1) != content_hash(text)


# --- checking, with the build's own code ---


def check(drafts: Sequence[Draft], sources: Sequence[Source]) -> None:
    """Raise a SitegenError (``curate.unbuildable``) when any draft would fail the build."""
    by_id = {s.id: s for s in sources}
    converter = make_markdown()
    problems = Problems()
    for d in drafts:
        try:
            if d.path.endswith(".md"):
                cite_page(parse_page(d.text, d.path), by_id, converter)
            elif d.path == TIMELINE:
                cite_timeline(d.text, by_id)
            else:
                cite_claims(d.text, by_id)
        except SitegenError as exc:
            problems.add(exc)
    if problems:
        first = problems.items[0]
        raise SitegenError(
            f"a draft would not build, so nothing was written: {first.message} [{first.code}]",
            first.location or Location(CONTENT_DIR),
            "curate.unbuildable",
            hint=f"{len(problems.items)} problem(s) in the drafts; this is a bug in sitegen curate",
        )
