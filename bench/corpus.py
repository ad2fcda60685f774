"""Deterministic benchmark corpora: plain Markdown sites and cited explainer projects.

Every page is 600-800 words with front matter, headings, lists, links to other
pages, footnotes and now and then a table, like the pages of a typical blog or
documentation site. The same seed always gives byte-identical files.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "be",
    "by",
    "on",
    "not",
    "he",
    "this",
    "are",
    "or",
    "his",
    "from",
    "at",
    "which",
    "but",
    "have",
    "an",
    "they",
    "you",
    "were",
    "her",
    "she",
    "there",
    "been",
    "one",
    "all",
    "we",
    "their",
    "has",
    "would",
    "when",
    "if",
    "so",
    "no",
    "will",
    "more",
    "about",
    "up",
    "out",
    "who",
    "them",
    "what",
    "some",
    "could",
    "into",
    "than",
    "then",
    "other",
    "time",
    "only",
    "new",
    "these",
    "also",
    "its",
    "two",
    "may",
    "first",
    "after",
    "any",
    "most",
    "very",
    "where",
    "over",
    "such",
    "our",
    "policy",
    "research",
    "model",
    "travel",
    "approval",
    "ministry",
    "firms",
    "talent",
    "engineers",
    "government",
    "lab",
    "export",
    "chips",
    "data",
    "analysts",
    "report",
    "officials",
    "country",
    "security",
    "compute",
    "startup",
    "investors",
    "market",
    "review",
    "border",
    "passport",
    "agency",
    "university",
    "program",
    "training",
    "cluster",
    "budget",
    "statement",
    "decision",
    "measure",
    "guidance",
    "quarter",
    "release",
    "benchmark",
    "system",
    "network",
    "dataset",
    "paper",
    "team",
    "visa",
    "conference",
    "partner",
    "strategy",
    "capacity",
    "inference",
    "release",
    "source",
]

TOPICS = ("policy", "people", "companies", "chips", "markets", "law", "history", "science", "travel", "analysis")


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One generated page: where it goes, its front matter fields and its Markdown body."""

    topic: str
    slug: str
    title: str
    date: str
    tags: tuple[str, ...]
    summary: str
    body: str

    @property
    def rel(self) -> str:
        """Path under the content folder, e.g. ``policy/p0007.md``."""
        return f"{self.topic}/{self.slug}.md"


def _sentence(rng: random.Random, lo: int = 8, hi: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7))).capitalize()


def plain_pages(n: int, seed: int = 7, cite: list[tuple[str, str]] | None = None) -> list[PageSpec]:
    """``n`` pages; with ``cite`` (source id, quote) pairs, paragraphs end with citations."""
    rng = random.Random(seed)
    slugs = [(TOPICS[i % len(TOPICS)], f"p{i:05d}") for i in range(n)]
    pages = []
    for _i, (topic, slug) in enumerate(slugs):
        target = rng.randint(580, 730)
        parts: list[str] = []
        words = 0
        notes = 0
        section = 0
        while words < target:
            kind = rng.random()
            if kind < 0.12:
                section += 1
                level = "##" if section % 3 else "###"
                text = f"{level} {_title(rng)}"
            elif kind < 0.25:
                items = [f"- {_sentence(rng, 4, 10)}" for _ in range(rng.randint(3, 5))]
                text = "\n".join(items)
            elif kind < 0.29:
                rows = ["| item | count | note |", "| --- | ---: | --- |"]
                rows += [f"| {rng.choice(WORDS)} | {rng.randint(1, 999)} | {rng.choice(WORDS)} |" for _ in range(4)]
                text = "\n".join(rows)
            else:
                sentences = [_sentence(rng) for _ in range(rng.randint(3, 5))]
                other_topic, other = slugs[rng.randrange(n)]
                link = f"../{other_topic}/{other}.md" if other_topic != topic else f"{other}.md"
                sentences[1] = sentences[1][:-1] + f" as [{rng.choice(WORDS)} {rng.choice(WORDS)}]({link}) shows."
                if rng.random() < 0.3:
                    sentences[2] = sentences[2][:-1] + f" (see [the report](https://example.org/{slug}/{words}))."
                if rng.random() < 0.35:
                    notes += 1
                    sentences[0] = sentences[0][:-1] + f"[^{notes}]."
                if cite:
                    sid, quote = cite[rng.randrange(len(cite))]
                    sentences[-1] = sentences[-1][:-1] + f' [@{sid} "{quote}"].'
                text = " ".join(sentences)
            parts.append(text)
            words += len(text.split())
        for k in range(1, notes + 1):
            parts.append(f"[^{k}]: {_sentence(rng, 6, 12)}")
        tags = tuple(sorted({rng.choice(TOPICS) for _ in range(rng.randint(1, 3))}))
        date = f"20{rng.randint(20, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        pages.append(PageSpec(topic, slug, _title(rng), date, tags, _sentence(rng, 8, 14), "\n\n".join(parts) + "\n"))
    return pages


