"""Faults mid-build never lose the site (cases 26–28 of the bad-input table).

A crash, SIGKILL, Ctrl-C, a full disk, a read-only folder or an unreadable input
leaves the previous ``public/`` byte-identical; the next build cleans up whatever a
killed build left; two builds at once cannot corrupt the output.
"""

from __future__ import annotations

import builtins
import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen import output, render
from sitegen.errors import SitegenError
from sitegen.output import build_lock
from tests.conftest import tree_digest, write_files
from tests.invariants import (
    Result,
    build_inproc,
    build_subprocess,
    html_of,
    remember_tmp_path_factory,  # noqa: F401 (an autouse fixture)
    session_dir,
    subprocess_env,
)
from tests.test_bad_input import BACKGROUND, page, project_with
from tests.test_bad_input import build_fresh as built

TEN_PAGES: dict[str, str | bytes] = {
    f"content/p{i:02}.md": page(f"title: Part {i}\norder: {i}\n", f"Part {i} [@bridge ¶1].\n") for i in range(1, 11)
}


def retitle(project: Path, title: str) -> None:
    """Change the site title, so every page of the next build differs from the last."""
    (project / "site.yaml").write_text(f"title: {title}\nbase_url: /\n", encoding="utf-8")


def no_leftovers(project: Path) -> list[str]:
    """Staging or swapped-out folders beside the output."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith(("public.staging-", "public.old-")))


# ---------------------------------------------------------------- case 26: crashes


def test_exception_while_rendering_page_3_of_10(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug (not a user error) in the middle of rendering: it propagates, and public/ is untouched."""
    project, _ = built(tmp_path, TEN_PAGES)
    before = tree_digest(project / "public")
    retitle(project, "Renamed")
    rendered: list[str] = []
    real = render.render_job

    def flaky(job: render.Job, *args: object) -> object:
        if job.origin.startswith("content/p"):
            rendered.append(job.origin)
            if len(rendered) == 3:
                raise RuntimeError("injected fault while rendering")
        return real(job, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "render_job", flaky)
    with pytest.raises(RuntimeError, match="injected fault"):
        build_inproc(project)
    assert len(rendered) == 3
    assert tree_digest(project / "public") == before
    assert no_leftovers(project) == []
    monkeypatch.undo()
    assert build_inproc(project).code == 0
    assert "Renamed" in html_of(project / "public", "p05/index.html")


