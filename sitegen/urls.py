"""Site paths → URLs that work from the domain root, any sub-path and from disk."""

from __future__ import annotations

import posixpath


def output_file(url_path: str) -> str:
    """The file that serves ``url_path`` (``background/`` → ``background/index.html``)."""
    if url_path == "" or url_path.endswith("/"):
        return url_path + "index.html"
    return url_path


def relative(from_url: str, to_path: str) -> str:
    """A relative link from the page at ``from_url`` to the site path ``to_path``.

    Directory targets get an explicit ``index.html`` so the link also works when
    ``public/`` is opened straight from disk.
    """
    target, _, fragment = to_path.partition("#")
    target = output_file(target)
    base = posixpath.dirname(output_file(from_url))
    rel = posixpath.relpath(target, base or ".")
    return rel + ("#" + fragment if fragment else "")


def absolute(base_url: str, to_path: str) -> str:
    """``to_path`` under ``base_url`` (pretty, no ``index.html``): canonical URLs and feeds."""
    if to_path.endswith("index.html"):
        to_path = to_path[: -len("index.html")]
    return base_url + to_path
