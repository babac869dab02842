"""Realize and order stages: a verbatim member speaks for each fact; facts read in source order."""

from __future__ import annotations

import numpy as np
import pytest

from newsfuse.inputs import read_articles
from newsfuse.order import PositionOrderer
from newsfuse.pipeline import Pipeline
from newsfuse.realize import BestMemberRealizer
from newsfuse.state import Fact, StoryState
from newsfuse.types import Article, Sentence

ARTICLES = [
    Article(
        "a",
        "A strong earthquake struck the coastal city of Valdora on Monday morning, killing at least twelve people.\n\n"
        "Rescue teams searched collapsed buildings in the old town of Valdora throughout the day.\n\n"
        "The mayor of Valdora said schools would remain closed for the rest of the week after the earthquake.\n\n"
        "The region around Valdora last suffered a major earthquake in 1987, when a harbour wall collapsed.",
        source="Daily Post",
    ),
    Article(
        "b",
        "At least twelve people were killed when a strong earthquake hit the coastal city of Valdora on Monday "
        "morning.\n\n"
        "Hospitals near Valdora asked residents to donate blood for the injured after the earthquake.\n\n"
        "The earthquake was felt as far away as the capital, witnesses said.",
        source="Wire One",
    ),
]


@pytest.fixture(scope="module", params=["small", "example"])
def analysed(request, example_dir):
    articles = ARTICLES if request.param == "small" else read_articles([example_dir])[0]
    return Pipeline().analyse(articles)


def test_best_member_is_a_member_of_each_fact(analysed):
    reps = BestMemberRealizer().realize(analysed)
    assert len(reps) == len(analysed.facts) > 0
    for fact, rep in zip(analysed.facts, reps, strict=True):
        assert rep in fact.members
        s = analysed.sentences[rep]
        assert analysed.articles[s.doc].text[s.start : s.end] == s.text


def hand_made(docs_words: list[tuple[int, int]], centrality: list[float], copies: dict[int, int] | None = None):
    n_docs = max(d for d, _ in docs_words) + 1
    sentences = [Sentence(d, k, 0, 1, " ".join(["word"] * n)) for k, (d, n) in enumerate(docs_words)]
    story = StoryState(
        articles=[Article(f"d{d}", "x") for d in range(n_docs)],
        sentences=sentences,
        rows=list(range(len(sentences))),
        centrality=np.array(centrality, dtype=np.float32),
        copies=copies or {},
    )
    story.facts = [Fact(tuple(range(len(sentences))), n_docs)]
    return story


def test_well_sized_member_preferred_over_slightly_more_central_fragment():
    # A 4-word fragment is a bit more central than a 15-word sentence: the sentence still speaks.
    assert BestMemberRealizer().realize(hand_made([(0, 4), (1, 15)], [0.55, 0.5])) == [1]
    # Much more central wins anyway.
    assert BestMemberRealizer().realize(hand_made([(0, 4), (1, 15)], [0.9, 0.5])) == [0]
    # Too long counts like too short.
    assert BestMemberRealizer().realize(hand_made([(0, 60), (1, 20)], [0.55, 0.5])) == [1]


def test_original_preferred_over_near_copy():
    # Article 1 copies article 0: even a more central copy does not speak for the fact.
    assert BestMemberRealizer().realize(hand_made([(0, 12), (1, 12)], [0.4, 0.8], copies={1: 0})) == [0]


# --- order ---------------------------------------------------------------------------------------------


def fact_with(story: StoryState, word: str) -> int:
    (f,) = [f for f, fact in enumerate(story.facts) if any(word in story.sentences[i].text for i in fact.members)]
    return f


def test_first_paragraph_fact_before_last_paragraph_fact():
    story = Pipeline().analyse(ARTICLES)
    first, middle, last = fact_with(story, "twelve"), fact_with(story, "schools"), fact_with(story, "1987")
    assert story.sentences[story.facts[last].members[0]].paragraph == 3
    orderer = PositionOrderer()
    assert orderer.order(story, [last, first]) == [first, last]
    assert orderer.order(story, [first, last]) == [first, last]
    assert orderer.order(story, [last, middle, first]) == [first, middle, last]
    assert orderer.order(story, []) == []


def test_order_uses_relative_position_then_article_order():
    # Article 0 has ten sentences, article 1 has two.
    sentences = [Sentence(0, k, 0, 1, f"s{k}") for k in range(10)] + [Sentence(1, k, 0, 1, f"t{k}") for k in range(2)]
    story = StoryState(articles=[Article("a", "x"), Article("b", "x")], sentences=sentences)
    story.facts = [
        Fact((11,), 1),  # article 1, position 1 of 2: relative 0.5
        Fact((4,), 1),  # article 0, position 4 of 10: relative 0.4
        Fact((10,), 1),  # article 1, position 0: relative 0.0
        Fact((0,), 1),  # article 0, position 0: relative 0.0, earlier article
        Fact((9, 10), 2),  # stated late in article 0 but first in article 1: relative 0.0
    ]
    assert PositionOrderer().order(story, [0, 1, 3]) == [3, 1, 0]
    # Article 1's second sentence follows its first directly: the run from one outlet stays together.
    assert PositionOrderer().order(story, [0, 1, 2, 3]) == [3, 2, 0, 1]
    assert PositionOrderer().order(story, [0, 1, 4])[0] == 4


