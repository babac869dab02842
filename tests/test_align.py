"""Align stage: GreedyAligner groups cross-outlet statements of one fact, one sentence per article."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from newsfuse.align import GreedyAligner
from newsfuse.pipeline import Pipeline
from newsfuse.state import StoryState
from newsfuse.types import Article, Sentence

QUAKE = [
    Article(
        "a",
        "A strong earthquake struck the coastal city of Valdora on Monday morning, killing at least twelve people.\n\n"
        "Rescue teams searched collapsed buildings in the old town of Valdora throughout the day.\n\n"
        "The mayor of Valdora said schools would remain closed for the rest of the week after the earthquake.\n\n"
        "The region last suffered a major earthquake in 1987.",
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
    Article(
        "c",
        "A powerful earthquake struck Valdora on Monday morning and killed at least twelve people, officials said.\n\n"
        "Aftershocks from the earthquake continued into the evening, frightening Valdora residents who slept "
        "outdoors.\n\n"
        "Engineers will inspect the damaged harbour bridge in Valdora on Tuesday.",
        source="Evening Star",
    ),
]


def facts_with(story: StoryState, word: str):
    return [f for f in story.facts if any(word in story.sentences[i].text for i in f.members)]


@pytest.fixture(scope="module")
def quake():
    return Pipeline().analyse(QUAKE)


def test_fact_stated_by_three_outlets_has_support_three(quake):
    (fact,) = facts_with(quake, "twelve")
    assert fact.support == 3
    assert sorted(quake.sentences[i].doc for i in fact.members) == [0, 1, 2]
    assert all(quake.sentences[i].position == 0 for i in fact.members)


def test_unrelated_statements_stay_alone(quake):
    for word in ("Hospitals", "Engineers", "1987"):
        facts = facts_with(quake, word)
        assert len(facts) == 1 and len(facts[0].members) == 1 and facts[0].support == 1


def test_never_two_sentences_of_one_article_in_a_fact(quake):
    for fact in quake.facts:
        docs = [quake.sentences[i].doc for i in fact.members]
        assert len(docs) == len(set(docs))


def test_every_candidate_row_is_in_exactly_one_fact(quake):
    members = [i for f in quake.facts for i in f.members]
    assert len(members) == len(set(members))
    assert sorted(members) == sorted(quake.rows)
    assert not set(members) & set(quake.labels)
    assert len(quake.fact_of_row) == len(quake.rows)
    for r, i in enumerate(quake.rows):
        assert i in quake.facts[quake.fact_of_row[r]].members


def test_support_counts_distinct_outlets_not_articles():
    articles = [QUAKE[0], replace(QUAKE[1], source="Evening Star "), replace(QUAKE[2], source="evening star")]
    story = Pipeline().analyse(articles)
    (fact,) = facts_with(story, "twelve")
    assert len(fact.members) == 3
    assert fact.support == 2


def test_support_uses_url_host_when_source_is_missing():
    articles = [
        replace(QUAKE[0], source=None, url="https://www.wire.example/quake"),
        replace(QUAKE[1], source=None, url="https://wire.example/valdora"),
        replace(QUAKE[2], source=None, url=None),
    ]
    story = Pipeline().analyse(articles)
    (fact,) = facts_with(story, "twelve")
    assert len(fact.members) == 3
    assert fact.support == 2


# --- GreedyAligner on a hand-made similarity matrix ----------------------------------------------------


def hand_made(docs: list[int], similarity: list[list[float]]) -> StoryState:
    n_docs = max(docs) + 1
    articles = [Article(f"d{d}", "x", source=f"outlet{d}") for d in range(n_docs)]
    sentences = [Sentence(d, k, 0, 1, "x") for k, d in enumerate(docs)]
    return StoryState(
        articles=articles,
        sentences=sentences,
        rows=list(range(len(docs))),
        similarity=np.array(similarity, dtype=np.float32),
    )


def test_greedy_never_merges_two_sentences_of_one_article():
    # Sentences 0 and 1 are both from article 0; everything is very similar to everything.
    story = hand_made(
        [0, 0, 1, 2], [[1.0, 0.95, 0.9, 0.8], [0.95, 1.0, 0.85, 0.7], [0.9, 0.85, 1.0, 0.75], [0.8, 0.7, 0.75, 1.0]]
    )
    facts = GreedyAligner().align(story)
    assert [f.members for f in facts] == [(0, 2, 3), (1,)]
    assert [f.support for f in facts] == [3, 1]


def test_greedy_links_the_most_similar_pair_first():
    # Sentence 0 could join either sentence of article 1, but only one: the closer one wins.
    closer_second = hand_made([0, 1, 1], [[1.0, 0.6, 0.9], [0.6, 1.0, 0.2], [0.9, 0.2, 1.0]])
    assert [f.members for f in GreedyAligner().align(closer_second)] == [(0, 2), (1,)]
    closer_first = hand_made([0, 1, 1], [[1.0, 0.9, 0.6], [0.9, 1.0, 0.2], [0.6, 0.2, 1.0]])
    assert [f.members for f in GreedyAligner().align(closer_first)] == [(0, 1), (2,)]


def test_greedy_single_linkage_chains_across_articles():
    # 1-2 link first (0.9), then 0 joins through 2 (0.6) although 0 and 1 are far apart.
    story = hand_made([0, 1, 2, 2], [[1, 0.1, 0.6, 0.1], [0.1, 1, 0.9, 0.1], [0.6, 0.9, 1, 0.1], [0.1, 0.1, 0.1, 1]])
    assert [f.members for f in GreedyAligner().align(story)] == [(0, 1, 2), (3,)]


def test_greedy_threshold():
    story = hand_made([0, 1], [[1.0, 0.5], [0.5, 1.0]])
    assert [f.members for f in GreedyAligner(threshold=0.45).align(story)] == [(0, 1)]
    assert [f.members for f in GreedyAligner(threshold=0.55).align(story)] == [(0,), (1,)]


def test_greedy_single_and_no_rows():
    assert [f.members for f in GreedyAligner().align(hand_made([0], [[1.0]]))] == [(0,)]
    empty = StoryState(articles=[Article("a", "x")])
    assert GreedyAligner().align(empty) == []


def test_many_copies_align_through_each_sentences_closest_partners(example_dir):
    """Past max_pairs, each sentence links through its closest partners only: the same facts when few
    outlets share a sentence, and one fact for a sentence that sixty outlets repeat."""
    import newsfuse

    articles, _ = newsfuse.load_articles([example_dir])
    story = Pipeline().analyse(articles)
    assert GreedyAligner(max_pairs=0).align(story) == GreedyAligner().align(story)

    text = "The council approved the budget on Monday. Residents packed the hall to speak."
    many = [Article(f"a{i}", text, source=f"outlet{i}") for i in range(60)]
    story = Pipeline(aligner=GreedyAligner(max_pairs=100, max_partners=4)).analyse(many)
    assert sorted(f.support for f in story.facts) == [60, 60]
