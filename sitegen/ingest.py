"""Ingest: every article dump in ``seeds/`` becomes a clean, attributed :class:`Source`.

A dump is whatever a browser's "copy all" or a scraper gave: the article plus
tickers, newsletter prompts, captions, bios and taglines. Named rules (data in
``sitegen/rules/debris.yaml``, extendable per project in ``seeds/debris.yaml``)
and a few named heuristics take the furniture out; every removed line is kept
as a :class:`Dropped` with the rule that removed it, so ``explain`` can show
why. Metadata is only ever taken from the dump or from ``seeds/sources.yaml``:
what is not stated stays ``None``.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import importlib.resources
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import yaml

from sitegen.errors import BuildFailed, Location, Problems, SitegenError
from sitegen.model import Dropped, Paragraph, Source
from sitegen.textio import read_text
from sitegen.yamlutil import YamlMap, check_keys, load_yaml

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

SEEDS_DIR = "seeds"
SOURCES_FILE = "sources.yaml"
DEBRIS_FILE = "debris.yaml"
DUMP_SUFFIXES = (".txt", ".md", ".html", ".htm")
PACKAGE_RULES = "sitegen/rules/debris.yaml"

KINDS = ("line", "credit", "upstream", "outlet", "inline", "heuristic")
HEURISTICS = frozenset(
    {
        "byline", "dateline", "title", "standfirst", "kicker", "repeated-headline", "author-bio", "masthead",
        "site-label", "pull-quote", "duplicate", "html-fragment", "script", "logo", "html-chrome", "html-caption",
        "markup", "footer-links", "url-line",
    }
)  # fmt: skip
# Groups a pattern of each kind must capture.
_KIND_GROUPS = {"credit": ("names",), "upstream": ("name", "domain"), "outlet": ("outlet",)}
_WORD = r"[A-Z0-9](?:[\w&+-]|[’'](?=[A-Z])|\.(?=\w))*(?![\w&+-])"
_MACROS = {
    "{{NAME}}": rf"(?:[Tt]he )?{_WORD}(?: (?:(?:of|and|&|de|for|the) )?{_WORD}){{0,4}}",
    "{{NAME_END}}": (
        r"(?=[,.;:!?)”\"’']|$| (?:on|in|at|last|this|earlier|and|that|which|who|as|after|before|when|with)\b)"
    ),
    "{{DOMAIN}}": r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}",
}


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class Rule:
    """One named debris rule: compiled patterns of one kind."""

    name: str
    kind: str
    patterns: tuple[re.Pattern[str], ...] = ()
    max_words: int = 0  # 0: lines of any length
    description: str = ""
    needs: re.Pattern[str] | None = None  # a cheap test on the lower-cased line before the patterns run

    def applies(self, text: str, words: int) -> bool:
        """Whether the patterns are worth trying on ``text`` (a line of ``words`` words)."""
        if self.max_words and words > self.max_words:
            return False
        return self.needs is None or self.needs.search(text.casefold()) is not None

    def search(self, text: str, words: int) -> re.Match[str] | None:
        """The first pattern match in ``text`` (a line of ``words`` words), or None."""
        if not self.applies(text, words):
            return None
        for pattern in self.patterns:
            found = pattern.search(text)
            if found:
                return found
        return None


@dataclass(frozen=True, slots=True)
class Rules:
    """Compiled debris rules: the package defaults plus a project's ``seeds/debris.yaml``."""

    lines: tuple[Rule, ...]  # kinds "line" and "credit", in file order
    upstream: tuple[Rule, ...]
    outlets: tuple[Rule, ...]
    inline: tuple[Rule, ...]
    heuristics: frozenset[str]  # enabled built-in heuristics
    names: tuple[str, ...]  # every known rule name, enabled or not
    disabled: frozenset[str] = frozenset()
    domains: tuple[tuple[str, str], ...] = ()
    stop_names: frozenset[str] = frozenset()

    def on(self, name: str) -> bool:
        """Whether the built-in heuristic ``name`` is enabled."""
        return name in self.heuristics


