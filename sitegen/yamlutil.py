"""Strict YAML: located errors, no tags, no aliases, no duplicate keys, bounded depth."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from sitegen.errors import Location, SitegenError

MAX_YAML_BYTES = 256_000
MAX_DEPTH = 50

_STD = "tag:yaml.org,2002:"
# libyaml's parser when PyYAML was built with it (the wheels are): the same events, about ten times faster
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
_AMBIGUOUS_BOOL = re.compile(r"^(yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


class YamlMap(dict[str, Any]):
    """A mapping that remembers the file line of itself and of each key."""

    def __init__(self, *items: Any, line: int = 1) -> None:
        super().__init__(*items)
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        """The line where ``key`` is written, or the mapping's own line."""
        return self.key_lines.get(key, self.line)


def load_yaml(text: str, rel: str, line_offset: int = 0) -> Any:
    """Parse one YAML document from ``text``; lines reported as file lines of ``rel``.

    ``line_offset`` is the number of file lines before ``text`` (front matter).
    """
    if len(text.encode("utf-8")) > MAX_YAML_BYTES:
        raise SitegenError(
            f"YAML exceeds limit ({MAX_YAML_BYTES} bytes)", Location(rel, line_offset + 1), "yaml.too-large"
        )
    try:
        try:
            _check_events(text, rel, line_offset, _LOADER)
            node = yaml.compose(text, Loader=_LOADER)
        except yaml.YAMLError:
            # libyaml's messages differ from PyYAML's; the pure-Python parser says it the same way everywhere
            _check_events(text, rel, line_offset, yaml.SafeLoader)
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote: point at where it opened
        line = mark.line + 1 + line_offset if mark else line_offset + 1
        col = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise SitegenError(f"invalid YAML: {problem}", Location(rel, line, col), "yaml.syntax") from None
    except yaml.YAMLError as exc:
        raise SitegenError(f"invalid YAML: {exc}", Location(rel, line_offset + 1), "yaml.syntax") from None
    if node is None:
        return None
    return _Converter(rel, line_offset).convert(node)


