"""[Source] → an inline SVG diagram of who relies on whose reporting.

Each source names the reports it relies on (``Source.relies_on``: another
source's id or outlet, or an outlet outside the collection). Original reporting
sits in the left column; every outlet is drawn one column right of the furthest
report it relies on, with an arrow from the upstream report to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from sitegen.lineage import upstream_key
from sitegen.model import Source

BOX_W, BOX_H = 210, 58
COL_GAP, ROW_GAP, PAD = 70, 16, 8
CHARS = 24  # what fits in a box at the diagram's font size


@dataclass(frozen=True, slots=True)
class Node:
    """One outlet in the diagram; ``source_id`` is None for a report outside the collection."""

    key: str
    label: str
    detail: str
    source_id: str | None
    column: int
    row: int


@dataclass(frozen=True, slots=True)
class Diagram:
    """The laid-out diagram: nodes by column and row, edges as (upstream key, downstream key)."""

    nodes: tuple[Node, ...]
    edges: tuple[tuple[str, str], ...]

    def node(self, key: str) -> Node:
        """The node with ``key``."""
        return next(n for n in self.nodes if n.key == key)


def layout(sources: Sequence[Source]) -> Diagram:
    """Who relies on whom, laid out in columns; empty when no source names an upstream report."""
    by_name: dict[str, Source] = {}
    for s in sources:
        by_name.setdefault(upstream_key(s.id), s)
        if s.outlet:
            by_name.setdefault(upstream_key(s.outlet), s)
    edges: set[tuple[str, str]] = set()
    external: dict[str, str] = {}
    for s in sources:
        for name in s.relies_on:
            upstream = by_name.get(upstream_key(name))
            if upstream is not None and upstream.id == s.id:
                continue
            if upstream is None:
                key = "ext:" + upstream_key(name)
                external.setdefault(key, name.strip())
            else:
                key = upstream.id
            edges.add((key, s.id))
    if not edges:
        return Diagram((), ())
    ups: dict[str, list[str]] = {}
    for up, down in edges:
        ups.setdefault(down, []).append(up)
    depth: dict[str, int] = {}

    def depth_of(key: str, seen: frozenset[str]) -> int:
        if key in depth:
            return depth[key]
        parents = [p for p in ups.get(key, []) if p not in seen]
        d = 1 + max((depth_of(p, seen | {key}) for p in parents), default=-1)
        depth[key] = d
        return d

    linked = {k for e in edges for k in e}
    last = max(depth_of(k, frozenset()) for k in linked)
    columns: dict[int, list[tuple[str, str, str, str | None]]] = {}
    for s in sources:
        if s.id in linked:
            detail = f"{s.date:%b} {s.date.day}, {s.date.year}" if s.date else "date unknown"
            column = depth_of(s.id, frozenset())
        else:
            detail, column = "names no earlier report", last
        columns.setdefault(column, []).append((s.id, s.label, detail, s.id))
    for key, name in external.items():
        columns.setdefault(depth_of(key, frozenset()), []).append((key, name, "not in this collection", None))
    nodes: list[Node] = []
    row_of: dict[str, int] = {}
    for col in sorted(columns):

        def order(e: tuple[str, str, str, str | None]) -> tuple[float, str, str]:
            # Beside the reports it relies on (fewer crossing arrows); unlinked ones last.
            rows = [row_of[u] for u in ups.get(e[0], []) if u in row_of]
            return (sum(rows) / len(rows) if rows else (0 if e[0] in linked else 1e9)), upstream_key(e[1]), e[0]

        for row, (key, label, detail, sid) in enumerate(sorted(columns[col], key=order)):
            row_of[key] = row
            nodes.append(Node(key, label, detail, sid, col, row))
    return Diagram(tuple(nodes), tuple(sorted(edges)))


def lineage_svg(sources: Sequence[Source]) -> str:
    """An inline ``<svg>`` of the lineage, or "" when there is none; hidden from screen readers, which read the same
    as :func:`lineage_list`."""
    lin = layout(sources)
    if not lin.nodes:
        return ""
    cols = max(n.column for n in lin.nodes) + 1
    rows = max(n.row for n in lin.nodes) + 1
    width = PAD * 2 + cols * BOX_W + (cols - 1) * COL_GAP
    height = PAD * 2 + rows * BOX_H + (rows - 1) * ROW_GAP
    col_rows = {c: max(n.row for n in lin.nodes if n.column == c) + 1 for c in range(cols)}

    def box(n: Node) -> tuple[float, float]:
        offset = (rows - col_rows[n.column]) * (BOX_H + ROW_GAP) / 2  # centre short columns
        return PAD + n.column * (BOX_W + COL_GAP), PAD + offset + n.row * (BOX_H + ROW_GAP)

    out = [
        f'<svg class="lineage-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-hidden="true" focusable="false">'
    ]
    for up, down in lin.edges:
        (ux, uy), (dx, dy) = box(lin.node(up)), box(lin.node(down))
        x1, y1 = ux + BOX_W, uy + BOX_H / 2
        x2, y2 = dx - 2, dy + BOX_H / 2
        mid = (x1 + x2) / 2
        out.append(
            f'<path class="lineage-edge" d="M{x1:g} {y1:g} C{mid:g} {y1:g} {mid:g} {y2:g} {x2 - 8:g} {y2:g}" '
            'fill="none" stroke="#6b6a63" stroke-width="1.5"/>'
            f'<path class="lineage-arrow" d="M{x2 - 9:g} {y2 - 5:g} L{x2:g} {y2:g} L{x2 - 9:g} {y2 + 5:g} Z" '
            'fill="#6b6a63"/>'
        )
    for n in lin.nodes:
        x, y = box(n)
        kind = "lineage-node" if n.source_id else "lineage-node lineage-external"
        dash = "" if n.source_id else ' stroke-dasharray="5 4"'
        out.append(
            f'<g class="{kind}">'
            f'<rect x="{x:g}" y="{y:g}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#ffffff" stroke="#6b6a63"{dash}/>'
            f'<text x="{x + 12:g}" y="{y + 24:g}" font-size="15" font-weight="700" fill="#1d1d1b">'
            f"{escape(_clip(n.label))}</text>"
            f'<text class="lineage-detail" x="{x + 12:g}" y="{y + 44:g}" font-size="13" fill="#5a5953">'
            f"{escape(_clip(n.detail, CHARS + 4))}</text></g>"
        )
    out.append("</svg>")
    return "".join(out)


def _clip(text: str, limit: int = CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def lineage_list(sources: Sequence[Source]) -> str:
    """The diagram as lists, shown on screens too narrow for it and read by screen readers: each report, then the
    outlets that rely on it; last, the outlets that name no earlier report. "" when there is no diagram."""
    lin = layout(sources)
    items = []
    for up in sorted(lin.nodes, key=lambda n: (n.column, n.row)):
        downs = [lin.node(d) for u, d in lin.edges if u == up.key]
        if downs:
            items.append(f"<li>{_item(up)}<ul>{''.join(f'<li>{_item(d)}</li>' for d in downs)}</ul></li>")
    alone = [n for n in lin.nodes if n.detail == "names no earlier report"]
    if alone:
        names = "".join(f"<li><strong>{escape(n.label)}</strong></li>" for n in alone)
        items.append(f'<li><span class="lineage-none">Name no earlier report</span><ul>{names}</ul></li>')
    return f'<ol class="lineage-list">{"".join(items)}</ol>' if items else ""


def _item(n: Node) -> str:
    external = "" if n.source_id else ' class="lineage-external"'
    return f"<strong{external}>{escape(n.label)}</strong> <span>{escape(n.detail)}</span>"