@dataclass(frozen=True, slots=True)
class _RuleFile:
    """One parsed rules file, before defaults and project extras are merged."""

    rules: tuple[Rule, ...]
    disable: tuple[tuple[str, int], ...]
    domains: tuple[tuple[str, str], ...]
    stop_names: tuple[str, ...]
    rel: str


_FILE_KEYS: dict[str, type | tuple[type, ...]] = {"rules": list, "disable": list, "domains": dict, "stop_names": list}
_RULE_KEYS: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "kind": str,
    "patterns": list,
    "max_words": int,
    "description": str,
    "needs": str,
}
_NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def load_rules(project: Path) -> Rules:
    """The package's debris rules, plus and minus those in ``<project>/seeds/debris.yaml``."""
    base = _package_rules()
    path = project / SEEDS_DIR / DEBRIS_FILE
    if not path.exists() and not path.is_symlink():
        return _merge(base, None)
    rel = f"{SEEDS_DIR}/{DEBRIS_FILE}"
    return _merge(base, _parse_rule_file(read_text(path, rel), rel, builtin=False))


@functools.lru_cache(maxsize=1)
def _package_rules() -> _RuleFile:
    """The package defaults, parsed and compiled once per process."""
    text = importlib.resources.files("sitegen").joinpath("rules").joinpath("debris.yaml").read_text(encoding="utf-8")
    return _parse_rule_file(text, PACKAGE_RULES, builtin=True, fast=True)


def _parse_rule_file(text: str, rel: str, builtin: bool, fast: bool = False) -> _RuleFile:
    """Validate and compile one rules file; all of its problems are raised together.

    ``fast`` reads our own package file with PyYAML's C loader: it is 15 times
    quicker than the strict, line-tracking reader, and the tests check that the
    file also passes the strict one.
    """
    loader = getattr(yaml, "CSafeLoader", None)
    data = _located(yaml.load(text, Loader=loader)) if fast and loader else load_yaml(text, rel)
    if data is None:
        return _RuleFile((), (), (), (), rel)
    if not isinstance(data, YamlMap):
        raise SitegenError(
            "a rules file must be a mapping with 'rules' and/or 'disable'", Location(rel, 1), "rules.type"
        )
    problems: list[SitegenError] = []
    check_keys(data, _FILE_KEYS, rel, problems)
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    entries = data.get("rules")
    for entry in entries if isinstance(entries, list) else []:
        rule = _parse_rule(entry, data.line_of("rules"), rel, builtin, problems)
        if rule is None:
            continue
        line = entry.line_of("name")
        if rule.name in seen:
            problems.append(
                SitegenError(
                    f"rule {rule.name!r} is defined twice (first at line {seen[rule.name]})",
                    Location(rel, line),
                    "rules.duplicate",
                )
            )
            continue
        seen[rule.name] = line
        rules.append(rule)
    disable = _string_list(data, "disable", rel, problems)
    stop = _string_list(data, "stop_names", rel, problems)
    domains: list[tuple[str, str]] = []
    raw_domains = data.get("domains")
    if isinstance(raw_domains, YamlMap):
        for domain, name in raw_domains.items():
            if not isinstance(name, str) or not name.strip():
                problems.append(
                    SitegenError(
                        f"domain {domain!r} needs a readable name",
                        Location(rel, raw_domains.line_of(domain)),
                        "schema.type",
                    )
                )
                continue
            domains.append((domain.lower().removeprefix("www."), name.strip()))
    if problems:
        raise BuildFailed(problems) if len(problems) > 1 else problems[0]
    line_of_disable = data.line_of("disable")
    return _RuleFile(tuple(rules), tuple((n, line_of_disable) for n in disable), tuple(domains), tuple(stop), rel)


