"""A sweep of hostile input and faults: what deleted a user's files, published files from elsewhere, forged a
citation, stalled the build, broke the output or misled the terminal, each pinned to its exact outcome.

Every failing case is checked with the bad-input invariants (``public/`` and everything beside it byte for
byte, no traceback); every successful one checks the files beside ``public/`` byte for byte.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

import pytest
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.testing import bind_unused_port
from tornado.websocket import websocket_connect

from sitegen import output
from sitegen.cli import main
from sitegen.output import MARKER
from sitegen.serve import server as serve_server
from sitegen.serve.preview import Preview
from tests.conftest import MINIMAL_SEED, tree_digest, write_files
from tests.invariants import (
    Invariants,
    Result,
    Runner,
    build_inproc,
    build_subprocess,
    html_of,
    limits,
    remember_tmp_path_factory,  # noqa: F401 (an autouse fixture)
    snapshot,
    subprocess_env,
)
from tests.test_bad_input import BACKGROUND, built, page, project_with
from tests.test_curate import DUMPS

CAPPED = lambda p: build_subprocess(p, preexec=limits(memory_mb=1024, cpu_seconds=20))  # noqa: E731


def run_cli(*argv: str) -> Result:
    """One sitegen command in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return Result(code, out.getvalue(), err.getvalue())


def beside_output(tmp_path: Path) -> dict[str, str]:
    """Every entry under ``tmp_path`` but the output folder of the project ``site`` and its build lock."""
    return {k: v for k, v in snapshot(tmp_path).items() if not k.startswith(("site/public", "site/.sitegen.lock"))}


def succeeds(tmp_path: Path, project: Path, run: Runner = build_inproc) -> Result:
    """Build twice with the success invariants (exit 0, no active markup, the same tree), and check that
    nothing beside the output folder changed."""
    before = beside_output(tmp_path)
    result = Invariants(tmp_path, project).expect_success(run)
    assert beside_output(tmp_path) == before
    return result


def set_config(project: Path, line: str) -> None:
    """Replace site.yaml's second line (``base_url: /``), or add ``line`` after it (and ``draft_missing: false``)."""
    (project / "site.yaml").write_text(f"title: Test site\n{line}\ndraft_missing: false\n", encoding="utf-8")


# ---------------------------------------------------------------- 1. folders beside public/ are never deleted


@pytest.mark.parametrize("fails", [False, True], ids=["build", "failing-build"])
def test_folders_named_like_a_builds_leftovers_are_left_alone(tmp_path: Path, fails: bool) -> None:
    project, _ = built(tmp_path)
    mine = ("public.old-2024", "public.staging-mine", "public.old-mysite", "public.staging-77")
    write_files(project, {f"{name}/notes.txt": "mine\n" for name in mine})
    if fails:
        write_files(project, {"content/x.md": page("title: [x\n")})
    before, public = beside_output(tmp_path), tree_digest(project / "public")
    result = build_inproc(project)
    assert beside_output(tmp_path) == before  # (the staging invariant does not hold: these are the user's)
    if fails:
        assert result.code == 1 and result.err.startswith("content/x.md:2:")
        assert tree_digest(project / "public") == public
        return
    assert result.code == 0, result.err
    assert [line for line in result.err.splitlines() if "output.leftover" in line] == [
        f"{name}: warning: named like a folder sitegen leaves behind, but sitegen did not make it: left alone"
        " [output.leftover]"
        for name in ("public.old-2024", "public.staging-77")
    ]


def test_without_public_a_hand_made_old_folder_is_not_taken_for_the_site(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"public.old-mysite/index.html": "mine\n", "public.old-42/index.html": "mine\n"})
    before = beside_output(tmp_path)
    assert build_inproc(project).code == 0
    assert beside_output(tmp_path) == before
    assert (project / "public" / MARKER).is_file() and "<h1>The bridge</h1>" in html_of(
        project / "public", "index.html"
    )


def test_what_a_killed_build_left_is_removed_and_only_that(tmp_path: Path) -> None:
    project, _ = built(tmp_path)
    write_files(project, {f"public.staging-999/{MARKER}": output.SIGNATURE, "public.staging-999/half.html": "x"})
    assert build_inproc(project).code == 0
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("public")) == ["public"]


# ---------------------------------------------------------------- 2. an output folder sitegen did not make


