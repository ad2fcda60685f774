"""Drafting with a language model: a fake OpenAI-compatible server on 127.0.0.1 answers as each test scripts it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from sitegen.cli import main
from sitegen.curate.prompt import pieces, tokens
from sitegen.curate.prose import casing
from sitegen.curate.verify import check
from sitegen.ingest import ingest
from tests.chat_server import Reply, chat_server, completion, echo
from tests.conftest import REPO, MakeSite

STORIES = REPO.parent / "shared" / "stories"
POST = """\
Port authority shuts northern harbour after quay cracks
By Ann Lee | March 3, 2025
The port authority closed the northern harbour to cargo ships on Monday after engineers found cracks in the main quay.
About 400 dock workers will have no shifts until repairs are finished, the union said.
The repairs are expected to cost $12 million and take six months, officials said.
The harbour had been closed once before, after a storm damaged its cranes in 2019.
"""
DAILY = """\
Cracks close the northern harbour
By Ben Ortiz | March 4, 2025
The northern harbour closed to cargo ships on Monday, the port authority said, after cracks were found in the main quay.
Shipping firms will send their cargo to the southern harbour while the quay is repaired.
The port authority put the cost of the repairs at $14 million.
A decision on compensation for the dock workers is due by June 30.
"""
SOURCES_YAML = """\
post.txt: {id: post, outlet: Harbour Post}
daily.txt: {id: daily, outlet: Quay Daily}
"""
GOOD = (
    "Harbour Post reports that about 400 dock workers will have no shifts until the quay is mended "
    '[@post "About 400 dock workers will have no shifts until repairs are finished"].'
)
WRONG_QUOTE = 'The harbour closed on Monday [@post "the harbour shut its gates on Monday"].'
FIXED = 'The harbour closed on Monday [@post "closed the northern harbour to cargo ships on Monday"].'
INVENTED = 'The repairs will cost $9.2 billion [@daily "The port authority put the cost of the repairs"].'
UNKNOWN = 'The harbour closed on Monday [@harbour-times "closed the northern harbour"].'
UNCITED = "The harbour is the busiest on the coast."


@pytest.fixture
def harbour(make_site: MakeSite) -> Path:
    return make_site({"seeds/post.txt": POST, "seeds/daily.txt": DAILY, "seeds/sources.yaml": SOURCES_YAML})


def scripted(first: str, second: str = "1. DROP") -> Any:
    """A model that answers every first request with ``first`` and every request to repair with ``second``."""

    def script(request: dict[str, Any], n: int) -> Reply:
        repairing = "failed the check" in request["messages"][-1]["content"]
        return completion(second if repairing else first)

    return script


def run(project: Path, url: str, *extra: str) -> int:
    return main(["curate", "-C", str(project), "--model", "test-model", "--endpoint", url, *extra])


def contents(project: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((project / "content").glob("*")) if p.is_file()}


def test_answers_with_correct_citations_are_written_and_build(
    harbour: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with chat_server(scripted(GOOD)) as (url, record):
        assert run(harbour, url) == 0
    pages = contents(harbour)
    assert GOOD in pages["who-is-affected.md"] or GOOD in pages["index.md"]
    assert all(body["temperature"] == 0 and body["model"] == "test-model" for body in record.bodies)
    assert all(path == "/v1/chat/completions" for path in record.paths)
    err = capsys.readouterr().err
    assert f"model test-model at {url} ({len(record.bodies)} request(s) sent)" in err
    assert main(["build", "-C", str(harbour)]) == 0


def test_a_wrong_quote_is_sent_back_once_and_the_repaired_sentence_kept(
    harbour: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with chat_server(scripted(f"{GOOD} {WRONG_QUOTE}", f"1. {FIXED}")) as (url, record):
        assert run(harbour, url) == 0
    repairs = [b for b in record.bodies if "failed the check" in b["messages"][-1]["content"]]
    assert repairs and all(
        'quote not found in source post: "the harbour shut its gates on Monday"' in b["messages"][-1]["content"]
        for b in repairs
    )
    text = "\n".join(contents(harbour).values())
    assert FIXED in text and "shut its gates" not in text
    assert ", 1 repaired, 0 dropped" in capsys.readouterr().err
    assert main(["build", "-C", str(harbour)]) == 0


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (INVENTED, "the figure \u201c$9.2\u201d is in none of its quotes"),
        (UNKNOWN, "unknown source id 'harbour-times'"),
        (UNCITED, "no citation"),
    ],
)
def test_a_sentence_that_fails_twice_is_dropped_and_explained(
    harbour: Path, capsys: pytest.CaptureFixture[str], bad: str, reason: str
) -> None:
    with chat_server(scripted(f"{GOOD} {bad}", f"1. {bad}")) as (url, _):
        assert run(harbour, url, "--explain") == 0
    text = "\n".join(contents(harbour).values())
    assert bad.split(" [@")[0].rstrip(".") not in text
    err = capsys.readouterr().err
    assert f"dropped ({reason}): " in err
    assert main(["build", "-C", str(harbour)]) == 0


def failing(reply: Reply) -> Any:
    return lambda request, n: reply


@pytest.mark.parametrize(
    ("reply", "says"),
    [
        (
            (200, b"<html>not json</html>", 0.0, {}),
            "answered with something that is not an OpenAI-style chat completion",
        ),
        ((200, b'{"choices": []}', 0.0, {}), "answered with something that is not an OpenAI-style chat completion"),
        ((500, b'{"error": {"message": "model crashed"}}', 0.0, {}), "HTTP 500: model crashed"),
        ((429, b"{}", 0.0, {"Retry-After": "30"}), "rate-limited (HTTP 429); try again later"),
        ((200, b"{}", 3.0, {}), "no answer within 1 s (site.yaml curate.timeout)"),
    ],
)
def test_a_failing_endpoint_is_one_error_naming_it_and_changes_no_file(
    harbour: Path, capsys: pytest.CaptureFixture[str], reply: Reply, says: str
) -> None:
    assert main(["curate", "-C", str(harbour)]) == 0
    before = contents(harbour)
    with chat_server(failing(reply)) as (url, _):
        (harbour / "site.yaml").write_text(
            f"title: Test site\ncurate:\n  model: m\n  endpoint: {url}\n  timeout: 1\n", encoding="utf-8"
        )
        capsys.readouterr()
        assert main(["curate", "-C", str(harbour), "--force"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"content/index.md: error: model endpoint {url}: {says}; nothing was written [curate.model]"
    ]
    assert contents(harbour) == before


def test_an_unreachable_endpoint_is_one_error(harbour: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with chat_server(echo) as (url, _):
        pass  # the server is gone: its port answers no more
    assert run(harbour, url) == 1
    assert f"error: model endpoint {url}: cannot reach it: " in capsys.readouterr().err
    assert not (harbour / "content" / "background.md").exists()


def test_the_api_key_reaches_only_the_configured_endpoint(
    harbour: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARBOUR_KEY", "sk-test-4242")
    with chat_server(echo) as (elsewhere, stolen):
        moved = elsewhere.removesuffix("/v1") + "/v1/chat/completions"
        with chat_server(failing((307, b"", 0.0, {"Location": moved}))) as (url, first):
            (harbour / "site.yaml").write_text(
                f"title: T\ncurate: {{model: m, endpoint: '{url}', api_key_env: HARBOUR_KEY}}\n", encoding="utf-8"
            )
            assert main(["curate", "-C", str(harbour)]) == 1
        assert [h["authorization"] for h in first.headers] == ["Bearer sk-test-4242"]
        assert stolen.headers == []
        err = capsys.readouterr().err
        assert "answered with a redirect to 127.0.0.1, which is not followed" in err
        (harbour / "site.yaml").write_text(
            f"title: T\ncurate: {{model: m, endpoint: '{elsewhere}', api_key_env: HARBOUR_KEY}}\n", encoding="utf-8"
        )
        assert main(["curate", "-C", str(harbour)]) == 0
        assert {h["authorization"] for h in stolen.headers} == {"Bearer sk-test-4242"}
    out = capsys.readouterr()
    kept = [p.read_text(encoding="utf-8") for p in (harbour / ".sitegen-cache").rglob("*.json")]
    assert kept and not any("sk-test-4242" in text for text in kept)
    assert "sk-test-4242" not in out.out + out.err
    assert not any("sk-test-4242" in text for text in contents(harbour).values())


def test_a_missing_key_variable_is_an_error_before_any_request(
    harbour: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HARBOUR_KEY", raising=False)
    with chat_server(echo) as (url, record):
        (harbour / "site.yaml").write_text(
            f"title: T\ncurate: {{model: m, endpoint: '{url}', api_key_env: HARBOUR_KEY}}\n", encoding="utf-8"
        )
        assert main(["curate", "-C", str(harbour)]) == 1
    assert record.bodies == []
    assert "the environment variable HARBOUR_KEY (curate.api_key_env) is not set" in capsys.readouterr().err


def test_kept_answers_are_checked_again_without_calling_the_model(
    harbour: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with chat_server(scripted(f"{GOOD} {INVENTED}")) as (url, record):
        assert run(harbour, url) == 0
        sent = len(record.bodies)
    first = contents(harbour)
    shutil.rmtree(harbour / "content")
    capsys.readouterr()
    assert run(harbour, url, "--cached") == 0  # the server is gone: every answer comes from .sitegen-cache/
    assert contents(harbour) == first
    assert f"(0 request(s) sent, {sent} answer(s) read from .sitegen-cache/curate/)" in capsys.readouterr().err
    shutil.rmtree(harbour / ".sitegen-cache")
    assert run(harbour, url, "--cached") == 1


def test_an_editors_page_is_never_overwritten_by_the_model(harbour: Path) -> None:
    with chat_server(scripted(GOOD)) as (url, _):
        assert run(harbour, url) == 0
        page = next(p for p in (harbour / "content").glob("*.md") if GOOD in p.read_text(encoding="utf-8"))
        page.write_text(page.read_text(encoding="utf-8") + "\nMy own line.\n", encoding="utf-8")
        assert run(harbour, url) == 0
    assert page.read_text(encoding="utf-8").endswith("My own line.\n")
    assert page.with_name(page.stem + ".draft.md").is_file()


def test_a_request_that_may_not_fit_the_context_is_warned_about(
    harbour: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (harbour / "seeds" / "post.txt").write_text(POST + ("The quay was built of granite blocks. " * 200) + "\n")
    with chat_server(echo) as (url, _):
        (harbour / "site.yaml").write_text(
            f"title: T\ncurate: {{model: m, endpoint: '{url}', context: 512}}\n", encoding="utf-8"
        )
        assert main(["curate", "-C", str(harbour)]) == 0
    assert "may not fit the model's context of 512 tokens (curate.context)" in capsys.readouterr().err


def test_a_long_story_is_sent_in_pieces_that_fit(harbour: Path) -> None:
    sources = {s.id: s for s in ingest(harbour).sources}
    facts = [
        GOOD,
        FIXED,
        'The repairs cost $14 million [@daily "The port authority put the cost of the repairs at $14 million"].',
    ]
    whole = pieces("Write the section.", facts, sources, 10_000)
    assert len(whole) == 1 and whole[0].facts == tuple(facts)
    split = pieces("Write the section.", facts, sources, 330)
    assert [p.facts for p in split] == [(f,) for f in facts]
    assert all(p.tokens <= 330 for p in split)
    assert "\u00b62 About 400 dock workers" in dict(whole[0].messages)["user"]
    assert tokens("x" * 35) == 11


@pytest.mark.parametrize(
    ("curate", "error"),
    [
        (
            "{model: m, endpoint: 'http://127.0.0.1:1/v1', modle: x}",
            "site.yaml:2: error: unknown key 'modle' [schema.unknown-key]",
        ),
        (
            "{model: m, endpoint: 'ftp://host/v1'}",
            "site.yaml:2: error: curate: endpoint 'ftp://host/v1' must be an http(s) URL",
        ),
        ("{model: m, endpoint: 'http://127.0.0.1:1/v1', timeout: fast}", "site.yaml:2: error: key 'timeout' must be"),
        (
            "{model: m, endpoint: 'http://127.0.0.1:1/v1', api_key_env: 'sk-123'}",
            "site.yaml:2: error: curate: api_key_env must name",
        ),
    ],
)
def test_the_curate_settings_are_checked(
    harbour: Path, capsys: pytest.CaptureFixture[str], curate: str, error: str
) -> None:
    (harbour / "site.yaml").write_text(f"title: T\ncurate: {curate}\n", encoding="utf-8")
    assert main(["curate", "-C", str(harbour)]) == 1
    assert capsys.readouterr().err.startswith(error)


@pytest.mark.skipif(not STORIES.is_dir(), reason="the stories live beside the checkout")
@pytest.mark.parametrize("story", sorted(p.name for p in STORIES.glob("*") if p.is_dir()) if STORIES.is_dir() else [])
def test_every_story_drafted_with_a_model_builds_with_every_sentence_verified(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], story: str
) -> None:
    project = tmp_path / "p"
    assert main(["init", str(project), "--title", story]) == 0
    for dump in sorted((STORIES / story).glob("*.txt")):
        shutil.copy(dump, project / "seeds" / dump.name)
    with chat_server(echo) as (url, record):
        assert run(project, url) == 0
    report = capsys.readouterr().err
    head = next(line for line in report.splitlines() if line.startswith("model test-model"))
    written = int(head.split(": ")[1].split(" sentences written")[0])
    assert written > 0 and head.endswith(f"{written} kept, 0 repaired, 0 dropped")
    assert "the offline draft kept" not in report
    assert len(record.bodies) >= 2
    assert main(["build", "-C", str(project)]) == 0
    kept = [json.loads(p.read_text(encoding="utf-8")) for p in (project / ".sitegen-cache").rglob("*.json")]
    assert len(kept) == len(record.bodies)


def test_every_number_date_and_name_must_be_in_the_quotes_but_the_cited_outlet_may_be_named(harbour: Path) -> None:
    sources = {s.id: s for s in ingest(harbour).sources}
    case = casing([p.text for s in sources.values() for p in s.numbered])
    cite = '[@daily "A decision on compensation for the dock workers is due by June 30"]'
    assert (
        check(f"According to Quay Daily, a decision on compensation is due by June 30 {cite}.", sources, case).reason
        == ""
    )
    assert check(f"A decision on compensation is due by July 30 {cite}.", sources, case).reason == (
        "the name \u201cJuly\u201d is in none of its quotes"
    )
    assert check(f"A decision on compensation is due by June 3 {cite}.", sources, case).reason == (
        "the figure \u201c3\u201d is in none of its quotes"
    )
    assert check(f"Harbour Post says a decision is due by June 30 {cite}.", sources, case).reason == (
        "the name \u201cPost\u201d is in none of its quotes"
    )
    assert check("Compensation is due soon [@daily \u00b64].", sources, case).reason == (
        "cites a paragraph but quotes no words"
    )


def test_a_valid_curate_mapping_does_not_stop_the_build(harbour: Path) -> None:
    (harbour / "site.yaml").write_text(
        "title: T\ncurate: {model: m, endpoint: 'http://127.0.0.1:9/v1', timeout: 5, context: 8192}\n", encoding="utf-8"
    )
    assert main(["build", "-C", str(harbour)]) == 0
