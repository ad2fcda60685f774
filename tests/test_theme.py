"""sitegen/render/theme.py: the project's templates and assets over the package's, file by file; Jinja strict
and escaping; template errors at the template's own file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest

from sitegen.errors import SitegenError
from sitegen.render.theme import format_date, make_environment, package_dir, read_theme, template_error
from tests.conftest import write_files


def test_a_projects_file_replaces_the_builtin_one_of_the_same_name_and_nothing_else(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "templates/partials/footer.html": "<p>mine</p>\n",
            "templates/README.md": "a note, not a template",
            "templates/.hidden.html": "skipped",
            "static/style.css": "body{}",
            "static/extra/x.js": "1",
        },
    )
    theme = read_theme(tmp_path)
    builtin = {p.relative_to(package_dir("templates")).as_posix() for p in package_dir("templates").rglob("*.html")}
    assert set(theme.templates) == builtin
    assert theme.templates["partials/footer.html"] == ("<p>mine</p>\n", "templates/partials/footer.html")
    assert theme.templates["page.html"][0] == (package_dir("templates") / "page.html").read_text(encoding="utf-8")
    assert theme.assets["assets/style.css"] == b"body{}"
    assert theme.assets["assets/extra/x.js"] == b"1"
    assert theme.assets["assets/cite.js"] == (package_dir("static") / "cite.js").read_bytes()
    assert len(theme.asset_hashes()["assets/style.css"]) == 10


def test_a_linked_template_is_refused(tmp_path: Path) -> None:
    write_files(tmp_path, {"elsewhere/page.html": "x"})
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").symlink_to(tmp_path / "elsewhere" / "page.html")
    with pytest.raises(SitegenError) as info:
        read_theme(tmp_path)
    assert info.value.format().splitlines()[0] == (
        "templates/page.html: error: symbolic links are not followed in inputs [input.symlink]"
    )


def test_templates_escape_and_refuse_undefined_names(tmp_path: Path) -> None:
    write_files(
        tmp_path, {"templates/x.html": "{{ v }}|{{ d | date }}|{{ none | date }}\n", "templates/y.html": "{{ nope }}"}
    )
    env = make_environment(read_theme(tmp_path))
    assert env.get_template("x.html").render(v="<b>", d=dt.date(2026, 5, 6), none=None) == (
        "&lt;b&gt;|May 6, 2026|date unknown\n"
    )
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("y.html").render()
    assert format_date(None) == "date unknown"


def test_a_template_error_is_located_at_the_template_that_made_it(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "templates/outer.html": "line one\n{% include 'partials/inner.html' %}\n",
            "templates/partials/inner.html": "a\nb {{ x.y }}\n",
        },
    )
    env = make_environment(read_theme(tmp_path))
    with pytest.raises(jinja2.TemplateError) as caught:
        env.get_template("outer.html").render(x=object())
    error = template_error(caught.value, "outer.html", "content/a.md")
    assert error.format() == (
        "templates/partials/inner.html:2: error: template error while rendering content/a.md: "
        "'object object' has no attribute 'y' [template.render]"
    )
    write_files(tmp_path, {"templates/bad.html": "ok\n{% if %}\n"})
    with pytest.raises(jinja2.TemplateSyntaxError) as syntax:
        make_environment(read_theme(tmp_path)).get_template("bad.html")
    assert template_error(syntax.value, "bad.html", "content/a.md").format() == (
        "templates/bad.html:2: error: template syntax error: Expected an expression, got 'end of statement block'"
        " [template.syntax]"
    )
