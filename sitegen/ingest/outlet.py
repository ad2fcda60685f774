"""Steps that find the outlet that published a dump, and drop the lines that only name it."""

from __future__ import annotations

import re

from sitegen.ingest.dump import Dump
from sitegen.ingest.names import clean_outlet
from sitegen.ingest.text import words


def signature(dump: Dump) -> None:
    """The site's name from the HTML head, else its signature lines (footer, tagline, copyright)."""
    if dump.outlet is None and dump.meta.outlet:
        dump.outlet = dump.meta.outlet
    for line in dump.lines:
        if dump.outlet is not None:
            return
        if line.rule in ("script", "html-fragment", "html-chrome"):
            continue
        for rule in dump.rules.outlets:
            found = rule.search(line.text, words(line.text))
            if found:
                dump.outlet = clean_outlet(found["outlet"])
                break


def masthead(dump: Dump) -> None:
    """A short name on the first line that recurs at the start of later lines is the site's name."""
    if dump.outlet is not None or not dump.lines:
        return
    first = dump.lines[0]
    name = first.text
    if first.rule or len(name) > 30 or not re.fullmatch(r"[A-Z][\w’'&.-]*(?: [A-Z][\w’'&.-]*){0,2}", name):
        return
    # Two other lines must back it: short labels or debris starting with the name, or "... · Name".
    support = 0
    for other in dump.lines[1:]:
        starts = other.text.startswith(name + " ") and (words(other.text) <= 3 or bool(other.rule))
        if starts or re.search(rf"\s[·|]\s{re.escape(name)}$", other.text):
            support += 1
    if support >= 2:
        dump.outlet = name


def site_label(dump: Dump) -> None:
    """Lines that are only the site's name, or it plus a word or two ("Modelwire context")."""
    if not dump.outlet:
        return
    name = re.escape(dump.outlet)
    label = re.compile(rf"^{name}(?:\s+[\w’'-]+){{0,2}}$|^{name}\s*[|·•:—–-]\s*[^.!?]{{0,60}}$", re.I)
    for line in dump.live():
        if label.match(line.text) and words(line.text) <= 8:
            dump.drop(line, "site-label")
