"""The bad-input table: hostile text, malformed input and hostile paths never break the site or lose it.

One test (or parametrised group) per case; each checks its expected outcome and the
invariants in ``tests/invariants.py``. Faults (cases 26–28) are in ``test_faults.py``,
determinism (case 29) in ``test_determinism.py``, the preview server (31–33) in ``test_serve.py``.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.markup import make_markdown
from tests.conftest import MINIMAL_SEED, tree_digest, write_files
from tests.invariants import (
    Invariants,
    Result,
    all_html,
    build_inproc,
    build_subprocess,
    html_of,
    limits,
    remember_tmp_path_factory,  # noqa: F401 (an autouse fixture)
    session_dir,
)

PAGE = '---\ntitle: The bridge\n---\nThe city opened a bridge [@bridge "opened a new bridge"].\n'
BACKGROUND = "---\ntitle: Background\n---\n## History\n\nIt took three years [@bridge ¶1].\n"
BASE: dict[str, str | bytes] = {
    "site.yaml": "title: Test site\nbase_url: /\ndraft_missing: false\n",
    "seeds/bridge.txt": MINIMAL_SEED,
    "seeds/sources.yaml": "bridge.txt:\n  id: bridge\n",
    "content/index.md": PAGE,
    "content/background.md": BACKGROUND,
}


def project_with(tmp_path: Path, files: dict[str, str | bytes] | None = None, name: str = "site") -> Path:
    """A small valid project (one seed, two pages) plus ``files``, not built."""
    project = tmp_path / name
    write_files(project, {**BASE, **(files or {})})
    return project


def build_fresh(tmp_path: Path, files: dict[str, str | bytes] | None = None) -> tuple[Path, Invariants]:
    """A project with a good ``public/`` from a first build, and its invariant checker."""
    project = project_with(tmp_path, files)
    first = build_inproc(project)
    assert first.code == 0, first.err
    return project, Invariants(tmp_path, project)


_PREBUILT: dict[str, Path] = {}


def built(tmp_path: Path, files: dict[str, str | bytes] | None = None) -> tuple[Path, Invariants]:
    """Like :func:`build_fresh`, but copied from a project built once per session (the copy's own cache and
    output records do not match its folder, so its next build is a full one, as after a first build)."""
    key = hashlib.sha256(repr(sorted((files or {}).items())).encode()).hexdigest()[:12]
    if key not in _PREBUILT:
        _PREBUILT[key], _ = build_fresh(session_dir("prebuilt"), files)
    project = tmp_path / "site"
    shutil.copytree(_PREBUILT[key], project, symlinks=True)
    return project, Invariants(tmp_path, project)


def break_it(project: Path, files: dict[str, str | bytes]) -> None:
    """Replace or add input files after the good build."""
    write_files(project, files)


def page(front: str, body: str = "Some text.\n") -> str:
    """A content page from its front matter lines and body."""
    return f"---\n{front}---\n{body}"


# ---------------------------------------------------------------- 1–6: untrusted text stays inert

HOSTILE_SEED = """\
Council Approves Harbour Plan
By Ana Ruiz | April 2, 2025
The council approved the harbour plan on Tuesday <script>alert(1)</script> after a long debate.
<SCRIPT SRC=//x.example/evil.js></SCRIPT>
Residents posted <img src=x onerror=alert(1)> and <svg onload=alert(2)> on the council's forum.
A link said <a onmouseover=alert(3) href="javascript:alert(4)">click</a> to see the vote.
Another read [the minutes](javascript:alert(5)){: onclick="alert(6)" } and data:text/html,<b>x</b> too.
The clerk wrote {{ 7*7 }} and {% include '/etc/passwd' %} on the public notice board.
"""
HOSTILE_PAGE = page(
    "title: Harbour\n",
    'The plan passed [@harbour "approved the harbour plan"].\n\n'
    '<script>alert("page")</script>\n\n'
    '<img src="https://x.example/a.png" onerror=alert(1)> <svg onload=alert(2)><circle/></svg>\n\n'
    '<a onmouseover="alert(3)" href="/">hover</a>\n\n'
    "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) [c]( javascript:alert(3))\n\n"
    '<a href="jav&#x09;ascript:alert(4)">d</a> [e](data:text/html,<script>alert(5)</script>)\n\n'
    '<a href="vbscript:msgbox(6)">f</a> <iframe src="https://x.example"></iframe> <object data="x"></object>\n\n'
    '[g](/){: onclick="alert(7)" }\n\n'
    "Literal {{ 7*7 }} and {% include '/etc/passwd' %} here.\n",
)


def hostile_project(tmp_path: Path) -> tuple[Path, Invariants]:
    project = project_with(
        tmp_path,
        {
            "seeds/harbour.txt": HOSTILE_SEED,
            "seeds/sources.yaml": "bridge.txt:\n  id: bridge\nharbour.txt:\n  id: harbour\n  full_text: true\n",
            "content/harbour.md": HOSTILE_PAGE,
        },
    )
    return project, Invariants(tmp_path, project)


def test_hostile_seed_and_page_are_inert(tmp_path: Path) -> None:
    """Cases 1–4 and 6: <script>, on*=, javascript:/data:/vbscript:, attr_list and {{ }} never become markup."""
    project, inv = hostile_project(tmp_path)
    inv.expect_success()
    public = project / "public"
    everything = all_html(public)
    for raw in ("<script>alert", "<SCRIPT SRC", "<svg", "<iframe", "<object"):
        assert raw not in everything, raw  # handler attributes are checked on every tag by S2
    source = html_of(public, "sources/harbour/index.html")
    # the seed's text is shown, escaped, never executed or evaluated
    assert "{{ 7*7 }}" in source and "{% include &#39;/etc/passwd&#39; %}" in source
    assert "root:x:" not in everything
    harbour = html_of(public, "harbour/index.html")
    assert "Literal {{ 7*7 }} and {% include" in harbour
    assert ">49<" not in harbour and " 49 " not in harbour
    # links with script schemes lose their target but keep their text
    for text in ("a", "b", "c", "d", "f"):
        assert re.search(rf"<a>{text}</a>", harbour), text


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//x.example/e.js></SCRIPT>",
        '<img src="https://x.example/a.png" onerror=alert(1)>',
        "<svg onload=alert(1)>",
        "<a onmouseover=alert(1)>x</a>",
        "<body onload=alert(1)>",
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
        "<style>body{background:url(javascript:x)}</style>",
        '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
        '<base href="javascript:alert(1)//">',
        '<form action="javascript:alert(1)"><button>x</button></form>',
    ],
)
def test_raw_html_in_a_page_is_sanitised(tmp_path: Path, snippet: str) -> None:
    """Cases 1–3: raw HTML in editors' Markdown passes nh3 before it reaches a page."""
    project = project_with(tmp_path, {"content/raw.md": page("title: Raw\n", f"Before.\n\n{snippet}\n\nAfter.\n")})
    Invariants(tmp_path, project).expect_success()
    raw = html_of(project / "public", "raw/index.html")
    assert "Before." in raw and "After." in raw


