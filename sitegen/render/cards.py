"""Rendered pages → social-card PNGs (1200x630) named by each page's ``og:image``.

Cards are drawn with Pillow and the TrueType font Pillow itself embeds, so a
build needs no system font and gives the same bytes on every machine.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from html.parser import HTMLParser

from PIL import Image, ImageDraw, ImageFont

from sitegen.model import File, Output
from sitegen.progress import Progress
from sitegen.speed import in_parallel

WIDTH, HEIGHT = 1200, 630
CARD_NAME = "card.png"
MARGIN = 80
BG, FG, MUTED, ACCENT = "#10243e", "#ffffff", "#b9c6d8", "#f2b33d"

# Punctuation the embedded font lacks, spelled with characters it has.
_SUBSTITUTES: dict[int, str | int | None] = {
    **str.maketrans("\u2013\u2012\u2010\u2011\u2212\u00b7", "------"),  # dashes and the middle dot
    **str.maketrans("\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a\u00a0", '"""""\'\'\' '),  # quotes, no-break space
    ord("\u2014"): " - ",
    ord("\u2026"): "...",
}


class _Meta(HTMLParser):
    """Collects ``<meta property|name=... content=...>`` from one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        a = dict(attrs)
        key = a.get("property") or a.get("name")
        if key and a.get("content") is not None:
            self.meta.setdefault(key, a["content"] or "")


def page_meta(html: bytes) -> dict[str, str]:
    """The ``<meta>`` values of one rendered page, by property or name."""
    parser = _Meta()
    head = html.split(b"</head>", 1)[0]
    parser.feed(head.decode("utf-8", "replace"))
    parser.close()
    return parser.meta


def draw_cards(pages: Sequence[File], base_url: str, progress: Progress | None = None) -> Iterator[list[Output]]:
    """Each page's social card (none, or one named by its ``og:image``), in order, drawn as they are asked for:
    in worker processes when there are many."""
    heads = [(page.path, page.data.split(b"</head>", 1)[0]) for page in pages if page.path.endswith(".html")]
    (progress or Progress()).start("drawing cards", len(heads))
    drawn = iter(in_parallel(_cards_of_each, base_url, heads, progress))
    for page in pages:
        yield next(drawn) if page.path.endswith(".html") else []


def _cards_of_each(base_url: str, heads: Sequence[tuple[str, bytes]]) -> list[list[Output]]:
    return [cards_of(base_url, head) for head in heads]


def cards_of(base_url: str, page: tuple[str, bytes]) -> list[Output]:
    """The card a page's ``<head>`` names with its ``og:image``, when that is a ``card.png`` of this site."""
    meta = page_meta(page[1])
    image = meta.get("og:image", "")
    if not image.startswith(base_url) or not image.endswith(CARD_NAME):
        return []
    return [Output(image[len(base_url) :], card_png(meta.get("og:title", ""), meta.get("og:site_name", "")))]


def unique(cards: Iterable[list[Output]]) -> Iterator[Output]:
    """Every card once: when two pages name the same card, the first one's is kept."""
    seen: set[str] = set()
    for each in cards:
        for card in each:
            if card.path not in seen:
                seen.add(card.path)
                yield card


