"""Which sentences a draft may use: whole, quotable, never a fragment, a cut-off ending or page furniture."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.curate.rules import load_rules
from sitegen.curate.sentences import sentences, split
from sitegen.model import Paragraph, Source

RULES = load_rules()


def source(*blocks: str) -> Source:
    paras = []
    n = 0
    for b in blocks:
        if b.startswith("# "):
            paras.append(Paragraph(0, f"h-{len(paras)}", b[2:], "heading"))
        else:
            n += 1
            paras.append(Paragraph(n, f"p{n}", b))
    return Source("s", "seeds/s.txt", None, None, (), None, None, (), tuple(paras))


def texts(*blocks: str) -> list[str]:
    return [s.text for s in sentences(source(*blocks), RULES)]


def test_a_dump_cut_off_mid_sentence_loses_only_the_unfinished_sentence() -> None:
    assert texts(
        "The regional council approved the new tram plan on Tuesday evening.",
        "Work on the first line should start next spring, officials said. The mayor said the plan would",
    ) == [
        "The regional council approved the new tram plan on Tuesday evening.",
        "Work on the first line should start next spring, officials said.",
    ]


def test_a_last_sentence_cut_after_an_initial_is_not_used() -> None:
    assert texts(
        "The board approved the merger of the two regional banks on Friday.",
        "The regulator had blocked an earlier attempt, citing U.",
    ) == ["The board approved the merger of the two regional banks on Friday."]


def test_a_sentence_split_by_a_hard_line_break_is_not_used_in_either_half() -> None:
    assert texts(
        "The agency said the new safety rule for delivery drones takes effect",
        "next week. Operators must register every drone they fly in the city.",
    ) == ["Operators must register every drone they fly in the city."]


def test_datelines_dump_dates_labels_and_connectives_are_left_out() -> None:
    assert texts(
        "GENEVA (Wirenews) \u2014 Delegates approved the new fisheries treaty after two weeks of talks.",
        "date 2025-03-02 LISBON - The port reopened to cargo ships after the strike ended.",
        "What happened: The harbour authority lifted the ban on night sailing for ferries.",
        "But the unions said they would strike again if the pay talks failed.",
    ) == [
        "Delegates approved the new fisheries treaty after two weeks of talks.",
        "The port reopened to cargo ships after the strike ended.",
        "The harbour authority lifted the ban on night sailing for ferries.",
        "the unions said they would strike again if the pay talks failed.",
    ]
    shown = [s.shown for s in sentences(source("But the unions said they would strike again if talks failed."), RULES)]
    assert shown == ["The unions said they would strike again if talks failed."]


def test_the_writers_own_voice_captions_promotions_and_ellipses_are_not_used() -> None:
    assert texts(
        "We asked the council for a comment but had no answer by Monday night.",
        "You can follow the vote live on our website and in the app.",
        "The mayor said \u201cwe will not back down\u201d after the council vote on Tuesday.",
        "Protesters gather outside the town hall on Tuesday. Photo by Ana Ruiz/Getty Images",
        "Subscribe now for unlimited access, with no additional logins required.",
        "The mayor then listed the districts that would get a stop first...",
        "How the city learned to love its trams again after fifty years",
    ) == ["The mayor said \u201cwe will not back down\u201d after the council vote on Tuesday."]


def test_abbreviations_initials_and_decimals_do_not_end_a_sentence() -> None:
    text = (
        "Robert F. Kennedy Jr. met U.S. officials on Jan. 5 and spent $8.9 billion. The talks ended at 4 p.m. Friday."
    )
    assert [text[a:b] for a, b in split(text, RULES.abbreviations)] == [
        "Robert F. Kennedy Jr. met U.S. officials on Jan. 5 and spent $8.9 billion.",
        "The talks ended at 4 p.m. Friday.",
    ]


def test_glued_sentences_are_split_where_a_full_stop_meets_a_capital() -> None:
    text = "The assembly adopted the agreement.The agreement sets out rules for sharing vaccines."
    assert [text[a:b] for a, b in split(text, RULES.abbreviations)] == [
        "The assembly adopted the agreement.",
        "The agreement sets out rules for sharing vaccines.",
    ]


WORD = st.sampled_from(
    ["council", "the", "plan", "U.S.", "$8.9", "billion", '"bold"', "\u201cquoted", "word\u201d", "(left", "right)",
     "said", "on", "Monday", "Dr.", "3.5%", "...", "\u2014", "it", "we", "Tram", "lines", "a.m.", "e.g.", "cut"]
)  # fmt: skip
PARAGRAPH = st.lists(
    st.builds(
        lambda words, end: " ".join(words) + end,
        st.lists(WORD, min_size=1, max_size=14),
        st.sampled_from([".", "!", "?", "", ".\u201d", "...", ",", " and"]),
    ),
    min_size=1,
    max_size=4,
).map(lambda parts: " ".join(p[:1].upper() + p[1:] for p in parts))


@settings(max_examples=150, deadline=None)
@given(st.lists(PARAGRAPH, min_size=1, max_size=5))
def test_every_sentence_used_is_whole_and_verbatim(blocks: list[str]) -> None:
    src = source(*blocks)
    for s in sentences(src, RULES):
        para = src.paragraph(s.paragraph)
        assert para is not None and s.text in para.text  # a verbatim span: its citation will verify
        assert s.text[0].isupper() or s.text[0].isdigit() or s.text[0] in "\"'\u201c\u2018(["
        assert s.text.rstrip("\"'\u201d\u2019)]")[-1] in ".!"  # closed, and no question
        assert not s.text.endswith(("...", "\u2026"))
        assert s.text.count("\u201c") == s.text.count("\u201d") and s.text.count('"') % 2 == 0
        assert s.text.count("(") == s.text.count(")")
        assert RULES.min_words <= len(s.text.split()) <= RULES.max_words
    last = src.numbered[-1]
    if not last.text.rstrip().endswith((".", "!", "?", ".\u201d")):
        tail = last.text.rstrip().rsplit(". ", 1)[-1]
        assert all(not s.text.endswith(tail) for s in sentences(src, RULES) if s.paragraph == last.number)


def test_a_sentence_whose_speaker_is_only_a_pronoun_is_not_used() -> None:
    assert texts(
        "She said further fines for the harbour operator could follow next year.",
        "\u201cThe harbour must reopen,\u201d he said, adding that the port would appeal.",
        "The mayor said she would ask the port authority to reopen the harbour.",
    ) == ["The mayor said she would ask the port authority to reopen the harbour."]
