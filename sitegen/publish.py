"""Publish a build: skip what the output folder already holds, and swap in the rest.

The output folder's state after each build is remembered in the cache (every
file's digest and ``lstat``, every folder's ``lstat``). When the folder is
still exactly that, the next build compares digests: if nothing differs it
writes nothing; if a few files differ it writes them to a staging folder beside
the output and renames each into place (the renames follow only once every new
file is safely written, so a failure leaves the old site as it was). Any other
case, including a folder someone touched, goes through the full staged swap of
``output.write_site``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sitegen.cache import Cache, data_digest
from sitegen.output import clean_leftovers, io_error, safe_relpath, write_new, write_site
from sitegen.render import Output

_Stat = tuple[int, int, int]  # (inode, size, mtime_ns)


@dataclass(frozen=True, slots=True)
class Manifest:
    """What the output folder held after the last build."""

    files: tuple[tuple[str, str, _Stat], ...]  # (path, digest, stat)
    folders: tuple[tuple[str, _Stat], ...]  # ("" is the output folder itself)


def publish(outputs: Sequence[Output], out_dir: Path, cache: Cache) -> int:
    """Make ``out_dir`` hold exactly ``outputs``; the number of files written."""
    digests = {o.path: data_digest(o.data) for o in outputs}
    key = str(out_dir)
    previous = cache.get("manifest", key)
    if isinstance(previous, Manifest) and _unchanged(out_dir, previous):
        old = {path: d for path, d, _ in previous.files}
        changed = [o for o in outputs if old.get(o.path) != digests[o.path]]
        removed = sorted(set(old) - set(digests))
        if not changed and not removed:
            return 0
        if len(changed) + len(removed) <= max(64, len(outputs) // 20):
            _replace_files(changed, removed, out_dir)
            cache.put("manifest", key, _record(out_dir, digests))
            return len(changed)
    write_site(outputs, out_dir)
    cache.put("manifest", key, _record(out_dir, digests))
    return len(outputs)


def _lstat(path: Path) -> _Stat | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _unchanged(out_dir: Path, manifest: Manifest) -> bool:
    """Whether every file and folder is as the last build left it (a folder's mtime moves when entries change)."""
    for rel, _, st in manifest.files:
        if _lstat(out_dir / rel) != st:
            return False
    return all(_lstat(out_dir / rel if rel else out_dir) == st for rel, st in manifest.folders)


def _record(out_dir: Path, digests: dict[str, str]) -> Manifest:
    folders = {""}
    files = []
    for rel, d in sorted(digests.items()):
        st = _lstat(out_dir / rel)
        if st is None:
            continue
        files.append((rel, d, st))
        parts = rel.split("/")[:-1]
        folders.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    stats = [(rel, _lstat(out_dir / rel if rel else out_dir)) for rel in sorted(folders)]
    return Manifest(tuple(files), tuple((rel, st) for rel, st in stats if st is not None))


def _replace_files(changed: Sequence[Output], removed: Sequence[str], out_dir: Path) -> None:
    """Write ``changed`` beside ``out_dir``, then rename each into place and delete ``removed``."""
    clean_leftovers(out_dir)
    staging = out_dir.parent / f"{out_dir.name}.staging-{os.getpid()}"
    moves: list[tuple[Path, Path]] = []
    try:
        staging.mkdir()
        for n, out in enumerate(changed):
            rel = safe_relpath(out.path)
            temp = staging / str(n)
            write_new(temp, out.data)
            moves.append((temp, out_dir.joinpath(*rel.parts)))
        for temp, target in moves:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temp, target)
        for rel_path in removed:
            target = out_dir.joinpath(*safe_relpath(rel_path).parts)
            target.unlink(missing_ok=True)
            parent = target.parent
            while parent != out_dir and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
    except OSError as exc:
        raise io_error(exc, out_dir) from None
    finally:
        clean_leftovers(out_dir)
