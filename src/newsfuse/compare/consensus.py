"""Consensus: every aligned fact with the outlets behind it, most supported first.

Also the summary filtered by support (``--min-support``): the pipeline's own selection, re-run at a
larger budget when the filter leaves room, keeping the most central facts that pass.
"""

from __future__ import annotations

from ..analysis import StoryAnalysis
from ..types import Story, count_words
from .base import ConsensusFact, span_of


def _importance(analysis: StoryAnalysis) -> dict[int, float]:
    """Centrality of every candidate sentence (by sentence index)."""
    return {i: float(analysis.centrality[r]) for r, i in enumerate(analysis.rows) if r < len(analysis.centrality)}


def consensus(
    analysis: StoryAnalysis, min_support: int = 2, disputed: set[int] | frozenset[int] = frozenset()
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


def summary_with_min_support(pipeline, analysis: StoryAnalysis, words: int, min_support: int) -> Story:
    """The summary restricted to facts stated by at least ``min_support`` outlets, within ``words``.

    The pipeline selects at growing budgets until the facts that pass fill ``words`` (or none are
    left); the most central of them are kept, in the pipeline's reading order.
    """
    story = pipeline.summarize_analysis(analysis, words)
    if min_support <= 1:
        return story
    weight = _importance(analysis)
    where = {(analysis.articles[s.doc].id, s.start): i for i, s in enumerate(analysis.sentences)}
    for factor in (2, 4, 8, 16):
        passing = [s for s in story.sentences if s.support >= min_support]
        if sum(count_words(s.text) for s in passing) >= words or len(story.sentences) >= len(analysis.facts):
            break
        story = pipeline.summarize_analysis(analysis, words * factor)
    passing = [s for s in story.sentences if s.support >= min_support]

    def rank(s):
        c = s.citations[0]
        return -weight.get(where.get((c.source, c.start), -1), 0.0)

    kept, used = set(), 0
    for s in sorted(passing, key=rank):
        n = count_words(s.text)
        if used + n <= words or not kept:
            kept.add(id(s))
            used += n
    sentences = [s for s in passing if id(s) in kept]
    warnings = list(story.warnings)
    if not sentences:
        warnings.append(f"no fact is stated by {min_support} or more outlets; lower --min-support")
    return Story(sources=story.sources, sentences=sentences, warnings=warnings, words=used if sentences else 0)
