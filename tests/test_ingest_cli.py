"""``sitegen ingest`` and ``build`` as an editor runs them: the gaps listed, --json, --write-sources, bad seeds."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.ingest import ingest
from sitegen.scaffold import init_project

REPO = Path(__file__).resolve().parents[1]
SIGNED = """\
Harbour Cranes Stand Idle as Dock Strike Enters Second Week
By Mara Lindqvist | March 3, 2025
Dock workers at the northern port extended their strike on Monday, leaving container ships waiting offshore.
The union said talks with the port authority had stalled over pay, according to Reuters.
Shipping firms warned that the backlog could take a month to clear once the cranes start mov
"""
UNSIGNED = """\
The port authority said on Tuesday it would ask a mediator to help end the dispute.
Both sides have agreed to meet on Thursday, a spokesperson said.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A new project (as ``sitegen init`` makes it) with two dumps: one signed and dated, one bare."""
    made = init_project(tmp_path / "story")
    (made / "seeds" / "001_harbour-gazette.txt").write_text(SIGNED, encoding="utf-8")
    (made / "seeds" / "notes.txt").write_text(UNSIGNED, encoding="utf-8")
    return made


def tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` by its digest."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()
    }


def test_ingest_lists_each_source_and_its_gaps(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "-C", str(project)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "harbour-gazette\tseeds/001_harbour-gazette.txt\tHarbour Gazette\tMara Lindqvist\t2025-03-03\t3 paragraphs"
        "\tmissing: url",
        "notes\tseeds/notes.txt\t-\t-\t-\t2 paragraphs\tmissing: outlet, title, author, date, url",
    ]
    assert "--write-sources" in err


def test_json_shape(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "seeds" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    assert main(["ingest", "--json", "-C", str(project)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["sources", "warnings"]
    assert data["warnings"] == ["seeds/photo.jpg: warning: not an article dump, skipped [seeds.skipped]"]
    first, second = data["sources"]
    assert list(first) == [
        "id", "seed", "title", "standfirst", "outlet", "authors", "date", "url", "relies_on", "author_bio", "name",
        "missing", "truncated", "paragraphs", "dropped",
    ]  # fmt: skip
    assert {k: first[k] for k in ("id", "seed", "outlet", "authors", "date", "url", "relies_on", "truncated")} == {
        "id": "harbour-gazette",
        "seed": "seeds/001_harbour-gazette.txt",
        "outlet": "Harbour Gazette",
        "authors": ["Mara Lindqvist"],
        "date": "2025-03-03",
        "url": None,
        "relies_on": ["Reuters"],
        "truncated": True,
    }
    assert first["paragraphs"][0] == {
        "anchor": "p1",
        "number": 1,
        "kind": "para",
        "line": 3,
        "text": "Dock workers at the northern port extended their strike on Monday, leaving container ships waiting "
        "offshore.",
        "truncated": False,
    }
    assert [p["truncated"] for p in first["paragraphs"]] == [False, False, True]
    assert first["dropped"] == [
        {"line": 1, "rule": "title", "text": "Harbour Cranes Stand Idle as Dock Strike Enters Second Week"},
        {"line": 2, "rule": "byline", "text": "By Mara Lindqvist | March 3, 2025"},
    ]
    assert (second["name"], second["missing"]) == (
        "An unattributed report",
        ["outlet", "title", "author", "date", "url"],
    )


def test_write_sources_fills_what_is_known_and_leaves_the_rest_blank(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = ingest(project).sources
    assert main(["ingest", "--write-sources", "-C", str(project)]) == 0
    assert capsys.readouterr().out == "seeds/sources.yaml: added 2 entries, 7 blank fields to fill in\n"
    written = (project / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    assert written.endswith(
        "001_harbour-gazette.txt:\n"
        '  id: "harbour-gazette"\n'
        '  title: "Harbour Cranes Stand Idle as Dock Strike Enters Second Week"\n'
        '  outlet: "Harbour Gazette"\n'
        '  author: ["Mara Lindqvist"]\n'
        "  date: 2025-03-03\n"
        "  url:\n"
        '  relies_on: ["Reuters"]\n'
        "\n"
        "notes.txt:\n"
        '  id: "notes"\n'
        "  title:\n"
        "  outlet:\n"
        "  author:\n"
        "  date:\n"
        "  url:\n"
        "  relies_on:\n"
    )
    assert ingest(project).sources == before  # the skeleton changes nothing
    assert main(["build", "-C", str(project)]) == 0
    assert main(["ingest", "--write-sources", "-C", str(project)]) == 0  # a second run
    assert (project / "seeds" / "sources.yaml").read_text(encoding="utf-8") == written
    assert "nothing changed" in capsys.readouterr().out


def test_write_sources_never_rewrites_the_editors_entries(project: Path) -> None:
    mine = "# my notes\nnotes.txt:\n  outlet: Port Authority Bulletin   # checked by phone\n  date: 2025-03-04\n"
    (project / "seeds" / "sources.yaml").write_text(mine, encoding="utf-8")
    assert main(["ingest", "--write-sources", "-C", str(project)]) == 0
    text = (project / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    assert text.startswith(mine)
    assert text.count("notes.txt:") == 1 and "001_harbour-gazette.txt:" in text
    notes = next(s for s in ingest(project).sources if s.path == "seeds/notes.txt")
    assert (notes.outlet, str(notes.date)) == ("Port Authority Bulletin", "2025-03-04")


def test_build_warns_once_for_each_source_without_outlet_or_date(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "-C", str(project)]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if ": warning:" in line]
    assert warnings == [
        "seeds/notes.txt: warning: no outlet or date found in the dump; readers will see it as "
        "'An unattributed report' (add it in seeds/sources.yaml) [seed.missing]"
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "scan.txt",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
            "seeds/scan.txt: error: not a text file: it looks like a PDF [seed.binary]",
        ),
        (
            "photo.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "seeds/photo.txt: error: not a text file: it looks like an image [seed.binary]",
        ),
        (
            "big.txt",
            b"word " * 1_000_000,
            "seeds/big.txt: error: file exceeds limit (2000000 bytes): it has 5000000 bytes [input.too-large]",
        ),
        (
            "latin1.txt",
            "Caf\xe9 owners said prices rose.\n".encode("latin-1"),
            "seeds/latin1.txt:1: error: byte 3: invalid UTF-8 (0xe9); save the file as UTF-8 [input.encoding]",
        ),
        ("empty.txt", b"", "seeds/empty.txt:1: error: seed is empty: there is no article text in it [seed.empty]"),
    ],
    ids=["pdf", "image", "five-megabytes-on-one-line", "invalid-utf8", "empty"],
)
def test_bad_seeds_are_located_errors_and_the_site_stays(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, message: str
) -> None:
    assert main(["build", "-C", str(project)]) == 0
    site = tree(project / "public")
    capsys.readouterr()
    (project / "seeds" / name).write_bytes(content)
    for command in (["ingest"], ["build"]):
        assert main([*command, "-C", str(project)]) == 1
        err = capsys.readouterr().err
        assert message in err.splitlines()
        assert "Traceback" not in err
    assert tree(project / "public") == site  # nothing lost: the last good site is still there


def test_default_seeds_are_named_by_outlet_else_headline(tmp_path: Path) -> None:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    sources = ingest(tmp_path).sources
    assert [s.name for s in sources] == [
        "NexChron",
        "An unattributed report",
        "China cracks down on AI talent flight with new travel restrictions",
        "China Just Classified Its AI Engineers as National Security Assets. DeepSeek and Alibaba Researchers Now "
        "Need Government Approval to Travel Abroad.",
        "Modelwire",
    ]
