"""Align stage interface: group candidate sentences of different articles into facts."""

from __future__ import annotations

from typing import Protocol

from ..analysis import Fact, StoryAnalysis


class Aligner(Protocol):
    """Returns facts covering every candidate row exactly once (singletons included)."""

    def align(self, story: StoryAnalysis) -> list[Fact]: ...
