"""sitegen/errors.py: one error type that prints like a compiler, and a collector that reports all at once."""

from __future__ import annotations

import pickle

import pytest

from sitegen.errors import BuildFailed, Location, Problems, SitegenError


def test_an_error_prints_its_place_message_code_and_hint() -> None:
    error = SitegenError("unknown source id 'x'", Location("content/a.md", 4, 7), "citation.unknown-source", "known: y")
    assert (
        error.format() == "content/a.md:4:7: error: unknown source id 'x' [citation.unknown-source]\n  hint: known: y"
    )
    assert str(SitegenError("no seeds/ folder", Location("seeds"), "seeds.missing")) == (
        "seeds: error: no seeds/ folder [seeds.missing]"
    )
    assert SitegenError("bad").format() == "error: bad [error]"


def test_several_errors_print_in_file_and_line_order_then_a_count() -> None:
    failed = BuildFailed(
        [
            SitegenError("b", Location("content/b.md", 2), "x"),
            SitegenError("a2", Location("content/a.md", 9), "x"),
            SitegenError("a1", Location("content/a.md", 3), "x"),
        ]
    )
    assert failed.format().splitlines() == [
        "content/a.md:3: error: a1 [x]",
        "content/a.md:9: error: a2 [x]",
        "content/b.md:2: error: b [x]",
        "3 errors",
    ]
    assert (failed.message, failed.code) == ("a1", "x")  # the first, for callers that show one


def test_problems_are_collected_then_raised_once() -> None:
    problems = Problems()
    problems.raise_if_any()  # nothing yet
    assert problems.collect(lambda: 42) == 42

    def fails() -> int:
        raise SitegenError("one", Location("a"), "x")

    assert problems.collect(fails) is None
    problems.add(BuildFailed([SitegenError("two", Location("b"), "x"), SitegenError("three", Location("c"), "x")]))
    problems.error("four", Location("d"), "x")
    with pytest.raises(BuildFailed) as info:
        problems.raise_if_any()
    assert [p.message for p in info.value.problems] == ["one", "two", "three", "four"]


def test_errors_survive_the_trip_back_from_a_worker_process() -> None:
    error = SitegenError("m", Location("content/a.md", 3), "citation.quote", "h")
    back = pickle.loads(pickle.dumps(error))
    assert back.format() == error.format()
    failed = pickle.loads(pickle.dumps(BuildFailed([error, SitegenError("n", Location("b"), "y")])))
    assert failed.format() == "b: error: n [y]\ncontent/a.md:3: error: m [citation.quote]\n  hint: h\n2 errors"
