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
from pathlib import Path

from sitegen.cache import Cache, Manifest, data_digest, lstat
from sitegen.output import clean_leftovers, io_error, safe_relpath, write_new, write_site
from sitegen.render import Output


def publish(outputs: Sequence[Output], out_dir: Path, cache: Cache) -> int:
    """Make ``out_dir`` hold exactly ``outputs``; the number of files written."""
    digests = {o.path: data_digest(o.data) for o in outputs}
    key = str(out_dir)
    previous = cache.get("manifest", key)
    if isinstance(previous, Manifest) and previous.intact(out_dir):
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


def _record(out_dir: Path, digests: dict[str, str]) -> Manifest:
    folders = {""}
    files = []
    for rel, d in sorted(digests.items()):
        st = lstat(out_dir / rel)
        if st is None:
            continue
        files.append((rel, d, st))
        parts = rel.split("/")[:-1]
        folders.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    stats = [(rel, lstat(out_dir / rel if rel else out_dir)) for rel in sorted(folders)]
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
