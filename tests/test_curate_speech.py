"""Who said it: a named speaker's quotation told as reported speech, and "He"/"She" given the name before it."""

from __future__ import annotations

from sitegen.curate import draft_pages
from sitegen.curate.speech import named, reported
from tests.test_curate import src


def test_a_quotation_about_others_is_told_in_the_speakers_words_as_reported_speech() -> None:
    assert reported(
        "\u201cThe harbour bridge is no longer safe for heavy traffic and must close,\u201d "
        "city engineer Ruth Adair said in a statement."
    ) == (
        "City engineer Ruth Adair said in a statement that the harbour bridge is no longer safe for heavy traffic "
        "and must close."
    )
    assert reported("The mayor said: \u201cThe ferry will run every twenty minutes from March.\u201d") == (
        "The mayor said that the ferry will run every twenty minutes from March."
    )


def test_a_speaker_named_with_an_aside_keeps_the_asides_commas() -> None:
    expected = "Tom Vey, the airline's spokesman, said that the airline will pay every claim in full."
    assert reported("\u201cThe airline will pay every claim in full,\u201d said Tom Vey, the airline's spokesman.") == (
        expected
    )
    assert reported(
        "\u201cThe airline will pay every claim in full,\u201d Tom Vey, the airline's spokesman, said."
    ) == (expected)


def test_a_quotation_in_the_first_person_or_by_a_pronoun_is_never_reworded() -> None:
    assert reported("\u201cWe will appeal this ruling in the higher court,\u201d the company said.") is None
    assert reported("\u201cThe bridge will close in March next year,\u201d he said.") is None
    assert reported("The council voted on Monday to close the bridge to all cars.") is None


def test_he_or_she_takes_the_one_person_the_sentence_before_names() -> None:
    before = "Reporters spoke to Dr Nia Okafor, a structural engineer at Harbour University."
    assert named("She called the closure an \u201coverdue\u201d decision.", before) == (
        "Dr Nia Okafor, a structural engineer at Harbour University, called the closure an "
        "\u201coverdue\u201d decision.",
        "Dr Nia Okafor, a structural engineer at Harbour University",
    )
    assert named("He called it overdue.", "Mayor Tom Hale met Dr Nia Okafor on Monday.") is None
    assert named("He called it overdue.", "The council met on Monday.") is None


def test_the_he_said_after_a_quotation_takes_the_name_too() -> None:
    before = "Reporters spoke to Dr Nia Okafor, a structural engineer at Harbour University."
    text, _ = named("\u201cThe bridge cannot carry heavy lorries any longer,\u201d she said.", before) or ("", "")
    assert reported(text) == (
        "Dr Nia Okafor, a structural engineer at Harbour University, said that the bridge cannot carry heavy "
        "lorries any longer."
    )
    assert named("He said the quay was stable.", "Prime Minister Ana Reis spoke in the port.") == (
        "Prime Minister Ana Reis said the quay was stable.",
        "Prime Minister Ana Reis",
    )


def test_an_experts_verdict_after_the_sentence_naming_them_reaches_the_draft() -> None:
    sources = [
        src(
            "alpha",
            "The council voted on Monday to close the old Harbour Bridge to all cars from next March.",
            "We asked Dr Nia Okafor, a structural engineer at Harbour University. "
            "She called the closure an \u201coverdue\u201d decision that could save lives on the bridge.",
            outlet="Alpha News",
        ),
        src(
            "bravo",
            "On Monday the city council voted to shut the Harbour Bridge to cars starting next March.",
            "\u201cThe Harbour Bridge is no longer safe for the heavy traffic it carries every day,\u201d "
            "city engineer Ruth Adair said in a statement.",
            outlet="Bravo Daily",
        ),
    ]
    text = "\n".join(d.text for d in draft_pages(sources))
    assert "Dr Nia Okafor, a structural engineer at Harbour University, called the closure" in text
    assert '@alpha "Dr Nia Okafor, a structural engineer at Harbour University"; @alpha "' in text
    assert "city engineer Ruth Adair said in a statement that the Harbour Bridge is no longer safe" in text


def test_a_sentence_ending_on_an_acronym_that_reads_as_a_word_ends_on_its_attribution() -> None:
    sources = [
        src(
            "alpha",
            "The council voted on Monday to close the old Harbour Bridge to all cars from next March.",
            "The harbour master urged the council to cut its ties with the \u201cuseless WHO.\u201d",
            outlet="Alpha News",
        ),
        src("bravo", "On Monday the city council voted to shut the Harbour Bridge to cars starting next March."),
    ]
    text = "\n".join(d.text for d in draft_pages(sources))
    assert "to cut its ties with the \u201cuseless WHO\u201d, Alpha News reports [@alpha" in text
