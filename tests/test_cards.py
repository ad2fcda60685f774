"""sitegen/render/cards.py: a 1200x630 social card for every page that names one, the same bytes every time."""

from __future__ import annotations

import io

from PIL import Image

from sitegen.model import Output
from sitegen.render.cards import card_png, draw_cards, page_meta, unique


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
    cards = sorted(unique(draw_cards(outputs, "https://x.org/sub/")), key=lambda c: c.path)
    assert [c.path for c in cards] == ["a/card.png", "card.png"]
    assert page_meta(outputs[0].data)["og:title"] == "A & B"
