"""sitegen/render/lineage_svg.py: who relies on whose reporting, laid out; and the figure the template draws from
it, as an inline SVG and as lists (what screen readers read, and what narrow screens show)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup

from sitegen.model import Paragraph, Source
from sitegen.render.lineage_svg import layout
from tests.conftest import MINIMAL_SEED, write_files
from tests.invariants import build_inproc

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
    assert [(n.key, n.x, n.y) for n in d.nodes if n.column == 0] == [("ext:bloomberg", 8, 8), ("wire", 8, 82)]
    assert (d.width, d.height) == (8 * 2 + 3 * 210 + 2 * 70, 8 * 2 + 2 * 58 + 16)


def test_the_figure_is_an_svg_hidden_from_screen_readers_and_lists_they_read_with_names_escaped(
    tmp_path: Path,
) -> None:
    write_files(
        tmp_path,
        {
            "site.yaml": "title: T\n",
            "seeds/a.txt": MINIMAL_SEED,
            "seeds/b.txt": MINIMAL_SEED.replace("Jane Doe", "Sam Lee"),
            "seeds/sources.yaml": "a.txt:\n  id: a\n  outlet: A <b> & Co\n"
            "  relies_on: ['Up\u201cstream\u201d <script>']\nb.txt:\n  id: b\n  outlet: B\n",
        },
    )
    assert build_inproc(tmp_path).code == 0
    html = (tmp_path / "public" / "sources" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in html.split("</head>")[1].replace("<script src", "") and "<b>" not in html
    root = ET.fromstring(html[html.index("<svg") : html.index("</svg>") + 6])
    assert root.tag == f"{SVG}svg" and root.get("aria-hidden") == "true"
    assert len(root.findall(f".//{SVG}rect")) == 3 and len(root.findall(f".//{SVG}path")) == 2  # one arrow
    figure = BeautifulSoup(html, "html.parser").select_one("ol.lineage-list")
    assert figure is not None
    assert [" ".join(li.get_text(" ").split()) for li in figure.find_all("li", recursive=False)] == [
        "Up\u201cstream\u201d <script> not in this collection A <b> & Co Mar 3, 2025",
        "Name no earlier report B",
    ]


def test_no_lineage_diagram_when_no_source_names_an_upstream_report() -> None:
    assert layout([src("a", "A"), src("b", "B")]).nodes == ()
    assert layout([src("a", "A", ("A",))]).nodes == ()  # relying on itself is no lineage
