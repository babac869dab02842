"""Select stage interface: facts under a word budget."""

from __future__ import annotations

from typing import Protocol

from ..state import StoryState


class Selector(Protocol):
    """Chooses facts (indices into ``story.facts``) whose representatives fit in ``words``.

    ``representatives[f]`` is the sentence index that would state fact ``f``.  Only facts that at
    least ``story.min_support`` outlets state are candidates (:func:`eligible`).  ``choose`` also
    says which sentence words each fact: the learned selector may pick another member of a fact
    than the realize stage did; a selector that keeps the realize stage's choice returns
    ``(self.select(...), representatives)``.
    """

    def select(self, story: StoryState, representatives: list[int], words: int) -> list[int]: ...

    def choose(
        self, story: StoryState, representatives: list[int], words: int
    ) -> tuple[list[int], list[int]]: ...


def choose(
    selector: Selector, story: StoryState, representatives: list[int], words: int
) -> tuple[list[int], list[int]]:
    """The chosen facts and the sentence stating each: ``(facts, representatives)`` (``selector.choose``).

    Facts below ``story.min_support`` never pass, even from a selector that ignores the constraint.
    """
    chosen, representatives = selector.choose(story, representatives, words)
    if story.min_support > 1:  # a selector that ignores the constraint still cannot break it
        chosen = [f for f in chosen if eligible(story, f)]
    return chosen, representatives


def eligible(story: StoryState, f: int) -> bool:
    """May fact ``f`` make the summary: at least ``story.min_support`` outlets state it?"""
    return story.facts[f].support >= story.min_support


def fits(used: int, n_words: int, budget: int) -> bool:
    """The one budget rule every method follows: whole sentences, total at most ``budget`` words."""
    return used + n_words <= budget
