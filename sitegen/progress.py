"""Progress on long builds: the build reports to one of these instead of printing.

On a terminal, a build that runs longer than about a second shows
``pages done / total`` on one line that it keeps rewriting, and clears it at
the end; everywhere else a build reports nothing until its summary line.
"""

from __future__ import annotations

import time
from typing import TextIO

DELAY_SECONDS = 1.0
_REFRESH_SECONDS = 0.1


class Progress:
    """Silent progress: counts the work and shows nothing."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self.label = ""

    def start(self, label: str, total: int) -> None:
        """A phase of ``total`` items begins."""
        self.label, self.total, self.done = label, total, 0

    def advance(self, count: int = 1) -> None:
        """``count`` more items of the phase are done."""
        self.done += count

    def finish(self) -> None:
        """The build is over (successfully or not)."""


class TerminalProgress(Progress):
    """``rendering pages 120/1000`` on a terminal, once the build has run for about a second."""

    def __init__(self, stream: TextIO, delay: float = DELAY_SECONDS) -> None:
        super().__init__()
        self.stream = stream
        self.began = time.monotonic()
        self.delay = delay
        self.shown = 0.0
        self.visible = False

    def start(self, label: str, total: int) -> None:
        super().start(label, total)
        self._show()

    def advance(self, count: int = 1) -> None:
        super().advance(count)
        self._show()

    def _show(self) -> None:
        now = time.monotonic()
        if now - self.began < self.delay or (now - self.shown < _REFRESH_SECONDS and self.done < self.total):
            return
        self.shown = now
        self.visible = True
        self.stream.write(f"\r\x1b[2K{self.label} {self.done}/{self.total}")
        self.stream.flush()

    def finish(self) -> None:
        if self.visible:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.visible = False


def progress_for(stream: TextIO) -> Progress:
    """Terminal progress when ``stream`` is a terminal, silence otherwise."""
    return TerminalProgress(stream) if stream.isatty() else Progress()
