"""The preview's build loop: build, watch the inputs, rebuild on every change, tell the open tabs.

A rebuild is an ordinary build (the site staged, then swapped in whole) with the preview's memo, so only what
an edit changed is made again; a request during a rebuild reads a file of the previous or the next build,
never a half-written one. A save does not wait for the search index: the last one is written again, and the
index catches up in a build once the saves pause. A failed build is printed, shown in every open page, and
the last good site is kept. The HTTP side is :mod:`sitegen.serve.server`.
"""

from __future__ import annotations

import os
import re
import stat
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sitegen.build import build
from sitegen.config import CONFIG_FILE, INPUT_DIRS, load_config
from sitegen.errors import SitegenError
from sitegen.speed import Memo

WATCHED = (CONFIG_FILE, *INPUT_DIRS)
POLL_SECONDS = 0.02  # between looks at the inputs; longer when a look takes long (a look costs a tenth at most)
REFRESH_DELAY = 2.0  # seconds without saves before the search index catches up (it takes ~1 s at 200 sources)
Report = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class BuildState:
    """The outcome of the latest build: its number, its failure if any, and the URL path the site lives under."""

    generation: int
    error: str | None
    mount: str = "/"


class SiteBuilder:
    """The preview's builds: ordinary builds with a memo kept for the whole session. The first build, and a build
    after ``seeds/`` changed, draft the files content/ lacks (``draft``); an editor's save never does."""

    def __init__(self, project: Path, draft: bool = True) -> None:
        self.project = project
        self.memo = Memo()
        self.draft = draft

    def __call__(self, changed: tuple[str, ...]) -> str:
        """Bring the output folder up to date; after an edit, without waiting for a new search index."""
        seeds = any(c.startswith("seeds/") for c in changed)
        draft = self.draft and (seeds or not changed)
        result = build(self.project, memo=self.memo, fresh_search=not changed, draft=draft)
        lines = [*result.drafted, *(w.format("warning") for w in result.warnings), result.summary()]
        if seeds and not result.drafted:  # the pages already drafted are the editor's now: say how to redraft
            lines.insert(0, "seeds/ changed: `sitegen curate` redrafts the pages in content/ you have not edited")
        return "\n".join(lines) + (" (search index follows)" if self.memo.stale_search else "")

    def refresh(self) -> str | None:
        """Once the saves pause: the search index the last builds put off, when one did."""
        if not self.memo.stale_search:
            return None
        return build(self.project, memo=self.memo).summary()


def _attempt(step: Callable[[], str | None]) -> tuple[str | None, str | None]:
    """``step()``'s summary and None, or None and the error to show. A bug must not stop the preview:
    it is shown like a build error."""
    try:
        return step(), None
    except SitegenError as exc:
        return None, exc.format()
    except Exception:
        return None, "internal error (please report it):\n" + traceback.format_exc()


def mount_path(project: Path) -> str:
    """The URL path the site is served under: the path part of ``base_url`` (``/`` when it cannot be read)."""
    try:
        return urlsplit(load_config(project).base_url).path or "/"
    except SitegenError:
        return "/"


