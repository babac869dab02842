"""Select stage interface: facts under a word budget."""

from __future__ import annotations

from typing import Protocol

from ..analysis import StoryAnalysis


class Selector(Protocol):
    """Chooses facts (indices into ``story.facts``) whose representatives fit in ``words``.

    ``representatives[f]`` is the sentence index that would state fact ``f``.
    """

    def select(self, story: StoryAnalysis, representatives: list[int], words: int) -> list[int]: ...


def fits(used: int, n_words: int, budget: int) -> bool:
    """The one budget rule every method follows: whole sentences, total at most ``budget`` words."""
    return used + n_words <= budget
