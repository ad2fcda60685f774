"""Who said it: a quotation that fills most of its sentence told as reported speech, and "He"/"She" named.

A sentence that is mostly one person's quotation ("“Nippon is committed to ...,” its chairman said.") does not
read as the draft's own sentence, yet what a named person said is often the heart of the news. When the
quotation speaks of others (no "I", "we", "you"), the draft tells it as reported speech in the speaker's own
words: "Its chairman said that Nippon is committed to ...". A quotation in the first person is never reworded.

A sentence that opens with "He" or "She" and a verb leans on the sentence before it. When that sentence names
exactly one person by title ("Dr Ann Lee") or with what they are ("Ann Lee, a judge at the court,"), the draft
shows the sentence with that name in place of the pronoun; its citation still quotes the source's own words.
"""

from __future__ import annotations

import re

_Q = r"[\"\u201c](?P<q>[^\"\u201c\u201d]{12,})?[,.]?[\"\u201d]"
_WHO = (
    r"(?P<who>(?!(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Tt]his|[Tt]hat|[Tt]hese|[Ww]e|I)\b)[A-Za-z][^\"\u201c\u201d:;]{2,80}?)"
)
_VERB = r"(?P<verb>said|says|added|noted|stated|explained|told [a-z]+(?: [a-z]+)?)"
_REST = r"(?P<rest>(?: in (?:a|an|the) [a-z]+(?: [a-z]+)?| on [A-Z][a-z]+| at [^,.\"\u201c\u201d]{3,40})?)"
_QUOTE_FIRST = (
    re.compile(rf"^{_Q.replace('[,.]?', '[,.]')},?\s+{_WHO}\s+{_VERB}{_REST}\.$"),
    re.compile(rf"^{_Q.replace('[,.]?', '[,.]')},?\s+(?P<verb>said|says|added)\s+{_WHO}{_REST}\.$"),
)
_SPEAKER_FIRST = re.compile(rf"^{_WHO}\s+{_VERB}{_REST}:\s+{_Q}$")
# The speaker's own voice: such a quotation cannot be told in the draft's words.
_FIRST_PERSON = re.compile(
    r"(?<![\w'\u2019])(?:I|I['\u2019]\w+|we|we['\u2019]\w+|our|ours|us|my|me|you|your)(?![\w'])", re.I
)


def reported(text: str) -> str | None:
    """``text``, a sentence that is mostly a named speaker's quotation, as reported speech in the same words; None
    when it is not one or the quotation is in the first or second person."""
    m = _SPEAKER_FIRST.match(text)
    if m is None:
        m = next((x for rx in _QUOTE_FIRST if (x := rx.match(text))), None)
    if m is None or not m.group("q"):
        return None
    quote = m.group("q").strip().rstrip(",.")
    if _FIRST_PERSON.search(quote) or quote.endswith(("?", "!")):
        return None
    who, verb, rest = m.group("who").strip().rstrip(","), m.group("verb"), m.group("rest") or ""
    if "," in who:  # "Tom Vey, the airline's spokesman, said": the aside keeps its closing comma
        who += ","
    first = quote.split()[0]
    if first.istitle() and first.lower() in _COMMON_OPENINGS:
        quote = first.lower() + quote[len(first) :]
    return f"{who[0].upper()}{who[1:]} {verb}{rest} that {quote}."


_COMMON_OPENINGS = frozenset(
    re.findall(r"\w+", "the a an this these that those it its there some many most all both each such our")
)

_QUOTE_PRONOUN = re.compile(
    r"^(?P<quote>[\"\u201c][^\"\u201c\u201d]+[,.!?][\"\u201d]\s+)(?:he|she)"
    r"(?P<verb>\s+(?:said|added|says|told|noted|stated|explained|continued)\b[^\"\u201c\u201d]*)$"
)
_PRONOUN = re.compile(r"^(?:He|She)\s+(?=[a-z]{2,}\b)")
_TITLE = r"(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame|Judge|Justice|Senator|Sen|Gov|Governor|Mayor|President|Minister)\.?"
_NAME = r"[A-Z][a-z'\u2019-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'\u2019-]+){1,2}"
_WHAT = r"(?:,\s+(?:a|an|the)\s+[a-z][^,.;:\"\u201c\u201d]{3,70}(?:,|(?=\.$)))"
_PERSON = re.compile(rf"(?<![\w-])(?:(?:(?!The\b|A\b)[A-Z][a-z]+\s+)?{_TITLE}\s+{_NAME}(?:{_WHAT})?|{_NAME}{_WHAT})")


def named(text: str, before: str) -> tuple[str, str] | None:
    """``text`` with its opening "He" or "She" (or the "he said" after its quotation) replaced by the one person
    ``before`` names, and the words of ``before`` that name them; None when there is not exactly one."""
    said = _QUOTE_PRONOUN.match(text)
    if not _PRONOUN.match(text) and said is None:
        return None
    people = [m.group() for m in _PERSON.finditer(before)]
    if len(people) != 1:
        return None
    person = people[0].rstrip(",")
    aside = "," if "," in person else ""
    if said is not None:  # "“...,” he said." -> "“...,” Dr Ann Lee, a judge at the court, said."
        return said.group("quote") + person + aside + said.group("verb"), person
    pronoun = text.split()[0]
    return person + aside + text[len(pronoun) :], person