def test_an_output_folder_of_other_files_is_refused_even_with_a_404_page(tmp_path: Path) -> None:
    project, inv = built(tmp_path)
    write_files(project, {"docs/404.html": "x\n", "docs/CNAME": "example.org\n", "docs/guide.md": "notes\n"})
    set_config(project, "base_url: /\noutput_dir: docs")
    inv.output = "docs"
    inv.expect_failure(
        "docs: error: docs/ holds files sitegen did not write: refusing to replace it with the site [output.path]",
        "hint: set output_dir in site.yaml to another folder, or delete docs/ if it is an old build",
        offender="docs",
    )


def test_a_file_added_to_the_built_site_stops_the_build_and_is_kept(tmp_path: Path) -> None:
    project, inv = built(tmp_path)
    write_files(project, {"public/CNAME": "example.org\n"})
    inv.expect_failure(
        "public/CNAME: error: public/CNAME was not written by sitegen: refusing to replace public/ and lose it"
        " [output.path]",
        offender="public/CNAME",
    )


# ---------------------------------------------------------------- 3. linked input folders


@pytest.mark.parametrize("folder", ["static", "content", "seeds", "templates"])
def test_a_linked_input_folder_is_refused_and_nothing_of_it_published(tmp_path: Path, folder: str) -> None:
    project, inv = built(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    if (project / folder).is_dir():
        shutil.move(project / folder, elsewhere)
    write_files(elsewhere, {"secret.txt": "TOP-SECRET\n"})
    (project / folder).symlink_to(elsewhere, target_is_directory=True)
    inv.expect_failure(f"{folder}: error: symbolic links are not followed in inputs [input.symlink]", offender=folder)
    assert not any(b"TOP-SECRET" in p.read_bytes() for p in (project / "public").rglob("*") if p.is_file())
    for command in ("ingest", "check", "curate"):
        result = run_cli(command, "-C", str(project))
        assert (result.code, result.err.splitlines()[0]) == (
            1,
            f"{folder}: error: symbolic links are not followed in inputs [input.symlink]",
        )


def test_links_inside_static_are_refused_like_links_anywhere_in_the_inputs(tmp_path: Path) -> None:
    project, inv = built(tmp_path)
    write_files(tmp_path, {"elsewhere/secret.txt": "TOP-SECRET\n"})
    (project / "static").mkdir()
    (project / "static" / "s.txt").symlink_to(tmp_path / "elsewhere" / "secret.txt")
    (project / "static" / "sub").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    result = inv.expect_failure("static/s.txt: error: symbolic links are", offender="static/s.txt")
    assert "static/sub: error: symbolic links are not followed in inputs [input.symlink]" in result.err


# ---------------------------------------------------------------- 4. a forged citation


FORGED = (
    '<sup class="cite"><a class="cite-ref" href="https://evil.example/" '
    'title="NexChron: “China has banned all overseas travel”">1</a></sup>'
)


def test_html_in_a_page_cannot_forge_a_citation(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"content/background.md": BACKGROUND + f"\nForged {FORGED} here.\n"})
    succeeds(tmp_path, project)
    html = html_of(project / "public", "background/index.html")
    assert '<p>Forged <sup><a href="https://evil.example/">1</a></sup> here.</p>' in html
    assert "China has banned" not in html
    assert re.findall(r'<a class="cite-ref"[^>]*>', html) == [
        '<a class="cite-ref" id="cite-1" href="#ref-1" aria-label="Source 1" data-refs="1">'
    ]
    assert run_cli("check", "-C", str(project)).code == 0


# ---------------------------------------------------------------- 5. hostile input stops fast or builds


def _deep_html(n: int) -> str:
    text = "<p>The council approved the harbour plan on Tuesday after a long debate about the waterfront.</p>\n"
    return "<html><body>\n<h1>Harbour Plan</h1>\n" + "<div>\n" * n + text + "</div>\n" * n + "</body></html>\n"


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        (
            "content/table.md",
            page("title: Table\n", "\n".join("|".join([c] * 30_000) for c in "a-1") + "\n"),
            "content/table.md:4: error: table row with too many cells: exceeds limit (100 '|') [markdown.limit]",
        ),
        (
            "content/bold.md",
            page("title: Bold\n", "<b>\n" * 80_000 + "x\n" + "</b>\n" * 80_000),
            "content/bold.md:4: error: too much markup in one paragraph: exceeds limit (2000 tags, entities, links,"
            " code and emphases) [markdown.limit]",
        ),
        (
            "content/list.md",
            page("title: List\n", "- item\n" * 20_000),
            "content/list.md:5004: error: page too long: exceeds limit (5000 lines) [markdown.limit]",
        ),
    ],
    ids=["30000-columns", "80000-nested-b", "20000-items"],
)
def test_markdown_that_would_take_minutes_is_a_located_limit_error(
    tmp_path: Path, rel: str, text: str, expected: str
) -> None:
    project, inv = built(tmp_path)
    write_files(project, {rel: text})
    inv.expect_failure(expected, offender=rel, run=CAPPED)


