"""What ingest found, for the editor: ``sitegen ingest --explain``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sitegen.ingest.text import WS
from sitegen.model import Source


def explain(sources: Sequence[Source]) -> str:
    """A report per source: the metadata found, then every dropped line with its line and rule."""
    out: list[str] = []
    for s in sources:
        out.extend(_explain_one(s))
    return "\n".join(out) + ("\n" if out else "")


def _explain_one(s: Source) -> Iterator[str]:
    """The explain() lines for one source."""
    yield f"{s.path} -> {s.id}"
    fields = (
        ("title", s.title),
        ("standfirst", s.standfirst),
        ("outlet", s.outlet),
        ("authors", ", ".join(s.authors)),
        ("date", s.date.isoformat() if s.date else None),
        ("url", s.url),
        ("relies on", ", ".join(s.relies_on)),
        ("author bio", s.author_bio),
    )
    for label, value in fields:
        yield f"  {label + ':':<12}{_short(value) if value else '(not stated)'}"
    headings = sum(1 for p in s.paragraphs if p.kind == "heading")
    yield f"  {'body:':<12}{len(s.numbered)} paragraphs (¶1-¶{len(s.numbered)}), {headings} headings"
    yield f"  dropped {len(s.dropped)} line{'s' if len(s.dropped) != 1 else ''}:"
    for d in s.dropped:
        yield f"    line {d.line:>4}  {d.rule:<18} {_short(d.text)}"
    yield ""


def _short(text: str, limit: int = 100) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    flat = WS.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