class Preview:
    """One preview session: the build loop, the watcher thread and the tabs to reload."""

    def __init__(
        self,
        project: Path,
        out_dir: Path,
        report: Report,
        build: Callable[[tuple[str, ...]], str] | None = None,
        catch_up: Callable[[], str | None] | None = None,
        draft: bool = True,
    ) -> None:
        """``build(changed)`` brings the output folder up to date and answers its summary line; ``catch_up()``
        runs once the saves pause (its summary, or None when nothing lagged). Both default to SiteBuilder's (which
        drafts what content/ lacks when ``draft``)."""
        if build is None:
            builder = SiteBuilder(project, draft)
            build, catch_up = builder, builder.refresh
        self.project = project
        self.out_dir = out_dir
        self.report = report
        self.build = build
        self.catch_up = catch_up or (lambda: None)
        self.state = BuildState(0, None, mount_path(project))  # replaced whole by each build
        self.tell: Callable[[str], None] = lambda path: None  # the server's: tell every open tab to reload path
        self.stopped = threading.Event()
        self._build_lock = threading.Lock()
        self._generation = 0
        self.refresh_at: float | None = None  # when to run the build that brings the search index up to date

    def rebuild(self, changed: tuple[str, ...] = ()) -> BuildState:
        """Build once (never two at a time), report the result, and publish it to the open tabs."""
        return self._run(lambda: self.build(changed), changed)

    def refresh(self) -> None:
        """Once edits pause: the build that brings the search index up to date, when one is due (the open tabs
        hear of it only when it fails)."""
        self.refresh_at = None
        self._run(self.catch_up, None)

    def _run(self, step: Callable[[], str | None], changed: tuple[str, ...] | None) -> BuildState:
        """Run one build step and report it; a new state for the open tabs after an edit's build (``changed``),
        or after a failed catch-up build (``changed`` None)."""
        with self._build_lock:
            summary, error = _attempt(step)
            if changed is None and error is None:
                if summary is not None:
                    self.report(summary)
                return self.state
            self._generation += 1
            state = BuildState(self._generation, error, mount_path(self.project))
            if changed is not None:
                self.refresh_at = time.monotonic() + REFRESH_DELAY if error is None else None
            what = f" after {changed[0]} changed" if changed else ""
            self.report(error or f"{summary}{what}")
            if error:
                self.report(f"build failed{what}; still serving the last good build")
        self.publish(state, "" if changed is None else reload_path(changed, error is None))
        return state

    def publish(self, state: BuildState, path: str) -> None:
        """Make ``state`` current at once, then tell every open tab to reload ``path``.

        The state is replaced right after the files are, so a request in between is rare and harmless:
        a tab whose page came from an older build is reloaded again when it connects.
        """
        self.state = state  # one reference assignment: the event loop sees the old or the new state
        self.tell(path)

    def snapshot(self) -> dict[str, tuple[int, int, int]]:
        """Relative path → (mtime_ns, size, inode) of every watched input; the output folder never.

        Plain ``os.scandir`` and string paths: it runs every 50 ms, over every input of a large site.
        """
        found: dict[str, tuple[int, int, int]] = {}
        for name in WATCHED:
            try:
                st = os.lstat(self.project / name)  # a link is watched as one, never followed (the build refuses it)
            except OSError:
                continue
            if stat.S_ISDIR(st.st_mode):
                self._scan(str(self.project / name), name, found)
            else:
                found[name] = (st.st_mtime_ns, st.st_size, st.st_ino)
        return found

    def _scan(self, folder: str, rel: str, found: dict[str, tuple[int, int, int]]) -> None:
        """Add every file under ``folder`` (shown as ``rel``) to ``found``; symlinked folders are not followed."""
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name.endswith("~"):
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISDIR(st.st_mode):
                self._scan(entry.path, f"{rel}/{name}", found)
            else:
                found[f"{rel}/{name}"] = (st.st_mtime_ns, st.st_size, st.st_ino)

    def watch(self) -> None:
        """Poll the inputs until stopped; rebuild after every change, including changes made during a build."""
        last = self.snapshot()
        pause = POLL_SECONDS
        while not self.stopped.wait(pause):
            looked = time.monotonic()
            now = self.snapshot()
            pause = max(POLL_SECONDS, 10 * (time.monotonic() - looked))
            if now == last:
                if self.refresh_at is not None and time.monotonic() >= self.refresh_at:
                    self.refresh()
                continue
            changed = tuple(sorted(k for k in now.keys() | last.keys() if now.get(k) != last.get(k)))
            last = now
            self.rebuild(changed)

    def start_watching(self) -> threading.Thread:
        """Run ``watch`` in a daemon thread."""
        thread = threading.Thread(target=self.watch, name="sitegen-watch", daemon=True)
        thread.start()
        return thread


def reload_path(changed: tuple[str, ...], ok: bool) -> str:
    """What to tell livereload.js: the stylesheet when only CSS changed (swapped in place), else a page reload.

    livereload.js swaps a stylesheet or image in place when the path names one, so a page reload
    never names a ``.css`` or image file.
    """
    if ok and changed and all(c.startswith("static/") and c.endswith(".css") for c in changed):
        return "assets/" + changed[0].removeprefix("static/")
    pages = [c for c in changed if not re.search(r"\.(css|jpe?g|png|gif)$", c, re.IGNORECASE)]
    return pages[0] if pages else "*"
