"""Align stage: sentences of different outlets that state the same fact."""

from .base import Aligner
from .greedy import GreedyAligner

__all__ = ["Aligner", "GreedyAligner"]
