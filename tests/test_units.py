"""Context units: sentences that lean on their neighbours are stated with them, citations stay exact."""

from __future__ import annotations

from itertools import islice

import pytest

from newsfuse.inputs import iter_lines, parse_multinews_line
from newsfuse.pipeline import Pipeline
from newsfuse.types import Article
from newsfuse.units import ContextUnits, needs_next, needs_previous, opener_signal


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("He said the talks would resume next week.", "pronoun"),
        ("Their plan was rejected on Monday.", "pronoun"),
        ("But the company denied the report.", "connective"),
        ("However, officials did not confirm it.", "connective"),
        ("In addition, two more stores will close.", "connective"),
        ("The move angered lawmakers in both parties.", "back-reference"),
        ("The two men were arrested at the border.", "back-reference"),
        ("The latest attack killed 12 people.", "back-reference"),
        ("and then the storm moved north.", "lower-case start"),
        ('"We will not back down," she said.', "unnamed speaker"),
        # DUC 2004, Livingston's resignation: "declared" attributes as "said" does.
        ("``We are here to debate impeachment and should not be distracted,'' he declared.", "unnamed speaker"),
        ("Half were then fed some cake.", "pronoun"),
        # Multi-News, Ireland's drug law: who "he" is was in the sentence before.
        ("Speaking to reporters at Leinster House on Tuesday, he confirmed the ban.", "pronoun subject"),
        # Multi-News val-full250: a case, a group and an experiment named before (105, 145, 93), what came before
        # (61), a person named in a list's heading or earlier (199, 110, 27).
        ("In this case, the finders and the government would split ownership.", "connective"),
        ("In that age group, 32.1 percent of people live in their parents' house.", "connective"),
        ("In each one, babies aged 6 months or 12 months were taught how to remove mittens.", "connective"),
        ("With that, Keurig’s CEO did what he had to do.", "connective"),
        ("At least, that’s how most of us think it works.", "connective"),
        (
            "The Oscar winner's line of $7 panties and $18 bras went on sale at Target stores last year.",
            "back-reference",
        ),
        ('The actress, who starred in two "Fantastic Four" movies, told CNBC the company grew.', "back-reference"),
        ("The 32-year-old was visiting the Paris area to attend a training course.", "back-reference"),
        ("The married father-of-two worked for London Underground.", "back-reference"),
        # A part of a group named before (158, 215, 109).
        ("One of those buildings is the town church, which opened in 1912.", "back-reference"),
        ("Quite a few of those pills don't end up being used to treat ADHD, though.", "back-reference"),
        ("All three — a male and two females — live on the Ol Pejeta Conservancy in Kenya.", "back-reference"),
        # Multi-News, the Harding family: "Except" answers the article's "Ten kids." before it.
        (
            "Except seven of those ten children all went to college by the age of twelve (so far!), and the "
            "youngest three are well on their way to joining them.",
            "connective",
        ),
        # Multi-News, the UConn arrests: one line of a list whose name is the line before.
        ("Charged with eight counts of permitting a minor to illegally possess alcohol.", "fragment"),
        ("Directed by Clint Eastwood.", "fragment"),
        # Multi-News, millennials at home, and DUC 2004: the end of the sentence before.
        ("At least when it comes to housing.", "fragment"),
        ("Because they genuinely hate the president.", "fragment"),
        # Multi-News, THAAD in South Korea: later than what?
        (
            "Just days later, the U.S. military announced that part of a controversial missile defense system "
            "arrived at Osan Air Base in South Korea.",
            "relative time",
        ),
        # DUC 2004, the Mideast clashes.
        ("A day earlier, 27 Palestinians and three Israeli soldiers were injured in similar clashes.", "relative time"),
    ],
)
def test_dependent_openings(text, reason):
    assert needs_previous(text, previous="Officials met on Monday.") == reason