def test_order_puts_the_lede_first():
    sentences = [Sentence(0, k, 0, 1, f"s{k}") for k in range(10)]
    story = StoryState(articles=[Article("a", "x")], sentences=sentences)
    story.facts = [Fact((k,), 1) for k in (0, 4, 8)]
    assert PositionOrderer().order(story, [0, 1, 2]) == [0, 1, 2]
    story.lede = 2
    assert PositionOrderer().order(story, [0, 1, 2]) == [2, 0, 1]


def test_summary_follows_the_orderer(example_dir):
    articles, _ = read_articles([example_dir])
    pipeline = Pipeline()
    story = pipeline.analyse(articles)
    summary = pipeline.summarize_analysis(story, 200)
    lengths = {}
    for s in story.sentences:
        lengths[s.doc] = max(lengths.get(s.doc, 0), s.position + 1)
    by_text = {}
    for fact in story.facts:
        rel = round(min(story.sentences[i].position / lengths[story.sentences[i].doc] for i in fact.members), 3)
        for i in fact.members:
            by_text.setdefault(story.sentences[i].text, rel)
    # The lede opens; after it, facts in the order the sources state them, except that a sentence
    # continuing, in its article, right where the one before it ends stays behind it.
    assert summary.sentences[0].text == story.sentences[story.wording[story.lede]].text
    followers = {
        k
        for k in range(1, len(summary.sentences))
        if summary.sentences[k].citations[0].source == summary.sentences[k - 1].citations[0].source
        and 0 < summary.sentences[k].citations[0].start - summary.sentences[k - 1].citations[0].end <= 2
    }
    rels = [by_text[s.text] for k, s in enumerate(summary.sentences) if k and k not in followers]
    assert len(rels) >= 3
    assert rels == sorted(rels)


def test_a_run_ending_in_the_lede_opens_the_summary():
    sentences = [Sentence(0, k, 0, 1, f"s{k}") for k in range(10)]
    story = StoryState(articles=[Article("a", "x")], sentences=sentences)
    story.facts = [Fact((k,), 1) for k in (0, 1, 2, 8)]
    story.lede = 1  # the article's second sentence; its first is chosen too
    assert PositionOrderer().order(story, [3, 1, 0, 2]) == [0, 1, 2, 3]


def test_a_story_told_over_weeks_goes_day_by_day():
    # Three articles, one per date; the lede is stated in the latest article.
    sentences = [Sentence(d, k, 0, 1, f"s{d}{k}") for d in range(3) for k in range(4)]
    dates = ["1998-12-19", "1998-12-02", "1998-12-28"]
    story = StoryState(articles=[Article(str(d), "x", published=dates[d]) for d in range(3)], sentences=sentences)
    story.facts = [Fact((0,), 1), Fact((4,), 1), Fact((8,), 1), Fact((1,), 1)]
    story.lede = 0
    # December 2 first; the lede leads its own day, and its article's next sentence follows it.
    assert PositionOrderer().order(story, [0, 1, 2, 3]) == [1, 0, 3, 2]
    # Within two days the order is by position, the lede first.
    story.articles = [Article(str(d), "x", published=f"1998-12-0{d + 1}") for d in range(3)]
    assert PositionOrderer().order(story, [0, 1, 2, 3]) == [0, 3, 1, 2]
    # An undated article among them: no calendar to order by.
    story.articles = [Article(str(d), "x", published=dates[d] if d else None) for d in range(3)]
    assert PositionOrderer().order(story, [0, 1, 2, 3]) == [0, 3, 1, 2]


def test_an_article_is_told_in_its_own_order():
    # DUC 2004 dev, Syria and Turkey: Israel's "for its part" (late in the Cairo article) shares a fact
    # with the Jerusalem article's opening, yet must not come before the Cairo article's own opening.
    cairo = [
        "Egyptian President Hosni Mubarak met here Sunday with Syrian President Hafez Assad to try to defuse "
        "growing tension between Syria and Turkey.",
        *(f"Filler sentence {k} of the Cairo article." for k in range(1, 9)),
        "Israel, for its part, said it does not want to become involved in any military confrontation between "
        "Syria and Turkey.",
    ]
    jerusalem = ["Israel stressed on Sunday it has no part in the escalating dispute between Syria and Turkey."]
    sentences = [Sentence(0, 0, 0, 1, jerusalem[0])] + [Sentence(1, k, 0, 1, t) for k, t in enumerate(cairo)]
    story = StoryState(articles=[Article("jerusalem", "x"), Article("cairo", "x")], sentences=sentences)
    israel, mubarak = 0, 1
    story.facts = [Fact((0, 10), 2), Fact((1,), 1)]
    story.wording = {israel: 10}  # worded by the Cairo article's "for its part" sentence
    assert PositionOrderer().order(story, [israel, mubarak]) == [mubarak, israel]
    # Worded by the Jerusalem article, the fact keeps its place: the articles differ.
    story.wording = {israel: 0}
    assert PositionOrderer().order(story, [israel, mubarak]) == [israel, mubarak]
    # The lede stays first even when its article tells another chosen fact before it.
    story.wording, story.lede = {israel: 10}, israel
    assert PositionOrderer().order(story, [mubarak, israel]) == [israel, mubarak]
