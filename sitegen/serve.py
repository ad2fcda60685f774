"""Preview: build, serve the output folder, rebuild on every change and reload the open tabs.

A small adapter over livereload 2.7.1 (its ``Server`` start-up and event loop, its WebSocket
protocol handler and its ``livereload.js`` client, which swaps stylesheets without a reload).
It fixes the library's sharp edges:

- ``Server.serve()`` serves the working directory when ``root`` is not given: ``serve_site``
  always passes the absolute output folder, and the site handler refuses to start without one.
- ``LiveReloadHandler`` drops every change within 3 s of the last reload: reloads are sent
  here, after each build, to this server's own set of tabs, with no time window at all. A tab
  that connects after a reload was sent reports the build generation its page came from and
  is reloaded again if it is behind, so a quick second save is never lost.
- It injects its script only before a literal lowercase ``</head>`` and into any response
  whose type mentions html: here one snippet goes into each HTML page (``</head>`` in any
  case, else ``<body>``, else the end) and never into CSS, JS, JSON or XML.
- It runs watch tasks on its event loop: here a watcher thread polls the inputs and runs
  every build itself, one at a time, so the server keeps answering during a build.

The preview builds into the output folder the way ``sitegen build`` does (the site staged,
then swapped in), except that a save touching one page's text replaces that page's file alone
(``sitegen.quick``), and the full build it put off follows once the saves pause. So ``public/``
after a preview session is exactly what a build makes, and a request during a rebuild reads a
file of the previous or the next build, never a half-written one (each file is read through
one open handle). What is served, and how, is ``serve_files``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import stat
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from livereload import Server
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.watcher import Watcher
from tornado import web
from tornado.ioloop import IOLoop

from sitegen.config import CONFIG_FILE
from sitegen.errors import SitegenError
from sitegen.serve_files import content_type, error_page, inject, overlay, read_file, resolve, snippet

WATCHED = (CONFIG_FILE, "seeds", "content", "templates", "static")
POLL_SECONDS = 0.05
REFRESH_DELAY = 1.0  # seconds without edits before the full build that quick rebuilds put off
Report = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class BuildState:
    """The outcome of the latest build: its number, its failure if any, and the URL path the site lives under."""

    generation: int
    error: str | None
    mount: str = "/"


class SiteBuilder:
    """The one place the preview builds: incremental builds written the normal way, cache kept in memory."""

    def __init__(self, project: Path) -> None:
        from sitegen.build import Builder

        self.project = project
        self.builder = Builder(project)

    def __call__(self, changed: tuple[str, ...]) -> str:
        """Bring the output folder up to date after ``changed`` (project-relative paths); the summary line."""
        result = self.builder.rebuild([self.project / c for c in changed])
        return result.summary() + (" (search index and cards follow)" if self.builder.stale else "")

    def refresh(self) -> str | None:
        """After quick rebuilds, bring the search index and cards up to date; the summary line, or None."""
        result = self.builder.refresh()
        return None if result is None else result.summary()


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
    from sitegen.config import load_config

    try:
        return urlsplit(load_config(project).base_url).path or "/"
    except SitegenError:
        return "/"


class Preview:
    """One preview session: the build loop, the watcher thread and the tabs to reload."""

    def __init__(
        self, project: Path, out_dir: Path, report: Report, build: Callable[[tuple[str, ...]], str] | None = None
    ) -> None:
        self.project = project
        self.out_dir = out_dir
        self.report = report
        self.build = build or SiteBuilder(project)
        self.state = BuildState(0, None, mount_path(project))  # replaced whole by each build
        self.waiters: set[SitegenReloadHandler] = set()
        self.loop: IOLoop | None = None
        self.stopped = threading.Event()
        self._build_lock = threading.Lock()
        self._generation = 0
        self.refresh_at: float | None = None  # when to run the full build quick rebuilds put off

    # -- building (watcher thread, or the caller before the server starts) ----------------------

    def rebuild(self, changed: tuple[str, ...] = ()) -> BuildState:
        """Build once (never two at a time), report the result, and publish it to the open tabs."""
        with self._build_lock:
            summary, error = _attempt(lambda: self.build(changed))
            self._generation += 1
            state = BuildState(self._generation, error, mount_path(self.project))
            self.refresh_at = time.monotonic() + REFRESH_DELAY if error is None else None
            what = f" after {changed[0]} changed" if changed else ""
            if error:
                self.report(error)
                self.report(f"build failed{what}; still serving the last good build")
            else:
                self.report(f"{summary}{what}")
        self.publish(state, reload_path(changed, error is None))
        return state

    def refresh(self) -> None:
        """Once edits pause: the full build that quick rebuilds put off (search index, cards), when one is due."""
        refresh = getattr(self.build, "refresh", None)
        self.refresh_at = None
        if refresh is None:
            return
        with self._build_lock:
            summary, error = _attempt(refresh)
            if error is None:
                if summary is not None:
                    self.report(summary)
                return
            self._generation += 1
            state = BuildState(self._generation, error, mount_path(self.project))
            self.report(error)
            self.report("build failed; still serving the last good build")
        self.publish(state, "")

    def publish(self, state: BuildState, path: str) -> None:
        """Make ``state`` current at once, then tell every open tab to reload ``path`` (on the event loop).

        The state is replaced right after the files are, so a request in between is rare and harmless:
        a tab whose page came from an older build is reloaded again when it connects.
        """
        self.state = state  # one reference assignment: the event loop sees the old or the new state
        if self.loop is not None:
            self.loop.add_callback(self._broadcast, path)

    def _broadcast(self, path: str) -> None:
        message = {"command": "reload", "path": path, "liveCSS": True, "liveImg": True}
        for waiter in list(self.waiters):
            waiter.send(message)

    # -- watching ----------------------------------------------------------------------------------

    def snapshot(self) -> dict[str, tuple[int, int, int]]:
        """Relative path → (mtime_ns, size, inode) of every watched input; the output folder never.

        Plain ``os.scandir`` and string paths: it runs every 50 ms, over every input of a large site.
        """
        found: dict[str, tuple[int, int, int]] = {}
        out = self.out_dir.resolve()
        for name in WATCHED:
            top = self.project / name
            if top.resolve().is_relative_to(out):
                continue
            try:
                st = os.stat(top)  # a watched folder may itself be a link; nothing inside one is followed
            except OSError:
                continue
            if not stat.S_ISDIR(st.st_mode):
                found[name] = (st.st_mtime_ns, st.st_size, st.st_ino)
                continue
            self._scan(str(top), name, found)
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
        while not self.stopped.wait(POLL_SECONDS):
            now = self.snapshot()
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

    # -- serving -------------------------------------------------------------------------------------

    def application(self, root: Path) -> web.Application:
        """The tornado application: the live-reload socket and script, then the site from ``root``."""
        if not root.is_absolute():
            raise ValueError(f"the preview serves an absolute output folder, not {root!r}")
        self.loop = IOLoop.current()
        return web.Application(
            [
                (r"/livereload", SitegenReloadHandler, {"preview": self}),
                (r"/livereload\.js", LiveReloadJSHandler),
                (r"/.*", SiteHandler, {"preview": self, "root": root}),
            ],
            debug=False,  # tornado's debug mode restarts the process when Python files change
            compress_response=False,
        )


def reload_path(changed: tuple[str, ...], ok: bool) -> str:
    """What to tell livereload.js: the stylesheet when only CSS changed (swapped in place), else a page reload.

    livereload.js swaps a stylesheet or image in place when the path names one, so a page reload
    never names a ``.css`` or image file.
    """
    if ok and changed and all(c.startswith("static/") and c.endswith(".css") for c in changed):
        return "assets/" + changed[0].removeprefix("static/")
    pages = [c for c in changed if not re.search(r"\.(css|jpe?g|png|gif)$", c, re.IGNORECASE)]
    return pages[0] if pages else "*"


class SitegenReloadHandler(LiveReloadHandler):  # type: ignore[misc]
    """livereload's WebSocket protocol, with this preview's own set of tabs and no reload window."""

    def initialize(self, preview: Preview) -> None:
        self.preview = preview

    def send(self, message: dict[str, Any]) -> None:
        """Send one protocol message; a closed tab is forgotten."""
        try:
            self.write_message(json.dumps(message))
        except Exception:  # tornado raises WebSocketClosedError, or others on a broken socket
            self.preview.waiters.discard(self)

    def on_message(self, message: str | bytes) -> None:
        try:
            data = json.loads(message)
        except ValueError:
            return
        if not isinstance(data, dict):
            return
        command = data.get("command")
        if command == "hello":
            self.send(
                {
                    "command": "hello",
                    "protocols": ["http://livereload.com/protocols/official-7"],
                    "serverName": "sitegen",
                }
            )
        elif command in ("info", "sitegen-generation"):
            self.preview.waiters.add(self)
            behind = data.get("generation")
            if isinstance(behind, int) and behind != self.preview.state.generation:
                self.send({"command": "reload", "path": "*", "liveCSS": True, "liveImg": True})

    def on_close(self) -> None:
        self.preview.waiters.discard(self)


class SiteHandler(web.RequestHandler):
    """Files from the output folder only, with the live-reload snippet and any build error in each HTML page."""

    def initialize(self, preview: Preview, root: Path) -> None:
        self.preview = preview
        self.root = root

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def head(self) -> None:
        self.get()

    def get(self) -> None:
        state = self.preview.state
        try:
            found = resolve(self.root, state.mount, self.request.path)
        except UnicodeDecodeError:
            found = None
        if isinstance(found, str):
            self.redirect(found + (f"?{self.request.query}" if self.request.query else ""))
            return
        data = read_file(found) if found is not None else None
        if found is None or data is None:
            self.not_found(state)
            return
        self.respond(200, found.name, data, state)

    def not_found(self, state: BuildState) -> None:
        """The site's own 404 page (or, before any good build, the error page)."""
        page = read_file(self.root / "404.html")
        if page is None:
            page = error_page(state.error) if state.error else b"<!doctype html><title>Not found</title><h1>404</h1>"
            self.respond(500 if state.error else 404, "404.html", page, state, plain=state.error is not None)
            return
        self.respond(404, "404.html", page, state)

    def respond(self, status: int, name: str, data: bytes, state: BuildState, plain: bool = False) -> None:
        """Send ``data``; HTML gets the snippet, and the error box while the latest build is failing."""
        kind = content_type(name)
        if kind.startswith("text/html"):
            box = overlay(state.error) if state.error and not plain else b""
            data = inject(data, snippet(state.generation), box)
        self.set_status(status)
        self.set_header("Content-Type", kind)
        self.finish(data)  # tornado sends no body for HEAD


