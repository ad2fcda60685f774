"""content/ → [Page]: every Markdown page with strict front matter and file line numbers, and the text of
the claims and timeline files."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sitegen.errors import Location, Problems, SitegenError
from sitegen.model import Page
from sitegen.textio import input_files, read_text
from sitegen.yamlutil import YamlMap, check_keys, load_yaml

CONTENT_DIR = "content"
CLAIMS_FILE = f"{CONTENT_DIR}/claims.yaml"
TIMELINE_FILE = f"{CONTENT_DIR}/timeline.yaml"

_FIELDS: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "summary": str,
    "order": int,
    "date": dt.date,
    "updated": dt.date,
    "slug": str,
    "tags": list,
    "draft": bool,
    "curated": str,  # written by `sitegen curate`: a hash that tells it whether an editor changed the page
}

# Paths the generator itself writes; a page may not take them.
_RESERVED_NAMES = "sources timeline claims assets 404 search pagefind feed.xml sitemap.xml robots.txt index tags social"
RESERVED = set(_RESERVED_NAMES.split())
# Device names Windows will not create as files, whatever the extension.
_DEVICE_NAMES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
_FENCE = re.compile(r"^(---|\.\.\.)\s*$")

# Python-Markdown recurses once per nesting level, and its time grows with the square of the elements in one
# paragraph, the cells of one row and the blocks of one page; past these limits a hostile page would take
# minutes or crash it (bench/hostile.py). Each is far beyond any real page.
MAX_LINES = 5000  # lines in a page's body
MAX_INDENT = 128  # columns of leading indentation (32 levels of nested lists)
MAX_QUOTE_DEPTH = 20  # levels of nested blockquotes ('>')
MAX_COLUMNS = 100  # '|' in one line: the cells of a table row
MAX_BRACKETS = 1000  # '[' in one block between blank lines
MAX_INLINE = 2000  # tags, entities, links, code spans and emphases in one block
_INLINE = re.compile(r"<[A-Za-z/!?]|`+|\][(\[]|&#?\w+;|(?<=\S)[*_]+|  $")
_LIMITS = (  # in the order checked: the message, whether it counts a whole block, a hint
    (f"page too long: exceeds limit ({MAX_LINES} lines)", False, "split it into several pages"),
    (f"blockquotes nested too deeply: exceeds limit ({MAX_QUOTE_DEPTH} levels)", False, None),
    (f"line indented too deeply: exceeds limit ({MAX_INDENT} columns)", False, None),
    (f"table row with too many cells: exceeds limit ({MAX_COLUMNS} '|')", False, None),
    (
        f"too many '[' in one paragraph: exceeds limit ({MAX_BRACKETS})",
        True,
        "put a blank line between paragraphs, or escape brackets as \\[",
    ),
    (
        f"too much markup in one paragraph: exceeds limit ({MAX_INLINE} tags, entities, links, code and emphases)",
        True,
        "put a blank line between paragraphs",
    ),
)


@dataclass(frozen=True, slots=True)
class Content:
    """What ``content/`` holds: the pages (sorted by path), and the text of ``claims.yaml`` and
    ``timeline.yaml`` (None when there is no such file)."""

    pages: tuple[Page, ...]
    claims: str | None = None
    timeline: str | None = None


def read_content(project: Path, problems: Problems) -> Content:
    """Every ``.md`` under ``content/`` as a Page, and the claims and timeline files' text.

    Every problem goes to ``problems`` and the pages that could be read are returned, so the build reports
    their citation problems in the same run.
    """
    pages: list[Page] = []
    for path in input_files(project, CONTENT_DIR, problems):
        rel = path.relative_to(project).as_posix()
        if path.suffix != ".md" or path.name.endswith(".draft.md"):
            continue
        try:
            pages.append(parse_page(read_text(path, rel), rel))
        except SitegenError as exc:
            problems.add(exc)
    check_collisions(pages, problems)
    return Content(tuple(pages), _optional(project, CLAIMS_FILE, problems), _optional(project, TIMELINE_FILE, problems))


def _optional(project: Path, rel: str, problems: Problems) -> str | None:
    """The text of the file ``rel``, or None when there is none."""
    return problems.collect(lambda: read_text(project / rel, rel)) if os.path.lexists(project / rel) else None


def split_front_matter(text: str, rel: str) -> tuple[YamlMap, str, int]:
    """(front matter, body, file line where the body starts) for a page's text."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        if any(_FENCE.match(line) for line in lines[1:40]) and re.match(r"^[A-Za-z_][\w-]*\s*:", lines[0]):
            raise SitegenError(
                "front matter not terminated: it has a closing '---' but no opening '---' on line 1",
                Location(rel, 1),
                "frontmatter.unterminated",
            )
        return YamlMap(), text, 1
    for i in range(1, len(lines)):
        if _FENCE.match(lines[i]):
            data = load_yaml("\n".join(lines[1:i]), rel, line_offset=1)
            if data is None:
                data = YamlMap()
            if not isinstance(data, YamlMap):
                raise SitegenError("front matter must be a mapping of keys", Location(rel, 2), "frontmatter.type")
            return data, "\n".join(lines[i + 1 :]), i + 2
    raise SitegenError(
        "front matter not terminated: no closing '---' after the opening one",
        Location(rel, 1),
        "frontmatter.unterminated",
    )


