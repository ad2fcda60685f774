"""Site → [Output]: Jinja templates (autoescape, StrictUndefined) and static assets."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import jinja2
import jinja2.bccache
from markupsafe import Markup

from sitegen import urls
from sitegen.errors import Location, SitegenError
from sitegen.lineage_svg import lineage_svg
from sitegen.model import CitedPage
from sitegen.output import File
from sitegen.site import Site
from sitegen.textio import read_inside

TEMPLATES_DIR = "templates"
STATIC_DIR = "static"


@dataclass(frozen=True, slots=True)
class Output:
    """One file of the built site: a path under the output folder and its bytes."""

    path: str
    data: bytes


class TemplateEnvironment(jinja2.Environment):
    """A Jinja environment that keeps the latest parse tree of each template.

    The build parses a template to learn what it shows of the site, then compiles it: with the tree
    kept, the second parse is a lookup. Jinja compiles through ``_parse``; should that ever change,
    this only stops saving the time.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._trees: dict[str | None, tuple[str, str | None, jinja2.nodes.Template]] = {}

    def _parse(self, source: str, name: str | None, filename: str | None) -> jinja2.nodes.Template:
        kept = self._trees.get(name)
        if kept is not None and kept[0] == source and kept[1] == filename:
            return kept[2]
        tree = super()._parse(source, name, filename)
        if name is not None:
            self._trees[name] = (source, filename, tree)
        return tree

    def parsed(self) -> list[str]:
        """The names of the templates parsed so far."""
        return sorted(name for name in self._trees if name is not None)


def make_environment(project: Path, bytecode: jinja2.BytecodeCache | None = None) -> TemplateEnvironment:
    """Templates from ``project/templates`` first, then the package defaults, file by file."""
    loaders: list[jinja2.BaseLoader] = []
    own = project / TEMPLATES_DIR
    if own.is_dir() or own.is_symlink():
        loaders.append(_ProjectLoader(own))
    loaders.append(jinja2.FileSystemLoader(str(package_dir(TEMPLATES_DIR))))
    env = TemplateEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode,
    )
    env.filters["date"] = _format_date
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": True}
    return env


