"""Counts given as orders of magnitude: "hundreds of texts" and "thousands of text messages" disagree."""

from __future__ import annotations

from newsfuse.compare import compare_sentences
from newsfuse.compare.magnitudes import magnitude_conflicts, magnitudes
from newsfuse.pipeline import Pipeline
from newsfuse.types import Article


def test_magnitudes_read_the_noun_they_count() -> None:
    (m,) = magnitudes("They reportedly exchanged hundreds of texts and planned to run away.")
    assert (m.text, m.noun, m.power) == ("hundreds of texts", "text", 2)
    assert magnitudes("Tens of thousands of people marched; hundreds of thousands watched.") == ()
    assert magnitudes("It costs thousands.") == ()  # no noun counted


def test_different_orders_of_magnitude_of_one_thing_are_a_number_conflict() -> None:
    a = "The teacher and the girl reportedly exchanged hundreds of texts, police said."
    b = "The teacher sent the girl thousands of text messages over two weeks, police said."
    (conflict,) = [c for c in compare_sentences(a, b) if c.a_text == "hundreds of texts"]
    assert conflict.kind == "number" and conflict.b_text == "thousands of text messages"
    assert a[conflict.a_start : conflict.a_end] == conflict.a_text
    assert b[conflict.b_start : conflict.b_end] == conflict.b_text
    # The same order, a compound that spans it, or another noun: consistent.
    assert not magnitude_conflicts(a, b.replace("thousands", "hundreds"))
    assert not magnitude_conflicts("Thousands of people marched.", "Tens of thousands of people marched.")
    assert not magnitude_conflicts("Hundreds of people marched.", "Thousands of police officers watched.")


def test_the_versions_keep_their_own_support_and_the_summary_says_disputed() -> None:
    texts = {
        "a": "A Pittsburgh teacher exchanged thousands of text messages with an 11-year-old student, police said.",
        "b": "Police said a Pittsburgh teacher exchanged thousands of text messages with an 11-year-old student.",
        "c": "A Pittsburgh teacher exchanged hundreds of texts with an 11-year-old student, police said.",
    }
    pipe = Pipeline()
    analysis = pipe.analyse([Article(k, t, source=k.upper()) for k, t in texts.items()])
    assert sorted(f.support for f in analysis.facts) == [1, 2]
    story = pipe.summarize_analysis(analysis, 30)
    first = story.sentences[0]
    assert first.disputed
    (other,) = first.disputed[0].others
    assert {first.support, other.support} == {1, 2}
    assert {first.disputed[0].claim, other.claim} == {"hundreds of texts", "thousands of text messages"}
