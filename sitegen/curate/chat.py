"""One request to an OpenAI-compatible chat endpoint (Ollama, llama.cpp's server, vLLM, a hosted API).

The only module of sitegen that talks to the network. The API key goes in the ``Authorization``
header of requests to the configured endpoint and nowhere else: a redirect is never followed (it
could lead to another host), and no message, error or file ever holds the key. Every failure
(unreachable, timed out, rate-limited, an HTTP error, an answer that is not a chat completion)
is one ``curate.model`` error naming the endpoint.
"""

from __future__ import annotations

import http.client
import json
import ssl
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sitegen.errors import Location, SitegenError

_MAX_ANSWER = 8_000_000  # bytes of an answer read at most
_PATH = "/chat/completions"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where to send chat requests: a base URL such as ``http://127.0.0.1:11434/v1`` (or the full
    ``.../chat/completions`` URL), the model's name, and the key (never shown: ``repr`` leaves it out)."""

    url: str
    model: str
    timeout: float = 120.0
    key: str = field(default="", repr=False)

    @property
    def target(self) -> tuple[str, str, int, str]:
        """(scheme, host, port, path) of the chat completions URL."""
        parts = urllib.parse.urlsplit(self.url)
        path = parts.path.rstrip("/")
        if not path.endswith(_PATH):
            path += _PATH
        port = parts.port or (443 if parts.scheme == "https" else 80)
        return parts.scheme, parts.hostname or "", port, path


def request_body(endpoint: Endpoint, messages: Sequence[Mapping[str, str]], max_tokens: int) -> dict[str, object]:
    """The JSON body of one chat request: temperature 0 and a fixed seed, so a server that can repeat itself does."""
    return {
        "model": endpoint.model,
        "messages": [dict(m) for m in messages],
        "temperature": 0,
        "seed": 1,
        "max_tokens": max_tokens,
        "stream": False,
    }


def send(endpoint: Endpoint, body: Mapping[str, object], where: Location) -> tuple[str, str]:
    """POST ``body`` to the endpoint; (the answer's message text, the raw answer) or a ``curate.model`` error."""
    scheme, host, port, path = endpoint.target
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json", "Accept": "application/json", "Content-Length": str(len(data))}
    if endpoint.key:
        headers["Authorization"] = f"Bearer {endpoint.key}"
    conn: http.client.HTTPConnection
    if scheme == "https":
        conn = http.client.HTTPSConnection(host, port, timeout=endpoint.timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=endpoint.timeout)
    try:
        conn.request("POST", path, body=data, headers=headers)
        response = conn.getresponse()
        raw = response.read(_MAX_ANSWER)
        status, moved = response.status, response.getheader("Location") or ""
    except TimeoutError:
        raise _fail(endpoint, f"no answer within {endpoint.timeout:g} s (site.yaml curate.timeout)", where) from None
    except (OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "strerror", None) or exc.__class__.__name__
        raise _fail(endpoint, f"cannot reach it: {reason}", where) from None
    finally:
        conn.close()
    if 300 <= status < 400:
        raise _fail(endpoint, f"answered with a redirect to {_host_of(moved)}, which is not followed", where)
    if status == 429:
        raise _fail(endpoint, "rate-limited (HTTP 429); try again later", where)
    if status >= 400:
        raise _fail(endpoint, f"HTTP {status}{_said(raw)}", where)
    text = raw.decode("utf-8", errors="replace")
    content = content_of(text)
    if content is None:
        raise _fail(endpoint, "answered with something that is not an OpenAI-style chat completion", where)
    return content, text


def content_of(raw: str) -> str | None:
    """The message text of a raw chat completion, or None when ``raw`` is not one."""
    try:
        content = json.loads(raw)["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return content if isinstance(content, str) else None


def shown(url: str) -> str:
    """``url`` as messages show it: without any user name or password in it."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _host_of(url: str) -> str:
    return urllib.parse.urlsplit(url).hostname or "another address"


def _said(raw: bytes) -> str:
    """The start of an error answer's own message, when it has one (one line, short)."""
    try:
        data = json.loads(raw.decode("utf-8", errors="replace"))
        error = data.get("error") if isinstance(data, dict) else None
        message = error.get("message") if isinstance(error, dict) else error
    except ValueError:
        return ""
    if not isinstance(message, str) or not message.strip():
        return ""
    one = " ".join(message.split())
    return f": {one[:120]}"


def _fail(endpoint: Endpoint, what: str, where: Location) -> SitegenError:
    if endpoint.key:
        what = what.replace(endpoint.key, "[key]")  # an answer that echoes the key never shows it
    return SitegenError(f"model endpoint {shown(endpoint.url)}: {what}; nothing was written", where, "curate.model")
