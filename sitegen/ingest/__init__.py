"""Ingest: every article dump in ``seeds/`` becomes a clean, attributed :class:`~sitegen.model.Source`.

A dump is whatever a browser's "copy all" or a scraper gave: the article plus
tickers, newsletter prompts, captions, bios and taglines. Named rules (data in
``sitegen/rules/debris.yaml``, extendable per project in ``seeds/debris.yaml``)
and the steps in :mod:`sitegen.ingest.registry` take the furniture out; every
removed line is kept as a :class:`~sitegen.model.Dropped` with the rule that
removed it, so ``explain`` can show why. Metadata is only ever taken from the
dump or from ``seeds/sources.yaml``: what is not stated stays ``None``.

The stages: :mod:`~sitegen.ingest.read` (a dump as lines), the steps
(:mod:`~sitegen.ingest.clean`, :mod:`~sitegen.ingest.byline`,
:mod:`~sitegen.ingest.outlet`, :mod:`~sitegen.ingest.headline`,
:mod:`~sitegen.ingest.body`), :mod:`~sitegen.ingest.structure` (the body as
paragraphs) and :mod:`~sitegen.ingest.overrides` (sources.yaml).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from sitegen.errors import Location, Problems, SitegenError
from sitegen.ingest.dump import Dump
from sitegen.ingest.outlet import domain_name
from sitegen.ingest.outlets import OUTLETS_FILE
from sitegen.ingest.overrides import SOURCES_FILE, apply_override, load_overrides
from sitegen.ingest.read import read_lines
from sitegen.ingest.registry import HEURISTICS, run_steps
from sitegen.ingest.report import as_json, explain, missing_warnings
from sitegen.ingest.rules import (
    DEBRIS_FILE,
    KINDS,
    PACKAGE_RULES,
    SEEDS_DIR,
    Rule,
    Rules,
    load_rules,
)
from sitegen.ingest.structure import dropped, paragraphs
from sitegen.ingest.text import slug, unique
from sitegen.model import Source
from sitegen.textio import read_text

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
    "as_json",
    "domain_name",
    "explain",
    "ingest",
    "ingest_text",
    "load_rules",
    "missing_warnings",
    "seed_warnings",
    "write_sources",
]

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
    lines, meta, markdown = read_lines(text, rel, rules)
    dump = Dump(rel, rules, lines, meta, markdown, title=fix.get("title"), outlet=fix.get("outlet"), text=text)
    run_steps(dump)
    body = paragraphs(dump)
    if not any(p.number for p in body):
        count = sum(1 for line in lines if line.rule)
        raise SitegenError(
            f"no article text left after removing debris ({count} line{'s' if count != 1 else ''} dropped)",
            Location(rel, 1),
            "seed.empty",
            hint="`sitegen ingest --explain` shows which rule dropped each line; disable one in seeds/debris.yaml",
        )
    source = Source(
        id="",
        path=rel,
        title=dump.title,
        outlet=dump.outlet,
        authors=dump.authors or meta.authors,
        date=dump.date or meta.date or dump.updated,
        url=dump.url,
        relies_on=dump.relies_on(),
        paragraphs=body,
        standfirst=dump.standfirst,
        dropped=dropped(dump),
        author_bio=dump.bio,
    )
    source = apply_override(source, fix, rel)
    if source.id:
        return source
    return replace(source, id=_auto_id(source, outlet_unique=True))


def write_sources(project: Path, sources: Sequence[Source]) -> tuple[int, int]:
    """Append a ``seeds/sources.yaml`` entry for every source it lacks (see :mod:`sitegen.ingest.skeleton`)."""
    from sitegen.ingest.skeleton import write_sources as write  # rarely used: its imports wait until then

    return write(project, sources)


def _auto_id(source: Source, outlet_unique: bool) -> str:
    """A readable id: the outlet's slug, else the title's first words, else the file name."""
    if source.outlet and outlet_unique and slug(source.outlet):
        return slug(source.outlet)
    if source.title and slug(source.title, 5):
        return slug(source.title, 5)
    return slug(PurePosixPath(source.path).stem) or "source"


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
    overrides = load_overrides(project, SEEDS_DIR, [p.name for p in dumps], problems)
    sources: list[Source] = []
    for path in dumps:
        rel = f"{SEEDS_DIR}/{path.name}"
        try:
            sources.append(ingest_text(_read_dump(path, rel), rel, rules, overrides.get(path.name)))
        except SitegenError as exc:
            problems.add(exc)
    problems.raise_if_any()
    return Ingested(_assign_ids(sources, {n for n in overrides if "id" in overrides[n]}), tuple(warnings))


# The first bytes of files that are not text, whatever their name says.
_BINARY = (
    (b"%PDF-", "a PDF"),
    (b"\x89PNG", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF8", "an image"),
    (b"RIFF", "an image or a recording"),
    (b"PK\x03\x04", "an office document or an archive"),
    (b"\xd0\xcf\x11\xe0", "an office document"),
)


def _read_dump(path: Path, rel: str) -> str:
    """A dump's text; a file that is not text at all says so (not just which byte is wrong)."""
    try:
        return read_text(path, rel)
    except SitegenError as exc:
        if exc.code not in ("input.encoding", "input.control-char"):
            raise
        with path.open("rb") as fh:
            head = fh.read(4096)
        controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)  # a stray one is a typo, many are data
        kind = next((what for magic, what in _BINARY if head.startswith(magic)), "")
        kind = kind or ("binary data" if controls * 10 >= len(head) else "")
        if not kind:
            raise
        raise SitegenError(
            f"not a text file: it looks like {kind}",
            Location(rel),
            "seed.binary",
            hint="save the article as text (.txt), Markdown (.md) or a web page (.html) and put that in seeds/",
        ) from None


def seed_warnings(project: Path, sources: Sequence[Source] = ()) -> tuple[SitegenError, ...]:
    """What ``ingest`` would warn about (skipped files, no dumps yet), from the folder listing alone,
    and, given the ``sources`` ingested, one warning per source whose outlet or date is unknown."""
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
    return (*warnings, *missing_warnings(sources))


def _list_dumps(seeds: Path) -> tuple[list[Path], list[SitegenError]]:
    """Article dumps in ``seeds`` sorted by name, and a warning for every other file."""
    dumps: list[Path] = []
    warnings: list[SitegenError] = []
    for path in sorted(seeds.iterdir(), key=lambda p: p.name):
        name = path.name
        if name.startswith(".") or name in (SOURCES_FILE, DEBRIS_FILE, OUTLETS_FILE):
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
        is_unique = bool(s.outlet) and outlets.get((s.outlet or "").casefold()) == 1
        out.append(replace(s, id=unique(_auto_id(s, is_unique), used)))
    return tuple(out)
