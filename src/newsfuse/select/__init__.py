"""Select stage: which facts make the summary."""

from .base import Selector, fits
from .mmr import MMRSelector, fact_features

__all__ = ["MMRSelector", "Selector", "fact_features", "fits"]
