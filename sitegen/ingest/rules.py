"""Debris rules: the named patterns that tell an article dump's furniture from its text.

``load_rules(project)`` -> :class:`Rules`: the package's ``sitegen/rules/debris.yaml``
plus and minus a project's ``seeds/debris.yaml``, validated and compiled; every
problem in a rules file is raised together.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sitegen.errors import BuildFailed, Location, SitegenError
from sitegen.ingest.outlets import Outlets, load_outlets
from sitegen.ingest.patterns import Literals, compile_all, needs_test
from sitegen.ingest.tokens import CUE_WORDS, MARKS, line_tokens, printed_forms
from sitegen.textio import read_text
from sitegen.yamlutil import YamlMap, check_keys, load_yaml

SEEDS_DIR = "seeds"
DEBRIS_FILE = "debris.yaml"
PACKAGE_RULES = "sitegen/rules/debris.yaml"

KINDS = ("line", "credit", "upstream", "outlet", "inline", "heuristic")
# Groups a pattern of each kind must capture.
_KIND_GROUPS = {"credit": ("names",), "upstream": ("name", "domain"), "outlet": ("outlet",)}
_WORD = r"[A-Z0-9](?:[\w&+-]|[’'](?=[A-Z])|\.(?=\w))*(?![\w&+-])"
NAME = rf"(?:[Tt]he )?{_WORD}(?: (?:(?:of|and|&|de|for|the) )?{_WORD}){{0,4}}"  # a proper name: "The Decoder"
_MACROS = {
    "{{NAME}}": NAME,
    "{{NAME_END}}": (
        r"(?=[,.;:!?)”\"’']|$| (?:on|in|at|last|this|earlier|and|that|which|who|as|after|before|when|with)\b)"
    ),
    "{{DOMAIN}}": r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}",
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One named debris rule: compiled patterns of one kind."""

    name: str
    kind: str
    sources: tuple[str, ...] = ()  # the patterns as written, macros expanded
    max_words: int = 0  # 0: lines of any length
    description: str = ""
    needs: re.Pattern[str] | Literals | None = None  # a cheap test on the lower-cased line before the patterns
    words: frozenset[str] = frozenset()  # the patterns run only on a line with one of these words (or marks)

    @property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """The patterns, compiled when a line first gets this far (a rule no line needs costs nothing)."""
        return _compiled(self.sources, self.kind == "line")

    def applies(self, text: str, words: int, tokens: frozenset[str] | None = None) -> bool:
        """Whether the patterns are worth trying on ``text``, a line of ``words`` words (``tokens``: its tokens)."""
        if self.max_words and words > self.max_words:
            return False
        if self.words and self.words.isdisjoint(line_tokens(text) if tokens is None else tokens):
            return False
        return self.needs is None or self.needs.search(text.casefold()) is not None

    def search(self, text: str, words: int, tokens: frozenset[str] | None = None) -> re.Match[str] | None:
        """The first pattern match in ``text`` (a line of ``words`` words), or None."""
        if not self.applies(text, words, tokens):
            return None
        for pattern in self.patterns:
            found = pattern.search(text)
            if found:
                return found
        return None


@functools.cache
def _compiled(sources: tuple[str, ...], any_match: bool = False) -> tuple[re.Pattern[str], ...]:
    """``sources`` compiled, once per process (a line rule only asks whether any pattern matches)."""
    return compile_all(sources, any_match)


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
    outlets_table: Outlets = field(default_factory=Outlets)
    by_length: tuple[tuple[Rule, ...], ...] = ((),)  # lines[i] for lines of i words (the last: longer ones)
    printed: Mapping[str, str] = field(default_factory=dict)  # the rules' words as printed -> the word

    def on(self, name: str) -> bool:
        """Whether the built-in heuristic ``name`` is enabled."""
        return name in self.heuristics

    def lines_for(self, words: int) -> tuple[Rule, ...]:
        """The line and credit rules that apply to a line of ``words`` words, in file order."""
        return self.by_length[min(words, len(self.by_length) - 1)]

    def tokens(self, text: str) -> frozenset[str]:
        """The rules' ``words`` that ``text`` holds, and its marks: :func:`line_tokens`, quickly."""
        folded = text.casefold()
        found = {self.printed[piece] for piece in self.printed.keys() & folded.split()}
        found.update([mark for mark in MARKS if mark in folded])  # a dozen plain searches beat one class search
        return frozenset(found)


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
    "words": list,
}
_NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def load_rules(project: Path) -> Rules:
    """The package's debris rules, plus and minus those in ``<project>/seeds/debris.yaml``, and the outlets table."""
    base = _package_rules()
    table = load_outlets(project)
    path = project / SEEDS_DIR / DEBRIS_FILE
    if not path.exists() and not path.is_symlink():
        return _merge(base, None, table)
    rel = f"{SEEDS_DIR}/{DEBRIS_FILE}"
    return _merge(base, _parse_rule_file(read_text(path, rel), rel, builtin=False), table)


