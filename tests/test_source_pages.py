"""Source pages quote, they do not republish: by default a source's page shows the paragraphs the site cites (or
links to), each with its anchor, and says how many it leaves out; ``full_text: true`` in ``seeds/sources.yaml``
publishes the whole text. Where a source is cited is listed by page, a paragraph cited again shown once ("×4")."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from sitegen.cli import main
from tests.browser_support import REPO, copy_project
from tests.conftest import write_files

LINK = re.compile(r"sources/([a-z0-9-]+)/(?:index\.html)?#(p\d+)")


def build(project: Path) -> Path:
    assert main(["build", "-C", str(project)]) == 0
    return project / "public"


def cited_anchors(public: Path) -> dict[str, set[str]]:
    """Source id → every paragraph anchor some page of the site links to (citations, claims, timeline)."""
    found: dict[str, set[str]] = {}
    for page in public.rglob("*.html"):
        if "sources" in page.relative_to(public).parts:
            continue
        for source_id, anchor in LINK.findall(page.read_text(encoding="utf-8")):
            found.setdefault(source_id, set()).add(anchor)
    return found


def shown(public: Path, source_id: str) -> BeautifulSoup:
    return BeautifulSoup((public / "sources" / source_id / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_source_page_shows_only_the_paragraphs_the_site_cites_unless_its_full_text_is_allowed(
    tmp_path: Path,
) -> None:
    project = copy_project(REPO, tmp_path / "project")
    public = build(project)
    cited = cited_anchors(public)
    left_out = {}
    for source_dir in sorted((public / "sources").iterdir()):
        if not source_dir.is_dir():
            continue
        page = shown(public, source_dir.name)
        paragraphs = {str(p["id"]) for p in page.select(".source-text p.para")}
        assert paragraphs == cited[source_dir.name], source_dir.name  # every cited one, and no other
        note = page.select_one(".excerpt-note")
        left_out[source_dir.name] = (
            int(re.search(r"the (\d+) that no page cites", note.get_text()).group(1)) if note else 0
        )  # type: ignore[union-attr]
    assert sum(left_out.values()) >= 5  # the default story leaves some paragraphs of its sources out
    brief = shown(public, "footnoted-brief")
    gaps = [int(re.search(r"\d+", g.get_text()).group()) for g in brief.select(".gap")]  # type: ignore[union-attr]
    assert sum(gaps) == left_out["footnoted-brief"]

    seeds = project / "seeds" / "sources.yaml"
    entry = "  id: footnoted-brief"
    assert entry in seeds.read_text(encoding="utf-8")
    seeds.write_text(seeds.read_text(encoding="utf-8").replace(entry, entry + "\n  full_text: true"), encoding="utf-8")
    public = build(project)
    source_id = "footnoted-brief"
    page = shown(public, source_id)
    every = {str(p["id"]) for p in page.select(".source-text p.para")}
    assert every > cited[source_id] and not page.select(".gap, .excerpt-note")
    assert page.select_one("#text-title").get_text() == "The article, cleaned"  # type: ignore[union-attr]


def test_a_paragraph_cited_again_on_a_page_is_listed_once_with_its_count(tmp_path: Path) -> None:
    project = tmp_path / "site"
    write_files(
        project,
        {
            "site.yaml": "title: T\n",
            "seeds/wire.txt": "Bridge opens\nBy Ana Ruiz | April 2, 2025\nThe bridge opened on Tuesday.\n"
            "It cost eight million.\nTraffic moved at once.\n",
            "seeds/sources.yaml": "wire.txt:\n  id: wire\n",
            "content/index.md": '---\ntitle: Home\n---\nIt opened [@wire "bridge opened"]. It did [@wire ¶1]. '
            'Again [@wire "opened on Tuesday"]. Traffic [@wire "moved at once"].\n\n[See it](/sources/wire/#p2).\n',
        },
    )
    public = build(project)
    page = shown(public, "wire")
    assert [" ".join(li.get_text().split()) for li in page.select(".backlinks li")] == ["Home: ¶1 ×3, ¶3"]
    assert {str(p["id"]) for p in page.select(".source-text p.para")} == {"p1", "p2", "p3"}  # ¶2 is linked by hand
