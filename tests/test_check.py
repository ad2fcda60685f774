"""sitegen check, and the build's own refusal of broken links in content pages (BAD-INPUT 22)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.build import build, render_project
from sitegen.check import check_site
from sitegen.cli import main
from sitegen.errors import SitegenError
from tests.conftest import MakeSite, tree_digest
from tests.test_build import copy_default_project

A_PAGE = """\
---
title: A page
---
Intro with a [good link](b.md#details) and [the sources](/sources/).

## Details

{line5}
"""
B_PAGE = "---\ntitle: B page\n---\nSee [A](a.md).\n\n## Details\n\nMore.\n"


def check_project(project: Path) -> list[SitegenError]:
    """What ``sitegen check`` reports for ``project``."""
    built = render_project(project)
    return check_site(built.site, built.outputs)


def project_with(make_site: MakeSite, line5: str, **extra: str) -> Path:
    return make_site({"content/a.md": A_PAGE.format(line5=line5), "content/b.md": B_PAGE, **extra})


def test_check_passes_on_the_default_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_default_project(tmp_path / "default")
    assert main(["check", "-C", str(project)]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out == "no broken links, anchors, missing alt text or duplicate ids\n"
    assert not (project / "public").exists()  # check builds in memory and writes nothing


def test_check_fails_naming_the_file_and_line_of_a_broken_link(
    make_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_with(make_site, "Go [nowhere](/no/such/) now.")
    assert main(["check", "-C", str(project)]) == 1
    err = capsys.readouterr().err
    assert "content/a.md:8: error: broken link '/no/such/': no page or file at no/such/index.html [link.broken]" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("line5", "message"),
    [
        ("Go [nowhere](/no/such/) now.", "broken link '/no/such/': no page or file at no/such/index.html"),
        ("A [bad anchor](/b/#nope).", "broken link '/b/#nope': b/index.html has no element with id 'nope'"),
        ("A [missing page](c.md).", "broken link 'c.md': there is no page content/c.md"),
        ("[Up and out](../../etc/passwd)", "broken link '../../etc/passwd': it points outside the site"),
    ],
)
def test_a_broken_link_fails_the_build_and_leaves_public_alone(
    make_site: MakeSite, capsys: pytest.CaptureFixture[str], line5: str, message: str
) -> None:
    project = project_with(make_site, "All good.")
    assert main(["build", "-C", str(project)]) == 0
    before = tree_digest(project / "public")
    capsys.readouterr()

    (project / "content" / "a.md").write_text(A_PAGE.format(line5=line5))
    assert main(["build", "-C", str(project)]) == 1

    err = capsys.readouterr().err
    assert f"content/a.md:8: error: {message} [link.broken]" in err
    assert "Traceback" not in err
    assert tree_digest(project / "public") == before
    assert not list(project.glob("public.staging-*"))


def test_heading_ids_survive_so_anchor_links_to_them_build(make_site: MakeSite) -> None:
    project = project_with(make_site, "Back to [the details](#details) and [B's](/b/#details).")
    build(project)
    assert 'id="details"' in (project / "public" / "b" / "index.html").read_text()
    assert check_project(project) == []


def test_external_links_are_not_fetched(make_site: MakeSite) -> None:
    project = project_with(make_site, "[x](https://no-such-host.invalid/page) [m](mailto:a@b.c)")
    assert check_project(project) == []


def test_check_reports_missing_alt_text_and_duplicate_ids_by_file(
    make_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_with(
        make_site,
        '<img src="/assets/dot.svg"> <p id="twice">one</p> <p id="twice">two</p>',
        **{"static/dot.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>'},
    )
    assert main(["check", "-C", str(project)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert any(
        line.startswith("content/a.md: error: image '/assets/dot.svg' in a/index.html has no alt text") for line in err
    )
    assert any(line.startswith("content/a.md: error: duplicate id 'twice' in a/index.html") for line in err)
    assert err[-1] == "2 problems found"


def test_a_broken_template_link_names_the_page_and_output_line(make_site: MakeSite) -> None:
    project = make_site(
        {
            "content/a.md": "---\ntitle: A\n---\nText.\n",
            "templates/partials/footer.html": '<a href="{{ url("gone/") }}">x</a>',
        }
    )
    problems = [re.sub(r"output line \d+", "output line N", p.format()) for p in check_project(project)]
    made_from = [  # in the order of the pages' paths
        ("templates/404.html", "/gone/", "404.html"),  # shown at any address: its links are absolute
        ("content/a.md", "../gone/index.html", "a/index.html"),
        ("templates/home.html", "gone/index.html", "index.html"),
        ("templates/sources.html", "../gone/index.html", "sources/index.html"),
        ("seeds/bridge.txt", "../../gone/index.html", "sources/ministry-opens-new-bridge-over/index.html"),
    ]
    assert problems == [
        f"{origin}: error: broken link '{link}' in {page} (output line N): no page or file at gone/index.html"
        " [link.broken]"
        for origin, link, page in made_from
    ]


def test_a_link_to_a_missing_paragraph_of_a_source_is_a_citation_target_error(
    make_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    sid = "ministry-opens-new-bridge-over"  # the id ingest gives the minimal seed
    project = make_site(
        {"content/a.md": f"---\ntitle: A\n---\nSee [it](/sources/{sid}/#p99) and [¶1](/sources/{sid}/#p1).\n"}
    )
    assert main(["build", "-C", str(project)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"content/a.md:4: error: broken link '/sources/{sid}/#p99': sources/{sid}/index.html has no element"
        " with id 'p99' [citation.target]\n"
    )


TRICKY_BODY = """\
# Links of every kind

See [the report](other.md#part-2 "a > b title"), ![a chart](/img/c.png "x>y"), <https://example.org/?a=1&b=2>,
[ampersands](../x/?q=1&amp;r=2), [spaces]( /sources/a/  ), [a quote](<a"b.md>) and [mail](mailto:x@example.org).

<a href="raw.html" title='single'>raw</a> <img src="raw.png" alt=">"> <q cite="https://example.org/q">q</q>

<script src="evil.js"></script> <iframe src="evil.html"></iframe>
"""


def test_body_links_are_what_an_html_parser_finds(tmp_path: Path) -> None:
    """The link check reads bodies with a pattern: it must see exactly the links a parser sees."""
    from sitegen.build import render_project
    from sitegen.check import body_links, parse
    from sitegen.markup import cite_page, make_markdown
    from sitegen.pages import parse_page

    bodies = [cp.html for cp in render_project(copy_default_project(tmp_path)).site.pages]
    page = parse_page("---\ntitle: Tricky\n---\n\n" + TRICKY_BODY, "content/tricky.md")
    bodies.append(cite_page(page, {}, make_markdown()).html)
    for body in bodies:
        assert body_links(body) == [(tag, url) for tag, url, _ in parse(body.encode()).links]
    assert len(body_links(bodies[-1])) >= 7
