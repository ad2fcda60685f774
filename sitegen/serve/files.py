"""What the preview server sends: only files inside the output folder, with the right type, and in
each HTML page exactly one live-reload snippet and, while a build is failing, the error."""

from __future__ import annotations

import html
import ipaddress
import mimetypes
import re
import socket
from pathlib import Path
from urllib.parse import unquote, urlsplit

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".wasm": "application/wasm",
    ".pdf": "application/pdf",
}


def trusted_host(header: str | None, bound: str) -> bool:
    """Whether a request's ``Host`` names this machine: an IP address, ``localhost`` (or ``*.localhost``), its own
    name, or the ``--host`` the server was given. A page of another site that resolves its own name to this machine
    (DNS rebinding) sends its own name, and is refused."""
    if not header:
        return True  # not a browser: browsers always send one
    name = urlsplit("//" + header).hostname or ""  # lowercase, without the port or an IPv6 address's brackets
    if name in ("localhost", bound.lower().strip("[]"), socket.gethostname().lower()) or name.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        return False
    return True


def content_type(path: str) -> str:
    """The Content-Type for a file name."""
    suffix = Path(path).suffix.lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def snippet(generation: int) -> bytes:
    """The live-reload script for one served page: loads livereload.js, then reports the page's build."""
    return (
        "<script data-sitegen-livereload>(function(){"
        f"var g={generation};"
        'document.addEventListener("LiveReloadConnect",function(){try{window.LiveReload.connector.socket.send('
        'JSON.stringify({command:"sitegen-generation",generation:g}))}catch(e){}});'
        'var s=document.createElement("script");'
        's.src=location.protocol+"//"+location.host+"/livereload.js?port="+(location.port||80);'
        "document.head.appendChild(s);})();</script>"
    ).encode()


def overlay(error: str) -> bytes:
    """A box at the top of the page showing the build error, escaped."""
    return (
        '<div id="sitegen-error" role="alert" style="position:fixed;z-index:2147483647;inset:0 0 auto 0;'
        "max-height:70vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff4f4;color:#5c0011;"
        'border-bottom:3px solid #b00020;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace">'
        '<strong style="font:bold 15px system-ui,sans-serif">Build failed: this page shows the last good build</strong>'
        f'<pre style="white-space:pre-wrap;margin:.5rem 0">{html.escape(error)}</pre>'
        '<span style="font:13px system-ui,sans-serif">Fix the file and save; this page reloads by itself.</span></div>'
    ).encode()


_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(rb"<body(?:\s[^>]*)?>", re.IGNORECASE)


def inject(page: bytes, script: bytes, error: bytes = b"") -> bytes:
    """``page`` with exactly one ``script`` (before ``</head>`` in any case, else after ``<body>``, else at the end)
    and the ``error`` box right after ``<body>``."""
    if error:
        body = _BODY_START.search(page)
        at = body.end() if body else len(page)
        page = page[:at] + error + page[at:]
    head = _HEAD_END.search(page)
    if head:
        return page[: head.start()] + script + page[head.start() :]
    body = _BODY_START.search(page)
    if body:
        return page[: body.end()] + script + page[body.end() :]
    return page + script


def error_page(error: str) -> bytes:
    """A page of its own for when there is no good build to show yet."""
    return (
        b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>'
        b"<body></body></html>"
    ).replace(b"<body>", b"<body>" + overlay(error))


def resolve(root: Path, mount: str, raw_path: str) -> Path | str | None:
    """The file under ``root`` that ``raw_path`` names; a ``str`` is a path to redirect to; None is 404.

    Refuses ``..`` and ``%2e%2e``, empty segments (``//etc/passwd``), backslashes, NUL, dotfiles,
    and anything whose real path (after symlinks) is outside ``root``.
    """
    path = unquote(raw_path, errors="strict") if "%" in raw_path else raw_path
    if path == mount.rstrip("/") or (path == "/" and mount != "/"):
        return mount
    if not path.startswith(mount) or "\x00" in path or "\\" in path:
        return None
    parts = path[len(mount) :].split("/")
    if any(p == "" for p in parts[:-1]) or any(p.startswith(".") for p in parts):
        return None
    real_root = root.resolve()
    candidate = root.joinpath(*[p for p in parts if p])
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not real.is_relative_to(real_root):
        return None
    if real.is_dir():
        if parts[-1] != "":
            return path + "/"
        real = (real / "index.html").resolve()
        if not real.is_relative_to(real_root):
            return None
    return real if real.is_file() else None


def read_file(path: Path) -> bytes | None:
    """The bytes of ``path`` through one open handle (a swap mid-read cannot mix two builds), or None."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None
