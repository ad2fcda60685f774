"""Progress: silent off a terminal; on one, ``label done/total`` after the delay, cleared at the end."""

from __future__ import annotations

import io

from sitegen.progress import Progress, TerminalProgress, progress_for


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_progress_shows_done_over_total_and_clears_the_line() -> None:
    stream = FakeTerminal()
    progress = TerminalProgress(stream, delay=0)
    progress.start("rendering pages", 3)
    for _ in range(3):
        progress.advance()
    assert stream.getvalue().endswith("\r\x1b[2Krendering pages 3/3")
    progress.finish()
    assert stream.getvalue().endswith("\r\x1b[2K")


def test_a_short_build_shows_nothing() -> None:
    stream = FakeTerminal()
    progress = TerminalProgress(stream, delay=60)
    progress.start("rendering pages", 2)
    progress.advance(2)
    progress.finish()
    assert stream.getvalue() == ""


def test_progress_is_silent_when_the_stream_is_not_a_terminal() -> None:
    assert type(progress_for(io.StringIO())) is Progress
    assert isinstance(progress_for(FakeTerminal()), TerminalProgress)