def test_exception_while_writing_file_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash among the writes: the staging folder goes, public/ stays as it was."""
    project, _ = built(tmp_path, TEN_PAGES)
    before = tree_digest(project / "public")
    retitle(project, "Renamed")
    written: list[Path] = []
    real = output.write_new

    def flaky(target: Path, data: bytes) -> None:
        written.append(target)
        if len(written) == 3:
            raise RuntimeError("injected fault while writing")
        real(target, data)

    monkeypatch.setattr(output, "write_new", flaky)
    with pytest.raises(RuntimeError, match="injected fault"):
        build_inproc(project)
    assert len(written) == 3
    assert tree_digest(project / "public") == before
    assert no_leftovers(project) == []


BULK = 2000
_BIG: list[Path] = []


def big_project(tmp_path: Path) -> Path:
    """A built project whose write phase is long (2000 static files to copy into public/assets/), copied from
    one built once per session."""
    if not _BIG:
        bulk: dict[str, str | bytes] = {f"static/bulk/f{i:04}.txt": f"{i}\n" + "x" * 2000 for i in range(BULK)}
        _BIG.append(project_with(session_dir("big"), bulk))
        assert build_inproc(_BIG[0]).code == 0
    project = tmp_path / "site"
    shutil.copytree(_BIG[0], project, symlinks=True)
    return project


def _ctrl_c_as_on_a_terminal() -> None:
    """Ctrl-C stops the build as it does in a terminal, even when these tests run in a background job (whose
    children inherit SIGINT ignored, and Python then never raises KeyboardInterrupt)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def mid_write(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str], subprocess.Popen[bytes], Path]]:
    """A subprocess build caught while it writes its staging folder (stopped with SIGSTOP).

    Yields (project, tree of public/ before the build, the process, its staging folder).
    """
    project = big_project(tmp_path)
    proc: subprocess.Popen[bytes] | None = None
    for attempt in range(5):
        write_files(project, {"content/background.md": BACKGROUND.replace("Background", f"Background {attempt}")})
        before = tree_digest(project / "public")
        folder = (project / "public").stat().st_ino
        proc = subprocess.Popen(
            [sys.executable, "-m", "sitegen", "build", "-C", str(project)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=subprocess_env(),
            preexec_fn=_ctrl_c_as_on_a_terminal,
        )
        staging = project / f"public.staging-{proc.pid}"
        bulk = staging / "assets" / "bulk"
        while proc.poll() is None:
            try:
                if sum(1 for _ in os.scandir(bulk)) >= 50:
                    os.kill(proc.pid, signal.SIGSTOP)
                    break
            except FileNotFoundError:
                continue
        if proc.poll() is None and (project / "public").stat().st_ino != folder:
            # stopped just after the swap, while the old site (under the staging name) was being removed
            os.kill(proc.pid, signal.SIGCONT)
            proc.wait()
            continue
        if proc.poll() is None:
            yield project, before, proc, staging
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            return
        proc.wait()  # finished before we saw it writing: try again
    pytest.fail("could not catch a build while it was writing")


def test_sigkill_while_writing_keeps_the_old_site(
    mid_write: tuple[Path, dict[str, str], subprocess.Popen[bytes], Path],
) -> None:
    """Case 26: SIGKILL mid-write; public/ is byte-identical and the next build removes the orphaned staging."""
    project, before, proc, staging = mid_write
    assert staging.is_dir() and tree_digest(project / "public") == before  # half-written, never served
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert tree_digest(project / "public") == before
    assert staging.is_dir()  # the kill landed mid-write: its leftovers are still there
    again = build_subprocess(project)
    assert again.code == 0, again.err
    assert no_leftovers(project) == []
    assert "<h1>Background " in html_of(project / "public", "background/index.html")


def test_ctrl_c_while_writing_cleans_up_and_keeps_the_old_site(
    mid_write: tuple[Path, dict[str, str], subprocess.Popen[bytes], Path],
) -> None:
    """Case 26: SIGINT mid-write: exit 130, 'interrupted', staging removed, old site intact."""
    project, before, proc, _ = mid_write
    os.kill(proc.pid, signal.SIGINT)
    os.kill(proc.pid, signal.SIGCONT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()[-2000:]
    assert err.decode().strip().endswith("interrupted")
    assert "Traceback" not in err.decode()
    assert tree_digest(project / "public") == before
    assert no_leftovers(project) == []


def test_a_stopped_build_resumes_and_swaps_in_whole(
    mid_write: tuple[Path, dict[str, str], subprocess.Popen[bytes], Path],
) -> None:
    """While a build is paused mid-write the old site is what public/ holds; resumed, it swaps in at once."""
    project, before, proc, _ = mid_write
    time.sleep(0.2)
    assert tree_digest(project / "public") == before
    os.kill(proc.pid, signal.SIGCONT)
    assert proc.wait(timeout=120) == 0
    assert tree_digest(project / "public") != before
    assert len(list((project / "public/assets/bulk").iterdir())) == BULK
    assert no_leftovers(project) == []


def test_next_build_restores_a_site_lost_between_the_two_renames(tmp_path: Path) -> None:
    """Where the atomic exchange is unavailable, a kill between 'public → public.old-N' and the second rename
    leaves no public/; the next build puts the old site back before anything else."""
    project, _ = built(tmp_path)
    before = tree_digest(project / "public")
    (project / "public").rename(project / "public.old-99999")
    write_files(project, {f"public.staging-99999/{output.MARKER}": output.SIGNATURE})  # as a killed build left it
    warnings: list[SitegenError] = []
    output.clean_leftovers(project / "public", warnings)
    assert tree_digest(project / "public") == before
    assert no_leftovers(project) == [] and warnings == []


def test_a_copied_project_builds_its_own_output(tmp_path: Path) -> None:
    """A project copied without its output builds the same site, byte for byte, into its own folder."""
    project, _ = built(tmp_path)
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, symlinks=True, ignore=shutil.ignore_patterns("public"))
    result = build_subprocess(copy)
    assert result.code == 0, result.err
    assert tree_digest(copy / "public") == tree_digest(project / "public")


# ---------------------------------------------------------------- case 27: I/O faults


def test_disk_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ENOSPC while writing: a located message, public/ byte-identical, no staging left."""
    project, inv = built(tmp_path, TEN_PAGES)
    retitle(project, "Renamed")
    real_write = os.write
    budget = [2000]

    def full_disk(fd: int, data: bytes) -> int:
        if fd > 2:
            if budget[0] <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            budget[0] -= len(data)
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    inv.expect_failure(
        "public: error: cannot write: [Errno 28] No space left on device [output.io]",
        "hint: the previous public/ is unchanged",
        offender="public",
    )
    monkeypatch.undo()
    assert build_inproc(project).code == 0


def _as_if_unprivileged(monkeypatch: pytest.MonkeyPatch, denied: Path, what: str) -> None:
    """Root ignores permission bits; make the calls fail the way they do for every other user."""
    if os.geteuid() != 0:
        return
    if what == "mkdir":
        real_mkdir = os.mkdir

        def mkdir(path: object, *args: object, **kwargs: object) -> None:
            if Path(str(path)).parent == denied:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            real_mkdir(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "mkdir", mkdir)
        return
    real_open = os.open
    real_read_bytes = Path.read_bytes

    def open_(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    def read_bytes(self: Path) -> bytes:
        if self == denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_read_bytes(self)

    def builtin_open(file: object, *args: object, **kwargs: object) -> object:
        if isinstance(file, (str, Path)) and Path(file) == denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_builtin_open(file, *args, **kwargs)  # type: ignore[call-overload]

    real_builtin_open = builtins.open
    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(builtins, "open", builtin_open)


def test_read_only_project_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No staging folder can be made beside public/: a located error, the old site intact."""
    project, inv = built(tmp_path)
    retitle(project, "Renamed")
    project.chmod(0o555)
    _as_if_unprivileged(monkeypatch, project, "mkdir")
    try:
        inv.expect_failure("public: error: cannot write: [Errno 13] Permission denied [output.io]", offender="public")
    finally:
        project.chmod(0o755)


def test_permission_denied_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unreadable seed is a located error, never a traceback."""
    project, inv = built(tmp_path)
    seed = project / "seeds" / "bridge.txt"
    seed.chmod(0)
    _as_if_unprivileged(monkeypatch, seed, "open")
    try:
        inv.expect_failure(
            "seeds/bridge.txt: error: cannot read: Permission denied [input.unreadable]", offender="seeds/bridge.txt"
        )
    finally:
        seed.chmod(0o644)


def test_fifos_in_the_inputs_do_not_hang_the_build(tmp_path: Path) -> None:
    """Named pipes with a seed's or a page's name are skipped, never opened (which would block forever)."""
    project = project_with(tmp_path)
    os.mkfifo(project / "seeds" / "pipe.txt")
    os.mkfifo(project / "content" / "pipe.md")
    result = build_subprocess(project, timeout=60)
    assert result.code == 0, result.err
    assert not (project / "public" / "pipe").exists()


# ---------------------------------------------------------------- case 28: concurrent builds


def test_second_build_fails_fast_naming_the_lock_holder(tmp_path: Path) -> None:
    """While one build holds the lock, another exits 1 at once naming it, and changes nothing."""
    project, inv = built(tmp_path)
    retitle(project, "Renamed")
    with build_lock(project):
        inv.expect_failure(
            f".sitegen.lock: error: another build is running (pid {os.getpid()}) [build.locked]",
            offender=".sitegen.lock",
            run=lambda p: build_subprocess(p),
        )
    assert build_subprocess(project).code == 0


def test_two_builds_at_once_end_in_one_clean_site(tmp_path: Path) -> None:
    """Two real builds started together: each succeeds or fails on the lock; the result equals a lone build."""
    project, _ = built(tmp_path, TEN_PAGES)
    retitle(project, "Renamed")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "sitegen", "build", "-C", str(project)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=subprocess_env(),
        )
        for _ in range(2)
    ]
    results = [
        Result(p.wait(timeout=300), p.stdout.read().decode(), p.stderr.read().decode())  # type: ignore[union-attr]
        for p in procs
    ]
    for r in results:
        assert r.code == 0 or (r.code == 1 and "another build is running (pid " in r.err), r.err
        assert "Traceback" not in r.err
    assert any(r.code == 0 for r in results)
    assert no_leftovers(project) == []
    alone = tmp_path / "alone"
    shutil.copytree(project, alone, ignore=shutil.ignore_patterns("public", ".sitegen.lock"))
    assert build_inproc(alone).code == 0
    assert tree_digest(project / "public") == tree_digest(alone / "public")
