"""[Source] → the diagram of who relies on whose reporting, laid out (``partials/lineage-figure.html`` draws it):
original reporting in the left column, every outlet one column right of the furthest report it relies on
(``Source.relies_on``: another source's id or outlet, or an outlet outside the collection)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from sitegen.lineage import upstream_key
from sitegen.model import Source

BOX_W, BOX_H = 210, 58
COL_GAP, ROW_GAP, PAD = 70, 16, 8


@dataclass(frozen=True, slots=True)
class Node:
    """One outlet in the diagram; ``source_id`` is None for a report outside the collection."""

    key: str
    label: str
    detail: str
    source_id: str | None
    column: int
    row: int
    x: int = 0  # the box's top left corner in the drawing
    y: int = 0


@dataclass(frozen=True, slots=True)
class Diagram:
    """The laid-out diagram: nodes by column and row, edges as (upstream key, downstream key)."""

    nodes: tuple[Node, ...]
    edges: tuple[tuple[str, str], ...]
    width: int = 0
    height: int = 0
    BOX: ClassVar[tuple[int, int]] = (BOX_W, BOX_H)

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
    cols, rows = max(columns) + 1, max(n.row for n in nodes) + 1
    tall = {c: max(n.row for n in nodes if n.column == c) + 1 for c in columns}
    step = BOX_H + ROW_GAP  # a column shorter than the tallest is centred
    boxes = [
        replace(n, x=PAD + n.column * (BOX_W + COL_GAP), y=PAD + (rows - tall[n.column] + 2 * n.row) * step // 2)
        for n in nodes
    ]
    size = (PAD * 2 + cols * BOX_W + (cols - 1) * COL_GAP, PAD * 2 + rows * BOX_H + (rows - 1) * ROW_GAP)
    return Diagram(tuple(boxes), tuple(sorted(edges)), *size)
