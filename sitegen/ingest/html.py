"""Reading an HTML dump: block elements become lines, and the head's metadata is kept.

A streaming parse (the standard library's ``HTMLParser``) with a stack of the
open elements: every element is pushed and popped once, so the walk is linear
in the size of the document however deep it nests. What a block inherits from
its ancestors (inside a menu, a form, a caption, a skipped element) is counted
on the way down, never looked up.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from sitegen.ingest.dates import find_date
from sitegen.ingest.lines import Line, Meta
from sitegen.ingest.text import WS, is_http_url

_BLOCKS = frozenset(
    ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "dt", "dd", "td", "th",
     "caption", "div", "section", "article", "header", "footer", "main", "aside", "ul", "ol", "dl", "table", "tr",
     "figure", "address", "hr", "br", "nav", "form", "body", "html", "summary", "details", "menu"]
)  # fmt: skip
_SKIP = frozenset(
    ["noscript", "template", "svg", "iframe", "object", "embed", "head", "title", "button", "select", "textarea",
     "canvas", "math", "input", "script", "style"]
)  # fmt: skip
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"])  # fmt: skip
_CHROME = frozenset(["nav", "form", "menu"])
_DEK_CLASS = re.compile(r"(?i)\b(?:dek|standfirst|subtitle|subhead(?:line)?|summary|lede|excerpt|strapline)\b")
_PARA = frozenset(["p", "blockquote", "pre", "dd", "td"])


class _Open:
    """An open element on the parser's stack."""

    __slots__ = ("hint", "line", "name")

    def __init__(self, name: str, line: int, hint: str) -> None:
        self.name, self.line, self.hint = name, line, hint


class _Reader(HTMLParser):
    """Collects the text of each block element, and the head's metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.stack: list[_Open] = []
        self.open_count: dict[str, int] = {}
        self.chrome = self.caption = self.skip = 0  # open menus/forms, captions, skipped elements
        self.block: _Open | None = None  # the innermost open block element
        self.buf: list[str] = []
        self.owner: _Open | None = None  # the block the buffered text belongs to (None: the document)
        self.last_line = 1
        self.hint = ""  # what the buffered text sits in: "chrome", "caption" or ""
        self.code: list[str] = []  # text of the script or style element being read
        self.code_at = (0, "")
        self.title: list[str] | None = None
        self.found: dict[str, str] = {}

    # ------------------------------------------------------------------ elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        self.last_line = line
        values = {k: v or "" for k, v in attrs}
        self._note_meta(tag, values)
        if tag in _BLOCKS:
            self.flush()
        if tag in _VOID:
            return
        classes = values.get("class", "")
        hint = _hint(tag, classes) if tag in _BLOCKS else ""
        node = _Open(tag, line, hint)
        self.stack.append(node)
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        self._enter(node, +1)
        if tag in ("script", "style"):
            self.code, self.code_at = [], (line, tag)
        elif tag == "title" and self.title is None:
            self.title = []

    def handle_endtag(self, tag: str) -> None:
        if not self.open_count.get(tag):
            return  # never opened (or a void element): nothing to close
        while self.stack:
            node = self.stack.pop()
            self.open_count[node.name] -= 1
            self._enter(node, -1)
            if node.name in _BLOCKS:
                self.flush()
            if node.name in ("script", "style"):
                snippet = WS.sub(" ", "".join(self.code)).strip()[:60]
                self.lines.append(Line(self.code_at[0], f"<{node.name}>{snippet}", hint="code"))
                self.code = []
            if node.name == tag:
                break

    def _enter(self, node: _Open, step: int) -> None:
        """Count ``node`` in (+1) or out (-1) of the inherited states, and track the innermost block."""
        name = node.name
        if name in _CHROME:
            self.chrome += step
        elif name == "figcaption":
            self.caption += step
        if name in _SKIP:
            self.skip += step
        if name in _BLOCKS:
            self.block = node if step > 0 else next((n for n in reversed(self.stack) if n.name in _BLOCKS), None)

    # ------------------------------------------------------------------ text

    def handle_data(self, data: str) -> None:
        if self.title is not None and self.open_count.get("title"):
            self.title.append(data)
        if self.stack and self.stack[-1].name in ("script", "style"):
            self.code.append(data)
            return
        if self.skip:
            return
        if self.block is not self.owner:
            self.flush()
            self.owner = self.block
        if not self.buf:
            self.hint = "chrome" if self.chrome else "caption" if self.caption else ""
        self.buf.append(data)

    def flush(self) -> None:
        """The buffered text as a line (or, outside any block, a line per line of text)."""
        text = "".join(self.buf)
        self.buf.clear()
        owner, self.owner = self.owner, self.block
        if not text.strip():
            return
        if owner is None:
            for offset, piece in enumerate(text.lstrip("\n").split("\n")):
                words = WS.sub(" ", piece).strip()
                if words:
                    self.lines.append(Line(self.last_line + offset, words, words, markup=False))
            return
        words = WS.sub(" ", text).strip()
        self.lines.append(Line(owner.line, words, words, self.hint or owner.hint, markup=False))

    # ------------------------------------------------------------------ metadata

    def _note_meta(self, tag: str, values: dict[str, str]) -> None:
        """Remember the first of each metadata tag the dump carries."""
        keys: list[tuple[str, str]] = []
        if tag == "meta":
            named = [attr for attr in ("property", "name", "itemprop") if attr in values]
            keys = [(f"{attr}={values[attr]}", "content") for attr in named]
        elif tag == "link" and "canonical" in values.get("rel", "").split():
            keys = [("canonical", "href")]
        elif tag == "time" and (values.get("itemprop") == "datePublished" or "pubdate" in values):
            keys = [("time", "datetime")]
        elif tag == "time" and len(self.lines) <= _TOP_LINES:  # the first <time datetime> at the top of the page
            keys = [("time-top", "datetime")]
        for key, attr in keys:
            value = WS.sub(" ", values.get(attr, "")).strip()
            if value:
                self.found.setdefault(key, value)


_TOP_LINES = 10  # a <time> among the page's first lines of text (headline, byline) dates the article


def _hint(name: str, classes: str) -> str:
    """What a block element's own name and class say about its text."""
    if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return "h1" if name == "h1" else "heading"
    if name == "li":
        return "item"
    if classes and _DEK_CLASS.search(classes):
        return "standfirst"
    return "para" if name in _PARA else ""