# A card is drawn as coverage (0-255) in one 8-bit channel, then each pixel becomes an index into a
# small palette: LEVELS shades from the background to the title colour, LEVELS more to the muted
# colour, and the accent. A palette PNG is a third of the bytes zlib must squeeze out of an RGB one,
# so a card takes a few milliseconds instead of twenty, and it looks the same at 16 anti-alias levels.
LEVELS = 16
_TITLE_BOX = (MARGIN // 2, 150, WIDTH, HEIGHT - 110)  # holds every title line, strokes included
_ACCENT_INDEX = 2 * LEVELS
_TITLE_SIZES = (72, 64, 56, 50, 44, 40)  # tried largest first until the title fits


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _palette() -> list[int]:
    """LEVELS shades BG->FG, LEVELS shades BG->MUTED, then ACCENT, as flat RGB triples."""
    bg = _rgb(BG)
    ramps = [(level, _rgb(top)) for top in (FG, MUTED) for level in range(LEVELS)]
    shades = [round(b + (t - b) * level / (LEVELS - 1)) for level, top in ramps for b, t in zip(bg, top, strict=True)]
    return shades + list(_rgb(ACCENT))


def _shades(first: int) -> list[int]:
    """A ``point`` table from coverage 0-255 to palette indices ``first .. first + LEVELS - 1``."""
    return [first + round(v * (LEVELS - 1) / 255) for v in range(256)]


@lru_cache(maxsize=8)
def _frame(site_name: str) -> Image.Image:
    """Everything on a card but the title, as palette indices: drawn once per site name."""
    cover = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(cover)
    small = _font(34)
    name = _drawable(site_name.upper(), small)
    draw.text((MARGIN, 70), _wrap(name, small, WIDTH - 2 * MARGIN, 1)[0], font=small, fill=255)
    draw.line((MARGIN, HEIGHT - 100, WIDTH - MARGIN, HEIGHT - 100), fill=255, width=2)
    draw.text((MARGIN, HEIGHT - 80), "Every claim linked to the passage it rests on", font=_font(30), fill=255)
    frame = cover.point(_shades(LEVELS))
    frame.paste(_ACCENT_INDEX, (0, 0, 25, HEIGHT))
    return frame


@lru_cache(maxsize=512)
def card_png(title: str, site_name: str) -> bytes:
    """A 1200x630 PNG with ``title`` large and ``site_name`` above it; same input, same bytes."""
    left, top, right, bottom = _TITLE_BOX
    cover = Image.new("L", (right - left, bottom - top), 0)
    draw = ImageDraw.Draw(cover)
    title_text = _drawable(title, _font(64)) or _drawable(site_name, _font(64))
    size, lines = _fit(title_text, top=150, bottom=HEIGHT - 130)
    font = _font(size)
    y = 150 - top
    line_height = round(size * 1.18)
    for line in lines:
        draw.text((MARGIN - left, y), line, font=font, fill=255, stroke_width=max(1, size // 40), stroke_fill=255)
        y += line_height
    img = _frame(site_name).copy()
    img.paste(cover.point(_shades(0)), (left, top))
    img.putpalette(_palette())
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=False, compress_level=1)
    return buf.getvalue()


@lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont:
    font = ImageFont.load_default(size=size)
    assert isinstance(font, ImageFont.FreeTypeFont), "Pillow was built without FreeType"
    return font


@lru_cache(maxsize=16)
def _notdef(font: ImageFont.FreeTypeFont) -> bytes:
    return bytes(font.getmask("\U0010fffd"))


@lru_cache(maxsize=4096)
def _has_glyph(font: ImageFont.FreeTypeFont, ch: str) -> bool:
    return bytes(font.getmask(ch)) != _notdef(font)


def _drawable(text: str, font: ImageFont.FreeTypeFont) -> str:
    """``text`` with characters the font cannot draw replaced by close ones it can."""
    text = " ".join(text.translate(_SUBSTITUTES).split())
    out = []
    for ch in text:
        if ch.isspace() or _has_glyph(font, ch):
            out.append(ch)
            continue
        plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        out.append(plain or "?")
    return "".join(out)


def _fit(text: str, top: int, bottom: int) -> tuple[int, list[str]]:
    """The largest font size from 72 down at which ``text`` fits the title box, and its lines."""
    for size in _TITLE_SIZES:  # the last, smallest size takes what does not fit, cut with an ellipsis
        lines = _wrap(text, _font(size), WIDTH - 2 * MARGIN, (bottom - top) // round(size * 1.18))
        if " ".join(lines) == text:
            break
    return size, lines


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to ``width`` pixels; a cut-off last line ends with an ellipsis."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines:  # and words are left over
            return _ellipsis(lines, font, width)
    if current:
        lines.append(current)
    return [_shorten(line, font, width) for line in lines]


def _ellipsis(lines: list[str], font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """``lines`` with the last one cut, at a word where it can be, to end in an ellipsis within ``width``."""
    last = _cut(lines[-1], font, width)
    if last != lines[-1] and " " in last:
        last = last.rsplit(" ", 1)[0]
    return [*lines[:-1], last + "..."]


def _shorten(line: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """A single over-long word cut to fit."""
    return line if font.getlength(line) <= width else _cut(line, font, width) + "..."


def _cut(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """The longest start of ``text`` that fits ``width`` with an ellipsis after it: a binary search, so a title of
    thousands of characters is measured a dozen times, not thousands."""
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if font.getlength(text[:mid] + "...") <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low]
