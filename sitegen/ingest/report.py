"""What ingest found, for the editor and for tools: ``--explain``, ``--json`` and the gaps to fill."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from sitegen.errors import SitegenError
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


def as_json(sources: Sequence[Source], warnings: Sequence[SitegenError] = ()) -> str:
    """Every source as JSON (``sitegen ingest --json``); the shape is documented in docs/sources.md."""
    data = {
        "sources": [_source_json(s) for s in sources],
        "warnings": [w.format().splitlines()[0].replace(" error: ", " warning: ", 1) for w in warnings],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _source_json(s: Source) -> dict[str, object]:
    """One source as a JSON object."""
    return {
        "id": s.id,
        "seed": s.path,
        "title": s.title,
        "standfirst": s.standfirst,
        "outlet": s.outlet,
        "authors": list(s.authors),
        "date": s.date.isoformat() if s.date else None,
        "url": s.url,
        "relies_on": list(s.relies_on),
        "author_bio": s.author_bio,
        "name": s.name,
        "missing": list(s.missing),
        "truncated": s.truncated,
        "paragraphs": [
            {
                "anchor": p.anchor,
                "number": p.number,
                "kind": p.kind,
                "line": p.line,
                "text": p.text,
                "truncated": p.truncated,
            }
            for p in s.paragraphs
        ],
        "dropped": [{"line": d.line, "rule": d.rule, "text": d.text} for d in s.dropped],
    }


def missing_warnings(sources: Sequence[Source]) -> tuple[SitegenError, ...]:
    """One warning per source whose outlet or date is unknown: readers will not see it."""
    out: list[SitegenError] = []
    for s in sources:
        if "outlet" in s.missing:
            also = " or date" if "date" in s.missing else ""
            message = f"no outlet{also} found in the dump; readers will see it as {s.name!r}"
        elif "date" in s.missing:
            message = "no date found in the dump; its pages will show none"
        else:
            continue
        out.append(SitegenError(f"{message} (add it in seeds/sources.yaml)", s.location, "seed.missing"))
    return tuple(out)
