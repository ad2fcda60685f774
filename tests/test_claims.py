"""content/claims.yaml and content/timeline.yaml: strict, located, every row cited and verified."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.claims import cite_claims, cite_timeline
from sitegen.config import SiteConfig
from sitegen.errors import Problems, SitegenError
from sitegen.model import Paragraph, Source
from sitegen.pages import read_content
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


def test_missing_files_mean_no_matrix_and_no_timeline(tmp_path: Path) -> None:
    content = read_content(project(tmp_path, {"content/a.md": "# A\n"}), Problems())
    assert (content.claims, content.timeline) == (None, None)
    assert cite_claims(None, SOURCES) == () and cite_timeline(None, SOURCES) == ()


def test_timeline_is_sorted_by_date_whatever_the_precision(tmp_path: Path) -> None:
    text = """\
events:
  - date: 2025-01-06
    event: Closed.
    cite: '[@wire "closed the bridge on Monday"]'
  - date: 2024-03
    event: Repairs begin.
    cite: '[@wire "Repairs began in March 2024"]'
  - date: 2024
    event: A year of repairs.
    cite: '[@wire ¶2]'
"""
    events = cite_timeline(text, SOURCES)
    assert [(e.iso, e.label, e.text) for e in events] == [
        ("2024", "2024", "A year of repairs."),
        ("2024-03", "March 2024", "Repairs begin."),
        ("2025-01-06", "January 6, 2025", "Closed."),
    ]


def test_timeline_problems_are_located(tmp_path: Path) -> None:
    text = """\
events:
  - date: 2024-13
    event: Impossible month.
    cite: '[@wire ¶1]'
  - date: 2024-02-30
    event: Impossible day.
    cite: '[@wire ¶1]'
  - event: No date.
    cite: '[@wire ¶9]'
"""
    assert failure(lambda: cite_timeline(text, SOURCES)) == [
        "content/timeline.yaml:5:11: error: 'date': impossible date '2024-02-30' (day is out of range for month)"
        " [yaml.date]",
    ]
    text = text.replace("2024-02-30", "2024-02-03")
    assert failure(lambda: cite_timeline(text, SOURCES)) == [
        "content/timeline.yaml:2: error: date '2024-13' must be YYYY, YYYY-MM or YYYY-MM-DD [timeline.date]",
        "content/timeline.yaml:8: error: missing required key 'date' [schema.required]",
        "content/timeline.yaml:9: error: source wire has no paragraph ¶9 (it has 2) [citation.paragraph]",
        "3 errors",
    ]


def test_claims_and_timeline_become_backlinks() -> None:
    site = assemble(SiteConfig(title="T"), list(SOURCES.values()), [], cite_claims(CLAIMS, SOURCES), ())
    assert [(b.page_url, b.page_title, b.marker_id, b.paragraph_anchor) for b in site.backlinks["wire"]] == [
        ("sources/", "Key claims", "claim-1", "p1"),
        ("sources/", "Key claims", "claim-2", "p1"),
    ]
