"""The table of well-known outlets (``sitegen/rules/outlets.yaml``, extended by ``seeds/outlets.yaml``).

It names an outlet from a file name (``003_pymnts.txt`` -> PYMNTS) or a domain,
recognises a line that is only a site's name, and finds outlets named in text
("according to Reuters").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sitegen.errors import BuildFailed, Location, SitegenError
from sitegen.ingest.text import SMALL, slug
from sitegen.textio import read_text
from sitegen.yamlutil import YamlMap, load_yaml

OUTLETS_FILE = "outlets.yaml"
PACKAGE_OUTLETS = "sitegen/rules/outlets.yaml"
_NUMBERED = re.compile(r"\d+[_-](?P<rest>.*[A-Za-z].*)")  # "003_pymnts": a collection's file naming
_HASH = re.compile(r"[0-9a-f]{8,}")  # "f8e4e2324b5b5a20" names no outlet


@dataclass(frozen=True, slots=True)
class FileName:
    """What a seed file's name says of its outlet: its words, a known outlet it starts with, and the words
    as a name ("003_harbour-gazette" -> Harbour Gazette)."""

    tokens: tuple[str, ...]
    known: str | None

    @property
    def words(self) -> str:
        """The name's words as an outlet's name: "harbour-gazette" -> Harbour Gazette, "wxyz" -> WXYZ."""
        return self.known or " ".join(_word(t, first=i == 0) for i, t in enumerate(self.tokens))


@dataclass(frozen=True, slots=True)
class Outlets:
    """Display names by slug and by printed name, and a pattern that finds the printed names."""

    by_slug: Mapping[str, str] = field(default_factory=dict)
    by_name: Mapping[str, str] = field(default_factory=dict)
    names: re.Pattern[str] | None = None  # every printed name, longest first, as whole words

    def from_file_name(self, stem: str) -> str | None:
        """The outlet a seed file's name gives: "003_pymnts" -> PYMNTS, "001_ap-lincoln-daily-news" -> AP's name."""
        found = self.file_name(stem)
        return found.words if found else None

    def file_name(self, stem: str) -> FileName | None:
        """What a seed file's name says of its outlet, or None when it says nothing.

        A numbered name (``NNN_outlet``) names its outlet: a known slug at its start, else its
        words. Any other file name counts only when it is exactly a known slug. A hash names none.
        """
        numbered = _NUMBERED.fullmatch(stem)
        tokens = slug(numbered["rest"] if numbered else stem).split("-")
        if tokens and tokens[0] == "the":
            tokens = tokens[1:]
        if not numbered:
            known = self.by_slug.get("-".join(tokens))
            return FileName(tuple(tokens), known) if known else None
        if not tokens or _HASH.fullmatch("".join(tokens)):
            return None
        known = next(
            (self.by_slug[key] for end in range(len(tokens), 0, -1) if (key := "-".join(tokens[:end])) in self.by_slug),
            None,
        )
        return FileName(tuple(tokens), known)

    def from_domain_label(self, label: str) -> str | None:
        """The outlet whose slug is a domain's main label ("nytimes" of nytimes.com)."""
        return self.by_slug.get(slug(label))

    def named(self, text: str) -> str | None:
        """The outlet ``text`` is exactly the name of ("The Yomiuri Shimbun", "Reuters"), else None."""
        key = text.strip(" .:|·-–—").casefold()
        return self.by_name.get(key) or (self.by_name.get(key[4:]) if key.startswith("the ") else None)


def _word(token: str, first: bool) -> str:
    """One slug word as a name's word: short ones and those without vowels are acronyms."""
    if token in SMALL and not first:
        return token
    if (len(token) <= 3 and token not in ("the", "new")) or (token.isalpha() and not re.search("[aeiou]", token)):
        return token.upper()
    return token[:1].upper() + token[1:]


def load_outlets(project: Path) -> Outlets:
    """The package's table plus ``seeds/outlets.yaml``; every problem in the project file is raised together."""
    base = _package_entries()
    path = project / "seeds" / OUTLETS_FILE
    if not path.exists() and not path.is_symlink():
        return _package_table()
    rel = f"seeds/{OUTLETS_FILE}"
    return _table({**base, **_entries(load_yaml(read_text(path, rel), rel), rel)})


@functools.lru_cache(maxsize=1)
def _package_entries() -> dict[str, tuple[str, ...]]:
    """The package's table as read (once per process)."""
    text = (Path(__file__).resolve().parent.parent / "rules" / OUTLETS_FILE).read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader) or {}
    return {str(k): tuple(str(v) for v in (data[k] or ())) for k in data}


@functools.lru_cache(maxsize=1)
def _package_table() -> Outlets:
    """The package's table, compiled once per process."""
    return _table(_package_entries())


def _entries(data: object, rel: str) -> dict[str, tuple[str, ...]]:
    """A project's outlets file as entries; an error for each malformed one."""
    if data is None:
        return {}
    if not isinstance(data, YamlMap):
        raise SitegenError(
            "outlets.yaml must map display names to lists of other names", Location(rel, 1), "outlets.type"
        )
    out: dict[str, tuple[str, ...]] = {}
    problems: list[SitegenError] = []
    for name, others in data.items():
        where = Location(rel, data.line_of(name))
        if others is None:
            others = []
        if (
            not name.strip()
            or not isinstance(others, list)
            or not all(isinstance(o, str) and o.strip() for o in others)
        ):
            problems.append(SitegenError(f"{name!r} needs a list of other names (or [])", where, "outlets.type"))
            continue
        out[name.strip()] = tuple(o.strip() for o in others)
    if problems:
        raise BuildFailed(problems) if len(problems) > 1 else problems[0]
    return out


def _table(entries: Mapping[str, tuple[str, ...]]) -> Outlets:
    """Lookups and the name pattern for ``entries``."""
    by_slug: dict[str, str] = {}
    by_name: dict[str, str] = {}
    printed: set[str] = set()
    for display, others in entries.items():
        for form in (display, *others):
            key = slug(form)
            by_slug.setdefault(key, display)
            by_slug.setdefault(key.removeprefix("the-"), display)
            if form != form.lower() or form == display:
                by_name.setdefault(form.casefold(), display)
                printed.add(form)
    ordered = sorted(printed, key=lambda n: (-len(n), n))
    pattern = (
        re.compile(r"(?<![\w&.@#-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w&@-])") if ordered else None
    )
    return Outlets(by_slug, by_name, pattern)
