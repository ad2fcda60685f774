"""The bad-input invariants (I1–I5 for failures, S1–S3 for successes) as one reusable checker.

Every failing case: exit code ≠ 0 (I1); stderr names the offending file as
``path(:line(:col)?)?: `` (I2); ``public/`` byte-identical and no staging folder left (I3);
nothing else under ``tmp_path`` created or changed (I4); no traceback (I5).
Every successful case: exit 0 (S1); no active markup in any page (S2); a second
build gives the same tree (S3).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import resource
import subprocess
import sys
from collections.abc import Callable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.cli import main
from tests.conftest import REPO, tree_digest

# The table's allowed paths.
ALLOWED_CHANGES = ("content", "public", ".sitegen.lock")


_FACTORY: list[pytest.TempPathFactory] = []


@pytest.fixture(autouse=True, scope="session")
def remember_tmp_path_factory(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the session's temp factory, so helpers can build a shared project once per session."""
    _FACTORY[:] = [tmp_path_factory]


def session_dir(name: str) -> Path:
    """A new folder under the session's pytest temp root (never outside it)."""
    return _FACTORY[0].mktemp(name)


@dataclass(frozen=True)
class Result:
    """What one sitegen run did."""

    code: int
    out: str
    err: str


Runner = Callable[[Path], Result]


def build_inproc(project: Path, *extra: str) -> Result:
    """``sitegen build -C project`` through ``cli.main`` in this process."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["build", "-C", str(project), *extra])
    return Result(code, out.getvalue(), err.getvalue())


def subprocess_env(**overrides: str) -> dict[str, str]:
    """The environment for a sitegen subprocess: this checkout first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(overrides)
    return env


