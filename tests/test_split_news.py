"""News rules of the splitters: whole sentences on cases taken from real articles (Multi-News, DUC 2004)."""

from __future__ import annotations

import pytest

from newsfuse.split import FastSplitter, SyntokSplitter
from newsfuse.split.news import repair_spans
from newsfuse.types import Article

SPLITTERS = [FastSplitter(), SyntokSplitter()]


def sentences(text: str, splitter=SPLITTERS[0]) -> list[str]:
    got = splitter.split(Article("a", text), 0)
    for s in got:
        assert text[s.start : s.end] == s.text
    return [s.text for s in got]


@pytest.mark.parametrize("splitter", SPLITTERS)
@pytest.mark.parametrize(
    "text",
    [
        # Multi-News val-full250 and DUC 2004 dev sentences that syntok cut after the title.
        "“It is important to get to the bottom of it,” said Rep. Mark Meadows (R-N.C.), chairman of the Caucus.",
        "Democratic Rep. Kyrsten Sinema took a narrow 9,610-vote lead over GOP Rep. Martha McSally Thursday evening.",
        "Walker trails Florida Gov. Jeb Bush in polls in New Hampshire, and Sen. Marco Rubio (R-Fla.) is close.",
        "Lt. Gen. Thomas Bergeson, the Air Component Command, South Korea/U.S. Combined Forces Command, spoke.",
        '"We need to be ready every day to not only fight tonight, but win tonight," Lt. Col. Mike McCarthy said.',
        "One of the counter-protesters was stabbed, said Anaheim police Sgt. Daron Wyatt.",
        "But Bundy’s GOP defenders, including Sens. Dean Heller (Nev.) and Rand Paul (Ky.), rapidly abandoned him.",
        "The Rev. James Martin explains in this excerpt from the book.",
        "He raised the possibility of conspiracy in the assassination of the Rev. Dr. Martin Luther King Jr. five "
        "years later.",
        "Mr. Kim met Dr. Xi and Mrs. Clinton, Ms. Rice and St. Louis Mayor Francis Slay in the U.S. Navy yard.",
        "The summit is to take place on Nov. 17-18.",
        "It’s now fluctuating between No. 250 and No. 500 on that list.",
        "That he cited her -- not to mention Martin Luther King Jr. -- as one of the people he appreciated tells you.",
    ],
)
def test_a_title_before_a_name_does_not_end_the_sentence(splitter, text: str) -> None:
    assert sentences(text, splitter) == [text]


def test_a_title_still_ends_a_sentence_before_a_sentence_opener() -> None:
    # DUC 2004: "Hun Sen" is a name; Kunz Sr. and DeOrr Jr. end their sentences.
    text = "It was an assassination attempt on Hun Sen. The opposition claims the attack was staged."
    assert sentences(text) == [
        "It was an assassination attempt on Hun Sen.",
        "The opposition claims the attack was staged.",
    ]
    text = "They're not sure who would take DeOrr Jr. They added that support was strong. No. I’m not that selfish."
    assert sentences(text) == [
        "They're not sure who would take DeOrr Jr.",
        "They added that support was strong.",
        "No.",
        "I’m not that selfish.",
    ]


@pytest.mark.parametrize("splitter", SPLITTERS)
@pytest.mark.parametrize(
    "text",
    [
        "CHICAGO (AP) — In a stunning ruling that could revolutionize college sports, a federal agency said Wednesday "
        "that football players at Northwestern University can unionize.",
        "PERTH (Reuters) - An air search of the remote southern Indian Ocean resumed on Friday.",
        "HOUSTON (AP) — Houston police say longtime U.S. Rep. John Conyers' youngest son has been found safe.",
        "WASHINGTON (AP) — President-elect Donald Trump said Tuesday he would meet the leaders.",
        "ROME — Pope Francis on Sunday urged an end to the fighting.",
    ],
)
def test_a_dateline_stays_with_its_sentence(splitter, text: str) -> None:
    assert sentences(text, splitter) == [text]


def test_a_dateline_line_stays_apart_from_the_next_line() -> None:
    assert sentences("WASHINGTON (AP)\n— The Senate voted.") == ["WASHINGTON (AP)", "— The Senate voted."]


