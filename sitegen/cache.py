"""The build cache: values keyed by content hashes of everything they depend on.

Entries live in one SQLite file, ``<project>/.sitegen-cache/cache.sqlite``. A
key is a hash of the inputs (page text, the sources it cites, the templates,
the config, ...) salted with a digest of sitegen's own code and the versions of
the libraries that shape the output, so nothing made by another sitegen version
is ever found. Every value carries a checksum; an entry that fails it, a value
that does not unpickle, or a database that does not open is dropped and the
work is simply redone. Values are unpickled by an unpickler that only builds
plain data and sitegen's own dataclasses.

A ``Cache`` can also keep values in memory (the preview server's builder), and
``Cache.off()`` remembers nothing (``sitegen build --no-cache``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import importlib.util
import io
import os
import pickle
import sqlite3
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitegen import __version__

CACHE_DIR = ".sitegen-cache"
DB_FILE = "cache.sqlite"
_FLUSH_BYTES = 2_000_000  # write pending entries in batches so a large cold build stays small in memory
_LIBRARIES = ("markdown", "jinja2", "markupsafe", "nh3", "yaml", "PIL", "pagefind", "bs4")


def digest(*parts: object) -> str:
    """A hex key for ``parts`` (their ``repr``: frozen dataclasses, tuples, text, bytes, dates)."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def data_digest(data: bytes) -> str:
    """A hex key for raw bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@lru_cache(maxsize=1)
def code_salt() -> str:
    """A digest of sitegen's version, its code and templates, and the installed libraries that shape output."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{__version__}|{sys.version}".encode())
    for name in _LIBRARIES:
        spec = importlib.util.find_spec(name)  # located, not imported: a no-op build stays light
        origin = spec.origin if spec and spec.origin else ""
        h.update(f"|{name}={origin}:{_stat_of(origin)}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if (
            path.is_file()
            and "__pycache__" not in path.parts
            and path.suffix in {".py", ".html", ".yaml", ".css", ".js"}
        ):
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _stat_of(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


class _SafeUnpickler(pickle.Unpickler):
    """Builds only plain data, dates, Markup and sitegen's dataclasses."""

    _BUILTINS = frozenset({"tuple", "list", "dict", "set", "frozenset", "str", "bytes", "int", "float", "bool"})

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in self._BUILTINS:
            return getattr(__import__("builtins"), name)
        if module == "datetime" and name in {"date", "datetime", "timezone", "timedelta"}:
            return getattr(dt, name)
        if module == "markupsafe" and name == "Markup":
            from markupsafe import Markup

            return Markup
        if module.startswith("sitegen.") and module in sys.modules:
            found = getattr(sys.modules[module], name, None)
            if isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from the cache")


def _seal(value: object) -> bytes:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.blake2b(payload, digest_size=16).digest() + payload


def _open_sealed(blob: bytes) -> tuple[bool, object]:
    """(True, value) for a sound entry; (False, None) for a corrupt one."""
    check, payload = blob[:16], blob[16:]
    if len(check) != 16 or hashlib.blake2b(payload, digest_size=16).digest() != check:
        return False, None
    try:
        return True, _SafeUnpickler(io.BytesIO(payload)).load()
    except Exception:  # any failure to load a cache entry means: not cached
        return False, None


class Cache:
    """Get and put values by ``(kind, key)``; counts what it reused."""

    def __init__(self, folder: Path | None, memory: bool = False) -> None:
        self.folder = folder
        self.memory: dict[tuple[str, str], object] | None = {} if memory else None
        self.salt = code_salt()
        self.hits = 0
        self.misses = 0
        self.corrupt = 0
        self._db: sqlite3.Connection | None = None
        self._opened = False
        self._pending: dict[tuple[str, str], bytes] = {}
        self._pending_bytes = 0
        self._used: set[tuple[str, str]] = set()

    @classmethod
    def for_project(cls, project: Path, memory: bool = False) -> Cache:
        """The cache under ``project/.sitegen-cache``."""
        return cls(project / CACHE_DIR, memory)

    @classmethod
    def off(cls) -> Cache:
        """A cache that never remembers anything."""
        return cls(None)

    def get(self, kind: str, key: str) -> object | None:
        """The value stored under ``(kind, key)``, or None (missing, corrupt or from another version)."""
        slot = (kind, key)
        self._used.add(slot)
        if self.memory is not None and slot in self.memory:
            self.hits += 1
            return self.memory[slot]
        blob = self._pending.get(slot)
        if blob is None:
            db = self._connect(create=False)
            row = db.execute("SELECT value FROM entries WHERE kind=? AND key=?", slot).fetchone() if db else None
            blob = row[0] if row else None
        if blob is None:
            self.misses += 1
            return None
        ok, value = _open_sealed(blob)
        if not ok:
            self.corrupt += 1
            self.misses += 1
            self._drop(slot)
            return None
        self.hits += 1
        if self.memory is not None:
            self.memory[slot] = value
        return value

    def has(self, kind: str, key: str) -> bool:
        """Whether ``(kind, key)`` is stored (without loading or checking it)."""
        slot = (kind, key)
        if (self.memory is not None and slot in self.memory) or slot in self._pending:
            return True
        db = self._connect(create=False)
        return bool(db and db.execute("SELECT 1 FROM entries WHERE kind=? AND key=?", slot).fetchone())

    def put(self, kind: str, key: str, value: object) -> None:
        """Remember ``value`` under ``(kind, key)``."""
        slot = (kind, key)
        self._used.add(slot)
        if self.memory is not None:
            self.memory[slot] = value
        if self.folder is None:
            return
        blob = _seal(value)
        self._pending[slot] = blob
        self._pending_bytes += len(blob)
        if self._pending_bytes > _FLUSH_BYTES:
            self.flush()

    def flush(self, create: bool = True) -> None:
        """Write pending entries (creating the cache file only when ``create``)."""
        if not self._pending:
            return
        db = self._connect(create=create)
        if db is None:
            self._pending.clear()
            return
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO entries(kind, key, value) VALUES (?, ?, ?)",
                    [(k, key, v) for (k, key), v in self._pending.items()],
                )
        except sqlite3.Error:
            self._reset()
        self._pending.clear()
        self._pending_bytes = 0

    def close(self, succeeded: bool = True) -> None:
        """Flush (a failed build only adds to a cache that already exists), forget unused entries, close."""
        self.flush(create=succeeded)
        if self.memory is not None and succeeded:  # the preview keeps only what the last build used
            self.memory = {slot: v for slot, v in self.memory.items() if slot in self._used}
        db = self._db
        if db is not None and succeeded:
            self._collect_garbage(db)
        if db is not None:
            db.close()
        self._db = None
        self._opened = False
        self._used = set()

    def _collect_garbage(self, db: sqlite3.Connection) -> None:
        """Drop entries this build did not use once they outnumber the used ones."""
        try:
            (total,) = db.execute("SELECT count(*) FROM entries").fetchone()
            if total <= 2 * len(self._used) + 64:
                return
            with db:
                db.execute("CREATE TEMP TABLE used(kind TEXT, key TEXT, PRIMARY KEY(kind, key))")
                db.executemany("INSERT OR IGNORE INTO used VALUES (?, ?)", self._used)
                db.execute("DELETE FROM entries WHERE (kind, key) NOT IN (SELECT kind, key FROM used)")
                db.execute("DROP TABLE used")
        except sqlite3.Error:
            self._reset()

    def _drop(self, slot: tuple[str, str]) -> None:
        self._pending.pop(slot, None)
        db = self._connect(create=False)
        if db is not None:
            try:
                with db:
                    db.execute("DELETE FROM entries WHERE kind=? AND key=?", slot)
            except sqlite3.Error:
                self._reset()

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        """The open database; a file that is not a sound cache of this version is replaced."""
        if self._db is not None or self.folder is None:
            return self._db
        path = self.folder / DB_FILE
        if not create and (self._opened or not path.exists()):
            return None
        self._opened = True
        for attempt in range(2):
            try:
                if create:
                    self.folder.mkdir(exist_ok=True)
                db = sqlite3.connect(path)
                db.execute("PRAGMA journal_mode=MEMORY")
                db.execute("PRAGMA synchronous=OFF")
                db.execute("CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value TEXT)")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS entries(kind TEXT, key TEXT, value BLOB, PRIMARY KEY(kind, key))"
                )
                row = db.execute("SELECT value FROM meta WHERE name='salt'").fetchone()
                if row is None or row[0] != self.salt:
                    with db:  # made by another sitegen: never trusted
                        db.execute("DELETE FROM entries")
                        db.execute("INSERT OR REPLACE INTO meta VALUES ('salt', ?)", (self.salt,))
                self._db = db
                return db
            except (sqlite3.Error, OSError):
                if attempt == 0:
                    _unlink(path)
        return None

    def _reset(self) -> None:
        """Give up on a database that failed mid-use: close and delete it."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None
        if self.folder is not None:
            _unlink(self.folder / DB_FILE)


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


_Stat = tuple[int, int, int]  # (inode, size, mtime_ns)
INPUTS = ("site.yaml", "seeds", "content", "templates", "static", "rules")  # what a build reads from a project


@dataclasses.dataclass(frozen=True, slots=True)
class Manifest:
    """What the output folder held after the last build: each file's digest and ``lstat``, each folder's."""

    files: tuple[tuple[str, str, _Stat], ...]  # (path, digest, stat)
    folders: tuple[tuple[str, _Stat], ...]  # ("" is the output folder itself)

    def intact(self, out_dir: Path) -> bool:
        """Whether every file and folder is as the build left it (a folder's mtime moves when entries change)."""
        root = os.fspath(out_dir) + "/"  # plain strings: pathlib costs more than the lstat here
        for rel, _, st in self.files:
            if lstat(root + rel) != st:
                return False
        return all(lstat(root + rel if rel else out_dir) == st for rel, st in self.folders)


def lstat(path: Path | str) -> _Stat | None:
    """(inode, size, mtime_ns) of ``path`` itself, or None."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


@dataclasses.dataclass(frozen=True, slots=True)
class Stamp:
    """A successful build: the digest of its inputs, where it wrote, and its summary numbers."""

    inputs: str
    out_dir: str
    pages: int
    sources: int


def file_digest(path: Path) -> bytes:
    """A file's content digest, read in chunks; a marker when it cannot be read (the build then reports it)."""
    h = hashlib.blake2b(digest_size=16)
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except OSError as exc:
        return f"unreadable:{exc.errno}".encode()
    return h.digest()


def inputs_digest(project: Path, salt: str) -> str:
    """A digest of every input file of ``project`` (by content), sitegen's code and the build's environment."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{salt}|{os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
    for name in INPUTS:
        top = project / name
        paths = [top] if not top.is_dir() or top.is_symlink() else sorted(top.rglob("*"))
        for path in paths:
            h.update(b"\0" + str(path.relative_to(project)).encode())
            if path.is_symlink():
                h.update(b"link:" + os.fsencode(os.readlink(path)))
            elif path.is_file():
                h.update(file_digest(path))
    for path in sorted(project.glob("*.yaml")):
        if path.is_file():
            h.update(b"\0" + path.name.encode() + file_digest(path))
    return h.hexdigest()


def stamp_key(base_url: str | None) -> str:
    """Where the stamp of a build with this ``--base-url`` is kept."""
    return digest("stamp", base_url)


def up_to_date(project: Path, base_url: str | None) -> Stamp | None:
    """The last build's stamp when no input changed since and its output folder is untouched; else None."""
    return check_inputs(project, base_url)[0]


def check_inputs(project: Path, base_url: str | None) -> tuple[Stamp | None, str | None]:
    """:func:`up_to_date`'s answer, and the inputs' digest when it was worked out (a build can start from it)."""
    cache = Cache.for_project(project)
    try:
        stamp = cache.get("stamp", stamp_key(base_url))
        if not isinstance(stamp, Stamp):
            return None, None
        inputs = inputs_digest(project, cache.salt)
        if stamp.inputs != inputs:
            return None, inputs
        if Path(stamp.out_dir).parent != project:  # a copied or moved project: its stamp speaks of another folder
            return None, inputs
        manifest = cache.get("manifest", stamp.out_dir)
        if not isinstance(manifest, Manifest) or not manifest.intact(Path(stamp.out_dir)):
            return None, inputs
        return stamp, inputs
    finally:
        cache.close(succeeded=False)
