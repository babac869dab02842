# ruff: noqa: E501
"""Labelled identifiers ("Flight 370", "Proposition 37", "No. 1") name things: a different number is a different thing."""

from __future__ import annotations

import pytest

from newsfuse.compare import compare_sentences
from newsfuse.compare.identifiers import identifier_conflicts, identifiers


def test_identifiers_are_read_with_their_labels():
    # val-full250 (mn story on GM food labelling) and DUC d30001t sentences.
    found = identifiers("In fact, they say, even though Proposition 37 lost, a grass-roots movement came together.")
    assert [(i.label, i.number) for i in found] == [("proposition", "37")]
    found = identifiers(
        "And from the outset, Microsoft says, it intended that Windows and its Internet Explorer browser would be seamlessly integrated, as they are now in Windows 98."
    )
    assert [(i.label, i.number) for i in found] == [("windows", "98")]
    # Counts, hedges, years and plurals are not identifiers.
    assert identifiers("About 400 people came; Rihanna trails only Madonna, with 43 No. 1s.") == []
    assert identifiers("Since 2015 James 30 points a night.") == []
    assert [(i.label, i.number) for i in identifiers("story number 400 went viral")] == [("no", "400")]


@pytest.mark.parametrize(
    ("a", "b", "claims"),
    [
        # A real sentence (val-full250, the Malaysia Airlines story) and the same sentence with another flight.
        ("Two years after Malaysia Airlines Flight 370 went missing, a relative of one of the passengers burns incense in Beijing on March 8, 2016.",
         "Two years after Malaysia Airlines Flight 307 went missing, a relative of one of the passengers burns incense in Beijing on March 8, 2016.",
         ("Flight 370", "Flight 307")),
        # Round numbers are not rounded when they name something.
        ("Flight 400 crashed shortly after takeoff from Denver on Monday.", "Flight 404 crashed shortly after takeoff from Denver on Monday.",
         ("Flight 400", "Flight 404")),
        ("Story number 400 was the one that went viral, the paper said.", "Story number 404 was the one that went viral, the paper said.",
         ("number 400", "number 404")),
        ("The crash closed Route 66 near Flagstaff for hours.", "The crash closed Route 9 near Flagstaff for hours.", ("Route 66", "Route 9")),
        ("Britain triggered Article 50 of the Lisbon Treaty on Wednesday.", "Britain triggered Article 5 of the Lisbon Treaty on Wednesday.",
         ("Article 50", "Article 5")),
        ("Voters approved Proposition 8 on Tuesday, banning same-sex marriage in California.",
         "Voters approved Proposition 22 on Tuesday, banning same-sex marriage in California.", ("Proposition 8", "Proposition 22")),
        # Lower-cased copy: a label word in any case.
        ("the plane on flight 400 crashed shortly after takeoff from denver.", "the plane on flight 404 crashed shortly after takeoff from denver.",
         ("flight 400", "flight 404")),
    ],
)  # fmt: skip
def test_one_claim_with_two_identifiers_is_one_number_conflict(a, b, claims):
    found = compare_sentences(a, b)
    assert [(c.kind, c.a_text, c.b_text) for c in found] == [("number", *claims)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # val-full250 mn226: two games of one series, two different facts.
        ("NBA Finals MVP LeBron James of the Miami Heat holds the championship trophy after defeating the Oklahoma City Thunder in Game 5 of the NBA Finals.",
         "But after Game 1 of the Finals, the Thunder lost four straight and at times played like a young team in its first Finals."),
        # val-full250 mn082: where a song topped the chart and where it entered.
        ('Rihanna\'s recent hit "Right Now" topped the dance chart this week, giving Rih her 20th No. 1 song in the category, according to Billboard.',
         '"Right Now" debuted at No. 50 on the chart in early February, shortly following the release of Rihanna\'s "Unapologetic" album last November.'),
        # val-full250 mn082 (labelled candidate d-n042): a first No. 1 and a count of No. 1s.
        ("While Rihanna nabbed her first No. 1 for the category in 2005, Madonna charted her first dance hit in 1983.",
         "Rihanna trails only Madonna, with 43 No. 1s."),
        # DUC d30001t: two versions of Windows in two claims.
        ("In June 1996, Compaq wanted not only to load the more popular Netscape browser on its machines but also to remove the icon for Microsoft's Internet Explorer, which was delivered to the computer maker with Windows 95.",
         "And from the outset, Microsoft says, it intended that Windows and its Internet Explorer browser would be seamlessly integrated, as they are now in Windows 98."),
        # One number in both: the second flight is named alongside.
        ("Flight 400 crashed after takeoff from Denver.", "Flight 400 and Flight 404 crashed after takeoff from Denver."),
    ],
)  # fmt: skip
def test_different_facts_and_shared_numbers_are_not_flagged(a, b):
    assert compare_sentences(a, b) == []
    assert identifier_conflicts(a, b) == []


def test_an_identifier_conflict_blocks_support():
    from newsfuse.pipeline import Pipeline
    from newsfuse.types import Article

    a = "Flight 400 crashed shortly after takeoff from Denver on Monday, killing everyone on board."
    b = "Flight 404 crashed shortly after takeoff from Denver on Monday, killing everyone on board."
    story = Pipeline().analyse([Article("a", a, source="A"), Article("b", b, source="B")])
    assert len(story.facts) == 2  # two versions, each with its own support
    assert all(f.support == 1 for f in story.facts)
