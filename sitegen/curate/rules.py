"""The rules of `sitegen curate`: sections with their cues, wording of time, filters and sizes.

The package's ``rules/curate.yaml`` is the default; a project's ``content/curate.yaml`` is applied on top.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.citations import fold
from sitegen.errors import BuildFailed, Location, SitegenError
from sitegen.pages import CONTENT_DIR
from sitegen.render import package_dir
from sitegen.textio import read_text
from sitegen.yamlutil import YamlMap, check_keys, load_yaml

PROJECT_RULES = f"{CONTENT_DIR}/curate.yaml"
TIMES = ("any", "before", "after")


@dataclass(frozen=True, slots=True)
class SectionRule:
    """One section of the explainer: its page, the time it covers and the cues that draw sentences to it."""

    slug: str
    title: str
    summary: str
    time: str  # "any" | "before" | "after"
    headings: re.Pattern[str] | None
    cues: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class Rules:
    """The curate rules: sections, wording of time, filters and sizes."""

    sections: tuple[SectionRule, ...]
    overview_title: str | None  # None: the site's own title
    overview_summary: str
    lead: int
    key_facts: int
    differences: int
    ahead: re.Pattern[str] | None
    hindsight: re.Pattern[str] | None
    before: re.Pattern[str] | None
    skip: re.Pattern[str] | None
    captions: re.Pattern[str] | None
    abbreviations: frozenset[str]
    synonyms: tuple[tuple[str, str], ...]
    qualifiers: tuple[tuple[tuple[str, ...], ...], ...]  # groups of classes of words that say the same
    heading_weight: float
    min_lean: float
    merge_threshold: float
    max_sentences: int
    min_sentences: int
    min_words: int
    max_words: int
    quote_words: int


def load_rules(project: Path | None = None) -> Rules:
    """The package rules, with the project's ``content/curate.yaml`` applied on top."""
    rel = "sitegen/rules/curate.yaml"
    base = load_yaml(read_text(package_dir("rules") / "curate.yaml", rel), rel)
    data: dict[str, Any] = dict(base)
    where = rel
    if project is not None and (project / PROJECT_RULES).is_file():
        where = PROJECT_RULES
        own = load_yaml(read_text(project / PROJECT_RULES, PROJECT_RULES), PROJECT_RULES)
        if not isinstance(own, YamlMap):
            raise SitegenError("curate rules must be a mapping", Location(PROJECT_RULES, 1), "rules.type")
        problems: list[SitegenError] = []
        check_keys(own, {k: object for k in base}, PROJECT_RULES, problems)
        if problems:
            raise BuildFailed(problems) if len(problems) > 1 else problems[0]
        for key, value in own.items():
            if key == "sections" and isinstance(value, list):
                merged = {s["slug"]: s for s in data["sections"]}
                for s in value:
                    if not isinstance(s, YamlMap) or not isinstance(s.get("slug"), str):
                        raise SitegenError(
                            "each section needs a 'slug'", Location(PROJECT_RULES, own.line_of(key)), "rules.section"
                        )
                    merged[s["slug"]] = _merged_section(merged.get(s["slug"]), s)
                data["sections"] = list(merged.values())
            else:
                data[key] = value
    return _rules_from(data, where)


def _merged_section(default: Any, own: YamlMap) -> YamlMap:
    """A project's section: the keys it gives, over the default section of the same slug (if any)."""
    if not isinstance(default, dict):
        return own
    out = YamlMap({**default, **own})
    out.line = own.line
    out.key_lines = {**getattr(default, "key_lines", {}), **own.key_lines}
    return out


def _rules_from(data: Mapping[str, Any], rel: str) -> Rules:
    def patterns(items: Any, line: int) -> tuple[re.Pattern[str], ...]:
        out = []
        for pattern in items or []:
            try:
                out.append(re.compile(str(pattern), re.I))
            except re.error as exc:
                raise SitegenError(
                    f"bad regular expression {pattern!r}: {exc}", Location(rel, line), "rules.regex"
                ) from None
        return tuple(out)

    def one(items: Any, line: int) -> re.Pattern[str] | None:
        """All of ``items`` as one pattern (one search instead of many), after each is checked alone."""
        checked = patterns(items, line)
        return re.compile("|".join(f"(?:{p.pattern})" for p in checked), re.I) if checked else None

    sections = []
    for s in data["sections"]:
        line = s.line if isinstance(s, YamlMap) else 1
        slug = str(s["slug"])
        if not re.match(r"^[a-z0-9][a-z0-9-]*$", slug) or slug == "index":
            raise SitegenError(
                f"section slug {slug!r} must be lowercase letters, digits and '-'", Location(rel, line), "rules.section"
            )
        time = str(s.get("time") or "any")
        if time not in TIMES:
            raise SitegenError(
                f"section time {time!r} must be one of {', '.join(TIMES)}", Location(rel, line), "rules.section"
            )
        sections.append(
            SectionRule(
                slug,
                str(s.get("title") or slug),
                str(s.get("summary") or ""),
                time,
                one(s.get("headings"), line),
                patterns(s.get("cues"), line),
            )
        )
    if not sections:
        raise SitegenError("curate rules need at least one section", Location(rel, 1), "rules.section")
    overview = data.get("overview") or {}
    syn = data.get("synonyms") or {}
    return Rules(
        sections=tuple(sections),
        overview_title=str(overview["title"]) if overview.get("title") else None,
        overview_summary=str(overview.get("summary", "")),
        lead=max(1, min(4, int(overview.get("lead", 3)))),
        key_facts=int(overview.get("key_facts", 5)),
        differences=int(overview.get("differences", 5)),
        ahead=one(data.get("ahead"), 1),
        hindsight=one(data.get("hindsight"), 1),
        before=one(data.get("before"), 1),
        skip=one(data.get("skip"), 1),
        captions=one(data.get("captions"), 1),
        abbreviations=frozenset(str(a) for a in data.get("abbreviations") or ()),
        synonyms=tuple(sorted(((fold(str(k)), fold(str(v))) for k, v in syn.items()), key=lambda kv: -len(kv[0]))),
        qualifiers=tuple(
            tuple(tuple(fold(str(w)) for w in (c if isinstance(c, list) else [c])) for c in group)
            for group in data.get("qualifiers") or ()
        ),
        heading_weight=float(data.get("heading_weight", 3)),
        min_lean=float(data.get("min_lean", 1)),
        merge_threshold=float(data.get("merge_threshold", 0.5)),
        max_sentences=int(data.get("max_sentences", 6)),
        min_sentences=int(data.get("min_sentences", 3)),
        min_words=int(data.get("min_words", 6)),
        max_words=int(data.get("max_words", 70)),
        quote_words=int(data.get("quote_words", 12)),
    )
