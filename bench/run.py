"""Benchmark: whole-process wall time and peak memory of ``sitegen build``, cold, against the bare loop, other
generators (``--peers``) and another checkout of sitegen (``--before DIR``), all in the same run.

    python bench/run.py --default-site --runs 9 [--before DIR]
    python bench/run.py --sizes 1000 --runs 3 --peers [--before DIR]
    python bench/run.py --sizes 5000 --runs 1

Corpora are generated deterministically under ``bench/out/``. Every number is the
median of ``--runs`` runs of a fresh process (``os.wait4`` gives its peak RSS),
and the tools take turns run by run, so a noisy neighbour slows all of them alike.
Ratios are to the bare loop (or, for the default site, to the first tool) measured
in the same run. ``--before DIR`` runs the sitegen package found in DIR (a checkout
of an earlier commit: ``git archive REV | tar -x -C DIR``) with this venv, so a
change is measured against the code it replaces. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(REPO))

from bench.corpus import (  # noqa: E402
    TOPICS,
    PageSpec,
    copy_default_project,
    plain_pages,
    quotes_from,
    seed_articles,
    write_sitegen_project,
)

PY = sys.executable
MD_EXTENSIONS = ["footnotes", "toc", "tables", "attr_list"]


@dataclass
class Sample:
    """Wall seconds and peak RSS (MB) of each run."""

    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    def median(self) -> float:
        return statistics.median(self.seconds)

    def peak(self) -> float:
        return max(self.rss_mb)


def run_process(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run ``cmd`` to completion; (wall seconds, peak RSS in MB of it and its waited-for children)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


# --- corpora ---------------------------------------------------------------------------------------------


def plain_corpus(n: int) -> tuple[Path, list[PageSpec]]:
    """A sitegen project of ``n`` plain pages (made once, reused)."""
    root = OUT / f"plain-{n}"
    pages = plain_pages(n)
    if not (root / "site.yaml").exists():
        write_sitegen_project(root, pages)
    return root, pages


def explainer_corpus(n: int, sources: int) -> Path:
    """A sitegen project: ``sources`` article dumps, ``n`` pages quoting them in every paragraph."""
    root = OUT / f"explainer-{n}-{sources}"
    if (root / "site.yaml").exists():
        return root
    files, _ = seed_articles(sources)
    ids = [f"src{i:03d}" for i in range(sources)]
    overrides = "".join(f"{name}:\n  id: {sid}\n" for name, sid in zip(sorted(files), ids, strict=True))
    rng = random.Random(5)
    cites: list[tuple[str, str]] = []
    for name, sid in zip(sorted(files), ids, strict=True):
        paras = files[name].split("\n")[2:-1]
        cites += [(sid, q) for q in quotes_from(paras, rng, 6)]
    write_sitegen_project(root, plain_pages(n, seed=9, cite=cites), {**files, "sources.yaml": overrides})
    return root


def pelican_project(n: int, pages: list[PageSpec]) -> Path:
    """The same pages as a Pelican project (Markdown metadata header, same Markdown extensions)."""
    root = OUT / f"pelican-{n}"
    if (root / "pelicanconf.py").exists():
        return root
    for p in pages:
        path = root / "content" / p.topic / f"{p.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        head = f"Title: {p.title}\nDate: {p.date}\nTags: {', '.join(p.tags)}\nSummary: {p.summary}\n\n"
        path.write_text(head + _pelican_links(p.body))
    exts = ", ".join(f"'markdown.extensions.{e}': {{}}" for e in MD_EXTENSIONS)
    (root / "pelicanconf.py").write_text(
        "SITENAME = 'Benchmark site'\nPATH = 'content'\nTIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\n"
        "RELATIVE_URLS = True\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n"
        "ARTICLE_URL = '{category}/{slug}/'\nARTICLE_SAVE_AS = '{category}/{slug}/index.html'\n"
        "SLUGIFY_SOURCE = 'basename'\nLOAD_CONTENT_CACHE = False\n"
        f"MARKDOWN = {{'extension_configs': {{{exts}, 'markdown.extensions.meta': {{}}}}, 'output_format': 'html5'}}\n"
    )
    return root


def _pelican_links(body: str) -> str:
    """Relative ``x.md`` links as Pelican's ``{filename}`` links."""
    import re

    return re.sub(
        r"\]\((\.\./)?([a-z]+/)?(p\d+\.md)\)",
        lambda m: f"]({{filename}}{m.group(1) or ''}{m.group(2) or ''}{m.group(3)})",
        body,
    )


