# ruff: noqa: E501
"""Look-alikes of disagreements read on held-out Multi-News copy (val.src lines 500-5621, train lines 10000-10999).

Each pair is quoted from the stories (line numbers of ``../shared/data/multinews/val.src`` or ``train.src.gz``);
each kind is one of the scope readers in ``newsfuse.compare.scope`` or the rules of ``disagree.py`` that use them.
The real disagreements of the same stories stay flagged (last test).
"""

from __future__ import annotations

import pytest

from newsfuse.compare import compare_sentences
from newsfuse.compare.numbers import quantities
from newsfuse.compare.scope import figures


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # val 625: a lead and a deficit (opposite predicates).
        ("As of wednesday, he was ahead by six points among likely voters.",
         "But he's losing the south, among likely voters, by 22 points."),
        # val 874: photo captions dated by their dateline (Reuters style).
        ("( l-r ) russia's president vladimir putin, iran's president hassan rouhani and azerbaijan's president ilham aliyev pose for a picture during a meeting in tehran, iran november 1, 2017.",
         "Iran's supreme leader ayatollah ali khamenei waves as he arrives to deliver a speech in tehran, iran, november 2, 2017."),
        # val 982: a count added to the phrase: families with three girls.
        ("Illustration by barry falls parents of girls are 5 percent more likely to divorce than parents of boys.",
         "The parents of three girls are close to 10 percent more likely to divorce than the parents of three boys."),
        # val 1045: the mirrors' area and the area they light.
        ("Three mirrors with a total surface area of about 538 square feet will sit at an angle to redirect winter sun down into the town, lighting up over 2150 square feet of concentrated space in the town square.",
         '" the project will result in a permanent installation which, with the help of the 300 square foot mirrors, will redirect the sun down into the valley, " explained town reps.'),
        # val 1237: an average and the cheapest of several (a superlative's value).
        ("The average price of regular gas in california is $ 2.50 a gallon, or about 80 cents higher than the national average.",
         "Oklahoma has the cheapest average cost of the bunch, at $ 1.37 for a gallon of regular, while north dakota has the \" highest \" price point of the nine states."),
        # val 1247: dates in attribution tails of two different findings.
        ("The researchers found a reduction in this risk for both men and women, according to the findings, presented here today ( april 18 ) at the american association for cancer research's annual meeting.",
         "Compared with people who had shorter legs, those with longer legs had a 42 percent higher risk of developing colorectal cancer, according to the new study presented here today ( april 19 ) at the american association for cancer research's annual meeting."),
        # val 1436: a figure in a short quoted title.
        ('The duggar birth was televised on the arkansas couple\'s popular tlc reality show, " 17 kids and counting "',
         "The duggars, the hugely popular 21-member reality family on tlc's 19 kids &amp; counting, are accused of hiding a dark secret."),
        # val 989: a figure "now" and one dated in a past year.
        ("Lake superior is now 91 percent covered by ice — the most since 1994 — and the great lake may even surpass a record dating back more than 30 years in coming days, experts say.",
         "Lake superior has been frozen over 100 percent one time since 1973, back in 1996."),
        # val 1556: three dozen is 36.
        ("Coli in more than a decade is over, federal authorities said thursday, after five people died and more than 200 others were sickened in three dozen states.",
         "Coli disease killed five people and sickened at least 210 in 36 states, making it the largest outbreak of the killer bacterial infection in a decade."),
        # val 1944: 15 years and eight months is 188 months.
        ("Fogle was sentenced in november to 188 months in prison after pleading guilty to one count each of distributing and receiving child pornography.",
         "Since november, when the former subway spokesman was sentenced to 15 years and eight months in prison for possessing child pornography, the media has reported on a brawl he had in prison."),
        # val 2402: 9-1-1 is a number to call, not a count.
        ("Hartford -- a hartford woman called 9-1-1 to report a problem with her pizza order, and police have released the recording.",
         "Police say a woman called 911 after a pizza shop made a mistake on her order."),
        # val 1540: the $ 20 bill and the $ 10 bill are two banknotes.
        ('" miranda, who plays hamilton, was responding to a twitter query asking him to use his sway with lew to keep hamilton on the bill and instead move andrew jackson off the $ 20 bill instead.',
         'Alexander hamilton will continue to be "honored " on the $ 10 bill, partly thanks to lin-manuel miranda.'),
        # val 2130: 25 years for each of two convictions.
        ("— zach adams will be sentenced to life in prison without parole plus 50 years after both sides reached an agreement in the murder case of 20-year-old nursing student holly bobo.",
         "Zach adams sentenced to life in prison adams will serve life in prison, plus consecutive terms of 25 years for both the kidnapping and rape convictions."),
        # val 2035: a rise and a share.
        ("- more than 10 percent of u.s. Children have been diagnosed with attention deficit hyperactivity disorder",
         "The number of children diagnosed with attention deficit hyperactivity disorder ( adhd ) rose by 43 percent between 2003 and 2011."),
        # val 1950: what each sum is.
        ("Podgurski was sentenced in absentia last month to more than 20 years in prison and ordered to pay more than $ 1 million in fines and restitution.",
         "Podgurski, in absentia, was sentenced to 20 years in prison after being convicted of receiving more than $ 650,000 in disability and insurance payments after faking injuries."),
        # val 1742: two years' counts, not one event dated twice.
        ("Overall, more than 63,000 americans died of drug overdoses in 2016, according to the report.",
         "More than 72,000 americans died of drug overdoses in 2017, according to the u.s. Centers for disease control and prevention."),
        # val 1526: "younger than 18" includes 17-year-olds.
        ("Colleagues found that banning e-cigarette sales to people younger than 18 years increased smoking rates by 0.9 % among 12- to 17-year-olds.",
         "Regression analyses consider how state bans on e-cigarette sales to minors influence smoking rates among 12 to 17 year olds."),
        # val 2453: a world figure and a country's.
        ("The global slavery index estimates 40.3 million people worldwide were subjected to modern slavery in 2016.",
         "More than 400,000 people could be living in \" modern slavery \" in the us, a condition of servitude broadly defined in a new study."),
        # val 2301: "about" covers the converted figure too.
        ("A civilian searches for survivors in the rubble at the scene of a car bomb attack near the city of hilla about 95 kilometers ( 60 miles ) south of baghdad, iraq.",
         "A suicide truck bomb killed about 100 people at a petrol station in the city of hilla 100 km ( 62 miles ) south of baghdad on thursday."),
        # val 2334: midday and the close.
        ("The s&p 500 index gained 41 points, or 2 percent, to 2,127 in midday trading.",
         "The s&p 500 index rose 46.34 points, or 2.2 %, to finish at 2,131.52."),
        # val 2325: an event dated by its offset from another.
        ("My modeling headshot as a 19-year-old aspiring actress in 1987, a couple of years after i met bill cosby.",
         "Bowman was 17 and an aspiring actress when she met cosby in 1985."),
        # val 1536: "not" inside "it wasn't clear whether … have commented".
        ("The 94-year-old former golden girls star did not immediately respond to a request for comment, and her representatives have not publicly commented on the lawsuit.",
         'It wasn\'t immediately clear whether the 94-year-old former "golden girls " star or her representatives have publicly commented on the suit.'),
        # val 3009: now and at the time.
        ("Only six years old at the time, gedhun choekyi nyima was named as the 11th panchen lama by the dalai lama in 1995.",
         "Gedhun choekyi nyima, now 28 years old, was detained together with his family by chinese authorities in 1995."),
        # val 3393: a projection and a count.
        ("More than 20,000 people could become infected with the deadly ebola virus, the world health organisation has said.",
         "The ebola outbreak in west africa has killed more than 1,552 people out of 3,069 known cases in four countries, the world health organisation said."),
        # val 3964: "not only … but also" asserts.
        ("Her life not only spanned three centuries but also survived an abusive marriage, the loss of her only son, two world wars and more than 90 italian governments.",
         "Her life spanned three centuries, two world wars and more than 90 italian governments."),
        # val 3997: two clock times of two events.
        ("Cook turned himself in at 8: 37 p.m. Et on friday, leon county jail records show.",
         "He bonded out of the leon county jail around 1: 30 a.m. Saturday."),
        # val 4239: pounds and dollars.
        ("Work on the 1.2bn yuan ( £ 127m ) fast project began in the south-western province of guizhou in 2011.",
         "The $ 180 million five hundred meter aperture spherical telescope ( fast ) in the southwestern province of guizhou is expected to be completed in september."),
        # val 5030: a total and its parts.
        ("Officials told cnn wednesday that the campaign will cancel $ 3 million in reserved television advertising in iowa and south carolina.",
         "It will scrap over $ 1 million of tv spending in iowa, a state that he's been trailing in, and around $ 2 million in south carolina."),
        # val 5195: the other two of three.
        ("After the first tweet was deleted, the hacker kept tweeting: the other two tweets were also deleted.",
         '" the nfl has deleted all three tweets sent by the hacker.'),
        # train 10754: "Eighty two percent" is 82.
        ("Eighty two percent of the wealth generated last year went to the richest one percent of the global population.",
         "Some 82 % of money generated last year went to the richest 1 % of the global population while the poorest half saw no increase at all."),
    ],
)  # fmt: skip
def test_held_out_look_alikes_are_not_flagged(a, b):
    assert compare_sentences(a, b) == []


