"""Reading a dump: its text (plain, Markdown or HTML) as numbered blocks with what the layout says of each.

``read_lines(text, rel, rules)`` -> the blocks, what an HTML head states, and
whether the dump is Markdown. Nothing is dropped here: code, markup, menus and
captions are only marked (``Line.hint``); the steps decide. bs4 is imported
only for HTML.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from sitegen.ingest.lines import Line, Meta
from sitegen.ingest.rules import Rules
from sitegen.ingest.text import CODE_OPEN, ENDS_CLAUSE

ITEM = re.compile(r"^(?:[-*+•‣▪◦]|\d{1,2}[.)])\s+(?=\S)")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_MD_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
_MD_IMAGE_LINE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*$")
_MD_EMPHASIS_LINE = re.compile(r"^(\*|_)(?!\1)\S(?:.*\S)?(?<!\1)\1$")  # "*A caption in italics.*"
_MD_LINK_DEF = re.compile(r"^\[[^\]]+\]:\s+\S+")
_ENDS_WRAPPED = re.compile(r"[.!?…:;>\"'”’)\]]$")  # a line ending so ends its paragraph (a comma does not)
_INITIALS_END = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}$")  # "... giving the U.S." / "government a ...": not an end


def read_lines(text: str, rel: str, rules: Rules) -> tuple[list[Line], Meta, bool]:
    """The dump's blocks, what its markup states, and whether it is Markdown."""
    suffix = PurePosixPath(rel).suffix.lower()
    if suffix in (".html", ".htm") or re.match(r"\s*<(?:!doctype\s+html|html)\b", text, re.I):
        from sitegen.ingest.html import html_lines  # bs4 is slow to import: only HTML needs it

        lines, meta = html_lines(text)
        return lines, meta, False
    markdown = suffix == ".md"
    return (md_lines(text) if markdown else txt_lines(text, rules)), Meta(), markdown


def txt_lines(text: str, rules: Rules) -> list[Line]:
    """Lines of a plain-text dump; a line starting in lower case continues a wrapped one."""
    out: list[Line] = []
    gap = False
    in_code = ""  # "script" or "style" while inside a block of code spread over lines
    for no, raw in enumerate(text.split("\n"), 1):
        s = raw.strip()
        if in_code:
            if s:
                out.append(Line(no, s, s, "code"))
            if re.search(rf"</{in_code}\s*>", s, re.I):
                in_code = ""
            continue
        if not s:
            gap = True
            continue
        opened = CODE_OPEN.search(s) if rules.on("script") else None
        if opened and not re.search(rf"</{opened[1]}\s*>", s[opened.end() :], re.I):
            in_code = opened[1].lower()
            if not s[: opened.start()].strip():
                out.append(Line(no, s, s, "code"))
                continue
            s = s[: opened.start()].strip()
        prev = out[-1] if out and not gap and out[-1].hint != "code" else None
        if prev and prev.hint not in ("h1", "heading") and _continues(prev, s):
            prev.raw += "\n" + s
            prev.text += " " + s
            continue
        out.append(new_line(no, s, gap))
        gap = False
    return out


def _continues(prev: Line, s: str) -> bool:
    """Whether the line ``s`` continues ``prev``, a paragraph hard-wrapped mid-sentence.

    A long line that stops short of a sentence's end continued in lower case ("... the national
    security" / "agreement."), or a line left hanging on "By" before the byline's names.
    """
    if re.search(r"(?:^|\s)(?:By|BY)$", prev.text[-4:]):
        return s[:1].isupper()  # the names the byline was left hanging for ("posted Monday ..." is not one)
    last = prev.raw.rsplit("\n", 1)[-1]
    if len(last) < 50 or not s[:1].islower() or not (" " in s or ENDS_CLAUSE.search(s)):
        return False
    return not _ENDS_WRAPPED.search(prev.text[-2:]) or bool(_INITIALS_END.search(prev.text[-12:]))


def new_line(no: int, s: str, gap: bool) -> Line:
    """A line with its list-item or heading marker turned into a hint."""
    heading = _MD_HEADING.match(s)
    if heading:
        return Line(no, s, heading[2], "h1" if len(heading[1]) == 1 else "heading", gap)
    item = ITEM.match(s)
    if item:
        return Line(no, s, s[item.end() :], "item", gap)
    return Line(no, s, s, "", gap)


def md_lines(text: str) -> list[Line]:
    """Blocks of a Markdown dump: paragraphs joined, headings and items marked."""
    out: list[Line] = []
    gap = False
    open_block: Line | None = None  # the paragraph or item still taking continuation lines
    fence = False
    for no, raw in enumerate(text.split("\n"), 1):
        s = raw.strip()
        if s.startswith(("```", "~~~")):
            fence = not fence
            out.append(Line(no, s, s, "markup"))
            open_block = None
            continue
        if fence:
            if s:
                out.append(Line(no, s, s, "para", markup=False))
            continue
        if not s:
            gap, open_block = True, None
            continue
        if open_block and re.fullmatch(r"=+|-+", s) and open_block.hint == "":
            open_block.hint = "h1" if s[0] == "=" else "heading"
            open_block.raw += "\n" + s
            open_block = None
            continue
        if _MD_IMAGE_LINE.match(s) or _MD_LINK_DEF.match(s) or _MD_RULE.match(s):
            out.append(Line(no, s, s, "separator" if _MD_RULE.match(s) else "markup"))
            open_block = None
            continue
        if out and _MD_IMAGE_LINE.match(out[-1].raw) and _MD_EMPHASIS_LINE.match(s):
            out.append(Line(no, s, s, "image-caption"))  # a line in italics right under a picture
            open_block = None
            continue
        if s.startswith(">"):
            s = s.lstrip("> ").strip()
            if not s:
                continue
        line = new_line(no, s, gap)
        gap = False
        if open_block and line.hint == "" and open_block.hint in ("", "item"):
            open_block.raw += "\n" + s
            open_block.text += " " + s
            continue
        out.append(line)
        open_block = line if line.hint in ("", "item") else None
    return out
