"""sitegen/yamlutil.py: strict YAML with file lines: no tags, aliases or duplicate keys, nothing reinterpreted."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.errors import SitegenError
from sitegen.yamlutil import YamlMap, check_keys, load_yaml


def test_values_keep_their_lines_and_types() -> None:
    data = load_yaml("title: A\ndate: 2025-02-03\ntags: [a, b]\ndraft: false\norder: 2\n", "content/a.md", 1)
    assert isinstance(data, YamlMap)
    assert data == {"title": "A", "date": dt.date(2025, 2, 3), "tags": ["a", "b"], "draft": False, "order": 2}
    assert (data.line_of("title"), data.line_of("order"), data.line_of("missing")) == (2, 6, 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\na: 2\n", "x.yaml:2:1: error: duplicate key 'a' (first at line 1) [yaml.duplicate-key]"),
        (
            "a: yes\n",
            "x.yaml:1:4: error: 'a': ambiguous value 'yes': write true or false, or quote it as text [yaml.ambiguous]",
        ),
        ("a: 010\n", "x.yaml:1:4: error: 'a': ambiguous number '010': quote it as text [yaml.ambiguous]"),
        ("a: &x 1\nb: *x\n", "x.yaml:2:4: error: YAML aliases (*x) are not allowed [yaml.alias]"),
        (
            "a: !!python/name:os.system\n",
            "x.yaml:1:4: error: YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed [yaml.tag]",
        ),
        (
            "a: 2024-02-30\n",
            "x.yaml:1:4: error: 'a': impossible date '2024-02-30' (day is out of range for month) [yaml.date]",
        ),
    ],
)
def test_what_yaml_would_guess_or_run_is_an_error_at_its_line(text: str, message: str) -> None:
    with pytest.raises(SitegenError) as info:
        load_yaml(text, "x.yaml")
    assert info.value.format().splitlines()[0] == message


def test_check_keys_names_unknown_keys_and_wrong_types() -> None:
    data = load_yaml("title: [a]\ncolour: red\n", "x.yaml")
    assert isinstance(data, YamlMap)
    problems: list[SitegenError] = []
    check_keys(data, {"title": str, "order": int}, "x.yaml", problems)
    assert [p.format() for p in problems] == [
        "x.yaml:1: error: key 'title' must be text, not a list [schema.type]",
        "x.yaml:2: error: unknown key 'colour' [schema.unknown-key]\n  hint: known keys: order, title",
    ]
