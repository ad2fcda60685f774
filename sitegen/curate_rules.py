"""The rules of `sitegen curate`: sections with their heading and cue patterns, filters, thresholds.

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

RULES_FILE = "rules/curate.yaml"  # inside the package
PROJECT_RULES = f"{CONTENT_DIR}/curate.yaml"


@dataclass(frozen=True, slots=True)
class SectionRule:
    """One section of the explainer and the cues that draw passages to it."""

    slug: str
    title: str
    summary: str
    headings: tuple[re.Pattern[str], ...]
    cues: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class Rules:
    """The curate rules: sections, filters and thresholds."""

    sections: tuple[SectionRule, ...]
    overview_title: str | None  # None: the site's own title
    overview_summary: str
    key_facts: int
    skip: tuple[re.Pattern[str], ...]
    abbreviations: tuple[str, ...]
    synonyms: tuple[tuple[str, str], ...]
    heading_weight: int
    lead_weight: int
    merge_threshold: float
    max_points: int
    min_words: int
    quote_words: int


def load_rules(project: Path | None = None) -> Rules:
    """The package rules, with the project's ``content/curate.yaml`` applied on top."""
    rel = f"sitegen/{RULES_FILE}"
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
                    merged[s["slug"]] = s
                data["sections"] = list(merged.values())
            else:
                data[key] = value
    return _rules_from(data, where)


def _rules_from(data: Mapping[str, Any], rel: str) -> Rules:
    def rx(items: Any, line: int) -> tuple[re.Pattern[str], ...]:
        out = []
        for pattern in items or []:
            try:
                out.append(re.compile(str(pattern), re.I))
            except re.error as exc:
                raise SitegenError(
                    f"bad regular expression {pattern!r}: {exc}", Location(rel, line), "rules.regex"
                ) from None
        return tuple(out)

    sections = []
    for s in data["sections"]:
        line = s.line if isinstance(s, YamlMap) else 1
        slug = str(s["slug"])
        if not re.match(r"^[a-z0-9][a-z0-9-]*$", slug) or slug == "index":
            raise SitegenError(
                f"section slug {slug!r} must be lowercase letters, digits and '-'", Location(rel, line), "rules.section"
            )
        sections.append(
            SectionRule(
                slug,
                str(s.get("title") or slug),
                str(s.get("summary") or ""),
                rx(s.get("headings"), line),
                rx(s.get("cues"), line),
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
        key_facts=int(overview.get("key_facts", 5)),
        skip=rx(data.get("skip"), 1),
        abbreviations=tuple(str(a) for a in data.get("abbreviations") or ()),
        synonyms=tuple(sorted(((fold(str(k)), fold(str(v))) for k, v in syn.items()), key=lambda kv: -len(kv[0]))),
        heading_weight=int(data.get("heading_weight", 3)),
        lead_weight=int(data.get("lead_weight", 2)),
        merge_threshold=float(data.get("merge_threshold", 0.34)),
        max_points=int(data.get("max_points", 8)),
        min_words=int(data.get("min_words", 8)),
        quote_words=int(data.get("quote_words", 12)),
    )
