"""Rendered pages → an offline full-text search index (Pagefind) under ``pagefind/``.

Pagefind's PyPI package ships its binary; running it once over a temporary copy
of the HTML takes a tenth of a second, where its Python service API waits 0.1 s
per page.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from sitegen.errors import Location, SitegenError
from sitegen.output import safe_relpath
from sitegen.render import Output

INDEX_DIR = "pagefind"
# Bundle files the site's own search script never loads.
_UNUSED = ("pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.js", "pagefind-ui.")


def search_index(outputs: Iterable[Output], language: str) -> list[Output]:
    """The Pagefind bundle for the HTML ``outputs`` (pages marked ``data-pagefind-body``)."""
    pages = sorted((o for o in outputs if o.path.endswith(".html")), key=lambda o: o.path)
    binary = executable()
    with tempfile.TemporaryDirectory(prefix="sitegen-search-") as tmp:
        site = Path(tmp, "site")
        bundle = Path(tmp, "bundle")
        for page in pages:
            target = site.joinpath(*safe_relpath(page.path).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.data)
        cmd = [
            str(binary),
            "--site",
            str(site),
            "--output-path",
            str(bundle),
            "--keep-index-url",
            "--force-language",
            language.split("-")[0].lower(),
            "--quiet",
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SitegenError(f"search indexing failed: {exc}", Location(INDEX_DIR), "search.index") from None
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise SitegenError(
                f"search indexing failed: {detail[-1] if detail else done.returncode}",
                Location(INDEX_DIR),
                "search.index",
            )
        return [
            Output(f"{INDEX_DIR}/{path.relative_to(bundle).as_posix()}", path.read_bytes())
            for path in sorted(bundle.rglob("*"))
            if path.is_file() and not path.name.startswith(_UNUSED)
        ]


def executable() -> Path:
    """The Pagefind binary from the ``pagefind[extended]`` package."""
    from pagefind.service import get_executable

    path = get_executable()
    if path is None:
        raise SitegenError(
            "the Pagefind binary is missing",
            Location(INDEX_DIR),
            "search.missing",
            hint="pip install 'pagefind[extended]'",
        )
    return Path(path)
