"""Reading input files: UTF-8 only, BOM and CRLF tolerated, limits enforced."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from sitegen.errors import Location, Problems, SitegenError

MAX_INPUT_BYTES = 2_000_000  # one seed or page; far above any real article
MAX_LINE_CHARS = 100_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes, rel: str, limit: int = MAX_INPUT_BYTES) -> str:
    """Bytes of ``rel`` as text with ``\\n`` line ends; a SitegenError on bad input."""
    if len(data) > limit:
        raise _too_large(rel, limit, len(data))
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = exc.start + bom  # offset in the file, as a hex viewer shows it
        line = data.count(b"\n", 0, at) + 1
        raise SitegenError(
            f"byte {at}: invalid UTF-8 (0x{data[at]:02x}); save the file as UTF-8",
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
                f"line exceeds limit ({MAX_LINE_CHARS} characters)", Location(rel, number), "input.too-large"
            )
    return text


def _too_large(rel: str, limit: int, size: int) -> SitegenError:
    return SitegenError(f"file exceeds limit ({limit} bytes): it has {size} bytes", Location(rel), "input.too-large")


def read_text(path: Path, rel: str, limit: int = MAX_INPUT_BYTES) -> str:
    """Read the regular file ``path`` (reported as ``rel``) through :func:`decode`.

    Symbolic links are refused, not followed; FIFOs and devices are refused
    without blocking; at most ``limit + 1`` bytes are ever read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ELOOP or path.is_symlink():
            raise symlink_error(rel) from None
        raise SitegenError(f"cannot read: {exc.strerror}", Location(rel), "input.unreadable") from None
    with os.fdopen(fd, "rb") as fh:
        try:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise SitegenError("not a regular file", Location(rel), "input.not-file")
            if info.st_size > limit:
                raise _too_large(rel, limit, info.st_size)
            data = fh.read(limit + 1)
        except OSError as exc:
            raise SitegenError(f"cannot read: {exc.strerror}", Location(rel), "input.unreadable") from None
    return decode(data, rel, limit)


def input_files(project: Path, name: str, problems: Problems) -> list[Path]:
    """The regular files under the input folder ``name`` of ``project``, sorted, dotfiles left out.

    A symbolic link is never followed: the folder itself being one, or one anywhere inside it, is a problem
    in ``problems``. FIFOs and devices are left out, never opened.
    """
    root = project / name
    if root.is_symlink() or not root.is_dir():
        if root.is_symlink():
            problems.add(symlink_error(name))
        return []
    found = []
    for here, folders, files in os.walk(root):  # never descends into a linked folder
        folders[:] = [f for f in folders if not f.startswith(".")]
        for entry in sorted(folders + files):
            path = Path(here, entry)
            if path.is_symlink():
                problems.add(symlink_error(path.relative_to(project).as_posix()))
            elif entry in files and not entry.startswith(".") and path.is_file():
                found.append(path)
    return sorted(found)


def symlink_error(rel: str) -> SitegenError:
    """The error for a symbolic link among the inputs, at ``rel``."""
    return SitegenError(
        "symbolic links are not followed in inputs",
        Location(rel),
        "input.symlink",
        hint="copy the file or folder into the project instead",
    )
