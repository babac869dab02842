"""Consensus: every aligned fact with the outlets behind it, most supported first."""

from __future__ import annotations

from ..state import StoryState
from .base import ConsensusFact, span_of


def _importance(state: StoryState) -> dict[int, float]:
    """Centrality of every candidate sentence (by sentence index)."""
    return {i: float(state.centrality[r]) for r, i in enumerate(state.rows) if r < len(state.centrality)}


def consensus(
    state: StoryState, min_support: int = 2, disputed: set[int] | frozenset[int] = frozenset()
) -> list[ConsensusFact]:
    """Facts stated by at least ``min_support`` outlets, by support then importance.

    Facts in ``disputed`` (indices into ``state.facts``: another outlet states them with a
    conflicting detail) are left out: a disputed fact is not agreed.
    """
    weight = _importance(state)
    out = []
    for f, fact in enumerate(state.facts):
        if fact.support < min_support or f in disputed:
            continue
        members = sorted(fact.members, key=lambda i: -weight.get(i, 0.0))
        spans = tuple(span_of(state, i) for i in members)
        outlets = tuple(dict.fromkeys(s.outlet for s in spans))
        out.append(ConsensusFact(spans[0].text, fact.support, outlets, spans, max(weight.get(i, 0.0) for i in members)))
    out.sort(key=lambda f: (-f.support, -f.importance))
    return out
