"""sitegen serve: containment, one injected snippet per HTML page, no lost reloads, builds off the event loop."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import livereload
import pytest
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.testing import bind_unused_port
from tornado.websocket import websocket_connect

from sitegen.cli import main, make_parser
from sitegen.errors import SitegenError
from sitegen.serve import server as serve_server
from sitegen.serve.preview import Preview, reload_path
from tests.conftest import MINIMAL_SEED, REPO, MakeSite

PAGE = """\
---
title: About the bridge
summary: What the new bridge changes.
---
The bridge FIRST-VERSION opened on Monday.

## Who uses it
About 40,000 people a day.
"""
MARK = b"data-sitegen-livereload"
BAD_FRONT_MATTER = "---\ntitle: About the bridge\nsummary: [unclosed\n---\nBody <b>&</b>\n"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class ServerProcess:
    """A ``sitegen serve`` subprocess and everything it printed."""

    def __init__(self, proc: subprocess.Popen[str], port: int) -> None:
        self.proc = proc
        self.port = port
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def get(self, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
        """One raw request: ``path`` is sent exactly as given, never normalised."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", f"127.0.0.1:{self.port}")
            conn.endheaders()
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        finally:
            conn.close()

    def wait_for(self, predicate: Callable[[], bool], what: str, timeout: float = 20) -> None:
        """Poll ``predicate`` until true, failing with the server's output."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        pytest.fail(f"timed out waiting for {what}; server output:\n{self.output}")


@contextmanager
def sitegen_serve(project: Path, *extra: str) -> Iterator[ServerProcess]:
    """Run ``sitegen serve`` on a free port in ``project`` until the block ends."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "serve", "-C", str(project), "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=project,
    )
    server = ServerProcess(proc, port)

    def up() -> bool:
        try:
            return server.get("/")[0] in (200, 404, 500)
        except OSError:
            return False

    try:
        server.wait_for(up, "the server to answer")
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# -- livereload's serve() never gets root=None (BAD-INPUT 32) ------------------------------------


def test_serve_always_passes_the_absolute_output_folder_as_root(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_site({"content/index.md": PAGE})
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(livereload.Server, "serve", lambda self, **kw: calls.append(kw))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # livereload's own default would serve this folder

    assert main(["serve", "-C", os.path.relpath(project, elsewhere), "--port", "8765"]) == 0

    assert len(calls) == 1
    root = calls[0]["root"]
    assert root is not None
    assert root == str(project.resolve() / "public")
    assert Path(root).is_absolute()
    assert calls[0]["host"] == "127.0.0.1"
    assert calls[0]["debug"] is False  # tornado's debug mode would restart on Python file changes


def test_the_server_refuses_to_start_without_a_root(make_site: MakeSite) -> None:
    project = make_site()
    server = serve_server.SitegenServer(Preview(project, project / "public", lambda line: None))
    with pytest.raises(ValueError, match="without a root"):
        server.application(0, "127.0.0.1")


def test_serve_binds_localhost_unless_told_otherwise() -> None:
    args = make_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    args = make_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9000"])
    assert (args.host, args.port) == ("0.0.0.0", 9000)


# -- containment and content types (BAD-INPUT 31) ---------------------------------------------------


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port`` (Linux /proc/net/tcp)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            addr, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:
                found.add(addr)
    return found


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ServerProcess]]:
    root = tmp_path_factory.mktemp("serve")
    (root / "secret.txt").write_text("TOP-SECRET outside the project\n")
    project = root / "site"
    files = {
        "site.yaml": "title: Test site\nbase_url: /\n",
        "seeds/bridge.txt": MINIMAL_SEED,
        "content/index.md": PAGE,
        "static/app.js": "console.log('</head>');\n",
        "static/data.json": '{"html": "</head><body>"}\n',
        "static/extra.css": "/* </head> */ body { color: red }\n",
    }
    for rel, text in files.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text)
    with sitegen_serve(project) as server:
        public = project / "public"
        server.wait_for(lambda: (public / "index.html").exists(), "the first build")
        # planted after the build: things a server must never hand out
        (public / "leak.txt").symlink_to(root / "secret.txt")
        (public / "leakdir").symlink_to(project)
        (public / ".git").mkdir()
        (public / ".git" / "config").write_text("[core] TOP-SECRET\n")
        yield project, server


