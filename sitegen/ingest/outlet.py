"""Steps that find the outlet that published a dump, and drop the lines that only name it.

Each cue records a name with how far its kind is trusted (the ranks in :mod:`sitegen.ingest.dump`):
the HTML head, the site's own signature, the headline's suffix, an outlet the byline names, a line that
is only a known outlet's name, a masthead, a copyright line, a signed bio, a wire's mark in the
dateline ("WASHINGTON (AP) —"), a desk, a company's copyright. :func:`choose` weighs them against the
file's name (``003_pymnts.txt``) and picks one.
"""

from __future__ import annotations

import re

from sitegen.ingest.dump import (
    BYLINE_ORG,
    COPYRIGHT,
    CORPORATE,
    DESK,
    HEAD,
    MASTHEAD,
    SIGNATURE,
    SITE_NAME,
    WIRE,
    Cue,
    Dump,
)
from sitegen.ingest.names import clean_outlet
from sitegen.ingest.outlets import FileName
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
_ARTICLE = re.compile(r"^(?:an?|the)\s+")
_LABEL_WORDS = re.compile(r"(?:\s+[\w’'-]+){0,2}")  # the name and a word or two
_LABEL_TAIL = re.compile(r"\s*[|·•:—–-]\s*[^.!?]{0,60}")  # the name and a section after a separator
# A copyright or ownership line, and a company's name: "© 2026 X Media Group, Inc.", "X Holdings Limited".
_OWNERSHIP = re.compile(r"(?i:©|\(c\)|copyright|rights reserved|\b(?:company|publication|brand)\b)")
_COMPANY_WORDS = (
    r"(?:Inc|Ltd|LLC|LLP|Limited|Corp|Corporation|GmbH|PLC|plc|Group|Holdings|Company|Co|Communications"
    r"|Enterprises|Publishing|Broadcasting|Partners|AG|SA|NV)"
)
_COMPANY = re.compile(rf"\b{_COMPANY_WORDS}\.?$")
_COMPANY_AFTER = re.compile(rf",?\s*{_COMPANY_WORDS}\b")
_SPELLING_GAPS = frozenset("’'.&- ")
_NOT_AGENCY = re.compile(r"(?i)^(?:updated?|photo|video|file|reuters\s+photo|ap\s+photo|graphic|\d+)$")


def signature(dump: Dump) -> None:
    """The site's name from the HTML head, and from its signature lines (footer, tagline, copyright)."""
    if dump.meta.outlet:
        dump.add_cue(HEAD, dump.meta.outlet)
    table = dump.rules.outlets_table
    for line in dump.lines if not dump.meta.outlet else ():  # the head names the site: no need to look further
        if line.rule in ("script", "html-fragment", "html-chrome"):
            continue
        for text in (line.text, line.cut) if line.cut else (line.text,):
            tokens = line.tokens(dump.rules) if text is line.text else dump.rules.tokens(text)
            count = words(text)
            for rule in dump.rules.outlets:
                found = rule.search(text, count, tokens)
                if found:
                    name = clean_outlet(found["outlet"])
                    dump.add_cue(_signature_rank(found), table.named(name) or name, line.no)
                    break
            else:
                continue
            break


def _signature_rank(found: re.Match[str]) -> int:
    """How far a signature names the site: a copyright holder less than a sign-off, a company least."""
    said = found.group()
    if not _OWNERSHIP.search(said):
        return SIGNATURE  # "Thanks for reading X", "Join readers who start their day with X"
    after = found.string[found.end() : found.end() + 16]
    return CORPORATE if _COMPANY.search(found["outlet"]) or _COMPANY_AFTER.match(after) else COPYRIGHT


def byline_org(dump: Dump) -> None:
    """An outlet the byline names: "By Jane Doe, CNBC", or the outlet of a desk byline ("X News Desk")."""
    if dump.byline_org:
        name = clean_outlet(dump.byline_org)
        rank = DESK if dump.byline_desk else BYLINE_ORG
        dump.add_cue(rank, dump.rules.outlets_table.named(name) or name, dump.byline.no if dump.byline else 0)


def agency(dump: Dump) -> None:
    """A wire's mark where the text starts ("WASHINGTON (AP) —"): the outlet, or a report relied on (choose)."""
    for line in dump.live()[:6]:
        found = _AGENCY.match(line.text)
        if found is None or words(line.text) < 6:
            continue
        name = (found["paren"] or found["slash"] or found["lead"] or "").strip()
        if not name or _NOT_AGENCY.match(name):
            continue
        dump.add_cue(WIRE, dump.rules.outlets_table.named(name) or name, line.no)
        return


def site_name(dump: Dump) -> None:
    """A line that is only a known outlet's name ("The Yomiuri Shimbun") is a site label or credit."""
    table = dump.rules.outlets_table
    for line in dump.live():
        if words(line.text) > 6 or line.hint == "item":
            continue
        known = table.named(line.text)
        if known:
            dump.add_cue(SITE_NAME, known, line.no)
            dump.drop(line, "site-name")


def masthead(dump: Dump) -> None:
    """A short name on the first line that recurs at the start of later lines is the site's name."""
    if not dump.lines:
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
        dump.add_cue(MASTHEAD, name, first.no)


