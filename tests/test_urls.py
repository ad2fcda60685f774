"""sitegen/urls.py: links that work from the domain root, any sub-path and from disk."""

from __future__ import annotations

import pytest

from sitegen import urls


@pytest.mark.parametrize(
    ("url_path", "file"),
    [
        ("", "index.html"),
        ("background/", "background/index.html"),
        ("404.html", "404.html"),
        ("a/b/", "a/b/index.html"),
    ],
)
def test_every_url_path_is_served_by_a_file(url_path: str, file: str) -> None:
    assert urls.output_file(url_path) == file


@pytest.mark.parametrize(
    ("from_url", "to_path", "link"),
    [
        ("", "sources/", "sources/index.html"),
        ("background/", "", "../index.html"),
        ("sources/nexchron/", "sources/", "../index.html"),
        ("a/b/", "assets/style.css", "../../assets/style.css"),
        ("background/", "background/#what-changed", "index.html#what-changed"),
        ("404.html", "sources/", "sources/index.html"),
    ],
)
def test_relative_links_name_their_file(from_url: str, to_path: str, link: str) -> None:
    assert urls.relative(from_url, to_path) == link


def test_absolute_urls_are_pretty_and_under_the_base() -> None:
    assert (
        urls.absolute("https://example.org/story/", "background/index.html") == "https://example.org/story/background/"
    )
    assert urls.absolute("/story/", "feed.xml") == "/story/feed.xml"
    assert urls.absolute("/", "") == "/"
