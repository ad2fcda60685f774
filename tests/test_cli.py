"""sitegen/cli.py: a thin layer that prints and picks exit codes: 0 done, 1 a user's mistake, 2 a usage
error, 130 interrupted; a traceback only with --debug."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen import cli
from sitegen.errors import Location, SitegenError
from tests.conftest import MakeSite


def test_a_build_prints_one_summary_line_and_the_seed_warnings(
    make_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_site({"seeds/photo.jpg": b"\xff\xd8", "content/index.md": "# Home\n"})
    assert cli.main(["build", "-C", str(project)]) == 0
    out, err = capsys.readouterr()
    assert re.fullmatch(r"built 4 pages from 1 sources in \d+\.\d\d s\n", out), out
    assert err.splitlines()[0] == "seeds/photo.jpg: warning: not an article dump, skipped [seeds.skipped]"


def test_a_users_mistake_is_one_located_line_and_exit_1(
    make_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_site({"content/index.md": "---\ntitle: [x\n---\n"})
    assert cli.main(["build", "-C", str(project)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert (
        err == "content/index.md:2:10: error: invalid YAML: expected ',' or ']', but got '<stream end>' [yaml.syntax]\n"
    )


def test_debug_shows_the_traceback_after_the_message(make_site: MakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_site({"content/index.md": "---\ntitle: [x\n---\n"})
    with pytest.raises(SitegenError):
        cli.main(["build", "-C", str(project), "--debug"])
    assert capsys.readouterr().err.startswith("content/index.md:2:10: error: invalid YAML")


@pytest.mark.parametrize("argv", [[], ["build", "--no-such-option"], ["frobnicate"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = cli.main(argv)
    except SystemExit as exit_:  # argparse's own way out
        code = int(exit_.code or 0)
    assert code == 2
    assert "usage: sitegen" in capsys.readouterr()[0 if not argv else 1]


def test_ctrl_c_is_exit_130_and_one_word(
    make_site: MakeSite, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("sitegen.build.build", interrupted)
    assert cli.main(["build", "-C", str(make_site())]) == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_check_lists_every_problem_then_a_count(
    make_site: MakeSite, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    found = [SitegenError("one", Location("a.md"), "x"), SitegenError("two", Location("b.md"), "y")]
    monkeypatch.setattr("sitegen.check.check_site", lambda site, outputs: found)
    assert cli.main(["check", "-C", str(make_site())]) == 1
    assert capsys.readouterr().err == "a.md: error: one [x]\nb.md: error: two [y]\n2 problems found\n"


def test_every_command_takes_the_project_folder_and_debug() -> None:
    parser = cli.make_parser()
    for command in ("build", "serve", "check", "ingest", "curate"):
        args = parser.parse_args([command, "-C", "story", "--debug"])
        assert (args.project, args.debug) == (Path("story"), True)
