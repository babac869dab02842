"""Select stage interface: facts under a word budget."""

from __future__ import annotations

from typing import Protocol

from ..analysis import StoryAnalysis


class Selector(Protocol):
    """Chooses facts (indices into ``story.facts``) whose representatives fit in ``words``.

    ``representatives[f]`` is the sentence index that would state fact ``f``.
    """

    def select(self, story: StoryAnalysis, representatives: list[int], words: int) -> list[int]: ...


def choose(
    selector: Selector, story: StoryAnalysis, representatives: list[int], words: int
) -> tuple[list[int], list[int]]:
    """The chosen facts and the sentence stating each: ``(facts, representatives)``.

    A selector with a ``choose`` method of that shape may also pick another member of a fact to word
    it (the learned selector does); any other selector keeps the realize stage's representatives.
    """
    own = getattr(selector, "choose", None)
    if own is not None:
        return own(story, representatives, words)
    return selector.select(story, representatives, words), representatives


def fits(used: int, n_words: int, budget: int) -> bool:
    """The one budget rule every method follows: whole sentences, total at most ``budget`` words."""
    return used + n_words <= budget