@functools.lru_cache(maxsize=1)
def _package_rules() -> _RuleFile:
    """The package defaults, parsed and compiled once per process."""
    text = (Path(__file__).resolve().parent.parent / "rules" / "debris.yaml").read_text(encoding="utf-8")
    return _parse_rule_file(text, PACKAGE_RULES, builtin=True, fast=True)


def _parse_rule_file(text: str, rel: str, builtin: bool, fast: bool = False) -> _RuleFile:
    """Validate and compile one rules file; all of its problems are raised together.

    ``fast`` reads our own package file with PyYAML's C loader (15 times quicker
    than the strict, line-tracking reader) and leaves its patterns to be compiled
    when first needed; the tests check that the file also passes the strict reader.
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
        rule = _parse_rule(entry, data.line_of("rules"), rel, builtin, problems, check=not fast)
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


def _parse_rule(
    entry: Any, line: int, rel: str, builtin: bool, problems: list[SitegenError], check: bool = True
) -> Rule | None:
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
    elif kind == "heuristic" and not builtin:
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
    patterns = _expand(entry, name, kind, rel, problems, check)
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
            needs = needs_test(entry["needs"])
        except re.error as exc:
            problems.append(
                SitegenError(f"rule {name!r}, needs: {exc.msg}", Location(rel, entry.line_of("needs")), "rules.regex")
            )
            return None
    words = entry.get("words") or []
    if not all(isinstance(w, str) and w.strip() for w in words):
        problems.append(
            SitegenError(f"rule {name!r}, words: a list of words", Location(rel, entry.line_of("words")), "schema.type")
        )
        return None
    triggers = frozenset(w.strip().casefold() for w in words)
    return Rule(name, kind, patterns, max_words, str(entry.get("description") or ""), needs, triggers)


def _expand(
    entry: YamlMap, name: str, kind: str, rel: str, problems: list[SitegenError], check: bool = True
) -> tuple[str, ...] | None:
    """The rule's patterns with macros expanded and (``check``) compiled to check them, or None after recording why.

    The package's own rules are not compiled here: each is compiled when a line first needs it,
    and a test runs the package file through the checks.
    """
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
        if not check:
            out.append(text)
            continue
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


def _merge(base: _RuleFile, extra: _RuleFile | None, table: Outlets) -> Rules:
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
    lines = tuple(r for r in live if r.kind in ("line", "credit"))
    longest = max((r.max_words for r in lines), default=0) + 1
    return Rules(
        lines=lines,
        by_length=tuple(tuple(r for r in lines if not r.max_words or n <= r.max_words) for n in range(longest + 1)),
        upstream=tuple(r for r in live if r.kind == "upstream"),
        outlets=tuple(r for r in live if r.kind == "outlet"),
        inline=tuple(r for r in live if r.kind == "inline"),
        heuristics=frozenset(r.name for r in live if r.kind == "heuristic"),
        names=tuple(rules),
        disabled=off,
        domains=tuple(sorted(domains.items())),
        stop_names=frozenset(s.casefold() for s in stop),
        outlets_table=table,
        printed=printed_forms(CUE_WORDS.union(w for r in live for w in r.words)),
    )
