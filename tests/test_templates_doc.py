"""docs/templates.md matches the code: every template it lists exists (and no other), every Site attribute is
documented, and every documented value, rendered as its example shows, renders in the templates that get it."""

from __future__ import annotations

import dataclasses
import re
from html import unescape
from pathlib import Path

import pytest

from sitegen.render.theme import package_dir
from sitegen.site import Site
from tests.conftest import MINIMAL_SEED, REPO, write_files
from tests.invariants import build_inproc

DOC = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")
PAGE_TEMPLATES = {
    "home.html": "index.html",
    "page.html": "part/index.html",
    "source.html": "sources/bridge/index.html",
    "sources.html": "sources/index.html",
    "timeline.html": "timeline/index.html",
    "404.html": "404.html",
}


def table(heading: str) -> list[list[str]]:
    """The rows of the first table after ``heading``, each cell stripped (and ``\\|`` read as ``|``)."""
    section = DOC.split(heading, 1)[1]
    rows = []
    for line in section.splitlines()[1:]:
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if not set(cells[0]) <= set("- :"):
            rows.append(cells)
    return rows[1:]  # without the header


def code(cell: str) -> str:
    found = re.findall(r"`([^`]+)`", cell)
    assert found, cell
    return found[0]


def test_the_documented_templates_are_the_packages_templates() -> None:
    listed = {code(row[0]) for row in table("## The templates and partials")}
    shipped = {p.relative_to(package_dir("templates")).as_posix() for p in package_dir("templates").rglob("*.html")}
    assert listed == shipped


def test_every_site_attribute_is_documented() -> None:
    documented = {code(row[0]).split("(")[0] for row in table("**`site`**")}
    fields = {f.name for f in dataclasses.fields(Site)}
    public = {name for name in dir(Site) if not name.startswith("_")} - {"fields_read"}
    assert fields <= documented
    assert documented <= public


def examples() -> dict[str, list[tuple[str, str]]]:
    """Template → (documented name, its example) for everything it is given."""
    common = [(code(row[0]), code(row[2])) for row in table("## What every template is given")]
    out = {template: list(common) for template in PAGE_TEMPLATES}
    for row in table("## What each page template is given besides"):
        out[code(row[0])].append((code(row[1]), code(row[3])))
    return out


PROJECT = {
    "site.yaml": "title: Probe\nbase_url: https://example.org/probe/\n",
    "seeds/bridge.txt": MINIMAL_SEED,
    "seeds/sources.yaml": "bridge.txt:\n  id: bridge\n  relies_on: [Wire Service]\n",
    # no citations in the pages: the probe templates leave out the reference lists their markers link to
    "content/index.md": "---\ntitle: Home\n---\nThe bridge.\n",
    "content/part.md": "---\ntitle: Part\n---\nIt opened.\n",
    "content/timeline.yaml": "events:\n  - date: 2025-03\n    event: It opened.\n    cite: '[@bridge ¶1]'\n",
    "content/claims.yaml": "claims:\n  - claim: It opened.\n    cite: '[@bridge ¶1]'\n",
}


def test_every_documented_value_renders_in_every_template_that_gets_it(tmp_path: Path) -> None:
    probes = {}
    for template, given in examples().items():
        assert len(given) >= 10, template
        lines = [f'<p data-probe="{name}">{example}</p>' for name, example in given]
        probes[f"templates/{template}"] = "<html><body>\n" + "\n".join(lines) + "\n</body></html>\n"
    write_files(tmp_path, {**PROJECT, **probes})
    result = build_inproc(tmp_path)
    assert result.code == 0, result.err
    for template, output in PAGE_TEMPLATES.items():
        html = (tmp_path / "public" / output).read_text(encoding="utf-8")
        shown = dict(re.findall(r'<p data-probe="([^"]+)">(.*?)</p>', html, re.S))
        assert sorted(shown) == sorted(name for name, _ in examples()[template]), template
        assert unescape(shown["config"]) == "Probe"
        assert shown["canonical"] == f"https://example.org/probe/{output.removesuffix('index.html')}"


@pytest.mark.parametrize(
    ("template", "expected"), [("page.html", "../sources/index.html"), ("404.html", "/probe/sources/")]
)
def test_the_documented_url_helper_gives_relative_links_and_absolute_ones_on_the_404_page(
    tmp_path: Path, template: str, expected: str
) -> None:
    write_files(tmp_path, {**PROJECT, f"templates/{template}": "<p>{{ url('sources/') }}</p>\n"})
    assert build_inproc(tmp_path).code == 0
    assert f"<p>{expected}</p>" in (tmp_path / "public" / PAGE_TEMPLATES[template]).read_text(encoding="utf-8")
