"""Link and markup checks on the rendered site: broken links and anchors, missing alt text, duplicate ids.

Everything works on the files a build holds in memory: ``sitegen build`` fails on a broken link written in
a content page (:func:`check_links`), and ``sitegen check`` reports everything (:func:`check_site`)
without writing anything.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from sitegen import urls
from sitegen.errors import Location, Problems, SitegenError
from sitegen.model import File
from sitegen.render.pages import page_jobs
from sitegen.site import Site

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_LINK_ATTRS = {
    ("a", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("area", "href"),
}


class _Parsed(HTMLParser):
    """What the checks need from one HTML page, each with its output line: its ids (and those found twice),
    its links (tag, url) and its images without alt text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, int] = {}  # id → first output line
        self.duplicate_ids: list[tuple[str, int]] = []
        self.links: list[tuple[str, str, int]] = []
        self.images_without_alt: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {k: v for k, v in attrs if v is not None}
        for key in ("id", "name") if tag == "a" else ("id",):
            anchor = values.get(key)
            if anchor is None:
                continue
            if key == "id" and anchor in self.ids:
                self.duplicate_ids.append((anchor, line))
            self.ids.setdefault(anchor, line)
        for name, value in values.items():
            if (tag, name) in _LINK_ATTRS:
                self.links.append((tag, value.strip(), line))
        if tag == "img" and "alt" not in dict(attrs):
            self.images_without_alt.append((values.get("src", ""), line))


def parse(data: bytes) -> _Parsed:
    """Ids, links and images of one HTML page."""
    parsed = _Parsed()
    parsed.feed(data.decode("utf-8", "replace"))
    parsed.close()
    return parsed


def origins(site: Site) -> dict[str, str]:
    """Output path → the input file the page was made from (its template, for the generator's own pages)."""
    return {urls.output_file(job.url_path): job.origin for job in page_jobs(site)}


def check_site(site: Site, outputs: Sequence[File]) -> list[SitegenError]:
    """Every problem in the rendered site, each naming the file the page came from."""
    files = {o.path: o for o in outputs}
    parsed = {o.path: parse(o.data) for o in outputs if o.path.endswith(".html")}
    made_from = origins(site)
    content = {cp.page.path: cp.page for cp in site.pages}
    root = urlsplit(site.config.base_url).path or "/"
    problems = Problems()
    for path, page in sorted(parsed.items()):
        origin = made_from.get(path, "")
        where = origin or path
        for tag, link, line in page.links:
            why = _broken(path, link, root, site.config.base_url, files, lambda p: parsed[p].ids)
            if why is None:
                continue
            md = content.get(origin)
            src_line = _markdown_line(md.body, md.body_line, link) if md else None
            shown = "" if src_line else f" in {path} (output line {line})"
            problems.error(f"broken link {link!r}{shown}: {why}", Location(where, src_line), _code(tag, link))
        for anchor, line in page.duplicate_ids:
            problems.error(
                f"duplicate id {anchor!r} in {path} (output line {line})", Location(where), "html.duplicate-id"
            )
        for src, line in page.images_without_alt:
            problems.error(f"image {src!r} in {path} has no alt text (output line {line})", Location(where), "html.alt")
    return problems


_TAG = re.compile(r"<([a-z][a-z0-9]*)((?:\s+[^\s\"'>/=]+(?:=\"[^\"]*\")?)*)\s*/?>")
_ATTR = re.compile(r"([^\s\"'>/=]+)=\"([^\"]*)\"")


def body_links(body: str) -> list[tuple[str, str]]:
    """``(tag, url)`` of every link in a content page's body, in order.

    The body is what the sanitiser wrote plus sitegen's own markers: every attribute value
    double-quoted, so a pattern reads it exactly (and at a fraction of a parser's cost).
    """
    return [
        (m.group(1), html.unescape(value).strip())
        for m in _TAG.finditer(body)
        for name, value in _ATTR.findall(m.group(2))
        if (m.group(1), name) in _LINK_ATTRS
    ]


_ID = re.compile(r'\s(?:id|name)="([^"]*)"')


