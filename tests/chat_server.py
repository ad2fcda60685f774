"""A small OpenAI-compatible chat server on 127.0.0.1 for the tests: it answers as a test scripts it, and
records every request it gets (path, headers, body). No network beyond the loopback address."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# (status, body, seconds to wait before answering, extra headers)
Reply = tuple[int, bytes, float, dict[str, str]]
Script = Callable[[dict[str, Any], int], Reply]


@dataclass
class Recorded:
    """The requests a fake server got."""

    paths: list[str] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    bodies: list[dict[str, Any]] = field(default_factory=list)


def completion(text: str) -> Reply:
    """A 200 answer holding ``text`` as the model's message."""
    body = {
        "id": "x",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}}],
    }
    return 200, json.dumps(body).encode(), 0.0, {}


def facts_of(request: dict[str, Any]) -> list[str]:
    """The facts the request lists (its lines "- ..."), as a model that repeats them would write them."""
    user = next(m["content"] for m in request["messages"] if m["role"] == "user")
    return [line[2:] for line in user.splitlines() if line.startswith("- ")]


def echo(request: dict[str, Any], n: int) -> Reply:
    """A model that writes the facts it was given back as one paragraph (and drops whatever is sent back)."""
    if len(request["messages"]) > 2:
        return completion("1. DROP")
    return completion(" ".join(facts_of(request)))


@contextmanager
def chat_server(script: Script) -> Iterator[tuple[str, Recorded]]:
    """Serve ``script`` on 127.0.0.1 (a free port); yields the base URL (``.../v1``) and the record."""
    record = Recorded()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            with lock:
                record.paths.append(self.path)
                record.headers.append({k.lower(): v for k, v in self.headers.items()})
                record.bodies.append(body)
                n = len(record.bodies) - 1
            status, data, wait, extra = script(body, n)
            if wait:
                time.sleep(wait)
            try:
                self.send_response(status)
                for k, v in extra.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the client gave up (a timeout test)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", record
    finally:
        server.shutdown()
        server.server_close()
