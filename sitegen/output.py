"""The only writer of the output folder: the whole site written into a staging folder, then swapped in at once."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from sitegen.errors import Location, SitegenError
from sitegen.model import File

LOCK_FILE = ".sitegen.lock"
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
    ):
        raise SitegenError(f"refusing to write outside the output folder: {rel!r}", None, "output.path")
    return p


def write_site(out_dir: Path, *groups: Iterable[File]) -> int:
    """Write every file of ``groups`` into a staging folder beside ``out_dir``, then swap it in at once; the
    number of files written.

    On any failure (an error, Ctrl-C, a full disk) the staging folder is removed and ``out_dir`` is as it was;
    a build killed outright leaves its staging folder, which the next build removes.
    """
    check_output_dir(out_dir)
    staging = out_dir.parent / f"{out_dir.name}.staging-{os.getpid()}"
    try:
        clean_leftovers(out_dir)
        staging.mkdir()
    except OSError as exc:
        raise io_error(exc, out_dir) from None
    try:
        written = _write_all(staging, groups)
        swap_in(staging, out_dir)
    except OSError as exc:
        _remove(staging)
        raise io_error(exc, out_dir) from None
    except BaseException:
        _remove(staging)
        raise
    return written


def _write_all(staging: Path, groups: tuple[Iterable[File], ...]) -> int:
    """Write the files into ``staging``; two files with one path are an error, not an overwrite."""
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
    return len(seen)


def check_output_dir(out_dir: Path) -> None:
    """Refuse an output folder that is a file, or a folder of files sitegen did not write."""
    if out_dir.exists() and not out_dir.is_dir() and not out_dir.is_symlink():
        raise SitegenError(
            f"{out_dir.name} is a file, not a folder: refusing to replace it with the site",
            Location(out_dir.name),
            "output.path",
            hint="set output_dir in site.yaml to a folder name, or move the file away",
        )
    if out_dir.is_dir() and not out_dir.is_symlink() and not _looks_built(out_dir):
        raise SitegenError(
            f"{out_dir.name}/ holds files sitegen did not write: refusing to replace it with the site",
            Location(out_dir.name),
            "output.path",
            hint=f"set output_dir in site.yaml to another folder, or delete {out_dir.name}/ if it is an old build",
        )


def _looks_built(out_dir: Path) -> bool:
    """Whether ``out_dir`` is empty or holds a site sitegen wrote (every build writes ``404.html``)."""
    return os.path.lexists(out_dir / "404.html") or not any(out_dir.iterdir())


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


def swap_in(staging: Path, out_dir: Path) -> None:
    """Make ``staging`` the new ``out_dir`` in one step where the OS allows it."""
    if out_dir.is_symlink():
        out_dir.unlink()  # a link is replaced, never written through
    if out_dir.is_dir() and _exchange(staging, out_dir):
        _remove(staging)  # now holds the previous site
        return
    old = out_dir.parent / f"{out_dir.name}.old-{os.getpid()}"
    if out_dir.is_dir():
        os.rename(out_dir, old)
    os.rename(staging, out_dir)
    _remove(old)


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


def clean_leftovers(out_dir: Path) -> None:
    """Remove staging folders of builds that were killed; restore a site lost mid-swap."""
    parent = out_dir.parent
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(f"{out_dir.name}.old-*"))
    if not out_dir.exists() and olds:
        os.rename(olds[-1], out_dir)  # killed between the two renames of the fallback swap
        olds = olds[:-1]
    for path in [*sorted(parent.glob(f"{out_dir.name}.staging-*")), *olds]:
        _remove(path)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


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
