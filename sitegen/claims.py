"""The editor's key claims (``content/claims.yaml``, shown as the coverage matrix on /claims/), every row
cited, and the reading of such cited YAML tables (the timeline's too). The file is optional; every citation is
verified like a page's, and all problems are reported at once. Its format is in ``docs/content.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sitegen.citations import parse_field, resolve
from sitegen.errors import Location, Problems, SitegenError
from sitegen.model import Backlink, Paragraph, Source
from sitegen.pages import CLAIMS_FILE
from sitegen.yamlutil import YamlMap, check_keys, load_yaml

_CLAIM_KEYS: dict[str, type | tuple[type, ...]] = {"claim": str, "cite": str, "differs": str, "note": str}


@dataclass(frozen=True, slots=True)
class Cited:
    """One verified citation of a claim or event: where it lands in which source."""

    source_id: str
    paragraph: Paragraph
    exact: str
    quote: str | None


@dataclass(frozen=True, slots=True)
class Claim:
    """A key claim: the outlets that report it, and those that report it otherwise."""

    number: int
    text: str
    supports: tuple[Cited, ...]
    differs: tuple[Cited, ...]
    note: str | None
    location: Location

    @property
    def anchor(self) -> str:
        """The row's HTML id on /claims/."""
        return f"claim-{self.number}"

    @property
    def outlets(self) -> tuple[str, ...]:
        """Ids of the sources that report the claim, in citation order, once each."""
        return tuple(dict.fromkeys(c.source_id for c in self.supports))

    @property
    def single_outlet(self) -> bool:
        """True when the claim rests on one outlet only."""
        return len(self.outlets) == 1

    def cell(self, source_id: str) -> tuple[str, Cited | None]:
        """``("reports" | "differs" | "silent", the first citation or None)`` for one outlet."""
        for stance, cites in (("reports", self.supports), ("differs", self.differs)):
            for c in cites:
                if c.source_id == source_id:
                    return stance, c
        return "silent", None


def cite_claims(text: str | None, sources: Mapping[str, Source]) -> tuple[Claim, ...]:
    """The rows of ``content/claims.yaml`` (its ``text``; none when it is absent), every citation verified."""
    rows = table_rows(text, CLAIMS_FILE, "claims")
    problems = Problems()
    claims: list[Claim] = []
    for number, row in enumerate(rows, 1):
        where = Location(CLAIMS_FILE, row.line)
        before = len(problems)
        check_keys(row, _CLAIM_KEYS, CLAIMS_FILE, problems)
        text = required_text(row, "claim", CLAIMS_FILE, problems)
        supports = cited_field(row, "cite", CLAIMS_FILE, sources, problems, required=True)
        differs = cited_field(row, "differs", CLAIMS_FILE, sources, problems, required=False)
        if len(problems) == before:
            note = row.get("note")
            claims.append(Claim(number, text, supports, differs, note.strip() if note else None, where))
    problems.raise_if_any()
    return tuple(claims)


def claim_backlinks(claims: Iterable[Claim]) -> list[Backlink]:
    """One backlink per cited passage of the coverage matrix."""
    return [
        Backlink(c.source_id, c.paragraph.anchor, "claims/", "Who reports what", claim.anchor)
        for claim in claims
        for c in (*claim.supports, *claim.differs)
    ]


def table_rows(text: str | None, rel: str, key: str) -> list[YamlMap]:
    """The list under ``key`` in the YAML ``text`` of ``rel``, each item a mapping; [] when there is no file."""
    if text is None:
        return []
    data = load_yaml(text, rel)
    if data is None:
        return []
    if not isinstance(data, YamlMap) or set(data) != {key}:
        raise SitegenError(
            f"{rel} must be a mapping with one key, {key!r}, holding a list", Location(rel, 1), "schema.type"
        )
    items = data[key]
    if items is None:
        return []
    if not isinstance(items, list):
        raise SitegenError(f"{key!r} must be a list", Location(rel, data.line_of(key)), "schema.type")
    problems = Problems()
    for i, item in enumerate(items, 1):
        if not isinstance(item, YamlMap):
            problems.error(
                f"item {i} of {key!r} must be a mapping of keys", Location(rel, data.line_of(key)), "schema.type"
            )
    problems.raise_if_any()
    return items


def required_text(row: YamlMap, key: str, rel: str, errors: list[SitegenError]) -> str:
    """The text under ``key``, its spacing tidied; "" and an error in ``errors`` when it is missing."""
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        if key in row and not isinstance(value, str):
            return ""  # check_keys already reported the wrong type
        errors.append(SitegenError(f"missing required key {key!r}", Location(rel, row.line), "schema.required"))
        return ""
    return " ".join(value.split())


def cited_field(
    row: YamlMap, key: str, rel: str, sources: Mapping[str, Source], errors: list[SitegenError], required: bool
) -> tuple[Cited, ...]:
    """The citation group under ``key``, every citation resolved; its problems go to ``errors``."""
    value = row.get(key)
    if value is None:
        if required:
            errors.append(
                SitegenError(
                    f"missing required key {key!r}: every row needs a citation",
                    Location(rel, row.line),
                    "schema.required",
                )
            )
        return ()
    if not isinstance(value, str):
        return ()
    line = row.line_of(key)
    try:
        items = parse_field(value, rel, line)
    except SitegenError as exc:
        errors.append(exc)
        return ()
    out: list[Cited] = []
    for item in items:
        try:
            match = resolve(item, sources)
        except SitegenError as exc:
            errors.append(exc)
            continue
        out.append(Cited(item.source_id, match.paragraph, match.exact, item.quote))
    return tuple(out)
