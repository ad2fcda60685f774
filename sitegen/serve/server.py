"""The preview's web server: a small adapter over livereload 2.7.1 and tornado that fixes their sharp edges.

- ``Server.serve()`` serves the working directory when ``root`` is not given: ``serve_site`` always passes
  the absolute output folder, and the site handler refuses to start without one.
- ``LiveReloadHandler`` drops every change within 3 s of the last reload: reloads are sent here, after each
  build, to this server's own set of tabs, with no time window at all. A tab that connects after a reload
  was sent reports the build its page came from and is reloaded again if it is behind, so a quick second
  save is never lost.
- It injects its script only before a literal lowercase ``</head>`` and into any response whose type
  mentions html: here one snippet goes into each HTML page (``</head>`` in any case, else ``<body>``, else
  the end) and never into CSS, JS, JSON or XML.
- It runs watch tasks on its event loop: here a watcher thread polls the inputs and runs every build itself,
  one at a time, so the server keeps answering during a build.

What is served, and how, is :mod:`sitegen.serve.files`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from livereload import Server
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.watcher import Watcher
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.netutil import bind_sockets

from sitegen.config import load_config
from sitegen.errors import SitegenError
from sitegen.serve.files import content_type, error_page, inject, overlay, read_file, resolve, snippet, trusted_host
from sitegen.serve.preview import WATCHED, BuildState, Preview, Report

PROTOCOL = "http://livereload.com/protocols/official-7"  # what livereload.js speaks


class Tabs:
    """The open tabs of one preview, told to reload on the server's event loop."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self.waiters: set[SitegenReloadHandler] = set()
        self.loop = IOLoop.current()
        preview.tell = lambda path: self.loop.add_callback(self.broadcast, path)

    def broadcast(self, path: str) -> None:
        """Tell every open tab to reload ``path`` (livereload.js swaps a stylesheet in place)."""
        message = {"command": "reload", "path": path, "liveCSS": True, "liveImg": True}
        for waiter in list(self.waiters):
            waiter.send(message)


def application(preview: Preview, root: Path, host: str = "127.0.0.1") -> web.Application:
    """The tornado application: the live-reload socket and script, then the site from ``root``; every request
    must name this machine or ``host`` (the address it listens on) in its ``Host``."""
    if not root.is_absolute():
        raise ValueError(f"the preview serves an absolute output folder, not {root!r}")
    tabs = Tabs(preview)
    return web.Application(
        [
            (r"/livereload", SitegenReloadHandler, {"tabs": tabs}),
            (r"/livereload\.js", LiveReloadJSHandler),
            (r"/.*", SiteHandler, {"preview": preview, "root": root}),
        ],
        debug=False,  # tornado's debug mode restarts the process when Python files change
        compress_response=False,
        tabs=tabs,
        sitegen_host=host,
    )


def refuse_other_hosts(handler: web.RequestHandler) -> None:
    """403 for a request whose ``Host`` is some other site's name (a page using DNS rebinding)."""
    if not trusted_host(handler.request.headers.get("Host"), handler.settings["sitegen_host"]):
        raise web.HTTPError(403, "the preview answers only to localhost, IP addresses and its --host")


class SitegenReloadHandler(LiveReloadHandler):  # type: ignore[misc]
    """livereload's WebSocket protocol, with this preview's own set of tabs and no reload window."""

    def initialize(self, tabs: Tabs) -> None:
        self.tabs = tabs

    def prepare(self) -> None:
        refuse_other_hosts(self)

    def check_origin(self, origin: str) -> bool:
        """Only the preview's own pages may connect: another site's page could watch which files are edited."""
        host: str = self.request.headers.get("Host", "")
        return urlsplit(origin).netloc.lower() == host.lower()

    def send(self, message: dict[str, Any]) -> None:
        """Send one protocol message; a closed tab is forgotten."""
        try:
            self.write_message(json.dumps(message))
        except Exception:  # tornado raises WebSocketClosedError, or others on a broken socket
            self.tabs.waiters.discard(self)

    def on_message(self, message: str | bytes) -> None:
        try:
            data = json.loads(message)
        except ValueError:
            return
        if not isinstance(data, dict):
            return
        command = data.get("command")
        if command == "hello":
            self.send({"command": "hello", "protocols": [PROTOCOL], "serverName": "sitegen"})
        elif command in ("info", "sitegen-generation"):
            self.tabs.waiters.add(self)
            behind = data.get("generation")
            if isinstance(behind, int) and behind != self.tabs.preview.state.generation:
                self.send({"command": "reload", "path": "*", "liveCSS": True, "liveImg": True})

    def on_close(self) -> None:
        self.tabs.waiters.discard(self)


class SiteHandler(web.RequestHandler):
    """Files from the output folder only, with the live-reload snippet and any build error in each HTML page."""

    def initialize(self, preview: Preview, root: Path) -> None:
        self.preview = preview
        self.root = root

    def prepare(self) -> None:
        refuse_other_hosts(self)

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
        if found is None or (data := read_file(found)) is None:
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
        shown = f"[{host}]" if ":" in host else host  # an IPv6 address, as a URL writes it
        try:
            sockets = bind_sockets(port, address=host)
        except OSError as exc:
            hint = "pick another port with --port"
            raise SitegenError(f"cannot listen on {shown}:{port}: {exc.strerror}", None, "serve.listen", hint) from None
        HTTPServer(application(self.preview, Path(self.root), host)).add_sockets(sockets)
        self.preview.start_watching()
        where = f"http://{shown}:{sockets[0].getsockname()[1]}{self.preview.state.mount}"  # the real port, for 0
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


def serve_site(project: Path, host: str, port: int, report: Report, draft: bool = True) -> None:
    """Build (drafting what content/ lacks, when ``draft``), then serve the output folder on ``host:port`` and
    rebuild on every change until interrupted."""
    project = project.resolve()
    root = (project / load_config(project).output_dir).resolve()
    preview = Preview(project, root, report, draft=draft)
    preview.rebuild()
    server = SitegenServer(preview)
    try:
        server.serve(port=port, host=host, root=str(root), debug=False, restart_delay=0, live_css=True)
    finally:
        preview.stopped.set()
