"""Ingest of HTML dumps: structure from the markup, and no blow-up on hostile nesting."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen.ingest import Rules, ingest, ingest_text, load_rules
from sitegen.textio import MAX_INPUT_BYTES, MAX_LINE_CHARS
from tests.conftest import write_files

P1 = "The city opened a new bridge over the river on Monday after three years of work."
P2 = "Officials said the bridge would cut commuting times for about 40,000 people a day."


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Rules:
    return load_rules(tmp_path_factory.mktemp("empty"))


@pytest.fixture
def hang_guard() -> Iterator[None]:
    """Fail instead of hanging: these inputs once took minutes (the guard is far above a normal run)."""

    def too_slow(*_: object) -> None:
        raise TimeoutError("ingest did not finish within 60 s")

    old = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_deeply_nested_blocks_within_the_size_limits(tmp_path: Path, hang_guard: None) -> None:
    depth = 60_000
    middle = f"<p>{P1}</p>\n<p>{P2}</p>\n"
    text = "<html><body>\n" + "<div>\n" * depth + middle + "</div>\n" * depth + "</body></html>\n"
    assert len(text.encode()) < MAX_INPUT_BYTES and max(map(len, text.split("\n"))) < MAX_LINE_CHARS
    write_files(tmp_path / "seeds", {"deep.html": text})
    (source,) = ingest(tmp_path).sources
    assert [p.text for p in source.paragraphs] == [P1, P2]


def test_text_at_every_level_of_a_deep_nest(rules: Rules, hang_guard: None) -> None:
    depth = 20_000
    text = "".join(f"<div>\nLevel {n} is here. " for n in range(depth)) + f"<p>{P1}</p>" + "</div>\n" * depth
    source = ingest_text(text, "seeds/deep.html", rules)
    assert source.paragraphs[-1].text == P1
    assert [p.text for p in source.paragraphs[:-1]] == [f"Level {n} is here." for n in range(depth)]


def test_deeply_nested_inline_tags_in_a_text_dump(rules: Rules, hang_guard: None) -> None:
    line = "<b>" * 14_000 + "bold words" + "</b>" * 14_000
    assert len(line) < MAX_LINE_CHARS
    source = ingest_text(f"{P1}\n{line}\n{P2}\n", "seeds/deep.txt", rules)
    assert [p.text for p in source.paragraphs] == [P1, "bold words", P2]


def test_unclosed_and_stray_tags(rules: Rules) -> None:
    text = f"<div><p>{P1}<p>{P2}</span></div></div><![if gte mso 9]>"
    source = ingest_text(text, "seeds/x.html", rules)
    assert [p.text for p in source.paragraphs][:2] == [P1, P2]


def test_menus_forms_and_captions_inherit_through_any_depth(rules: Rules) -> None:
    text = (
        "<nav>" + "<div>" * 50 + "<p>Home World Business</p>" + "</div>" * 50 + "</nav>"
        f"<p>{P1}</p><figure><figcaption><span><em>A bridge at dusk.</em></span></figcaption></figure><p>{P2}</p>"
    )
    source = ingest_text(text, "seeds/x.html", rules)
    assert [p.text for p in source.paragraphs] == [P1, P2]
    assert {d.rule for d in source.dropped} == {"html-chrome", "html-caption"}
