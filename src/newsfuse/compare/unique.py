"""Unique contributions: what only one outlet reports, most important (central) first."""

from __future__ import annotations

import numpy as np

from ..state import StoryState
from .base import UniqueFact, span_of

# A sentence this close to one of another outlet's is the same fact worded apart, not an exclusive.
SAME_FACT_SIMILARITY = 0.6
MIN_WORDS = 6


def unique_facts(state: StoryState, *, per_source: int = 10) -> dict[str, list[UniqueFact]]:
    """For every source, its facts that no other outlet states, by importance (at most ``per_source``)."""
    if state.n_outlets < 2 or not state.rows:
        return {}
    rows = state.rows
    by_doc = [a.outlet for a in state.articles]
    outlet = np.array([by_doc[state.sentences[i].doc] for i in rows])
    out: dict[str, list[UniqueFact]] = {a.id: [] for a in state.articles}
    # Each row's highest similarity to a sentence of another outlet (-inf when no other outlet has one).
    other = outlet[:, None] != outlet[None, :]
    closest = np.where(other, np.asarray(state.similarity, dtype=float), -np.inf).max(axis=1)
    for r, i in enumerate(rows):
        fact = state.facts[state.fact_of_row[r]]
        if fact.support > 1 or state.sentences[i].n_words < MIN_WORDS:
            continue
        if closest[r] >= SAME_FACT_SIMILARITY:
            continue
        span = span_of(state, i)
        out[span.source].append(UniqueFact(span, float(state.centrality[r])))
    return {sid: sorted(facts, key=lambda f: -f.importance)[:per_source] for sid, facts in out.items() if facts}