def test_long_titles_and_deeply_nested_html_seeds_build(tmp_path: Path) -> None:
    headline = " ".join(f"word{i % 97}" for i in range(700))[:4000]
    project = project_with(
        tmp_path,
        {
            "content/long.md": page("title: " + "x" * 6000 + "\n"),
            "seeds/long.txt": f"{headline}\nBy Jane Doe | March 3, 2025\n\n{MINIMAL_SEED.splitlines()[2]}\n",
            "seeds/deep.html": _deep_html(60_000),
        },
    )
    succeeds(tmp_path, project, run=CAPPED)  # 20 s of CPU at most; the title alone took over 90 s
    public = project / "public"
    assert (public / "long" / "card.png").is_file()
    assert (public / "sources" / "harbour-plan" / "index.html").is_file()  # the id comes from its headline
    assert "long debate about the waterfront" in run_cli("ingest", "--json", "-C", str(project)).out


# ---------------------------------------------------------------- 6. broken output with exit 0


def test_characters_xml_forbids_are_left_out_of_the_feed_and_sitemap(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"content/odd.md": "# Odd \uffff title \ufffe\n\nText.\n"})
    succeeds(tmp_path, project)
    feed = ET.fromstring((project / "public" / "feed.xml").read_bytes())
    ET.fromstring((project / "public" / "sitemap.xml").read_bytes())
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Odd  title " in titles


def test_heading_ids_never_take_the_sites_own(tmp_path: Path) -> None:
    body = BACKGROUND + "\n## ref 1\n\nText.\n\n## Main\n\nMore.\n\n## cite 1\n\nEnd.\n"
    project = project_with(tmp_path, {"content/background.md": body})
    succeeds(tmp_path, project)
    html = html_of(project / "public", "background/index.html")
    for own, renamed in (("ref-1", "section-ref-1"), ("main", "section-main"), ("cite-1", "section-cite-1")):
        assert html.count(f'id="{own}"') == 1 and f'<h2 id="{renamed}">' in html
    assert re.search(r'<li id="ref-1"', html)
    assert run_cli("check", "-C", str(project)).code == 0


def test_a_quotations_source_is_checked_like_a_link(tmp_path: Path) -> None:
    body = BACKGROUND + '\n<q cite="javascript:alert(1)">a</q> <q cite="https://x.example/">b</q>\n'
    project = project_with(tmp_path, {"content/background.md": body})
    succeeds(tmp_path, project)
    assert '<q>a</q> <q cite="https://x.example/">b</q>' in html_of(project / "public", "background/index.html")


@pytest.mark.parametrize(
    ("base_url", "why"),
    [
        ("javascript:alert(1)", "must be an http(s) URL or a path starting with '/'"),
        ("data:text/html,x", "must be an http(s) URL or a path starting with '/'"),
        ("ftp://example.org/", "must be an http(s) URL or a path starting with '/'"),
        ("https://user:pass@example.org/", "must not hold a user name or password: it is published"),
    ],
)
def test_a_base_url_that_is_no_web_address_is_refused(tmp_path: Path, base_url: str, why: str) -> None:
    project, inv = built(tmp_path)
    set_config(project, f"base_url: '{base_url}'")
    inv.expect_failure(f"site.yaml:2: error: base_url {base_url!r} {why} [config.base-url]", offender="site.yaml")
    set_config(project, "base_url: /")
    run = lambda p: build_inproc(p, "--base-url", base_url)  # noqa: E731
    inv.expect_failure(
        f"--base-url: error: base_url {base_url!r} {why} [config.base-url]", offender="--base-url", run=run
    )