class _ProjectLoader(jinja2.BaseLoader):
    """The project's own templates, read like every other input: UTF-8, size-capped, never through a link."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.root.joinpath(*jinja2.loaders.split_template_path(template))
        if not path.is_symlink() and not path.is_file() and not self.root.is_symlink():
            raise jinja2.TemplateNotFound(template)
        text = read_inside(self.root.parent, path, f"{TEMPLATES_DIR}/{template}")
        mtime = path.lstat().st_mtime_ns
        return text, str(path), lambda: path.lstat().st_mtime_ns == mtime


def package_dir(name: str) -> Path:
    """A data folder shipped inside the sitegen package."""
    return Path(__file__).resolve().parent / name


def _format_date(value: Any) -> str:
    if value is None:
        return "date unknown"
    return f"{value:%B} {value.day}, {value.year}"


def static_files(project: Path) -> dict[str, bytes]:
    """Asset path under ``assets/`` → bytes; the project's ``static/`` overrides the package's."""
    files: dict[str, bytes] = {}
    for root in (package_dir(STATIC_DIR), project / STATIC_DIR):
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_symlink() or any(p.startswith(".") for p in rel.split("/")):
                continue
            if path.is_file():
                files["assets/" + rel] = path.read_bytes()
    return dict(sorted(files.items()))


class Renderer:
    """Renders every page of one Site through one Jinja environment."""

    def __init__(self, site: Site, env: jinja2.Environment, assets: dict[str, bytes]) -> None:
        self.site = site
        self.env = env
        self.assets = assets
        self.asset_hash = {path: hashlib.sha256(data).hexdigest()[:10] for path, data in assets.items()}
        self.page_urls = {cp.page.path: cp.page.url_path for cp in site.pages}
        self.sources = {s.id: s for s in site.sources}  # templates look one up for every reference
        self.lineage_svg = Markup(lineage_svg(site.sources))  # the same diagram on every page that shows it

    TEMPLATES = ("home.html", "page.html", "source.html", "sources.html", "timeline.html", "404.html")

    def render_all(self, keep: Callable[[File], File] | None = None) -> list[File]:
        """Every output file of the site, sorted by path; each passes through ``keep`` as it is made
        (the build writes it to the staging folder there, and keeps only its path and digest)."""
        keep = keep or (lambda out: out)
        outputs = [keep(Output(path, data)) for path, data in self.assets.items()]
        for template in self.TEMPLATES:
            outputs += [keep(out) for out in self.outputs_of(template)]
        from sitegen.feeds import feed_outputs  # feeds reads the rendered pages; imported here to avoid a cycle

        outputs += [keep(out) for out in feed_outputs(self.site, outputs)]
        return sorted(outputs, key=lambda o: o.path)

    def outputs_of(self, template: str) -> Iterator[File]:
        """The outputs rendered with ``template`` (one of ``TEMPLATES``)."""
        site = self.site
        if template == "home.html":
            home = site.home
            if home is None:
                yield self.page("home.html", "", "templates/home.html", page=None, body=Markup(""))
            else:
                yield self.page("home.html", "", home.page.path, page=home, body=Markup(self.rewrite_links(home)))
        elif template == "page.html":
            for cp in site.pages:
                if cp.page.url_path != "":
                    body = Markup(self.rewrite_links(cp))
                    yield self.page("page.html", cp.page.url_path, cp.page.path, page=cp, body=body)
        elif template == "source.html":
            for source in site.sources:
                backlinks = site.backlinks.get(source.id, ())
                yield self.page("source.html", f"sources/{source.id}/", source.path, source=source, backlinks=backlinks)
        elif template == "sources.html":
            yield self.page("sources.html", "sources/", "templates/sources.html")
        elif template == "timeline.html":
            if site.timeline:
                yield self.page("timeline.html", "timeline/", "content/timeline.yaml")
        elif template == "404.html":
            yield self.page("404.html", "404.html", "templates/404.html", absolute_links=True)
        else:
            raise ValueError(f"not a page template: {template}")

    def page(self, template: str, url_path: str, origin: str, absolute_links: bool = False, **context: Any) -> File:
        """Render ``template`` as the page at ``url_path`` (see :meth:`render`)."""
        return self.render(template, url_path, origin, absolute_links, **context)

    def render(self, template: str, url_path: str, origin: str, absolute_links: bool = False, **context: Any) -> Output:
        """Render ``template`` as the page at ``url_path``; template errors name their file and line."""
        ctx = {
            "site": self.site,
            "config": self.site.config,
            "url_path": url_path,
            "url": self.url_function(url_path, absolute_links),
            "canonical": urls.absolute(self.site.config.base_url, url_path),
            "source_by_id": self.sources.__getitem__,
            "cite_target": self.cite_target,
            "json_ld": self.json_ld,
            "lineage_svg": self.lineage_svg,
            **context,
        }
        try:
            html = self.env.get_template(template).render(ctx)
        except jinja2.TemplateSyntaxError as exc:
            raise SitegenError(
                f"template syntax error: {exc.message}",
                Location(_tpl(exc.filename or template), exc.lineno),
                "template.syntax",
            ) from None
        except jinja2.TemplateError as exc:
            raise SitegenError(
                f"template error while rendering {origin}: {exc}", _template_location(exc, template), "template.render"
            ) from None
        return Output(urls.output_file(url_path), html.encode("utf-8"))

    def url_function(self, from_url: str, absolute_links: bool) -> Callable[[str], str]:
        """``url('sources/x/')`` as seen from the page at ``from_url``."""
        base = self.site.config.base_url
        root = base if base.startswith("/") else "/" + base.split("://", 1)[1].partition("/")[2]

        def url(path: str) -> str:
            target, hashmark, fragment = path.partition("#")
            suffix = f"?v={self.asset_hash[target]}" if target in self.asset_hash else ""
            # "" is the home page, also in "#frag" (home backlinks)
            link = root + target if absolute_links else urls.relative(from_url, target)
            return link + suffix + (hashmark + fragment if fragment else "")

        return url

    def cite_target(self, from_url: str, source_id: str, anchor: str, exact: str) -> str:
        """Link from a reference to the paragraph it cites, with a text fragment."""
        from sitegen.citations import text_fragment

        link = urls.relative(from_url, f"sources/{source_id}/")
        return f"{link}#{anchor}{text_fragment(exact)}"

    def rewrite_links(self, cp: CitedPage) -> str:
        """Links in a page body to other pages' ``.md`` files or to ``/site/paths`` → relative URLs."""

        def fix(m: re.Match[str]) -> str:
            href = m.group(2)
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) or href.startswith(("#", "//")):
                return m.group(0)
            target, hashmark, fragment = href.partition("#")
            if target.startswith("/"):
                site_path = target.lstrip("/")
            else:
                src_dir = posixpath.dirname(cp.page.path)
                joined = posixpath.normpath(posixpath.join(src_dir, target))
                if target.endswith(".md") and joined in self.page_urls:
                    site_path = self.page_urls[joined]
                else:
                    return m.group(0)
            new = urls.relative(cp.page.url_path, site_path) + (hashmark + fragment if hashmark else "")
            return f'{m.group(1)}"{new}"'

        return re.sub(r'(<a\s[^>]*?href=)"([^"]*)"', fix, cp.html)

    def json_ld(self, kind: str, title: str, description: str, url_path: str) -> Markup:
        """A JSON-LD block, serialised safely for a ``<script>`` element."""
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": kind,
            "headline" if kind == "NewsArticle" else "name": title,
            "description": description,
            "url": urls.absolute(self.site.config.base_url, url_path),
        }
        if self.site.build_date and kind == "NewsArticle":
            data["dateModified"] = self.site.build_date.isoformat()
        text = json.dumps(data, sort_keys=True, ensure_ascii=True)
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return Markup(text)


def _tpl(name: str) -> str:
    return name if name.startswith("templates/") else f"templates/{Path(name).name}"


def _template_location(exc: BaseException, template: str) -> Location:
    """The template file and line a Jinja runtime error happened on, from its traceback."""
    tb = exc.__traceback__
    found = Location(f"templates/{template}")
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html"):
            lineno = tb.tb_frame.f_globals.get("__jinja_template__")
            tpl = lineno
            line = tpl.get_corresponding_lineno(tb.tb_lineno) if tpl is not None else tb.tb_lineno
            found = Location(f"templates/{Path(filename).name}", line)
        tb = tb.tb_next
    return found


class _KeyValue(Protocol):
    """What TemplateBytecode needs of the build cache."""

    def get(self, kind: str, key: str) -> object | None: ...
    def put(self, kind: str, key: str, value: object) -> None: ...


class TemplateBytecode(jinja2.BytecodeCache):
    """Compiled Jinja templates kept in the build cache, so a build does not recompile unchanged templates.

    Jinja stores each template's source checksum with its bytecode and recompiles when they differ;
    the cache's own salt covers the Jinja and Python versions.
    """

    def __init__(self, cache: _KeyValue) -> None:
        self.cache = cache

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill ``bucket`` from the cache when it holds this template."""
        blob = self.cache.get("jinja", bucket.key)
        if isinstance(blob, bytes):
            bucket.bytecode_from_string(blob)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Remember a freshly compiled template."""
        self.cache.put("jinja", bucket.key, bucket.bytecode_to_string())
