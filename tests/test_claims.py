"""sitegen/claims.py: content/claims.yaml, strict, located, every row cited and verified."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.claims import cite_claims
from sitegen.config import SiteConfig
from sitegen.errors import SitegenError
from sitegen.model import Paragraph, Source
from sitegen.site import assemble
from tests.conftest import write_files


def src(sid: str, *texts: str, outlet: str | None = None, relies_on: tuple[str, ...] = ()) -> Source:
    paras = tuple(Paragraph(i, f"p{i}", t) for i, t in enumerate(texts, 1))
    return Source(sid, f"seeds/{sid}.txt", None, outlet, (), None, None, relies_on, paras)


SOURCES = {
    "wire": src("wire", "The council closed the bridge on Monday.", "Repairs began in March 2024.", outlet="Wire"),
    "daily": src("daily", "The bridge was closed on Monday by the council.", "The closure is a ban for lorries."),
}


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    write_files(tmp_path, {"site.yaml": "title: T\n", **files})
    return tmp_path


def failure(call: object) -> list[str]:
    with pytest.raises(SitegenError) as info:
        call()  # type: ignore[operator]
    return info.value.format().splitlines()


CLAIMS = """\
claims:
  - claim: The council closed the bridge.
    cite: '[@wire "closed the bridge"; @daily "closed on Monday"]'
  - claim: Lorries are banned.
    cite: '[@daily "a ban for lorries"]'
    differs: '[@wire ¶1]'
    note: Wire says nothing of lorries.
"""


def test_claims_are_read_and_every_cell_knows_its_stance(tmp_path: Path) -> None:
    claims = cite_claims(CLAIMS, SOURCES)
    assert [c.text for c in claims] == ["The council closed the bridge.", "Lorries are banned."]
    assert claims[0].outlets == ("wire", "daily") and not claims[0].single_outlet
    assert claims[1].single_outlet
    stance, cited = claims[1].cell("wire")
    assert stance == "differs" and cited is not None and cited.paragraph.anchor == "p1"
    assert claims[0].cell("daily")[1].exact == "closed on Monday"  # type: ignore[union-attr]
    assert claims[1].note == "Wire says nothing of lorries."


def test_every_claim_problem_is_reported_with_its_line(tmp_path: Path) -> None:
    text = """\
claims:
  - claim: No citation here.
  - claim: Wrong quote.
    cite: '[@wire "opened the bridge"]'
  - cite: '[@nope "x"]'
    colour: red
  - claim: Bad syntax.
    cite: 'wire "closed"'
"""
    assert failure(lambda: cite_claims(text, SOURCES)) == [
        "content/claims.yaml:2: error: missing required key 'cite': every row needs a citation [schema.required]",
        'content/claims.yaml:4: error: quote not found in source wire: "opened the bridge" [citation.quote]',
        '  hint: closest is ¶1: "[opened → closed] the bridge" ([quote → source])',
        "content/claims.yaml:5: error: missing required key 'claim' [schema.required]",
        "content/claims.yaml:5: error: unknown source id 'nope' [citation.unknown-source]",
        "  hint: known sources: daily, wire",
        "content/claims.yaml:6: error: unknown key 'colour' [schema.unknown-key]",
        "  hint: known keys: cite, claim, differs, note",
        'content/claims.yaml:8: error: expected a citation like [@source-id "exact words"] [citation.syntax]',
        '  hint: write [@source-id "exact words"] or [@source-id ¶3]',
        "6 errors",
    ]


def test_claims_file_must_hold_a_list(tmp_path: Path) -> None:
    assert failure(lambda: cite_claims("rows: []\n", SOURCES)) == [
        "content/claims.yaml:1: error: content/claims.yaml must be a mapping with one key, 'claims', holding a list"
        " [schema.type]"
    ]


def test_claims_become_backlinks() -> None:
    site = assemble(SiteConfig(title="T"), list(SOURCES.values()), [], cite_claims(CLAIMS, SOURCES), ())
    assert [(b.page_url, b.page_title, b.marker_id, b.paragraph_anchor) for b in site.backlinks["wire"]] == [
        ("claims/", "Who reports what", "claim-1", "p1"),
        ("claims/", "Who reports what", "claim-2", "p1"),
    ]