@pytest.mark.parametrize(
    "text",
    [
        "Kim Jong Un left Beijing on Wednesday after a two-day visit.",
        "The White House said the president would travel to Ohio.",
        "The Senate voted 52-48 to confirm the nominee.",
        # Multi-News val-full250, the Good Country Index: "latest" with what it is of describes in full.
        "The latest edition of the Good Country Index has crowned Sweden as the world’s best country while the "
        "United States languishes down in 21st place.",
        "iPhone sales rose 8 percent in the quarter, Apple said.",
        '"We will not back down," Governor Andrew Cuomo said.',
        "Police said the driver was not hurt.",
        # A role or an age before a name is no back-reference (DUC 2004 dev, Pinochet's arrest).
        "The 82-year-old Pinochet was arrested Friday at a Spanish magistrate's request.",
        "The Oscar winner Jim Broadbent is tipped to play her husband Denis.",
        "In 2016, Balin underwent open-heart surgery.",
        "At least 10 people died in the blast, police said.",
        # "those" defined by what follows it (DUC 2004 dev, food aid in North Korea).
        "Most of those receiving WFP aid are children aged between 6 months and 6 years.",
        # Multi-News val: a participle opening whose subject follows (no comma, so only the length tells).
        "Located in the Karakum desert of central Turkmenistan, a little over 150 miles from the country's "
        "capital the pit attracts hundreds of tourists a year.",
        # Multi-News, MH370: the time names its own anchor.
        "Shortly after the plane vanished, attention turned to whether Captain Shah had deliberately crashed it.",
    ],
)
def test_standalone_sentences(text):
    assert needs_previous(text, previous="Officials met on Monday.") is None


def test_a_list_introduction_is_stated_with_what_follows():
    # Multi-News val-full250 199 and 181: a list's colon, an item's semicolon.
    assert needs_next("Here are some celebs that are cashing in on their star power:", 0) == "introduces what follows"
    item = "Bryce Dallas Howard as Melanie, a young cooking student with a fearful dark place inside;"
    assert needs_next(item, 0) == "introduces what follows"
    assert needs_previous("Richard Kind as a man mourning his wife.", previous=item) == "goes on from a list"
    # Story 19: a sentence that announces the list of tweets after it.
    assert (
        needs_next("Here's a sampling of times Trump took credit for the market's rise.", 0)
        == "introduces what follows"
    )
    assert needs_next("Kim left Beijing on Wednesday.", 0) is None


def test_a_list_whose_items_lost_their_headings_is_not_stated(data_dir):
    # Story 199: each item's heading (a name) is cleaned away, so the colon's sentence has nothing to go on with.
    line = next(islice(iter_lines(data_dir / "val-full250.src"), 199, None))
    summary = Pipeline().summarize(parse_multinews_line(line), 250)
    assert summary.sentences
    assert not any(s.text.rstrip().endswith(":") for s in summary.sentences)


def test_questions_and_open_quotes_need_what_follows():
    assert needs_next("Do you know what Obama coffee is?", 0) == "asks a question"
    assert needs_previous('"Black and weak," Mozes tweeted.', previous="Do you know what Obama coffee is?")
    assert needs_next('She told the court: "I was not there.', 1) == "quote continues"
    assert needs_next("Kim left Beijing.", 0) is None
    assert opener_signal("The Associated Press reported it.") is None


def test_question_and_answer_are_one_unit_in_the_summary():
    # From a real story (the example): the joke needs both halves, from the same outlet.
    joke = (
        "President Obama met Dutch Prime Minister Mark Rutte at the White House on Tuesday. "
        "Rutte's spokesman later posted a picture of the two leaders drinking coffee. "
        "Do you know what Obama coffee is? "
        '"Black and weak," Dutch comedian Arjen Lubach tweeted after the meeting.'
    )
    other = "Dutch Prime Minister Mark Rutte met President Obama at the White House on Tuesday to talk trade."
    story = Pipeline().summarize([Article("a", joke), Article("b", other)], words=200)
    texts = [s.text for s in story.sentences]
    question = next(t for t in texts if "Obama coffee" in t or "Black and weak" in t)
    assert "Do you know what Obama coffee is?" in question and "Black and weak" in question


