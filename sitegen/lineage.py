"""Which upstream report each source relies on, and which other sources rely on the same one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.citations import fold
from sitegen.model import Paragraph, Source

_TLD = re.compile(r"\.(com|org|net|io|ai|news|co\.uk|co|de)$")


@dataclass(frozen=True, slots=True)
class Upstream:
    """One report a source names as its origin, where it says so, and who else relies on it."""

    name: str
    evidence: Paragraph | None  # the paragraph naming it, when the cleaned text does
    shared_with: tuple[str, ...]  # ids of other sources relying on the same report


@dataclass(frozen=True, slots=True)
class Lineage:
    """A source's upstream reports; empty when it names none."""

    source_id: str
    upstreams: tuple[Upstream, ...]


def upstream_key(name: str) -> str:
    """A comparable key: ``The Decoder`` and ``the-decoder.com`` are the same report."""
    key = fold(name).strip()
    key = _TLD.sub("", key)
    key = re.sub(r"^(www\.)", "", key)
    key = re.sub(r"^the[\s-]+", "", key)
    return re.sub(r"[^a-z0-9]+", "", key)


def _evidence(source: Source, name: str) -> Paragraph | None:
    """The first citable paragraph (or heading) of ``source`` that names ``name`` or its domain."""
    key = upstream_key(name)
    for para in source.paragraphs:
        words = re.sub(r"[^a-z0-9]+", "", fold(para.text))
        if key and key in words:
            return para if para.number else None
    return None


def lineage(sources: Sequence[Source]) -> dict[str, Lineage]:
    """Every source's lineage, keyed by source id; pure and deterministic."""
    by_key: dict[str, list[str]] = {}
    for s in sources:
        for name in dict.fromkeys(s.relies_on):
            by_key.setdefault(upstream_key(name), []).append(s.id)
    out: dict[str, Lineage] = {}
    for s in sources:
        ups: list[Upstream] = []
        seen: set[str] = set()
        for name in s.relies_on:
            key = upstream_key(name)
            if key in seen:
                continue
            seen.add(key)
            others = tuple(sorted(i for i in by_key.get(key, []) if i != s.id))
            ups.append(Upstream(name, _evidence(s, name), others))
        out[s.id] = Lineage(s.id, tuple(ups))
    return out


def reporting_lines(sources: Sequence[Source]) -> list[tuple[list[str], str | None]]:
    """``sources`` grouped into independent lines of reporting (two that rely on the same report, or one on the other
    by its id or outlet, are one), in their order: each line's ids, and the one report all of them rely on if any."""
    lines: list[tuple[set[str], list[Source]]] = []
    for s in sources:
        keys = {upstream_key(name) for name in (*s.relies_on, s.id, s.outlet or s.id)}
        hits = [line for line in lines if line[0] & keys]
        for other in hits[1:]:
            lines.remove(other)
            hits[0][0].update(other[0])
            hits[0][1].extend(other[1])
        if hits:
            hits[0][0].update(keys)
            hits[0][1].append(s)
        else:
            lines.append((keys, [s]))
    out = []
    for _, members in lines:
        names = {upstream_key(name): name for m in members for name in m.relies_on}
        shared = set(names).intersection(*({upstream_key(name) for name in m.relies_on} for m in members))
        ids = [s.id for s in sources if s in members]
        out.append((ids, names[shared.pop()] if len(shared) == 1 else None))
    return out
