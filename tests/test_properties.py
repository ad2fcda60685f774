"""Property-based tests: arbitrary text never crashes sitegen with anything but its own error, and never
becomes active markup. Inputs mix random text with fragments known to be hostile to HTML, YAML,
Markdown, Jinja and the citation syntax. ``scripts/fuzz.py`` runs the same properties for longer.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.citations import OPEN, scan
from sitegen.config import SiteConfig, load_config
from sitegen.errors import BuildFailed, SitegenError
from sitegen.ingest import ingest_text, load_rules
from sitegen.markup import cite_page, make_markdown
from sitegen.model import Source
from sitegen.pages import check_markdown_limits, parse_page
from sitegen.render import read_theme, render_site
from sitegen.site import assemble
from sitegen.textio import decode
from sitegen.yamlutil import load_yaml
from tests.conftest import MINIMAL_SEED
from tests.invariants import active_markup, package_template_text

RULES = load_rules(Path("/nonexistent-project"))  # the package's rules only
THEME = read_theme(Path("/nonexistent-project"))
BRIDGE = ingest_text(MINIMAL_SEED, "seeds/bridge.txt", RULES, {"id": "bridge"})
# A modest number of examples keeps the suite fast; scripts/fuzz.py raises it for a long run.
EXAMPLES = int(os.environ.get("SITEGEN_FUZZ_EXAMPLES", "60"))
FAST = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# Markup that must never come out active: the opening of each (checked verbatim in the output).
ACTIVE = [
    "<script>alert(",
    "<img src=x onerror=",
    "<svg onload=",
    "<iframe src=",
    '<a href="javascript:',
    "<object data=",
    "<body onload=",
    '<div onclick="',
]
HTML_BITS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=//x></iframe>",
    '<a href="javascript:alert(1)">x</a>',
    "<object data=x></object>",
    "<body onload=alert(1)>",
    '<div onclick="alert(1)">d</div>',
    "javascript:alert(1)",
    "JaVaScRiPt:x",
    "jav&#x09;ascript:x",
    "data:text/html,x",
    "&lt;script&gt;",
    "&#x3C;script&#x3E;",
    "<!--",
    "-->",
    "]]>",
    "</textarea>",
    "<![",
    "<",
    ">",
    "&",
    '"',
    "'",
]
TEMPLATE_BITS = ["{{ 7*7 }}", "{% include '/etc/passwd' %}", "{{ config.__class__ }}", "{#", "#}", "{%", "%}"]
MARKDOWN_BITS = [
    "# Heading",
    "## Sub",
    "> quote",
    "- item",
    "1. one",
    "* * *",
    "`code`",
    "```",
    "~~~",
    "    indented",
    "|a|b|",
    "|-|-|",
    "[x](javascript:alert(1))",
    '[x](/a){: onclick="x" }',
    "![i](x.png)",
    "<https://x.example>",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "\\",
    "[^1]",
    "[^1]: note",
    "***bold***",
]
CITE_BITS = [
    '[@bridge "opened a new bridge"]',
    "[@bridge ¶1]",
    "[@bridge ¶0]",
    '[@nosuch "x"]',
    "[@",
    "[@bridge",
    '[@bridge "unclosed',
    "[@bridge ¶",
    "[@bridge ¶999999]",
    '[@a "x"; @b ¶2]',
    "\\[@bridge ¶1]",
    "¶",
    "@",
    OPEN,
    "\ue001",
    f"{OPEN}0\ue001",
    "\u201c",
    "\u201d",
]
SEED_BITS = [
    "By Jane Doe | March 3, 2025",
    "Sources: Bloomberg",
    "Subscribe to our newsletter",
    "Share this",
    "Photo: Reuters",
    "Updated 5 minutes ago",
    "www.example.com",
    "https://example.org/a?b=c",
    "---",
    "\u202e",
    "\ufeff",
    "\u00a0",
    "\u2028",
    "Ministry Opens New Bridge",
]
YAML_BITS = [
    "title: ",
    "summary: ",
    "slug: ",
    "date: ",
    "tags: ",
    "draft: ",
    "order: ",
    ": ",
    "- ",
    "? ",
    "&a ",
    "*a",
    "<<: ",
    "!!python/object/apply:os.system ['x']",
    "!!str ",
    "!x ",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "|",
    ">",
    "2024-02-30",
    "2024-13-45",
    "yes",
    "no",
    "010",
    "0x1F",
    "1e400",
    "~",
    "null",
    "#",
    "%YAML 1.1",
    "---",
    "...",
    "\t",
    "  ",
    "\\0",
    '"\\ud800"',
]

SEPARATORS = st.sampled_from([" ", "", "\n", "\n\n", "\r\n", "\t", "  \n"])


PAGE_CODES = {"citation.syntax", "citation.unknown-source", "citation.quote", "citation.paragraph", "markdown.limit"}


def mixed(*bits: list[str], max_parts: int = 30) -> st.SearchStrategy[str]:
    """Text made of random pieces and known-hostile fragments joined by random separators."""
    piece = st.one_of(st.sampled_from([b for group in bits for b in group]), st.text(max_size=30))
    parts = st.lists(st.tuples(piece, SEPARATORS), max_size=max_parts)
    return parts.map(lambda items: "".join(p + s for p, s in items))


def no_active_markup(html: str) -> None:
    """No active markup, and no hostile opening survived verbatim."""
    assert active_markup(html, templates=package_template_text()) == []
    for opening in ACTIVE:
        assert opening not in html, opening


@FAST
@given(st.binary(max_size=400))
def test_decode_accepts_or_refuses_any_bytes(data: bytes) -> None:
    """Any bytes decode to LF-only text without control characters, or raise SitegenError."""
    try:
        text = decode(data, "seeds/x.txt")
    except SitegenError as exc:
        assert exc.location is not None and exc.location.path == "seeds/x.txt"
        return
    assert "\r" not in text and not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)


@FAST
@given(mixed(YAML_BITS, HTML_BITS, max_parts=40))
def test_yaml_loader_raises_only_sitegen_error(text: str) -> None:
    """Whatever the YAML, the strict loader returns plain data or a located SitegenError."""
    try:
        load_yaml(text, "site.yaml")
    except SitegenError as exc:
        assert exc.location is not None and exc.location.path == "site.yaml"


@FAST
@given(mixed(YAML_BITS, TEMPLATE_BITS), mixed(MARKDOWN_BITS, HTML_BITS, CITE_BITS), st.booleans())
def test_front_matter_and_parse_page_raise_only_sitegen_error(front: str, body: str, fenced: bool) -> None:
    """parse_page on any text: a Page or a SitegenError naming the file."""
    text = f"---\n{front}\n---\n{body}" if fenced else front + body
    try:
        page = parse_page(text, "content/x.md")
    except SitegenError as exc:
        assert exc.location is not None and exc.location.path == "content/x.md"
        return
    assert page.path == "content/x.md"
    assert re.fullmatch(r"([a-z0-9][a-z0-9_-]*/)*", page.url_path)


@FAST
@given(mixed(CITE_BITS, MARKDOWN_BITS, max_parts=40), st.integers(min_value=1, max_value=500))
def test_citation_scanner_never_crashes(body: str, body_line: int) -> None:
    """scan() replaces each group by one placeholder and reports the rest as located errors."""
    text, groups, errors = scan(body, "content/x.md", body_line)
    assert text.count(OPEN) == len(groups)
    last = body_line + body.count("\n")
    for err in errors:
        assert isinstance(err, SitegenError) and err.location is not None
        assert err.location.path == "content/x.md" and body_line <= (err.location.line or 0) <= last
    for group in groups:
        assert body_line <= (group.location.line or 0) <= last


@FAST
@given(mixed(MARKDOWN_BITS, HTML_BITS, TEMPLATE_BITS, CITE_BITS, max_parts=40))
def test_any_page_body_renders_inert(body: str) -> None:
    """Editors' Markdown with raw HTML and citations: a SitegenError, or body HTML with no active markup."""
    limits: list[SitegenError] = []
    check_markdown_limits(body, "content/x.md", 4, limits)
    try:
        page = parse_page(f"---\ntitle: X\n---\n{body}", "content/x.md")
        cited = cite_page(page, {"bridge": BRIDGE}, make_markdown())
    except SitegenError as exc:
        found = exc.problems if isinstance(exc, BuildFailed) else [exc]
        assert {e.location.path for e in found if e.location} == {"content/x.md"}
        assert {e.code for e in found} <= PAGE_CODES, exc.format()
        if "[@" not in body:  # only a citation or a limit refuses a page: a body with neither must render
            assert [e.format() for e in found] == [e.format() for e in limits]
        return
    assert limits == []
    no_active_markup(cited.html)


