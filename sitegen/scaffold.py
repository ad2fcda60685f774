"""``sitegen init``: a new, buildable project for another story."""

from __future__ import annotations

from pathlib import Path

from sitegen.curate import stamp
from sitegen.errors import Location, SitegenError

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
---

Write the overview here. Cite every claim with `[@source-id "a few exact words"]`;
`sitegen ingest` lists the source ids, and `sitegen curate` drafts the pages.
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
    title = title or target.resolve().name.replace("-", " ").replace("_", " ").title() or "Explainer"
    try:
        target.mkdir(parents=True, exist_ok=True)
        (target / "site.yaml").write_text(_SITE_YAML.format(title=_yaml_str(title)), encoding="utf-8")
        (target / "seeds").mkdir()
        (target / "content").mkdir()
        # stamped like a curate draft, so `sitegen curate` may replace this placeholder
        (target / "content" / "index.md").write_text(stamp(_INDEX_MD.format(title=_yaml_str(title))), encoding="utf-8")
        (target / "templates").mkdir()
        (target / "templates" / "README.md").write_text(_TEMPLATES_NOTE, encoding="utf-8")
        (target / ".gitignore").write_text(
            "public/\npublic.staging-*/\npublic.old-*/\n.sitegen.lock\n.sitegen-cache/\n", encoding="utf-8"
        )
    except OSError as exc:
        raise SitegenError(f"cannot create project: {exc.strerror}", Location(str(target)), "init.io") from None
    return target


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
