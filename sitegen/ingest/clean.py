"""Steps that clean the text of every line and drop what the named rules and the markup mark."""

from __future__ import annotations

import html
import re

from sitegen.ingest.dates import DATE_RE, MON
from sitegen.ingest.dump import Dump
from sitegen.ingest.outlet import domain_name
from sitegen.ingest.text import CODE_OPEN, is_http_url, md_inline, words
from sitegen.ingest.tokens import line_tokens

_TAGLIKE = re.compile(r"<(?:[A-Za-z][\w-]*[\s/>]|/[A-Za-z]|!--|![A-Za-z])")
_FRAGMENT = re.compile(r"^[^<]*[\"'/]\s*>$|<[A-Za-z][\w-]*\s+[\w:-]+=[^>]*$")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
# An abbreviation's own full stop doubled when a link, a tag or a note marker between it and the sentence's
# full stop went: "the <a>U.S.</a>." and "the U.S. [1]." read "the U.S.." without this.
_DOUBLE_STOP = re.compile(r"(?<![.\w])((?:[A-Za-z]\.){2,}|(?:Inc|Corp|Co|Ltd|Jr|Sr|Bros|etc|St|No)\.)\.(?!\.)")
_WRAPPED = re.compile(r"^(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1$")
_URL_LINE = re.compile(r"^(?:(?i:url|source url|link|canonical|permalink|original url)\s*:\s*)?(?P<url>https?://\S+)$")


def strip_tags(text: str) -> str:
    """Plain text of an HTML fragment, without script or style code."""
    from sitegen.ingest.html import html_text  # the HTML reader: only lines with tags need it

    return html_text(text)


def script(dump: Dump) -> None:
    """Script and style code."""
    for line in dump.lines:
        if line.hint == "code" and not line.rule:
            dump.drop(line, "script")


def markup(dump: Dump) -> None:
    """Markdown leftovers: image lines, link definitions, code fences and rules."""
    for line in dump.lines:
        if line.hint in ("markup", "separator") and not line.rule:
            dump.drop(line, line.hint)


def html_chrome(dump: Dump) -> None:
    """Text inside an HTML dump's menus and forms."""
    for line in dump.lines:
        if line.hint == "chrome" and not line.rule:
            dump.drop(line, "html-chrome")


def image_caption(dump: Dump) -> None:
    """A Markdown dump's line in italics right under a picture: the picture's caption."""
    for line in dump.lines:
        if line.hint == "image-caption" and not line.rule:
            dump.drop(line, "image-caption")


def html_caption(dump: Dump) -> None:
    """An HTML dump's ``<figcaption>`` text."""
    for line in dump.lines:
        if line.hint == "caption" and not line.rule:
            dump.drop(line, "html-caption")


def clean(dump: Dump) -> None:
    """Plain text for every line: tags, entities, Markdown and note markers removed."""
    fragments = dump.rules.on("html-fragment")
    for line in dump.lines:
        if line.rule:
            continue
        text = line.text
        if line.markup:
            if fragments and ("<" in text or text[-3:].find(">") >= 0) and _FRAGMENT.search(text):
                dump.drop(line, "html-fragment")
                continue
            if dump.markdown:
                text = md_inline(text)
            elif text[:1] in "_*" and text[-1:] == text[:1]:  # a whole line in Markdown emphasis, saved as text
                text = _WRAPPED.sub(r"\2", text)
            if "<" in text and _TAGLIKE.search(text):
                had_code = bool(CODE_OPEN.search(text))
                text = strip_tags(text)
                reason = "script" if had_code else "html-fragment"
                if not text.strip() and dump.rules.on(reason):
                    dump.drop(line, reason)
                    continue
            elif "&" in text:
                text = html.unescape(text)
        emptied_by = "html-fragment"
        folded = text.casefold()
        for inline in dump.rules.inline:
            if inline.needs is not None and inline.needs.search(folded) is None:
                continue
            if inline.applies(text, 0, line_tokens(text) if inline.words else frozenset()):
                before = text
                for pattern in inline.patterns:
                    line.cut += " ".join(found.group() for found in pattern.finditer(text))
                    text = pattern.sub("", text)
                if before.strip() and not text.strip():
                    emptied_by = inline.name
        if ".." in text:
            text = _DOUBLE_STOP.sub(r"\1", text)
        line.text = " ".join((text if text.isascii() else _INVISIBLE.sub("", text)).split())
        if not line.text:
            dump.drop(line, emptied_by)


def url_line(dump: Dump) -> None:
    """A line at the top or bottom that is only an http(s) address ("URL: https://...") is the dump's URL."""
    live = dump.live()
    for line in live[:3] + live[-1:]:
        found = _URL_LINE.match(line.text)
        if found and is_http_url(found["url"]) and not line.rule:
            dump.url = dump.url or found["url"]
            dump.drop(line, "url-line")


def line_rules(dump: Dump) -> None:
    """Drop lines matched by a ``line`` or ``credit`` rule; credits name the upstream report."""
    patterns: dict[str, tuple[re.Pattern[str], ...]] = {}  # each rule's, looked up once per dump
    for line in dump.live():
        text = line.text
        count, folded, tokens = words(text), "", line.tokens(dump.rules)
        for rule in dump.rules.lines_for(count):  # Rule.search, unrolled: it runs for every rule on every line
            if rule.words and rule.words.isdisjoint(tokens):
                continue
            if rule.needs is not None:
                folded = folded or text.casefold()
                if rule.needs.search(folded) is None:
                    continue
            mine = patterns.get(rule.name)
            if mine is None:
                mine = patterns[rule.name] = rule.patterns
            for pattern in mine:
                found = pattern.search(text)
                if found:
                    break
            else:
                continue
            if rule.kind == "credit":
                for name in credit_names(dump, found["names"]):
                    dump.add_upstream(line.no, found.start("names"), name)
            dump.drop(line, rule.name)
            break


def credit_names(dump: Dump, text: str) -> list[str]:
    """Report names in a credit line, without its dates: "Bloomberg, May 26, 2026" -> [Bloomberg]."""
    text = re.sub(r"\s*\([^)]*\)|\[\d+\]", "", DATE_RE.sub("", text))
    names = []
    for part in re.split(r"[,;|]|\s+and\s+|\s+&\s+", text):
        part = part.strip(" .:-–—")
        if re.fullmatch(r"(?:https?://)?(?:www\.)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?", part, re.I):
            part = domain_name(part, dump.rules)
        # A named report starts with a capital ("Bloomberg"); "company filings" is no report.
        if part[:1].isupper() and words(part) <= 6 and not re.fullmatch(MON, part):
            names.append(part)
    return names


def logo(dump: Dump) -> None:
    """Lines of one to three characters are logos, icons or page numbers."""
    for line in dump.live():
        if len(line.text) <= 3 and line.hint != "item":
            dump.drop(line, "logo")
