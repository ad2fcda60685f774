"""sitegen/serve/files.py: what the preview sends: only files inside the output folder, each HTML page with
exactly one live-reload snippet and, while a build is failing, the error."""

from __future__ import annotations

from pathlib import Path

from sitegen.serve import files as serve_files
from sitegen.serve.files import inject, resolve

MARK = b"data-sitegen-livereload"


def test_resolve_refuses_every_traversal_form(tmp_path: Path) -> None:
    root = tmp_path / "public"
    (root / "a").mkdir(parents=True)
    (root / "a" / "index.html").write_text("a")
    (tmp_path / "outside.txt").write_text("x")
    (root / "out.txt").symlink_to(tmp_path / "outside.txt")
    (root / "in.txt").symlink_to(root / "a" / "index.html")
    assert resolve(root, "/", "/a/") == (root / "a" / "index.html").resolve()
    assert resolve(root, "/", "/a") == "/a/"
    assert resolve(root, "/", "/in.txt") == (root / "a" / "index.html").resolve()
    for bad in [
        "/../outside.txt",
        "/%2e%2e/outside.txt",
        "/a/%2E%2E/%2E%2E/outside.txt",
        "//outside.txt",
        "/out.txt",
        "/.hidden",
        "/a\\..\\..\\outside.txt",
        "/nope",
        str(tmp_path / "outside.txt"),
    ]:
        assert resolve(root, "/", bad) is None, bad
    # a site whose base_url has a path is served under that path
    assert resolve(root, "/deep/path/", "/deep/path/a/") == (root / "a" / "index.html").resolve()
    assert resolve(root, "/deep/path/", "/") == "/deep/path/"
    assert resolve(root, "/deep/path/", "/a/") is None


def test_inject_puts_exactly_one_snippet_whatever_the_case_of_head() -> None:
    s = b"<script data-sitegen-livereload></script>"
    assert inject(b"<html><HEAD><title>x</title></HEAD><body>b</body></html>", s) == (
        b"<html><HEAD><title>x</title>" + s + b"</HEAD><body>b</body></html>"
    )
    assert inject(b"<head></head ><body><pre></head></pre>", s).count(s) == 1
    assert inject(b"<p>no head</p><BODY class=x>t", s) == b"<p>no head</p><BODY class=x>" + s + b"t"
    assert inject(b"just text", s) == b"just text" + s
    boxed = inject(b"<head></head><body><p>t</p></body>", s, b"<div>ERR</div>")
    assert boxed == b"<head>" + s + b"</head><body><div>ERR</div><p>t</p></body>"


def test_the_error_box_escapes_the_message() -> None:
    box = serve_files.overlay("content/a.md:3: error: bad <script>alert(1)</script> & more")
    assert b"<script>" not in box
    assert b"content/a.md:3: error: bad &lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in box