def parse_page(text: str, rel: str) -> Page:
    """One page from its text; ``rel`` is its project-relative path."""
    meta, body, body_line = split_front_matter(text, rel)
    problems = Problems()
    check_keys(meta, _FIELDS, rel, problems)
    check_markdown_limits(body, rel, body_line, problems)
    title = meta.get("title")
    heading = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.M) if title is None else None
    title = heading.group(1) if heading else title
    if title is None:
        problems.error("missing required key 'title'", Location(rel, 1), "frontmatter.required")
    elif isinstance(title, str) and not title.strip():
        problems.error("'title' is empty", Location(rel, meta.line_of("title")), "frontmatter.required")
    tags = meta.get("tags") or []
    if isinstance(tags, list) and not all(isinstance(t, str) for t in tags):
        problems.error("'tags' must be a list of text", Location(rel, meta.line_of("tags")), "schema.type")
    slug = meta.get("slug")
    if "slug" in meta and slug is None:
        slug = ""  # `slug:` with nothing after it is a mistake, not "no slug"
    where = Location(rel, meta.line_of("slug"))
    url_path = problems.collect(lambda: page_url(rel, slug if isinstance(slug, str) else None, where))
    problems.raise_if_any()
    return Page(
        path=rel,
        url_path=url_path or "",
        title=str(title).strip(),
        body=body,
        body_line=body_line,
        summary=meta.get("summary"),
        order=meta.get("order") or 0,
        date=_as_date(meta.get("date")),
        updated=_as_date(meta.get("updated")),
        tags=tuple(tags) if isinstance(tags, list) else (),
        draft=bool(meta.get("draft") or False),
    )


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def page_url(rel: str, slug: str | None, where: Location) -> str:
    """The URL path (``""``, ``background/``, ``posts/x/``) of the page at ``rel``.

    File and folder names are lowercased and stripped of accents (``Café.md`` →
    ``cafe/``); an explicit ``slug`` is taken as written and must already be valid.
    """
    parts = rel.split("/")[1:]  # drop "content"
    name = parts[-1][: -len(".md")]
    folders = [_name_segment(folder, Location(rel), "folder name") for folder in parts[:-1]]
    if slug is not None:
        _check_segment(slug, where, "slug")
        name = slug
    elif name == "index":
        name = ""
    else:
        name = _name_segment(name, Location(rel), "file name")
    segments = [*folders, name] if name else folders
    if segments and segments[0] in RESERVED:
        raise SitegenError(
            f"the URL /{segments[0]}/ is reserved for the generator's own pages",
            where if slug is not None else Location(rel),
            "page.reserved",
        )
    return "".join(s + "/" for s in segments)


def _name_segment(name: str, where: Location, what: str) -> str:
    """A file or folder name as a URL segment: lowercase ASCII, spaces as '-'."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    segment = re.sub(r"[\s.]+", "-", plain.strip())
    _check_segment(segment, where, what, shown=name)
    return segment


def _check_segment(value: str, where: Location, what: str, shown: str | None = None) -> None:
    """Refuse a URL segment that is not lowercase letters, digits, '-' and '_', or a Windows device name;
    ``shown`` is the file or folder name it was made from."""
    named, hint = (value, None) if shown is None else (shown, "rename the file, or set `slug:` in its front matter")
    if not _SLUG.match(value):
        why = "is not a valid URL segment: use lowercase" if shown is None else "cannot be made into a URL segment: use"
        raise SitegenError(f"{what} {named!r} {why} letters a-z, digits, '-' and '_'", where, "page.slug", hint)
    if value in _DEVICE_NAMES:
        raise SitegenError(f"{what} {named!r} is a reserved device name on Windows", where, "page.slug", hint)


def check_markdown_limits(body: str, rel: str, body_line: int, problems: list[SitegenError]) -> None:
    """Report the first shape of Markdown beyond what the renderer handles in reasonable time."""
    brackets = inline = 0
    block_start = body_line
    for number, line in enumerate(body.split("\n"), body_line):
        if not line.strip():
            brackets = inline = 0
            block_start = number + 1
            continue
        lead = line[: len(line) - len(line.lstrip(" \t>"))]
        brackets += line.count("[")
        inline += len(_INLINE.findall(line))
        exceeded = (
            number - body_line >= MAX_LINES,
            lead.count(">") > MAX_QUOTE_DEPTH,
            len(lead.replace(">", "").expandtabs(4)) > MAX_INDENT,
            line.count("|") > MAX_COLUMNS,
            brackets > MAX_BRACKETS,
            inline > MAX_INLINE,
        )
        if any(exceeded):
            what, per_block, hint = _LIMITS[exceeded.index(True)]
            where = Location(rel, block_start if per_block else number)
            problems.append(SitegenError(what, where, "markdown.limit", hint))
            return


def check_collisions(pages: list[Page], problems: Problems) -> None:
    """Two pages that would write the same URL are an error naming all of them."""
    by_url: dict[str, list[Page]] = {}
    for page in pages:
        key = unicodedata.normalize("NFC", page.url_path).casefold()
        by_url.setdefault(key, []).append(page)
    for key, group in sorted(by_url.items()):
        if len(group) > 1:
            names = ", ".join(p.path for p in group)
            problems.error(f"pages would write the same URL /{key}: {names}", Location(group[1].path), "page.collision")
