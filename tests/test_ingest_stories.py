"""Real stories from outlets sitegen was not written for (../shared/stories, read where they lie).

Each story's truth.yaml states, per dump, the outlet, the byline's names, the article's own date
and a report it relies on, and lists lines of furniture that must go and sentences that must stay.
Ingest must agree with all of it; and a site built from each story shows readers no internal name.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from sitegen.cli import main
from sitegen.ingest import ingest
from sitegen.model import Source
from sitegen.scaffold import init_project

STORIES = Path(__file__).resolve().parents[2] / "shared" / "stories"
NAMES = sorted(p.name for p in STORIES.iterdir() if (p / "truth.yaml").is_file()) if STORIES.is_dir() else []
pytestmark = pytest.mark.skipif(not NAMES, reason=f"no story corpus at {STORIES}")


def flat(text: str) -> str:
    """``text`` with typographic quotes, dashes and spaces made plain, whitespace collapsed."""
    for fancy, plain in (("‘’", "'"), ("“”", '"'), ("—–−", "-"), ("\u00a0", " ")):
        for char in fancy:
            text = text.replace(char, plain)
    return " ".join(text.split())


def key(name: str) -> str:
    """A name for loose comparison: letters and digits, accents and a leading "the" dropped."""
    bare = unicodedata.normalize("NFKD", flat(name).casefold())
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]", "", re.sub(r"^the\s+", "", bare))


def outlet_agrees(found: str | None, truth: dict[str, Any]) -> bool:
    """Whether ``found`` names the outlet the truth states (any one of the names it gives)."""
    if found is None:
        return False
    if truth.get("outlet_match"):
        return re.search(truth["outlet_match"], found, re.I) is not None
    names = re.split(r"\s*(?:[()/,]|\s(?:on|via|excerpting)\s)\s*", truth["outlet"])
    mine = key(found)
    return any(k and (k in mine or (mine in k and len(mine) * 2 >= len(k))) for k in map(key, names))


def truth_authors(entry: dict[str, Any]) -> list[str]:
    value = entry.get("authors", entry.get("author"))
    if not value:
        return []
    return list(value) if isinstance(value, list) else re.split(r"\s*(?:,|&|\band\b)\s*", value)


def story(name: str) -> tuple[dict[str, Any], list[Path]]:
    """A story's truth and its dumps."""
    truth = yaml.safe_load((STORIES / name / "truth.yaml").read_text(encoding="utf-8"))
    return truth, [STORIES / name / s["file"] for s in truth["sources"]]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Source]]:
    """Every story ingested: story -> dump file name -> source."""
    out: dict[str, dict[str, Source]] = {}
    for name in NAMES:
        project = tmp_path_factory.mktemp(name)
        (project / "seeds").mkdir()
        for dump in story(name)[1]:
            shutil.copy(dump, project / "seeds" / dump.name)
        out[name] = {Path(s.path).name: s for s in ingest(project).sources}
    return out


@pytest.mark.parametrize("name", NAMES)
def test_outlet_byline_date_and_reports_relied_on(ingested: dict[str, dict[str, Source]], name: str) -> None:
    truth, _ = story(name)
    for entry in truth["sources"]:
        s = ingested[name][entry["file"]]
        assert outlet_agrees(s.outlet, entry), (entry["file"], s.outlet)
        found = [flat(a).casefold() for a in s.authors]
        wanted = [flat(a).casefold() for a in truth_authors(entry)]
        assert all(any(w in f for f in found) for w in wanted), (entry["file"], s.authors)
        assert bool(found) == bool(wanted), (entry["file"], s.authors)  # no byline, no author
        assert (s.date.isoformat() if s.date else None) == entry.get("date"), entry["file"]
        if entry.get("relies_on"):
            assert any(re.search(entry["relies_on"], r, re.I) for r in s.relies_on), (entry["file"], s.relies_on)


@pytest.mark.parametrize("name", NAMES)
def test_furniture_goes_and_sentences_stay(ingested: dict[str, dict[str, Source]], name: str) -> None:
    truth, _ = story(name)
    lines = [flat(p.text) for s in ingested[name].values() for p in s.paragraphs]
    for pattern in truth.get("debris") or []:
        assert not [line for line in lines if re.search(pattern, line, re.I)], pattern
    text = "\n".join(lines)
    for pattern in truth.get("keep") or []:
        assert re.search(pattern, text, re.I), pattern


def visible_text(html: str) -> str:
    """What a reader sees of a page: no scripts, styles or hidden elements."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "template"]):
        element.decompose()
    for element in soup.select("[hidden]"):
        element.decompose()
    return " ".join(soup.get_text(" ").split())


@pytest.mark.parametrize("name", NAMES)
def test_a_site_built_from_the_story_shows_no_internal_name(tmp_path: Path, name: str) -> None:
    project = init_project(tmp_path / name)
    _, dumps = story(name)
    for dump in dumps:
        shutil.copy(dump, project / "seeds" / dump.name)
    assert main(["build", "-C", str(project)]) == 0
    ids = [s.id for s in ingest(project).sources]
    corpus = " ".join(d.read_text(encoding="utf-8") for d in dumps)
    ids = [i for i in ids if not re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", corpus)]  # words of the text
    files = {d.name for d in dumps} | {d.stem for d in dumps}
    forbidden = re.compile(
        "|".join(
            [rf"(?<![\w-]){re.escape(word)}(?![\w-])" for word in sorted(ids + sorted(files), key=len, reverse=True)]
            + [r"seeds/", r"(?i:unknown outlet|untitled report|url unknown)"]
        )
    )
    pages = sorted((project / "public").rglob("*.html"))
    assert len(pages) > len(dumps)
    for page in pages:
        text = visible_text(page.read_text(encoding="utf-8"))
        text = re.sub(r"(?:https?://|/)\S*", " ", text)  # addresses a page prints are not names
        assert not forbidden.findall(text), (page.relative_to(project), forbidden.findall(text)[:5])
