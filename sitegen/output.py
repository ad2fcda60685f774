"""The only writer of the output folder: stage everything, then swap it in at once."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import stat
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Protocol

from sitegen.cache import data_digest
from sitegen.errors import Location, SitegenError

LOCK_FILE = ".sitegen.lock"
_RENAME_EXCHANGE = 2


class File(Protocol):
    """One output file as the later stages see it: a path under the output folder and its bytes
    (``render.Output`` in memory, or :class:`Staged` once written)."""

    @property
    def path(self) -> str: ...

    @property
    def data(self) -> bytes: ...


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


class Stager:
    """A new site written file by file into a staging folder beside ``out_dir``, then swapped in at once.

    ``previous`` maps each path the output folder holds now to its digest (only when the folder is
    known to be exactly that): a staged file with the same digest is hard-linked from there instead
    of written again (files are never modified in place, so sharing them is safe). Use it as a
    context manager: on any error the staging folder is removed and ``out_dir`` is untouched.
    """

    def __init__(self, out_dir: Path, previous: Mapping[str, str] | None = None) -> None:
        check_output_dir(out_dir)
        self.out_dir = out_dir
        self.previous = dict(previous or {})
        self.staging = out_dir.parent / f"{out_dir.name}.staging-{os.getpid()}"
        self.root = self.staging  # where staged files are read back from: the output folder once committed
        self.digests: dict[str, str] = {}
        self.written = 0  # files written rather than linked
        try:
            clean_leftovers(out_dir)
            self.staging.mkdir()
        except OSError as exc:
            raise io_error(exc, out_dir) from None
        self._made: set[Path] = {self.staging}

    def __enter__(self) -> Stager:
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if kind is not None:
            _remove(self.staging)

    def put(self, path: str, data: bytes) -> Staged:
        """Stage one file; what stands for it from now on (its bytes are read back when needed)."""
        return self._stage(path, data_digest(data), None, lambda: data)

    def keep(self, out: File) -> File:
        """``out`` staged (once). An output that knows its digest (:class:`Known`) and is in the
        output folder already is linked without its bytes ever being loaded."""
        if isinstance(out, Staged):
            return out
        if isinstance(out, Known):
            return self._stage(out.path, out.digest, out.head, out.load)
        return self.put(out.path, out.data)

    def _stage(self, path: str, digest: str, head: str | None, load: Callable[[], bytes]) -> Staged:
        """Link the file from the output folder when it holds it with this ``digest``, else write ``load()``."""
        rel = safe_relpath(path)
        target = self.staging.joinpath(*rel.parts)
        try:
            if target.parent not in self._made:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(target.parent)
            if self.previous.get(path) != digest or not _link(self.out_dir.joinpath(*rel.parts), target):
                data = load()
                digest = data_digest(data)
                write_new(target, data)
                self.written += 1
        except OSError as exc:
            raise io_error(exc, self.out_dir) from None
        self.digests[path] = digest
        return Staged(path, digest, self, head)

    def read(self, path: str) -> bytes:
        """The bytes of a staged file."""
        return self.root.joinpath(*safe_relpath(path).parts).read_bytes()

    def commit(self) -> int:
        """Swap the staged site in; the number of files written. When the output folder already holds
        exactly this site it is left as it is (not even swapped) and the answer is 0."""
        try:
            if self.written == 0 and self.previous and self.digests.keys() == self.previous.keys():
                _remove(self.staging)
            else:
                swap_in(self.staging, self.out_dir)
        except OSError as exc:
            _remove(self.staging)
            raise io_error(exc, self.out_dir) from None
        self.root = self.out_dir
        return self.written


@dataclass(frozen=True, slots=True)
class Known:
    """An output whose digest is known; its bytes are loaded only when asked for."""

    path: str
    digest: str
    load: Callable[[], bytes] = field(compare=False, repr=False)
    head: str | None = None  # the digest of the page's ``<head>``, when it is an HTML page

    @property
    def data(self) -> bytes:
        """The file's bytes."""
        return self.load()


@dataclass(frozen=True, slots=True)
class Staged:
    """A file of the site being built, by path and digest; its bytes are read from disk when asked for."""

    path: str
    digest: str
    stager: Stager = field(compare=False, repr=False)
    head: str | None = None  # as in Known

    @property
    def data(self) -> bytes:
        """The file's bytes."""
        return self.stager.read(self.path)


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


def _link(existing: Path, target: Path) -> bool:
    """Hard-link ``existing`` (a regular file, not a link) at ``target``; False when that is not possible."""
    try:
        if not stat.S_ISREG(os.lstat(existing).st_mode):
            return False
        os.link(existing, target, follow_symlinks=False)
    except OSError:
        return False
    return True


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


def write_new(target: Path | str, data: bytes, dir_fd: int | None = None) -> None:
    """Create ``target`` (never through a pre-planted file or link) holding ``data``."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=dir_fd)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def replace_file(out_dir: Path, rel: str, data: bytes) -> None:
    """Replace the file ``rel`` of ``out_dir`` in one step: a new file beside it, renamed over it.

    Every folder on the way is opened without following links, so a link planted in the
    output folder is never written through; a reader sees the old file or the new one.
    """
    parts = safe_relpath(rel).parts
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
    dir_fd = os.open(out_dir, flags)
    try:
        for part in parts[:-1]:
            next_fd = os.open(part, flags, dir_fd=dir_fd)
            os.close(dir_fd)
            dir_fd = next_fd
        tmp = f".{parts[-1]}.sitegen-{os.getpid()}"
        try:
            write_new(tmp, data, dir_fd)
            os.replace(tmp, parts[-1], src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            with suppress(OSError):
                os.unlink(tmp, dir_fd=dir_fd)
            raise
    finally:
        os.close(dir_fd)


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
    import ctypes  # only here: a build that changed nothing never swaps

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
