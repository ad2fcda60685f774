"""Benchmark: ``sitegen ingest`` of 200 article dumps (about 1.5 MB), whole process, and hostile nesting.

    python bench/ingest.py [--runs 9] [--dumps 200]

The dumps are generated deterministically under ``bench/out/ingest/``: plain-text
pages with the furniture real pages carry (a breadcrumb, a byline, photo captions
and credits, a newsletter prompt, a related list, a copyright line), every tenth a
Markdown or an HTML page. Every number is the median of ``--runs`` fresh
processes; the commands take turns run by run, so a noisy neighbour slows all of
them alike. Peers: Python starting and doing nothing, and a process that only
reads the dumps. Also timed: one HTML dump of 60,000 nested ``<div>``s (within
the input limits), which once took minutes. Not part of the test suite.
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
REPO = HERE.parent
OUT = HERE / "out" / "ingest"
sys.path.insert(0, str(REPO))

from bench.corpus import WORDS  # noqa: E402

BIN = Path(sys.executable).parent
TARGET_BYTES = 7_500  # 200 dumps of this size: about 1.5 MB


def sentence(rng: random.Random, lo: int = 8, hi: int = 22) -> str:
    """A sentence of made-up words."""
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi))).capitalize() + "."


def name(rng: random.Random) -> str:
    """A person's made-up name."""
    return f"{rng.choice(WORDS).capitalize()}a {rng.choice(WORDS).capitalize()}son"


def dump(rng: random.Random, number: int) -> tuple[str, str]:
    """One article dump: (file name, text)."""
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).capitalize()
    outlet = f"{rng.choice(WORDS).capitalize()} {rng.choice(['Times', 'Post', 'Daily', 'Wire'])}"
    lines = [
        f"Home » {rng.choice(WORDS).capitalize()} » {title}",
        title,
        f"By {name(rng)} | March {rng.randint(1, 28)}, 2026",
        "Share this article",
    ]
    size = sum(len(x) for x in lines)
    while size < TARGET_BYTES:
        kind = rng.random()
        if kind < 0.06:
            extra = [f"{sentence(rng, 8, 14)} ({name(rng)}/Getty Images)"]
        elif kind < 0.1:
            extra = ["Sign up for our daily newsletter", "Get the best stories delivered to your inbox."]
        elif kind < 0.14:
            extra = [" ".join(rng.choice(WORDS) for _ in range(3)).capitalize()]  # a subheading
        elif kind < 0.17:
            extra = ["Related:", *(" ".join(rng.choice(WORDS) for _ in range(7)).capitalize() for _ in range(3))]
        else:
            extra = [" ".join(sentence(rng) for _ in range(rng.randint(2, 5)))]
        lines += extra
        size += sum(len(x) for x in extra)
    lines += [f"© 2026 {outlet}. All rights reserved.", "Advertisement"]
    if number % 10 == 3:
        body = "\n\n".join(lines)
        return f"{number:03d}_{rng.choice(WORDS)}.md", f"# {title}\n\n{body}\n"
    if number % 10 == 7:
        paras = "".join(f"<p>{x}</p>\n" for x in lines[2:])
        head = f'<head><title>{title}</title><meta property="og:site_name" content="{outlet}"></head>'
        return f"{number:03d}_{rng.choice(WORDS)}.html", f"<html>{head}<body><h1>{title}</h1>\n{paras}</body></html>\n"
    return f"{number:03d}_{rng.choice(WORDS)}.txt", "\n".join(lines) + "\n"


def make_corpus(count: int) -> Path:
    """A project whose seeds/ holds ``count`` generated dumps (the same files every time)."""
    project = OUT / f"dumps-{count}"
    shutil.rmtree(project, ignore_errors=True)
    (project / "seeds").mkdir(parents=True)
    (project / "site.yaml").write_text("title: Ingest benchmark\n", encoding="utf-8")  # the cli wants a project
    rng = random.Random(13)
    for i in range(count):
        file_name, text = dump(rng, i)
        (project / "seeds" / file_name).write_text(text, encoding="utf-8")
    return project


def make_deep() -> Path:
    """A project with one HTML dump of 60,000 nested <div>s around two paragraphs."""
    project = OUT / "deep"
    shutil.rmtree(project, ignore_errors=True)
    (project / "seeds").mkdir(parents=True)
    (project / "site.yaml").write_text("title: Ingest benchmark\n", encoding="utf-8")
    text = "<div>\n" * 60_000 + f"<p>{sentence(random.Random(1))}</p>\n" + "</div>\n" * 60_000
    (project / "seeds" / "deep.html").write_text(text, encoding="utf-8")
    return project


def timed(cmd: list[str]) -> float:
    """Wall seconds of one run of ``cmd`` (its output thrown away); it must succeed."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--dumps", type=int, default=200)
    args = parser.parse_args()
    project, deep = make_corpus(args.dumps), make_deep()
    size = sum(p.stat().st_size for p in (project / "seeds").iterdir())
    read_only = "import sys, pathlib; [p.read_text() for p in sorted(pathlib.Path(sys.argv[1]).iterdir())]"
    commands = {
        "python, nothing": [sys.executable, "-c", "pass"],
        "python, read the dumps": [sys.executable, "-c", read_only, str(project / "seeds")],
        "sitegen ingest": [str(BIN / "sitegen"), "ingest", "-C", str(project)],
        "sitegen ingest, 60,000 nested <div>": [str(BIN / "sitegen"), "ingest", "-C", str(deep)],
    }
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(args.runs):
        for label, cmd in commands.items():  # in turns: a busy moment slows every command alike
            times[label].append(timed(cmd))
    base = statistics.median(times["python, nothing"])
    print(f"{args.dumps} dumps, {size / 1e6:.2f} MB; median of {args.runs} runs, whole process")
    for label, samples in times.items():
        median = statistics.median(samples)
        print(f"  {label:<38} {median:6.3f} s  ({median / base:5.1f}x python doing nothing)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