def front_matter(p: PageSpec) -> str:
    """YAML front matter as sitegen and MkDocs read it."""
    tags = ", ".join(p.tags)
    return f'---\ntitle: "{p.title}"\ndate: {p.date}\ntags: [{tags}]\nsummary: "{p.summary}"\n---\n\n'


def write_sitegen_project(root: Path, pages: list[PageSpec], seeds: dict[str, str] | None = None) -> Path:
    """A sitegen project at ``root``: site.yaml, content/<topic>/*.md, optional seeds."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text('title: "Benchmark site"\ndescription: "A generated corpus."\nbase_url: /\n')
    content = root / "content"
    for topic in TOPICS:
        (content / topic).mkdir(parents=True, exist_ok=True)
        (content / topic / "index.md").write_text(f"---\ntitle: {topic.capitalize()}\n---\n\nPages about {topic}.\n")
    (content / "index.md").write_text("---\ntitle: Benchmark\n---\n\nA generated site.\n")
    for p in pages:
        (content / p.rel).write_text(front_matter(p) + p.body)
    if seeds is None:  # sitegen wants at least one article dump; the plain corpus cites none
        seeds = {
            "000_note.txt": "A note on this corpus\nBy Bench Writer | March 3, 2026\n"
            "This generated site exists to measure build times.\nIt has no real news in it.\n"
        }
    for name, text in seeds.items():
        (root / "seeds").mkdir(exist_ok=True)
        (root / "seeds" / name).write_text(text)
    return root


def seed_articles(count: int, seed: int = 11) -> tuple[dict[str, str], list[str]]:
    """``count`` article dumps (file name → text) and the paragraphs they contain, for quoting."""
    rng = random.Random(seed)
    files: dict[str, str] = {}
    paragraphs: list[str] = []
    for i in range(count):
        title = _title(rng)
        paras = [" ".join(_sentence(rng) for _ in range(rng.randint(3, 5))) for _ in range(rng.randint(12, 20))]
        paragraphs.extend(paras)
        month = rng.randint(1, 12)
        files[f"{i:03d}_article.txt"] = f"{title}\nBy Reporter {i} | March {month}, 2026\n" + "\n".join(paras) + "\n"
    return files, paragraphs


def quotes_from(paragraphs: list[str], rng: random.Random, k: int) -> list[str]:
    """``k`` short verbatim quotes (5-9 words) taken from ``paragraphs``."""
    out = []
    for _ in range(k):
        words = rng.choice(paragraphs).split()
        start = rng.randrange(max(1, len(words) - 9))
        out.append(" ".join(words[start : start + rng.randint(5, 9)]).rstrip("."))
    return out


REPO = Path(__file__).resolve().parent.parent


def copy_default_project(dest: Path) -> Path:
    """The repository's own project, its inputs only (never its output), copied to ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("site.yaml", "seeds", "content", "templates", "static"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest
