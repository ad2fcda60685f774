"""Edit-to-reload latency of ``sitegen serve`` for the default site, measured in Chromium.

Run as ``python bench/reload_latency.py [--edits 20] [--max-ms 500]``. Copies the repository's
project to a temporary folder, starts ``sitegen serve`` on a free port, opens a content page in
Debian's Chromium (through Playwright) and, ``--edits`` times, appends a new sentence to that
page's Markdown and times how long until the sentence is visible in the open page: the watcher
noticing the save, the incremental rebuild, the reload message and the browser reloading. Prints
every sample and the median; exits 1 when the median is over ``--max-ms``.
"""

from __future__ import annotations

import argparse
import os
import re
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

PAGE = "content/background.md"
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


def measure(project: Path, edits: int, chromium: str) -> tuple[list[float], list[float]]:
    """Seconds from each save to the new text being visible in the open page, and each rebuild's own seconds."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
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
            found = re.search(r" in ([0-9.]+) s after ", line)
            if found:
                builds.append(float(found.group(1)))

    threading.Thread(target=read_builds, daemon=True).start()
    samples: list[float] = []
    try:
        wait_http(f"http://127.0.0.1:{port}/")
        source = project / PAGE
        original = source.read_text(encoding="utf-8")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/background/")
            for i in range(edits):
                page.wait_for_function(
                    "() => window.LiveReload && window.LiveReload.connector.protocol >= 7", timeout=30000
                )
                page.wait_for_timeout(300)  # let the page settle, like an editor between saves
                marker = f"Latency marker number {i} for the benchmark."
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
    """Run the benchmark and print the samples and the median."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--max-ms", type=float, default=500.0, help="fail when the median is over this")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitegen-reload-") as tmp:
        samples, builds = measure(copy_default_project(Path(tmp) / "site"), args.edits, args.chromium)
    ms = [s * 1000 for s in samples]
    print("samples (ms):", " ".join(f"{m:.0f}" for m in ms))
    median = statistics.median(ms)
    print(f"edits: {len(ms)}  median: {median:.0f} ms  min: {min(ms):.0f} ms  max: {max(ms):.0f} ms")
    if builds:
        print(f"of which the rebuild itself: median {statistics.median(builds) * 1000:.0f} ms")
    return 0 if median <= args.max_ms else 1


if __name__ == "__main__":
    sys.exit(main())