def test_front_matter_text_is_escaped_everywhere(tmp_path: Path) -> None:
    """Case 5: HTML in titles, summaries and source metadata is escaped; JSON-LD stays valid JSON."""
    title = "</title><script>x</script>"
    summary = 'He said "it\'s <b>done</b>" & left'
    project = project_with(
        tmp_path,
        {
            "content/background.md": page(
                f"title: '{title}'\nsummary: '{summary.replace(chr(39), chr(39) * 2)}'\n",
                "It took three years [@bridge ¶1].\n",
            ),
            "seeds/bridge.txt": MINIMAL_SEED.replace("By Jane Doe", 'By Jane "JJ" O\'Doe'),
            "seeds/sources.yaml": "bridge.txt:\n  id: bridge\n  title: '<b>Bold</b> claim'\n"
            "  outlet: 'Daily <i>News</i>'\n",
        },
    )
    Invariants(tmp_path, project).expect_success()
    public = project / "public"
    bg = html_of(public, "background/index.html")
    escaped = "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"
    assert f"<title>{escaped} · Test site</title>" in bg
    assert f"<h1>{escaped}</h1>" in bg
    assert f'<meta property="og:title" content="{escaped}">' in bg
    assert "He said &#34;it&#39;s &lt;b&gt;done&lt;/b&gt;&#34; &amp; left" in bg
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', bg, re.S)
    assert block, "no JSON-LD block"
    data = json.loads(block.group(1))
    assert data["headline"] == title and data["description"] == summary
    assert "</" not in block.group(1)
    source = html_of(public, "sources/bridge/index.html")
    assert "&lt;b&gt;Bold&lt;/b&gt; claim" in source and "Daily &lt;i&gt;News&lt;/i&gt;" in source
    assert "<b>Bold</b>" not in all_html(public)


def test_template_syntax_in_input_is_literal(tmp_path: Path) -> None:
    """Case 6: template syntax in a seed, a title or a body is text, never evaluated."""
    project = project_with(
        tmp_path,
        {
            "seeds/bridge.txt": MINIMAL_SEED.replace("on Monday", "on Monday {{ 7*7 }} {{ config.title }}"),
            "content/background.md": page(
                "title: '{{ 7*7 }} {% raw %}'\n", "{{ site.sources }} and {% include '/etc/passwd' %} [@bridge ¶1].\n"
            ),
        },
    )
    Invariants(tmp_path, project).expect_success()
    public = project / "public"
    bg = html_of(public, "background/index.html")
    assert "<h1>{{ 7*7 }} {% raw %}</h1>" in bg
    assert "{{ site.sources }} and {% include \u2018/etc/passwd\u2019 %}" in bg  # smart quotes, still literal
    assert "{{ 7*7 }} {{ config.title }}" in html_of(public, "sources/bridge/index.html")
    assert "root:x:" not in all_html(public)


# ---------------------------------------------------------------- 7–13: strict, located YAML


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (
            "title: A\nsummary: x\n  bad: y\n",
            "content/a.md:4:6: error: invalid YAML: mapping values are not allowed here",
        ),
        (
            'title: A\nsummary: x\ntags: "unclosed\n',
            "content/a.md:4:7: error: invalid YAML: found unexpected end of stream",
        ),
        ("title: A\nsummary: x\n- item\n", "content/a.md:4:1: error: invalid YAML:"),
    ],
    ids=["bad-indent", "unclosed-quote", "stray-list-item"],
)
def test_malformed_front_matter_names_the_file_line(tmp_path: Path, front: str, expected: str) -> None:
    """Case 7: the reported line is the file's line (front matter starts on line 2), with its column."""
    project, inv = built(tmp_path)
    break_it(project, {"content/a.md": page(front)})
    inv.expect_failure(expected, offender="content/a.md")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: A\nSome text.\n", "content/a.md:1: error: front matter not terminated: no closing '---'"),
        ("title: A\n---\nSome text.\n", "content/a.md:1: error: front matter not terminated: it has a closing '---'"),
    ],
    ids=["no-closing-fence", "closing-fence-only"],
)
def test_unterminated_front_matter(tmp_path: Path, text: str, expected: str) -> None:
    """Case 8."""
    project, inv = built(tmp_path)
    break_it(project, {"content/a.md": text})
    inv.expect_failure(expected + " ", offender="content/a.md")


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        (
            "content/a.md",
            page("title: A\nsummary: !!python/object/apply:os.system ['touch PWNED']\n"),
            "content/a.md:3:10: error: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        (
            "content/a.md",
            page("title: !!python/name:os.system\n"),
            "content/a.md:2:8: error: YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed",
        ),
        (
            "site.yaml",
            "title: !!python/object/apply:os.system ['touch PWNED']\n",
            "site.yaml:1:8: error: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        (
            "seeds/sources.yaml",
            "bridge.txt:\n  id: !!python/object/apply:os.system ['touch PWNED']\n",
            "seeds/sources.yaml:2:7: error: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        ("content/a.md", page("title: !custom x\n"), "content/a.md:2:8: error: YAML tag '!custom' is not allowed"),
    ],
    ids=["object-apply", "python-name", "site-yaml", "sources-yaml", "local-tag"],
)
def test_yaml_tags_are_refused_and_never_run(tmp_path: Path, rel: str, text: str, expected: str) -> None:
    """Case 9: no tag constructs anything; PWNED never appears (run as a real process in the project)."""
    project, inv = built(tmp_path)
    break_it(project, {rel: text})
    inv.expect_failure(expected, offender=rel, run=build_subprocess)
    assert not list(tmp_path.rglob("PWNED"))


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        (
            "content/a.md",
            page("title: A\ndate: 2024-02-30\n"),
            "content/a.md:3:7: error: 'date': impossible date '2024-02-30' (day is out of range for month) [yaml.date]",
        ),
        (
            "content/a.md",
            page("title: A\nupdated: 2024-13-45\n"),
            "content/a.md:3:10: error: 'updated': impossible date '2024-13-45' (month must be in 1..12) [yaml.date]",
        ),
        (
            "seeds/sources.yaml",
            "bridge.txt:\n  id: bridge\n  date: 2024-02-30\n",
            "seeds/sources.yaml:3:9: error: 'date': impossible date '2024-02-30'",
        ),
    ],
    ids=["day", "month", "sources-yaml"],
)
def test_impossible_dates(tmp_path: Path, rel: str, text: str, expected: str) -> None:
    """Case 10: PyYAML's bare ValueError becomes a located error naming the field."""
    project, inv = built(tmp_path)
    break_it(project, {rel: text})
    inv.expect_failure(expected, offender=rel)


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("title: [a, b]\n", "content/a.md:2: error: key 'title' must be text, not a list [schema.type]"),
        ("title: 2024\n", "content/a.md:2: error: key 'title' must be text, not a whole number [schema.type]"),
        (
            "title: A\ntags: no\n",
            "content/a.md:3:7: error: 'tags': ambiguous value 'no': write true or false, or quote it as text",
        ),
        ("title: A\ndraft: yes\n", "content/a.md:3:8: error: 'draft': ambiguous value 'yes'"),
        ("title: A\norder: 010\n", "content/a.md:3:8: error: 'order': ambiguous number '010': quote it as text"),
        ("title: A\nversion: 1\n", "content/a.md:3: error: unknown key 'version' [schema.unknown-key]"),
        ("summary: no title\n", "content/a.md:1: error: missing required key 'title' [frontmatter.required]"),
        ("title: A\norder: first\n", "content/a.md:3: error: key 'order' must be a whole number, not text"),
        ("title: A\ntags: [1, 2]\n", "content/a.md:3: error: 'tags' must be a list of text [schema.type]"),
        ("title: '  '\n", "content/a.md:2: error: 'title' is empty [frontmatter.required]"),
    ],
    ids=[
        "title-list",
        "title-int",
        "tags-no",
        "draft-yes",
        "octal",
        "unknown-key",
        "missing-title",
        "order-text",
        "tags-ints",
        "blank-title",
    ],
)
def test_type_and_coercion_traps(tmp_path: Path, front: str, expected: str) -> None:
    """Case 11: one schema error per field; unknown keys are errors (deterministically)."""
    project, inv = built(tmp_path)
    break_it(project, {"content/a.md": page(front, "No heading here.\n")})
    inv.expect_failure(expected, offender="content/a.md")


