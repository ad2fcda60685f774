"""The per-item stages of a build, cached by content hash and spread over the CPU cores.

- ``cached_ingest``: the sources, keyed by every file in ``seeds/``.
- ``cite_pages``: Markdown + citations per page, keyed by the page (text and
  front matter) and the digests of the sources it cites.
- ``CachedRenderer``: each output keyed by the site's shared state (config,
  every page's front matter, every source's metadata, backlinks, claims,
  timeline, lineage), the templates and assets, and what the template is given
  for that one output (the page, its body, the source...). A page's body is
  seen by its own output only, so editing one page's text re-renders one page.

Work that misses the cache is done in a pool of forked worker processes when
there is enough of it to pay for the pool; small sites stay in one process.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from collections import deque
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from markupsafe import Markup

from sitegen.cache import Cache, data_digest, digest
from sitegen.errors import BuildFailed, Location, SitegenError
from sitegen.model import CitedPage, Page, Source
from sitegen.output import File, Known
from sitegen.progress import Progress
from sitegen.render import Output, Renderer, package_dir
from sitegen.site import Site
from sitegen.textio import MAX_INPUT_BYTES

PARALLEL_MIN = 48  # cache misses below this are done in-process: forking costs about as much as 20 pages

_Problem = tuple[str, Location | None, str, str | None]


def jobs() -> int:
    """How many processes per-page work may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _as_problems(exc: SitegenError) -> list[_Problem]:
    errors = exc.problems if isinstance(exc, BuildFailed) else [exc]
    return [(e.message, e.location, e.code, e.hint) for e in errors]


def _from_problems(problems: list[_Problem]) -> SitegenError:
    errors = [SitegenError(*p) for p in problems]
    return errors[0] if len(errors) == 1 else BuildFailed(errors)


_WORK: Any = None  # what forked workers read: set just before the pool forks, so it is never pickled