def test_units_cite_the_exact_span_and_never_start_cut(data_dir):
    pipeline = Pipeline()
    signals = ContextUnits()
    multi = 0
    for line in islice(iter_lines(data_dir / "val-full250.src"), 12):
        articles = parse_multinews_line(line)
        analysis = pipeline.analyse(articles)
        story = pipeline.summarize_analysis(analysis, 250)
        back, forward = signals.signals(analysis)
        by_id = {a.id: a for a in story.sources}
        spans = []
        for s in story.sentences:
            quoted = s.citations[0]
            assert by_id[quoted.source].text[quoted.start : quoted.end] == s.text
            doc = next(d for d, a in enumerate(analysis.articles) if a.id == quoted.source)
            first = next(i for i, x in enumerate(analysis.sentences) if x.doc == doc and x.start == quoted.start)
            last = next(i for i, x in enumerate(analysis.sentences) if x.doc == doc and x.end == quoted.end)
            spans.append((first, last))
            multi += last > first
        for k, (first, last) in enumerate(spans):
            # A unit that leans on the sentence before it follows the summary unit ending there.
            assert back[first] is None or (k and spans[k - 1][1] == first - 1), story.sentences[k].text
            assert forward[last] is None or (k + 1 < len(spans) and spans[k + 1][0] == last + 1)
    assert multi  # real stories do hold sentences that need their neighbours


def test_the_summary_opens_with_the_lede(example_dir):
    from newsfuse.inputs import read_articles

    articles, _ = read_articles([example_dir])
    pipeline = Pipeline()
    analysis = pipeline.analyse(articles)
    story = pipeline.summarize_analysis(analysis, 80)
    from newsfuse.select.features import candidate_ranks

    i = analysis.wording[analysis.lede]
    assert story.sentences[0].text == analysis.sentences[i].text
    assert candidate_ranks(analysis)[i] < 2  # an article's opening statement (past its headline lines)


def test_units_off_keeps_single_sentences(example_dir):
    from newsfuse.inputs import read_articles

    articles, _ = read_articles([example_dir])
    story = Pipeline(units=None, lede=False).summarize(articles, 200)
    by_id = {a.id: a for a in story.sources}
    for s in story.sentences:
        c = s.citations[0]
        assert by_id[c.source].text[c.start : c.end] == s.text


def test_connective_phrases_are_tried_after_their_first_words():
    """The phrase pattern runs only after a word of _PHRASE_STARTS: every phrase must start with one."""
    import re

    from newsfuse.units.context import _CONNECTIVE_PHRASES, _PHRASE_STARTS

    body = _CONNECTIVE_PHRASES.pattern.removeprefix("(?:").rsplit(")", 1)[0]
    depth, parts, current = 0, [], ""
    for ch in body:  # split on the top-level alternatives only
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    firsts = {re.match(r"[a-z]+", p).group(0) for p in parts}
    assert firsts <= _PHRASE_STARTS


def test_a_quote_whose_opening_was_lost_is_never_stated_alone():
    """From a Multi-News Oscars story: the page kept only the end of PwC's quote, so no unit has a speaker."""
    text = (
        "The presenters had mistakenly been given the wrong category envelope and when discovered, was "
        "immediately corrected. We are currently investigating how this could have happened, and deeply "
        "regret that this occurred.\u201d"
    )
    story = Pipeline().analyse([Article("a", text)])
    assert needs_previous(story.sentences[1].text) == "quote opened out of reach"
    assert ContextUnits().unit(story, 1) is None
    assert needs_previous('Crews laid a 6" pipe.') is None  # inches, not a quote


def test_said_inside_a_whole_quote_names_no_speaker():
    """From a Multi-News story on Ireland's drug law: "told" is the speaker's own word."""
    text = (
        "Leo Varadkar, however, said the sale, supply and import of the drugs is still illegal. "
        "\"I'm told it's dozens, but I can't say for certain.\" Varadkar is to rush legislation through the Dail."
    )
    story = Pipeline().analyse([Article("a", text)])
    assert needs_previous(story.sentences[1].text) == "quote without a speaker"
    assert ContextUnits().unit(story, 1) == (0, 1)


