"""Ingest: every article dump in ``seeds/`` becomes a clean, attributed :class:`Source`.

A dump is whatever a browser's "copy all" or a scraper gave: the article plus
tickers, newsletter prompts, captions, bios and taglines. Named rules (data in
``sitegen/rules/debris.yaml``, extendable per project in ``seeds/debris.yaml``)
and a few named heuristics take the furniture out; every removed line is kept
as a :class:`Dropped` with the rule that removed it, so ``explain`` can show
why. Metadata is only ever taken from the dump or from ``seeds/sources.yaml``:
what is not stated stays ``None``.

This module is the public API (``ingest``, ``ingest_text``, ``explain``,
``seed_warnings``, sources.yaml corrections, ids); the stages live in
:mod:`sitegen.debris` (the rules), :mod:`sitegen.seedlines` (a dump as lines)
and :mod:`sitegen.seedmeta` (metadata and debris), and the names callers
import from here are re-exported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from sitegen.debris import (
    DEBRIS_FILE,
    HEURISTICS,
    KINDS,
    PACKAGE_RULES,
    SEEDS_DIR,
    Rule,
    Rules,
    load_rules,
)
from sitegen.errors import Location, Problems, SitegenError
from sitegen.model import Source
from sitegen.seedlines import _WS, _is_http_url, _read_lines, _slug, domain_name
from sitegen.seedmeta import _Analysis, _unique
from sitegen.textio import read_text
from sitegen.yamlutil import YamlMap, check_keys, load_yaml

__all__ = [
    "DEBRIS_FILE",
    "DUMP_SUFFIXES",
    "HEURISTICS",
    "KINDS",
    "PACKAGE_RULES",
    "SEEDS_DIR",
    "SOURCES_FILE",
    "Ingested",
    "Rule",
    "Rules",
    "domain_name",
    "explain",
    "ingest",
    "ingest_text",
    "load_rules",
    "seed_warnings",
]

SOURCES_FILE = "sources.yaml"
DUMP_SUFFIXES = (".txt", ".md", ".html", ".htm")


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
