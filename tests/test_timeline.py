"""sitegen/timeline.py: content/timeline.yaml, strict, located, every event cited, in date order."""

from __future__ import annotations

from pathlib import Path

from sitegen.claims import cite_claims
from sitegen.config import SiteConfig
from sitegen.errors import Problems
from sitegen.pages import read_content
from sitegen.site import assemble
from sitegen.timeline import cite_timeline
from tests.test_claims import SOURCES, failure, project


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


def test_missing_files_mean_no_matrix_and_no_timeline(tmp_path: Path) -> None:
    content = read_content(project(tmp_path, {"content/a.md": "# A\n"}), Problems())
    assert (content.claims, content.timeline) == (None, None)
    assert cite_claims(None, SOURCES) == () and cite_timeline(None, SOURCES) == ()


def test_events_become_backlinks() -> None:
    text = "events:\n  - date: 2024\n    event: Closed.\n    cite: '[@wire ¶1; @daily ¶2]'\n"
    site = assemble(SiteConfig(title="T"), list(SOURCES.values()), [], (), cite_timeline(text, SOURCES))
    assert [(b.page_url, b.page_title, b.marker_id, b.paragraph_anchor) for b in site.backlinks["daily"]] == [
        ("timeline/", "Timeline", "event-1", "p2")
    ]
