"""Seed lines: one dump's text (plain, Markdown or HTML) as numbered blocks, and the text helpers that judge them.

``_read_lines(text, rel, rules)`` -> the blocks, what an HTML head states, and
whether the dump is Markdown. Only code, markup and the HTML chrome and captions
the rules name are marked dropped here; bs4 is imported only for HTML.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from sitegen.debris import Rules

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

_MON = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    rf"(?<!\d)(?:(?P<m1>{_MON})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MON})\.?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))(?!\d)"
)
_DATE_RE = re.compile(_DATE)
_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_ITEM = re.compile(r"^(?:[-*+•‣▪◦]|\d{1,2}[.)])\s+(?=\S)")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_MD_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
_MD_IMAGE_LINE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*$")
_MD_LINK_DEF = re.compile(r"^\[[^\]]+\]:\s+\S+")
_MD_SUBS = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\((?:[^()\s]+|<[^>]*>)(?:\s+\"[^\"]*\")?\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),
)
_CODE_OPEN = re.compile(r"<(script|style)\b", re.I)
_WS = re.compile(r"\s+")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
_ENDS_CLAUSE = re.compile(r"[.!?…:;,>\"'”’)\]]$")
_QUOTED = re.compile(r"^[“\"‘'«„‹]\s*(?P<q>.+?)\s*[”\"’'»“›]\s*(?:[—–-]+\s*[^“”\"]{1,60})?$")
# Words a Title Case headline leaves in lower case.
_SMALL = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "nor", "of", "on", "or", "over",
     "per", "the", "to", "vs", "via", "with", "up", "off", "out", "than", "that"]
)  # fmt: skip
_TOKEN = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
_TITLE_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_ENDS_CLOSED = re.compile(r"[.,;:!…][\"'”’)]*$")  # a line ending like this is prose, not a heading


def _words(text: str) -> int:
    """How many whitespace-separated words ``text`` has."""
    return len(text.split())


def _norm(text: str) -> str:
    """``text`` for comparisons: lower case, letters and digits only, single spaces."""
    return " ".join(_TOKEN.findall(text.casefold()))


def _contains(haystack: str, needle: str) -> bool:
    """Whether normalised ``needle`` occurs in normalised ``haystack`` on word boundaries."""
    return bool(needle) and f" {needle} " in f" {haystack} "


def _slug(text: str, max_words: int = 0) -> str:
    """``text`` as lowercase ASCII words joined by dashes (at most ``max_words`` words when given)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    if max_words:
        words = words[:max_words]
    slug = "-".join(words)
    return slug[:60].rstrip("-") if len(slug) > 60 else slug


def _find_date(text: str) -> dt.date | None:
    """The first real calendar date written out in ``text``, or None."""
    for found in _DATE_RE.finditer(text):
        value = _date_of(found)
        if value:
            return value
    return None


def _date_of(found: re.Match[str]) -> dt.date | None:
    """The date a ``_DATE`` match spells, or None for an impossible one."""
    try:
        if found["y3"]:
            return dt.date(int(found["y3"]), int(found["m3"]), int(found["d3"]))
        month = found["m1"] or found["m2"]
        day = found["d1"] or found["d2"]
        year = found["y1"] or found["y2"]
        return dt.date(int(year), _MONTHS[month[:3].lower()], int(day))
    except ValueError:
        return None


def _headline_like(text: str) -> bool:
    """A short line that does not end like a sentence and starts with a capital."""
    letters = _LETTER.search(text)
    return (
        2 <= _words(text) <= 25 and not _ENDS_CLOSED.search(text) and letters is not None and letters.group().isupper()
    )


def _title_case(text: str) -> bool:
    """Whether most significant words start with a capital (headline style)."""
    words = [w for w in _TITLE_WORD.findall(text) if w.lower() not in _SMALL]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) >= 0.8


def _sentence_like(text: str) -> bool:
    """A line that reads as prose: six or more words, ending with sentence punctuation."""
    return _words(text) >= 6 and bool(_ENDS_SENTENCE.search(text))


def _looks_like_heading(text: str) -> bool:
    """A short line without closing punctuation that starts with a capital: a section heading."""
    letters = _LETTER.search(text)
    return (
        _words(text) <= 12
        and len(text) <= 100
        and not _ENDS_CLOSED.search(text)
        and letters is not None
        and letters.group().isupper()
        and not _QUOTED.match(text)
    )


def _strip_tags(text: str) -> str:
    """Plain text of an HTML fragment, without script or style code."""
    from sitegen.sanitize import parse_html

    soup = parse_html(text)
    for tag in soup.find_all(["script", "style"]):
        tag.decompose()
    return soup.get_text("")


def _md_inline(text: str) -> str:
    """Markdown emphasis, links and code spans reduced to their text."""
    for pattern, repl in _MD_SUBS:
        if pattern.search(text):
            text = pattern.sub(repl, text)
    return text


