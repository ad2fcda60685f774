"""sitegen/config.py: site.yaml read strictly, every problem at once, base_url normalised."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.config import SiteConfig, load_config
from sitegen.errors import SitegenError


def config_of(tmp_path: Path, text: str, base_url: str | None = None) -> SiteConfig:
    (tmp_path / "site.yaml").write_text(text, encoding="utf-8")
    return load_config(tmp_path, base_url)


def errors_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(Exception) as info:
        config_of(tmp_path, text)
    return str(info.value).splitlines()


def test_only_the_title_is_required(tmp_path: Path) -> None:
    assert config_of(tmp_path, "title: The story\n") == SiteConfig("The story")
    assert SiteConfig("x").base_url == "/" and SiteConfig("x").output_dir == "public"


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("/", "/"),
        ("/explainers/story", "/explainers/story/"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org/story", "https://example.org/story/"),
        ("http://[::1]:8000/a/", "http://[::1]:8000/a/"),
    ],
)
def test_base_url_always_ends_with_a_slash(tmp_path: Path, given: str, kept: str) -> None:
    assert config_of(tmp_path, f"title: T\nbase_url: {given}\n").base_url == kept
    assert config_of(tmp_path, "title: T\n", base_url=given).base_url == kept  # sitegen build --base-url


@pytest.mark.parametrize(
    "bad",
    [
        "ftp://example.org/",
        "//evil.example/",
        "/a b/",
        "https://x.org/?q=1",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "explainers/story/",
        "https:example.org",
        "",
    ],
)
def test_a_base_url_that_is_no_http_url_or_path_is_refused(tmp_path: Path, bad: str) -> None:
    assert errors_of(tmp_path, f"title: T\nbase_url: '{bad}'\n") == [
        f"site.yaml:2: error: base_url {bad!r} must be an http(s) URL or a path starting with '/' [config.base-url]"
    ]


@pytest.mark.parametrize("bad", ["https://user:pass@example.org/", "http://user@example.org:8080/story/"])
def test_a_base_url_with_a_user_name_or_password_is_refused(tmp_path: Path, bad: str) -> None:
    assert errors_of(tmp_path, f"title: T\nbase_url: '{bad}'\n") == [
        f"site.yaml:2: error: base_url {bad!r} must not hold a user name or password: it is published [config.base-url]"
    ]
    with pytest.raises(SitegenError, match="must not hold a user name or password"):
        config_of(tmp_path, "title: T\n", base_url=bad)


def test_every_problem_of_site_yaml_is_reported_at_once(tmp_path: Path) -> None:
    assert errors_of(tmp_path, "colour: blue\nlanguage: english\noutput_dir: ../up\ntitle: ''\n") == [
        "site.yaml:1: error: unknown key 'colour' [schema.unknown-key]",
        "  hint: known keys: author, base_url, curate, description, draft_missing, language, nav, output_dir, title",
        "site.yaml:2: error: language 'english' is not a language tag like 'en' or 'en-GB' [config.language]",
        "site.yaml:3: error: output_dir '../up' must be a plain folder name inside the project, not an input folder"
        " [config.output-dir]",
        "site.yaml:4: error: 'title' is empty [config.required]",
        "4 errors",
    ]


def test_a_folder_without_site_yaml_is_not_a_project(tmp_path: Path) -> None:
    with pytest.raises(Exception) as info:
        load_config(tmp_path)
    assert str(info.value) == (
        "site.yaml: error: site.yaml not found: this folder is not a sitegen project [config.missing]\n"
        "  hint: run `sitegen init DIR` to start a project"
    )
