"""The default story builds, and `sitegen init` makes a project that builds another story."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.cli import main
from tests.conftest import REPO, tree_digest, write_files

DEBRIS = [
    "HYPE$64.44",
    "Prices as of",
    "Get this in your inbox",
    "Did this help you",
    "Get tomorrow's AI briefing",
    "Join readers who start their day",
    "Your feedback helps us",
    "Modelwire summarizes",
    "Subscribe",
    "Illustration accompanying",
    "How we write it",
    "MentionsChina",
    '">',
    "Home »",
    "studied computer science at Carnegie Mellon",
]


def copy_default_project(dest: Path) -> Path:
    """The repo's project files (not its build output) copied to ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("site.yaml", "seeds", "content", "templates", "static"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


class _Text(HTMLParser):
    """Visible text of a page (skipping script/style), as one string."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


@pytest.fixture(scope="module")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_default_project(tmp_path_factory.mktemp("default") / "project")
    assert main(["build", "-C", str(project)]) == 0
    return project


def test_default_build_writes_home_and_five_source_pages(default_site: Path) -> None:
    public = default_site / "public"
    assert (public / "index.html").is_file()
    source_pages = sorted(p.parent.name for p in (public / "sources").glob("*/index.html"))
    assert len(source_pages) == 5


def test_build_prints_one_summary_line(tmp_path: Path) -> None:
    project = copy_default_project(tmp_path / "p")
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "-C", str(project)], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"^built \d+ pages .*from 5 sources in \d+\.\d+ s$", proc.stdout.strip(), re.M)


def test_no_debris_reaches_any_page(default_site: Path) -> None:
    for page in (default_site / "public").rglob("*.html"):
        text = visible_text(page.read_text(encoding="utf-8"))
        for debris in DEBRIS:
            assert debris not in text, f"{debris!r} in {page}"


def test_every_real_paragraph_of_each_dump_is_on_its_source_page(default_site: Path) -> None:
    samples = {
        "000_f8e4e2324b5b5a20.txt": "The logic is straightforward: China’s AI labs have become globally competitive",
        "001_309d944bc2ab9b62.txt": "This policy represents a shift toward a 'closed-loop' innovation model",
        "002_dd8b164fb9b6d69b.txt": "No official comments have been made by the Chinese government",
        "003_ee61ae6654d2a0e8.txt": "The symmetric question — whether the US should apply analogous restrictions",
        "004_d3923b714d1ee182.txt": "Watch whether the EU or U.S. respond with reciprocal researcher-visa restrictions",
    }
    pages = {p.read_text(encoding="utf-8") for p in (default_site / "public" / "sources").glob("*/index.html")}
    texts = [visible_text(html) for html in pages]
    for seed, sentence in samples.items():
        plain = sentence.replace("’", "'")
        assert any(sentence in t or plain in t for t in texts), f"paragraph of {seed} missing"


def test_source_pages_show_stated_metadata_and_leave_out_unknowns(default_site: Path) -> None:
    source_pages = (default_site / "public" / "sources").glob("*/index.html")
    pages = [visible_text(p.read_text(encoding="utf-8")) for p in source_pages]
    joined = "\n".join(pages)
    assert any("Hector Herrera" in t and "May 26, 2026" in t and "NexChron" in t for t in pages)
    assert any("Kai Nakamura" in t for t in pages)
    assert any("Modelwire Editorial" in t for t in pages)
    assert "Bloomberg" in joined and "The Decoder" in joined
    # outlets and dates the dumps don't state are not guessed, and no placeholder stands in for them
    assert not re.search(r"(?i)unknown|untitled|seed file|seeds/", joined)


def test_paragraphs_have_stable_anchors(default_site: Path) -> None:
    html = next((default_site / "public" / "sources").glob("*/index.html")).read_text(encoding="utf-8")
    ids = re.findall(r'<p id="(p\d+)"', html)
    assert ids[:3] == ["p1", "p2", "p3"]


def test_build_is_deterministic(tmp_path: Path) -> None:
    a = copy_default_project(tmp_path / "a")
    b = copy_default_project(tmp_path / "b")
    assert main(["build", "-C", str(a)]) == 0
    assert main(["build", "-C", str(b)]) == 0
    assert tree_digest(a / "public") == tree_digest(b / "public")


OTHER_STORY = {
    "seeds/harbour.txt": """\
