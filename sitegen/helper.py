"""A second process for a cold build: it compiles the templates and draws the social cards.

A small site's cold build is a chain of steps on one core: ingest, cite, compile the templates,
render, then import Pillow and draw the cards. The templates and the card drawing need nothing of
the pages but their rendered heads, so a helper forked at the start compiles the templates and
imports Pillow on the other core while the build reads and cites the pages, then draws the cards
it is sent.

The helper only saves time. It answers with data the build checks and stores as if it had made it
(compiled templates by their bytecode-cache key, what each template shows, card PNGs), and
whatever it does not answer, because it failed, died or was never started, the build does itself
with the same code. It holds no file of the build's open (its standard streams are ``/dev/null``
and every other descriptor is closed), so it never keeps the build lock, and it exits as soon as
the build goes away.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import struct
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sitegen.incremental import jobs
from sitegen.output import File
from sitegen.render import Output

_LENGTH = struct.Struct("!Q")
_POLL_SECONDS = 1.0  # how often a waiting helper checks that the build still runs
_PATIENCE_SECONDS = 60.0  # how long the build waits for an answer before doing the work itself


@contextmanager
def helping(project: Path, wanted: bool) -> Iterator[Helper | None]:
    """A started :class:`Helper` when ``wanted`` (and possible), closed on the way out, whatever happens."""
    helper = Helper.start(project) if wanted else None
    try:
        yield helper
    finally:
        if helper is not None:
            helper.close()


class Helper:
    """The build's end of a helper process; see :meth:`start`."""

    def __init__(self, pid: int, from_helper: int, to_helper: int) -> None:
        self.pid = pid
        self.from_helper = from_helper
        self.to_helper = to_helper
        self.alive = True

    @classmethod
    def start(cls, project: Path) -> Helper | None:
        """Fork a helper for ``project``; None where forking is unsafe or cannot gain (one core, threads)."""
        if not hasattr(os, "fork") or not os.path.isdir("/proc/self/fd") or threading.active_count() > 1:
            return None  # no fork, no way to close what it inherits, or threads that may hold locks
        if jobs() < 2:
            return None
        replies, to_build = os.pipe()
        from_build, requests = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (replies, to_build, from_build, requests):
                os.close(fd)
            return None
        if pid == 0:  # the helper: never returns into the build's code
            code = 1
            try:
                _isolate(keep={to_build, from_build})
                _serve(project, to_build, from_build, os.getppid())
                code = 0
            finally:
                os._exit(code)
        os.close(to_build)
        os.close(from_build)
        return cls(pid, replies, requests)

    def templates(self) -> tuple[dict[str, bytes], dict[str, frozenset[str]]]:
        """The compiled templates (bytecode by cache key) and what each of the site's templates shows."""
        got = self._receive()
        if (
            isinstance(got, tuple)
            and len(got) == 2
            and isinstance(got[0], dict)
            and isinstance(got[1], dict)
            and all(isinstance(k, str) and isinstance(v, bytes) for k, v in got[0].items())
            and all(isinstance(k, str) and isinstance(v, frozenset) for k, v in got[1].items())
        ):
            return got[0], got[1]
        return {}, {}

    def cards(self, pages: Sequence[File], base_url: str) -> list[list[Output]] | None:
        """The cards of each of ``pages``, as ``draw_cards`` draws them one page at a time; None if the helper
        could not draw them."""
        heads = [(p.path, p.data.split(b"</head>", 1)[0] + b"</head>") for p in pages]
        if not self._send((heads, base_url)):
            return None
        got = self._receive()
        if (
            isinstance(got, list)
            and len(got) == len(pages)
            and all(isinstance(cards, list) and all(isinstance(c, Output) for c in cards) for cards in got)
        ):
            return got
        return None

    def close(self) -> None:
        """Stop the helper and reap it."""
        if not self.alive:
            return
        self.alive = False
        for fd in (self.from_helper, self.to_helper):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)

    def _send(self, value: object) -> bool:
        if not self.alive:
            return False
        try:
            _write(self.to_helper, value)
        except OSError:
            self.close()
            return False
        return True

    def _receive(self) -> object:
        if not self.alive:
            return None
        try:
            got = _read(self.from_helper, deadline=time.monotonic() + _PATIENCE_SECONDS)
            if got is None:
                self.close()
            return got
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TimeoutError):
            self.close()
            return None


def _isolate(keep: set[int]) -> None:
    """Point the standard streams at /dev/null and close every other descriptor but ``keep``."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the helper with the build, silently
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd > 2 and fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)


def _serve(project: Path, out: int, inp: int, build_pid: int) -> None:
    """The helper's work: compile the templates, send them, import Pillow, then draw the cards asked for."""
    import jinja2

    from sitegen.incremental import template_fields
    from sitegen.render import Renderer, make_environment

    compiled: dict[str, bytes] = {}

    class Keep(jinja2.BytecodeCache):
        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            pass

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            compiled[bucket.key] = bucket.bytecode_to_string()

    env = make_environment(project, Keep())
    fields: dict[str, frozenset[str]] = {}
    for name in Renderer.TEMPLATES:
        with contextlib.suppress(Exception):  # the build reports a broken template, located, when it renders it
            fields[name] = template_fields(env, name)
    for name in env.parsed():
        with contextlib.suppress(Exception):
            env.get_template(name)
    _write(out, (compiled, fields))

    from sitegen.cards import prepare, social_cards  # Pillow, imported while the build renders
    from sitegen.config import load_config

    with contextlib.suppress(Exception):  # a config the build cannot read is reported by the build
        prepare(load_config(project).title)

    request = _read(inp, parent=build_pid)
    if request is None:
        return
    heads, base_url = request
    _write(out, [social_cards([Output(path, head)], base_url) for path, head in heads])


def _write(fd: int, value: object) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_LENGTH.pack(len(payload)) + payload)
    while view:
        view = view[os.write(fd, view) :]


def _read(fd: int, parent: int | None = None, deadline: float | None = None) -> Any:
    """One value written by :func:`_write`, or None at end of file or once ``parent`` is no longer this
    process's parent; TimeoutError past ``deadline`` (a ``time.monotonic`` value)."""
    header = _read_exactly(fd, _LENGTH.size, parent, deadline)
    if header is None:
        return None
    body = _read_exactly(fd, _LENGTH.unpack(header)[0], parent, deadline)
    if body is None:
        raise EOFError("the helper's answer was cut short")
    return pickle.loads(body)


def _read_exactly(fd: int, size: int, parent: int | None, deadline: float | None) -> bytes | None:
    chunks: list[bytes] = []
    left = size
    while left:
        while not select.select([fd], [], [], _POLL_SECONDS)[0]:
            if parent is not None and os.getppid() != parent:  # the build is gone (its workers may hold the pipe)
                return None
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError("the helper did not answer")
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
