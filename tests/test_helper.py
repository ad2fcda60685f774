"""The helper process of a cold build: it only saves time, so the site is the same with it, without it,
and when it fails; it never keeps the build lock and never outlives the build.

Each scenario runs in a fresh interpreter, as ``sitegen build`` does: the helper is not forked from a
process that runs other threads (this test session's preview servers, for one).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from sitegen.build import build
from sitegen.helper import Helper
from sitegen.render import Renderer
from tests.conftest import REPO, tree_digest
from tests.test_build import copy_default_project

pytestmark = pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="the helper needs a second core")

DRIVER = """
import json, os, signal, sys
from pathlib import Path
from sitegen import helper as h
from sitegen.build import build
from sitegen.incremental import CachedRenderer
from sitegen.output import build_lock

project, mode = Path(sys.argv[1]), sys.argv[2]
seen = {"fields": [], "compiled": 0, "cards": None}
real_learn, real_cards = CachedRenderer.learn, h.Helper.cards

def learn(self, compiled, fields):
    seen.update(compiled=len(compiled), fields=sorted(fields))
    real_learn(self, compiled, fields)

def cards(self, pages, base_url):
    got = real_cards(self, pages, base_url)
    seen["cards"] = None if got is None else sorted(c.path for each in got for c in each)
    return got

def dies(project, out, inp, build_pid):
    raise RuntimeError("helper failed")

def talks_nonsense(project, out, inp, build_pid):
    h._write(out, "not templates")
    h._read(inp, parent=build_pid)
    h._write(out, ["not", "cards"])

CachedRenderer.learn, h.Helper.cards = learn, cards
if mode == "dies":
    h._serve = dies
elif mode == "talks nonsense":
    h._serve = talks_nonsense
if mode == "lock":
    with build_lock(project):
        helper = h.Helper.start(project)
    helper.templates()  # it has shut every descriptor of the build's before it answers
    seen["running"] = os.waitpid(helper.pid, os.WNOHANG) == (0, 0)
    with build_lock(project):  # a second build is not told another one is running
        seen["locked"] = False
    helper.close()
elif mode == "killed":
    helper = h.Helper.start(project)
    print(json.dumps({"pid": helper.pid}), flush=True)
    helper.templates()
    os.kill(os.getpid(), signal.SIGKILL)
else:
    build(project)
print(json.dumps(seen))
"""


def _drive(project: Path, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", DRIVER, str(project), mode], cwd=REPO, capture_output=True, text=True, timeout=120
    )


def _seen(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert proc.returncode == 0, proc.stderr
    seen: dict[str, Any] = json.loads(proc.stdout.splitlines()[-1])
    return seen


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The default site built without a helper."""
    project = copy_default_project(tmp_path_factory.mktemp("reference") / "p")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Helper, "start", classmethod(lambda cls, project: None))
        build(project)
    return tree_digest(project / "public")


def test_a_cold_build_takes_the_helpers_templates_and_cards_and_makes_the_same_site(
    tmp_path: Path, reference: dict[str, str]
) -> None:
    project = copy_default_project(tmp_path / "p")
    seen = _seen(_drive(project, "build"))
    assert tree_digest(project / "public") == reference
    assert seen["fields"] == sorted(Renderer.TEMPLATES)
    assert seen["compiled"] > len(Renderer.TEMPLATES)  # base.html and the partials too
    assert seen["cards"] == sorted(
        p.relative_to(project / "public").as_posix() for p in (project / "public").rglob("card.png")
    )

    page = project / "content" / "background.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    seen = _seen(_drive(project, "build"))
    assert seen["fields"] == [] and seen["cards"] is None  # templates in the cache: no helper


@pytest.mark.parametrize("failure", ["dies", "talks nonsense"])
def test_a_helper_that_fails_changes_nothing(tmp_path: Path, reference: dict[str, str], failure: str) -> None:
    project = copy_default_project(tmp_path / "p")
    seen = _seen(_drive(project, failure))
    assert seen["fields"] == [] and seen["cards"] is None  # nothing taken from it: the build did it all
    assert tree_digest(project / "public") == reference


def test_a_broken_template_is_reported_the_same_with_the_helper(tmp_path: Path) -> None:
    errors = []
    for cores in ({0, 1}, {0}):  # one core: no helper
        project = copy_default_project(tmp_path / str(len(cores)))
        (project / "templates" / "page.html").write_text(
            '{% extends "base.html" %}\n{% block content %}\n{% if %}\n{% endblock %}\n', encoding="utf-8"
        )
        proc = subprocess.run(
            [sys.executable, "-m", "sitegen", "build"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=lambda cores=cores: os.sched_setaffinity(0, cores),  # type: ignore[misc]
        )
        assert proc.returncode == 1
        assert not (project / "public").exists()
        errors.append(proc.stderr)
    assert errors[0] == errors[1]
    assert "templates/page.html:3" in errors[0]


def test_the_helper_never_holds_the_build_lock(tmp_path: Path) -> None:
    seen = _seen(_drive(copy_default_project(tmp_path / "p"), "lock"))
    assert seen["running"] is True and seen["locked"] is False


def test_the_helper_ends_when_the_build_is_killed(tmp_path: Path) -> None:
    proc = _drive(copy_default_project(tmp_path / "p"), "killed")
    assert proc.returncode == -signal.SIGKILL
    pid = json.loads(proc.stdout.splitlines()[0])["pid"]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.05)
    assert not _running(pid)


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie nobody has reaped yet counts as ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
