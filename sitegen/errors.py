"""One error type for user mistakes, carrying file, line and a stable code."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but tab and newline, DEL, and C1 (U+009B...)


def printable(text: str, json: bool = False) -> str:
    """``text`` safe to print on a terminal: every control character but newline and tab (the start of an escape
    sequence, C1 controls such as U+009B) written out as ``\\x1b`` (``\\u001b`` inside JSON), never sent raw."""
    form = "\\u{:04x}" if json else "\\x{:02x}"
    return _CONTROLS.sub(lambda m: form.format(ord(m.group())), text)


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an input file; ``line`` and ``col`` are 1-based when known."""

    path: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        out = printable(self.path).replace("\n", "\\n").replace("\t", "\\t")  # a file name cannot fake a line
        if self.line is not None:
            out += f":{self.line}"
            if self.col is not None:
                out += f":{self.col}"
        return out


class SitegenError(Exception):
    """A mistake in the user's input; printed as ``path:line: error: message [code]``."""

    def __init__(
        self,
        message: str,
        location: Location | None = None,
        code: str = "error",
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.code = code
        self.hint = hint

    def format(self) -> str:
        """Render like a compiler diagnostic, with an optional hint line."""
        where = f"{self.location}: " if self.location else ""
        text = f"{where}error: {self.message} [{self.code}]"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def __str__(self) -> str:
        return self.format()

    def __reduce__(self) -> tuple[type[SitegenError], tuple[object, ...]]:
        """Pickled whole (a worker process sends it back): message, location, code and hint."""
        return SitegenError, (self.message, self.location, self.code, self.hint)


class BuildFailed(SitegenError):
    """Several user mistakes found in one run; all of them are reported."""

    def __init__(self, problems: list[SitegenError]) -> None:
        self.problems = sorted(problems, key=_sort_key)
        first = self.problems[0]
        super().__init__(first.message, first.location, first.code, first.hint)

    def __reduce__(self) -> tuple[type[BuildFailed], tuple[object, ...]]:
        return BuildFailed, (self.problems,)

    def format(self) -> str:
        """Every problem on its own line, then a count."""
        lines = [p.format() for p in self.problems]
        n = len(self.problems)
        lines.append(f"{n} error{'s' if n != 1 else ''}")
        return "\n".join(lines)


def _sort_key(err: SitegenError) -> tuple[str, int, int, str]:
    loc = err.location
    if loc is None:
        return ("", 0, 0, err.message)
    return (loc.path, loc.line or 0, loc.col or 0, err.message)


class Problems:
    """Collect errors, then fail once with all of them."""

    def __init__(self) -> None:
        self.items: list[SitegenError] = []

    def add(self, error: SitegenError) -> None:
        """Record one problem (a BuildFailed is flattened)."""
        if isinstance(error, BuildFailed):
            self.items.extend(error.problems)
        else:
            self.items.append(error)

    def error(self, message: str, location: Location | None, code: str, hint: str | None = None) -> None:
        """Record a problem from its parts."""
        self.items.append(SitegenError(message, location, code, hint))

    def collect(self, make: Callable[[], T]) -> T | None:
        """``make()``; when it raises a SitegenError, the problem is recorded and the answer is None."""
        try:
            return make()
        except SitegenError as exc:
            self.add(exc)
            return None

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        """Raise BuildFailed when anything was collected."""
        if len(self.items) == 1:
            raise self.items[0]
        if self.items:
            raise BuildFailed(self.items)
