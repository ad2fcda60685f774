"""What a language model is asked: one section of the explainer, grounded in the cleaned sources.

Each request holds the rules of the draft (every sentence ends in a citation group quoting the
source's exact words; every number, date and name in a sentence is in its quotes), the section's
facts as the offline draft chose them (with their citations), and the paragraphs of the sources
those facts rest on, each with its source id, outlet, date and paragraph number, then more of the
sources while the request fits the model's context. A section whose facts rest on more text than
fits is asked for in pieces, each with its own facts and paragraphs; a piece that cannot be made
to fit is sent with a warning, since some servers (Ollama's OpenAI-compatible API) cut what does
not fit without a word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sitegen.citations import find_quote
from sitegen.curate.prose import quote_literal
from sitegen.curate.sentences import split
from sitegen.model import Source

_LONGEST = 70  # words of a source sentence shown whole in a fact's quote
CHARS_PER_TOKEN = 3.5  # a cautious guess: tokenizers take four characters or more of English news prose per token
SYSTEM = """You draft one section of a news explainer for an editor, from the sources given and nothing else.
Write plain Markdown paragraphs: no headings, no lists, no title.
End every sentence with a citation group before its final full stop, like this:
The council closed the bridge to cars [@city-wire "closed the bridge to all cars"].
Inside the quotation marks copy words exactly as they are written in one numbered paragraph of that source: a
sentence of it or part of one. When several sources say it, cite each in one group: [@a "..."; @b "..."].
Every number, date and name you write in a sentence must appear in its quoted words.
Name outlets in the prose ("according to the Daily Post"), never the source ids.
Do not add anything the sources do not say."""
_ITEM = re.compile(r"@([A-Za-z0-9][A-Za-z0-9_-]*)\s*(?:\"((?:[^\"\\]|\\.)*)\"|\u201c([^\u201d]*)\u201d|\u00b6(\d+))")


@dataclass(frozen=True, slots=True)
class Piece:
    """One request's worth of a section: its facts, the paragraphs sent, and its estimated size in tokens."""

    facts: tuple[str, ...]
    messages: tuple[tuple[str, str], ...]  # (role, content)
    tokens: int


def tokens(text: str) -> int:
    """A cautious estimate of ``text``'s length in tokens."""
    return int(len(text) / CHARS_PER_TOKEN) + 1


def cited(facts: Sequence[str], sources: Mapping[str, Source]) -> list[tuple[str, int]]:
    """The (source id, paragraph number) pairs ``facts`` cite, in order, each once."""
    out: list[tuple[str, int]] = []
    for fact in facts:
        for m in _ITEM.finditer(fact):
            source = sources.get(m.group(1))
            if source is None:
                continue
            if m.group(4):
                pair = (source.id, int(m.group(4)))
            else:
                found = find_quote(source, re.sub(r"\\(.)", r"\1", m.group(2) or m.group(3) or ""))
                pair = (source.id, found.paragraph.number if found else 0)
            if pair[1] and pair not in out:
                out.append(pair)
    return out


def widen(fact: str, sources: Mapping[str, Source], abbreviations: frozenset[str]) -> str:
    """``fact`` with each quote grown to the whole sentence of the source that holds it, so the quotes hold every
    number, date and name of the sentence (the model may quote less; it needs to see what it may quote)."""

    def whole(m: re.Match[str]) -> str:
        source = sources.get(m.group(1))
        quote = m.group(2) if m.group(2) is not None else m.group(3)
        found = find_quote(source, re.sub(r"\\(.)", r"\1", quote)) if source and quote else None
        if found is None:
            return m.group()
        text = found.paragraph.text
        at = text.find(found.exact)
        for start, end in split(text, abbreviations):
            if start <= at < end and len(text[start:end].split()) <= _LONGEST:
                return f"@{m.group(1)} {quote_literal(' '.join(text[start:end].split()))}"
        return m.group()

    return _ITEM.sub(whole, fact)


def pieces(
    task: str,
    facts: Sequence[str],
    sources: Mapping[str, Source],
    budget: int,
) -> list[Piece]:
    """The requests for one section: ``facts`` split so each request's paragraphs fit ``budget`` tokens."""
    fixed = tokens(SYSTEM) + tokens(task) + 60
    groups: list[list[str]] = [[]]
    for fact in facts:
        trial = [*groups[-1], fact]
        if groups[-1] and fixed + _size(trial, sources) > budget:
            groups.append([fact])
        else:
            groups[-1] = trial
    out = []
    for group in groups:
        text = _message(task, group, sources, max(0, budget - fixed))
        out.append(Piece(tuple(group), (("system", SYSTEM), ("user", text)), tokens(SYSTEM) + tokens(text)))
    return out