def _located(value: Any) -> Any:
    """Plain YAML data as yamlutil returns it (mappings as YamlMap), without line numbers."""
    if isinstance(value, dict):
        out = YamlMap((str(k), _located(v)) for k, v in value.items())
        out.line, out.key_lines = 1, {}
        return out
    if isinstance(value, list):
        return [_located(v) for v in value]
    return value


def _string_list(data: YamlMap, key: str, rel: str, problems: list[SitegenError]) -> list[str]:
    """``data[key]`` as a list of text, with an error when it holds anything else."""
    value = data.get(key)
    if not isinstance(value, list):
        return []
    if not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(
            SitegenError(f"{key!r} must be a list of text", Location(rel, data.line_of(key)), "schema.type")
        )
        return []
    return [v.strip() for v in value]


def _parse_rule(entry: Any, line: int, rel: str, builtin: bool, problems: list[SitegenError]) -> Rule | None:
    """One entry of ``rules:`` as a compiled Rule, or None after recording its problems."""
    if not isinstance(entry, YamlMap):
        problems.append(
            SitegenError("each rule must be a mapping with name, kind and patterns", Location(rel, line), "rules.type")
        )
        return None
    before = len(problems)
    check_keys(entry, _RULE_KEYS, rel, problems)
    where = Location(rel, entry.line)
    name, kind = entry.get("name"), entry.get("kind")
    if not isinstance(name, str) or not _NAME_RE.fullmatch(name):
        problems.append(
            SitegenError("rule needs a 'name' of lowercase letters, digits and dashes", where, "rules.name")
        )
    if kind not in KINDS:
        problems.append(SitegenError(f"rule kind {kind!r} is not one of: {', '.join(KINDS)}", where, "rules.kind"))
    elif kind == "heuristic" and (not builtin or name not in HEURISTICS):
        problems.append(
            SitegenError(
                f"heuristic rules are built in; {name!r} is not one of them",
                where,
                "rules.kind",
                hint="disable a built-in heuristic with 'disable: [name]'",
            )
        )
    if len(problems) > before:
        return None
    assert isinstance(name, str) and isinstance(kind, str)
    patterns = _expand(entry, name, kind, rel, problems)
    if patterns is None:
        return None
    max_words = entry.get("max_words") or 0
    if not isinstance(max_words, int) or max_words < 0:
        problems.append(
            SitegenError("max_words must be 0 or more", Location(rel, entry.line_of("max_words")), "schema.type")
        )
        return None
    needs = None
    if isinstance(entry.get("needs"), str):
        try:
            needs = re.compile(entry["needs"])
        except re.error as exc:
            problems.append(
                SitegenError(f"rule {name!r}, needs: {exc.msg}", Location(rel, entry.line_of("needs")), "rules.regex")
            )
            return None
    compiled = tuple(re.compile(p) for p in patterns)  # already checked: re's own cache makes this a lookup
    return Rule(name, kind, compiled, max_words, str(entry.get("description") or ""), needs)


def _expand(entry: YamlMap, name: str, kind: str, rel: str, problems: list[SitegenError]) -> tuple[str, ...] | None:
    """The rule's patterns with macros expanded and checked, or None after recording why not."""
    raw = entry.get("patterns") or []
    where = Location(rel, entry.line_of("patterns"))
    if kind == "heuristic":
        return ()
    if not raw or not all(isinstance(p, str) and p for p in raw):
        problems.append(
            SitegenError(f"rule {name!r} needs 'patterns': a list of regular expressions", where, "rules.patterns")
        )
        return None
    out: list[str] = []
    for number, text in enumerate(raw, 1):
        for macro, value in _MACROS.items():
            text = text.replace(macro, value)
        try:
            pattern = re.compile(text)
        except re.error as exc:
            problems.append(SitegenError(f"rule {name!r}, pattern {number}: {exc.msg}", where, "rules.regex"))
            return None
        wanted = _KIND_GROUPS.get(kind, ())
        if wanted and not any(g in pattern.groupindex for g in wanted):
            groups = " or ".join(f"(?P<{g}>...)" for g in wanted)
            problems.append(
                SitegenError(
                    f"rule {name!r}, pattern {number}: a {kind} pattern must capture {groups}", where, "rules.patterns"
                )
            )
            return None
        out.append(text)
    return tuple(out)