@pytest.mark.parametrize(
    "path",
    [
        "/../seeds/bridge.txt",
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2e%2e/secret.txt",
        "/assets/%2e%2e/%2e%2e/site.yaml",
        "/..%2fsite.yaml",
        "//etc/passwd",
        "/etc/passwd",
        "http://127.0.0.1/../site.yaml",
        "/leak.txt",
        "/leakdir/site.yaml",
        "/.git/config",
        "/%2egit/config",
        "/.sitegen.lock",
        "/..\\site.yaml",
        "/%00index.html",
    ],
)
def test_nothing_outside_the_output_folder_is_served(running: tuple[Path, ServerProcess], path: str) -> None:
    _, server = running
    status, _, body = server.get(path)
    assert status in (400, 403, 404), (path, status)
    assert b"TOP-SECRET" not in body
    assert b"title: Test site" not in body
    assert b"root:x:" not in body


def test_only_files_under_the_output_folder_answer_200_with_their_type(running: tuple[Path, ServerProcess]) -> None:
    project, server = running
    public = project / "public"
    expected = {
        "/": "text/html; charset=utf-8",
        "/index.html": "text/html; charset=utf-8",
        "/sources/": "text/html; charset=utf-8",
        "/assets/style.css": "text/css; charset=utf-8",
        "/assets/extra.css": "text/css; charset=utf-8",
        "/assets/app.js": "text/javascript; charset=utf-8",
        "/assets/data.json": "application/json",
        "/sitemap.xml": "application/xml; charset=utf-8",
        "/robots.txt": "text/plain; charset=utf-8",
    }
    for path, kind in expected.items():
        status, headers, body = server.get(path)
        assert (status, headers["content-type"]) == (200, kind), path
        assert headers["x-content-type-options"] == "nosniff"
        if not kind.startswith("text/html"):
            on_disk = (public / path.lstrip("/")).read_bytes()
            assert body == on_disk, f"{path} must be served byte-identical to disk (no injected script)"
    status, headers, _ = server.get("/sources")
    assert status == 302 and headers["location"] == "/sources/"
    assert listening_addresses(server.port) == {"0100007F"}  # 127.0.0.1 only, not 0.0.0.0


def test_every_served_html_page_has_exactly_one_snippet_and_the_built_files_none(
    running: tuple[Path, ServerProcess],
) -> None:
    project, server = running
    pages = sorted((project / "public").rglob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        assert MARK not in page.read_bytes(), f"{page} on disk must not carry the live-reload script"
        rel = page.relative_to(project / "public").as_posix()
        status, _, body = server.get("/" + rel)
        assert status == 200
        assert body.count(MARK) == 1, rel
        assert body.count(b"/livereload.js") == 1, rel


def test_a_missing_page_gets_the_sites_own_404_page(running: tuple[Path, ServerProcess]) -> None:
    _, server = running
    status, headers, body = server.get("/no/such/page/")
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert b"Page not found" in body
    assert body.count(MARK) == 1
    status, _, body = server.get("/no/such/page/", method="HEAD")
    assert (status, body) == (404, b"")
    assert not [line for line in server.lines if "GET" in line]  # no access log in the terminal


def test_a_css_only_change_swaps_the_stylesheet_and_anything_else_reloads_the_page() -> None:
    assert reload_path(("static/style.css",), ok=True) == "assets/style.css"
    assert reload_path(("static/style.css", "content/a.md"), ok=True) == "content/a.md"
    assert reload_path(("static/style.css",), ok=False) == "*"  # a failed build reloads to show its error
    assert reload_path(("static/a.css", "static/logo.png"), ok=True) == "*"
    assert reload_path(("templates/base.html",), ok=True) == "templates/base.html"


# -- an in-process server, to drive the reload protocol and time the event loop -----------------------


@contextmanager
def in_process(preview: Preview, root: Path) -> Iterator[tuple[int, serve_server.Tabs]]:
    """Serve ``preview`` on its own event loop in a thread; yields the port and the open tabs."""
    ready = threading.Event()
    held: dict[str, Any] = {}

    def run() -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        sock, port = bind_unused_port()
        app = serve_server.application(preview, root)
        HTTPServer(app).add_sockets([sock])
        held.update(port=port, loop=IOLoop.current(), tabs=app.settings["tabs"])
        ready.set()
        IOLoop.current().start()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10)
    try:
        yield held["port"], held["tabs"]
    finally:
        preview.stopped.set()
        held["loop"].add_callback(held["loop"].stop)
        thread.join(10)


