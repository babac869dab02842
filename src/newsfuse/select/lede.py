"""The lede: the fact most outlets open with, worded by a sentence that states it on its own.

A reader expects a news summary to start with what happened.  Outlets put that in their first
sentences, so the lede is the fact, among those some article opens with, whose statement is found
at the top of the most articles (a member of the fact there, or a sentence close to it); among
equals, the most central.  Its wording is the member that opens an article and reads alone (its
unit is the sentence itself), the most central such one.  (Preferring an article's very first
sentence among equals cost 0.3 ROUGE-2 recall on DUC 2004 dev and nothing on Multi-News.)
"""

from __future__ import annotations

import numpy as np

from ..state import StoryState
from ..units.context import pronoun_before_name
from .features import candidate_ranks


def lede_fact(
    story: StoryState,
    representatives: list[int],
    lead_ranks: int = 2,
    top_ranks: int = 3,
    threshold: float = 0.45,
    min_words: int = 8,
) -> tuple[int, int] | None:
    """``(fact, sentence)``: the lede fact and the sentence to word it, or None when no article has one.

    Candidates are facts with a member among the first ``lead_ranks`` candidate sentences of an
    original (not near-copy) article, of at least ``min_words`` words, that read alone and name
    who they are about before any "he" or "her" (:func:`~newsfuse.units.context.pronoun_before_name`).  Each
    scores one vote per original article whose first ``top_ranks`` candidates hold a member or a
    sentence at least ``threshold`` similar to one of its lead members; ties go to centrality.

    >>> from newsfuse.pipeline import Pipeline
    >>> from newsfuse.types import Article
    >>> story = Pipeline().analyse([
    ...     Article("a", "Kim Jong Un left Beijing on Wednesday after talks with Xi. Trade was discussed too."),
    ...     Article("b", "North Korea's Kim Jong Un left Beijing on Wednesday after meeting Xi. It was his 4th trip."),
    ... ])
    >>> f, i = lede_fact(story, [fact.members[0] for fact in story.facts])
    >>> story.sentences[i].position
    0
    """
    if not story.facts or not story.rows:
        return None
    rank = candidate_ranks(story)
    row_of = {i: r for r, i in enumerate(story.rows)}
    originals = {s.doc for s in story.sentences} - set(story.copies)
    if not originals:
        originals = {s.doc for s in story.sentences}
    fact_of = story.fact_of_row
    docs = sorted(originals)
    top_rows = [row_of[i] for i in story.rows if story.sentences[i].doc in originals and rank[i] < top_ranks]
    if not top_rows:
        return None
    # Candidate wordings: opening sentences of original articles, long enough, that read alone.
    leads = [
        i
        for i in story.rows
        if rank[i] < lead_ranks
        and story.sentences[i].doc in originals
        and story.sentences[i].n_words >= min_words
        and story.unit(i) == (i, i)
        and not pronoun_before_name(story.sentences[i].text)
    ]
    if not leads:
        return None
    lead_rows = [row_of[i] for i in leads]
    # hits[a, d]: lead sentence a is close to a sentence in the opening of article docs[d].
    close = story.similarity[np.ix_(lead_rows, top_rows)] >= threshold
    column_doc = np.searchsorted(docs, [story.sentences[story.rows[r]].doc for r in top_rows])
    hits = np.zeros((len(leads), len(docs)), dtype=bool)
    for d in range(len(docs)):
        hits[:, d] = close[:, column_doc == d].any(axis=1)
    by_fact: dict[int, list[int]] = {}
    for a, r in enumerate(lead_rows):
        by_fact.setdefault(fact_of[r], []).append(a)
    best: tuple[float, float, int, int] | None = None  # votes, centrality, -fact, wording
    for f, members in by_fact.items():
        votes = float(hits[members].any(axis=0).sum())
        wording = max((leads[a] for a in members), key=lambda i: float(story.centrality[row_of[i]]))
        key = (votes, float(story.centrality[row_of[wording]]), -f, wording)
        if best is None or key > best:
            best = key
    if best is None:
        return None
    return -int(best[2]), int(best[3])