def in_parallel(func: Callable[[int], Any], count: int, work: Any, progress: Progress) -> Iterator[tuple[int, Any]]:
    """``(i, func(i))`` for ``i < count``; forked workers see ``work`` as ``incremental._WORK``."""
    global _WORK
    _WORK = work
    try:
        if count < PARALLEL_MIN or jobs() < 2:
            for i in range(count):
                yield i, func(i)
                progress.advance()
            return
        import multiprocessing

        chunk = max(1, min(32, count // (jobs() * 6)))
        window = jobs() * 3  # chunks in flight: results wait for the caller in memory, so only a few at a time
        with multiprocessing.get_context("fork").Pool(jobs()) as pool:
            pending: deque[tuple[int, Any]] = deque()
            start = 0
            while start < count or pending:
                while start < count and len(pending) < window:
                    pending.append((start, pool.apply_async(_run_chunk, (func, start, min(count, start + chunk)))))
                    start += chunk
                first, result = pending.popleft()
                for k, value in enumerate(result.get()):
                    yield first + k, value
                    progress.advance()
    finally:
        _WORK = None


def _run_chunk(func: Callable[[int], Any], start: int, stop: int) -> list[Any]:
    return [func(i) for i in range(start, stop)]


def file_key(path: Path) -> object:
    """A file's content digest for a cache key; a marker instead when it is unreadable or over the input limit
    (the stage that reads it for real then reports it, located, and nothing is cached)."""
    try:
        size = path.stat().st_size
        return data_digest(path.read_bytes()) if size <= MAX_INPUT_BYTES else ("too-large", size)
    except OSError as exc:
        return ("unreadable", exc.errno)


def cached_ingest(project: Path, cache: Cache, ingest: Callable[[Path], Sequence[Source]]) -> tuple[Source, ...]:
    """``ingest(project)``, reused while nothing in ``seeds/`` changed."""
    seeds = project / "seeds"
    parts: list[object] = []
    if seeds.is_dir():
        for path in sorted(seeds.iterdir()):
            if path.is_symlink() or not path.is_file():
                parts.append((path.name, path.is_symlink()))
            else:
                parts.append((path.name, file_key(path)))
    key = digest(cache.salt, "ingest", parts)
    hit = cache.get("ingest", key)
    if isinstance(hit, tuple) and all(isinstance(s, Source) for s in hit):
        return hit
    sources = tuple(ingest(project))
    cache.put("ingest", key, sources)
    return sources


@dataclasses.dataclass(frozen=True, slots=True)
class CachedPage:
    """A cited page and the digests of the sources it was resolved against."""

    cited: CitedPage
    deps: tuple[tuple[str, str], ...]


def _cite_one(i: int) -> tuple[dict[str, Any] | None, list[_Problem]]:
    """Page ``i`` cited: its CitedPage's fields but the page itself, which the caller already holds
    (sent back from a worker, the page's text would arrive as a second copy)."""
    pages, by_id, make_md = _WORK
    global _MD
    if _MD is None:
        _MD = make_md()
    from sitegen.citations import cite_page

    try:
        cited = cite_page(pages[i], by_id, _MD)
    except SitegenError as exc:
        return None, _as_problems(exc)
    return {f.name: getattr(cited, f.name) for f in dataclasses.fields(cited) if f.name != "page"}, []


_MD: Any = None


def cite_pages(
    pages: Sequence[Page], sources: Sequence[Source], cache: Cache, progress: Progress
) -> tuple[list[CitedPage], list[SitegenError]]:
    """Every page with its citations resolved, in order, and the problems found."""
    from sitegen.citations import make_markdown

    by_id = {s.id: s for s in sources}
    source_keys = {s.id: digest(s) for s in sources}
    done: dict[int, CitedPage] = {}
    todo: list[int] = []
    keys = [digest(cache.salt, "cite", page) for page in pages]
    for i, key in enumerate(keys):
        hit = cache.get("cite", key)
        if isinstance(hit, CachedPage) and all(source_keys.get(sid) == d for sid, d in hit.deps):
            done[i] = hit.cited
        else:
            todo.append(i)
    progress.start("reading pages", len(todo))
    errors: list[SitegenError] = []
    global _MD
    _MD = None
    work = ([pages[i] for i in todo], by_id, make_markdown)
    shared = {(s.id, p.anchor): p for s in sources for p in s.paragraphs}
    for n, (fields, problems) in in_parallel(_cite_one, len(todo), work, progress):
        if fields is None:
            errors.append(_from_problems(problems))
            continue
        i = todo[n]
        refs = []
        for r in fields["references"]:
            own = shared.get((r.source_id, r.paragraph.anchor))
            refs.append(dataclasses.replace(r, paragraph=own) if own == r.paragraph else r)
        fields["references"] = tuple(refs)  # the sources' own paragraphs, not a copy per reference
        cited = CitedPage(page=pages[i], **fields)
        done[i] = cited
        deps = tuple(sorted({(r.source_id, source_keys[r.source_id]) for r in cited.references}))
        cache.put("cite", keys[i], CachedPage(cited, deps))
    return [done[i] for i in sorted(done)], errors


# What every template is given whatever it mentions: the config, ``source_by_id`` and the lineage diagram.
_ALWAYS = frozenset({"config", "sources", "lineage", "build_date"})
# Site methods, and the fields they read (``home`` reads the home page only).
_METHODS = {"home": "home", "neighbours": "sections", "common_upstream": "lineage"}
_SITE_FIELDS = frozenset(f.name for f in dataclasses.fields(Site))
# What a listing may show of a page beyond its front matter, when a template reads it of other pages than its own.
_DETAILS = {"words": "listed.words", "references": "listed.references"}
_EVERYTHING = _SITE_FIELDS | {"home"} | set(_DETAILS.values())  # when what a template shows cannot be known


def site_fields(text: str) -> frozenset[str]:
    """The parts of the Site that template text can show: every field or method it names, and ``_ALWAYS``.

    A name found anywhere counts (an over-estimate is safe); ``home`` is the home page's front matter,
    ``pages`` every page's.
    """
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
    return _ALWAYS | (words & _SITE_FIELDS) | {field for method, field in _METHODS.items() if method in words}


def listing_details(tree: Any) -> frozenset[str]:
    """What a template (its Jinja parse tree) reads of pages other than its own besides their front matter:
    ``listed.words`` (a reading time) and ``listed.references`` (sources cited).

    Read of ``page``, the page being rendered, they are in its own output's key already. Anything that
    might reach another page's counts: ``s.words`` in a loop, the name as a string (``attribute="words"``,
    ``s["words"]``), and ``page.words`` too once ``page`` is assigned, a loop variable or a macro argument.
    """
    from jinja2 import nodes

    shadowed = any(n.name == "page" and n.ctx != "load" for n in tree.find_all(nodes.Name))
    found = set()
    for node in tree.find_all(nodes.Getattr):
        own = isinstance(node.node, nodes.Name) and node.node.name == "page" and not shadowed
        if node.attr in _DETAILS and not own:
            found.add(_DETAILS[node.attr])
    for const in tree.find_all(nodes.Const):
        if isinstance(const.value, str) and const.value in _DETAILS:
            found.add(_DETAILS[const.value])
    return frozenset(found)


def site_digest(site: Site, fields: Collection[str] | None = None) -> str:
    """A digest of what of ``site`` an output may show: the named ``fields`` (default: all), never the pages' bodies.

    Of the listed pages (``sections``, ``pages``), their front matter, and their reading time and the
    sources they cite when ``fields`` has ``listed.words`` and ``listed.references`` (the home page's
    cards). Without ``pages`` in ``fields`` only the home page's front matter is (when ``home`` is).
    """
    parts: list[object] = []
    for f in dataclasses.fields(site):
        value = getattr(site, f.name)
        if f.name == "pages":
            if fields is None or "pages" in fields:
                value = tuple(listed(cp, fields) for cp in value)
            else:  # the home page's front matter, when ``home`` is shown
                home = "home" in fields
                value = tuple(dataclasses.replace(cp.page, body="") for cp in value if home and cp.page.url_path == "")
        elif fields is not None and f.name not in fields:
            continue
        elif f.name == "sections":
            value = tuple(listed(cp, fields) for cp in value)
        parts.append((f.name, value))
    return digest(parts)


def listed(cp: CitedPage, fields: Collection[str] | None = None) -> tuple[object, ...]:
    """What a listing may show of ``cp``: its front matter, and of its word count and the sources it cites
    what ``fields`` names (default: both)."""
    words = cp.words if fields is None or "listed.words" in fields else None
    cited = tuple(r.source_id for r in cp.references) if fields is None or "listed.references" in fields else None
    return dataclasses.replace(cp.page, body=""), words, cited


def templates_digest(project: Path) -> str:
    """A digest of every template file the project could use."""
    parts = []
    for root in (project / "templates", package_dir("templates")):
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    parts.append((str(path.relative_to(root)), file_key(path)))
    return digest(parts)


def fields_key(salt: str, templates_key: str, template: str) -> str:
    """The cache key of what ``template`` shows, given the digest of every template (``templates_digest``)."""
    return digest(salt, templates_key, "fields", template)


def template_fields(env: Any, name: str) -> frozenset[str]:
    """What of the Site the template ``name`` and everything it extends, includes or imports can show.

    A template that names another one only at run time (``{% include var %}``) counts as showing everything.
    """
    from jinja2 import meta

    seen: set[str] = set()
    todo = [name]
    texts = []
    details: set[str] = set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        text, filename, _ = env.loader.get_source(env, current)
        texts.append(text)
        # named as compiling names it, so an environment that keeps parse trees parses each template once
        tree = env.parse(text, current, filename)
        details |= listing_details(tree)
        for ref in meta.find_referenced_templates(tree):
            if ref is None:
                return _EVERYTHING
            todo.append(ref)
    return site_fields("\n".join(texts)) | details


def _render_one(i: int) -> tuple[str, bytes] | list[_Problem]:
    renderer, indexes = _WORK
    cp = renderer.site.pages[indexes[i]]
    try:
        body = Markup(Renderer.rewrite_links(renderer, cp))  # made again here rather than held for every page
        out = Renderer.page(renderer, "page.html", cp.page.url_path, cp.page.path, page=cp, body=body)
    except SitegenError as exc:
        return _as_problems(exc)
    return out.path, out.data


class CachedRenderer(Renderer):
    """A Renderer whose every ``page`` is looked up in the cache first.

    ``keep`` is what ``render_all`` is given (the build stages each output there): pages rendered
    ahead in parallel go through it as soon as they arrive, so they are not all held in memory.
    """

    def __init__(
        self,
        site: Site,
        env: Any,
        assets: dict[str, bytes],
        cache: Cache,
        project: Path,
        progress: Progress,
        keep: Callable[[File], File] | None = None,
        templates_key: str | None = None,
    ) -> None:
        super().__init__(site, env, assets)
        self.cache = cache
        self.progress = progress
        self.keep = keep or (lambda out: out)
        self.templates_key = templates_key or templates_digest(project)
        self.base = digest(cache.salt, self.templates_key, sorted(self.asset_hash.items()))
        self.links_base = digest(self.base, sorted(self.page_urls.items()))
        self.fields: dict[str, frozenset[str]] = {}
        self.site_keys: dict[str, str] = {}  # template → the digest of what of the site it shows
        self.fresh: dict[str, File] = {}
        self.keys_ahead: dict[str, tuple[CitedPage, str]] = {}  # page path → (page, its output's key) from prerender
        self.rendered = 0
        self.reused = 0

    def rewrite_links(self, cp: CitedPage) -> str:
        """The page body with its links made relative, cached by the body and the site's URLs."""
        key = digest(self.links_base, "links", cp.page.path, cp.page.url_path, cp.packed)
        hit = self.cache.get("links", key)
        if isinstance(hit, str):
            return hit
        body = super().rewrite_links(cp)
        self.cache.put("links", key, body)
        return body

    def site_key(self, template: str, site: Site | None = None) -> str:
        """The digest of what of ``site`` (default: this renderer's) the template ``template`` can show."""
        if template not in self.fields:
            key = fields_key(self.cache.salt, self.templates_key, template)
            hit = self.cache.get("fields", key)
            if isinstance(hit, frozenset):
                self.fields[template] = hit
            else:
                try:
                    self.fields[template] = template_fields(self.env, template)
                    self.cache.put("fields", key, self.fields[template])
                except Exception:  # a template that cannot be read or parsed: rendering it reports that, located
                    self.fields[template] = _EVERYTHING
        if site is not None:
            return site_digest(site, self.fields[template])
        if template not in self.site_keys:
            self.site_keys[template] = site_digest(self.site, self.fields[template])
        return self.site_keys[template]

    def learn(self, compiled: Mapping[str, bytes], fields: Mapping[str, frozenset[str]]) -> None:
        """Take templates compiled and read by the build's helper as if this renderer had done it: the
        bytecode by its cache key (Jinja still checks it against each template's source), and what each
        template shows."""
        for key, blob in compiled.items():
            self.cache.put("jinja", key, blob)
        for template, shown in fields.items():
            self.fields[template] = shown
            self.cache.put("fields", fields_key(self.cache.salt, self.templates_key, template), shown)

    def key(self, template: str, url_path: str, origin: str, absolute_links: bool, context: Mapping[str, Any]) -> str:
        """The cache key of one output: what the template shows of the site, and what it is given."""
        site_key = self.site_key(template)
        return digest(self.base, site_key, template, url_path, origin, absolute_links, sorted(context.items()))

    def page(self, template: str, url_path: str, origin: str, absolute_links: bool = False, **context: Any) -> File:
        ahead = self.keys_ahead.pop(origin, None) if template == "page.html" and not absolute_links else None
        if ahead is not None and ahead[0] is context.get("page"):
            key = ahead[1]  # worked out by prerender for this very page
        else:
            key = self.key(template, url_path, origin, absolute_links, context)
        found = self.fresh.pop(key, None)
        if found is not None:
            self.rendered += 1
            return found
        known = self.cache.get("outd", key)
        if isinstance(known, tuple) and len(known) == 3 and all(isinstance(x, str) for x in known):
            self.reused += 1

            def load() -> bytes:  # only when a later step reads it: mostly it is linked from the output folder
                hit = self.cache.get("out", key)
                if isinstance(hit, tuple) and len(hit) == 2 and isinstance(hit[1], bytes):
                    return hit[1]
                return Renderer.page(self, template, url_path, origin, absolute_links, **context).data

            return Known(known[0], known[1], load, known[2])
        out = super().page(template, url_path, origin, absolute_links, **context)
        self.rendered += 1
        self.remember(key, out.path, out.data)
        return out

    def remember(self, key: str, path: str, data: bytes) -> None:
        """Cache one rendered output: its bytes, and apart from them its digests (all a rebuild usually needs)."""
        self.cache.put("out", key, (path, data))
        self.cache.put("outd", key, (path, data_digest(data), head_digest(data)))

    def render_all(self, keep: Callable[[File], File] | None = None) -> list[File]:
        return super().render_all(keep or self.keep)

    def prerender(self) -> None:
        """Render the content pages that miss the cache, in parallel, ahead of ``render_all``.

        ``render_all`` then finds them ready; a page it asks for differently is simply rendered there.
        """
        todo = []
        for i, cp in enumerate(self.site.pages):
            if cp.page.url_path == "":
                continue
            context = {"page": cp, "body": Markup(self.rewrite_links(cp))}
            key = self.key("page.html", cp.page.url_path, cp.page.path, False, context)
            self.keys_ahead[cp.page.path] = (cp, key)
            if not self.cache.has("outd", key):  # what ``page`` looks up
                todo.append((key, i))
        if len(todo) < PARALLEL_MIN or jobs() < 2:
            return
        self.env.get_template("page.html")  # compiled once, before the workers fork
        self.progress.start("rendering pages", len(todo))
        for n, result in in_parallel(_render_one, len(todo), (self, [i for _, i in todo]), self.progress):
            if isinstance(result, tuple):
                key = todo[n][0]
                self.remember(key, *result)
                self.fresh[key] = self.keep(Output(*result))
            # a failed page is rendered again by render_all, which reports the error as usual


def cached_parse(cache: Cache) -> Callable[[str, str], Page]:
    """``parse_page`` reusing the Page of any text it has seen at the same path."""
    from sitegen.pages import parse_page

    def parse(text: str, rel: str) -> Page:
        key = digest(cache.salt, "page", rel, text)
        hit = cache.get("page", key)
        if isinstance(hit, Page):
            return hit
        page = parse_page(text, rel)
        cache.put("page", key, page)
        return page

    return parse


class CachedLinks:
    """The link check's memory (``check.LinkMemo``): a page whose links were sound stays so while its body,
    its place, every page's URL and the set of output files are as they were, and the anchors it links
    into elsewhere still exist."""

    def __init__(self, cache: Cache, site: Site, outputs: Sequence[File]) -> None:
        self.cache = cache
        pages = sorted((cp.page.path, cp.page.url_path) for cp in site.pages)
        self.base = digest(cache.salt, "links-ok", sorted(o.path for o in outputs), pages)

    def key(self, cp: CitedPage) -> str:
        return digest(self.base, cp.page.path, cp.page.url_path, data_digest(cp.packed))

    def anchors_needed(self, cp: CitedPage) -> Sequence[tuple[str, str]] | None:
        hit = self.cache.get("links-ok", self.key(cp))
        if isinstance(hit, tuple) and all(isinstance(a, tuple) and len(a) == 2 for a in hit):
            return hit
        return None

    def remember(self, cp: CitedPage, anchors: Sequence[tuple[str, str]]) -> None:
        self.cache.put("links-ok", self.key(cp), tuple(anchors))


def head_digest(data: bytes) -> str:
    """The digest of an HTML page's ``<head>`` (all a social card is drawn from)."""
    return data_digest(data.split(b"</head>", 1)[0])


def file_digest(out: File) -> str:
    """The digest of an output's bytes (a staged output knows it already)."""
    known = getattr(out, "digest", None)
    return known if isinstance(known, str) else data_digest(out.data)


def _card_one(i: int) -> list[Output]:
    draw, pages, base_url = _WORK
    result: list[Output] = draw([pages[i]], base_url)
    return result


def cached_cards(
    cache: Cache,
    outputs: Sequence[File],
    base_url: str,
    progress: Progress,
    draw: Callable[[Sequence[File], str], list[Output]],
    keep: Callable[[File], File] | None = None,
    draw_each: Callable[[Sequence[File], str], list[list[Output]] | None] | None = None,
) -> list[File]:
    """``draw(outputs, base_url)`` page by page, each page's cards keyed by its HTML; sorted by path.

    Each card passes through ``keep`` as soon as it is drawn (or found in the cache); when two pages
    name the same card, the first one's is kept. A few pages' cards are drawn in one call of
    ``draw_each(pages, base_url)`` when given (the build's helper: one list of cards per page, or None
    to have them drawn here).
    """
    keep = keep or (lambda out: out)
    pages = [o for o in outputs if o.path.endswith(".html")]
    # cards are drawn from a page's <meta> tags, so a page's head is all its card depends on
    keys = [
        digest(cache.salt, "card", base_url, o.path, getattr(o, "head", None) or head_digest(o.data)) for o in pages
    ]
    kept: dict[str, File] = {}

    def add(cards: list[Output]) -> None:
        for card in cards:
            if card.path not in kept:
                kept[card.path] = keep(card)

    todo: list[int] = []
    for i, key in enumerate(keys):
        hit = cache.get("card", key)
        if isinstance(hit, list) and all(isinstance(card, Output) for card in hit):
            add(hit)
        else:
            todo.append(i)
    progress.start("drawing cards", len(todo))
    drawn = draw_each([pages[i] for i in todo], base_url) if draw_each and 0 < len(todo) < PARALLEL_MIN else None
    if drawn is not None:
        progress.advance(len(drawn))
        results: Iterator[tuple[int, list[Output]]] = iter(enumerate(drawn))
    else:
        results = in_parallel(_card_one, len(todo), (draw, [pages[i] for i in todo], base_url), progress)
    for n, cards in results:
        cache.put("card", keys[todo[n]], cards)
        add(cards)
    return [kept[p] for p in sorted(kept)]


def cached_search(
    cache: Cache,
    outputs: Sequence[File],
    language: str,
    start: Callable[[Sequence[File], str, Path | None], Callable[[], list[Output]]],
    keep: Callable[[File], File] | None = None,
) -> Callable[[], list[File]]:
    """The search bundle, indexed in the background: ``start(pages, language, workdir)`` for each shard of the
    HTML pages that changed (each shard is reused while none of its pages changed; ``workdir`` is in the cache
    folder). Call the answer for the bundle, sorted by path. Each file passes through ``keep`` as soon as its
    shard is ready, so the bundles are not all held at once."""
    from sitegen.search import in_folder, shard_dir, shard_pages, shards_list

    keep = keep or (lambda out: out)
    shards = shard_pages(outputs)
    bundle: list[File] = [keep(shards_list(len(shards)))]
    running: list[tuple[int, str, Callable[[], list[Output]]]] = []
    try:
        for n, pages in enumerate(shards):
            key = digest(cache.salt, "search", language, n, len(shards), [(o.path, file_digest(o)) for o in pages])
            hit = cache.get("search", key)
            if isinstance(hit, list) and all(isinstance(o, Output) for o in hit):
                bundle += [keep(o) for o in hit]
            else:
                workdir = cache.folder / "search" / str(n) if cache.folder else None
                running.append((n, key, start(pages, language, workdir)))
    except BaseException:
        _wait_all(running, lambda n, key, shard: None)
        raise

    def result() -> list[File]:
        def take(n: int, key: str, shard: list[Output]) -> None:
            moved = in_folder(shard, shard_dir(n))
            cache.put("search", key, moved)
            bundle.extend(keep(o) for o in moved)

        _wait_all(running, take)
        if cache.folder is not None and (cache.folder / "search").is_dir():
            current = {str(n) for n in range(len(shards))}
            for old in (cache.folder / "search").iterdir():  # the folders of shards the site no longer has
                if old.is_dir() and not old.is_symlink() and old.name not in current:
                    shutil.rmtree(old, ignore_errors=True)
        return sorted(bundle, key=lambda o: o.path)

    return result


def _wait_all(
    running: Sequence[tuple[int, str, Callable[[], list[Output]]]], take: Callable[[int, str, list[Output]], None]
) -> None:
    """``take`` each indexing run's bundle as it ends; every run is waited for even when one fails, and the
    first failure is raised once all have ended (nothing more is taken after it)."""
    failure: BaseException | None = None
    for n, key, finish in running:
        try:
            shard = finish()
            if failure is None:
                take(n, key, shard)
        except BaseException as exc:  # re-raised below, once every run has ended
            failure = failure or exc
    if failure is not None:
        raise failure


def draw_cards(outputs: Sequence[File], base_url: str) -> list[Output]:
    """The social cards of ``outputs``; Pillow is imported only when a card must be drawn."""
    from sitegen.cards import social_cards

    return social_cards(outputs, base_url)