def html_ids(data: bytes) -> set[str]:
    """The ids (and ``<a name>``s) of a page sitegen rendered, found by pattern: its templates and sanitiser
    always write attributes double-quoted."""
    return {html.unescape(m) for m in _ID.findall(data.decode("utf-8", "replace"))}


def check_links(site: Site, outputs: Sequence[File]) -> None:
    """Fail the build when a content page links to a page or anchor the site does not have, naming each such
    link at its file line (the templates' own links are ``sitegen check``'s to report)."""
    files = {o.path: o for o in outputs}
    ids_of = functools.cache(lambda path: html_ids(files[path].data))  # only the pages that links point into
    problems = Problems()
    for page, body in ((cp.page, cp.html) for cp in site.pages):
        for tag, link in body_links(body):
            target = link.partition("#")[0]
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), target))
            if target.endswith(".md") and not _SCHEME.match(target) and joined not in site.page_urls:
                why: str | None = f"there is no page {joined}"
            else:
                rendered = _as_rendered(page.path, link, site.page_urls)
                why = _broken(urls.output_file(page.url_path), rendered, "/", "", files, ids_of)
            if why is not None:
                where = Location(page.path, _markdown_line(page.body, page.body_line, link))
                problems.error(f"broken link {link!r}: {why}", where, _code(tag, link))
    problems.raise_if_any()


def _as_rendered(page_path: str, link: str, page_urls: Mapping[str, str]) -> str:
    """A body link as the renderer rewrites it: ``/x/`` is a site path and ``other.md`` the page made from it."""
    if _SCHEME.match(link) or link.startswith(("#", "//", "/")):
        return link
    target, hashmark, fragment = link.partition("#")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), target))
    if target.endswith(".md") and joined in page_urls:
        return "/" + page_urls[joined] + hashmark + fragment
    return link


def _code(tag: str, link: str) -> str:
    return "citation.target" if tag == "a" and "sources/" in link and "#" in link else "link.broken"


def _broken(
    page_path: str,
    link: str,
    root: str,
    base_url: str,
    files: Collection[str],
    ids_of: Callable[[str], Collection[str]],
) -> str | None:
    """Why ``link`` on ``page_path`` leads nowhere, or None when it resolves (external URLs are not fetched)."""
    if not link:
        return None
    if link.startswith(base_url) and base_url.startswith(("http://", "https://")):
        link = root + link[len(base_url) :]
    elif _SCHEME.match(link) or link.startswith("//"):
        return None
    parts = urlsplit(link)
    target_path, fragment = unquote(parts.path), unquote(parts.fragment).split(":~:", 1)[0]
    if not target_path:
        target = page_path
    else:
        if target_path.startswith("/"):
            if not target_path.startswith(root):
                return f"it is outside the site (which lives under {root})"
            joined = posixpath.normpath(target_path[len(root) :] or ".")
        else:
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), target_path))
        if joined == ".." or joined.startswith("../"):
            return "it points outside the site"
        if joined == ".":
            target = "index.html"
        elif target_path.endswith("/") or (joined not in files and f"{joined}/index.html" in files):
            target = f"{joined}/index.html"
        else:
            target = joined
        if target not in files:
            return f"no page or file at {target}"
    if fragment and target.endswith(".html") and fragment not in ids_of(target):
        return f"{target} has no element with id {fragment!r}"
    return None


def _markdown_line(body: str, body_line: int, link: str) -> int | None:
    """The file line of the Markdown that wrote ``link``, found by its target's text."""
    for needle in _needles(link):
        for i, text in enumerate(body.split("\n")):
            if needle in text:
                return body_line + i
    return None


def _needles(link: str) -> Iterable[str]:
    """Fragments of a rendered link that the Markdown source most likely contains, most specific first."""
    path, _, fragment = link.partition("#")
    fragment = fragment.split(":~:", 1)[0]
    path = path.removesuffix("index.html")
    stripped = path
    while stripped.startswith("../"):
        stripped = stripped[3:]
    stripped = stripped.removeprefix("./")
    candidates = [link, f"{stripped}#{fragment}" if fragment else stripped, stripped.rstrip("/"), f"#{fragment}"]
    return [c for c in candidates if c and c not in ("#", "/")]