def mkdocs_project(n: int, pages: list[PageSpec]) -> Path:
    """The same pages as an MkDocs project (YAML front matter, same Markdown extensions)."""
    root = OUT / f"mkdocs-{n}"
    if (root / "mkdocs.yml").exists():
        return root
    from bench.corpus import front_matter

    docs = root / "docs"
    for topic in TOPICS:
        (docs / topic).mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Benchmark\n\nA generated site.\n")
    for p in pages:
        (docs / p.rel).write_text(front_matter(p) + p.body)
    exts = "".join(f"  - {e}\n" for e in MD_EXTENSIONS)
    (root / "mkdocs.yml").write_text(
        f"site_name: Benchmark site\nuse_directory_urls: true\nmarkdown_extensions:\n{exts}"
    )
    return root


def hugo_project(n: int, pages: list[PageSpec]) -> Path:
    """The same pages as a Hugo project with one single-page layout (Goldmark: footnotes, tables)."""
    root = OUT / f"hugo-{n}"
    if (root / "hugo.toml").exists():
        return root
    from bench.corpus import front_matter

    for p in pages:
        path = root / "content" / p.rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(front_matter(p) + p.body)
    layout = "<!doctype html><html><head><title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>"
    layout += "{{ .TableOfContents }}{{ .Content }}</main></body></html>\n"
    (root / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    for name in ("single.html", "list.html"):
        (root / "layouts" / "_default" / name).write_text(layout)
    (root / "hugo.toml").write_text(
        'baseURL = "/"\ntitle = "Benchmark site"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
    )
    return root


# --- tools ------------------------------------------------------------------------------------------------


def ensure_peer(name: str, package: str) -> Path:
    """A venv under bench/out with ``package`` installed (from PyPI, once)."""
    venv = OUT / name
    python = venv / "bin" / "python"
    if not python.exists() or subprocess.run([str(python), "-c", f"import {name}"], check=False).returncode != 0:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", package], check=True)
    return venv / "bin"


def sitegen_cmd(project: Path) -> list[str]:
    return [PY, "-m", "sitegen", "build", "-C", str(project)]


def with_code(checkout: Path | None) -> dict[str, str] | None:
    """The environment that makes ``python -m sitegen`` run the package in ``checkout`` (None: this one)."""
    if checkout is None:
        return None
    return {**os.environ, "PYTHONPATH": str(checkout.resolve())}


def sitegens(before: Path | None) -> list[tuple[str, dict[str, str] | None]]:
    """The sitegens to time: this checkout, and the one in ``before`` when given."""
    return [("sitegen", None)] + ([("sitegen before", with_code(before))] if before else [])


def clean(*paths: Path) -> Callable[[], None]:
    def go() -> None:
        for p in paths:
            shutil.rmtree(p, ignore_errors=True)

    return go


# --- the benchmark ---------------------------------------------------------------------------------------


def bench_size(n: int, runs: int, peers: str, sources: int, before: Path | None) -> list[tuple[str, str, Sample]]:
    """Cold builds of ``n`` pages by every tool, in turn: (scenario, tool, sample)."""
    project, pages = plain_corpus(n)
    bare_out = OUT / f"bare-out-{n}"
    results: dict[tuple[str, str], Sample] = {}
    tools: list[tuple[str, str, Callable[[], None], list[str], Path, dict[str, str] | None]] = [
        (
            "cold",
            "bare loop",
            clean(bare_out),
            [PY, str(HERE / "bare.py"), str(project / "content"), str(bare_out)],
            REPO,
            None,
        )
    ]
    for name, env in sitegens(before):
        tools.append(
            ("cold", name, clean(project / "public", project / ".sitegen-cache"), sitegen_cmd(project), REPO, env)
        )
    if "pelican" in peers:
        pel = ensure_peer("pelican", "pelican[markdown]")
        pproject = pelican_project(n, pages)
        pelican = [str(pel / "python"), "-m", "pelican", "-q", "-s", "pelicanconf.py", "content", "-o", "output"]
        tools.append(("cold", "Pelican", clean(pproject / "output"), pelican, pproject, None))
    if "mkdocs" in peers:
        mkd = ensure_peer("mkdocs", "mkdocs")
        mproject = mkdocs_project(n, pages)
        mkdocs = [str(mkd / "python"), "-m", "mkdocs", "build", "-q"]
        tools.append(("cold", "MkDocs", clean(mproject / "site"), mkdocs, mproject, None))
    hugo = shutil.which("hugo")
    if peers and hugo:  # untested here: this machine has no Hugo
        hproject = hugo_project(n, pages)
        tools.append(("cold", "Hugo", clean(hproject / "public"), [hugo, "--quiet"], hproject, None))
    if sources:
        explainer = explainer_corpus(n, sources)
        for name, env in sitegens(before):
            wipe = clean(explainer / "public", explainer / ".sitegen-cache")
            tools.append(("explainer cold", name, wipe, sitegen_cmd(explainer), REPO, env))
    for _ in range(runs):
        for scenario, tool, prepare, cmd, cwd, env in tools:
            prepare()
            s, mb = run_process(cmd, cwd, env)
            sample = results.setdefault((scenario, tool), Sample())
            sample.seconds.append(s)
            sample.rss_mb.append(mb)
            print(f"  {n} {scenario} {tool}: {s:.3f} s {mb:.0f} MB", file=sys.stderr, flush=True)
    return [(scenario, tool, sample) for (scenario, tool), sample in results.items()]


def bench_default(runs: int, before: Path | None) -> list[tuple[str, Sample]]:
    """The default story (this repository's own project), whole process, cold: each sitegen in turn."""
    project = OUT / "default-site"
    shutil.rmtree(project, ignore_errors=True)
    copy_default_project(project)
    results: dict[str, Sample] = {}
    for _ in range(runs):
        for name, env in sitegens(before):
            clean(project / "public", project / ".sitegen-cache")()
            s, mb = run_process(sitegen_cmd(project), REPO, env)
            sample = results.setdefault(name, Sample())
            sample.seconds.append(s)
            sample.rss_mb.append(mb)
    return list(results.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sources", type=int, default=20, help="sources in the explainer corpus (0: skip it)")
    parser.add_argument(
        "--peers",
        nargs="?",
        const="pelican,mkdocs",
        default="",
        help="also build with these peers (default: pelican,mkdocs; installed from PyPI)",
    )
    parser.add_argument("--default-site", action="store_true", help="only the default story's own project")
    parser.add_argument("--before", type=Path, help="also time the sitegen package in this folder (a checkout)")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, median of {args.runs} runs")
    if args.default_site:
        print("| default site, cold | median s | min s | max s | ratio | peak MB |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        rows = bench_default(args.runs, args.before)
        first = rows[0][1].median()
        for tool, sample in rows:
            times = sample.seconds
            print(
                f"| {tool} | {sample.median():.3f} | {min(times):.3f} | {max(times):.3f} | "
                f"{sample.median() / first:.3f} | {sample.peak():.0f} |"
            )
        return 0
    print("| pages | scenario | tool | median s | ratio to bare loop | peak MB |")
    print("| ---: | --- | --- | ---: | ---: | ---: |")
    for n in (int(x) for x in args.sizes.split(",")):
        rows = bench_size(n, args.runs, args.peers, args.sources, args.before)
        bare = next(s.median() for sc, t, s in rows if t == "bare loop")
        for scenario, tool, sample in rows:
            ratio = sample.median() / bare
            print(
                f"| {n} | {scenario} | {tool} | {sample.median():.3f} | {ratio:.3f} | {sample.peak():.0f} |", flush=True
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
