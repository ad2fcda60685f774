"""The only writer of the output folder: the whole site written into a staging folder, then swapped in at once.

sitegen deletes or replaces only what it can show it made. Every folder it writes holds a marker file, first
written when the folder is made and listing every file of the site once it is complete. A build replaces the
output folder only when it is absent, empty, or holds that marker and nothing the marker does not list; it
removes a ``<output>.staging-<pid>`` or ``<output>.old-<pid>`` folder beside it only when that folder holds
the marker too, and leaves anything else where it is, with a warning.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from sitegen.errors import Location, SitegenError
from sitegen.model import File

LOCK_FILE = ".sitegen.lock"
MARKER = ".sitegen-output"
SIGNATURE = "Written by sitegen, which replaces this folder on every build: files added here stop the build.\n"
_RENAME_EXCHANGE = 2


def safe_relpath(rel: str) -> PurePosixPath:
    """``rel`` as a path that stays inside the output folder, or a SitegenError."""
    p = PurePosixPath(rel)
    if (
        not rel
        or "\x00" in rel
        or "\\" in rel
        or p.is_absolute()
        or any(part in ("", ".", "..") for part in rel.split("/"))
        or rel == MARKER
    ):
        raise SitegenError(f"refusing to write outside the output folder: {rel!r}", None, "output.path")
    return p


def write_site(out_dir: Path, *groups: Iterable[File], warnings: list[SitegenError] | None = None) -> int:
    """Write every file of ``groups`` into a staging folder beside ``out_dir``, then swap it in at once; the
    number of files written. What could not be cleaned up is added to ``warnings``.

    On any failure (an error, Ctrl-C, a full disk) the staging folder is removed and ``out_dir`` is as it was;
    a build killed outright leaves its staging folder, which the next build removes.
    """
    warnings = [] if warnings is None else warnings
    check_output_dir(out_dir)
    staging = out_dir.parent / f"{out_dir.name}.staging-{os.getpid()}"
    try:
        clean_leftovers(out_dir, warnings)
        staging.mkdir()
        write_new(staging / MARKER, SIGNATURE.encode())
    except OSError as exc:
        raise io_error(exc, out_dir) from None
    try:
        written = _write_all(staging, groups)
        swap_in(staging, out_dir, warnings)
    except OSError as exc:
        remove(staging, warnings)
        raise io_error(exc, out_dir) from None
    except BaseException:
        remove(staging, warnings)
        raise
    return written


def _write_all(staging: Path, groups: tuple[Iterable[File], ...]) -> int:
    """Write the files into ``staging``, then list them in its marker; two files with one path are an error."""
    made: set[Path] = {staging}
    seen: set[str] = set()
    for group in groups:
        for out in group:
            if out.path in seen:
                raise SitegenError(
                    f"two files of the site would be written to {out.path}", Location(out.path), "output.path"
                )
            seen.add(out.path)
            target = staging.joinpath(*safe_relpath(out.path).parts)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            write_new(target, out.data)
    with open(staging / MARKER, "a", encoding="utf-8") as fh:
        fh.write("".join(f"{path}\n" for path in sorted(seen)))
    return len(seen)


def check_output_dir(out_dir: Path) -> None:
    """Refuse an output folder that is a file, a folder sitegen did not write, or one holding files it did not."""
    name = out_dir.name
    if out_dir.is_symlink() or not out_dir.exists():
        return  # a link is replaced, never followed
    if not out_dir.is_dir():
        raise SitegenError(
            f"{name} is a file, not a folder: refusing to replace it with the site",
            Location(name),
            "output.path",
            hint="set output_dir in site.yaml to a folder name, or move the file away",
        )
    listed = written_files(out_dir)
    if listed is None and any(out_dir.iterdir()):
        raise SitegenError(
            f"{name}/ holds files sitegen did not write: refusing to replace it with the site",
            Location(name),
            "output.path",
            hint=f"set output_dir in site.yaml to another folder, or delete {name}/ if it is an old build",
        )
    extra = _not_listed(out_dir, listed or set())
    if extra:
        raise SitegenError(
            f"{name}/{extra[0]} was not written by sitegen: refusing to replace {name}/ and lose it",
            Location(f"{name}/{extra[0]}"),
            "output.path",
            hint=f"move it out of {name}/ (and {len(extra) - 1} more)" if len(extra) > 1 else f"move it out of {name}/",
        )


def written_files(folder: Path) -> set[str] | None:
    """The files ``folder``'s marker lists as sitegen's, or None when it holds no marker (a link is none)."""
    try:
        fd = os.open(folder / MARKER, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as fh:
            text = fh.read().decode("utf-8", "replace")
    except OSError:
        return None
    return set(text[len(SIGNATURE) :].splitlines()) if text.startswith(SIGNATURE) else None


def _not_listed(folder: Path, listed: set[str]) -> list[str]:
    """Everything in ``folder`` (not following links) that is neither in ``listed`` nor a folder of it."""
    known = {MARKER, *listed}
    for rel in listed:
        while "/" in rel and (rel := rel.rpartition("/")[0]) not in known:  # its folders, once each
            known.add(rel)
    found: list[str] = []
    for here, folders, files in os.walk(folder):
        under = os.path.relpath(here, folder) + "/" if here != str(folder) else ""
        found += [under + name for name in folders + files if under + name not in known]
        folders[:] = [name for name in folders if under + name in known]
    return sorted(found)


def io_error(exc: OSError, out_dir: Path) -> SitegenError:
    """A failed write as ``public: cannot write: [Errno 28] No space left on device``."""
    return SitegenError(
        f"cannot write: [Errno {exc.errno}] {exc.strerror}",
        Location(out_dir.name),
        "output.io",
        hint=f"the previous {out_dir.name}/ is unchanged",
    )


def write_new(target: Path, data: bytes) -> None:
    """Create ``target`` (never through a pre-planted file or link) holding ``data``."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def swap_in(staging: Path, out_dir: Path, warnings: list[SitegenError]) -> None:
    """Make ``staging`` the new ``out_dir`` in one step where the OS allows it."""
    if out_dir.is_symlink():
        out_dir.unlink()  # a link is replaced, never written through
    if out_dir.is_dir() and _exchange(staging, out_dir):
        remove(staging, warnings)  # now holds the previous site
        return
    old = out_dir.parent / f"{out_dir.name}.old-{os.getpid()}"
    if out_dir.is_dir():
        os.rename(out_dir, old)
    os.rename(staging, out_dir)
    remove(old, warnings)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with renameat2(RENAME_EXCHANGE); False when unsupported."""
    libc = ctypes.CDLL(None, use_errno=True)  # the C library is already loaded into the process
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    at_fdcwd = -100
    rc = fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def clean_leftovers(out_dir: Path, warnings: list[SitegenError]) -> None:
    """Remove what killed builds left beside ``out_dir`` and restore a site lost mid-swap, when their marker
    shows sitegen made them; a warning for each folder that only looks like it."""
    if not out_dir.parent.is_dir():
        return
    pattern = re.compile(re.escape(out_dir.name) + r"\.(staging|old)-[0-9]+")
    found: dict[str, list[Path]] = {"staging": [], "old": []}
    for path in sorted(out_dir.parent.iterdir()):
        kind = pattern.fullmatch(path.name)
        if kind and not path.is_symlink() and path.is_dir() and written_files(path) is not None:
            found[kind[1]].append(path)
        elif kind:
            message = "named like a folder sitegen leaves behind, but sitegen did not make it: left alone"
            warnings.append(SitegenError(message, Location(path.name), "output.leftover", "rename it"))
    olds = found["old"]
    if olds and not os.path.lexists(out_dir):
        os.rename(olds.pop(), out_dir)  # killed between the two renames of the fallback swap
    for path in found["staging"] + olds:
        remove(path, warnings)


def remove(path: Path, warnings: list[SitegenError]) -> None:
    """Delete the folder ``path`` that sitegen made; a warning naming it when that is not possible."""
    shutil.rmtree(path, ignore_errors=True)
    if os.path.lexists(path):
        message = "could not remove this folder a build left (is it read-only?)"
        warnings.append(SitegenError(message, Location(path.name), "output.leftover", "remove it by hand"))


@contextmanager
def build_lock(project: Path) -> Iterator[None]:
    """Hold the project's build lock; a second build fails fast naming the holder."""
    path = project / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise SitegenError(
            f"cannot create the build lock: [Errno {exc.errno}] {exc.strerror}", Location(LOCK_FILE), "build.lock"
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise SitegenError(
                f"another build is running (pid {holder})",
                Location(LOCK_FILE),
                "build.locked",
                hint="wait for it to finish, or remove the lock file if no build is running",
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)