def _merge(base: _RuleFile, extra: _RuleFile | None) -> Rules:
    """Defaults with the project's rules: same name replaces, new names append, ``disable`` removes."""
    rules = {r.name: r for r in base.rules}
    disable: tuple[tuple[str, int], ...] = ()
    domains = dict(base.domains)
    stop = set(base.stop_names)
    if extra is not None:
        for rule in extra.rules:
            rules[rule.name] = rule
        disable = extra.disable
        domains.update(extra.domains)
        stop.update(extra.stop_names)
        unknown = [
            SitegenError(
                f"cannot disable unknown rule {name!r}",
                Location(extra.rel, line),
                "rules.unknown",
                hint=f"known rules: {', '.join(sorted(rules))}",
            )
            for name, line in disable
            if name not in rules
        ]
        if unknown:
            raise BuildFailed(unknown) if len(unknown) > 1 else unknown[0]
    off = frozenset(name for name, _ in disable)
    live = [r for r in rules.values() if r.name not in off]
    return Rules(
        lines=tuple(r for r in live if r.kind in ("line", "credit")),
        upstream=tuple(r for r in live if r.kind == "upstream"),
        outlets=tuple(r for r in live if r.kind == "outlet"),
        inline=tuple(r for r in live if r.kind == "inline"),
        heuristics=frozenset(r.name for r in live if r.kind == "heuristic"),
        names=tuple(rules),
        disabled=off,
        domains=tuple(sorted(domains.items())),
        stop_names=frozenset(s.casefold() for s in stop),
    )


# --------------------------------------------------------------------------- text helpers

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
_TAGLIKE = re.compile(r"<(?:[A-Za-z][\w-]*[\s/>]|/[A-Za-z]|!--|![A-Za-z])")
_FRAGMENT = re.compile(r"^[^<]*[\"'/]\s*>$|<[A-Za-z][\w-]*\s+[\w:-]+=[^>]*$")
_CODE_OPEN = re.compile(r"<(script|style)\b", re.I)
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_WS = re.compile(r"\s+")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
_ENDS_CLAUSE = re.compile(r"[.!?…:;,>\"'”’)\]]$")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)]*\s+[\"'“‘(]?[A-Z]")
_QUOTED = re.compile(r"^[“\"‘'«„‹]\s*(?P<q>.+?)\s*[”\"’'»“›]\s*(?:[—–-]+\s*[^“”\"]{1,60})?$")
_HEADLINE_SEP = re.compile(r"\s+[·|–—-]\s+|\s*[|·]\s*")
# Words a Title Case headline leaves in lower case.
_SMALL = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "nor", "of", "on", "or", "over",
     "per", "the", "to", "vs", "via", "with", "up", "off", "out", "than", "that"]
)  # fmt: skip
# Sentence openers that a name pattern can swallow ("Earlier Bloomberg reported").
_LEADING_FILLER = frozenset(
    ["however", "meanwhile", "earlier", "also", "and", "but", "as", "in", "on", "last", "this", "then", "now", "yet"]
)
_TOKEN = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
_TITLE_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_ENDS_CLOSED = re.compile(r"[.,;:!…][\"'”’)]*$")  # a line ending like this is prose, not a heading
_CORPORATE = re.compile(r"\s+(?:Ltd|Inc|LLC|Limited|Corp|Corporation|GmbH|PLC|Media Group)\.?$")


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
_URL_LINE = re.compile(r"^(?:(?i:url|source url|link|canonical|permalink|original url)\s*:\s*)?(?P<url>https?://\S+)$")
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


# --------------------------------------------------------------------------- analysis


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


# --------------------------------------------------------------------------- public API


