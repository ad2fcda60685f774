#!/usr/bin/env python3
"""Screenshots of every page of a sitegen site, 390 px and 1280 px wide, light and dark, in headless Chromium.

    python scripts/screenshots.py OUT [--project DIR] [--readme]

Builds the project (default: this repository) in a temporary folder, serves it on
127.0.0.1 and writes ``OUT/<page>-<width>-<scheme>.png`` (whole pages). With
``--readme`` it writes only the README's pictures instead: ``OUT/home.png`` (the
home page on a wide screen) and ``OUT/section.png`` (the first section on a phone).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WIDTHS = {390: 844, 1280: 900}
SCHEMES = ("light", "dark")
PROJECT_PARTS = ("site.yaml", "seeds", "content", "templates", "static")


def build_copy(project: Path, tmp: Path) -> Path:
    """Copy the project's inputs into ``tmp`` and build there; the output folder."""
    from sitegen.build import build

    work = tmp / "project"
    work.mkdir()
    for name in PROJECT_PARTS:
        src = project / name
        if src.is_dir():
            shutil.copytree(src, work / name)
        elif src.is_file():
            shutil.copy2(src, work / name)
    result = build(work)
    return work / result.site.config.output_dir


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on an ephemeral 127.0.0.1 port; yields the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def site_pages(public: Path) -> list[str]:
    """Paths of every HTML page, home first."""
    pages = sorted(p.relative_to(public).as_posix() for p in public.rglob("*.html"))
    return sorted(pages, key=lambda p: (p != "index.html", p))


def shot_name(page: str) -> str:
    """``sources/x/index.html`` → ``sources-x``; the home page is ``home``."""
    stem = page.removesuffix("index.html").removesuffix(".html").strip("/")
    return stem.replace("/", "-") or "home"


def launch(p: object) -> Browser:
    """Debian's Chromium, headless."""
    return p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)  # type: ignore[attr-defined, no-any-return]


def shoot(browser: Browser, url: str, out: Path, width: int, scheme: str, full_page: bool) -> None:
    """One screenshot of ``url`` at ``width`` in colour ``scheme``."""
    context = browser.new_context(
        viewport={"width": width, "height": WIDTHS[width]}, color_scheme=scheme, device_scale_factor=1
    )
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.screenshot(path=str(out), full_page=full_page)
    context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--project", type=Path, default=ROOT, help="sitegen project (default: this repository)")
    parser.add_argument("--site", type=Path, help="an already built output folder to shoot instead of building")
    parser.add_argument("--readme", action="store_true", help="only the README pictures: home.png and section.png")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sitegen-shots-") as tmp:
        public = args.site.resolve() if args.site else build_copy(args.project.resolve(), Path(tmp))
        pages = site_pages(public)
        with serve(public) as base, sync_playwright() as p:
            browser = launch(p)
            if args.readme:
                sections = [pg for pg in pages if pg.count("/") == 1 and not pg.startswith(("sources/", "timeline/"))]
                shoot(browser, base + "index.html", args.out / "home.png", 1280, "light", False)
                shoot(
                    browser,
                    base + (sections[0] if sections else "index.html"),
                    args.out / "section.png",
                    390,
                    "light",
                    False,
                )
                written = 2
            else:
                written = 0
                for page in pages:
                    for width in WIDTHS:
                        for scheme in SCHEMES:
                            shoot(
                                browser,
                                base + page,
                                args.out / f"{shot_name(page)}-{width}-{scheme}.png",
                                width,
                                scheme,
                                True,
                            )
                            written += 1
            browser.close()
    print(f"wrote {written} screenshots to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
