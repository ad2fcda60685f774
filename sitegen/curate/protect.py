"""Drafts → files in content/, never over an editor's work.

A file curate wrote carries a hash of its text (``curated: ...``). A page or YAML file whose hash
no longer matches, or that has none, is the editor's: the new draft goes beside it as
``NAME.draft.md`` (``NAME.draft.yaml``), which the build never reads, unless ``--force``. A
``.draft`` file that is itself the editor's (changed since curate wrote it, or never written by
curate) is left alone too, and the new draft is not written.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sitegen.curate.write import Draft, edited
from sitegen.errors import Location, SitegenError
from sitegen.textio import read_text


@dataclass(frozen=True, slots=True)
class Action:
    """What curate does with one draft: ``write``, ``unchanged``, ``beside`` (the file was edited), ``force``,
    or ``kept`` (the file and the ``.draft`` beside it were both edited: nothing is written)."""

    kind: str
    path: str  # the file drafted
    target: str  # the file written (the file itself, or its .draft beside it)
    old: str | None
    new: str

    def diff(self) -> str:
        """A unified diff of the target's current text against the new one."""
        lines = difflib.unified_diff(
            (self.old or "").splitlines(keepends=True),
            self.new.splitlines(keepends=True),
            fromfile=f"a/{self.target}" if self.old is not None else "/dev/null",
            tofile=f"b/{self.target}",
        )
        return "".join(lines)


def beside(path: str) -> str:
    """Where the new draft of an edited file goes: ``content/x.md`` → ``content/x.draft.md``."""
    stem, dot, ext = path.rpartition(".")
    return f"{stem}.draft.{ext}" if dot else f"{path}.draft"


def plan(project: Path, drafts: Sequence[Draft], force: bool = False) -> list[Action]:
    """What to do with each draft: never overwrite an edited file (or an edited .draft) unless ``force``."""
    actions = []
    for d in drafts:
        path = project / d.path
        old = read_text(path, d.path) if path.exists() else None
        if old is None:
            actions.append(Action("write", d.path, d.path, None, d.text))
        elif old == d.text:
            actions.append(Action("unchanged", d.path, d.path, old, d.text))
        elif not edited(old) or force:
            actions.append(Action("force" if edited(old) else "write", d.path, d.path, old, d.text))
        else:
            target = beside(d.path)
            prev_path = project / target
            prev = read_text(prev_path, target) if prev_path.exists() else None
            if prev is not None and prev != d.text and edited(prev):
                actions.append(Action("kept", d.path, target, prev, d.text))
            else:
                actions.append(Action("beside", d.path, target, prev, d.text))
    return actions


def apply(project: Path, actions: Sequence[Action]) -> None:
    """Write every action's target (atomically per file); ``unchanged`` and ``kept`` write nothing."""
    for a in actions:
        if a.kind in ("unchanged", "kept") or (a.kind == "beside" and a.old == a.new):
            continue
        path = project / a.target
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(a.new, encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:
            raise SitegenError(f"cannot write: {exc.strerror}", Location(a.target), "curate.io") from None