def test_every_schema_problem_is_reported_at_once(tmp_path: Path) -> None:
    """Case 11: several bad fields in one page give one error each, in line order."""
    project, inv = built(tmp_path)
    break_it(project, {"content/a.md": page("title: [a]\norder: x\ncolour: red\n")})
    result = inv.expect_failure(offender="content/a.md")
    assert result.err.splitlines()[:3] == [
        "content/a.md:2: error: key 'title' must be text, not a list [schema.type]",
        "content/a.md:3: error: key 'order' must be a whole number, not text [schema.type]",
        "content/a.md:4: error: unknown key 'colour' [schema.unknown-key]",
    ]


def test_a_bad_page_does_not_hide_another_pages_citation_errors(tmp_path: Path) -> None:
    """Collect, then fail: a front-matter error in one page and a bad quote in another, in one run."""
    project, inv = built(tmp_path)
    break_it(
        project,
        {
            "content/a.md": page("title: A\ndate: 2026-02-30\n"),
            "content/b.md": page("title: B\n", 'It will [@bridge "cut travel times"].\n'),
        },
    )
    result = inv.expect_failure(offender="content/a.md")
    assert result.err.splitlines() == [
        "content/a.md:3:7: error: 'date': impossible date '2026-02-30' (day is out of range for month) [yaml.date]",
        'content/b.md:4: error: quote not found in source bridge: "cut travel times" [citation.quote]',
        "2 errors",
    ]


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        (
            "content/a.md",
            page("title: A\nsummary: s\ntitle: B\n"),
            "content/a.md:4:1: error: duplicate key 'title' (first at line 2) [yaml.duplicate-key]",
        ),
        ("site.yaml", "title: A\ntitle: B\n", "site.yaml:2:1: error: duplicate key 'title' (first at line 1)"),
        (
            "seeds/sources.yaml",
            "bridge.txt:\n  id: a\n  id: b\n",
            "seeds/sources.yaml:3:3: error: duplicate key 'id' (first at line 2)",
        ),
    ],
    ids=["front-matter", "site-yaml", "sources-yaml"],
)
def test_duplicate_keys(tmp_path: Path, rel: str, text: str, expected: str) -> None:
    """Case 12: PyYAML alone would keep the last value silently."""
    project, inv = built(tmp_path)
    break_it(project, {rel: text})
    inv.expect_failure(expected, offender=rel)


BOMB = "title: A\n" + "".join(
    f"{a}: &{a} [{', '.join(['*' + p] * 9) if p else ', '.join(['lol'] * 9)}]\n"
    for p, a in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        ("content/a.md", page(BOMB), "content/a.md:4:8: error: YAML aliases (*a) are not allowed [yaml.alias]"),
        (
            "content/a.md",
            page("title: A\nx: " + "[" * 5000 + "]" * 5000 + "\n"),
            "content/a.md:3:53: error: YAML is nested too deeply (more than 50 levels) [yaml.too-deep]",
        ),
        (
            "content/a.md",
            page("title: A\nx: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n"),
            "content/a.md:3:200: error: YAML is nested too deeply (more than 50 levels)",
        ),
        (
            "site.yaml",
            "title: A\nnav:\n  " + "- " * 5000 + "x\n",
            "site.yaml:3:101: error: YAML is nested too deeply (more than 50 levels)",
        ),
        (
            "content/a.md",
            page("title: &t A\nsummary: *t\n"),
            "content/a.md:3:10: error: YAML aliases (*t) are not allowed",
        ),
    ],
    ids=["alias-bomb", "deep-flow-seq", "deep-flow-map", "deep-block-seq", "plain-alias"],
)
def test_alias_bombs_and_deep_nesting_fail_fast(tmp_path: Path, rel: str, text: str, expected: str) -> None:
    """Case 13: refused from the event stream, so memory and time stay small (capped: 1 GB, 20 s CPU)."""
    project, inv = built(tmp_path)
    break_it(project, {rel: text})
    run = lambda p: build_subprocess(p, preexec=limits(memory_mb=1024, cpu_seconds=20))  # noqa: E731
    inv.expect_failure(expected, offender=rel, run=run)


# ---------------------------------------------------------------- 14–19: encodings, sizes, pathological text


