"""Rendered Markdown HTML → safe HTML (nh3), keeping the ids and classes the site needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import nh3

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_ATTRS = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "q": {"cite"},
}


def clean(html: str) -> str:
    """Drop scripts, event handlers and unsafe URLs; keep structure, ids and classes."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRS,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )


def parse_html(text: str) -> BeautifulSoup:
    """``text`` parsed by BeautifulSoup's ``html.parser``, even where that parser gives up.

    Python's HTMLParser (before 3.13.4/3.12.11) raises on a stray ``<![`` that is not a marked
    section (the cause of CVE-2025-69534); scraped text has such things, so on failure the
    ``<!`` openings are escaped and the text parsed again, showing them as text.
    """
    from bs4 import BeautifulSoup  # imported here: bs4 is slow to import and most dumps have no markup
    from bs4.exceptions import ParserRejectedMarkup

    try:
        return BeautifulSoup(text, "html.parser")
    except ParserRejectedMarkup:
        return BeautifulSoup(text.replace("<!", "&lt;!"), "html.parser")
