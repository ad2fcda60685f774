"""``sitegen ingest --write-sources``: a ``seeds/sources.yaml`` entry for every dump that has none.

Known values are filled in, unknown ones left blank for the editor to complete.
Entries already in the file are the editor's: they are never rewritten, so a
second run changes nothing.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from sitegen.errors import Location, SitegenError
from sitegen.ingest.overrides import SOURCES_FILE
from sitegen.ingest.rules import SEEDS_DIR
from sitegen.model import Source
from sitegen.textio import read_text
from sitegen.yamlutil import YamlMap, load_yaml

_HEADER = """\
# What each dump in seeds/ is: sitegen reads it from the text, this file corrects or completes it.
# A blank field is a gap to fill and changes nothing; "" (or [] for a list) says the dump has none.
"""
_PLAIN_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def write_sources(project: Path, sources: Sequence[Source]) -> tuple[int, int]:
    """Append an entry for every source sources.yaml lacks; (entries added, blank fields in them)."""
    path = project / SEEDS_DIR / SOURCES_FILE
    rel = f"{SEEDS_DIR}/{SOURCES_FILE}"
    text = read_text(path, rel) if path.exists() or path.is_symlink() else ""
    data = load_yaml(text, rel) if text.strip() else None
    if data is not None and not isinstance(data, YamlMap):
        raise SitegenError("sources.yaml must map seed file names to corrections", Location(rel, 1), "sources.type")
    present = set(data) if data is not None else set()
    entries: list[str] = []
    blanks = 0
    for source in sources:
        name = PurePosixPath(source.path).name
        if name in present:
            continue
        lines, empty = _entry(name, source)
        entries.append(lines)
        blanks += empty
    if not entries:
        return 0, 0
    lead = _HEADER if not text.strip() else ("" if text.endswith("\n") else "\n")
    _write(path, rel, text + lead + "\n" + "\n".join(entries))
    return len(entries), blanks


def _entry(name: str, source: Source) -> tuple[str, int]:
    """One dump's entry as YAML text, and how many of its fields are blank."""
    fields: list[tuple[str, str]] = [
        ("id", _quote(source.id)),
        ("title", _quote(source.title) if source.title else ""),
        ("outlet", _quote(source.outlet) if source.outlet else ""),
        ("author", _flow(source.authors)),
        ("date", source.date.isoformat() if source.date else ""),
        ("url", _quote(source.url) if source.url else ""),
        ("relies_on", _flow(source.relies_on)),
    ]
    key = name if _PLAIN_KEY.fullmatch(name) else _quote(name)
    body = "".join(f"  {field}: {value}\n" if value else f"  {field}:\n" for field, value in fields)
    return f"{key}:\n{body}", sum(1 for _, value in fields if not value)


def _quote(value: str) -> str:
    """``value`` as a double-quoted YAML scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _flow(values: Sequence[str]) -> str:
    """A flow list of quoted strings, or blank."""
    return "[" + ", ".join(_quote(v) for v in values) + "]" if values else ""


def _write(path: Path, rel: str, text: str) -> None:
    """Replace ``path`` with ``text`` in one rename, so an interrupted run leaves the old file."""
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".sources-", suffix=".yaml", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise SitegenError(f"cannot write: {exc.strerror}", Location(rel), "sources.write") from None
