"""sitegen/textio.py: input files are UTF-8 text with LF line ends, within limits, never read through a link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.errors import SitegenError
from sitegen.textio import decode, read_text


def test_a_bom_and_crlf_or_cr_line_ends_read_as_plain_lf_text() -> None:
    assert decode(b"\xef\xbb\xbfone\r\ntwo\rthree\n", "x.md") == "one\ntwo\nthree\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"ok\ncaf\xe9\n", "x.md:2: error: byte 6: invalid UTF-8 (0xe9); save the file as UTF-8 [input.encoding]"),
        (b"a\nb\x00c", "x.md:2: error: control character U+0000 is not allowed in text [input.control-char]"),
        (b"x" * 11, "x.md: error: file exceeds limit (10 bytes): it has 11 bytes [input.too-large]"),
    ],
)
def test_bad_bytes_are_refused_with_their_line(data: bytes, message: str) -> None:
    with pytest.raises(SitegenError) as info:
        decode(data, "x.md", limit=10 if len(data) > 10 else 2_000_000)
    assert info.value.format() == message


def test_links_and_pipes_are_refused_not_followed(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text("text")
    (tmp_path / "link.md").symlink_to(tmp_path / "real.md")
    os.mkfifo(tmp_path / "pipe.md")
    with pytest.raises(SitegenError) as link:
        read_text(tmp_path / "link.md", "content/link.md")
    assert (
        link.value.format().splitlines()[0]
        == "content/link.md: error: symbolic links are not followed in inputs [input.symlink]"
    )
    with pytest.raises(SitegenError) as pipe:
        read_text(tmp_path / "pipe.md", "content/pipe.md")
    assert pipe.value.format() == "content/pipe.md: error: not a regular file [input.not-file]"
