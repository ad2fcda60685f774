"""Edit-to-reload latency of ``sitegen serve``, measured in Chromium.

    python bench/reload_latency.py [--edits 20] [--sources 200] [--before DIR] [--max-ms 250]

Copies a project to a temporary folder (the repository's own story, or with ``--sources N`` a
generated story of N article dumps and ten pages citing them), starts ``sitegen serve`` on a free
port, opens a content page in Debian's Chromium (through Playwright) and, ``--edits`` times,
appends a new sentence to that page's Markdown and times how long until the sentence is visible
in the open page: the watcher noticing the save, the rebuild, the reload message and the browser
reloading. With ``--before DIR`` the sitegen package in DIR (an earlier checkout) is measured too,
in turns of five edits, so both see the same machine. Prints the samples and the medians; exits 1
when this checkout's median is over ``--max-ms``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import copy_default_project  # noqa: E402
from bench.run import explainer_corpus  # noqa: E402

TURN = 5  # edits per turn when two checkouts take turns
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_http(url: str, timeout: float = 60) -> None:
    """Block until ``url`` answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the server at {url} never answered")


def measure(
    project: Path, page_file: str, url: str, edits: int, chromium: str, code: Path
) -> tuple[list[float], list[float]]:
    """Seconds from each save to the new text being visible in the open page, and each rebuild's own seconds,
    with the sitegen package in ``code``."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(code)}
    server = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "serve", "-C", str(project), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    builds: list[float] = []

    def read_builds() -> None:
        assert server.stdout is not None
        for line in server.stdout:
            found = re.search(r" in ([0-9.]+) s\b.* after ", line)
            if found:
                builds.append(float(found.group(1)))

    threading.Thread(target=read_builds, daemon=True).start()
    samples: list[float] = []
    try:
        wait_http(f"http://127.0.0.1:{port}/")
        source = project / page_file
        original = source.read_text(encoding="utf-8")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/{url}")
            for i in range(edits):
                page.wait_for_function(
                    "() => window.LiveReload && window.LiveReload.connector.protocol >= 7", timeout=30000
                )
                page.wait_for_timeout(300)  # let the page settle, like an editor between saves
                marker = f"Latency marker number {i} {time.monotonic_ns()} for the benchmark."
                start = time.perf_counter()
                source.write_text(f"{original}\n{marker}\n", encoding="utf-8")
                page.wait_for_function(
                    "m => document.body && document.body.innerText.includes(m)",
                    arg=marker,
                    polling="raf",
                    timeout=30000,
                )
                samples.append(time.perf_counter() - start)
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    return samples, builds


def main() -> int:
    """Run the benchmark and print the samples and the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--sources", type=int, default=0, help="a generated story of this many dumps (0: the repo's)")
    parser.add_argument("--before", type=Path, help="also measure the sitegen package in this folder (a checkout)")
    parser.add_argument("--max-ms", type=float, default=250.0, help="fail when the median is over this")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    codes = [("sitegen", REPO)] + ([("sitegen before", args.before.resolve())] if args.before else [])
    samples: dict[str, list[float]] = {name: [] for name, _ in codes}
    builds: dict[str, list[float]] = {name: [] for name, _ in codes}
    turn = TURN if args.before else args.edits
    with tempfile.TemporaryDirectory(prefix="sitegen-reload-") as tmp:
        for done in range(0, args.edits, turn):
            for name, code in codes:
                project = Path(tmp) / f"site-{name.replace(' ', '-')}-{done}"
                if args.sources:
                    shutil.copytree(explainer_corpus(10, args.sources), project, ignore=_OUTPUT)
                    page_file, url = "content/analysis/p00009.md", "analysis/p00009/"
                else:
                    copy_default_project(project)
                    page_file, url = "content/background.md", "background/"
                got, rebuilt = measure(project, page_file, url, min(turn, args.edits - done), args.chromium, code)
                samples[name] += got
                builds[name] += rebuilt
    for name, _ in codes:
        ms = [s * 1000 for s in samples[name]]
        print(f"{name} samples (ms):", " ".join(f"{m:.0f}" for m in ms))
        print(
            f"{name}: edits {len(ms)}  median {statistics.median(ms):.0f} ms  min {min(ms):.0f} ms"
            f"  max {max(ms):.0f} ms"
            + (
                f"  (the rebuild itself: median {statistics.median(builds[name]) * 1000:.0f} ms)"
                if builds[name]
                else ""
            )
        )
    return 0 if statistics.median(samples["sitegen"]) * 1000 <= args.max_ms else 1


_OUTPUT = shutil.ignore_patterns("public", "public.*", ".sitegen*")


if __name__ == "__main__":
    sys.exit(main())
