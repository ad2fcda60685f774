"""sitegen/scaffold.py: ``sitegen init`` makes a buildable project whose templates are the built-in ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.scaffold import init_project


def test_a_new_project_has_settings_folders_a_placeholder_page_and_no_copied_templates(tmp_path: Path) -> None:
    made = init_project(tmp_path / "bridge-collapse")
    files = sorted(p.relative_to(made).as_posix() for p in made.rglob("*"))
    assert files == [
        ".gitignore",
        "content",
        "content/index.md",
        "seeds",
        "site.yaml",
        "templates",
        "templates/README.md",
    ]
    assert 'title: "Bridge Collapse"' in (made / "site.yaml").read_text(encoding="utf-8")
    note = (made / "templates" / "README.md").read_text(encoding="utf-8")
    assert "replaces the built-in one, file by file" in note and "partials/footer.html" in note
    assert (made / ".gitignore").read_text(
        encoding="utf-8"
    ) == "public/\npublic.staging-*/\npublic.old-*/\n.sitegen.lock\n.sitegen-cache/\n"
    assert (made / "content" / "index.md").read_text(encoding="utf-8").startswith('---\ntitle: "Bridge Collapse"\n')


def test_a_title_with_quotes_stays_one_yaml_string(tmp_path: Path) -> None:
    made = init_project(tmp_path / "x", title='The "bridge" \\ collapse')
    assert 'title: "The \\"bridge\\" \\\\ collapse"' in (made / "site.yaml").read_text(encoding="utf-8")
    assert main(["build", "-C", str(made)]) == 0
    assert "The &#34;bridge&#34; \\ collapse" in (made / "public" / "index.html").read_text(encoding="utf-8")


def test_init_refuses_a_non_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    assert main(["init", str(tmp_path / "x")]) == 1
    assert (
        capsys.readouterr().err
        == f"{tmp_path / 'x'}: error: folder is not empty; choose a new folder [init.not-empty]\n"
    )
    assert (tmp_path / "x" / "keep.txt").read_text() == "mine"


def test_a_new_project_builds_before_any_seed_is_added(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "new")]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"created a sitegen project in {tmp_path / 'new'}",
        f"next: 1. put the story's article dumps (.txt, .md, .html) in {tmp_path / 'new' / 'seeds'}",
        f"      2. run `sitegen serve -C {tmp_path / 'new'}`: it drafts the pages into content/ and previews the site",
        f"      3. edit the drafts in {tmp_path / 'new' / 'content'}: every save shows at once in the preview",
    ]
    assert main(["build", "-C", str(tmp_path / "new")]) == 0
    assert (tmp_path / "new" / "public" / "index.html").is_file()