def html_lines(text: str) -> tuple[list[Line], Meta]:
    """Blocks of an HTML dump (block elements become lines) and what its head states."""
    reader = _read(text)
    reader.lines.sort(key=lambda line: line.no)
    return reader.lines, _meta(reader)


def html_text(fragment: str) -> str:
    """The plain text of an HTML fragment, without script or style code."""
    reader = _read(fragment)
    return " ".join(line.text for line in reader.lines if line.hint != "code")


def _read(text: str) -> _Reader:
    """``text`` parsed; a stray ``<![`` that older parsers refuse is read as text."""
    reader = _Reader()
    try:
        reader.feed(text)
        reader.close()
    except AssertionError:  # Python's HTMLParser before 3.13.4 on "<![" that opens no marked section
        reader = _Reader()
        reader.feed(text.replace("<!", "&lt;!"))
        reader.close()
    while reader.stack:  # elements left open at the end close there
        reader.handle_endtag(reader.stack[-1].name)
    reader.flush()
    return reader


def _meta(reader: _Reader) -> Meta:
    """Title, site name, author, date and URL the dump declares."""
    found = reader.found
    title = found.get("property=og:title")
    if title is None and reader.title:
        title = WS.sub(" ", "".join(reader.title)).strip() or None
    author = found.get("name=author")
    stamp = (
        found.get("property=article:published_time")
        or found.get("name=date")
        or found.get("itemprop=datePublished")
        or found.get("time")
        or found.get("time-top")
    )
    url = found.get("canonical") or found.get("property=og:url")
    return Meta(
        title=title,
        outlet=found.get("property=og:site_name") or found.get("name=application-name"),
        authors=(author,) if author and not re.match(r"https?:", author) else (),
        date=find_date(stamp) if stamp else None,
        url=url if url and is_http_url(url) else None,
    )
