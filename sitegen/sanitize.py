"""Rendered Markdown HTML → safe HTML (nh3), keeping the ids and classes the site needs.

An editor's HTML cannot borrow the site's own markup: classes that mark citations, references and sources are
dropped, a ``title`` holding a quotation is dropped (a citation shows its quote there), and an id the templates
use (``main``, ``ref-1``, ``cite-1-1``, ``references-title``...) is prefixed with ``section-``; the citation
markers are added after this, by :mod:`sitegen.markup`.
"""

from __future__ import annotations

import re

import nh3
from markdown.extensions.toc import slugify

_TAG_NAMES = """a abbr b blockquote br caption code dd del details div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr
    i img ins kbd li mark ol p pre q s small span strong sub summary sup table tbody td tfoot th thead tr u ul"""
_TAGS = set(_TAG_NAMES.split())
_ATTRS = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "q": {"cite"},
}
_URL_ATTRS = {("a", "href"), ("img", "src"), ("q", "cite")}
_SCHEMES = {"http", "https", "mailto"}
_OWN_CLASS = re.compile(r"(cite|ref|backref|backlink|source|claim|cell|stance|pnum|flag)")
_OWN_ID = re.compile(r"main|sitegen-error|p[0-9]+|(cite|ref|claim|event|search|site)-.*|.*-title")
_QUOTATION = re.compile('["“”„«»]')
ID_PREFIX = "section-"


def clean(html: str) -> str:
    """Drop scripts, event handlers, unsafe URLs and the site's own markup; keep structure, ids and classes."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRS,
        attribute_filter=_attribute,
        url_schemes=_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def _attribute(tag: str, name: str, value: str) -> str | None:
    """One attribute as it may stay in an editor's HTML, or None to drop it."""
    if (tag, name) in _URL_ATTRS:
        scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", re.sub(r"[\x00-\x20]", "", value))  # as browsers read it
        return value if scheme is None or scheme[1].lower() in _SCHEMES else None
    if name == "class":
        return " ".join(c for c in value.split() if not _OWN_CLASS.match(c)) or None
    if name == "title" and _QUOTATION.search(value):
        return None
    return own_id(value) if name == "id" else value


def own_id(value: str) -> str:
    """``value`` as an id that is not one the site's own markup uses (``main`` → ``section-main``)."""
    return ID_PREFIX + value if _OWN_ID.fullmatch(value) else value


def heading_id(text: str, separator: str) -> str:
    """A heading's id (Markdown's ``toc`` slug) that never takes one of the site's own ids."""
    return own_id(slugify(text, separator))