def domain_name(domain: str, rules: Rules) -> str:
    """A readable name for a web domain: the-decoder.com -> The Decoder."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", domain.strip().lower()).split("/")[0].rstrip(".")
    for known, name in rules.domains:
        if host == known or host.endswith("." + known):
            return name
    labels = host.split(".")
    core = labels[-2] if len(labels) >= 2 else labels[0]
    if len(labels) >= 3 and core in {"co", "com", "org", "net", "ac", "gov", "edu"}:
        core = labels[-3]
    return " ".join(w.capitalize() for w in re.split(r"[-_]+", core) if w)


# --------------------------------------------------------------------------- reading lines


@dataclass(slots=True)
class _Line:
    """One block of a dump while it is classified (mutable: lives only inside ``ingest_text``)."""

    no: int  # file line where the block starts
    raw: str  # as written, for explain()
    text: str = ""  # cleaned text
    hint: str = ""  # what the markup said: h1, heading, item, para, standfirst, caption, chrome
    gap: bool = False  # a blank line came before it
    rule: str = ""  # the rule that dropped it, when dropped
    markup: bool = True  # the text may still hold tags or entities


@dataclass(frozen=True, slots=True)
class _Meta:
    """Metadata an HTML dump states in its head."""

    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    date: dt.date | None = None
    url: str | None = None


def _read_lines(text: str, rel: str, rules: Rules) -> tuple[list[_Line], _Meta, bool]:
    """The dump's blocks, what its markup states, and whether it is Markdown."""
    suffix = PurePosixPath(rel).suffix.lower()
    if suffix in (".html", ".htm") or re.match(r"\s*<(?:!doctype\s+html|html)\b", text, re.I):
        lines, meta = _html_lines(text, rules)
        return lines, meta, False
    markdown = suffix == ".md"
    return (_md_lines(text) if markdown else _txt_lines(text, rules)), _Meta(), markdown


def _txt_lines(text: str, rules: Rules) -> list[_Line]:
    """Lines of a plain-text dump; a line starting in lower case continues a wrapped one."""
    out: list[_Line] = []
    gap = False
    in_code = ""  # "script" or "style" while inside a block of code spread over lines
    for no, raw in enumerate(text.split("\n"), 1):
        s = raw.strip()
        if in_code:
            if s:
                out.append(_Line(no, s, s, rule="script"))
            if re.search(rf"</{in_code}\s*>", s, re.I):
                in_code = ""
            continue
        if not s:
            gap = True
            continue
        opened = _CODE_OPEN.search(s) if rules.on("script") else None
        if opened and not re.search(rf"</{opened[1]}\s*>", s[opened.end() :], re.I):
            in_code = opened[1].lower()
            if not s[: opened.start()].strip():
                out.append(_Line(no, s, s, rule="script"))
                continue
            s = s[: opened.start()].strip()
        prev = out[-1] if out and not gap and not out[-1].rule else None
        # A hard-wrapped paragraph: a long line cut mid-sentence, continued in lower case.
        if (
            prev
            and len(prev.raw.rsplit("\n", 1)[-1]) >= 50
            and not _ENDS_CLAUSE.search(prev.text)
            and s[:1].islower()
            and " " in s
            and prev.hint not in ("h1", "heading")
        ):
            prev.raw += "\n" + s
            prev.text += " " + s
            continue
        out.append(_new_line(no, s, gap))
        gap = False
    return out


def _new_line(no: int, s: str, gap: bool) -> _Line:
    """A line with its list-item or heading marker turned into a hint."""
    heading = _MD_HEADING.match(s)
    if heading:
        return _Line(no, s, heading[2], "h1" if len(heading[1]) == 1 else "heading", gap)
    item = _ITEM.match(s)
    if item:
        return _Line(no, s, s[item.end() :], "item", gap)
    return _Line(no, s, s, "", gap)


def _md_lines(text: str) -> list[_Line]:
    """Blocks of a Markdown dump: paragraphs joined, headings and items marked."""
    out: list[_Line] = []
    gap = False
    open_block: _Line | None = None  # the paragraph or item still taking continuation lines
    fence = False
    for no, raw in enumerate(text.split("\n"), 1):
        s = raw.strip()
        if s.startswith(("```", "~~~")):
            fence = not fence
            out.append(_Line(no, s, s, rule="markup"))
            open_block = None
            continue
        if fence:
            if s:
                out.append(_Line(no, s, s, "para", markup=False))
            continue
        if not s:
            gap, open_block = True, None
            continue
        if open_block and re.fullmatch(r"=+|-+", s) and open_block.hint == "":
            open_block.hint = "h1" if s[0] == "=" else "heading"
            open_block.raw += "\n" + s
            open_block = None
            continue
        if _MD_IMAGE_LINE.match(s) or _MD_LINK_DEF.match(s) or _MD_RULE.match(s):
            out.append(_Line(no, s, s, rule="separator" if _MD_RULE.match(s) else "markup"))
            open_block = None
            continue
        if s.startswith(">"):
            s = s.lstrip("> ").strip()
            if not s:
                continue
        line = _new_line(no, s, gap)
        gap = False
        if open_block and line.hint == "" and open_block.hint in ("", "item"):
            open_block.raw += "\n" + s
            open_block.text += " " + s
            continue
        out.append(line)
        open_block = line if line.hint in ("", "item") else None
    return out