def test_bom_gives_the_same_site(tmp_path: Path) -> None:
    """Case 14: a UTF-8 BOM before '---', in site.yaml, sources.yaml and a seed changes nothing."""
    plain = project_with(tmp_path, name="plain")
    bom = project_with(tmp_path, name="bom")
    for rel in ("site.yaml", "seeds/bridge.txt", "seeds/sources.yaml", "content/index.md", "content/background.md"):
        path = bom / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    for project in (plain, bom):
        Invariants(tmp_path, project).expect_success()
    assert tree_digest(bom / "public") == tree_digest(plain / "public")
    assert "title: The bridge" not in all_html(bom / "public")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"caf\xe9 society\n" + MINIMAL_SEED.encode(), "seeds/x.txt:1: error: byte 3: invalid UTF-8 (0xe9)"),
        (
            MINIMAL_SEED.encode().replace(b"three years", b"three \xff years"),
            "seeds/x.txt:3: error: byte 135: invalid UTF-8 (0xff)",
        ),
        (b"\xef\xbb\xbf" + "naïve\n".encode("cp1252"), "seeds/x.txt:1: error: byte 5: invalid UTF-8 (0xef)"),
        (
            MINIMAL_SEED.encode().replace(b"bridge over", b"bridge \xed\xa0\x80 over"),
            "seeds/x.txt:3: error: byte 98: invalid UTF-8 (0xed)",
        ),
    ],
    ids=["cp1252-start", "middle", "after-bom", "lone-surrogate"],
)
def test_invalid_utf8_is_a_located_error(tmp_path: Path, data: bytes, expected: str) -> None:
    """Cases 15–16: the file, line and byte offset of the first bad byte; no guessing of encodings."""
    project, inv = built(tmp_path)
    break_it(project, {"seeds/x.txt": data})
    inv.expect_failure(expected, "[input.encoding]", offender="seeds/x.txt")


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        (
            "seeds/x.txt",
            MINIMAL_SEED.replace("three years", "three\x00years"),
            "seeds/x.txt:3: error: control character U+0000 is not allowed in text [input.control-char]",
        ),
        (
            "content/a.md",
            page("title: A\n", "Bell\x07 here.\n"),
            "content/a.md:4: error: control character U+0007 is not allowed in text",
        ),
        (
            "content/a.md",
            page('title: "A\\0B"\n'),
            "content/a.md:2:8: error: 'title': control character U+0000 is not allowed in text",
        ),
        ("content/a.md", page('title: "A\\ud800"\n'), "content/a.md:2:8: error: 'title': control character U+D800"),
        ("site.yaml", "title: T\x1b[31m\n", "site.yaml:1: error: control character U+001B is not allowed in text"),
    ],
    ids=["nul-in-seed", "bell-in-page", "yaml-escaped-nul", "yaml-escaped-surrogate", "escape-in-site-yaml"],
)
def test_control_characters_are_rejected(tmp_path: Path, rel: str, text: str, expected: str) -> None:
    """Case 16: NUL and other C0 controls (except tab and line ends) are refused, also via YAML escapes."""
    project, inv = built(tmp_path)
    break_it(project, {rel: text})
    inv.expect_failure(expected, offender=rel)


def test_invalid_utf8_in_a_template_is_located(tmp_path: Path) -> None:
    """Cases 15 and 34: a project template is read like any other input, not handed to Jinja to crash on."""
    project, inv = built(tmp_path)
    break_it(project, {"templates/404.html": b'{% extends "base.html" %}\n{% block main %}caf\xe9{% endblock %}\n'})
    inv.expect_failure("templates/404.html:2: error: byte 45: invalid UTF-8 (0xe9)", offender="templates/404.html")


def test_crlf_and_mixed_line_ends_give_the_same_site(tmp_path: Path) -> None:
    """Case 16: CRLF, CR and mixed line ends are read as LF; the output is byte-identical."""
    lf = project_with(tmp_path, name="lf")
    crlf = project_with(tmp_path, name="crlf")
    for i, rel in enumerate(
        ("site.yaml", "seeds/bridge.txt", "seeds/sources.yaml", "content/index.md", "content/background.md")
    ):
        path = crlf / rel
        text = path.read_bytes()
        path.write_bytes(text.replace(b"\n", b"\r\n") if i % 2 == 0 else text.replace(b"\n", b"\r\n", 2))
    for project in (lf, crlf):
        Invariants(tmp_path, project).expect_success()
    assert tree_digest(crlf / "public") == tree_digest(lf / "public")
    assert b"\r" not in b"".join(p.read_bytes() for p in (crlf / "public").rglob("*.html"))


@pytest.mark.parametrize(
    ("files", "offender", "expected"),
    [
        ({"seeds/x.txt": ""}, "seeds/x.txt", "seeds/x.txt:1: error: seed is empty: there is no article text in it"),
        ({"seeds/x.txt": " \n\t\n  \n"}, "seeds/x.txt", "seeds/x.txt:1: error: seed is empty"),
        (
            {"seeds/x.txt": "Subscribe to our newsletter\n"},
            "seeds/x.txt",
            "seeds/x.txt:1: error: no article text left after removing debris",
        ),
    ],
    ids=["empty", "whitespace", "only-debris"],
)
def test_empty_seeds_are_errors(tmp_path: Path, files: dict[str, str | bytes], offender: str, expected: str) -> None:
    """Case 17: an empty seed is a per-file error, never a crash or a blank source page."""
    project, inv = built(tmp_path)
    break_it(project, files)
    inv.expect_failure(expected, "[seed.empty]", offender=offender)


def test_an_empty_seeds_folder_gives_an_empty_site_and_a_warning(tmp_path: Path) -> None:
    """Case 17: zero articles in seeds/ is a new project: a valid site with no sources, and a warning."""
    project, inv = built(tmp_path)
    write_files(project, {"content/index.md": page("title: Soon\n", "Nothing to cite yet.\n")})
    (project / "content" / "background.md").unlink()
    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    result = inv.expect_success()
    assert result.err == ("seeds: warning: no article dumps in seeds/ (.txt, .md, .html or .htm files) [seeds.empty]\n")
    assert "<h1>Soon</h1>" in html_of(project / "public", "index.html")
    assert sorted(p.name for p in (project / "public" / "sources").iterdir()) == ["card.png", "index.html"]


def test_no_seeds_folder_is_a_clean_error(tmp_path: Path) -> None:
    """Case 17: a project without seeds/ is refused, naming the folder."""
    project, inv = built(tmp_path)
    shutil.rmtree(project / "seeds")
    inv.expect_failure("seeds: error: no seeds/ folder: put the article dumps there [seeds.missing]", offender="seeds")