def test_missing_space_after_a_full_stop() -> None:
    assert sentences("She told PEOPLE.Asked about the split, she said nothing.") == [
        "She told PEOPLE.",
        "Asked about the split, she said nothing.",
    ]
    # val-full250: a closing quote glued to the next sentence, and one that opens the next sentence.
    text = 'Ziegenhorn said, "I felt like that was it, and the doctors were gonna let me die."It started in 2011.'
    assert sentences(text) == [
        'Ziegenhorn said, "I felt like that was it, and the doctors were gonna let me die."',
        "It started in 2011.",
    ]
    assert sentences('The trial starts in June."We will win," he said.') == [
        "The trial starts in June.",
        '"We will win," he said.',
    ]
    # Abbreviations, web addresses and decimals are no glued sentences.
    for text in [
        "He joined the U.S.Army in 2001 and the U.S.District Court agreed.",
        "Read more at Salon.com or www.CNN.com today.",
        "Shares rose 3.5 percent to $12.75 on Tuesday.",
        "The county is in W.Va. near the border.",
    ]:
        assert sentences(text) == [text]


@pytest.mark.parametrize("splitter", SPLITTERS)
def test_question_or_exclamation_inside_a_quote_keeps_its_attribution(splitter) -> None:
    text = (
        "“Where is our colored brother? Where is our Mexican brother? Where is our Chinese — where are they?” "
        "Bundy said. “They’re not here.” "
        '"Why did it have to be a fifth-grader who dies?" Grace Demerath said. '
        "“Where in all this does a court interpret the law?” Gorsuch asked in an extended digression. "
        '"Does it all look a little different to you now?" I asked her. '
        '"Do you know?" she asked.'
    )
    assert sentences(text, splitter) == [
        "“Where is our colored brother?",
        "Where is our Mexican brother?",
        "Where is our Chinese — where are they?” Bundy said.",
        "“They’re not here.”",
        '"Why did it have to be a fifth-grader who dies?" Grace Demerath said.',
        "“Where in all this does a court interpret the law?” Gorsuch asked in an extended digression.",
        '"Does it all look a little different to you now?" I asked her.',
        '"Do you know?" she asked.',
    ]


def test_a_new_statement_after_a_quoted_question_is_a_new_sentence() -> None:
    text = "“Isn’t it racist, period!” He said liberals “get a pass” for this sort of thing."
    assert sentences(text) == ["“Isn’t it racist, period!”", "He said liberals “get a pass” for this sort of thing."]


def test_each_bullet_is_a_sentence_of_its_own() -> None:
    text = (
        "The court document lays out their alleged cross-country path after that: • In Montana, they are accused "
        "of releasing a bobcat from a fur farm. • In Idaho, they released about 1,800 mink from a ranch in Burley\n"
        "• JOBS-financing payrolls\n"
        "* * * The Sunday Tribune is full of compelling stories. To wit: * Obama won women by 11 points"
    )
    assert sentences(text) == [
        "The court document lays out their alleged cross-country path after that:",
        "In Montana, they are accused of releasing a bobcat from a fur farm.",
        "In Idaho, they released about 1,800 mink from a ranch in Burley",
        "JOBS-financing payrolls",
        "The Sunday Tribune is full of compelling stories.",
        "To wit:",
        "Obama won women by 11 points",
    ]


