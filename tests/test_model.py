"""sitegen/model.py: the nouns passed between stages hold what they are given, compressed where it pays."""

from __future__ import annotations

from sitegen.model import CitedPage, Output, PackedOutput, Page, Paragraph, Source


def test_a_page_and_its_body_come_back_byte_for_byte_from_their_compressed_form() -> None:
    html = "<p>Caf\u00e9 \u2014 " + "text " * 500 + "</p>"
    cited = CitedPage.of(Page("content/a.md", "a/", "A", "", 1), html, ())
    assert cited.html == html and len(cited.packed) < len(html) // 5
    packed = PackedOutput.of("a/index.html", html.encode())
    assert packed.data == html.encode() and packed.path == "a/index.html"
    assert Output("x", b"y").data == b"y"


def test_a_source_numbers_its_citable_paragraphs_and_not_its_headings() -> None:
    paras = (
        Paragraph(0, "h-intro", "Intro", "heading"),
        Paragraph(1, "p1", "One."),
        Paragraph(2, "p2", "Two.", "item"),
    )
    source = Source("wire", "seeds/wire.txt", None, None, (), None, None, (), paras)
    assert [p.anchor for p in source.numbered] == ["p1", "p2"]
    assert source.paragraph(2) == paras[2] and source.paragraph(3) is None
    assert source.location.path == "seeds/wire.txt"
