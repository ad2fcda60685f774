"""The shipped explainer: every claim cited, every reference landing, every source used."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, Tag

from sitegen.cli import main
from tests.conftest import REPO, tree_digest

PAGES = ["", "background/", "who-is-affected/", "industry-impact/", "what-to-watch/"]
SOURCE_IDS = ["decoder-rewrite", "footnoted-brief", "modelwire", "nakamura-analysis", "nexchron"]
MARK = "\u27e6c\u27e7"
_ABBREV = re.compile(r"\b(?:U\.S|U\.K|E\.U|Mr|Mrs|Dr|Inc|Ltd|St|vs|e\.g|i\.e)\.$")


def copy_project(dest: Path) -> Path:
    """The repo's inputs (not its output) in ``dest``."""
    dest.mkdir(parents=True)
    shutil.copy2(REPO / "site.yaml", dest / "site.yaml")
    for name in ("seeds", "content"):
        shutil.copytree(REPO / name, dest / name)
    return dest


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default project, built once with ``sitegen build``; returns the output folder."""
    project = copy_project(tmp_path_factory.mktemp("repo") / "project")
    assert main(["build", "-C", str(project)]) == 0
    return project / "public"


def soup(public: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup((public / url_path / "index.html").read_text(encoding="utf-8"), "html.parser")


def body_blocks(page: BeautifulSoup) -> list[Tag]:
    """The paragraphs and list items written in the page's Markdown (not the template's furniture)."""
    main_el = page.find("main")
    assert isinstance(main_el, Tag)
    blocks = []
    for el in main_el.find_all(["p", "li"]):
        if el.find_parent(["nav", "header", "footer"]) or el.find(["p", "li", "ul", "ol"]):
            continue
        if el.find_parent(class_=["references", "drawn-from", "cards", "source-list", "pager", "toc"]):
            continue
        if el.find_parent("section", attrs={"aria-labelledby": ["sections-title", "sources-title"]}):
            continue
        if set(el.get("class") or []) & {"summary", "meta", "kicker", "toc-title"}:
            continue
        blocks.append(el)
    return blocks


def sentences(block: Tag) -> list[str]:
    """The block's sentences, each citation marker replaced by MARK."""
    for sup in block.find_all("sup", class_="cite"):
        sup.replace_with(MARK)
    text = " ".join(block.get_text().split())
    out: list[str] = []
    start = 0
    for m in re.finditer(rf"[.!?][\u201d\u2019\"')]*(?:{MARK})?(?:\s+|$)", text):  # a marker after the stop is its
        piece = text[start : m.end()]
        if _ABBREV.search(piece.rstrip()):
            continue
        out.append(piece.strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return [s for s in out if s]


@pytest.mark.parametrize("url_path", PAGES)
def test_every_sentence_on_the_five_pages_is_cited(built: Path, url_path: str) -> None:
    blocks = body_blocks(soup(built, url_path))
    assert len(blocks) >= 4
    uncited = [s for b in blocks for s in sentences(b) if MARK not in s]
    assert uncited == []


def test_the_sentence_check_catches_an_uncited_sentence() -> None:
    block = BeautifulSoup(
        '<p>Cited <sup class="cite">1</sup>. Not cited. Cited U.S. too <sup class="cite">2</sup>.</p>', "html.parser"
    ).p
    assert isinstance(block, Tag)
    assert [MARK in s for s in sentences(block)] == [True, False, True]


@pytest.mark.parametrize("url_path", PAGES)
def test_every_reference_lands_on_an_existing_paragraph(built: Path, url_path: str) -> None:
    links = soup(built, url_path).select("a.ref-source")
    assert links
    for a in links:
        href = str(a["href"])
        target, _, fragment = urljoin(f"https://x/{url_path}", href).partition("#")
        anchor, _, text = fragment.partition(":~:text=")
        assert text, href
        page = BeautifulSoup((built / target.removeprefix("https://x/")).read_text(encoding="utf-8"), "html.parser")
        para = page.find(id=anchor)
        assert isinstance(para, Tag) and "para" in (para.get("class") or []), href


def cited_sources(page: BeautifulSoup) -> list[str]:
    """The source id of each citation of ``page``: of every reference, once for each marker that cites it."""
    ids = []
    for ref in page.select("li.ref"):
        source = re.search(r"sources/([a-z0-9-]+)/", str(ref.select_one("a.ref-source")["href"]))  # type: ignore[index]
        assert source is not None
        ids += [source.group(1)] * len(ref.select(".backrefs a"))
    return ids


def test_every_source_is_cited_on_the_pages(built: Path) -> None:
    assert sorted({sid for url in PAGES for sid in cited_sources(soup(built, url))}) == SOURCE_IDS


@pytest.mark.parametrize("source_id", SOURCE_IDS)
def test_source_pages_list_backlinks_and_lineage(built: Path, source_id: str) -> None:
    page = soup(built, f"sources/{source_id}/")
    cited = page.find("section", class_="backlinks")
    assert isinstance(cited, Tag)
    listed = {}  # page title → how many times it cites the source, from the grouped list ("¶9 ×4")
    for li in cited.select("li"):
        title, _, paragraphs = " ".join(li.get_text().split()).partition(": ")
        found = re.findall(r"¶(\d+)(?: ×(\d+))?", paragraphs)
        assert [int(n) for n, _ in found] == sorted({int(n) for n, _ in found})  # each paragraph once, in order
        listed[title] = sum(int(times or 1) for _, times in found)
    counts = {}  # what the source page calls each page → how many of its citations cite this source
    for url in [*PAGES, "timeline/"]:
        citing = soup(built, url)
        counts[citing.select_one("main h1").get_text()] = cited_sources(citing).count(source_id)  # type: ignore[union-attr]
    link = f"a[href*='{source_id}/index.html#']"
    counts["Who reports what"] = len(soup(built, "claims/").select(f".coverage-matrix {link}"))
    assert listed == {title: n for title, n in counts.items() if n}
    for a in cited.select("a[href*='#cite-']"):
        target, _, marker = urljoin(f"https://x/sources/{source_id}/", str(a["href"])).partition("#")
        cited_page = BeautifulSoup(
            (built / target.removeprefix("https://x/")).read_text(encoding="utf-8"), "html.parser"
        )
        assert cited_page.find(id=marker) is not None
    assert page.find("section", class_="lineage") is not None


def test_lineage_names_upstream_and_siblings(built: Path) -> None:
    lineage = soup(built, "sources/nexchron/").find("section", class_="lineage")
    assert isinstance(lineage, Tag)
    text = " ".join(lineage.get_text().split())
    assert "Relies on Bloomberg" in text
    assert "Other sources relying on the same report: Kai Nakamura." in text
    brief = soup(built, "sources/footnoted-brief/").find("section", class_="lineage")
    assert isinstance(brief, Tag)
    assert "names no upstream report" in brief.get_text()


def test_a_sections_sources_are_folded_under_one_line_that_names_them(built: Path) -> None:
    folded = soup(built, "background/").select_one("details.references")
    assert folded is not None and not folded.has_attr("open")
    summary = " ".join(folded.summary.get_text().split())  # type: ignore[union-attr]
    passages = len(folded.select("li.ref"))
    names = "NexChron, Kai Nakamura, An unattributed report and 2 more"
    assert summary == f"Sources for this page {passages} passages from {names}"


def test_the_claims_page_has_the_coverage_matrix(built: Path) -> None:
    table = soup(built, "claims/").find("table", class_="coverage-matrix")
    assert isinstance(table, Tag)
    assert table.find("caption") is not None
    headers = [" ".join(th.get_text().split()) for th in table.select("thead th[scope=col]")]
    assert headers == [
        "Claim",
        "NexChron",
        "An unattributed report",  # no outlet, byline or headline; never its id
        "China cracks down on AI…",  # no outlet or byline: its headline
        "Kai Nakamura",
        "Modelwire",
        "Lines of reporting",
    ]
    rows = table.select("tbody tr")
    assert len(rows) >= 8
    single = []
    for row in rows:
        assert row.find("th", attrs={"scope": "row"}) is not None
        assert row.select("a.cite-cell")  # every row is cited
        if "one outlet only" in row.get_text():
            single.append(" ".join(row.th.get_text().split()))
    assert "The measure began in December 2025 with DeepSeek executives barred from leaving China." in single
    founders = next(r for r in rows if "Startup founders" in r.th.get_text())  # type: ignore[union-attr]
    # two outlets, both relying on Bloomberg: one line of reporting
    assert " ".join(founders.select_one(".cell-lines").get_text().split()) == (  # type: ignore[union-attr]
        "1 line of reporting from 2 outlets all rely on Bloomberg"
    )


def test_timeline_is_in_date_order_and_cited(built: Path) -> None:
    page = soup(built, "timeline/")
    events = page.select("ol.timeline li.event")
    dates = [str(li.time["datetime"]) for li in events if li.time]
    assert dates == sorted(dates) and dates[:2] == ["2025-01", "2025-12"] and dates[-1].startswith("2026-05")
    assert all(li.select("a.cite-ref") for li in events)
    nav = [a.get_text() for a in page.select("header nav a")]
    assert "Timeline" in nav


def test_breaking_one_quote_fails_with_file_and_line_and_keeps_the_old_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    assert main(["build", "-C", str(project)]) == 0
    before = tree_digest(project / "public")
    page = project / "content" / "background.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, 1) if "briefly wiped hundreds of billions" in line)
    lines[number - 1] = lines[number - 1].replace("briefly wiped hundreds of billions from", "wiped billions from")
    page.write_text("\n".join(lines), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "-C", str(project)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        f'content/background.md:{number}: error: quote not found in source nexchron: "wiped billions from U.S. tech'
    )
    assert "[citation.quote]" in err
    assert tree_digest(project / "public") == before


def test_every_broken_citation_in_every_file_is_listed_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    for name, old, new in [
        ("background.md", "@nexchron", "@nexchorn"),
        ("what-to-watch.md", '@modelwire "within the next 12 months"', "@modelwire \u00b699"),
    ]:
        page = project / "content" / name
        page.write_text(page.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    claims = project / "content" / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("@footnoted-brief", "@footnoted", 1), "utf-8")
    capsys.readouterr()
    assert main(["build", "-C", str(project)]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert [re.sub(r":\d+:", ":N:", e.split(" error: ")[0]) for e in errors] == [
        "content/background.md:N:",
        "content/claims.yaml:N:",
        "content/what-to-watch.md:N:",
    ]
    assert "unknown source id 'nexchorn' [citation.unknown-source]" in errors[0]
    assert "source modelwire has no paragraph \u00b699 (it has 4) [citation.paragraph]" in errors[2]
    assert not (project / "public").exists()