class SitegenServer(Server):  # type: ignore[misc]
    """livereload's Server with sitegen's application, and no logging set-up of its own."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        watcher = PreviewWatcher()
        for name in WATCHED:  # registered so livereload never falls back to watching the working directory
            watcher.watch(str(preview.project / name))
        super().__init__(watcher=watcher)

    def application(
        self, port: int, host: str, liveport: int | None = None, debug: bool | None = None, live_css: bool = True
    ) -> None:
        if self.root is None:
            raise ValueError("refusing to serve without a root: livereload would serve the working directory")
        LiveReloadHandler.watcher = self.watcher
        try:
            self.preview.application(Path(self.root)).listen(port, address=host)
        except OSError as exc:
            raise SitegenError(
                f"cannot listen on {host}:{port}: {exc.strerror}",
                None,
                "serve.listen",
                hint="pick another port with --port",
            ) from None
        self.preview.start_watching()
        where = f"http://{host}:{port}{self.preview.state.mount}"
        self.preview.report(f"serving {self.preview.project.name} at {where} (Ctrl+C to stop)")

    def _setup_logging(self) -> None:
        """Keep livereload and tornado's access log quiet; the preview reports builds itself."""
        logging.getLogger("tornado.access").setLevel(logging.CRITICAL)


class PreviewWatcher(Watcher):  # type: ignore[misc]
    """A watcher livereload never polls on its event loop: ``Preview.watch`` does the watching in a thread."""

    def start(self, callback: Callable[[], None]) -> bool:
        return True

    def examine(self) -> tuple[None, None]:
        return None, None


def serve_site(project: Path, out_dir: Path, host: str, port: int, report: Report) -> None:
    """Build, then serve ``out_dir`` on ``host:port`` and rebuild on every change until interrupted."""
    project = project.resolve()
    root = out_dir.resolve()
    preview = Preview(project, root, report)
    preview.rebuild()
    server = SitegenServer(preview)
    try:
        server.serve(port=port, host=host, root=str(root), debug=False, restart_delay=0, live_css=True)
    finally:
        preview.stopped.set()
