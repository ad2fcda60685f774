"""sitegen/render/lineage_svg.py: who relies on whose reporting, as an inline SVG and as lists (what screen readers
read, and what narrow screens show)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup

from sitegen.model import Paragraph, Source
from sitegen.render.lineage_svg import layout, lineage_list, lineage_svg

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
    lists = BeautifulSoup(lineage_list(sources), "html.parser").select("ol.lineage-list > li")
    assert [" ".join(li.get_text(" ").split()) for li in lists] == [
        "Bloomberg not in this collection Weekly date unknown",
        "Wire Service date unknown Daily May 26, 2026",
        "Daily May 26, 2026 Weekly date unknown",
        "Name no earlier report Title lonely",
    ]


def test_lineage_svg_and_lists_are_well_formed_and_escape_names() -> None:
    sources = [src("a", "A <b> & Co", ("Up\u201cstream\u201d <script>",)), src("b", "B")]
    svg = lineage_svg(sources)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("aria-hidden") == "true"  # the lists say the same to screen readers
    assert "<script>" not in svg and "<b>" not in svg
    assert len(root.findall(f".//{SVG}rect")) == 3
    html = lineage_list(sources)
    assert "<script>" not in html and "<b>" not in html
    text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    assert (
        text == "Up\u201cstream\u201d <script> not in this collection A <b> & Co date unknown Name no earlier report B"
    )


def test_no_lineage_diagram_when_no_source_names_an_upstream_report() -> None:
    assert lineage_svg([src("a", "A"), src("b", "B")]) == "" == lineage_list([src("a", "A"), src("b", "B")])
    assert lineage_svg([src("a", "A", ("A",))]) == ""  # relying on itself is no lineage
