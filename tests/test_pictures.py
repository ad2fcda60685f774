"""Pictures made at build time: social cards (Pillow) and the source lineage diagram (SVG)."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

from PIL import Image

from sitegen.cards import card_png, page_meta, social_cards
from sitegen.lineage_svg import describe, layout, lineage_svg
from sitegen.model import Paragraph, Source
from sitegen.render import Output

SVG = "{http://www.w3.org/2000/svg}"


def src(sid: str, outlet: str | None, relies_on: tuple[str, ...] = (), date: dt.date | None = None) -> Source:
    return Source(
        sid, f"seeds/{sid}.txt", f"Title {sid}", outlet, (), date, None, relies_on, (Paragraph(1, "p1", "Text."),)
    )


def page(path: str, image: str, title: str = "A &amp; B") -> Output:
    head = (
        f'<html><head><meta property="og:site_name" content="Site"><meta property="og:title" content="{title}">'
        f'<meta property="og:image" content="{image}"></head><body></body></html>'
    )
    return Output(path, head.encode())


def test_card_is_a_1200x630_png_and_the_same_title_gives_the_same_bytes() -> None:
    data = card_png("Who is affected \u2014 and why \u201cstrategic\u201d talent stays", "China's AI curbs")
    with Image.open(io.BytesIO(data)) as img:
        assert (img.format, img.size, img.mode) == ("PNG", (1200, 630), "P")  # a palette PNG: few colours, small, fast
    card_png.cache_clear()
    assert card_png("Who is affected \u2014 and why \u201cstrategic\u201d talent stays", "China's AI curbs") == data
    assert card_png("Another title", "China's AI curbs") != data


def test_a_very_long_or_non_latin_title_still_makes_a_card() -> None:
    chinese = "\u4e2d\u56fd\u9650\u5236\u4eba\u5de5\u667a\u80fd\u7814\u7a76\u4eba\u5458\u51fa\u5883"
    for title in ("word " * 200, chinese, ""):
        with Image.open(io.BytesIO(card_png(title, "Site"))) as img:
            assert img.size == (1200, 630)


def test_cards_are_made_for_the_pages_that_name_one_of_this_site() -> None:
    outputs = [
        page("index.html", "https://x.org/sub/card.png"),
        page("a/index.html", "https://x.org/sub/a/card.png"),
        page("b/index.html", "https://elsewhere.org/card.png"),  # not ours: no file made
        Output("feed.xml", b"<feed/>"),
    ]
    cards = social_cards(outputs, "https://x.org/sub/")
    assert [c.path for c in cards] == ["a/card.png", "card.png"]
    assert page_meta(outputs[0].data)["og:title"] == "A & B"


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