def _size(facts: Sequence[str], sources: Mapping[str, Source]) -> int:
    """Tokens of the facts and of the paragraphs they cite."""
    paras = [sources[sid].paragraph(n) for sid, n in cited(facts, sources)]
    return sum(tokens(f) for f in facts) + sum(tokens(p.text) + 4 for p in paras if p is not None)


def _message(
    task: str, facts: Sequence[str], sources: Mapping[str, Source], room: int, about: Sequence[str] = ()
) -> str:
    """The user message: the task, the facts, then the sources' paragraphs while ``room`` lasts: those the facts
    (or the sentences ``about``) cite first, then the rest of their sources, then the other sources."""
    head = [task, ""]
    if facts:
        head += ["Facts chosen for this part (reword them freely; keep each citation or quote other exact words):"]
        head += [f"- {f}" for f in facts]
        head.append("")
    room -= sum(tokens(line) for line in head)
    wanted = cited([*facts, *about], sources)
    named = [m.group(1) for text in about for m in re.finditer(r"@([A-Za-z0-9][A-Za-z0-9_-]*)", text)]
    order = [*wanted]
    for sid in [
        *(sid for sid, _ in wanted),
        *(n for n in named if n in sources),
    ]:  # then the rest of the sources the facts rest on, then the others
        order += [(sid, p.number) for p in sources[sid].numbered if (sid, p.number) not in order]
    for sid in sorted(sources):
        order += [(sid, p.number) for p in sources[sid].numbered if (sid, p.number) not in order]
    chosen: dict[str, list[int]] = {}
    for sid, number in order:
        para = sources[sid].paragraph(number)
        if para is None:
            continue
        cost = tokens(para.text) + 4 + (0 if sid in chosen else 12)
        if cost > room:
            continue  # the facts quote their sentences whole: the paragraphs around them go while they fit
        room -= cost
        chosen.setdefault(sid, []).append(number)
    lines = ["Sources:"]
    for sid in sorted(chosen):
        source = sources[sid]
        about = ", ".join(
            x for x in (source.outlet or "an unnamed outlet", source.date.isoformat() if source.date else "") if x
        )
        lines += ["", f"[{sid}] {about}"]
        for number in sorted(chosen[sid]):
            para = source.paragraph(number)
            if para is not None:
                lines.append(f"\u00b6{number} {' '.join(para.text.split())}")
    return "\n".join(head + lines)


def repair(failed: Sequence[tuple[str, str]], sources: Mapping[str, Source], budget: int) -> Piece:
    """The request that sends failed sentences back once, numbered, each with its error, with the paragraphs of the
    sources they cite (not the first conversation again: it would not fit a small model's context)."""
    lines = [
        "These sentences failed the check against the sources. Rewrite each one so that its quotes are copied "
        "exactly from one numbered paragraph of the source it cites, and every number, date and name in it "
        "appears in its quotes. Answer with one line per sentence, numbered as below, or the number and DROP.",
        "",
    ]
    for k, (sentence, reason) in enumerate(failed, 1):
        lines += [f"{k}. {sentence}", f"   failed: {reason}"]
    task = "\n".join(lines)
    text = _message(task, [], sources, max(0, budget - tokens(SYSTEM) - tokens(task)), [s for s, _ in failed])
    return Piece(tuple(s for s, _ in failed), (("system", SYSTEM), ("user", text)), tokens(SYSTEM) + tokens(text))


def numbered(answer: str, count: int) -> list[str]:
    """The rewritten sentences of a repair answer, one per failed sentence ("" for DROP or a missing line)."""
    out = [""] * count
    lines = [ln.strip() for ln in answer.splitlines() if ln.strip()]
    found = False
    for k, line in enumerate(lines):
        m = re.match(r"^(\d+)[.)]\s*(.*)$", line)
        if m and 1 <= int(m.group(1)) <= count:
            found = True
            text = m.group(2).strip()
            if not text and k + 1 < len(lines) and not re.match(r"^\d+[.)]", lines[k + 1]):
                text = lines[k + 1]  # the number on a line of its own, the sentence on the next
            out[int(m.group(1)) - 1] = "" if text.upper().startswith("DROP") else text
    if not found:  # no numbers: the lines in order
        out = [("" if ln.upper().startswith("DROP") else ln) for ln in lines[:count]] + [""] * max(
            0, count - len(lines)
        )
    return out
