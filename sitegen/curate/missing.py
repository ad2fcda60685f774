"""What ``sitegen build`` drafts: the files of the explainer that content/ lacks, as ``sitegen curate`` drafts them.

The drafts are curate's own (``draft_pages`` with the project's rules and title), checked with the build's
resolver (``check``) and written the way curate writes (``plan``, ``apply``), with one difference: a file that
exists is never touched, however it came there. The one exception is the overview ``sitegen init`` leaves as a
placeholder, replaced while nobody has changed it (it is stamped like a draft, so an edit shows). A language
model named in ``site.yaml`` is never called here: the build stays offline and quick, and ``sitegen curate``
is the command that drafts with one. A failure leaves content/ as it was: the files drafted before it are taken
back, and the placeholder is replaced last of all.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Sequence
from pathlib import Path

from sitegen.curate import draft_pages, edited, load_rules
from sitegen.curate.protect import Action, apply, plan
from sitegen.curate.write import CLAIMS, TIMELINE, Draft, check
from sitegen.errors import SitegenError
from sitegen.model import Source
from sitegen.pages import CONTENT_DIR
from sitegen.scaffold import PLACEHOLDER
from sitegen.textio import read_text

OVERVIEW = f"{CONTENT_DIR}/index.md"
_CITED = re.compile(r"[\[;]\s*@([A-Za-z0-9][A-Za-z0-9_-]*)")


def placeholder(text: str) -> bool:
    """True for the overview ``sitegen init`` wrote, unchanged since."""
    return PLACEHOLDER in text and not edited(text)


def draft_missing(project: Path, sources: Sequence[Source], title: str) -> tuple[str, ...]:
    """Draft, check and write every file of the explainer content/ lacks (and over init's untouched placeholder);
    one line for each file written. Nothing is written when a draft would not build or a write fails."""
    rules = load_rules(project)
    wanted = [OVERVIEW, *(f"{CONTENT_DIR}/{rule.slug}.md" for rule in rules.sections), TIMELINE, CLAIMS]
    overview = project / OVERVIEW
    lacking = not all(os.path.lexists(project / rel) for rel in wanted)
    if not sources or not (lacking or placeholder(read_text(overview, OVERVIEW))):
        return ()
    drafts = draft_pages(sources, rules, title)
    actions = [
        a
        for a in plan(project, drafts)
        if not os.path.lexists(project / a.path) or (a.path == OVERVIEW and a.old is not None and placeholder(a.old))
    ]
    check([Draft(a.path, a.new) for a in actions], sources)
    done: list[Action] = []
    try:
        for action in sorted(actions, key=lambda a: a.old is not None):  # the placeholder last: never put back
            apply(project, [action])
            done.append(action)
    except SitegenError:
        for action in done:  # new files only
            with contextlib.suppress(OSError):
                (project / action.path).unlink()
        raise
    ids = {s.id for s in sources}
    return tuple(_line(a, len(ids.intersection(_CITED.findall(a.new)))) for a in actions)


def _line(action: Action, cited: int) -> str:
    over = " over init's placeholder" if action.old is not None else ""
    return f"drafted {action.path}{over} from {cited} source{'s' if cited != 1 else ''}: edit it freely"
