"""``seeds/sources.yaml``: the editor's corrections, which win over what a dump states."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from sitegen.errors import Location, Problems, SitegenError
from sitegen.ingest.text import is_http_url
from sitegen.model import Source
from sitegen.textio import read_text
from sitegen.yamlutil import YamlMap, check_keys, load_yaml

SOURCES_FILE = "sources.yaml"
ID = re.compile(r"[a-z0-9-]{1,80}")  # a URL segment and a file name: short enough for every file system
KEYS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "title": str,
    "standfirst": str,
    "outlet": str,
    "author": (str, list),
    "date": (dt.date, str),  # text only when empty: "" says the dump has no date
    "url": str,
    "relies_on": (str, list),
    "full_text": bool,  # the editor has the rights to publish the whole text on the source's page
}


def too_long(value: object) -> str:
    """The note an over-long id gets."""
    return " (at most 80 of them)" if isinstance(value, str) and len(value) > 80 else ""


def apply_override(source: Source, fix: Mapping[str, Any], rel: str) -> Source:
    """``source`` with the sources.yaml corrections applied (they win over what was extracted)."""
    changes: dict[str, Any] = {}
    for key in ("title", "standfirst", "outlet", "url", "full_text"):
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
        if not isinstance(pinned, str) or not ID.fullmatch(pinned):
            raise SitegenError(
                f"id {pinned!r} must use only a-z, 0-9 and '-'{too_long(pinned)}", Location(rel), "sources.id"
            )
        changes["id"] = pinned
    return replace(source, **changes) if changes else source


def load_overrides(
    project: Path, seeds_dir: str, dump_names: list[str], problems: Problems
) -> dict[str, dict[str, Any]]:
    """Corrections from ``seeds/sources.yaml`` by seed file name, validated; problems are recorded."""
    path = project / seeds_dir / SOURCES_FILE
    rel = f"{seeds_dir}/{SOURCES_FILE}"
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
        fix = _check(entry, rel, problems)
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


def _check(entry: YamlMap, rel: str, problems: Problems) -> dict[str, Any]:
    """The valid fields of one sources.yaml entry; an error for each bad one."""
    errors: list[SitegenError] = []
    check_keys(entry, KEYS, rel, errors)
    bad = {e.location.line for e in errors if e.location}
    for error in errors:
        problems.add(error)
    fix: dict[str, Any] = {}
    for key, value in entry.items():
        line = entry.line_of(key)
        if key not in KEYS or line in bad or value is None:
            continue  # a blank field is a gap to fill: what the dump says stands
        where = Location(rel, line)
        if key in ("author", "relies_on") and isinstance(value, list):
            if not all(isinstance(v, str) and v.strip() for v in value):
                problems.error(f"{key!r} must be text or a list of text", where, "schema.type")
                continue
            value = [v.strip() for v in value]
        elif isinstance(value, str):
            value = value.strip()
            if key == "date" and value:
                problems.error("key 'date' must be a date (YYYY-MM-DD), not text", where, "schema.type")
                continue
            if not value and key != "id":
                value = None  # "" says the dump has none: it clears what the dump says
        if key == "url" and value is not None and not is_http_url(value):
            problems.error(f"url {value!r} must be an http:// or https:// address", where, "sources.url")
            continue
        if key == "id" and (not isinstance(value, str) or not ID.fullmatch(value)):
            problems.error(f"id {value!r} must use only a-z, 0-9 and '-'{too_long(value)}", where, "sources.id")
            continue
        if key == "date" and isinstance(value, dt.datetime):
            value = value.date()
        fix[key] = value
    return fix
