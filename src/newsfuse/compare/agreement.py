"""Consensus: every aligned fact with the outlets behind it, most supported first."""

from __future__ import annotations

from ..state import StoryState
from .base import ConsensusFact, span_of


def _importance(analysis: StoryState) -> dict[int, float]:
    """Centrality of every candidate sentence (by sentence index)."""
    return {i: float(analysis.centrality[r]) for r, i in enumerate(analysis.rows) if r < len(analysis.centrality)}


def consensus(
    analysis: StoryState, min_support: int = 2, disputed: set[int] | frozenset[int] = frozenset()
) -> list[ConsensusFact]:
    """Facts stated by at least ``min_support`` outlets, by support then importance.

    Facts in ``disputed`` (indices into ``analysis.facts``: another outlet states them with a
    conflicting detail) are left out: a disputed fact is not agreed.
    """
    weight = _importance(analysis)
    out = []
    for f, fact in enumerate(analysis.facts):
        if fact.support < min_support or f in disputed:
            continue
        members = sorted(fact.members, key=lambda i: -weight.get(i, 0.0))
        spans = tuple(span_of(analysis, i) for i in members)
        outlets = tuple(dict.fromkeys(s.outlet for s in spans))
        out.append(ConsensusFact(spans[0].text, fact.support, outlets, spans, max(weight.get(i, 0.0) for i in members)))
    out.sort(key=lambda f: (-f.support, -f.importance))
    return out

