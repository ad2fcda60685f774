"""``sitegen init``: a new, buildable project for another story; and what a complete explainer holds."""

from __future__ import annotations

import os
import re
from pathlib import Path

from sitegen.errors import Location, SitegenError
from sitegen.pages import CONTENT_DIR
from sitegen.textio import read_text

PLACEHOLDER = "placeholder: `sitegen build` drafts the overview over this page until you change it"

_SITE_YAML = """\
# Settings for this explainer site. See the sitegen README for every key.
title: {title}
description: An explainer built from the article dumps in seeds/.
language: en
base_url: /
"""

_INDEX_MD = """\
---
title: {title}
summary: What happened, in brief.
# {placeholder}
---

Put article dumps in `seeds/` and run `sitegen build` (or `sitegen serve`): it drafts this overview,
the sections, a timeline and a claims matrix from them. Or write the overview here yourself, citing
every claim with `[@source-id "a few exact words"]` (`sitegen ingest` lists the source ids).
"""


_TEMPLATES_NOTE = """\
# Templates

This folder is empty on purpose: the site uses sitegen's built-in templates. To change one, put a
file of the same name here and it replaces the built-in one, file by file: `page.html`, or a part
such as `partials/footer.html`. Start from a copy of the built-in file; `docs/templates.md` in
sitegen's documentation lists every template and every value a template is given.
"""


def init_project(target: Path, title: str | None = None) -> Path:
    """Create ``target`` with site.yaml, seeds/, content/ and an empty templates/; refuse a non-empty folder."""
    if target.exists() and any(target.iterdir()):
        raise SitegenError("folder is not empty; choose a new folder", Location(str(target)), "init.not-empty")
    from sitegen.curate import stamp  # curate loads for init only, never for a build that lacks no page

    title = title or target.resolve().name.replace("-", " ").replace("_", " ").title() or "Explainer"
    try:
        target.mkdir(parents=True, exist_ok=True)
        (target / "site.yaml").write_text(_SITE_YAML.format(title=_yaml_str(title)), encoding="utf-8")
        (target / "seeds").mkdir()
        (target / "content").mkdir()
        # stamped like a curate draft, so `sitegen curate` and `sitegen build` may replace this placeholder
        index = _INDEX_MD.format(title=_yaml_str(title), placeholder=PLACEHOLDER)
        (target / "content" / "index.md").write_text(stamp(index), encoding="utf-8")
        (target / "templates").mkdir()
        (target / "templates" / "README.md").write_text(_TEMPLATES_NOTE, encoding="utf-8")
        (target / ".gitignore").write_text(
            "public/\npublic.staging-*/\npublic.old-*/\n.sitegen.lock\n.sitegen-cache/\n", encoding="utf-8"
        )
    except OSError as exc:
        raise SitegenError(f"cannot create project: {exc.strerror}", Location(str(target)), "init.io") from None
    return target


def lacks_pages(project: Path) -> bool:
    """False only when content/ has every file `sitegen curate` drafts (the overview, not init's placeholder; a
    page per section of the curate rules; timeline.yaml; claims.yaml): quick, for curate loads only when True."""
    content = project / CONTENT_DIR
    if os.path.lexists(content / "curate.yaml"):
        return True  # the project's own sections: sitegen.curate.missing reads them with the rules
    rules = (Path(__file__).parent / "rules" / "curate.yaml").read_text(encoding="utf-8")
    slugs = re.findall(r"^  - slug: *([\w-]+) *$", rules, re.M)
    names = ["index.md", "timeline.yaml", "claims.yaml", *(f"{slug}.md" for slug in slugs)]
    if not all(os.path.lexists(content / name) for name in names):
        return True
    return PLACEHOLDER in read_text(content / "index.md", f"{CONTENT_DIR}/index.md")


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
