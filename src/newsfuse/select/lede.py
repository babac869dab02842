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
from ..units.names import Introductions


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
    Nor may it name someone by surname alone whom only its article mentions, after introducing him
    (:class:`~newsfuse.units.names.Introductions`): "Thompson said he has been looking into the
    department's contracting" cannot open a summary.

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
    sentences = story.sentences
    originals = {s.doc for s in sentences} - set(story.copies)
    if not originals:
        originals = {s.doc for s in sentences}
    fact_of = story.fact_of_row
    # One pass over the candidates: each one's rank in its article (candidate_ranks), the rows of the
    # originals' openings (columns, with their article) and the opening sentences that may word the lede.
    top_rows: list[int] = []
    column_doc: list[int] = []
    openers: list[tuple[int, int]] = []  # (sentence, row)
    per_doc: dict[int, int] = {}
    reach = max(top_ranks, lead_ranks)
    for r, i in enumerate(story.rows):
        d = sentences[i].doc
        k = per_doc.get(d, 0)
        per_doc[d] = k + 1
        if k < reach and d in originals:
            if k < top_ranks:
                top_rows.append(r)
                column_doc.append(d)
            if k < lead_ranks:
                openers.append((i, r))
    if not top_rows:
        return None
    # Candidate wordings: opening sentences of original articles, long enough, that read alone.
    leads, lead_rows = [], []
    introductions = Introductions.of(story)
    for i, r in openers:
        if (
            sentences[i].n_words >= min_words
            and story.unit(i) == (i, i)
            and not pronoun_before_name(sentences[i].text)
            and not introductions.needed(i, i)
        ):
            leads.append(i)
            lead_rows.append(r)
    if not leads:
        return None
    # hits[a, d]: lead sentence a is close to a sentence in the opening of the d-th article that has
    # opening rows (rows come article by article, so each article's columns are one run).
    close = story.similarity[np.ix_(lead_rows, top_rows)] >= threshold
    runs = [k for k in range(len(column_doc)) if k == 0 or column_doc[k] != column_doc[k - 1]]
    hits = np.logical_or.reduceat(close, runs, axis=1)
    centrality = story.centrality
    by_fact: dict[int, list[int]] = {}
    for a, r in enumerate(lead_rows):
        by_fact.setdefault(fact_of[r], []).append(a)
    best: tuple[float, float, int, int] | None = None  # votes, centrality, -fact, wording
    for f, members in by_fact.items():
        votes = float(hits[members].any(axis=0).sum())
        a = max(members, key=lambda a: float(centrality[lead_rows[a]]))
        key = (votes, float(centrality[lead_rows[a]]), -f, leads[a])
        if best is None or key > best:
            best = key
    if best is None:
        return None
    return -int(best[2]), int(best[3])