def test_a_folder_the_build_cannot_remove_is_a_warning_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, _ = built(tmp_path)
    (project / "site.yaml").write_text("title: Renamed\nbase_url: /\n", encoding="utf-8")
    real = shutil.rmtree

    def rmtree(path: Path, *args: Any, **kwargs: Any) -> None:
        if "public.staging-" not in str(path):  # the previous site cannot be removed, as from a read-only public/
            real(path, *args, **kwargs)

    monkeypatch.setattr(shutil, "rmtree", rmtree)
    result = build_inproc(project)
    name = f"public.staging-{os.getpid()}"
    assert result.code == 0
    assert result.err.splitlines()[-2:] == [
        f"{name}: warning: could not remove this folder a build left (is it read-only?) [output.leftover]",
        "  hint: remove it by hand",
    ]
    monkeypatch.undo()
    again = build_inproc(project)
    assert "output.leftover" not in again.err and not (project / name).exists()


def test_there_is_no_year_0_in_the_timeline(tmp_path: Path) -> None:
    project, inv = built(tmp_path)
    write_files(
        project,
        {"content/timeline.yaml": "events:\n  - date: '0000-01'\n    event: Opened.\n    cite: '[@bridge ¶1]'\n"},
    )
    inv.expect_failure(
        "content/timeline.yaml:2: error: date '0000-01' must be YYYY, YYYY-MM or YYYY-MM-DD [timeline.date]",
        offender="content/timeline.yaml",
    )


# ---------------------------------------------------------------- 7. the terminal, the preview, templates, -C


def test_a_file_name_with_escape_sequences_is_printed_written_out(tmp_path: Path) -> None:
    evil = "evil\x1b]0;pwn\x07\x1b[2J.txt"
    project = project_with(tmp_path, {f"seeds/{evil}": MINIMAL_SEED.replace(" | March 3, 2025", "")})
    for result in (build_inproc(project), run_cli("ingest", "-C", str(project))):
        assert result.code == 0, result.err
        assert "\x1b" not in result.out + result.err and "\x07" not in result.out + result.err
        assert "seeds/evil\\x1b]0;pwn\\x07\\x1b[2J.txt" in result.out + result.err


def test_c1_controls_in_a_seed_are_written_out_by_ingest_explain_and_json(tmp_path: Path) -> None:
    seed = MINIMAL_SEED.replace("Sign up for our newsletter", "Sign up for our newsletter \x9b31m now")
    project = project_with(tmp_path, {"seeds/bridge.txt": seed})
    explained = run_cli("ingest", "--explain", "-C", str(project))
    assert "\x9b" not in explained.out and "newsletter \\x9b31m now" in explained.out
    as_json = run_cli("ingest", "--json", "-C", str(project))
    assert "\x9b" not in as_json.out and "\\u009b31m" in as_json.out
    assert "\x9b31m now" in json.dumps(json.loads(as_json.out), ensure_ascii=False)


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_an_impossible_port_is_a_usage_error(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", port])
    assert exit_.value.code == 2
    assert f"error: argument --port: {port!r} is not a port number from 0 to 65535" in capsys.readouterr().err


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_serve_prints_the_address_it_really_listens_on(tmp_path: Path, host: str) -> None:
    project = project_with(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "serve", "-C", str(project), "--port", "0", "--host", host],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=subprocess_env(PYTHONUNBUFFERED="1"),
    )
    try:
        assert proc.stdout is not None
        line = next(line for line in proc.stdout if line.startswith(("serving", "error")) or "error:" in line)
        shown = f"[{host}]" if ":" in host else host
        found = re.fullmatch(rf"serving site at http://{re.escape(shown)}:(\d+)/ \(Ctrl\+C to stop\)\n", line)
        assert found, line
        assert int(found[1]) != 0
        with urlopen(f"http://{shown}:{found[1]}/", timeout=10) as response:
            assert b"<h1>The bridge</h1>" in response.read()
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_template_error_names_the_partial_it_is_in(tmp_path: Path) -> None:
    project, inv = built(tmp_path)
    write_files(project, {"templates/partials/footer.html": "<p>footer</p>\n<p>{{ nosuchvar }}</p>\n"})
    inv.expect_failure(
        "templates/partials/footer.html:2: error: template error while rendering",
        "'nosuchvar' is undefined [template.render]",
        offender="templates/partials/footer.html",
    )


