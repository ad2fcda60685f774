"""Steps that find the outlet that published a dump, and drop the lines that only name it.

The cues, in the order they are trusted: the HTML head and the site's own
signature (copyright, "A X Company"), an outlet the byline names, a wire's
mark in the dateline ("WASHINGTON (AP) —"), a line that is only a known
outlet's name, the headline's suffix, a desk or bio, a masthead, and last
the file's name (``003_pymnts.txt``).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from sitegen.ingest.dump import Dump
from sitegen.ingest.names import clean_outlet
from sitegen.ingest.rules import Rules
from sitegen.ingest.text import words

# "WASHINGTON (AP) —", "Tokyo, June 18 (Jiji Press)--", "(MENAFN) Power is ...", "MADRID, April 28. /TASS/."
_AGENCY = re.compile(
    r"^(?:(?:[A-Z][A-Z.’' -]{1,30}?|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?=,\s*[A-Z][a-z]{2,8}\.?\s+\d))"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?|[A-Z][a-z]{2,8}\.?\s+\d{1,2})[.,]?\s*"
    r"(?:\((?P<paren>[A-Za-z][\w .&/-]{0,28}[\w.])\)\s*(?:[-—–]{1,2}|:)|/(?P<slash>[A-Z][\w .&-]{0,20})/\.?)"
    r"|^\((?P<lead>[A-Z][\w.&/-]{1,20})\)\s+(?=[A-Z])"
)
_SUFFIX_SEP = re.compile(r"\s[·|]\s$")  # "... · Name"
_ARTICLE = re.compile(r"^an?\s+")
_LABEL_WORDS = re.compile(r"(?:\s+[\w’'-]+){0,2}")  # the name and a word or two
_LABEL_TAIL = re.compile(r"\s*[|·•:—–-]\s*[^.!?]{0,60}")  # the name and a section after a separator
_NOT_AGENCY = re.compile(r"(?i)^(?:updated?|photo|video|file|reuters\s+photo|ap\s+photo|graphic|\d+)$")


def signature(dump: Dump) -> None:
    """The site's name from the HTML head, else its signature lines (footer, tagline, copyright)."""
    if dump.outlet is None and dump.meta.outlet:
        dump.outlet = dump.meta.outlet
    for line in dump.lines:
        if dump.outlet is not None:
            return
        if line.rule in ("script", "html-fragment", "html-chrome"):
            continue
        for text in (line.text, line.cut) if line.cut else (line.text,):
            tokens = line.tokens(dump.rules) if text is line.text else dump.rules.tokens(text)
            for rule in dump.rules.outlets:
                found = rule.search(text, words(text), tokens)
                if found:
                    name = clean_outlet(found["outlet"])
                    dump.outlet = dump.rules.outlets_table.named(name) or name
                    break
            if dump.outlet is not None:
                break


def byline_org(dump: Dump) -> None:
    """An outlet the byline names: "By Jane Doe, CNBC", or the outlet of a desk byline ("X News Desk")."""
    if dump.outlet is None and dump.byline_org:
        name = clean_outlet(dump.byline_org)
        dump.outlet = dump.rules.outlets_table.named(name) or name


def agency(dump: Dump) -> None:
    """A wire's mark where the text starts ("WASHINGTON (AP) —"): the outlet, or a report relied on."""
    for line in dump.live()[:6]:
        found = _AGENCY.match(line.text)
        if found is None or words(line.text) < 6:
            continue
        name = (found["paren"] or found["slash"] or found["lead"] or "").strip()
        if not name or _NOT_AGENCY.match(name):
            continue
        name = dump.rules.outlets_table.named(name) or name
        if dump.outlet is None:
            dump.outlet = name
        else:
            dump.add_upstream(line.no, 0, name)
        return


def site_name(dump: Dump) -> None:
    """A line that is only a known outlet's name ("The Yomiuri Shimbun") is a site label or credit."""
    table = dump.rules.outlets_table
    for line in dump.live():
        if words(line.text) > 6 or line.hint == "item":
            continue
        known = table.named(line.text)
        if known:
            dump.outlet = dump.outlet or known
            dump.drop(line, "site-name")


def file_name(dump: Dump) -> None:
    """Last of all cues: the seed file's name ("003_pymnts.txt" -> PYMNTS, by the outlets table)."""
    if dump.outlet is None:
        dump.outlet = dump.rules.outlets_table.from_file_name(PurePosixPath(dump.rel).stem)


def masthead(dump: Dump) -> None:
    """A short name on the first line that recurs at the start of later lines is the site's name."""
    if dump.outlet is not None or not dump.lines:
        return
    first = dump.lines[0]
    name = first.text
    if first.rule or len(name) > 30 or not re.fullmatch(r"[A-Z][\w’'&.-]*(?: [A-Z][\w’'&.-]*){0,2}", name):
        return
    # Two other lines must back it: short labels or debris starting with the name, or "... · Name".
    support = 0
    for other in dump.lines[1:]:
        starts = other.text.startswith(name + " ") and (words(other.text) <= 3 or bool(other.rule))
        if starts or (other.text.endswith(name) and _SUFFIX_SEP.search(other.text[-len(name) - 3 : -len(name)])):
            support += 1
    if support >= 2:
        dump.outlet = name


def site_label(dump: Dump) -> None:
    """Lines that are only the site's name, or it plus a word or two ("Modelwire context")."""
    if not dump.outlet:
        return
    name = dump.outlet.casefold()
    for line in dump.live():
        text = line.text.casefold()
        bare = _ARTICLE.sub("", text)
        named = bare.startswith(name) and _LABEL_WORDS.fullmatch(bare[len(name) :]) is not None
        named = named or (text.startswith(name) and _LABEL_TAIL.fullmatch(text[len(name) :]) is not None)
        if named and words(line.text) <= 8:  # "X", "A X Company", "X context", "X | Business"
            dump.drop(line, "site-label")


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
    return rules.outlets_table.from_domain_label(core) or " ".join(
        w.capitalize() for w in re.split(r"[-_]+", core) if w
    )
