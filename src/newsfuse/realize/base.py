"""Realize stage interface: the sentence that will speak for each fact."""

from __future__ import annotations

from typing import Protocol

from ..state import StoryState


class Realizer(Protocol):
    """Returns, for every fact of ``story``, the index of the sentence that represents it."""

    def realize(self, story: StoryState) -> list[int]: ...