async def _tab(
    port: int, generation: int | None, count: int, timeout: float = 15, got: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Connect like livereload.js, then collect ``count`` reload messages (into ``got`` as they arrive)."""
    ws = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await ws.write_message(
        json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]})
    )
    hello = json.loads(await ws.read_message())
    assert hello["command"] == "hello"
    if generation is not None:
        await ws.write_message(json.dumps({"command": "sitegen-generation", "generation": generation}))
    await ws.write_message(json.dumps({"command": "info", "url": "http://x/", "plugins": {}}))
    got = [] if got is None else got
    while len(got) < count:
        got.append(json.loads(await asyncio.wait_for(ws.read_message(), timeout)))
    ws.close()
    return got


def test_two_rebuilds_300_ms_apart_both_reload_the_tab(tmp_path: Path) -> None:
    public = tmp_path / "public"
    public.mkdir()
    preview = Preview(tmp_path, public, lambda line: None, build=lambda changed: "built")
    with in_process(preview, public) as (port, tabs):
        result: list[list[dict[str, Any]]] = []
        tab = threading.Thread(target=lambda: result.append(asyncio.run(_tab(port, None, 2))))
        tab.start()
        deadline = time.monotonic() + 10
        while not tabs.waiters and time.monotonic() < deadline:
            time.sleep(0.01)
        assert tabs.waiters, "the tab never registered"
        preview.rebuild(("content/a.md",))
        time.sleep(0.3)  # livereload alone would ignore this second change (3 s reload window)
        preview.rebuild(("content/a.md",))
        tab.join(15)
    assert [m["command"] for m in result[0]] == ["reload", "reload"]
    assert result[0][0]["path"] == "content/a.md"


def test_a_tab_that_connects_after_a_reload_was_sent_catches_up(tmp_path: Path) -> None:
    public = tmp_path / "public"
    public.mkdir()
    preview = Preview(tmp_path, public, lambda line: None, build=lambda changed: "built")
    preview.rebuild()
    with in_process(preview, public) as (port, _):
        preview.rebuild(("content/a.md",))  # generation 2: the page was served by generation 1
        time.sleep(0.2)
        assert asyncio.run(_tab(port, 1, 1))[0]["command"] == "reload"


def test_the_server_answers_while_a_build_runs(tmp_path: Path) -> None:
    public = tmp_path / "public"
    public.mkdir()
    (public / "index.html").write_text("<html><head></head><body>LAST GOOD</body></html>")
    started, release = threading.Event(), threading.Event()
    running_now = {"n": 0, "max": 0}

    def slow_build(changed: tuple[str, ...]) -> str:
        running_now["n"] += 1
        running_now["max"] = max(running_now["max"], running_now["n"])
        started.set()
        release.wait(20)
        running_now["n"] -= 1
        return "built"

    preview = Preview(tmp_path, public, lambda line: None, build=slow_build)
    with in_process(preview, public) as (port, _):
        builders = [threading.Thread(target=preview.rebuild, args=(("content/a.md",),)) for _ in range(2)]
        for b in builders:
            b.start()
        assert started.wait(10)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/")
        resp = conn.getresponse()
        assert resp.status == 200 and b"LAST GOOD" in resp.read()  # answered while the build is stuck
        release.set()
        for b in builders:
            b.join(20)
    assert running_now["max"] == 1  # builds never overlap


def test_the_watcher_never_looks_at_the_output_folder(make_site: MakeSite) -> None:
    project = make_site({"content/index.md": PAGE})
    builds: list[float] = []
    preview = Preview(project, project / "public", lambda line: None, build=lambda changed: builds.append(1.0) or "ok")
    (project / "public").mkdir()
    (project / "public" / "x.html").write_text("x")
    assert not [k for k in preview.snapshot() if k.startswith("public")]
    assert "content/index.md" in preview.snapshot() and "site.yaml" in preview.snapshot()
    thread = preview.start_watching()
    try:
        time.sleep(0.3)
        (project / "public" / "y.html").write_text("y")
        (project / "public" / "x.html").write_text("changed")
        time.sleep(0.5)
        assert builds == []
        (project / "content" / "index.md").write_text(PAGE.replace("FIRST", "SECOND"))
        deadline = time.monotonic() + 10
        while not builds and time.monotonic() < deadline:
            time.sleep(0.02)
        assert builds == [1.0]
    finally:
        preview.stopped.set()
        thread.join(5)


def test_a_css_change_tells_the_tab_to_swap_the_stylesheet(make_site: MakeSite) -> None:
    project = make_site({"content/index.md": PAGE, "static/style.css": "body { color: black }\n"})
    lines: list[str] = []
    preview = Preview(project, project / "public", lines.append)
    preview.rebuild()
    with in_process(preview, project / "public") as (port, tabs):
        thread = preview.start_watching()
        got: list[dict[str, Any]] = []
        tab = threading.Thread(target=lambda: asyncio.run(_tab(port, 1, 2, timeout=30, got=got)))
        tab.start()
        while not tabs.waiters and tab.is_alive():
            time.sleep(0.01)
        (project / "static" / "style.css").write_text("body { color: red }\n")
        deadline = time.monotonic() + 30
        while not got and time.monotonic() < deadline:
            time.sleep(0.02)
        (project / "content" / "index.md").write_text(PAGE.replace("FIRST", "SECOND"))
        tab.join(40)
        thread.join(0)
    assert [m["path"] for m in got] == ["assets/style.css", "content/index.md"], lines
    assert got[0]["liveCSS"] is True


def test_a_text_edit_reloads_at_once_and_search_catches_up_when_edits_pause(make_site: MakeSite) -> None:
    note = "---\ntitle: A note\n---\n\nFirst words of the note.\n"
    project = make_site({"content/index.md": PAGE, "content/notes/a.md": note})
    lines: list[str] = []
    preview = Preview(project, project / "public", lines.append)
    preview.rebuild()
    thread = preview.start_watching()
    try:
        time.sleep(0.2)
        (project / "content" / "notes" / "a.md").write_text(note.replace("First words", "Zanzibarian words"))
        deadline = time.monotonic() + 20
        while len(lines) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert "(search index follows) after content/notes/a.md changed" in lines[1], lines
        assert "Zanzibarian" in (project / "public" / "notes" / "a" / "index.html").read_text()
        while len(lines) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert re.fullmatch(r"built 5 pages from 1 sources in \d+\.\d\d s", lines[2]), lines  # the index caught up
    finally:
        preview.stopped.set()
        thread.join(5)
    index = b"".join(p.read_bytes() for p in sorted((project / "public" / "pagefind").rglob("*")) if p.is_file())
    fresh = project.parent / "fresh"
    subprocess.run(["cp", "-r", str(project), str(fresh)], check=True)
    subprocess.run(["rm", "-rf", str(fresh / "public")], check=True)
    assert main(["build", "-C", str(fresh)]) == 0
    fresh_index = b"".join(p.read_bytes() for p in sorted((fresh / "public" / "pagefind").rglob("*")) if p.is_file())
    assert index == fresh_index


# -- a failing rebuild (BAD-INPUT 33) ------------------------------------------------------------------


def test_a_failing_rebuild_keeps_the_last_good_site_and_shows_the_error(make_site: MakeSite) -> None:
    project = make_site({"content/index.md": PAGE})
    page = project / "content" / "index.md"
    with sitegen_serve(project) as server:
        server.wait_for(lambda: b"FIRST-VERSION" in server.get("/")[2], "the first build")
        assert f"serving site at http://127.0.0.1:{server.port}/ (Ctrl+C to stop)" in server.lines
        before = (project / "public" / "index.html").read_bytes()

        page.write_text(BAD_FRONT_MATTER)
        server.wait_for(lambda: b"sitegen-error" in server.get("/")[2], "the error box")
        status, _, body = server.get("/")
        assert status == 200 and b"FIRST-VERSION" in body  # the last good build, still served
        assert b"content/index.md:3:" in body
        assert body.count(MARK) == 1
        assert (project / "public" / "index.html").read_bytes() == before
        printed = [line for line in server.lines if line.startswith("content/index.md:3:")]
        assert printed and ": error: " in printed[0], server.output
        assert server.proc.poll() is None

        page.write_text(PAGE.replace("FIRST", "SECOND"))
        server.wait_for(lambda: b"SECOND-VERSION" in server.get("/")[2], "the fixed page")
        server.wait_for(lambda: b"sitegen-error" not in server.get("/")[2], "the error box to go")


def test_a_first_build_that_fails_still_starts_the_server(make_site: MakeSite) -> None:
    project = make_site({"content/index.md": BAD_FRONT_MATTER})
    with sitegen_serve(project) as server:
        status, headers, body = server.get("/")
        assert status == 500 and headers["content-type"] == "text/html; charset=utf-8"
        assert b"content/index.md:3:" in body and body.count(MARK) == 1
        (project / "content" / "index.md").write_text(PAGE)
        server.wait_for(lambda: server.get("/")[0] == 200, "the fixed site")
        assert b"FIRST-VERSION" in server.get("/")[2]


def test_a_port_in_use_is_a_clean_error(make_site: MakeSite) -> None:
    project = make_site()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        server = serve_server.SitegenServer(Preview(project, project / "public", lambda line: None))
        server.root = str(project / "public")
        with pytest.raises(SitegenError, match=f"cannot listen on 127.0.0.1:{port}"):
            server.application(port, "127.0.0.1")


def test_the_watcher_sees_nested_inputs_but_not_dotfiles_backups_or_linked_folders(
    make_site: MakeSite, tmp_path: Path
) -> None:
    project = make_site({"content/index.md": PAGE, "content/notes/deep/a.md": PAGE, "static/css/x.css": "a{}"})
    (project / "content" / ".hidden.md").write_text("x")
    (project / "content" / "index.md~").write_text("x")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "far.md").write_text("x")
    (project / "content" / "linked").symlink_to(elsewhere)
    preview = Preview(project, project / "public", lambda line: None, build=lambda changed: "ok")
    seen = preview.snapshot()
    assert {"content/index.md", "content/notes/deep/a.md", "static/css/x.css", "site.yaml"} <= seen.keys()
    assert "content/linked" in seen and not any(k.startswith("content/linked/") for k in seen)
    assert not any(k.endswith(("~", ".hidden.md")) for k in seen)
    (project / "content" / "notes" / "deep" / "a.md").write_text(PAGE + "\nMore.\n")
    assert preview.snapshot()["content/notes/deep/a.md"] != seen["content/notes/deep/a.md"]


class _LaggingBuild:
    """A preview build whose catch-up build fails."""

    def __init__(self) -> None:
        self.refreshes = 0

    def __call__(self, changed: tuple[str, ...]) -> str:
        return "built quickly"

    def refresh(self) -> str | None:
        self.refreshes += 1
        raise SitegenError("broken link 'x.md': there is no page content/x.md", None, "link.broken")


def test_a_failing_catch_up_build_shows_its_error_and_keeps_the_site(tmp_path: Path) -> None:
    public = tmp_path / "public"
    public.mkdir()
    (public / "index.html").write_text("<html><head></head><body>LAST GOOD</body></html>")
    lines: list[str] = []
    build = _LaggingBuild()
    preview = Preview(tmp_path, public, lines.append, build=build, catch_up=build.refresh)
    first = preview.rebuild(("content/a.md",))
    assert first.error is None and preview.refresh_at is not None
    preview.refresh()
    assert build.refreshes == 1 and preview.refresh_at is None
    assert preview.state.error is not None and "there is no page content/x.md" in preview.state.error
    assert preview.state.generation == first.generation + 1  # open tabs reload to show the error
    assert "build failed; still serving the last good build" in lines
    assert "LAST GOOD" in (public / "index.html").read_text()