def test_interjections_and_brackets_that_lean_on_the_sentence_before():
    """From a Multi-News story on Lenovo's Horizon table PC."""
    assert needs_previous("Oh, and also a full Windows 8 all-in-one computer.") == "lower-case start"
    assert needs_previous("No, really, that's what it's called.)") == "lower-case start"
    assert needs_previous("that's what it's called.)") == "lower-case start"
    assert needs_previous("Lenovo calls it a table PC.)")  # closes a parenthesis it did not open
    assert needs_next("It weighs 17 pounds (about eight kilos.", 0) == "parenthesis continues"
    assert needs_previous("No one was hurt.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # val-full250: a columnist's aside and an embedded tweet, each after the sentence that sets it up.
        ("I’d have put the McRib among the iconic untouchables except McDonald’s just messed with it.", "first person"),
        (
            "I just gave the maximum allowed donation to Jennifer Lewis, a democrat running for my father's seat.",
            "first person",
        ),
        ("We can't waste his brains in the Senate.", "first person"),
        ("My father was a farmer.", "first person"),
        # Quoted, the speaker is named by the attribution; initials and names are no pronouns.
        ("“I did not for a minute think this was going to happen,” Bowen said.", None),
        ("I.B.M. shares rose 3 percent on Monday.", None),
        ("Us Weekly reported the split on Monday.", None),
        ("My Chemical Romance announced a reunion tour.", None),
        ("I-95 was closed for hours.", None),
        ("IT spending rose 3 percent.", None),  # an acronym, not "it"
    ],
)
def test_a_first_person_opening_needs_the_sentence_that_says_who_speaks(text, expected):
    assert needs_previous(text, previous="The Big Mac and Quarter Pounder don’t change.") == expected


# Multi-News, Carl Paladino's primary win: the page cut the blog post off mid-sentence.
PALADINO = (
    "I wrote about a pair of candidates running in Tuesday's primaries who would represent a potentially "
    "significant sacrifice of electability for ideological purity. "
    "I did not write about a third northeastern candidate, a Buffalo businessman named Carl Paladino. "
    "Mr. Paladino, who is running for governor in New York, has a testy relationship with the Republican "
    "establishment, which tried to prevent him from appearing on the ballot. "
    "Like Ms. O'Donnell and Mr. Lamontagne, however, he has the support of most Tea Party groups – and he has "
    "substantially improved his position"
)


def test_an_article_cut_mid_sentence_never_states_its_last_words():
    story = Pipeline().analyse([Article("nyt", PALADINO)])
    last = len(story.sentences) - 1
    assert story.sentences[last].text.endswith("improved his position")
    assert ContextUnits().unit(story, last) is None
    assert ContextUnits().unit(story, last - 1) == (last - 1, last - 1)
    summary = Pipeline().summarize([Article("nyt", PALADINO)], words=250)
    assert summary.sentences and not any("improved his position" in s.text for s in summary.sentences)
    # Finished, the same article states it; so does a two-sentence text with no final stop (a headline-like note).
    whole = Pipeline().analyse([Article("nyt", PALADINO + " in the polls.")])
    assert ContextUnits().unit(whole, len(whole.sentences) - 1) is not None
    short = Pipeline().analyse([Article("n", "Rain hit Paris on Monday. Flights were cancelled at both airports")])
    assert ContextUnits().unit(short, 1) == (1, 1)
    # Multi-News, Comey's letter: an ellipsis in brackets marks the cut even in the second sentence.
    reid = "Harry Reid said Comey may have violated a federal law. Mr. Reid was preparing to send a [ … ]"
    cut = Pipeline().analyse([Article("n", reid)])
    assert ContextUnits().unit(cut, 1) is None and ContextUnits().unit(cut, 0) == (0, 0)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Mr. Reid was preparing to send a [ … ]", True),  # Multi-News, Comey's letter
        ("Chuck Lefever, owner of Esquin, has issued the following", True),
        ("Produced nearly 4,000 years ago, the dagger was decorated with 140,000 tiny studs...", True),
        ('"It\'s delicious," she said.', False),
        ("Or what's left of it, anyway.", False),
        ("Who cares?", False),
        ("The court ruled on Friday. (Reuters)", False),
    ],
)
def test_cut_off_endings(text, cut):
    from newsfuse.units.context import cut_off

    assert cut_off(text) is cut
