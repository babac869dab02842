"""Cluster stage interface: articles arrive one by one; each joins a story or starts one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..types import Article


@dataclass(frozen=True)
class Assignment:
    """Where one article went: its story, and the stories it bridged into that story (merged away)."""

    story: int
    new: bool
    merged: tuple[int, ...] = ()
    score: float = 0.0


class StoryClusterer(Protocol):
    """Online story clustering: incremental, deterministic for the same input order."""

    def add(self, article: Article, *, story_id: int | None = None, when: float | None = None) -> Assignment:
        """Assign one article (``story_id`` forces the story, e.g. when replaying a store)."""
        ...

    def add_many(self, articles: Sequence[Article], *, when: Sequence[float | None] | None = None) -> list[Assignment]:
        """Assign articles in order (features are computed in one batch, which is faster)."""
        ...

    def story_of(self, story: int) -> int:
        """The story a (possibly merged-away) story id belongs to now."""
        ...


def final_labels(clusterer: StoryClusterer, assignments: Iterable[Assignment]) -> list[int]:
    """Each article's story after all merges, in input order."""
    return [clusterer.story_of(a.story) for a in assignments]
