"""sitegen/render/lineage_svg.py: who relies on whose reporting, as an accessible inline SVG."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from sitegen.model import Paragraph, Source
from sitegen.render.lineage_svg import describe, layout, lineage_svg

SVG = "{http://www.w3.org/2000/svg}"


def src(sid: str, outlet: str | None, relies_on: tuple[str, ...] = (), date: dt.date | None = None) -> Source:
    return Source(
        sid, f"seeds/{sid}.txt", f"Title {sid}", outlet, (), date, None, relies_on, (Paragraph(1, "p1", "Text."),)
    )


def test_lineage_puts_upstream_reports_left_and_relying_outlets_right() -> None:
    sources = [
        src("wire", "Wire Service"),
        src("daily", "Daily", ("Wire Service",), dt.date(2026, 5, 26)),
        src("weekly", "Weekly", ("Bloomberg", "the-daily.com")),
        src("lonely", None),
    ]
    d = layout(sources)
    where = {n.key: (n.column, n.label, n.detail) for n in d.nodes}
    assert where == {
        "ext:bloomberg": (0, "Bloomberg", "not in this collection"),
        "wire": (0, "Wire Service", "date unknown"),
        "daily": (1, "Daily", "May 26, 2026"),
        "weekly": (2, "Weekly", "date unknown"),
        "lonely": (2, "Title lonely", "names no earlier report"),  # no outlet or author: its headline
    }
    assert d.edges == (("daily", "weekly"), ("ext:bloomberg", "weekly"), ("wire", "daily"))
    assert describe(d) == (
        "Weekly relies on Bloomberg (not in this collection). Daily relies on Wire Service. Weekly relies on Daily."
    )


def test_lineage_svg_is_well_formed_with_a_title_and_description_and_escapes_names() -> None:
    svg = lineage_svg([src("a", "A <b> & Co", ("Up\u201cstream\u201d <script>",)), src("b", "B")])
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Who relies on whose reporting"  # type: ignore[union-attr]
    desc = root.find(f"{SVG}desc").text  # type: ignore[union-attr]
    assert desc == "A <b> & Co relies on Up\u201cstream\u201d <script> (not in this collection)."
    assert "<script>" not in svg and "<b>" not in svg
    assert len(root.findall(f".//{SVG}rect")) == 3


def test_no_lineage_diagram_when_no_source_names_an_upstream_report() -> None:
    assert lineage_svg([src("a", "A"), src("b", "B")]) == ""
    assert lineage_svg([src("a", "A", ("A",))]) == ""  # relying on itself is no lineage
