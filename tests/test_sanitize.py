"""sitegen/sanitize.py: editors' HTML keeps its structure, ids and classes, and loses everything active."""

from __future__ import annotations

import pytest

from sitegen.sanitize import clean, parse_html


def test_structure_ids_and_classes_stay() -> None:
    html = '<h2 id="what">What</h2><p class="lead">A <em>b</em> <a href="https://x.org/a" title="t">c</a></p>'
    assert clean(html) == html
    table = '<table><tr><th scope="col">a</th><td colspan="2">b</td></tr></table>'
    assert clean(table) == '<table><tbody><tr><th scope="col">a</th><td colspan="2">b</td></tr></tbody></table>'


@pytest.mark.parametrize(
    ("dirty", "kept"),
    [
        ("<script>alert(1)</script>x", "x"),
        ('<img src="a.png" alt="A" onerror="alert(1)">', '<img src="a.png" alt="A">'),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="data:text/html,x">x</a>', "<a>x</a>"),
        ("<svg onload=alert(1)><circle/></svg>", ""),
        ('<iframe src="//x"></iframe>', ""),
        ("<!-- a comment -->text", "text"),
        ('<div style="color:red" onclick="x">d</div>', "<div>d</div>"),
    ],
)
def test_active_markup_and_unsafe_links_go(dirty: str, kept: str) -> None:
    assert clean(dirty) == kept


def test_parse_html_reads_text_a_strict_parser_gives_up_on() -> None:
    soup = parse_html("<p>one <![ two ]> three</p>")
    assert soup.get_text() == "one <![ two ]> three"