def test_page_with_empty_body_builds(tmp_path: Path) -> None:
    """Case 17: front matter and nothing else is a valid (short) page."""
    project = project_with(
        tmp_path, {"content/empty.md": "---\ntitle: Empty\n---\n", "content/bare.md": "---\n---\n# Bare\n"}
    )
    Invariants(tmp_path, project).expect_success()
    assert "<h1>Empty</h1>" in html_of(project / "public", "empty/index.html")
    assert "<h1>Bare</h1>" in html_of(project / "public", "bare/index.html")


@pytest.mark.parametrize(
    ("rel", "make", "expected"),
    [
        (
            "seeds/big.txt",
            "sparse-50mb",
            "seeds/big.txt: error: file exceeds limit (2000000 bytes): it has 52428800 bytes [input.too-large]",
        ),
        (
            "seeds/long.txt",
            "1mb-line",
            "seeds/long.txt:3: error: line exceeds limit (100000 characters) [input.too-large]",
        ),
        (
            "content/a.md",
            "big-front-matter",
            "content/a.md:2: error: YAML exceeds limit (256000 bytes) [yaml.too-large]",
        ),
        ("content/big.md", "3mb-page", "content/big.md: error: file exceeds limit (2000000 bytes)"),
    ],
    ids=["50mb-seed", "1mb-line", "front-matter-over-cap", "3mb-page"],
)
def test_oversized_input_is_refused_quickly(tmp_path: Path, rel: str, make: str, expected: str) -> None:
    """Case 18: refused by size before it is read whole (capped: 512 MB address space, 20 s CPU)."""
    project, inv = built(tmp_path)
    path = project / rel
    if make == "sparse-50mb":
        with open(path, "wb") as fh:
            fh.truncate(50 * 2**20)
    elif make == "1mb-line":
        path.write_text("Title Of It\nBy A B | March 3, 2025\n" + "word " * 210_000 + "\n", encoding="utf-8")
    elif make == "big-front-matter":
        path.write_text(page("title: A\nsummary: |\n" + ("  " + "x" * 99 + "\n") * 3000), encoding="utf-8")
    else:
        path.write_text(page("title: Big\n", ("A sentence of text. " * 40 + "\n\n") * 4000), encoding="utf-8")
    run = lambda p: build_subprocess(p, preexec=limits(memory_mb=1024, cpu_seconds=20))  # noqa: E731
    inv.expect_failure(expected, offender=rel, run=run)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[" * 5000 + "x" + "]" * 5000, "content/x.md:4: error: too many '[' in one paragraph: exceeds limit (1000)"),
        ("[\n" * 3000, "content/x.md:4: error: too many '[' in one paragraph"),
        ("[a](<" * 5000, "content/x.md:4: error: too many '[' in one paragraph"),
        (">" * 10000 + " deep", "content/x.md:4: error: blockquotes nested too deeply: exceeds limit (20 levels)"),
        ("\n".join(">" * i + " q" for i in range(1, 200)), "content/x.md:24: error: blockquotes nested too deeply"),
        (
            "\n".join("    " * i + "- item" for i in range(100)),
            "content/x.md:37: error: line indented too deeply: exceeds limit (128 columns)",
        ),
    ],
    ids=["5000-brackets", "bracket-lines", "unclosed-links", "10000-quotes", "quote-staircase", "100-deep-list"],
)
def test_pathological_markdown_is_refused_by_a_cap(tmp_path: Path, body: str, expected: str) -> None:
    """Case 19: shapes that make Python-Markdown quadratic or recurse to a crash are refused up front."""
    project, inv = built(tmp_path)
    break_it(project, {"content/x.md": page("title: X\n", body + "\n")})
    run = lambda p: build_subprocess(p, preexec=limits(memory_mb=1024, cpu_seconds=20))  # noqa: E731
    inv.expect_failure(expected, "[markdown.limit]", offender="content/x.md", run=run)


def test_pathological_markdown_within_the_caps_builds(tmp_path: Path) -> None:
    """Case 19: 20 000 '*', long emphasis runs and many blocks still render (capped at 20 s CPU)."""
    body = "*" * 20000 + "\n\n" + "*a " * 20000 + "\n\n" + "*_" * 5000 + "x" + "_*" * 5000 + "\n\n" + "[\n\n" * 2000
    project = project_with(tmp_path, {"content/x.md": page("title: X\n", body)})
    run = lambda p: build_subprocess(p, preexec=limits(memory_mb=1024, cpu_seconds=20))  # noqa: E731
    Invariants(tmp_path, project).expect_success(run=run)


def test_stray_html_declarations_do_not_crash_any_parser(tmp_path: Path) -> None:
    """Case 19: '<![' (CVE-2025-69534's trigger in Python's HTMLParser) in a text seed, an HTML seed and a page."""
    html_seed = (
        "<html><head><title>Harbour Plan</title></head><body><h1>Harbour Plan</h1><p>The council "
        "approved the harbour plan <![ on Tuesday after a long debate.</p><p>Residents said it would "
        "bring jobs to the waterfront.</p></body></html>"
    )
    project = project_with(
        tmp_path,
        {
            "seeds/bridge.txt": MINIMAL_SEED.replace("on Monday", "on Monday <script>x</script> <![ if"),
            "seeds/harbour.html": html_seed,
            "content/x.md": page("title: X\n", "A stray <![ declaration and <!x> here.\n"),
        },
    )
    Invariants(tmp_path, project).expect_success()


