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
        self, message: str, location: Location | None = None, code: str = "error", hint: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.code = code
        self.hint = hint

    def format(self, level: str = "error") -> str:
        """Render like a compiler diagnostic (``warning`` for a problem that does not stop the build), with an
        optional hint line."""
        where = f"{self.location}: " if self.location else ""
        text = f"{where}{level}: {self.message} [{self.code}]"
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

    def format(self, level: str = "error") -> str:
        """Every problem on its own line, then a count."""
        lines = [p.format(level) for p in self.problems]
        n = len(self.problems)
        lines.append(f"{n} {level}{'s' if n != 1 else ''}")
        return "\n".join(lines)


def _sort_key(err: SitegenError) -> tuple[str, int, int, str]:
    loc = err.location or Location("")
    return (loc.path, loc.line or 0, loc.col or 0, err.message)


class Problems(list[SitegenError]):
    """Collect errors, then fail once with all of them (a list, so that checks which append to one take it)."""

    @property
    def items(self) -> list[SitegenError]:
        """The problems collected so far."""
        return self

    def add(self, error: SitegenError) -> None:
        """Record one problem (a BuildFailed is flattened)."""
        self.extend(error.problems if isinstance(error, BuildFailed) else [error])

    def error(self, message: str, location: Location | None, code: str, hint: str | None = None) -> None:
        """Record a problem from its parts."""
        self.append(SitegenError(message, location, code, hint))

    def collect(self, make: Callable[[], T]) -> T | None:
        """``make()``; when it raises a SitegenError, the problem is recorded and the answer is None."""
        try:
            return make()
        except SitegenError as exc:
            self.add(exc)
            return None

    def raise_if_any(self) -> None:
        """Raise the one problem collected, or BuildFailed with all of them."""
        if len(self) == 1:
            raise self[0]
        if self:
            raise BuildFailed(list(self))
