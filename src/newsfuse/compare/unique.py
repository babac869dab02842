"""Unique contributions: what only one outlet reports, most important (central) first."""

from __future__ import annotations

import numpy as np

from ..state import StoryState
from .base import UniqueFact, span_of

# A sentence this close to one of another outlet's is the same fact worded apart, not an exclusive.
SAME_FACT_SIMILARITY = 0.6
MIN_WORDS = 6


def unique_facts(analysis: StoryState, *, per_source: int = 10) -> dict[str, list[UniqueFact]]:
    """For every source, its facts that no other outlet states, by importance (at most ``per_source``)."""
    if analysis.n_outlets < 2 or not analysis.rows:
        return {}
    rows = analysis.rows
    outlet = np.array([analysis.articles[analysis.sentences[i].doc].outlet for i in rows])
    out: dict[str, list[UniqueFact]] = {a.id: [] for a in analysis.articles}
    for r, i in enumerate(rows):
        fact = analysis.facts[analysis.fact_of_row[r]]
        if fact.support > 1 or analysis.sentences[i].n_words < MIN_WORDS:
            continue
        others = outlet != outlet[r]
        if others.any() and float(analysis.similarity[r][others].max()) >= SAME_FACT_SIMILARITY:
            continue
        span = span_of(analysis, i)
        out[span.source].append(UniqueFact(span, float(analysis.centrality[r])))
    return {sid: sorted(facts, key=lambda f: -f.importance)[:per_source] for sid, facts in out.items() if facts}
