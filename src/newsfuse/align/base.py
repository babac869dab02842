"""Align stage interface: group candidate sentences of different articles into facts."""

from __future__ import annotations

from typing import Protocol

from ..state import Fact, StoryState


class Aligner(Protocol):
    """Returns facts covering every candidate row exactly once (singletons included)."""

    def align(self, story: StoryState) -> list[Fact]: ...
