"""Benchmark: the preview's rebuild after one save, in process, as ``sitegen serve`` runs it.

    python bench/serve_rebuild.py [--edits 15] [--sources 200] [--sizes 1000]

Builds each project once with the preview's builder (its memo kept in memory), then edits one page
at a time (a different page each time, its text only) and times the rebuild: the work between the
watcher seeing the save and the reload being sent. The projects: the repository's own story, a
generated story of ``--sources`` article dumps and ten pages citing them, and ``--sizes`` plain
pages. Prints the median and the slowest rebuild, and how many pages each rendered again.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.corpus import copy_default_project  # noqa: E402
from bench.run import explainer_corpus, plain_corpus  # noqa: E402
from sitegen.serve.preview import SiteBuilder  # noqa: E402


def time_edits(project: Path, edits: int) -> tuple[list[float], list[int]]:
    """Seconds of each rebuild after an edit, and the pages each rendered again."""
    builder = SiteBuilder(project)
    builder(())
    pages = sorted(p for p in (project / "content").rglob("*.md") if p.name != "index.md")
    seconds, rendered = [], []
    for i in range(edits):
        page = pages[i % len(pages)]
        page.write_text(page.read_text(encoding="utf-8") + f"\n\nA paragraph added by edit {i}.\n", encoding="utf-8")
        start = time.perf_counter()
        builder((page.relative_to(project).as_posix(),))
        seconds.append(time.perf_counter() - start)
        rendered.append(builder.memo.rendered)
    return seconds, rendered


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--sources", type=int, default=200, help="the generated story's dumps (0: skip it)")
    parser.add_argument("--sizes", default="1000", help="plain corpora, pages (empty: none)")
    args = parser.parse_args()
    corpora: list[tuple[str, Path | None]] = [("default site", None)]
    if args.sources:
        corpora.append((f"{args.sources}-source story", explainer_corpus(10, args.sources)))
    corpora += [(f"{n} plain pages", plain_corpus(int(n))[0]) for n in args.sizes.split(",") if n]
    print("| project | median ms | slowest ms | pages rendered again (median) |")
    print("| --- | ---: | ---: | ---: |")
    for name, original in corpora:
        with tempfile.TemporaryDirectory(prefix="sitegen-serve-bench-") as tmp:
            project = Path(tmp) / "p"
            if original is None:
                copy_default_project(project)
            else:
                shutil.copytree(original, project, ignore=shutil.ignore_patterns("public", "public.*", ".sitegen*"))
            seconds, rendered = time_edits(project, args.edits)
        ms = [s * 1000 for s in seconds]
        print(f"| {name} | {statistics.median(ms):.0f} | {max(ms):.0f} | {statistics.median(rendered):.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
