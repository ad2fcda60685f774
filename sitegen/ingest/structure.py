"""The body of a cleaned dump: numbered paragraphs, items and headings with unique anchors."""

from __future__ import annotations

from sitegen.ingest.dump import Dump
from sitegen.ingest.read import Line
from sitegen.ingest.text import looks_like_heading, slug, unique
from sitegen.model import Dropped, Paragraph


def paragraphs(dump: Dump) -> tuple[Paragraph, ...]:
    """The body: numbered paragraphs and items, and headings with unique anchors."""
    live = dump.live()
    out: list[Paragraph] = []
    anchors: set[str] = set()
    number = 0
    for index, line in enumerate(live):
        kind = kind_of(line, has_next=index + 1 < len(live))
        if kind == "heading":
            anchor = unique(f"h-{slug(line.text) or 'section'}", anchors)
            out.append(Paragraph(0, anchor, line.text, "heading", line.no))
            continue
        number += 1
        out.append(Paragraph(number, f"p{number}", line.text, kind, line.no))
    return tuple(out)


def kind_of(line: Line, has_next: bool) -> str:
    """heading, item or para: markup decides when there is some, else the line's shape."""
    if line.hint == "item":
        return "item"
    if line.hint in ("h1", "heading"):
        return "heading" if has_next else "para"
    if line.hint in ("para", "standfirst"):
        return "para"
    return "heading" if has_next and looks_like_heading(line.text) else "para"


def dropped(dump: Dump) -> tuple[Dropped, ...]:
    """Every removed line with the rule that removed it, in file order."""
    return tuple(Dropped(line.no, line.raw, line.rule) for line in dump.lines if line.rule)