_BLOCKS = frozenset(
    ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "dt", "dd", "td", "th",
     "caption", "div", "section", "article", "header", "footer", "main", "aside", "ul", "ol", "dl", "table", "tr",
     "figure", "address", "hr", "br", "nav", "form", "body", "html", "summary", "details", "menu"]
)  # fmt: skip
_SKIP = ["noscript", "template", "svg", "iframe", "object", "embed", "head", "title", "button", "select", "textarea",
         "canvas", "math", "input"]  # fmt: skip
_DEK_CLASS = re.compile(r"(?i)\b(?:dek|standfirst|subtitle|subhead(?:line)?|summary|lede|excerpt|strapline)\b")


def _html_lines(text: str, rules: Rules) -> tuple[list[_Line], _Meta]:
    """Blocks of an HTML dump (block elements become lines) and what its head states."""
    from bs4 import Tag  # imported here: only HTML dumps need it
    from bs4.element import NavigableString

    from sitegen.sanitize import parse_html

    soup = parse_html(text)
    meta = _html_meta(soup)
    out: list[_Line] = []
    for code in soup.find_all(["script", "style"]):
        snippet = _WS.sub(" ", code.get_text(" ")).strip()[:60]
        out.append(_Line(code.sourceline or 1, f"<{code.name}>{snippet}", rule="script"))
        code.decompose()
    for tag in soup.find_all(_SKIP):
        tag.decompose()
    current: Tag | None = None
    buf: list[str] = []
    last_line = 1  # where the latest tag started: loose text is counted from there

    def flush() -> None:
        nonlocal current
        if current is soup:  # text outside any block element: its own lines are its blocks
            for offset, piece in enumerate("".join(buf).lstrip("\n").split("\n")):
                words = _WS.sub(" ", piece).strip()
                if words:
                    out.append(_Line(last_line + offset, words, words, markup=False))
        elif current is not None:
            words = _WS.sub(" ", "".join(buf)).strip()
            hint = _html_hint(current)
            rule = {"chrome": "html-chrome", "caption": "html-caption"}.get(hint, "")
            if rule and not rules.on(rule):
                rule = ""
            if words:
                out.append(_Line(current.sourceline or 1, words, words, hint, rule=rule, markup=False))
        buf.clear()
        current = None

    for node in soup.descendants:
        if isinstance(node, Tag):
            last_line = node.sourceline or last_line
            if node.name in _BLOCKS:
                flush()
            continue
        if type(node) is not NavigableString:  # comments, doctype, CDATA
            continue
        block = next((p for p in node.parents if p.name in _BLOCKS), soup)
        if block is not current:
            flush()
            current = block
        buf.append(str(node))
    flush()
    out.sort(key=lambda line: line.no)
    return out, meta


def _html_hint(block: Tag) -> str:
    """What an HTML block element says about its text."""
    chain = [block, *block.parents]
    if any(t.name in ("nav", "form", "menu") for t in chain):
        return "chrome"
    if any(t.name == "figcaption" for t in chain):
        return "caption"
    name = block.name
    if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return "h1" if name == "h1" else "heading"
    if name == "li":
        return "item"
    classes = block.get("class")
    if classes and _DEK_CLASS.search(" ".join(classes)):
        return "standfirst"
    return "para" if name in ("p", "blockquote", "pre", "dd", "td") else ""


def _html_meta(soup: BeautifulSoup) -> _Meta:
    """Title, site name, author, date and URL declared in an HTML dump's head."""

    def meta(attr: str, value: str) -> str | None:
        tag = soup.find("meta", attrs={attr: value})
        content = tag.get("content") if tag is not None else None
        return _WS.sub(" ", content).strip() or None if isinstance(content, str) else None

    title = meta("property", "og:title")
    if title is None and soup.title is not None and soup.title.string:
        title = _WS.sub(" ", soup.title.string).strip() or None
    author = meta("name", "author")
    stamp = meta("property", "article:published_time") or meta("name", "date") or meta("itemprop", "datePublished")
    if stamp is None:
        when = soup.find("time", attrs={"itemprop": "datePublished"}) or soup.find("time", attrs={"pubdate": True})
        value = when.get("datetime") if when is not None else None
        stamp = value if isinstance(value, str) else None
    link = soup.find("link", attrs={"rel": "canonical"})
    href = link.get("href") if link is not None else None
    url = href if isinstance(href, str) else meta("property", "og:url")
    return _Meta(
        title=title,
        outlet=meta("property", "og:site_name") or meta("name", "application-name"),
        authors=(author,) if author and not re.match(r"https?:", author) else (),
        date=_find_date(stamp) if stamp else None,
        url=url.strip() if url and _is_http_url(url.strip()) else None,
    )


def _is_http_url(url: str) -> bool:
    """An absolute http(s) URL with a host and no whitespace."""
    return bool(re.fullmatch(r"https?://[^\s/?#]+[^\s]*", url))