def test_figures_reads_amounts_written_in_parts():
    s = "after five people died and more than 200 others were sickened in three dozen states."
    assert [(q.text, q.value) for q in figures(quantities(s), s)][-1] == ("three dozen", 36.0)
    s = "was sentenced to 15 years and eight months in prison"
    assert [(q.value, q.noun) for q in figures(quantities(s), s)] == [(188.0, "month")]


@pytest.mark.parametrize(
    ("a", "b", "claims"),
    [
        # val 2562: Heather Mack's age.
        ("Heather mack, 19, from chicago, and her boyfriend, tommy schaefer, 21, were arrested on aug.",
         "Tommy schaefer, 21, and heather mack, 18, were arrested on aug.", ("19", "18")),
        # val 2563: the fine.
        ("The vandal could face up to six months in jail and a $ 5,000 fine, the sentinel reported.",
         "The vandalism could be punishable by three to six months in prison and a fine of up to $ 500.", ("$ 5,000", "up to $ 500")),
        # val 3553: the injured.
        ("New orleans police are investigating a shooting that left 16 people injured sunday night at bunny friend playground.",
         "Seventeen people were injured sunday night ( nov. 22 ) after gunfire erupted during a block party at bunny friend park.", ("16", "Seventeen")),
        # train 10486: the dead, paired by the verb that counts them.
        ("Pakistani taliban faction jamaat ul-ahrar says christians were target of bomb that killed 72 and injured 280 in park thronged with families.",
         "— a bombing on easter sunday killed 65 people in a park in the eastern city of lahore that was crowded with christians.", ("72", "65")),
        # val 5531: one mansion's area (the other figure names no other thing).
        ("A 27,000-square-foot home with a home theater modeled after the bridge of star trek's uss enterprise has hit the market in florida for $ 35 million.",
         "A custom-built mansion encompassing nearly 20,000 square feet with a star trek-inspired wing has re-listed this afternoon for $ 29.95 million.", ("27,000-square", "nearly 20,000")),
    ],
)  # fmt: skip
def test_held_out_real_disagreements_stay_flagged(a, b, claims):
    assert claims in [(c.a_text, c.b_text) for c in compare_sentences(a, b)]
