"""The bare loop the benchmark compares against: read each page, Python-Markdown, one Jinja template, write.

Run as ``python bench/bare.py CONTENT_DIR OUT_DIR``. No caching, no citations,
no sanitising: the least a Python generator must do for these pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import markdown
import yaml

TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1>{% if date %}<p><time>{{ date }}</time></p>{% endif %}
{{ toc }}
{{ body }}
</main></body></html>
"""


def main(content: Path, out: Path) -> int:
    """Render every ``.md`` under ``content`` to ``out/<path>/index.html``."""
    md = markdown.Markdown(extensions=["footnotes", "toc", "tables", "attr_list"])
    template = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    count = 0
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta: dict[str, object] = {}
        if text.startswith("---\n"):
            head, _, text = text[4:].partition("\n---\n")
            meta = yaml.safe_load(head) or {}
        md.reset()
        body = md.convert(text)
        html = template.render(
            title=meta.get("title", path.stem),
            date=meta.get("date"),
            toc=markupsafe_markup(getattr(md, "toc", "")),
            body=markupsafe_markup(body),
        )
        target = out / path.relative_to(content).with_suffix("") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        count += 1
    print(f"bare loop: {count} pages")
    return 0


def markupsafe_markup(text: str) -> object:
    """Trusted HTML for the template."""
    from markupsafe import Markup

    return Markup(text)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
