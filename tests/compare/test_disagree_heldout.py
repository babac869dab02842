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
        # line 1000: the other sentence gives this figure too, for others ("four nods each for beyoncé").
        ("Beyonce and the chainsmokers each received four nominations.",
         "Adele and justin bieber picked up five nominations each, followed by four nods each for beyoncé and the chainsmokers and three for bryson tiller."),
        # line 1038: a 17-year-old girl (the driver) / an 8-year-old girl and her 17-year-old sister.
        ("— a 17-year-old girl had drugs in her system and was driving faster than 100 mph when she crashed into a clinton county home, killing two children, according to charges filed thursday.",
         "Authorities say a teenager was traveling at more than 100 mph while high on opiates when she crashed her car into a house in frankfort, indiana, last month — killing an 8-year-old girl and her 17-year-old sister inside, people confirms."),
        # line 1118: an earlier figure ("had previously been evacuated").
        ("Nearly 3,000 people were evacuated from the area on palue island.",
         "Some 2,000 people had previously been evacuated from the island due to the volcanic activity leaving around 8,000 before saturday's eruption, mr berchmans said."),
        # val line 129: the other sentence gives thursday too, for the alert; friday is the arrest.
        ("The alert was issued after police said jeremiah grant, 33, of south berwick, maine, abducted his 18-month-old son from the boy's home in somersworth thursday afternoon.",
         "Authorities in somersworth, new hampshire, cancelled an amber alert issued thursday night after a father who allegedly abducted his son was arrested in maine early friday morning."),
        # line 1058: "almost 100" may be 88.
        (">> the magazine tested almost 100 samples of apple and grape juice and found that 10 % had total arsenic levels higher than federal drinking water standards for arsenic.",
         "The tests of 88 samples of apple juice and grape juice purchased in new york, new jersey, and connecticut by consumer reports staffers found that 10 percent of those samples had total arsenic levels exceeding federal drinking-water standards."),
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
        # line 1038: the day of the crash.
        ("Alia sierra, of frankfort, faces 10 felony charges, including two counts of reckless homicide in connection to the deaths of 17-year-old haleigh and 9-year-old callie fullerton, who were killed july 13 when a car careened through their living room.",
         "Alia sierra is facing ten felony charges, including two counts of reckless homicide for the july 12 crash that killed haleigh fullerton, 17, and callie fullerton, 8.",
         ("july 13", "july 12")),
        # line 1317: the sum seized since 2007.
        ("In a report released on march 29, the department of justice's inspector general found that, since 2007, the dea seized $ 3.2 billion in cash from people who weren't charged with any crime.",
         "Since 2007, the report found, the dea has seized more than $ 4 billion in cash from people suspected of involvement with the drug trade.",
         ("$ 3.2 billion", "more than $ 4 billion")),
    ],
)  # fmt: skip
def test_held_out_real_disagreements_are_still_found(a, b, claims):
    assert claims in [(c.a_text, c.b_text) for c in compare_sentences(a, b)]
