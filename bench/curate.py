"""Benchmark: `sitegen curate` on a made-up story of 50, 200 and 1,000 dumps, whole process, median of runs.

    python bench/curate.py [--sizes 50,200,1000] [--runs 5]

Each corpus is one story told by many outlets: every dump states some of the story's facts in
one of several wordings (now and then with a different figure, as outlets do), adds sentences
of its own, and carries the usual furniture (a byline, a newsletter prompt). The same seed
always gives the same files, under ``bench/out/curate-N/``. Each run is a fresh
``sitegen curate --dry-run`` process (ingest included); the sizes take turns run by run, so a
noisy neighbour slows all of them alike. The ratio column compares each size's time per dump
with the smallest size's. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"

# The story's facts, each in three wordings; {n} is a figure that some outlets give differently.
FACTS = [
    (
        "The regional council approved a plan on Tuesday to build {n} new tram stops across the city.",
        "On Tuesday the regional council voted for a plan adding {n} tram stops across the city.",
        "Councillors backed a plan on Tuesday that will add {n} tram stops in the city.",
    ),
    (
        "The project is expected to cost about {n} million euros over the next six years.",
        "Officials put the cost of the project at roughly {n} million euros over six years.",
        "The plan will cost around {n} million euros, according to the council's estimate.",
    ),
    (
        "Construction of the first line will begin in the spring of next year.",
        "Work on the first tram line is due to start next spring.",
        "Builders are set to break ground on the first line next spring.",
    ),
    (
        "Residents of the northern districts will be the first to get a tram connection.",
        "The northern districts, home to many commuters, are first in line for the new trams.",
        "People living in the northern districts will be served first.",
    ),
    (
        "Local shop owners fear that years of roadworks will keep customers away.",
        "Shopkeepers along the route worry that construction will drive away customers.",
        "Traders on the planned route said the works could cost them business for years.",
    ),
    (
        "The city's bus operator will lose about {n} percent of its passengers to the trams.",
        "Transport planners expect the bus company to lose some {n} percent of its riders.",
        "Buses could carry {n} percent fewer passengers once the trams run, planners said.",
    ),
    (
        "The city had scrapped its old tram network in 1962 to make room for cars.",
        "Trams last ran in the city in 1962, when the old network was torn up for car traffic.",
        "The previous tram network was dismantled in 1962.",
    ),
    (
        "A court challenge by a residents' group is still pending and could delay the works.",
        "Whether a pending lawsuit from residents will hold up the project remains unclear.",
        "Opponents have gone to court, and a ruling is expected before construction starts.",
    ),
    (
        "Engineering firms from three countries are expected to bid for the construction contract.",
        "The construction contract will be tendered to companies across Europe.",
        "Rail builders from several countries are preparing bids for the contract.",
    ),
    (
        "The mayor called the decision a turning point for the way people move around the city.",
        "The mayor said the vote marked a turning point for transport in the city.",
        "Calling it a turning point, the mayor welcomed the council's vote.",
    ),
]
SYLLABLES = ["ka", "lo", "mi", "ren", "sta", "vo", "ter", "bel", "dun", "sor", "ga", "pel", "fin", "ro", "ut", "an"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def _sentence(rng: random.Random, vocab: list[str]) -> str:
    words = [rng.choice(vocab) for _ in range(rng.randint(8, 20))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def dumps(count: int, seed: int = 5) -> dict[str, str]:
    """``count`` dumps of the made-up tram story (file name → text)."""
    rng = random.Random(seed)
    vocab = [_word(rng) for _ in range(3000)]
    files = {}
    for i in range(count):
        lines = [f"City Approves Tram Plan, Report {i}", f"By Reporter {i} | March {rng.randint(1, 28)}, 2026"]
        for k, wordings in enumerate(FACTS):
            if rng.random() < 0.6:
                n = {0: 24, 1: 480, 5: 15}.get(k, 0)
                if n and rng.random() < 0.15:
                    n += rng.choice([-2, 2, 6])  # an outlet that gives another figure
                lines.append(rng.choice(wordings).format(n=n))
            for _ in range(rng.randint(0, 2)):
                lines.append(" ".join(_sentence(rng, vocab) for _ in range(rng.randint(1, 3))))
        lines.append("Subscribe to our newsletter")
        files[f"{i:04d}_outlet.txt"] = "\n".join(lines) + "\n"
    return files


def make_project(count: int) -> Path:
    """A project under bench/out/ with ``count`` dumps (rewritten only when missing)."""
    root = OUT / f"curate-{count}"
    if (root / "seeds").is_dir() and len(list((root / "seeds").iterdir())) == count:
        return root
    shutil.rmtree(root, ignore_errors=True)
    (root / "seeds").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "site.yaml").write_text("title: Tram plan\nbase_url: /\n", encoding="utf-8")
    for name, text in dumps(count).items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,1000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    sitegen = str(Path(sys.executable).with_name("sitegen"))
    projects = {n: make_project(n) for n in sizes}
    times: dict[int, list[float]] = {n: [] for n in sizes}
    for _ in range(args.runs):
        for n in sizes:
            start = time.perf_counter()
            subprocess.run([sitegen, "curate", "--dry-run", "-C", str(projects[n])], check=True, capture_output=True)
            times[n].append(time.perf_counter() - start)
    base = statistics.median(times[sizes[0]]) / sizes[0]
    print(f"{'dumps':>6} {'median s':>9} {'min s':>7} {'per dump ms':>12} {'ratio':>6}")
    for n in sizes:
        med = statistics.median(times[n])
        print(f"{n:>6} {med:>9.2f} {min(times[n]):>7.2f} {1000 * med / n:>12.2f} {med / n / base:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
