"""The lede: the summary opens with an article's report of the event, not a quote or a statement about a thing."""

from __future__ import annotations

import pytest

from newsfuse.pipeline import Pipeline
from newsfuse.select.lede import lede_fact, reads_as_event
from newsfuse.types import Article

# Two articles of Multi-News val-full250 story 11, as the data gives them.
STALLONE = [
    Article(
        "a",
        '"I am incredibly flattered to have been suggested to be involved with the National Endowment of the '
        'Arts," Stallone said in a statement late Sunday. "However I believe I could be more effective by '
        "bringing national attention to returning military personnel in an effort to find gainful employment, "
        'suitable housing and financial assistance these heroes respectfully deserve."',
    ),
    Article(
        "b",
        "Sylvester Stallone suggested on Sunday that he was not interested in taking a top arts leadership role "
        "in the Trump administration, including as chairman of the National Endowment for the Arts. “I am "
        "incredibly flattered to have been suggested to be involved with the National Endowment of the Arts,” "
        "he said in a statement. Republican allies of President-elect Donald J. Trump made overtures to Mr. "
        "Stallone, 70, last week about an arts-related job, two Trump advisers said on Friday. But they added "
        "that no formal offer had been made and that Mr. Trump and Mr. Stallone had not met or spoken about the "
        "actor joining the administration.",
    ),
]


@pytest.mark.parametrize(
    "text",
    [
        # val-full250: reports of what happened, in the past, the perfect, with "says" or going on now.
        "Monkeys at Colchester Zoo have invented a unique do not disturb sign that has amazed experts.",
        "Gov. Scott Walker will become the final top-tier candidate to join the GOP battle for the White House "
        "when he announces his bid from Wisconsin on Monday.",
        'ALLENTOWN, Pa. (AP) — Animal welfare workers say 71 beagles have been removed from "deplorable '
        'conditions" in a Pennsylvania home.',
        "Facebook is buying Oculus VR, a startup that makes virtual reality headsets, in a $2 billion deal.",
        "Victims of bullying at school, and bullies themselves, are more likely to experience psychiatric "
        "problems in childhood, studies have shown.",
        "New research suggests that lakes of liquid water could be buried in the icy crust of Europa, a moon of "
        "Jupiter.",
        # DUC 2004 dev: wire ledes.
        "Cambodian leader Hun Sen on Friday rejected opposition parties' demands for talks outside the country, "
        "accusing them of trying to ``internationalize'' the political crisis.",
        "White House officials and gay Democrats, concerned that the nation's largest gay and lesbian political "
        "organization is about to endorse Sen. Alfonse D'Amato for re-election, are intensely lobbying the group "
        "to remain neutral.",
    ],
)
def test_reports_of_events(text):
    assert reads_as_event(text)


@pytest.mark.parametrize(
    "text",
    [
        # val-full250 openings that state no event: a thing in the present, a feature, a quote, furniture.
        "The Good Country Index doesn’t measure what countries do at home.",
        "Pennsylvania Gov. Tom Corbett, a Republican, is up for re-election in 2014.",
        "Kong: Skull Island is, reportedly, a reboot of the original King Kong from 1933.",
        "If wedding costs are an indicator of consumer confidence, Americans must be feeling pretty good about "
        "their finances right now.",
        "Whoever makes a play for 64 Perry St. next had better not be put off by the swarms of tourists it attracts.",
        '"I am incredibly flattered to have been suggested to be involved with the National Endowment of the '
        'Arts," Stallone said in a statement late Sunday.',
        'share tweet pin email Heath Harding, 18, says he\'s "the slacker" of his nine siblings.',
        "Who could take over Jim DeMint's Senate seat at the end of the year?",
        # DUC 2004 dev openings of analyses.
        "As labor battles go, the current one between the National Basketball Association and its players is "
        "weird even by sports standards.",
        "Will it matter to consumers that Bill Gates isn't a nice guy?",
    ],
)
def test_statements_that_are_no_event(text):
    assert not reads_as_event(text)


def test_the_lede_is_the_report_rather_than_the_quote():
    """Both articles open with the story; the one whose opening reports the event words the lede."""
    story = Pipeline().analyse(STALLONE)
    found = lede_fact(story, [fact.members[0] for fact in story.facts])
    assert found is not None
    assert story.sentences[found[1]].text.startswith("Sylvester Stallone suggested on Sunday")
    summary = Pipeline().summarize(STALLONE, 60)
    assert summary.sentences[0].text.startswith("Sylvester Stallone suggested on Sunday")
