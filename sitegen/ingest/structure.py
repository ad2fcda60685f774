"""The body of a cleaned dump: numbered paragraphs, items and headings with unique anchors."""

from __future__ import annotations

from sitegen.ingest.dump import Dump
from sitegen.ingest.lines import Line
from sitegen.ingest.prose import is_prose
from sitegen.ingest.text import looks_like_heading, slug, unique
from sitegen.model import Dropped, Paragraph


def paragraphs(dump: Dump) -> tuple[Paragraph, ...]:
    """The body: numbered paragraphs and items, and headings (where text follows) with unique anchors."""
    live = dump.live()
    out: list[Paragraph] = []
    anchors: set[str] = set()
    number = 0
    for index, line in enumerate(live):
        after = live[index + 1] if index + 1 < len(live) else None
        kind = kind_of(line, after)
        if kind == "heading":
            anchor = unique(f"h-{slug(line.text) or 'section'}", anchors)
            out.append(Paragraph(0, anchor, line.text, "heading", line.no))
            continue
        number += 1
        out.append(Paragraph(number, f"p{number}", line.text, kind, line.no, line is dump.truncated))
    return tuple(out)


def kind_of(line: Line, after: Line | None) -> str:
    """heading, item or para: markup decides when there is some, else the line's shape and what follows it."""
    if line.hint == "item":
        return "item"
    if line.hint in ("h1", "heading"):
        return "heading" if after is not None else "para"
    if line.hint in ("para", "standfirst"):
        return "para"
    if after is None or not looks_like_heading(line.text):
        return "para"
    return "heading" if after.hint in ("item", "para") or is_prose(after.text) else "para"


def dropped(dump: Dump) -> tuple[Dropped, ...]:
    """Every removed line with the rule that removed it, in file order."""
    return tuple(Dropped(line.no, line.raw, line.rule) for line in dump.lines if line.rule)