def choose(dump: Dump) -> None:
    """The outlet: the most trusted cue, weighed against the file's name (``003_harbour-gazette.txt``).

    A numbered file's name is the editor's word for the outlet. A cue that agrees with it wins (its
    full form when the cue is an abbreviation: "CN" for ``courthouse-news``); else a known outlet the
    name gives, or the name as the page prints it ("Lloyd's List" for ``lloyds-list``); else the text's
    own cues down to a masthead or a plain copyright line; and only then the name's words, which win over a
    wire's dateline, a desk and a company's copyright. A wire that is not the outlet is a report relied on.
    """
    cues = sorted(dump.cues)
    if dump.outlet is None:
        stem = dump.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        named = dump.rules.outlets_table.file_name(stem) if dump.rules.on("file-name") else None
        dump.outlet = _pick(dump, cues, named) if named else (cues[0].name if cues else None)
    table = dump.rules.outlets_table
    for cue in cues:  # a wire, or a known outlet the byline names, on another outlet's page: its report
        foreign = cue.rank == WIRE or (cue.rank in (BYLINE_ORG, DESK) and table.named(cue.name))
        if foreign and not agrees(cue.name, dump.outlet or ""):
            dump.add_upstream(cue.line, 0, cue.name)


def _pick(dump: Dump, cues: list[Cue], named: FileName) -> str | None:
    """The outlet by the cues and the file's name (see :func:`choose`)."""
    key = "".join(named.tokens)
    initials = "".join(token[0] for token in named.tokens) if len(named.tokens) > 1 else ""
    for cue in cues:
        mine = _words(cue.name)
        if mine and "".join(mine) == initials:  # an abbreviation: the name in full
            return named.known or _printed(dump, key, named.tokens[0]) or named.words
        if mine and (_same(mine, list(named.tokens)) or cue.name == named.known):
            return cue.name
    printed = _printed(dump, key, named.tokens[0]) if len(key) >= 3 else None
    if named.known and not (printed and "".join(_words(named.known)) != key):
        return named.known  # a known outlet, unless the page prints the name's longer whole ("The Times of Malta")
    if printed:
        return printed
    table = dump.rules.outlets_table
    # A known outlet the byline names ("By Reuters", "By Jane Doe, AFP") on a page the file's name gives to
    # another outlet is a wire's story that page hosts: a report relied on (see choose), not the outlet.
    strong = next(
        (cue.name for cue in cues if cue.rank < WIRE and not (cue.rank == BYLINE_ORG and table.named(cue.name))),
        None,
    )
    return strong or named.words


def _printed(dump: Dump, key: str, first: str) -> str | None:
    """The file name's words as the page prints them, as a name ("Lloyd's List", "WXYZ"), if it does.

    The first word's first letters are printed together whatever follows them ("Tidewater's"), so
    only the places where they stand with a capital are tried. One word with a capital only at its
    start counts only within a sentence: opening a sentence or a menu's item, "Out" is an ordinary word.
    """
    text = dump.text or "\n".join(line.text for line in dump.lines)
    one_word = len(key) == len(first)
    for start in {first[:4].capitalize(), first[:4].upper()}:
        at = text.find(start)
        while at >= 0:
            before = at - 1
            while before >= 0 and text[before] == " ":
                before -= 1
            within = before >= 0 and (text[before].isalnum() or text[before] == ",")  # a sentence goes on
            if not text[at - 1 : at].isalnum() and (within or not one_word or start.isupper()):
                end = _spelled_at(text[at : at + 2 * len(key) + 4].lower(), 0, key)
                printed = text[at : at + end]
                if end and (within or printed.isupper() or any(ch.isupper() for ch in printed[1:])):
                    return printed
            at = text.find(start, at + 1)
    return None


def _spelled_at(text: str, at: int, key: str) -> int:
    """Where ``key`` ends when ``text`` spells it from ``at`` (an apostrophe, dot, dash, "&" or space between
    any two of its letters allowed, and no letter or digit right after it); 0 when it does not."""
    index = 0
    while index < len(key) and at < len(text):
        if text[at] == key[index]:
            index += 1
        elif index == 0 or text[at] not in _SPELLING_GAPS or text[at - 1] in _SPELLING_GAPS:
            return 0
        at += 1
    return at if index == len(key) and not text[at : at + 1].isalnum() else 0


def _words(name: str) -> list[str]:
    """A name's words for comparison: lower case, letters and digits, without a leading "the"."""
    return re.findall(r"[^\W_]+", name.casefold().removeprefix("the "))


def _same(one: list[str], other: list[str]) -> bool:
    """Whether two names' words name one outlet: spelled alike ("Lloyd's List", ``lloyds-list``), or the
    words of one run on in the other ("Harbor Court News Service", "The Japan News" in ``japan-news-yomiuri``)."""
    return "".join(one) == "".join(other) or _within(other, one) or (len("".join(one)) >= 4 and _within(one, other))


def _within(part: list[str], whole: list[str]) -> bool:
    """Whether the words ``part`` stand together in ``whole``."""
    return any(whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def agrees(one: str, other: str) -> bool:
    """Whether two names are the same outlet's: alike, one run on in the other ("The" and punctuation
    aside), or one abbreviating the other ("HCN", "Harbor Court News")."""
    a, b = _words(one), _words(other)
    return bool(a and b) and (
        _same(a, b) or _same(b, a) or _abbreviates("".join(a), other) or _abbreviates("".join(b), one)
    )


def _abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` is made of the first letters of ``name``'s first words ("hcn", "Harbor Court News")."""
    return 2 <= len(short) <= 6 and _initials(name).startswith(short)


def _initials(name: str) -> str:
    """The first letters of a name's words, lower case: "Harbor Court News" -> "hcn"."""
    found = re.findall(r"[^\W\d_]+", name.casefold().removeprefix("the "))
    return "".join(word[0] for word in found) if len(found) > 1 else ""


def site_label(dump: Dump) -> None:
    """Lines that are only the site's name, or it plus a word or two ("Modelwire context")."""
    if not dump.outlet:
        return
    name = _ARTICLE.sub("", dump.outlet.casefold())
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