def _check_events(text: str, rel: str, offset: int, loader: type[yaml.SafeLoader]) -> None:
    """Reject aliases, foreign tags and deep nesting from the event stream, before anything is built.

    PyYAML's parser is iterative but its composer recurses once per level and
    expands aliases into shared nodes, so hostile documents are stopped here.
    """
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        mark = event.start_mark
        where = Location(rel, mark.line + 1 + offset, mark.column + 1) if mark else Location(rel, offset + 1)
        if isinstance(event, yaml.AliasEvent):
            raise SitegenError(
                f"YAML aliases (*{event.anchor}) are not allowed",
                where,
                "yaml.alias",
                hint="write the value out in full",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _ALLOWED_TAGS and tag != "!":
            raise SitegenError(f"YAML tag {tag!r} is not allowed", where, "yaml.tag")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise SitegenError(f"YAML is nested too deeply (more than {MAX_DEPTH} levels)", where, "yaml.too-deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


class _Converter:
    """Composed YAML nodes → Python values, strictly (aliases and depth were refused by ``_check_events``)."""

    def __init__(self, rel: str, offset: int) -> None:
        self.rel = rel
        self.offset = offset

    def loc(self, node: yaml.Node) -> Location:
        return Location(self.rel, node.start_mark.line + 1 + self.offset, node.start_mark.column + 1)

    def fail(self, node: yaml.Node, message: str, code: str) -> SitegenError:
        return SitegenError(message, self.loc(node), code)

    def convert(self, node: yaml.Node) -> Any:
        if node.tag not in _ALLOWED_TAGS:
            raise self.fail(node, f"YAML tag {node.tag!r} is not allowed", "yaml.tag")
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item) for item in node.value]
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode) -> YamlMap:
        out = YamlMap(line=node.start_mark.line + 1 + self.offset)
        for key_node, value_node in node.value:
            if key_node.tag == _STD + "merge":
                raise self.fail(key_node, "YAML merge keys (<<) are not allowed", "yaml.alias")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "mapping keys must be plain text", "yaml.key")
            key = key_node.value
            line = key_node.start_mark.line + 1 + self.offset
            if key in out:
                raise SitegenError(
                    f"duplicate key {key!r} (first at line {out.key_lines[key]})",
                    Location(self.rel, line, key_node.start_mark.column + 1),
                    "yaml.duplicate-key",
                )
            out.key_lines[key] = line
            try:
                out[key] = self.convert(value_node)
            except SitegenError as exc:
                if isinstance(value_node, yaml.ScalarNode):  # say which key the bad value belongs to
                    exc.message = f"{key!r}: {exc.message}"
                raise
        return out

    def scalar(self, node: yaml.ScalarNode) -> Any:
        value: str = node.value
        tag = node.tag
        bad = _CONTROL.search(value)  # escapes such as "\0" or "\e" get past the file check
        if bad:
            raise self.fail(
                node, f"control character U+{ord(bad.group()):04X} is not allowed in text", "input.control-char"
            )
        if node.style is not None and tag == _STD + "str":
            return value  # quoted: always text
        if tag == _STD + "null":
            return None
        if tag == _STD + "bool":
            if value in _TRUE:
                return True
            if value in _FALSE:
                return False
            raise self.fail(
                node, f"ambiguous value {value!r}: write true or false, or quote it as text", "yaml.ambiguous"
            )
        if tag == _STD + "int":
            if re.match(r"^[-+]?0[0-9_]+$", value) or value.startswith(("0o", "0x", "0b")) or ":" in value:
                raise self.fail(node, f"ambiguous number {value!r}: quote it as text", "yaml.ambiguous")
            return int(value.replace("_", ""))
        if tag == _STD + "float":
            try:
                return float(value.replace("_", ""))
            except ValueError:
                raise self.fail(node, f"ambiguous number {value!r}: quote it as text", "yaml.ambiguous") from None
        if tag == _STD + "timestamp":
            return self.timestamp(node)
        if _AMBIGUOUS_BOOL.match(value):  # YAML 1.2 readers would see text, 1.1 a boolean
            raise self.fail(node, f"ambiguous value {value!r}: write true or false, or quote it", "yaml.ambiguous")
        return value

    def timestamp(self, node: yaml.ScalarNode) -> dt.date | dt.datetime:
        m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", node.value)
        try:
            if m:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            value = yaml.SafeLoader.construct_yaml_timestamp(yaml.SafeLoader(""), node)
        except ValueError as exc:
            raise self.fail(node, f"impossible date {node.value!r} ({exc})", "yaml.date") from None
        assert isinstance(value, (dt.date, dt.datetime))
        return value


def check_keys(
    data: YamlMap, allowed: dict[str, type | tuple[type, ...]], rel: str, problems: list[SitegenError]
) -> None:
    """Append an error for every unknown key and every value of the wrong type (``true`` is no number)."""
    for key, value in data.items():
        where = Location(rel, data.line_of(key))
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            problems.append(SitegenError(f"unknown key {key!r}", where, "schema.unknown-key", f"known keys: {known}"))
            continue
        want = allowed[key]
        wants = want if isinstance(want, tuple) else (want,)
        if value is not None and (not isinstance(value, wants) or (isinstance(value, bool) and bool not in wants)):
            message = f"key {key!r} must be {_type_name(want)}, not {_type_name(type(value))}"
            problems.append(SitegenError(message, where, "schema.type"))


_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false", list: "a list"}
_TYPE_NAMES |= {dict: "a mapping", YamlMap: "a mapping", dt.date: "a date (YYYY-MM-DD)", dt.datetime: "a date and time"}


def _type_name(t: type | tuple[type, ...]) -> str:
    return " or ".join(_TYPE_NAMES.get(x, x.__name__) for x in (t if isinstance(t, tuple) else (t,)))