def test_an_exception_inside_markdown_is_a_render_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Case 19: a crash inside Python-Markdown (cf. CVE-2025-69534) fails the build cleanly, naming the page."""
    project, inv = built(tmp_path)
    break_it(project, {"content/x.md": page("title: X\n", "<![ boom\n")})
    original = type(make_markdown()).convert

    def convert(self: object, source: str) -> str:
        if "<![" in source:
            raise AssertionError("unexpected call to parse_html_declaration()")
        return original(self, source)  # type: ignore[arg-type]

    monkeypatch.setattr(type(make_markdown()), "convert", convert)
    inv.expect_failure("content/x.md: error: render error: AssertionError: unexpected call", offender="content/x.md")


# ---------------------------------------------------------------- 20–25: paths, collisions, links, citations, links


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("slug: ../../evil\n", "content/a.md:3: error: slug '../../evil' is not a valid URL segment"),
        ("slug: /tmp/evil\n", "content/a.md:3: error: slug '/tmp/evil' is not a valid URL segment"),
        ("slug: '..\\..\\x'\n", "content/a.md:3: error: slug '..\\\\..\\\\x' is not a valid URL segment"),
        ("slug: a/b\n", "content/a.md:3: error: slug 'a/b' is not a valid URL segment"),
        ("slug: CON\n", "content/a.md:3: error: slug 'CON' is not a valid URL segment"),
        ("slug: con\n", "content/a.md:3: error: slug 'con' is a reserved device name on Windows"),
        ('slug: "a\\0b"\n', "content/a.md:3:7: error: 'slug': control character U+0000 is not allowed"),
        ("slug: ''\n", "content/a.md:3: error: slug '' is not a valid URL segment"),
        ("slug:\n", "content/a.md:3: error: slug '' is not a valid URL segment"),
        ("slug: .\n", "content/a.md:3: error: slug '.' is not a valid URL segment"),
    ],
    ids=["dotdot", "absolute", "backslash", "subfolder", "upper-device", "device", "nul", "empty", "null", "dot"],
)
def test_hostile_slugs_write_nothing_outside(tmp_path: Path, front: str, expected: str) -> None:
    """Case 20: I4 snapshots the whole tmp_path; /tmp/evil must not appear either."""
    evil_existed = Path("/tmp/evil").exists()
    project, inv = built(tmp_path)
    break_it(project, {"content/a.md": page("title: A\n" + front)})
    inv.expect_failure(expected, "[page.slug]" if "control" not in expected else "", offender="content/a.md")
    assert Path("/tmp/evil").exists() == evil_existed


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("content/CON.md", "content/CON.md: error: file name 'CON' is a reserved device name on Windows"),
        ("content/背景.md", "content/背景.md: error: file name '背景' cannot be made into a URL segment"),
        ("content/-x.md", "content/-x.md: error: file name '-x' cannot be made into a URL segment"),
        ("content/a b/c.md", None),
    ],
    ids=["device", "no-latin", "leading-dash", "space-folder-ok"],
)
def test_file_names_become_safe_segments(tmp_path: Path, rel: str, expected: str | None) -> None:
    """Case 20: file and folder names are slugified, or refused with a hint to set `slug:`."""
    project, inv = built(tmp_path)
    break_it(project, {rel: page("title: A\n")})
    if expected is None:
        inv.expect_success()
        assert (project / "public/a-b/c/index.html").is_file()
    else:
        inv.expect_failure(expected, "[page.slug]", offender=rel)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("id: ../evil", "seeds/sources.yaml: error: id '../evil' must use only a-z, 0-9 and '-'"),
        ("id: /tmp/evil", "seeds/sources.yaml:2: error: id '/tmp/evil' must use only a-z, 0-9 and '-'"),
        ("id: ''", "seeds/sources.yaml:2: error: id '' must use only a-z, 0-9 and '-'"),
        (
            "id: " + "a" * 300,
            f"seeds/sources.yaml:2: error: id '{'a' * 300}' must use only a-z, 0-9 and '-' (at most 80",
        ),
    ],
    ids=["dotdot", "absolute", "empty", "too-long-for-a-file-name"],
)
def test_hostile_source_ids(tmp_path: Path, entry: str, expected: str) -> None:
    """Case 20: source ids from sources.yaml are URL segments and folder names too."""
    project, inv = built(tmp_path)
    break_it(project, {"seeds/sources.yaml": f"bridge.txt:\n  {entry}\n"})
    inv.expect_failure(expected.replace("sources.yaml: error", "sources.yaml:2: error"), offender="seeds/sources.yaml")


NFC = unicodedata.normalize("NFC", "café")
NFD = unicodedata.normalize("NFD", "café")


@pytest.mark.parametrize(
    ("files", "offender", "expected"),
    [
        (
            {"content/a.md": page("title: A\nslug: same\n"), "content/b.md": page("title: B\nslug: same\n")},
            "content/b.md",
            "content/b.md: error: pages would write the same URL /same/: content/a.md, content/b.md [page.collision]",
        ),
        (
            {"content/Foo.md": page("title: A\n"), "content/foo.md": page("title: B\n")},
            "content/foo.md",
            "content/foo.md: error: pages would write the same URL /foo/: content/Foo.md, content/foo.md",
        ),
        (
            {f"content/{NFC}.md": page("title: A\n"), f"content/{NFD}.md": page("title: B\n")},
            f"content/{NFC}.md",
            f"error: pages would write the same URL /cafe/: content/{NFD}.md, content/{NFC}.md [page.collision]",
        ),
        (
            {
                "content/x.md": page("title: A\n"),
                "content/x/index.md": page("title: B\n"),
                "content/y.md": page("title: C\nslug: x\n"),
            },
            "content/x.md",
            "error: pages would write the same URL /x/: content/x/index.md, content/x.md, content/y.md",
        ),
    ],
    ids=["same-slug", "case", "nfc-nfd", "three-ways"],
)
def test_two_pages_one_url_is_an_error_naming_all(
    tmp_path: Path, files: dict[str, str | bytes], offender: str, expected: str
) -> None:
    """Case 21: one message lists every colliding file and the URL."""
    project, inv = built(tmp_path)
    break_it(project, files)
    result = inv.expect_failure(expected, offender=offender)
    assert sum("page.collision" in line for line in result.err.splitlines()) == 1


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("slug: index\n", "content/a.md:3: error: the URL /index/ is reserved for the generator's own pages"),
        ("slug: tags\n", "content/a.md:3: error: the URL /tags/ is reserved"),
        ("slug: sources\n", "content/a.md:3: error: the URL /sources/ is reserved"),
        ("slug: assets\n", "content/a.md:3: error: the URL /assets/ is reserved"),
    ],
    ids=["index", "tags", "sources", "assets"],
)
def test_reserved_paths(tmp_path: Path, front: str, expected: str) -> None:
    """Case 21: a page may not take a URL the generator writes itself."""
    project, inv = built(tmp_path)
    break_it(project, {"content/a.md": page("title: A\n" + front)})
    inv.expect_failure(expected, "[page.reserved]", offender="content/a.md")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("See [x](/no/such/).\n", "content/a.md:4: error: broken link '/no/such/'"),
        ("See [x](/background/#nope).\n", "content/a.md:4: error: broken link '/background/#nope'"),
        ("Fine.\n\nSee [x](missing.md).\n", "content/a.md:6: error: broken link 'missing.md'"),
        ("See [x](/b/#legacy).\n", "content/a.md:4: error: broken link '/b/#legacy'"),
        ("See [x](/b/#handler).\n", "content/a.md:4: error: broken link '/b/#handler'"),
    ],
    ids=["no-page", "no-anchor", "no-file", "anchor-name-stripped", "anchor-on-stripped-element"],
)
def test_broken_internal_links(tmp_path: Path, body: str, expected: str) -> None:
    """Case 22: internal links must land, also on anchors the sanitiser removed; external ones are never fetched."""
    project, inv = built(tmp_path)
    stripped = '<a name="legacy"></a>Old anchor.\n\n<svg id="handler"><circle/></svg> Drawing.\n'
    break_it(project, {"content/a.md": page("title: A\n", body), "content/b.md": page("title: B\n", stripped)})
    inv.expect_failure(expected, offender="content/a.md")


def test_heading_ids_survive_sanitising_for_anchor_links(tmp_path: Path) -> None:
    """Case 22: the sanitiser keeps heading ids, so a link to one is not broken; external links are left alone."""
    project = project_with(
        tmp_path,
        {
            "content/a.md": page(
                "title: A\n",
                "See [history](/background/#history), [kept](/b/#kept) and "
                "[elsewhere](https://unreachable.invalid/x).\n",
            ),
            "content/b.md": page("title: B\n", '<span id="kept">Kept.</span>\n'),
        },
    )
    Invariants(tmp_path, project).expect_success()
    assert '<h2 id="history">History</h2>' in html_of(project / "public", "background/index.html")
    assert '<span id="kept">Kept.</span>' in html_of(project / "public", "b/index.html")


@pytest.mark.parametrize(
    ("files", "offender", "expected"),
    [
        (
            {"content/a.md": page("title: A\n", 'Claim [@nosuch "x"].\n')},
            "content/a.md",
            "content/a.md:4: error: unknown source id 'nosuch' [citation.unknown-source]",
        ),
        (
            {
                "seeds/other.txt": MINIMAL_SEED.replace("Ministry", "Agency"),
                "seeds/sources.yaml": "bridge.txt:\n  id: bridge\nother.txt:\n  id: bridge\n",
            },
            "seeds/sources.yaml",
            "seeds/sources.yaml:4: error: id 'bridge' is pinned for both bridge.txt and other.txt "
            "[sources.duplicate-id]",
        ),
        (
            {"seeds/sources.yaml": "bridge.txt:\n  id: bridge\n  url: javascript:alert(1)\n"},
            "seeds/sources.yaml",
            "seeds/sources.yaml:3: error: url 'javascript:alert(1)' must be an http:// or https:// address "
            "[sources.url]",
        ),
        (
            {"seeds/sources.yaml": "bridge.txt:\n  id: bridge\n  url: example.org/story\n"},
            "seeds/sources.yaml",
            "seeds/sources.yaml:3: error: url 'example.org/story' must be an http:// or https:// address",
        ),
        (
            {"seeds/sources.yaml": "bridge.txt:\n  id: bridge\n  url: ' JaVaScRiPt:alert(1)'\n"},
            "seeds/sources.yaml",
            "seeds/sources.yaml:3: error: url 'JaVaScRiPt:alert(1)' must be an http:// or https:// address",
        ),
        (
            {"content/a.md": page("title: A\n", "Claim [@bridge].\n")},
            "content/a.md",
            "content/a.md:4: error: malformed citation at column 15: @bridge needs a quote",
        ),
    ],
    ids=["unknown-source", "duplicate-id", "javascript-url", "no-scheme", "spaced-mixed-case", "no-quote"],
)
def test_citation_errors(tmp_path: Path, files: dict[str, str | bytes], offender: str, expected: str) -> None:
    """Case 23: named by file, line and key; only http(s) URLs are accepted."""
    project, inv = built(tmp_path)
    break_it(project, files)
    inv.expect_failure(expected, offender=offender)


def test_seed_url_from_html_meta_is_http_only(tmp_path: Path) -> None:
    """Case 23: a dump's own canonical URL is never rendered as a javascript: link."""
    html_seed = (
        '<html><head><link rel="canonical" href="javascript:alert(1)"><meta property="og:url" '
        'content="data:text/html,x"><title>Harbour Plan</title></head><body><h1>Harbour Plan</h1>'
        "<p>The council approved the harbour plan on Tuesday after a long debate.</p>"
        "<p>Residents said it would bring jobs to the waterfront.</p></body></html>"
    )
    project = project_with(tmp_path, {"seeds/harbour.html": html_seed})
    Invariants(tmp_path, project).expect_success()