Harbour Authority Approves Deep-Water Berth
By Priya Natarajan | 4 February 2025
BTC$73,275.00▲ 1.2%ETH$2,007.61▼ 0.4%
The harbour authority approved a deep-water berth on Tuesday, ending a two-year planning dispute.
The berth will allow container ships of up to 14,000 units to dock without waiting for high tide.
Sign up for The Morning Dispatch newsletter
Was this article helpful? Yes No
Local fishing cooperatives said the construction schedule would close the inner channel for six months.
Share on Facebook
Read more: Port traffic hits record
""",
    "seeds/sources.yaml": "harbour.txt:\n  full_text: true\nberth.html:\n  full_text: true\n",
    "seeds/berth.html": """\
<html><body><header>Coastal Ledger</header>
<h1>Berth plan clears final hurdle</h1>
<p>The harbour board voted 7 to 2 in favour of the berth &amp; the dredging plan.</p>
<p>Critics said the dredging would disturb seagrass beds near the northern breakwater.</p>
<p>(Photo by Sam Lee/Coastal Ledger)</p>
<p>Updated 12 minutes ago</p>
</body></html>
""",
}


def test_init_then_build_another_story(tmp_path: Path) -> None:
    target = tmp_path / "harbour"
    assert main(["init", str(target), "--title", "The harbour berth"]) == 0
    for name in ("site.yaml", "seeds", "content", "templates"):
        assert (target / name).exists(), name
    write_files(target, OTHER_STORY)
    assert main(["build", "-C", str(target)]) == 0
    public = target / "public"
    assert len(list((public / "sources").glob("*/index.html"))) == 2
    text = " ".join(visible_text(p.read_text(encoding="utf-8")) for p in public.rglob("*.html"))
    assert "ending a two-year planning dispute" in text
    assert "seagrass beds" in text
    for debris in (
        "BTC$",
        "Sign up for",
        "Was this article helpful",
        "Share on Facebook",
        "Photo by",
        "Updated 12 minutes ago",
        "Read more:",
    ):
        assert debris not in text, debris


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"seeds/empty.txt": ""}, r"^seeds/empty\.txt(:\d+)?: error: .*\[seed\.empty\]"),
        ({"seeds/bad.txt": b"caf\xe9 au lait\n"}, r"^seeds/bad\.txt:1: error: byte 3: invalid UTF-8"),
        ({"site.yaml": "title: x\ncolour: blue\n"}, r"^site\.yaml:2: error: unknown key 'colour'"),
        ({"site.yaml": "title: [unclosed\n"}, r"^site\.yaml:\d+(:\d+)?: error: invalid YAML"),
        (
            {"seeds/sources.yaml": "bridge.txt:\n  outlet: X\n  colour: red\n"},
            r"^seeds/sources\.yaml:3: error: unknown key 'colour'",
        ),
    ],
)
def test_bad_input_is_one_located_error_and_public_survives(
    make_site, files: dict[str, str | bytes], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_site()
    assert main(["build", "-C", str(project)]) == 0
    before = tree_digest(project / "public")
    write_files(project, files)
    assert main(["build", "-C", str(project)]) == 1
    err = capsys.readouterr().err
    assert re.search(expected, err, re.M), err
    assert "Traceback" not in err
    assert tree_digest(project / "public") == before


def test_missing_seeds_folder_is_an_error(make_site, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_site()
    shutil.rmtree(project / "seeds")
    assert main(["build", "-C", str(project)]) == 1
    assert re.search(r"^seeds: error: .*\[seeds\.missing\]", capsys.readouterr().err, re.M)
    assert not (project / "public").exists()


def test_build_warns_about_files_that_are_not_dumps(make_site, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_site({"seeds/photo.jpg": b"\xff\xd8\xff"})
    assert main(["build", "-C", str(project)]) == 0
    err = capsys.readouterr().err
    assert "seeds/photo.jpg: warning: not an article dump, skipped [seeds.skipped]" in err
    assert not (project / "public" / "sources" / "photo").exists()


def test_the_projects_own_template_overrides_the_builtin_one(default_site: Path) -> None:
    """templates/partials/footer.html in the repo replaces the package's footer, file by file."""
    text = visible_text((default_site / "public" / "index.html").read_text(encoding="utf-8"))
    assert "4 of the 5 articles collected here say they rely on earlier reporting by Bloomberg and The Decoder" in text
    assert "Every claim links to the passage of the source it rests on" in text  # the rest of the site is unchanged
