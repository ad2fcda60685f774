"""Reading input files: UTF-8 only, BOM and CRLF tolerated, limits enforced."""

from __future__ import annotations

import re
from pathlib import Path

from sitegen.errors import Location, SitegenError

MAX_INPUT_BYTES = 2_000_000  # one seed or page; far above any real article
MAX_LINE_CHARS = 100_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes, rel: str, limit: int = MAX_INPUT_BYTES) -> str:
    """Bytes of ``rel`` as text with ``\\n`` line ends; a SitegenError on bad input."""
    if len(data) > limit:
        raise SitegenError(
            f"file exceeds limit ({limit} bytes): it has {len(data)} bytes",
            Location(rel),
            "input.too-large",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SitegenError(
            f"byte {exc.start}: invalid UTF-8 (0x{data[exc.start]:02x}); save the file as UTF-8",
            Location(rel, line),
            "input.encoding",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise SitegenError(
            f"control character U+{ord(bad.group()):04X} is not allowed in text",
            Location(rel, line),
            "input.control-char",
        )
    for number, line_text in enumerate(text.split("\n"), 1):
        if len(line_text) > MAX_LINE_CHARS:
            raise SitegenError(
                f"line exceeds limit ({MAX_LINE_CHARS} characters)",
                Location(rel, number),
                "input.too-large",
            )
    return text


def read_text(path: Path, rel: str, limit: int = MAX_INPUT_BYTES) -> str:
    """Read ``path`` (reported as ``rel``) through :func:`decode`."""
    try:
        if path.is_symlink():
            raise SitegenError(
                "symbolic links are not followed in inputs",
                Location(rel),
                "input.symlink",
                hint="copy the file into the project instead",
            )
        size = path.stat().st_size
        if size > limit:
            raise SitegenError(
                f"file exceeds limit ({limit} bytes): it has {size} bytes",
                Location(rel),
                "input.too-large",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SitegenError(f"cannot read: {exc.strerror}", Location(rel), "input.unreadable") from None
    return decode(data, rel, limit)