@pytest.mark.parametrize("command", ["build", "check", "serve", "ingest", "curate"])
def test_c_on_a_folder_that_is_not_a_project_says_so_and_makes_nothing(tmp_path: Path, command: str) -> None:
    missing = run_cli(command, "-C", str(tmp_path / "nonexistent"))
    assert (missing.code, missing.err) == (
        1,
        f"{tmp_path / 'nonexistent'}: error: no such folder: this is not a sitegen project [config.missing]\n",
    )
    (tmp_path / "notes").mkdir()
    other = run_cli(command, "-C", str(tmp_path / "notes"))
    assert (other.code, other.err.splitlines()[0]) == (
        1,
        "site.yaml: error: site.yaml not found: this folder is not a sitegen project [config.missing]",
    )
    assert list((tmp_path / "notes").iterdir()) == []


def test_curate_leaves_a_hand_written_draft_file_alone(tmp_path: Path) -> None:
    project = tmp_path / "story"
    assert run_cli("init", str(project)).code == 0
    write_files(
        project, {**DUMPS, "content/index.md": "# Mine\n\nMy own words.\n", "content/index.draft.md": "Notes\n"}
    )
    before = tree_digest(project)
    result = run_cli("curate", "-C", str(project))
    assert result.code == 0, result.err
    assert "content/index.md: changed by hand, and so was content/index.draft.md, so both were left alone" in result.err
    assert {k: v for k, v in tree_digest(project).items() if k.startswith("content/index")} == {
        k: v for k, v in before.items() if k.startswith("content/index")
    }


@contextmanager
def preview_server(tmp_path: Path) -> Iterator[int]:
    """An in-process preview of an empty output folder on a free port of 127.0.0.1."""
    public = tmp_path / "public"
    write_files(public, {"index.html": "<html><head></head><body>HOME</body></html>"})
    preview = Preview(tmp_path, public, lambda line: None, build=lambda changed: "built")
    ready, held = threading.Event(), {}

    def run() -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        sock, port = bind_unused_port()
        HTTPServer(serve_server.application(preview, public)).add_sockets([sock])
        held.update(port=port, loop=IOLoop.current())
        ready.set()
        IOLoop.current().start()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10)
    try:
        yield int(held["port"])
    finally:
        held["loop"].add_callback(held["loop"].stop)
        thread.join(10)


def _status(port: int, host: str) -> int:
    try:
        with urlopen(Request(f"http://127.0.0.1:{port}/", headers={"Host": host}), timeout=10) as response:
            return int(response.status)
    except OSError as exc:
        return int(getattr(exc, "code", 0))


async def _socket(port: int, headers: dict[str, str]) -> Any:
    request = HTTPRequest(f"ws://127.0.0.1:{port}/livereload", headers=headers)
    try:
        ws = await websocket_connect(request)
    except HTTPClientError as exc:
        return exc.code
    ws.close()
    return "open"


def test_the_preview_answers_only_to_this_machine_and_its_own_pages(tmp_path: Path) -> None:
    with preview_server(tmp_path) as port:
        for host, status in (
            (f"127.0.0.1:{port}", 200),
            (f"localhost:{port}", 200),
            (f"[::1]:{port}", 200),
            (f"evil.example:{port}", 403),
            (f"127.0.0.1.evil.example:{port}", 403),
        ):
            assert _status(port, host) == status, host
        here = f"127.0.0.1:{port}"
        assert asyncio.run(_socket(port, {"Host": here, "Origin": f"http://{here}"})) == "open"
        assert asyncio.run(_socket(port, {"Host": here, "Origin": "https://evil.example"})) == 403
        assert asyncio.run(_socket(port, {"Host": here, "Origin": f"http://localhost:{port + 1}"})) == 403
        evil = f"evil.example:{port}"
        assert asyncio.run(_socket(port, {"Host": evil, "Origin": f"http://{evil}"})) == 403


# ---------------------------------------------------------------- 8. templates are code, run in a sandbox


def test_a_template_cannot_reach_pythons_internals(tmp_path: Path) -> None:
    project, inv = built(tmp_path)
    payload = "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}\n"
    write_files(project, {"templates/partials/footer.html": payload})
    inv.expect_failure(
        "templates/partials/footer.html:1: error: template error while rendering",
        "access to attribute '__init__' of 'type' object is unsafe. [template.unsafe]",
        offender="templates/partials/footer.html",
    )
    assert not (project / "PWNED").exists() and not (Path.cwd() / "PWNED").exists()
