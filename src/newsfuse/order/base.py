"""Order stage interface: arrange the chosen facts into a readable sequence."""

from __future__ import annotations

from typing import Protocol

from ..state import StoryState


class Orderer(Protocol):
    """Returns the chosen fact indices in reading order."""

    def order(self, story: StoryState, chosen: list[int]) -> list[int]: ...