@pytest.mark.parametrize(
    ("link", "target", "offender"),
    [
        ("seeds/leak.txt", "/etc/passwd", "seeds/leak.txt"),
        ("content/dir", "/", "content/dir"),
        ("content/leak.md", "/etc/passwd", "content/leak.md"),
        ("seeds/sources.yaml", "../../outside.yaml", "seeds/sources.yaml"),
        ("templates/404.html", "/etc/passwd", "templates/404.html"),
        ("templates", "../elsewhere", "templates"),
    ],
    ids=[
        "seed-to-passwd",
        "content-dir-to-root",
        "page-to-passwd",
        "sources-yaml-outside",
        "template-to-passwd",
        "templates-dir-outside",
    ],
)
def test_symlinks_in_inputs_are_not_followed(tmp_path: Path, link: str, target: str, offender: str) -> None:
    """Case 24: a link in the inputs is an error, and none of its target's bytes reach public/."""
    project, inv = built(tmp_path)
    (tmp_path / "outside.yaml").write_text("bridge.txt:\n  id: bridge\n", encoding="utf-8")
    write_files(tmp_path / "elsewhere", {"page.html": '{% extends "base.html" %}{% block main %}LEAKED{% endblock %}'})
    path = project / link
    path.parent.mkdir(exist_ok=True)
    if path.exists():
        path.unlink()
    path.symlink_to(target)
    inv.expect_failure("error: symbolic links are not followed in inputs [input.symlink]", offender=offender)
    public = project / "public"
    assert not any(b"root:x:" in p.read_bytes() for p in public.rglob("*") if p.is_file())