def render_source(source: Source) -> list[str]:
    """Every page of a one-source site, as text."""
    site = assemble(SiteConfig(title="T"), [source], [])
    return [o.data.decode("utf-8") for o in render_site(site, THEME) if o.path.endswith(".html")]


@FAST
@given(
    mixed(SEED_BITS, HTML_BITS, TEMPLATE_BITS, MARKDOWN_BITS, max_parts=40), st.sampled_from([".txt", ".md", ".html"])
)
def test_any_seed_ingests_and_renders_inert(text: str, suffix: str) -> None:
    """ingest_text on any dump: a SitegenError, or a Source whose pages carry no active markup."""
    try:
        source = ingest_text(MINIMAL_SEED + text, f"seeds/x{suffix}", RULES)
    except SitegenError as exc:
        assert exc.location is not None and exc.location.path == f"seeds/x{suffix}"
        return
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", source.id)
    for html in render_source(source):
        no_active_markup(html)


@FAST
@given(st.text(min_size=1, max_size=60))
def test_source_metadata_from_sources_yaml_renders_inert(value: str) -> None:
    """Any outlet, title or author text from sources.yaml is escaped wherever it is shown."""
    hostile = value + " <script>alert(1)</script> <img src=x onerror=alert(1)> {{ 7*7 }}"
    source = ingest_text(
        MINIMAL_SEED,
        "seeds/x.txt",
        RULES,
        {"id": "x", "outlet": hostile, "title": hostile, "author": hostile, "standfirst": hostile},
    )
    for html in render_source(source):
        no_active_markup(html)


CONFIG_BITS = [
    "title: ",
    "description: ",
    "language: ",
    "base_url: ",
    "author: ",
    "output_dir: ",
    "nav: ",
    "en",
    "en-GB",
    "../x",
    "/tmp/x",
    "javascript:alert(1)",
    "https://example.org/a/",
    "//evil",
    "seeds",
    "public",
    ".",
    "..",
    "[a, b]",
    "{a: 1}",
]


@FAST
@given(mixed(CONFIG_BITS, YAML_BITS, HTML_BITS, max_parts=30))
def test_any_site_yaml_is_loaded_or_refused(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    """load_config on any site.yaml: a SiteConfig whose output folder stays inside the project, or SitegenError."""
    project = tmp_path_factory.mktemp("config")
    (project / "site.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        config = load_config(project)
    except SitegenError as exc:
        assert exc.location is not None and exc.location.path == "site.yaml"
        return
    assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", config.output_dir) and config.output_dir != ".."
    assert config.base_url.endswith("/") and not config.base_url.startswith("//")
    assert not config.base_url.lower().startswith(("javascript:", "data:", "vbscript:"))