@dataclass(frozen=True, slots=True)
class Ingested:
    """All sources of a project, and what was skipped on the way."""

    sources: tuple[Source, ...]  # sorted by seed file name
    warnings: tuple[SitegenError, ...]


def ingest_text(text: str, rel: str, rules: Rules, override: Mapping[str, Any] | None = None) -> Source:
    """One dump's text (from the file ``rel``) as a Source; ``override`` holds sources.yaml corrections."""
    if not text.strip():
        raise SitegenError(
            "seed is empty: there is no article text in it",
            Location(rel, 1),
            "seed.empty",
            hint="delete the file or paste the article into it",
        )
    fix = dict(override or {})
    lines, meta, markdown = _read_lines(text, rel, rules)
    work = _Analysis(rel, rules, lines, meta, markdown)
    work.run(fix.get("title"), fix.get("outlet"))
    paragraphs = work.paragraphs()
    if not any(p.number for p in paragraphs):
        dropped = sum(1 for line in lines if line.rule)
        raise SitegenError(
            f"no article text left after removing debris ({dropped} line{'s' if dropped != 1 else ''} dropped)",
            Location(rel, 1),
            "seed.empty",
            hint="`sitegen ingest --explain` shows which rule dropped each line; disable one in seeds/debris.yaml",
        )
    source = Source(
        id="",
        path=rel,
        title=work.title,
        outlet=work.outlet,
        authors=work.authors or meta.authors,
        date=work.date or meta.date,
        url=work.url,
        relies_on=work.relies_on(),
        paragraphs=paragraphs,
        standfirst=work.standfirst,
        dropped=work.dropped(),
        author_bio=work.bio,
    )
    source = _apply_override(source, fix, rel)
    if source.id:
        return source
    return _with_id(source, _auto_id(source, outlet_unique=True))


def _apply_override(source: Source, fix: Mapping[str, Any], rel: str) -> Source:
    """``source`` with the sources.yaml corrections applied (they win over what was extracted)."""
    changes: dict[str, Any] = {}
    for key in ("title", "standfirst", "outlet", "url"):
        if key in fix:
            changes[key] = fix[key]
    if "author" in fix:
        value = fix["author"]
        changes["authors"] = () if value is None else (value,) if isinstance(value, str) else tuple(value)
    if "relies_on" in fix:
        value = fix["relies_on"]
        changes["relies_on"] = () if value is None else (value,) if isinstance(value, str) else tuple(value)
    if "date" in fix:
        value = fix["date"]
        changes["date"] = value.date() if isinstance(value, dt.datetime) else value
    pinned = fix.get("id")
    if pinned is not None:
        if not isinstance(pinned, str) or not _ID.fullmatch(pinned):
            raise SitegenError(
                f"id {pinned!r} must use only a-z, 0-9 and '-'{_too_long(pinned)}", Location(rel), "sources.id"
            )
        changes["id"] = pinned
    return replace(source, **changes) if changes else source


def _with_id(source: Source, new_id: str) -> Source:
    """``source`` under another id."""
    return replace(source, id=new_id)


_ID = re.compile(r"[a-z0-9-]{1,80}")  # a URL segment and a file name: short enough for every file system


def _too_long(value: object) -> str:
    return " (at most 80 of them)" if isinstance(value, str) and len(value) > 80 else ""


def _auto_id(source: Source, outlet_unique: bool) -> str:
    """A readable id: the outlet's slug, else the title's first words, else the file name."""
    if source.outlet and outlet_unique and _slug(source.outlet):
        return _slug(source.outlet)
    if source.title and _slug(source.title, 5):
        return _slug(source.title, 5)
    return _slug(PurePosixPath(source.path).stem) or "source"