def test_preplanted_symlink_in_public_is_replaced(tmp_path: Path) -> None:
    """Case 25: the swap replaces public/ wholesale; the link's target is never written through."""
    project, inv = built(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    public = project / "public"
    for rel in ("index.html", "sources/index.html", "assets"):
        path = public / rel
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    (public / "index.html").symlink_to(victim)
    (public / "sources" / "index.html").symlink_to("../../../victim.txt")
    (public / "assets").symlink_to(tmp_path)
    inv.expect_success()
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (public / "index.html").is_symlink() and not (public / "assets").is_symlink()
    assert "<h1>The bridge</h1>" in html_of(public, "index.html")


def test_public_itself_a_symlink_is_replaced_not_followed(tmp_path: Path) -> None:
    """Case 25: a ``public`` link to a folder elsewhere is replaced by a real folder; the target is untouched."""
    project = project_with(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep\n", encoding="utf-8")
    (project / "public").symlink_to(elsewhere)
    Invariants(tmp_path, project).expect_success()
    assert not (project / "public").is_symlink()
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]


@pytest.mark.parametrize("name", ["site.yaml", "notes.txt"])
def test_output_dir_naming_a_file_never_deletes_it(tmp_path: Path, name: str) -> None:
    """Case 25: `output_dir:` set to an existing file (a typo) is refused; the file is not replaced by the site."""
    project, inv = built(tmp_path)
    (project / "notes.txt").write_text("keep me\n", encoding="utf-8")
    config = (project / "site.yaml").read_text(encoding="utf-8")
    (project / "site.yaml").write_text(config + f"output_dir: {name}\n", encoding="utf-8")
    inv.expect_failure(
        f"{name}: error: {name} is a file, not a folder: refusing to replace it with the site [output.path]",
        offender=name,
    )
    assert (project / "notes.txt").read_text(encoding="utf-8") == "keep me\n"
    assert (project / "site.yaml").read_text(encoding="utf-8").endswith(f"output_dir: {name}\n")


def test_output_dir_naming_a_folder_of_other_files_never_replaces_it(tmp_path: Path) -> None:
    """Case 25: `output_dir:` pointing at a folder sitegen did not build (a typo) is refused, not wiped."""
    project, inv = built(tmp_path)
    write_files(project, {"notes/todo.md": "keep me\n"})
    config = (project / "site.yaml").read_text(encoding="utf-8")
    (project / "site.yaml").write_text(config + "output_dir: notes\n", encoding="utf-8")
    inv.expect_failure(
        "notes: error: notes/ holds files sitegen did not write: refusing to replace it with the site",
        offender="notes",
    )
    assert (project / "notes/todo.md").read_text(encoding="utf-8") == "keep me\n"
    shutil.rmtree(project / "notes")
    inv.output = "notes"
    inv.expect_success()  # an absent (or empty) folder is fine
    assert (project / "notes/404.html").is_file()


# ---------------------------------------------------------------- 30, 34


def test_stale_output_is_removed(tmp_path: Path) -> None:
    """Case 30: delete an article and its page, nav entry and source page disappear on the next build."""
    project = project_with(
        tmp_path,
        {
            "seeds/other.txt": MINIMAL_SEED.replace("Ministry", "Agency").replace("river", "canal"),
            "seeds/sources.yaml": "bridge.txt:\n  id: bridge\nother.txt:\n  id: other\n",
        },
    )
    inv = Invariants(tmp_path, project)
    inv.expect_success()
    public = project / "public"
    assert (public / "background/index.html").is_file() and (public / "sources/other/index.html").is_file()
    (project / "content/background.md").unlink()
    (project / "seeds/other.txt").unlink()
    (project / "seeds/sources.yaml").write_text("bridge.txt:\n  id: bridge\n", encoding="utf-8")
    inv.expect_success()
    assert not (public / "background").exists() and not (public / "sources/other").exists()
    everything = "\n".join(p.read_text(encoding="utf-8") for p in public.rglob("*") if p.suffix in (".html", ".xml"))
    assert "background/" not in everything and "sources/other/" not in everything


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (
            '{% extends "base.html" %}\n{% block main %}\n<h1>{{ page.page.title }</h1>\n{% endblock %}\n',
            "templates/page.html:3: error: template syntax error: unexpected '}'",
        ),
        (
            '{% extends "base.html" %}\n{% block main %}\n<h1>{{ page.page.title }}</h1>\n'
            "<p>{{ page.page.subtitle }}</p>\n{% endblock %}\n",
            "templates/page.html:4: error: template error while rendering content/background.md:",
        ),
        (
            '{% extends "base.html" %}\n{% block main %}\n{% if x %}\n{% endblock %}\n',
            "templates/page.html:4: error: template syntax error: Encountered unknown tag 'endblock'",
        ),
        (
            '{% extends "base.html" %}\n{% block main %}{{ nosuchvariable }}{% endblock %}\n',
            "templates/page.html:2: error: template error while rendering content/background.md: "
            "'nosuchvariable' is undefined",
        ),
    ],
    ids=["syntax", "undefined-attribute", "unclosed-if", "undefined-name"],
)
def test_template_errors_name_the_template_line(tmp_path: Path, template: str, expected: str) -> None:
    """Case 34: StrictUndefined makes a typo an error, located in the project's override template."""
    project, inv = built(tmp_path)
    break_it(project, {"templates/page.html": template})
    inv.expect_failure(expected, offender="templates/page.html")


# ---------------------------------------------------------------- the checker itself


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


@pytest.mark.parametrize(
    "bad",
    [
        "<script>alert(1)</script>",
        '<a href="java\tscript:x">',
        '<a href=" JAVASCRIPT:x">',
        '<img src="data:x">',
        '<p onclick="x">',
        "<iframe>",
        '<script type="application/ld+json">{bad</script>',
        '<a href="vbscript:x">',
        '<script src="https://evil.example/x.js"></script>',
        '<meta http-equiv="refresh" content="0;url=javascript:x">',
    ],
)
def test_the_s2_checker_catches_active_markup(bad: str) -> None:
    """The S2 checker would notice each kind of active markup (so a passing S2 means something)."""
    from tests.invariants import active_markup

    assert active_markup(f"<p>ok</p>{bad}", templates="")


def test_the_invariant_checker_catches_a_failure_that_breaks_them(tmp_path: Path) -> None:
    """I1–I4 would notice an exit 0, an unlocated message, a changed public/ and a stray file."""
    _, inv = built(tmp_path)

    def sneaky(p: Path) -> Result:
        (p / "public" / "index.html").write_text("changed", encoding="utf-8")
        return Result(1, "", "content/a.md:1: error: x [y]\n")

    with pytest.raises(AssertionError, match="I3"):
        inv.expect_failure(offender="content/a.md", run=sneaky)

    def stray(p: Path) -> Result:
        (p / "stray.txt").write_text("x", encoding="utf-8")
        return Result(1, "", "content/a.md: error: x [y]\n")

    with pytest.raises(AssertionError, match="I4"):
        inv.expect_failure(offender="content/a.md", run=stray)
    with pytest.raises(AssertionError, match="I2"):
        inv.expect_failure(offender="content/a.md", run=lambda p: Result(1, "", "error: somewhere\n"))
    with pytest.raises(AssertionError, match="I1"):
        inv.expect_failure(offender="content/a.md", run=lambda p: Result(0, "", ""))
