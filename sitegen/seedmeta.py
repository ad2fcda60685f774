"""Seed metadata: a dump's title, byline, dateline, outlet, upstream reports and bio found, its debris dropped.

``_Analysis(rel, rules, lines, meta, markdown).run(title, outlet)`` marks every
removed line with the rule that removed it; ``paragraphs()``, ``dropped()`` and
``relies_on()`` then give the Source's body. What the dump does not state stays
``None``.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from sitegen.debris import Rules
from sitegen.model import Dropped, Paragraph
from sitegen.seedlines import (
    _CODE_OPEN,
    _DATE,
    _DATE_RE,
    _ENDS_SENTENCE,
    _MON,
    _QUOTED,
    _WS,
    _contains,
    _date_of,
    _find_date,
    _headline_like,
    _is_http_url,
    _Line,
    _looks_like_heading,
    _md_inline,
    _Meta,
    _norm,
    _sentence_like,
    _slug,
    _strip_tags,
    _title_case,
    _words,
    domain_name,
)

_DATELINE = re.compile(
    rf"^(?:(?i:published|posted|first published|date|dated)(?:\s+on)?\s*:?\s*)?"
    rf"(?:(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?{_DATE}(?P<rest>.*)$"
)
_DATELINE_REST = re.compile(
    r"^(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?[\s,·|•—–-]*"
    r"(?:(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?"
    r"[\s,·|•—–-]*(?:\d+\s*(?i:min(?:ute)?s?)\s*(?i:read))?[\s,·|•—–.-]*(?:(?i:updated)\b.*)?$"
)
_BYLINE = re.compile(
    r"^(?:(?:By|BY|by|Written by|Words by|Story by|Text by)\s*:?\s+|(?:Authors?|Byline)\s*:\s*)(?P<rest>\S.*)$"
)
_BYLINE_SEP = re.compile(r"\s*[|·•—–]\s*|\s+-\s+|;\s*")
_PERSON = re.compile(r"^[A-Z][\w’'.-]*(?: (?:[A-Z][\w’'.-]*|de|da|van|von|der|den|bin|al|la|le|del|di|du)){0,4}$")
_ROLE = re.compile(
    r"(?i)\b(?:writer|reporter|editor|correspondent|staff|contributor|columnist|analyst|producer|journalist"
    r"|author|senior|chief|bureau|fellow|intern|desk|team)\b"
)
_ORG_AUTHOR = re.compile(
    r"^(?P<org>.+?) (?:Editorial|Staff|Newsroom|Desk|Team|Editors)(?: (?:Team|Board|Staff|Desk))?$"
)
_BIO_PREPARED = re.compile(
    r"^(?:This|The) (?:[\w-]+ ){0,4}(?:was|is|has been|were) (?:\w+ )?"
    r"(?:prepared|written|produced|compiled|generated|created|edited|curated|reported|researched) by\b"
)
_BIO_VERB = r" (?:is|was|has|covers|writes|studied|joined|reports|leads|previously|holds|spent|worked)\b"
_TAGLIKE = re.compile(r"<(?:[A-Za-z][\w-]*[\s/>]|/[A-Za-z]|!--|![A-Za-z])")
_FRAGMENT = re.compile(r"^[^<]*[\"'/]\s*>$|<[A-Za-z][\w-]*\s+[\w:-]+=[^>]*$")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)]*\s+[\"'“‘(]?[A-Z]")
_HEADLINE_SEP = re.compile(r"\s+[·|–—-]\s+|\s*[|·]\s*")
# Sentence openers that a name pattern can swallow ("Earlier Bloomberg reported").
_LEADING_FILLER = frozenset(
    ["however", "meanwhile", "earlier", "also", "and", "but", "as", "in", "on", "last", "this", "then", "now", "yet"]
)
_CORPORATE = re.compile(r"\s+(?:Ltd|Inc|LLC|Limited|Corp|Corporation|GmbH|PLC|Media Group)\.?$")
_URL_LINE = re.compile(r"^(?:(?i:url|source url|link|canonical|permalink|original url)\s*:\s*)?(?P<url>https?://\S+)$")


class _Analysis:
    """One dump while its lines are classified and its metadata found (never leaves ``ingest_text``)."""

    def __init__(self, rel: str, rules: Rules, lines: list[_Line], meta: _Meta, markdown: bool) -> None:
        self.rel = rel
        self.rules = rules
        self.lines = lines
        self.meta = meta
        self.markdown = markdown
        self.title: str | None = None
        self.title_line: _Line | None = None
        self.standfirst: str | None = None
        self.outlet: str | None = None
        self.authors: tuple[str, ...] = ()
        self.date: dt.date | None = None
        self.bio: str | None = None
        self.byline: _Line | None = None
        self.url: str | None = meta.url
        self.upstream: list[tuple[int, int, int, str]] = []  # (line, position, order found, name)

    def live(self) -> list[_Line]:
        """The lines not dropped so far, in order."""
        return [line for line in self.lines if not line.rule]

    def drop(self, line: _Line, rule: str) -> None:
        """Mark ``line`` as removed by ``rule``."""
        line.rule = rule

    def run(self, known_title: str | None, known_outlet: str | None) -> None:
        """Every step, in the order their evidence allows."""
        self.outlet = known_outlet
        self.clean()
        self.find_url()
        self.apply_line_rules()
        self.drop_logos()
        self.find_byline()
        self.find_outlet()
        self.find_title(known_title)
        self.drop_repeated_headline()
        self.find_bio()
        self.find_masthead()
        self.drop_site_labels()
        self.drop_footer_links()
        self.drop_kickers()
        self.find_standfirst()
        self.drop_repeats()
        self.find_upstream()

    # ----------------------------------------------------------- cleaning and line rules

    def clean(self) -> None:
        """Plain text for every line: tags, entities, Markdown and note markers removed."""
        fragments = self.rules.on("html-fragment")
        for line in self.lines:
            if line.rule:
                continue
            text = line.text
            if line.markup:
                if fragments and _FRAGMENT.search(text):
                    self.drop(line, "html-fragment")
                    continue
                if self.markdown:
                    text = _md_inline(text)
                if "<" in text and _TAGLIKE.search(text):
                    had_code = bool(_CODE_OPEN.search(text))
                    text = _strip_tags(text)
                    reason = "script" if had_code else "html-fragment"
                    if not text.strip() and self.rules.on(reason):
                        self.drop(line, reason)
                        continue
                elif "&" in text:
                    text = html.unescape(text)
            emptied_by = "html-fragment"
            for inline in self.rules.inline:
                if inline.applies(text, 0):
                    before = text
                    for pattern in inline.patterns:
                        text = pattern.sub("", text)
                    if before.strip() and not text.strip():
                        emptied_by = inline.name
            line.text = _WS.sub(" ", _INVISIBLE.sub("", text)).strip()
            if not line.text:
                self.drop(line, emptied_by)

    def find_url(self) -> None:
        """A line at the top or bottom that is only an http(s) address ("URL: https://...") is the dump's URL."""
        if not self.rules.on("url-line"):
            return
        live = self.live()
        for line in live[:3] + live[-1:]:
            found = _URL_LINE.match(line.text)
            if found and _is_http_url(found["url"]) and not line.rule:
                self.url = self.url or found["url"]
                self.drop(line, "url-line")

    def apply_line_rules(self) -> None:
        """Drop lines matched by a ``line`` or ``credit`` rule; credits name the upstream report."""
        for line in self.live():
            words = _words(line.text)
            for rule in self.rules.lines:
                found = rule.search(line.text, words)
                if found is None:
                    continue
                if rule.kind == "credit":
                    for name in self.credit_names(found["names"]):
                        self.add_upstream(line.no, found.start("names"), name)
                self.drop(line, rule.name)
                break

    def credit_names(self, text: str) -> list[str]:
        """Report names in a credit line, without its dates: "Bloomberg, May 26, 2026" -> [Bloomberg]."""
        text = re.sub(r"\s*\([^)]*\)|\[\d+\]", "", _DATE_RE.sub("", text))
        names = []
        for part in re.split(r"[,;|]|\s+and\s+|\s+&\s+", text):
            part = part.strip(" .:-–—")
            if re.fullmatch(r"(?:https?://)?(?:www\.)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?", part, re.I):
                part = domain_name(part, self.rules)
            # A named report starts with a capital ("Bloomberg"); "company filings" is no report.
            if part[:1].isupper() and _words(part) <= 6 and not re.fullmatch(_MON, part):
                names.append(part)
        return names

    def drop_logos(self) -> None:
        """Lines of one to three characters are logos, icons or page numbers."""
        if self.rules.on("logo"):
            for line in self.live():
                if len(line.text) <= 3 and line.hint != "item":
                    self.drop(line, "logo")

    # ----------------------------------------------------------- metadata

    def find_byline(self) -> None:
        """Authors and date from a byline; a date from a dateline near the top or bottom."""
        live = self.live()
        edges = live[:8] + live[-4:] if len(live) > 12 else live
        if self.rules.on("byline"):
            for index, line in enumerate(edges):
                # At the foot of the text only an explicit "By ..." counts: "Name · date" there is a signature.
                parsed = _parse_byline(line.text, explicit_only=index >= 8)
                if parsed is None or line.rule:
                    continue
                if self.byline is None:
                    self.byline, self.authors = line, parsed[0]
                    self.date = self.date or parsed[1]
                self.drop(line, "byline")
        if self.rules.on("dateline"):
            for line in edges:
                if line.rule or _words(line.text) > 15 or len(line.text) > 200:
                    continue
                found = _DATELINE.match(line.text)
                if found and _DATELINE_REST.match(found["rest"]):
                    self.date = self.date or _date_of(found)
                    self.drop(line, "dateline")
                    self.byline_above(line)

    def byline_above(self, dateline: _Line) -> None:
        """A bare name ("Jane Doe", "Jane Doe in Brussels") right above a dateline at the top is a byline."""
        index = self.lines.index(dateline)
        above = self.lines[index - 1] if index > 0 else None
        if self.byline is not None or above is None or above.rule or not self.rules.on("byline"):
            return
        if _words(above.text) > 6 or not any(line is above for line in self.live()[:8]):
            return
        names = _parse_names(above.text)
        if names and _words(names[0]) >= 2:  # one capitalised word ("Menu") is no byline
            self.byline, self.authors = above, tuple(names)
            self.drop(above, "byline")

    def find_outlet(self) -> None:
        """The site's name from its signature lines (footer, tagline, copyright) or the HTML head."""
        if self.outlet is None and self.meta.outlet:
            self.outlet = self.meta.outlet
        for line in self.lines:
            if self.outlet is not None:
                return
            if line.rule in ("script", "html-fragment", "html-chrome"):
                continue
            for rule in self.rules.outlets:
                found = rule.search(line.text, _words(line.text))
                if found:
                    self.outlet = _clean_outlet(found["outlet"])
                    break

    def find_title(self, known: str | None) -> None:
        """The headline: from markup, a line repeated later, the byline's neighbour, or the first line."""
        self.title = known
        live = self.live()
        if not self.rules.on("title") or not live:
            return
        pick = next((line for line in live if line.hint == "h1"), None)
        if pick is None and self.meta.title:
            pick = self.matching_line(live[:4], self.meta.title)
            if pick is None:  # the head states a title the body does not repeat
                self.title = self.title or self.meta.title
                return
        pick = pick or self.title_by_repeat(live[:3]) or self.title_by_byline(live) or self.title_at_top(live)
        if pick is not None:
            self.title = self.title or pick.text
            self.title_line = pick
            self.drop(pick, "title")

    def matching_line(self, lines: list[_Line], text: str) -> _Line | None:
        """The line equal to ``text``, or to it without a " | Site" suffix."""
        wanted = {_norm(text), _norm(_HEADLINE_SEP.split(text)[0])}
        return next((line for line in lines if _norm(line.text) in wanted), None)

    def title_by_repeat(self, head: list[_Line]) -> _Line | None:
        """A headline-shaped top line that recurs later ("Home » Title", "Title · Site", a caption)."""
        for cand in head:
            if cand.hint == "item" or not 3 <= _words(cand.text) <= 40:
                continue
            if not (_headline_like(cand.text) or _title_case(cand.text)):
                continue
            for other in self.lines:
                if other is cand or other.rule in ("script", "html-fragment"):
                    continue
                left = _set_off(other.text, cand.text)
                if left is not None and _words(left) <= 12:
                    return cand
        return None

    def title_by_byline(self, live: list[_Line]) -> _Line | None:
        """The headline-shaped line nearest above a byline at the top."""
        if self.byline is None:
            return None
        above = [line for line in live if line.no < self.byline.no and line.hint != "item"]
        if not above or len(above) > 3:
            return None
        # Layouts put the dek above the title (000) or below it; the title is the first headline-shaped line.
        shaped = [line for line in above if _headline_like(line.text)]
        return next((line for line in shaped if _words(line.text) > 3), shaped[-1] if shaped else None)

    def title_at_top(self, live: list[_Line]) -> _Line | None:
        """The first line (after short labels like a site name) when it is shaped like a headline."""
        for index, first in enumerate(live[:3]):
            if _words(first.text) <= 3 and not _ENDS_SENTENCE.search(first.text):
                continue  # a masthead or section label; the kicker and site-label rules deal with it
            if index + 1 >= len(live) or first.hint in ("item", "para") or _words(first.text) > 40:
                return None
            if _title_case(first.text) or _headline_like(first.text):
                return first
            return None
        return None

    def drop_repeated_headline(self) -> None:
        """The title repeated later, alone or with the site's name ("Title · Site"), is furniture."""
        if not self.title or not self.rules.on("repeated-headline"):
            return
        for line in self.live():
            left = _set_off(line.text, self.title)
            if left is None or _words(left) > 8:
                continue
            suffix = line.text[len(line.text) - len(left) :] if line.text.endswith(left) else ""
            suffix = suffix.lstrip("·|–—:-/ ")
            if self.outlet is None and suffix and _words(suffix) <= 5:
                self.outlet = _clean_outlet(suffix)
            self.drop(line, "repeated-headline")

    def find_bio(self) -> None:
        """A name line then a paragraph about that person near the end: author and bio, not body."""
        if not self.rules.on("author-bio"):
            return
        live = self.live()
        for name_line in live[-4:]:
            after = self.next_line(name_line)
            if after is None or (after.rule and after.rule != "tagline"):
                continue
            rest = [line for line in live if line.no > after.no]
            if len(rest) > 1 or not _is_name_line(name_line.text) or not _is_bio(after.text, name_line.text):
                continue
            self.set_bio(after, name_line.text)
            self.drop(name_line, "author-bio")
            return
        last = live[-1] if live else None
        for author in self.authors:
            if last is not None and re.match(rf"(?:About the author:?\s*)?{re.escape(author)}{_BIO_VERB}", last.text):
                self.set_bio(last, author)
                return

    def drop_footer_links(self) -> None:
        """Short link-like lines that end the dump (topic lists, menus) are not the article's last words."""
        if not self.rules.on("footer-links"):
            return
        for line in reversed(self.live()):
            if line.hint == "item" or _words(line.text) > 5 or re.search(r"[.!?:;…][\"'”’)]*$", line.text):
                return
            self.drop(line, "footer-links")

    def set_bio(self, line: _Line, name: str) -> None:
        """Record ``line`` as the author's bio, and the author when no byline named one."""
        self.bio = line.text
        self.drop(line, "author-bio")
        if not self.authors:
            self.authors = (name,)
        org = _ORG_AUTHOR.match(name)
        if org and self.outlet is None:
            self.outlet = org["org"]

    def next_line(self, line: _Line) -> _Line | None:
        """The line right after ``line`` in the file, dropped or not."""
        index = self.lines.index(line)
        return self.lines[index + 1] if index + 1 < len(self.lines) else None

    def find_masthead(self) -> None:
        """A short name on the first line that recurs at the start of later lines is the site's name."""
        if self.outlet is not None or not self.rules.on("masthead") or not self.lines:
            return
        first = self.lines[0]
        name = first.text
        if first.rule or len(name) > 30 or not re.fullmatch(r"[A-Z][\w’'&.-]*(?: [A-Z][\w’'&.-]*){0,2}", name):
            return
        # Two other lines must back it: short labels or debris starting with the name, or "... · Name".
        support = 0
        for other in self.lines[1:]:
            starts = other.text.startswith(name + " ") and (_words(other.text) <= 3 or bool(other.rule))
            if starts or re.search(rf"\s[·|]\s{re.escape(name)}$", other.text):
                support += 1
        if support >= 2:
            self.outlet = name

    def drop_site_labels(self) -> None:
        """Lines that are only the site's name, or it plus a word or two ("Modelwire context")."""
        if not self.outlet or not self.rules.on("site-label"):
            return
        name = re.escape(self.outlet)
        label = re.compile(rf"^{name}(?:\s+[\w’'-]+){{0,2}}$|^{name}\s*[|·•:—–-]\s*[^.!?]{{0,60}}$", re.I)
        for line in self.live():
            if label.match(line.text) and _words(line.text) <= 8:
                self.drop(line, "site-label")

    def drop_kickers(self) -> None:
        """Short labels above the title (section names, "Exclusive") are not body text."""
        if self.title_line is None or not self.rules.on("kicker"):
            return
        for line in self.live():
            if line.no < self.title_line.no and _words(line.text) <= 4 and not _ENDS_SENTENCE.search(line.text):
                self.drop(line, "kicker")

    def find_standfirst(self) -> None:
        """The dek: marked in HTML, a sentence above the title, or one set apart right below it."""
        if not self.rules.on("standfirst"):
            return
        live = self.live()
        pick = next((line for line in live if line.hint == "standfirst"), None)
        title = self.title_line
        if pick is None and title is not None:
            above = [line for line in live if line.no < title.no]
            pick = next((line for line in above if _sentence_like(line.text) and _words(line.text) <= 60), None)
            below = next((line for line in live if line.no > title.no), None)
            if pick is None and below is not None and 6 <= _words(below.text) <= 60:
                # Between the title and the byline only a dek fits, full stop or not.
                above_byline = self.byline is not None and title.no < below.no < self.byline.no
                lone = (
                    _sentence_like(below.text)
                    and not _SENTENCE_BREAK.search(below.text)
                    and _words(below.text) <= 50
                    and self.set_apart(below)
                )
                pick = below if above_byline or lone else None
        if pick is not None:
            self.standfirst = pick.text
            self.drop(pick, "standfirst")

    def set_apart(self, line: _Line) -> bool:
        """Whether a blank line follows ``line`` although the paragraphs after it run on without one."""
        later = [other for other in self.lines if other.no > line.no]
        if not later or not later[0].gap:
            return False
        body = [other for other in later[1:] if not other.rule][:3]
        return len(body) >= 2 and not any(other.gap for other in body)

    def drop_repeats(self) -> None:
        """Drop paragraphs repeated word for word, and pull-quotes that repeat another paragraph."""
        live = [line for line in self.live() if line.hint != "item"]
        norms = {id(line): _norm(line.text) for line in live}
        if self.rules.on("duplicate"):
            seen: set[str] = set()
            for line in live:
                mine = norms[id(line)]
                if mine in seen and len(mine.split()) >= 4:
                    self.drop(line, "duplicate")
                seen.add(mine)
        if not self.rules.on("pull-quote"):
            return
        for line in live:
            if line.rule:
                continue
            quoted = _QUOTED.match(line.text)
            mine = _norm(quoted["q"]) if quoted else norms[id(line)]
            # Pull-quotes are a sentence or two; longer lines are paragraphs in their own right.
            if not (4 if quoted else 8) <= len(mine.split()) <= 60:
                continue
            for other in live:
                theirs = norms[id(other)]
                if other is not line and not other.rule and len(theirs) > len(mine) and _contains(theirs, mine):
                    self.drop(line, "pull-quote")
                    break

    def find_upstream(self) -> None:
        """Reports this dump relies on, named in its body, standfirst or taglines."""
        for line in self.lines:
            if line.rule not in ("", "standfirst", "tagline"):
                continue
            words = _words(line.text)
            for rule in self.rules.upstream:
                if not rule.applies(line.text, words):
                    continue
                for pattern in rule.patterns:
                    for found in pattern.finditer(line.text):
                        groups = found.groupdict()
                        if groups.get("domain"):
                            self.add_upstream(line.no, found.start(), domain_name(groups["domain"], self.rules))
                        elif groups.get("name"):
                            self.add_upstream(line.no, found.start(), groups["name"])

    def add_upstream(self, line: int, pos: int, name: str) -> None:
        """Record upstream report names ("Reuters and Bloomberg" is two) unless they are generic words."""
        for part in re.split(r" and ", re.sub(r"[’']s?$", "", name.strip(" .,:;"))):
            words = part.split()
            while words and words[0].casefold() in _LEADING_FILLER:
                words.pop(0)
            while words and re.fullmatch(rf"{_MON}\.?|(?i:mon|tues|wednes|thurs|fri|satur|sun)day", words[-1]):
                words.pop()  # "reported by Reuters Tuesday"
            if words and words[0] == "the":  # "a report in the Financial Times": prose, not the name
                words.pop(0)
            clean = " ".join(words)
            if clean and clean.casefold() not in self.rules.stop_names and len(words) <= 6:
                self.upstream.append((line, pos, len(self.upstream), clean))

    # ----------------------------------------------------------- result

    def relies_on(self) -> tuple[str, ...]:
        """Upstream names in order of first mention, each once, without the site itself or its authors."""
        own = {a.casefold() for a in self.authors}
        seen: dict[str, str] = {}
        for *_, name in sorted(self.upstream):
            if self.outlet and _contains(_norm(name), _norm(self.outlet)):
                continue
            if name.casefold() not in own:
                seen.setdefault(name.casefold(), name)
        return tuple(seen.values())

    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The body: numbered paragraphs and items, and headings with unique anchors."""
        live = self.live()
        out: list[Paragraph] = []
        anchors: set[str] = set()
        number = 0
        for index, line in enumerate(live):
            kind = self.kind_of(line, has_next=index + 1 < len(live))
            if kind == "heading":
                anchor = _unique(f"h-{_slug(line.text) or 'section'}", anchors)
                out.append(Paragraph(0, anchor, line.text, "heading", line.no))
                continue
            number += 1
            out.append(Paragraph(number, f"p{number}", line.text, kind, line.no))
        return tuple(out)

    def kind_of(self, line: _Line, has_next: bool) -> str:
        """heading, item or para: markup decides when there is some, else the line's shape."""
        if line.hint == "item":
            return "item"
        if line.hint in ("h1", "heading"):
            return "heading" if has_next else "para"
        if line.hint in ("para", "standfirst"):
            return "para"
        return "heading" if has_next and _looks_like_heading(line.text) else "para"

    def dropped(self) -> tuple[Dropped, ...]:
        """Every removed line with the rule that removed it, in file order."""
        return tuple(Dropped(line.no, line.raw, line.rule) for line in self.lines if line.rule)


