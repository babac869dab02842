"""Default orderer: where the sources state each fact, earliest first."""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis import StoryAnalysis


@dataclass(frozen=True)
class PositionOrderer:
    """Order facts by their earliest relative position in any source article.

    News is written top-down (what happened, then details, then background),
    so the relative position at which outlets state a fact is a good proxy for
    both importance and chronology.  Ties go to the article order.
    """

    def order(self, story: StoryAnalysis, chosen: list[int]) -> list[int]:
        lengths: dict[int, int] = {}
        for s in story.sentences:
            lengths[s.doc] = max(lengths.get(s.doc, 0), s.position + 1)

        def key(f: int) -> tuple[float, int, int]:
            members = story.facts[f].members
            rel = min(story.sentences[i].position / lengths[story.sentences[i].doc] for i in members)
            first = min(members)
            return (round(rel, 3), story.sentences[first].doc, story.sentences[first].position)

        return sorted(chosen, key=key)
