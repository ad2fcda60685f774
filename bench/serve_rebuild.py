"""Benchmark: the preview server's rebuild after one page is edited, at 1,000 and 5,000 pages.

    python bench/serve_rebuild.py --sizes 1000,5000 --edits 15

Builds each corpus of ``bench/run.py`` once with the ``Builder`` that ``sitegen serve``
uses, then edits one page at a time (a different page each time, its text only) and
times ``Builder.rebuild([that page])``: the work between the watcher seeing the save
and the reload being sent. Prints the median, the slowest edit and what each rebuild
wrote. Also times an edit that changes a page's title (every page's navigation may
change, so it takes the full incremental path). Not part of the test suite.
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

from bench.run import explainer_corpus, plain_corpus  # noqa: E402
from sitegen.build import Builder  # noqa: E402


def time_edits(project: Path, edits: int, retitle: bool) -> tuple[list[float], list[str]]:
    """Seconds of each rebuild after an edit; the summary lines."""
    builder = Builder(project)
    builder.build()
    pages = sorted((project / "content").rglob("*.md"))
    step = max(1, len(pages) // (edits + 1))
    seconds, summaries = [], []
    for i in range(edits):
        page = pages[(i + 1) * step % len(pages)]
        text = page.read_text(encoding="utf-8")
        if retitle:
            head, sep, body = text.partition("\n---\n")
            new = head.replace("title: ", f"title: Retitled {i} ", 1) + sep + body
        else:
            new = text + f"\n\nA paragraph added by edit {i}.\n"
        page.write_text(new, encoding="utf-8")
        start = time.perf_counter()
        result = builder.rebuild([page])
        seconds.append(time.perf_counter() - start)
        summaries.append(result.summary())
    return seconds, summaries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--explainer-sources", type=int, default=20, help="also an explainer corpus (0: skip)")
    args = parser.parse_args()
    print(f"{'corpus':<22} {'edit':<10} {'median ms':>10} {'max ms':>8}")
    for n in [int(s) for s in args.sizes.split(",")]:
        corpora = [(f"plain-{n}", plain_corpus(n)[0])]
        if args.explainer_sources:
            corpora.append((f"explainer-{n}", explainer_corpus(n, args.explainer_sources)))
        for name, original in corpora:
            for retitle in (False, True):
                with tempfile.TemporaryDirectory(prefix="sitegen-serve-bench-") as tmp:
                    project = Path(tmp) / "p"
                    shutil.copytree(original, project, ignore=shutil.ignore_patterns("public", ".sitegen*"))
                    edits = args.edits if not retitle else max(3, args.edits // 5)
                    seconds, summaries = time_edits(project, edits, retitle)
                label = "title" if retitle else "text"
                ms = [s * 1000 for s in seconds]
                print(f"{name:<22} {label:<10} {statistics.median(ms):>10.1f} {max(ms):>8.1f}   {summaries[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
