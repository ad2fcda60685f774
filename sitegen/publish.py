"""Publish a build: skip what the output folder already holds, and swap in the rest.

The output folder's state after each build is remembered in the cache (every
file's digest and ``lstat``, every folder's ``lstat``). When the folder is
still exactly that, the next build compares digests: if nothing differs it
writes nothing; if a few files differ it stages the new site beside the output
with hard links to the unchanged files and fresh copies of the changed ones, and
swaps it in at once, so readers and a killed build only ever see the old site or
the new one. Any other case, including a folder someone touched, goes through
the full staged write and swap of ``output.write_site``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from sitegen.cache import Cache, Manifest, data_digest, lstat
from sitegen.output import clean_leftovers, io_error, safe_relpath, swap_in, write_new, write_site
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
            _relink_and_swap(outputs, changed, out_dir)
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


def _relink_and_swap(outputs: Sequence[Output], changed: Sequence[Output], out_dir: Path) -> None:
    """Stage the whole new site beside ``out_dir`` and swap it in at once.

    Unchanged files are hard links to the current ones (cheap, and never written
    to again), changed files are written anew, removed files are simply left out;
    then one exchange makes the staged tree the output folder.
    """
    clean_leftovers(out_dir)
    staging = out_dir.parent / f"{out_dir.name}.staging-{os.getpid()}"
    fresh = {o.path for o in changed}
    made: set[Path] = set()
    try:
        staging.mkdir()
        made.add(staging)
        for out in outputs:
            rel = safe_relpath(out.path)
            target = staging.joinpath(*rel.parts)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            if out.path in fresh or not _link(out_dir.joinpath(*rel.parts), target):
                write_new(target, out.data)
        swap_in(staging, out_dir)
    except OSError as exc:
        raise io_error(exc, out_dir) from None
    finally:
        clean_leftovers(out_dir)


def _link(existing: Path, target: Path) -> bool:
    """Hard-link ``existing`` (a regular file, not a link) at ``target``; False when that is not possible."""
    try:
        if not stat.S_ISREG(os.lstat(existing).st_mode):
            return False
        os.link(existing, target, follow_symlinks=False)
    except OSError:
        return False
    return True