def test_repair_spans_keeps_offsets_into_the_text() -> None:
    text = "Head\nHe met Rep. John Lewis. • A bullet"
    line = text[5:]
    pieces = ["He met Rep.", "John Lewis.", "• A bullet"]
    spans = repair_spans(line, [(text.index(p), text.index(p) + len(p)) for p in pieces], offset=5)
    assert [text[a:b] for a, b in spans] == ["He met Rep. John Lewis.", "A bullet"]
    assert repair_spans("", []) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # val-full250 lines (Multi-News joins an article's lines): furniture glued to a sentence is cut off.
        (
            "Buy Photo Flint — Sixteen months after it was identified as a likely source, the water was not tested.",
            [
                "Buy Photo",
                "Flint — Sixteen months after it was identified as a likely source, the water was not tested.",
            ],
        ),
        (
            "No known precedent There was no official communique on the results of the visit.",
            ["No known precedent", "There was no official communique on the results of the visit."],
        ),
        (
            "Kate Upton Breaks Engagement News on Red Carpet She threw a curveball.",
            ["Kate Upton Breaks Engagement News on Red Carpet", "She threw a curveball."],
        ),
        (
            "Get The Times of Israel's Daily Edition by email and never miss our top stories Free Sign Up In the "
            "petition, Eichmann says the court overstated his role.",
            [
                "Get The Times of Israel's Daily Edition by email and never miss our top stories Free Sign Up",
                "In the petition, Eichmann says the court overstated his role.",
            ],
        ),
        (
            'RIP to the legend. pic.twitter.com/DbYHt8gwex — Charlamagne Tha God (@cthagod) June 20, 2017 "Rock you '
            'in your face" will forever be the hardest line.',
            [
                "RIP to the legend.",
                "pic.twitter.com/DbYHt8gwex — Charlamagne Tha God (@cthagod) June 20, 2017",
                '"Rock you in your face" will forever be the hardest line.',
            ],
        ),
        (
            '(parl.gc.ca) "We will be changing the entire national anthem," said Vecchio.',
            ["(parl.gc.ca)", '"We will be changing the entire national anthem," said Vecchio.'],
        ),
        (
            "She repeated that feat indoors in Prague in March of this year. jh/asz (SID, dpa)",
            ["She repeated that feat indoors in Prague in March of this year.", "jh/asz (SID, dpa)"],
        ),
    ],
)
def test_furniture_glued_to_a_sentence_is_cut_off(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Sentences the furniture cuts must leave whole.
        "He told The Associated Press that the photo was taken in 2016.",
        "CANNES, France (AP) — A man rushed onto the red carpet at the Cannes Film Festival on Friday.",
        "The Iditarod Trail Sled Dog Race — Alaska's “Last Great Race” — was reeling in the wake of an attack.",
        "Officials in Kansas City said the storm had passed.",
        "Kim Jong Un left Beijing on Wednesday after talks with Xi Jinping.",
    ],
)
def test_news_sentences_are_not_cut_as_furniture(text: str) -> None:
    assert sentences(text) == [text]


def test_a_name_that_holds_a_sentence_opener_is_not_a_subhead() -> None:
    # val-full250: "Youth With a Mission" is an organisation, not a subhead followed by "With a ...".
    text = "Bae, who had trained with missionary organization Youth With a Mission, ran a tour group."
    assert sentences(text) == [text]
    assert sentences("A mystery, and no answer in sight There was too much trauma.") == [
        "A mystery, and no answer in sight",
        "There was too much trauma.",
    ]


def test_a_sentence_case_headline_glued_to_the_first_sentence_is_cut_and_labelled():
    # val-full250: the headline of a Reno Gazette-Journal page runs into the article's first sentence.
    from newsfuse.clean import structural_labels
    from newsfuse.split import default_splitter
    from newsfuse.types import Article

    text = (
        "First days of recreational marijuana sales generate about $500,000 in taxes The first four days of "
        "legal recreational marijuana sales generated $3 million in sales revenue. Stores ran out of it by Friday."
    )
    article = Article("a", text)
    got = list(default_splitter().split(article, 0, 10))
    assert [s.text for s in got] == [
        "First days of recreational marijuana sales generate about $500,000 in taxes",
        "The first four days of legal recreational marijuana sales generated $3 million in sales revenue.",
        "Stores ran out of it by Friday.",
    ]
    assert all(text[s.start : s.end] == s.text for s in got)
    assert structural_labels([article], got) == {0: "headline"}
    # Only an article's opening: the same words later in a line are a sentence.
    later = "Stores ran out. " + text
    assert [s.text for s in default_splitter().split(Article("b", later), 0, 10)][1].startswith("First days")


def test_the_dash_after_an_agency_dateline_is_not_part_of_the_sentence():
    """From a Multi-News story on jogging (HealthDay): the lede must not open with the dateline's dash."""
    from newsfuse.split import default_splitter

    text = (
        "Just an hour or two a week confers life-extension benefits, researcher contends. "
        "(HealthDay)—A little jogging is good for your health, researchers say, but too much might not be."
    )
    sentences = default_splitter().split(Article("a", text), 0)
    assert sentences[-1].text == "A little jogging is good for your health, researchers say, but too much might not be."
    assert text[sentences[-1].start : sentences[-1].end] == sentences[-1].text