def limits(memory_mb: int, cpu_seconds: int) -> Callable[[], None]:
    """A ``preexec_fn`` capping address space and CPU time: a blow-up fails instead of hanging the suite."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2**20, memory_mb * 2**20))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))

    return apply


def build_subprocess(
    project: Path,
    *extra: str,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
    cwd: Path | None = None,
    timeout: float = 300,
) -> Result:
    """``python -m sitegen build -C project`` as a separate process."""
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "-C", str(project), *extra],
        capture_output=True,
        text=True,
        env=env or subprocess_env(),
        cwd=cwd or project,
        preexec_fn=preexec,
        timeout=timeout,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root`` (not following links): folders, files by sha256, links by target."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            path = Path(dirpath, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                out[rel] = "link:" + os.readlink(path)
            elif path.is_dir():
                out[rel] = "dir"
            elif path.is_file():
                with io.FileIO(path, "r") as fh:  # not open() or Path.read_bytes, which fault tests may patch
                    out[rel] = hashlib.sha256(fh.readall()).hexdigest()
            else:
                out[rel] = "special"  # a FIFO or socket: never opened
    return out


def _allowed(rel_to_project: str) -> bool:
    return any(rel_to_project == a or rel_to_project.startswith(a + "/") for a in ALLOWED_CHANGES)


@dataclass
class Invariants:
    """Snapshots taken before a run, and the checks made after it."""

    tmp_path: Path
    project: Path
    output: str = "public"

    def expect_failure(self, *expected: str, offender: str, run: Runner = build_inproc) -> Result:
        """Run, then assert I1–I5 and that stderr contains each of ``expected``."""
        public = self.project / self.output
        before_public = tree_digest(public)
        before_all = snapshot(self.tmp_path)
        result = run(self.project)
        assert result.code != 0, f"I1: expected failure, got exit 0\n{result.out}{result.err}"
        pattern = rf"^{re.escape(offender)}(:\d+(:\d+)?)?: "
        assert re.search(pattern, result.err, re.M), f"I2: no line naming {offender}:\n{result.err}"
        assert tree_digest(public) == before_public, "I3: public/ changed"
        leftovers = sorted(p.name for p in self.project.glob(f"{self.output}.staging-*"))
        assert not leftovers, f"I3: staging left behind: {leftovers}"
        self.assert_untouched(before_all)
        assert "Traceback" not in result.err, f"I5: traceback printed:\n{result.err}"
        for text in expected:
            assert text in result.err, f"expected {text!r} in stderr:\n{result.err}"
        return result

    def assert_untouched(self, before: dict[str, str]) -> None:
        """I4: nothing outside the allowed paths of the project changed under tmp_path."""
        after = snapshot(self.tmp_path)
        project_rel = self.project.relative_to(self.tmp_path).as_posix()
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        bad = []
        for rel in changed:
            inside = rel == project_rel or rel.startswith(project_rel + "/")
            if inside and _allowed(rel[len(project_rel) + 1 :]):
                continue
            bad.append(rel)
        assert not bad, f"I4: changed outside the allowed paths: {bad}"

    def expect_success(self, run: Runner = build_inproc) -> Result:
        """Run twice, then assert S1 (exit 0), S2 (no active markup) and S3 (same tree)."""
        result = run(self.project)
        assert result.code == 0, f"S1: build failed\n{result.err}"
        public = self.project / self.output
        first = tree_digest(public)
        assert_no_active_markup(public)
        again = run(self.project)
        assert again.code == 0, f"S3: second build failed\n{again.err}"
        assert tree_digest(public) == first, "S3: second build differs"
        return result


# ---------------------------------------------------------------- S2

_URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "cite",
    "data",
    "srcset",
    "manifest",
    "ping",
}
_BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
_FORBIDDEN = {"iframe", "object", "embed", "frame", "frameset", "applet", "base"}
_URL_NOISE = re.compile(r"[\x00-\x20]")  # browsers drop these inside a URL scheme


def package_template_text() -> str:
    """Every built-in template's text: the only inline scripts a page may carry are written there."""
    root = REPO / "sitegen" / "templates"
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.html")))


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.script: dict[str, str | None] | None = None
        self.script_text: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in _FORBIDDEN:
            self.problems.append(f"line {line}: <{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"line {line}: <{tag} {name}=...> event handler")
            if value is not None and (name in _URL_ATTRS or (tag == "meta" and name == "content")):
                for part in value.split(",") if name == "srcset" else [value]:
                    url = _URL_NOISE.sub("", part).lower()
                    if tag == "meta" and name == "content":
                        url = url.split("url=", 1)[1] if "url=" in url else ""
                    if url.startswith(_BAD_SCHEMES):
                        self.problems.append(f"line {line}: <{tag} {name}={value!r}> unsafe URL")
        if tag == "script":
            self.script = dict(attrs)
            self.script_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            self.scripts.append((self.script, "".join(self.script_text)))
            self.script = None


def active_markup(html: str, templates: str) -> list[str]:
    """Problems S2 forbids in one page: foreign scripts, embeds, handlers, script URLs."""
    scan = _Scan()
    scan.feed(html)
    scan.close()
    problems = list(scan.problems)
    for attrs, text in scan.scripts:
        kind = attrs.get("type") or ""
        src = attrs.get("src")
        if kind == "application/ld+json" and not src:
            try:
                json.loads(text)
            except ValueError as exc:
                problems.append(f"ld+json is not valid JSON: {exc}")
        elif src:
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", src) or not re.search(r"(^|/)(assets|pagefind)/", src):
                problems.append(f"script from outside the site's assets: {src!r}")
        elif text.strip() and text.strip() not in templates:
            problems.append(f"inline script not from the templates: {text.strip()[:80]!r}")
    return problems


def assert_no_active_markup(public: Path) -> None:
    """S2 over every HTML file of a built site."""
    templates = package_template_text()
    found: list[str] = []
    for path in sorted(public.rglob("*.html")):
        for problem in active_markup(path.read_text(encoding="utf-8"), templates):
            found.append(f"{path.relative_to(public)}: {problem}")
    assert not found, "S2: active markup in output:\n" + "\n".join(found)


def html_of(public: Path, rel: str) -> str:
    """One built page's text."""
    return (public / rel).read_text(encoding="utf-8")


def all_html(public: Path) -> str:
    """Every built page's text, concatenated (for 'appears nowhere' checks)."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(public.rglob("*.html")))


def lines_naming(err: str, path: str) -> Sequence[str]:
    """The stderr lines that start with ``path``."""
    return [line for line in err.splitlines() if line.startswith(path)]
