"""SiteConfig from site.yaml: declared fields, every problem reported at once."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from sitegen.errors import Location, Problems, SitegenError
from sitegen.textio import read_text, symlink_error
from sitegen.yamlutil import YamlMap, check_keys, load_yaml

CONFIG_FILE = "site.yaml"
INPUT_DIRS = ("seeds", "content", "templates", "static")  # read by the build; never followed when links

_FIELDS: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "description": str,
    "language": str,
    "base_url": str,
    "author": str,
    "output_dir": str,
    "nav": list,
    "curate": dict,
    "draft_missing": bool,
}
# `curate:`, the language model `sitegen curate` drafts with: keys and types here, values in sitegen.curate.
_MODEL_FIELDS: dict[str, type | tuple[type, ...]] = {
    "model": str,
    "endpoint": str,
    "api_key_env": str,
    "timeout": (int, float),
    "context": int,
}

_BASE_URL = re.compile(
    r"(https?://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?)?(/(?!/)[\w.~!$&'()*+,;=:@%/-]*)?", re.ASCII
)
_LANG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The site's settings. ``base_url`` always ends with ``/``."""

    title: str
    description: str = ""
    language: str = "en"
    base_url: str = "/"
    author: str = ""
    output_dir: str = "public"
    nav: tuple[str, ...] = ()
    curate: tuple[tuple[str, str | int | float, int], ...] = ()  # (key, value, line) of `curate:`
    draft_missing: bool = True  # `sitegen build` drafts the files of the explainer content/ lacks

    def with_base_url(self, base_url: str) -> SiteConfig:
        """A copy with another base URL (``build --base-url``)."""
        return replace(self, base_url=normalise_base_url(base_url, Location("--base-url")))


def normalise_base_url(value: str, where: Location) -> str:
    """``value`` as an absolute http(s) URL or a path from the root, ending in ``/``; no user name or password."""
    value = value.strip()
    if not value or not _BASE_URL.fullmatch(value):
        credentials = re.match(r"https?://[^/]*@", value, re.IGNORECASE)
        why = (
            "must not hold a user name or password: it is published"
            if credentials
            else "must be an http(s) URL or a path starting with '/'"
        )
        raise SitegenError(f"base_url {value!r} {why}", where, "config.base-url")
    return value if value.endswith("/") else value + "/"


def check_project(project: Path) -> None:
    """Refuse a folder that is not a sitegen project, and input folders that are symbolic links."""
    if not project.is_dir():
        raise SitegenError("no such folder: this is not a sitegen project", Location(str(project)), "config.missing")
    if not os.path.lexists(project / CONFIG_FILE):
        raise SitegenError(
            "site.yaml not found: this folder is not a sitegen project",
            Location(CONFIG_FILE),
            "config.missing",
            hint="run `sitegen init DIR` to start a project",
        )
    Problems(symlink_error(name) for name in INPUT_DIRS if (project / name).is_symlink()).raise_if_any()


def load_config(project: Path, base_url: str | None = None) -> SiteConfig:
    """Read and validate ``site.yaml`` in ``project``; ``base_url``, when given, replaces its ``base_url``."""
    check_project(project)
    data = load_yaml(read_text(project / CONFIG_FILE, CONFIG_FILE), CONFIG_FILE)
    if not isinstance(data, YamlMap):
        raise SitegenError("site.yaml must be a mapping of settings", Location(CONFIG_FILE, 1), "config.type")
    problems = Problems()
    check_keys(data, _FIELDS, CONFIG_FILE, problems)
    kwargs = {key: data[key] for key in _FIELDS if data.get(key) is not None}
    at = {key: Location(CONFIG_FILE, data.line_of(key)) for key in _FIELDS}
    title, lang, out, nav = (kwargs.get(key) for key in ("title", "language", "output_dir", "nav"))
    if title is None:
        problems.error("missing required key 'title'", Location(CONFIG_FILE, 1), "config.required")
    elif isinstance(title, str) and not title.strip():
        problems.error("'title' is empty", at["title"], "config.required")
    if isinstance(kwargs.get("base_url"), str):
        kwargs["base_url"] = problems.collect(lambda: normalise_base_url(str(kwargs["base_url"]), at["base_url"]))
    if isinstance(lang, str) and not _LANG.match(lang):
        problems.error(
            f"language {lang!r} is not a language tag like 'en' or 'en-GB'", at["language"], "config.language"
        )
    if isinstance(out, str) and (not re.match(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$", out) or out in INPUT_DIRS):
        message = f"output_dir {out!r} must be a plain folder name inside the project, not an input folder"
        problems.error(message, at["output_dir"], "config.output-dir")
    if isinstance(nav, list) and not all(isinstance(x, str) for x in nav):
        problems.error("nav must be a list of page paths", at["nav"], "schema.type")
    elif isinstance(nav, list):
        kwargs["nav"] = tuple(nav)
    if isinstance(model := kwargs.get("curate"), YamlMap):
        check_keys(model, _MODEL_FIELDS, CONFIG_FILE, problems)
        kwargs["curate"] = tuple((k, v, model.line_of(k)) for k, v in model.items() if v is not None)
    problems.raise_if_any()
    config = SiteConfig(**kwargs)
    return config if base_url is None else config.with_base_url(base_url)
