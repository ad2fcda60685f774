#!/usr/bin/env python3
"""A longer fuzz run of sitegen's property tests (Hypothesis).

The same properties as ``tests/test_properties.py`` (arbitrary text into the decoder, the
strict YAML loader, front matter, the citation scanner, Markdown pages and seed ingest never
raises anything but SitegenError and never renders active markup), with many more examples:

    python scripts/fuzz.py                      # 2000 examples per property, a random seed
    python scripts/fuzz.py --examples 20000 --seed 7

It prints the seed, so a failure can be replayed with ``--seed``; Hypothesis shrinks a
failing input to a minimal one and prints it. Nothing is written outside the system temp dir.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    """Run the property tests with ``--examples`` examples each; exit with pytest's status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="examples per property (default 2000)")
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis seed (default: random, printed)")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    print(f"fuzzing with {args.examples} examples per property, seed {seed}", flush=True)
    env = dict(os.environ, SITEGEN_FUZZ_EXAMPLES=str(args.examples))
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    with tempfile.TemporaryDirectory(prefix="sitegen-fuzz-") as work:
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--hypothesis-seed={seed}",
            "--hypothesis-show-statistics",
            "--rootdir",
            str(REPO),
            str(REPO / "tests" / "test_properties.py"),
        ]
        return subprocess.call(command, cwd=work, env=env)


if __name__ == "__main__":
    sys.exit(main())
