"""The templates and assets a site is rendered with, read once: the project's own files over the package's.

A project overrides a built-in template or asset by putting a file of the same name in its ``templates/``
(``page.html``, ``partials/footer.html``) or ``static/`` (``style.css``); everything else comes from the
package. Templates run in a Jinja environment that escapes by default and refuses undefined names, and every
Jinja error becomes a SitegenError naming the template file and line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from sitegen.errors import Location, Problems, SitegenError
from sitegen.textio import input_files, read_text

TEMPLATES_DIR = "templates"
STATIC_DIR = "static"


def package_dir(name: str) -> Path:
    """A data folder shipped inside the sitegen package (``templates``, ``static``, ``rules``)."""
    return Path(__file__).resolve().parent.parent / name


@dataclass(frozen=True, slots=True)
class Theme:
    """Every template (name → (text, the file it came from)) and every asset (``assets/<path>`` → bytes)."""

    templates: Mapping[str, tuple[str, str]]
    assets: Mapping[str, bytes]

    def asset_hashes(self) -> dict[str, str]:
        """Asset path → a short digest of its bytes, appended to links so browsers never keep a stale copy."""
        return {path: hashlib.sha256(data).hexdigest()[:10] for path, data in self.assets.items()}


def read_theme(project: Path) -> Theme:
    """The package's templates and assets, overridden file by file by the project's ``templates/`` and ``static/``;
    a symbolic link in either is an error."""
    problems = Problems()
    templates: dict[str, tuple[str, str]] = {}
    assets: dict[str, bytes] = {}
    for name, builtin in ((TEMPLATES_DIR, package_dir(TEMPLATES_DIR)), (STATIC_DIR, package_dir(STATIC_DIR))):
        files = [(p, p.relative_to(builtin).as_posix()) for p in sorted(builtin.rglob("*")) if p.is_file()]
        files += [(p, p.relative_to(project / name).as_posix()) for p in input_files(project, name, problems)]
        for path, rel in files:
            if name == STATIC_DIR:
                assets[f"assets/{rel}"] = path.read_bytes()
            elif rel.endswith(".html"):
                templates[rel] = (read_text(path, f"{name}/{rel}"), f"{name}/{rel}")
    problems.raise_if_any()
    return Theme(dict(sorted(templates.items())), dict(sorted(assets.items())))


def make_environment(theme: Theme) -> jinja2.Environment:
    """The Jinja environment for ``theme``: sandboxed, autoescape, StrictUndefined, and the ``date`` filter.

    The sandbox is defence in depth: a template cannot reach Python's internals (``cycler.__init__.__globals__``)
    or change the values it is given. Templates are still the project's code (``docs/security.md``).
    """
    env = ImmutableSandboxedEnvironment(
        # templates already read, so rendering never touches the disk; each error names the template's file
        loader=jinja2.FunctionLoader(
            lambda name: (*theme.templates[name], lambda: True) if name in theme.templates else None
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["date"] = format_date
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": True}
    return env


def format_date(value: Any) -> str:
    """``May 26, 2026``; ``date unknown`` for None (the ``date`` filter)."""
    if value is None:
        return "date unknown"
    return f"{value:%B} {value.day}, {value.year}"


def template_error(exc: jinja2.TemplateError, template: str, origin: str) -> SitegenError:
    """A Jinja error as a SitegenError at the template file and line it happened on."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = Location(exc.filename or f"{TEMPLATES_DIR}/{template}", exc.lineno)
        return SitegenError(f"template syntax error: {exc.message}", where, "template.syntax")
    found = Location(f"{TEMPLATES_DIR}/{template}")
    tb = exc.__traceback__
    while tb is not None:  # the innermost frame of a template's code names its file and line
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(f"{TEMPLATES_DIR}/"):
            compiled = tb.tb_frame.f_globals.get("__jinja_template__")
            line = compiled.get_corresponding_lineno(tb.tb_lineno) if compiled is not None else tb.tb_lineno
            found = Location(filename, line)
        tb = tb.tb_next
    code = "template.unsafe" if isinstance(exc, SecurityError) else "template.render"  # refused by the sandbox
    return SitegenError(f"template error while rendering {origin}: {exc}", found, code)
