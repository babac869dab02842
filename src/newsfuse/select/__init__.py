"""Select stage: which facts make the summary."""

from .base import Selector, choose, fits
from .learned import LearnedSelector
from .mmr import MMRSelector, fact_features, greedy_mmr

__all__ = ["LearnedSelector", "MMRSelector", "Selector", "choose", "fact_features", "fits", "greedy_mmr"]