def ingest(project: Path, rules: Rules | None = None) -> Ingested:
    """Every dump in ``project/seeds`` as a Source; all problems are raised together."""
    seeds = project / SEEDS_DIR
    if not seeds.is_dir():
        raise SitegenError(
            "no seeds/ folder: put the article dumps there",
            Location(SEEDS_DIR),
            "seeds.missing",
            hint="one .txt, .md or .html file per article",
        )
    rules = rules if rules is not None else load_rules(project)
    dumps, warnings = _list_dumps(seeds)
    if not dumps:  # a new project: an empty but valid site, and a reminder
        return Ingested((), seed_warnings(project))
    problems = Problems()
    overrides = _load_overrides(project, [p.name for p in dumps], problems)
    sources: list[Source] = []
    for path in dumps:
        rel = f"{SEEDS_DIR}/{path.name}"
        try:
            sources.append(ingest_text(read_text(path, rel), rel, rules, overrides.get(path.name)))
        except SitegenError as exc:
            problems.add(exc)
    problems.raise_if_any()
    return Ingested(_assign_ids(sources, {n for n in overrides if "id" in overrides[n]}), tuple(warnings))


def seed_warnings(project: Path) -> tuple[SitegenError, ...]:
    """What ``ingest`` would warn about (skipped files, no dumps yet), from the folder listing alone."""
    seeds = project / SEEDS_DIR
    if not seeds.is_dir():
        return ()
    dumps, warnings = _list_dumps(seeds)
    if not dumps:
        warnings.append(
            SitegenError(
                "no article dumps in seeds/ (.txt, .md, .html or .htm files)", Location(SEEDS_DIR), "seeds.empty"
            )
        )
    return tuple(warnings)


def _list_dumps(seeds: Path) -> tuple[list[Path], list[SitegenError]]:
    """Article dumps in ``seeds`` sorted by name, and a warning for every other file."""
    dumps: list[Path] = []
    warnings: list[SitegenError] = []
    for path in sorted(seeds.iterdir(), key=lambda p: p.name):
        name = path.name
        if name.startswith(".") or name in (SOURCES_FILE, DEBRIS_FILE):
            continue
        if path.suffix.lower() in DUMP_SUFFIXES and (path.is_symlink() or path.is_file()):
            dumps.append(path)
        else:
            warnings.append(
                SitegenError(
                    "not an article dump, skipped",
                    Location(f"{SEEDS_DIR}/{name}"),
                    "seeds.skipped",
                    hint="article dumps end in .txt, .md, .html or .htm",
                )
            )
    return dumps, warnings


def _assign_ids(sources: list[Source], pinned: set[str]) -> tuple[Source, ...]:
    """Sources with unique ids: pinned ones kept, others derived and suffixed -2, -3 in file order."""
    used = {s.id for s in sources if PurePosixPath(s.path).name in pinned}
    outlets: dict[str, int] = {}
    for s in sources:
        if s.outlet:
            outlets[s.outlet.casefold()] = outlets.get(s.outlet.casefold(), 0) + 1
    out: list[Source] = []
    for s in sources:
        if PurePosixPath(s.path).name in pinned:
            out.append(s)
            continue
        unique = bool(s.outlet) and outlets.get((s.outlet or "").casefold()) == 1
        out.append(_with_id(s, _unique(_auto_id(s, unique), used)))
    return tuple(out)


_OVERRIDE_KEYS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "title": str,
    "standfirst": str,
    "outlet": str,
    "author": (str, list),
    "date": dt.date,
    "url": str,
    "relies_on": (str, list),
}


