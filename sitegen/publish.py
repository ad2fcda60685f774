"""What the output folder holds between builds, so a build writes only what changed.

The output folder's state after each build is remembered in the cache (every
file's digest and ``lstat``, every folder's ``lstat``). When the folder is
still exactly that, the next build's :class:`~sitegen.output.Stager` hard-links
the unchanged files into the staged site and writes only the changed ones, and
a build that changed nothing leaves the folder as it is. Any other case,
including a folder someone touched, stages every file afresh. The preview's
quick rebuilds :func:`patch` single files in place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from sitegen.cache import Cache, Manifest, data_digest, lstat
from sitegen.output import File, io_error, replace_file


def previous_files(out_dir: Path, cache: Cache) -> dict[str, str] | None:
    """Path → digest of every file in ``out_dir`` when it is exactly as the last build left it, else None."""
    previous = cache.get("manifest", str(out_dir))
    if isinstance(previous, Manifest) and previous.intact(out_dir):
        return {path: d for path, d, _ in previous.files}
    return None


def record(out_dir: Path, digests: Mapping[str, str], cache: Cache) -> None:
    """Remember that ``out_dir`` now holds exactly the files in ``digests`` (path → digest)."""
    cache.put("manifest", str(out_dir), _record(out_dir, digests))


def patch(outputs: Sequence[File], out_dir: Path, cache: Cache) -> bool:
    """Replace a few files of ``out_dir`` in place, each in one step (the preview's quick rebuilds).

    Only when each file exists and it and the folders above it are as the last build left them;
    otherwise nothing is written and the answer is False, and a full build is due. A file that
    cannot be written is a SitegenError; the files replaced before it stay, and are recorded.
    """
    key = str(out_dir)
    previous = cache.get("manifest", key)
    if not isinstance(previous, Manifest):
        return False
    old = {path: (d, st) for path, d, st in previous.files}
    folders = dict(previous.folders)
    digests = {o.path: data_digest(o.data) for o in outputs}
    for path in digests:
        # the files replaced and every folder above them must be as recorded; the rest of the
        # manifest is kept as it was, so a change elsewhere is still found by the next build
        ancestors = ["/".join(path.split("/")[:i]) for i in range(path.count("/") + 1)]
        if path not in old or lstat(out_dir / path) != old[path][1]:
            return False
        if any(rel not in folders or lstat(out_dir / rel if rel else out_dir) != folders[rel] for rel in ancestors):
            return False
    changed = [o for o in outputs if old[o.path][0] != digests[o.path]]
    replaced: dict[str, str] = {}
    try:
        for out in changed:
            replace_file(out_dir, out.path, out.data)
            replaced[out.path] = digests[out.path]
    except OSError as exc:
        raise io_error(exc, out_dir) from None
    finally:  # what was replaced is recorded, and only that, even when a later file failed
        cache.put("manifest", key, _patched(previous, out_dir, replaced))
    return True


def _patched(previous: Manifest, out_dir: Path, replaced: dict[str, str]) -> Manifest:
    """``previous`` with the files in ``replaced`` (path → digest) and their folders as they are now.

    A file that cannot be seen any more is left out, so the next build finds the folder changed.
    """
    parents = {path.rpartition("/")[0] for path in replaced}
    files = []
    for path, d, st in previous.files:
        now = lstat(out_dir / path) if path in replaced else st
        if now is not None:
            files.append((path, replaced.get(path, d), now))
    folders = []
    for rel, st in previous.folders:
        now = lstat(out_dir / rel if rel else out_dir) if rel in parents else st
        if now is not None:
            folders.append((rel, now))
    return Manifest(tuple(files), tuple(folders))


def _record(out_dir: Path, digests: Mapping[str, str]) -> Manifest:
    folders = {""}
    files = []
    root = str(out_dir) + "/"
    for rel, d in sorted(digests.items()):
        st = lstat(root + rel)
        if st is None:
            continue
        files.append((rel, d, st))
        parts = rel.split("/")[:-1]
        folders.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    stats = [(rel, lstat(root + rel if rel else out_dir)) for rel in sorted(folders)]
    return Manifest(tuple(files), tuple((rel, st) for rel, st in stats if st is not None))
