"""Deployable output: under a sub-path of a plain static server every link answers 200, from disk every link
finds its file, and every page carries canonical, Open Graph, Twitter and JSON-LD metadata."""

from __future__ import annotations

import functools
import http.server
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import yaml

from sitegen.cli import main
from tests.conftest import REPO
from tests.test_build import copy_default_project
from tests.test_serve import free_port

SUB = "/deep/sub/path/"
LINKS = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"), ("iframe", "src")}


class Head(HTMLParser):
    """Links, meta tags, the canonical URL and JSON-LD blocks of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.json_ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.links += [a[attr] for t, attr in LINKS if t == tag and attr in a]
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_ld = False


def head_of(html: str) -> Head:
    parser = Head()
    parser.feed(html)
    return parser


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The default site built for ``http://127.0.0.1:PORT/deep/sub/path/``, served there by http.server."""
    tmp = tmp_path_factory.mktemp("deploy")
    project = copy_default_project(tmp / "project")
    port = free_port()
    base = f"http://127.0.0.1:{port}{SUB}"
    assert main(["build", "-C", str(project), "--base-url", base]) == 0
    www = tmp / "www"
    (www / SUB.strip("/")).parent.mkdir(parents=True)
    (project / "public").rename(www / SUB.strip("/"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=str(www)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield www / SUB.strip("/"), base
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read(), resp.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        return exc.code, b"", ""


def test_every_internal_link_and_asset_answers_200_under_a_sub_path(deployed: tuple[Path, str]) -> None:
    public, base = deployed
    host = urlsplit(base).netloc
    queue, seen, broken = [base, base + "404.html"], set(), []
    pages: set[str] = set()
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body, kind = fetch(url)
        if status != 200:
            broken.append(f"{url}: {status}")
            continue
        if kind != "text/html":
            continue
        pages.add(urlsplit(url).path.removesuffix("index.html"))
        for link in head_of(body.decode("utf-8")).links:
            target = urldefrag(urljoin(url, link)).url
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.netloc != host:
                continue  # another site: not fetched
            if not parts.path.startswith(SUB):
                broken.append(f"{url}: {link!r} leaves the site's sub-path")
                continue
            queue.append(target)
    assert broken == []
    html_files = {SUB + p.relative_to(public).as_posix().removesuffix("index.html") for p in public.rglob("*.html")}
    assert pages == html_files  # every page was reached by following links
    assets = {urlsplit(u).path.rsplit(".", 1)[-1] for u in seen}
    assert {"css", "js", "xml"} <= assets


def test_the_sitemap_lists_reachable_absolute_urls(deployed: tuple[Path, str]) -> None:
    public, base = deployed
    status, body, _ = fetch(base + "sitemap.xml")
    assert status == 200
    locs = [line.split("<loc>")[1].split("</loc>")[0] for line in body.decode().splitlines() if "<loc>" in line]
    assert base in locs and len(locs) == len(list(public.rglob("index.html")))
    for loc in locs:
        assert loc.startswith(base) and fetch(loc)[0] == 200, loc
    robots = fetch(base + "robots.txt")[1].decode()
    assert f"Sitemap: {base}sitemap.xml" in robots


def test_every_page_has_canonical_social_and_json_ld_metadata(deployed: tuple[Path, str]) -> None:
    public, base = deployed
    content_pages = {p.stem for p in (REPO / "content").glob("*.md") if p.stem != "index"}
    assert content_pages
    for path in sorted(public.rglob("index.html")):
        rel = path.relative_to(public).as_posix().removesuffix("index.html")
        head = head_of(path.read_text(encoding="utf-8"))
        assert head.canonical == base + rel, rel
        for key in ("og:title", "og:description", "og:url", "og:type", "og:site_name", "twitter:card", "twitter:title"):
            assert head.meta.get(key), f"{rel or 'home'}: no {key}"
        assert head.meta["og:url"] == base + rel
        assert len(head.json_ld) == 1, rel
        data = json.loads(head.json_ld[0])
        assert data["@context"] == "https://schema.org" and data["url"] == base + rel
        if rel == "":
            assert data["@type"] == "WebSite"
        elif rel.rstrip("/") in content_pages:
            assert data["@type"] == "NewsArticle" and data["headline"], rel


def test_every_relative_link_finds_its_file_when_opened_from_disk(deployed: tuple[Path, str]) -> None:
    public, _ = deployed
    missing = []
    for page in sorted(public.rglob("*.html")):
        if page.name == "404.html":
            continue  # served by the web server for any missing path, so its links are root-relative
        for link in head_of(page.read_text(encoding="utf-8")).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
                continue
            target = (page.parent / parts.path).resolve()
            if not target.is_file():  # file:// has no index.html for folders: links must name the file
                missing.append(f"{page.relative_to(public)}: {link}")
    assert missing == []


def test_the_pages_workflow_builds_with_the_project_url_and_uploads_public() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert 'sitegen build --base-url "${{ steps.pages.outputs.base_url }}/"' in runs
    assert "sitegen check" in runs
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "public"
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
