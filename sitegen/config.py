"""SiteConfig from site.yaml: declared fields, every problem reported at once."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from sitegen.errors import BuildFailed, Location, SitegenError
from sitegen.textio import read_text
from sitegen.yamlutil import YamlMap, check_keys, load_yaml

CONFIG_FILE = "site.yaml"

_FIELDS: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "description": str,
    "language": str,
    "base_url": str,
    "author": str,
    "output_dir": str,
    "nav": list,
    "curate": dict,
}
# `curate:`, the language model `sitegen curate` drafts with: keys and types here, values in sitegen.curate.
_MODEL_FIELDS: dict[str, type | tuple[type, ...]] = {
    "model": str,
    "endpoint": str,
    "api_key_env": str,
    "timeout": (int, float),
    "context": int,
}

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

    def with_base_url(self, base_url: str) -> SiteConfig:
        """A copy with another base URL (``build --base-url``)."""
        return replace(self, base_url=normalise_base_url(base_url, Location("--base-url")))


def normalise_base_url(value: str, where: Location) -> str:
    """``value`` as an absolute http(s) URL or root-relative path ending in ``/``."""
    value = value.strip()
    scheme = value.split("://", 1)[0] if "://" in value else "http"  # ftp://x is no path, whatever the pattern says
    if (
        scheme not in ("http", "https")
        or not re.match(r"^(https?://[^\s/?#]+)?/?[^\s?#]*$", value)
        or value.startswith("//")
    ):
        raise SitegenError(
            f"base_url {value!r} must be an http(s) URL or a path starting with '/'",
            where,
            "config.base-url",
        )
    if not value.startswith(("http://", "https://", "/")):
        value = "/" + value
    if not value.endswith("/"):
        value += "/"
    return value


def load_config(project: Path, base_url: str | None = None) -> SiteConfig:
    """Read and validate ``site.yaml`` in ``project``; ``base_url``, when given, replaces its ``base_url``."""
    path = project / CONFIG_FILE
    if not path.exists():
        raise SitegenError(
            "site.yaml not found: this folder is not a sitegen project",
            Location(CONFIG_FILE),
            "config.missing",
            hint="run `sitegen init DIR` to start a project",
        )
    data = load_yaml(read_text(path, CONFIG_FILE), CONFIG_FILE)
    if not isinstance(data, YamlMap):
        raise SitegenError("site.yaml must be a mapping of settings", Location(CONFIG_FILE, 1), "config.type")
    problems: list[SitegenError] = []
    check_keys(data, _FIELDS, CONFIG_FILE, problems)
    title = data.get("title")
    if title is None:
        problems.append(SitegenError("missing required key 'title'", Location(CONFIG_FILE, 1), "config.required"))
    elif isinstance(title, str) and not title.strip():
        problems.append(
            SitegenError("'title' is empty", Location(CONFIG_FILE, data.line_of("title")), "config.required")
        )
    kwargs: dict[str, object] = {}
    for key in _FIELDS:
        if key in data and data[key] is not None:
            kwargs[key] = data[key]
    if isinstance(kwargs.get("base_url"), str):
        try:
            kwargs["base_url"] = normalise_base_url(
                str(kwargs["base_url"]), Location(CONFIG_FILE, data.line_of("base_url"))
            )
        except SitegenError as exc:
            problems.append(exc)
    lang = kwargs.get("language")
    if isinstance(lang, str) and not _LANG.match(lang):
        problems.append(
            SitegenError(
                f"language {lang!r} is not a language tag like 'en' or 'en-GB'",
                Location(CONFIG_FILE, data.line_of("language")),
                "config.language",
            )
        )
    out = kwargs.get("output_dir")
    if isinstance(out, str) and (
        not re.match(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$", out) or out in {"seeds", "content", "templates", "static"}
    ):
        problems.append(
            SitegenError(
                f"output_dir {out!r} must be a plain folder name inside the project, not an input folder",
                Location(CONFIG_FILE, data.line_of("output_dir")),
                "config.output-dir",
            )
        )
    nav = kwargs.get("nav")
    if isinstance(nav, list):
        if not all(isinstance(x, str) for x in nav):
            problems.append(
                SitegenError(
                    "nav must be a list of page paths", Location(CONFIG_FILE, data.line_of("nav")), "schema.type"
                )
            )
        else:
            kwargs["nav"] = tuple(nav)
    if isinstance(model := kwargs.get("curate"), YamlMap):
        check_keys(model, _MODEL_FIELDS, CONFIG_FILE, problems)
        kwargs["curate"] = tuple((k, v, model.line_of(k)) for k, v in model.items() if v is not None)
    if problems:
        raise BuildFailed(problems) if len(problems) > 1 else problems[0]
    config = SiteConfig(**kwargs)  # type: ignore[arg-type]
    return config if base_url is None else config.with_base_url(base_url)
