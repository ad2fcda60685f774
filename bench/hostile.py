"""Hostile input: how long ``sitegen build`` takes on shapes of input that once took minutes.

Run as ``python bench/hostile.py [--runs 3] [--case NAME ...]``. Each case is this repository's story with
one hostile file added, built whole process (``python -m sitegen build``) into ``bench/out/hostile/``; it
prints the median wall time of the runs, its ratio to the story's own build in the same run, and how the
build ended: its summary line, or the located error that stopped it. Every case must finish in under 2 s
or stop with a located limit error.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out" / "hostile"
TARGET_SECONDS = 2.0
HEADLINE = " ".join(f"word{i % 97}" for i in range(700))[:4000]


def _page(front: str, body: str) -> str:
    return f"---\n{front}\n---\n\n{body}\n"


def _deep_html(n: int) -> str:
    text = "<p>The ministry opened the bridge on Monday after three years of work on the river crossing.</p>\n"
    return "<html><body>\n" + "<div>\n" * n + text + "</div>\n" * n + "</body></html>\n"


# name → (file to add, its text); every one is within the input size limits (2,000,000 bytes, 100,000 a line)
CASES: dict[str, tuple[str, Callable[[], str]]] = {
    "story as it is": ("", lambda: ""),
    "html seed, 2,000 nested divs": ("seeds/deep.html", lambda: _deep_html(2_000)),
    "html seed, 10,000 nested divs": ("seeds/deep.html", lambda: _deep_html(10_000)),
    "html seed, 60,000 nested divs": ("seeds/deep.html", lambda: _deep_html(60_000)),
    "seed headline of 4,000 characters": (
        "seeds/long.txt",
        lambda: f"{HEADLINE}\nBy Jane Doe | March 3, 2025\n\nThe city opened a new bridge on Monday.\n",
    ),
    "page title of 6,000 characters": ("content/long.md", lambda: _page("title: " + "x" * 6000, "Text.")),
    "table of 30,000 columns": (
        "content/table.md",
        lambda: _page("title: Table", "\n".join("|".join([cell] * 30_000) for cell in ("a", "-", "1"))),
    ),
    "80,000 nested <b> lines": (
        "content/bold.md",
        lambda: _page("title: Bold", "<b>\n" * 80_000 + "x\n" + "</b>\n" * 80_000),
    ),
    "20,000 list items": ("content/list.md", lambda: _page("title: List", "- item\n" * 20_000)),
    "10,000 emphases in a paragraph": ("content/em.md", lambda: _page("title: Em", "*a* " * 10_000)),
    "2,000 emphases in a paragraph": ("content/em.md", lambda: _page("title: Em", "*a* " * 1_990)),
    "4,900 lines of headings": ("content/heads.md", lambda: _page("title: Heads", "## a\n\n" * 2_450)),
}


def project(name: str) -> Path:
    """A fresh copy of the story with the case's file added."""
    root = OUT / "".join(c if c.isalnum() else "-" for c in name).strip("-")
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copy2(REPO / "site.yaml", root / "site.yaml")
    for folder in ("seeds", "content", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    rel, make = CASES[name]
    if rel:
        (root / rel).write_text(make(), encoding="utf-8")
    return root


def run(root: Path) -> tuple[float, int, str]:
    """One whole-process build: wall seconds, exit code, and how it ended."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "-C", str(root)], capture_output=True, text=True, timeout=600
    )
    seconds = time.perf_counter() - start
    errors = [line for line in proc.stderr.splitlines() if ": error: " in line]
    return seconds, proc.returncode, (errors[0] if errors else proc.stdout.strip())


def main() -> int:
    """Time every case; exit 1 when one is over the target without stopping at a limit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="only these cases")
    args = parser.parse_args()
    names = args.case or list(CASES)
    if "story as it is" not in names:
        names.insert(0, "story as it is")
    baseline = None
    missed = 0
    print(f"{'case':<36} {'median s':>9} {'vs story':>9}  outcome")
    for name in names:
        root = project(name)
        runs = [run(root) for _ in range(args.runs)]
        median = statistics.median(seconds for seconds, _, _ in runs)
        baseline = baseline or median
        _, code, outcome = runs[-1]
        limited = code != 0 and "limit" in outcome
        ok = median < TARGET_SECONDS or limited
        missed += not ok
        shown = outcome if len(outcome) < 110 else outcome[:107] + "..."
        print(f"{name:<36} {median:9.2f} {median / baseline:8.1f}x  {'' if ok else 'OVER TARGET: '}{shown}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
