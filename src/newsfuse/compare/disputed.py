"""Disputed summary sentences: facts that another outlet states with a conflicting detail.

The aligner keeps conflicting versions apart (each keeps its own support); this module finds, for
the facts a summary quotes, the versions of other outlets that conflict with them, so that the
summary can say "disputed" and cite them.  Work is small: only the summary's facts are compared,
and only with sentences similar enough to have been aligned with them.

>>> from newsfuse.pipeline import Pipeline
>>> from newsfuse.types import Article
>>> story = Pipeline().summarize([
...     Article("a", "Fifteen people were killed in the blast in the city centre on Monday.", source="A"),
...     Article("b", "Twelve people were killed in the blast in the city centre on Monday.", source="B"),
... ], words=40)
>>> [(d.kind, d.claim, [o.claim for o in d.others]) for d in story.sentences[0].disputed]
[('number', 'Fifteen', ['Twelve'])]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..state import StoryState
from ..types import Citation, Dispute, OtherVersion, SummarySentence
from .disagree import MAX_SENTENCE_CHARS, PAIR_SIMILARITY, compare_sentences
from .timeline import article_anchor


def _fact_citations(state: StoryState, f: int) -> tuple[Citation, ...]:
    out = []
    for i in state.facts[f].members:
        s = state.sentences[i]
        out.append(Citation(state.articles[s.doc].id, s.start, s.end))
    return tuple(out)


def fact_disputes(state: StoryState, f: int, *, min_similarity: float = PAIR_SIMILARITY) -> tuple[Dispute, ...]:
    """The conflicting versions of fact ``f`` that other outlets state (one :class:`Dispute` per kind and claim)."""
    if not state.rows or state.similarity is None or f >= len(state.facts):
        return ()
    return _fact_disputes(state, f, _Context(state), min_similarity)


class _Context:
    """What :func:`fact_disputes` reads of the story for every fact: built once per summary."""

    def __init__(self, state: StoryState) -> None:
        self.position = {i: r for r, i in enumerate(state.rows)}
        self.outlets = [a.outlet for a in state.articles]
        self.anchors = [article_anchor(a.published) for a in state.articles]


def _fact_disputes(state: StoryState, f: int, context: _Context, min_similarity: float) -> tuple[Dispute, ...]:
    position, outlets, anchors = context.position, context.outlets, context.anchors
    members = [i for i in state.facts[f].members if i in position]
    if not members:
        return ()
    fact_of_row = state.fact_of_row
    mine = {outlets[state.sentences[i].doc] for i in members}
    found: dict[tuple[str, str], dict[int, str]] = {}
    for i in members:
        si = state.sentences[i]
        if len(si.text) > MAX_SENTENCE_CHARS:
            continue
        close = np.nonzero(state.similarity[position[i]] >= min_similarity)[0]
        for r in close:
            j = state.rows[int(r)]
            sj = state.sentences[j]
            g = fact_of_row[int(r)] if int(r) < len(fact_of_row) else -1
            if g == f or g < 0 or outlets[sj.doc] in mine or len(sj.text) > MAX_SENTENCE_CHARS:
                continue
            for c in compare_sentences(si.text, sj.text, anchors[si.doc], anchors[sj.doc]):
                found.setdefault((c.kind, c.a_text), {}).setdefault(g, c.b_text)
    out = []
    for (kind, claim), others in found.items():
        versions = tuple(
            OtherVersion(other_claim, state.facts[g].support, _fact_citations(state, g))
            for g, other_claim in sorted(others.items(), key=lambda x: -state.facts[x[0]].support)
        )
        out.append(Dispute(kind, claim, versions))
    return tuple(out)


def mark_disputed(
    state: StoryState, sentences: Sequence[SummarySentence], facts: Sequence[int] | None = None
) -> list[SummarySentence]:
    """The summary sentences with ``disputed`` filled in from the other outlets' conflicting versions.

    ``facts``: the fact each sentence states, in order (the pipeline knows them; a sentence may be a
    unit whose first sentence is context, not the fact).  Without them, each sentence's fact is
    found from its first citation.
    """
    if state.n_outlets < 2:
        return list(sentences)
    if facts is None:
        where = {(state.articles[s.doc].id, s.start): i for i, s in enumerate(state.sentences)}
        fact_of = {i: f for f, fact in enumerate(state.facts) for i in fact.members}
        facts = [
            fact_of.get(where.get((s.citations[0].source, s.citations[0].start)), -1) if s.citations else -1
            for s in sentences
        ]
    out = []
    ready = bool(state.rows) and state.similarity is not None
    context = _Context(state) if ready else None
    for s, f in zip(sentences, facts, strict=True):
        disputes = (
            _fact_disputes(state, f, context, PAIR_SIMILARITY)
            if context is not None and f is not None and 0 <= f < len(state.facts)
            else ()
        )
        out.append(SummarySentence(s.text, s.support, s.citations, s.score, disputes) if disputes else s)
    return out