def _load_overrides(project: Path, dump_names: list[str], problems: Problems) -> dict[str, dict[str, Any]]:
    """Corrections from ``seeds/sources.yaml`` by seed file name, validated; problems are recorded."""
    path = project / SEEDS_DIR / SOURCES_FILE
    rel = f"{SEEDS_DIR}/{SOURCES_FILE}"
    if not path.exists() and not path.is_symlink():
        return {}
    try:
        data = load_yaml(read_text(path, rel), rel)
    except SitegenError as exc:
        problems.add(exc)
        return {}
    if data is None:
        return {}
    if not isinstance(data, YamlMap):
        problems.error("sources.yaml must map seed file names to corrections", Location(rel, 1), "sources.type")
        return {}
    known = set(dump_names)
    out: dict[str, dict[str, Any]] = {}
    id_owner: dict[str, str] = {}
    for name, entry in data.items():
        line = data.line_of(name)
        if name not in known:
            problems.error(
                f"no seed file named {name!r} in seeds/",
                Location(rel, line),
                "sources.unknown-seed",
                hint=f"seed files: {', '.join(sorted(known))}",
            )
            continue
        if entry is None:
            continue
        if not isinstance(entry, YamlMap):
            problems.error(f"corrections for {name} must be a mapping of fields", Location(rel, line), "sources.type")
            continue
        fix = _check_override(entry, rel, problems)
        pinned = fix.get("id")
        if isinstance(pinned, str):
            if pinned in id_owner:
                problems.error(
                    f"id {pinned!r} is pinned for both {id_owner[pinned]} and {name}",
                    Location(rel, entry.line_of("id")),
                    "sources.duplicate-id",
                )
            id_owner.setdefault(pinned, name)
        out[name] = fix
    return out


def _check_override(entry: YamlMap, rel: str, problems: Problems) -> dict[str, Any]:
    """The valid fields of one sources.yaml entry; an error for each bad one."""
    errors: list[SitegenError] = []
    check_keys(entry, _OVERRIDE_KEYS, rel, errors)
    bad = {e.location.line for e in errors if e.location}
    for error in errors:
        problems.add(error)
    fix: dict[str, Any] = {}
    for key, value in entry.items():
        line = entry.line_of(key)
        if key not in _OVERRIDE_KEYS or line in bad:
            continue
        where = Location(rel, line)
        if key in ("author", "relies_on") and isinstance(value, list):
            if not all(isinstance(v, str) and v.strip() for v in value):
                problems.error(f"{key!r} must be text or a list of text", where, "schema.type")
                continue
            value = [v.strip() for v in value]
        elif isinstance(value, str):
            value = value.strip()
            if not value and key not in ("url", "id"):
                value = None  # an empty field clears what the dump says
        if key == "id" and value is None:
            continue  # nothing pinned: the id is derived as usual
        if key == "url" and value is not None and not _is_http_url(value):
            problems.error(f"url {value!r} must be an http:// or https:// address", where, "sources.url")
            continue
        if key == "id" and (not isinstance(value, str) or not _ID.fullmatch(value)):
            problems.error(f"id {value!r} must use only a-z, 0-9 and '-'{_too_long(value)}", where, "sources.id")
            continue
        if key == "date" and isinstance(value, dt.datetime):
            value = value.date()
        fix[key] = value
    return fix


def explain(sources: Sequence[Source]) -> str:
    """A report per source: the metadata found, then every dropped line with its line and rule."""
    out: list[str] = []
    for s in sources:
        out.extend(_explain_one(s))
    return "\n".join(out) + ("\n" if out else "")


def _explain_one(s: Source) -> Iterator[str]:
    """The explain() lines for one source."""
    yield f"{s.path} -> {s.id}"
    fields = (
        ("title", s.title),
        ("standfirst", s.standfirst),
        ("outlet", s.outlet),
        ("authors", ", ".join(s.authors)),
        ("date", s.date.isoformat() if s.date else None),
        ("url", s.url),
        ("relies on", ", ".join(s.relies_on)),
        ("author bio", s.author_bio),
    )
    for label, value in fields:
        yield f"  {label + ':':<12}{_short(value) if value else '(not stated)'}"
    headings = sum(1 for p in s.paragraphs if p.kind == "heading")
    yield f"  {'body:':<12}{len(s.numbered)} paragraphs (¶1-¶{len(s.numbered)}), {headings} headings"
    yield f"  dropped {len(s.dropped)} line{'s' if len(s.dropped) != 1 else ''}:"
    for d in s.dropped:
        yield f"    line {d.line:>4}  {d.rule:<18} {_short(d.text)}"
    yield ""


def _short(text: str, limit: int = 100) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    flat = _WS.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
