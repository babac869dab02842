# ruff: noqa: E501
"""False disagreements found by reading the flags on held-out Multi-News val stories (val.src lines 500-1500)."""

from __future__ import annotations

import pytest

from newsfuse.compare import compare_sentences


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # line 783: "can't practice" negates a word the other sentence does not have.
        ("The texas board of veterinary medical examiners on tuesday suspended the license of veterinarian kristen lindsey for one year after she killed a cat with a bow and arrow.",
         "The texas board of veterinary medical examiners determined tuesday that kristen lindsey can't practice for a year."),
        # line 939: "to no avail" / "for the deer to stop".
        ("Horrified neighbours can be heard in the background screaming and yelling for help to no avail.",
         "A horrified neighbour can be heard in the background screaming and yelling for the deer to stop."),
        # line 1010: a quote cut before its "not".
        ('" as i grow older i am more convinced than ever that we are not alone',
         'On arriving at gliese 832c, a planet 16 light years away, hawking reflects: "as i grow older i am more convinced than ever that'),
        # line 1312: two different quotes of one speaker.
        ('I didn\'t then, " raftery said.', '" he was good, " raftery said.'),
        # line 1000: the other sentence gives this figure too, for others ("three for bryson tiller").
        ("Bryson tiller, twenty one pilots, carrie underwood, fetty wap and the weeknd earned three nominations each.",
         "Adele and justin bieber picked up five nominations each, followed by four nods each for beyoncé and the chainsmokers and three for bryson tiller, twenty one pilots, carrie underwood, fetty wap and the weeknd."),
        # line 864: a time ("14,000 years ago") and a span ("by at least 4,000 years").
        ("Tiny specks of bread found in fireplaces used by hunter-gatherers 14,000 years ago, predating agriculture by thousands of years charred crumbs found in a pair of ancient fireplaces have been identified as the earliest examples of bread, suggesting it was being prepared long before the dawn of agriculture.",
         "It is the oldest direct evidence of bread found to date, predating the advent of agriculture by at least 4,000 years."),
        # line 1418: page time stamps "8: 20 am" / "8: 29 am" are clock times, not figures.
        ("Kayla mueller's last letter to her family feb. 23, 2015 at 8: 20 am et the family of kayla mueller spoke to savannah guthrie.",
         "Kayla mueller's parents: why we feel isis wanted to release our daughter feb. 23, 2015 at 8: 29 am et kayla mueller's parents spoke."),
    ],
)  # fmt: skip
def test_held_out_false_flags_stay_unflagged(a, b):
    assert compare_sentences(a, b) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The minister will attend the summit in Hanoi next week.", "The minister will not attend the summit in Hanoi next week."),
        ("Yonhap said Kim met with Chinese President Xi Jinping.", "Yonhap said Kim did not meet Chinese President Xi Jinping during the trip."),
        ("The governor signed the bill into law on Friday.", "The governor did not sign the bill on Friday."),
        ("The mayor resigned on Tuesday after the audit.", "The mayor refused to resign on Tuesday after the audit."),
    ],
)  # fmt: skip
def test_negations_of_the_same_predicate_still_conflict(a, b):
    assert [c.kind for c in compare_sentences(a, b)] == ["negation"]


@pytest.mark.parametrize(
    ("a", "b", "claims"),
    [
        # line 1090: eight injured, three / two of them children.
        ("Philadelphia ( reuters ) - eight people including three children were injured in philadelphia on monday when a natural gas explosion tore through a row house under renovation, causing the collapse of three houses and the evacuation of about 70 homes.",
         "Eight people, including two children, were injured this morning after an apparent gas explosion caused a south philadelphia rowhome undergoing extensive renovation to collapse.",
         ("three", "two")),
        # line 1317: the sum seized since 2007.
        ("In a report released on march 29, the department of justice's inspector general found that, since 2007, the dea seized $ 3.2 billion in cash from people who weren't charged with any crime.",
         "Since 2007, the report found, the dea has seized more than $ 4 billion in cash from people suspected of involvement with the drug trade.",
         ("$ 3.2 billion", "more than $ 4 billion")),
    ],
)  # fmt: skip
def test_held_out_real_disagreements_are_still_found(a, b, claims):
    assert ("number", *claims) in [(c.kind, c.a_text, c.b_text) for c in compare_sentences(a, b)]