def _unique(base: str, used: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not in ``used`` yet (then it is)."""
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


def _set_off(text: str, title: str) -> str | None:
    """What else ``text`` says when it is ``title`` set off by separators ("Home » T", "T · Site", "Photo: T").

    None when ``text`` does not hold ``title`` that way: a body sentence that
    happens to contain the title's words is not a repeat of it.
    """
    at = text.casefold().find(title.casefold())
    if at < 0 or not title:
        return None
    before, after = text[:at].strip(), text[at + len(title) :].strip()
    if before and not re.search(r"[·|–—:»›/>-]$", before):
        return None
    if after and not re.match(r"[·|–—:»›/-]|[.!?]$", after):
        return None
    return " ".join(part for part in (before, after) if part)


def _clean_outlet(name: str) -> str:
    """An outlet name without trailing punctuation or a company suffix."""
    return _CORPORATE.sub("", name.strip(" .,:;!|·-–—")).strip()


def _is_name_line(text: str) -> bool:
    """A line that is just a person's or desk's name."""
    return len(text) <= 50 and bool(_PERSON.match(text)) and 1 <= _words(text) <= 5


def _is_bio(text: str, name: str) -> bool:
    """A paragraph about ``name``: it starts with the name, or says who prepared the piece."""
    if _words(text) < 8:
        return False
    first = name.split()[0]
    return (
        text.startswith(name + " ")
        or bool(re.match(rf"{re.escape(first)}{_BIO_VERB}", text))
        or bool(_BIO_PREPARED.match(text))
    )


def _parse_byline(text: str, explicit_only: bool = False) -> tuple[tuple[str, ...], dt.date | None] | None:
    """Authors and date from "By X | May 26, 2026" (or "X · May 26, 2026"); None if not a byline."""
    if _words(text) > 25:
        return None
    found = _BYLINE.match(text)
    if found is None and explicit_only:
        return None
    segments = [s.strip() for s in _BYLINE_SEP.split(found["rest"] if found else text) if s.strip()]
    date: dt.date | None = None
    names_part: str | None = None
    for segment in segments:
        if re.match(r"(?i)(?:last )?updated\b", segment):
            continue
        when = _find_date(segment)
        if when is not None and date is None:
            date = when
            left = _DATE_RE.sub("", segment).strip(" ,")
            if names_part is None and left and found:
                names_part = left
            continue
        if names_part is None:
            names_part = segment
    if names_part is None:
        return None
    names = _parse_names(names_part)
    if not names:
        return None
    if found is None and (date is None or len(segments) < 2 or _words(names[0]) < 2):
        return None
    return tuple(names), date


def _parse_names(text: str) -> list[str]:
    """Person names in a byline's name part, without roles: "Jane Doe, Staff Writer" -> [Jane Doe]."""
    text = re.sub(r"\s+(?:on|at|in|for)\s*$", "", text.strip(" ,"))
    text = re.sub(r"\s+in\s+[A-Z][\w-]+(?:\s[A-Z][\w-]+)?$", "", text)
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+|\s*&\s*", text) if p.strip()]
    names: list[str] = []
    for index, part in enumerate(parts):
        if len(part) > 50 or not _PERSON.match(part):
            if index == 0:
                return []
            continue
        if index > 0 and (_ROLE.search(part) or " " not in part):
            continue
        names.append(part)
    return names
