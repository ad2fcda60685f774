"""The nouns passed between stages. Frozen, no I/O."""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field
from typing import Protocol

from sitegen.errors import Location


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One block of a source's cleaned body.

    ``anchor`` is the stable HTML id (``p3``); ``number`` is what ``[@id ¶3]``
    cites. Headings have ``kind == "heading"`` and an ``h-`` anchor and no number
    (``number == 0``); list items have ``kind == "item"``.
    """

    number: int
    anchor: str
    text: str
    kind: str = "para"  # "para" | "item" | "heading"
    line: int = 0  # line in the seed file it came from
    # The dump was cut off inside this paragraph (a page saved only in part): its last sentence is
    # incomplete, so it must not be quoted as the source's words.
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class Dropped:
    """A line that ingest removed, and the rule that removed it."""

    line: int
    text: str
    rule: str


@dataclass(frozen=True, slots=True)
class Source:
    """One article dump, cleaned and attributed. Unknown metadata stays ``None``.

    ``id`` and ``path`` are the editor's handles, never shown to readers: readers see a source by
    :attr:`name` (or :attr:`label` where room is short), and a field that is not known is not shown.
    """

    id: str
    path: str  # project-relative, e.g. "seeds/000_x.txt"
    title: str | None
    outlet: str | None
    authors: tuple[str, ...]
    date: dt.date | None
    url: str | None
    relies_on: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    standfirst: str | None = None
    dropped: tuple[Dropped, ...] = ()
    author_bio: str | None = None
    full_text: bool = False  # the editor may publish the whole text (sources.yaml); else only what pages cite

    @property
    def location(self) -> Location:
        """Where this source came from."""
        return Location(self.path)

    @property
    def numbered(self) -> tuple[Paragraph, ...]:
        """The citable paragraphs (everything but headings), in order."""
        return tuple(p for p in self.paragraphs if p.number)

    def paragraph(self, number: int) -> Paragraph | None:
        """The paragraph ``¶number``, or None."""
        for p in self.paragraphs:
            if p.number == number:
                return p
        return None

    @property
    def name(self) -> str:
        """How readers know this source: its outlet, else its headline, else "An unattributed report"."""
        return self.outlet or self.title or UNATTRIBUTED

    @property
    def label(self) -> str:
        """A short name for a column or a citation marker: the outlet, else the byline, else the headline's start."""
        if self.outlet:
            return self.outlet
        if self.authors:
            return self.authors[0]
        if self.title:
            words = self.title.split()
            return " ".join(words[:5]) + ("…" if len(words) > 5 else "")
        return UNATTRIBUTED

    @property
    def display_title(self) -> str:
        """A headline for the source's own page: the title, else what is known of where it ran."""
        if self.title:
            return self.title
        return f"An article from {self.outlet}" if self.outlet else UNATTRIBUTED

    @property
    def truncated(self) -> bool:
        """Whether the dump ends mid-sentence (see :attr:`Paragraph.truncated`)."""
        return any(p.truncated for p in self.paragraphs)

    @property
    def missing(self) -> tuple[str, ...]:
        """The metadata fields the dump and sources.yaml leave unknown, for the editor."""
        fields = (
            ("outlet", self.outlet),
            ("title", self.title),
            ("author", self.authors),
            ("date", self.date),
            ("url", self.url),
        )
        return tuple(name for name, value in fields if not value)


UNATTRIBUTED = "An unattributed report"


@dataclass(frozen=True, slots=True)
class Page:
    """A content page read from Markdown, before citations are resolved."""

    path: str  # project-relative, e.g. "content/background.md"
    url_path: str  # "" for home, "background/" etc.
    title: str
    body: str  # Markdown after the front matter
    body_line: int  # file line where ``body`` starts
    summary: str | None = None
    order: int = 0
    date: dt.date | None = None
    updated: dt.date | None = None
    tags: tuple[str, ...] = ()
    draft: bool = False
    extra: tuple[tuple[str, object], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Reference:
    """A numbered entry in a page's reference list: one passage of one source."""

    number: int
    source_id: str
    paragraph: Paragraph
    quote: str | None  # the editor's quote, or None for a whole-paragraph citation
    exact: str  # the matching text as the source has it (for the text fragment)
    uses: tuple[str, ...]  # ids of the citing markers on the page, in order


Toc = tuple[tuple[int, str, str], ...]  # a page's headings: (level, id, text)


@dataclass(frozen=True, slots=True)
class CitedPage:
    """A page whose citations all resolved; ``html`` is its sanitised body HTML, held compressed (make one with
    :meth:`of`): a build keeps every body until the last page is rendered, at a fifth of the memory."""

    page: Page
    packed: bytes
    references: tuple[Reference, ...]
    toc: Toc = ()
    words: int = 0

    @staticmethod
    def of(page: Page, html: str, references: tuple[Reference, ...], toc: Toc = (), words: int = 0) -> CitedPage:
        """A CitedPage holding ``html``."""
        return CitedPage(page, zlib.compress(html.encode("utf-8"), 1), references, toc, words)

    @property
    def html(self) -> str:
        """The sanitised body HTML."""
        return zlib.decompress(self.packed).decode("utf-8")


@dataclass(frozen=True, slots=True)
class Backlink:
    """One spot on a page that cites a paragraph of a source."""

    source_id: str
    paragraph_anchor: str
    page_url: str
    page_title: str
    marker_id: str

    @property
    def paragraph(self) -> int:
        """The number of the paragraph it cites (its anchor is ``p`` and the number)."""
        return int(self.paragraph_anchor[1:])


class File(Protocol):
    """One file of the built site as the stages after rendering see it: a path under the output folder and its
    bytes (:class:`Output`, :class:`PackedOutput`, or a file read or drawn only when it is written)."""

    @property
    def path(self) -> str: ...

    @property
    def data(self) -> bytes: ...


@dataclass(frozen=True, slots=True)
class Output:
    """One file of the built site, held in memory: its path under the output folder and its bytes."""

    path: str
    data: bytes


@dataclass(frozen=True, slots=True)
class PackedOutput:
    """A rendered page held compressed until it is written (make one with :meth:`of`).

    A build keeps every page in memory until the one write at its end; compressed, a 5,000-page site's pages
    take 10 MB instead of 50.
    """

    path: str
    packed: bytes

    @staticmethod
    def of(path: str, data: bytes) -> PackedOutput:
        """A PackedOutput holding ``data``."""
        return PackedOutput(path, zlib.compress(data, 1))

    @property
    def data(self) -> bytes:
        """The file's bytes."""
        return zlib.decompress(self.packed)
