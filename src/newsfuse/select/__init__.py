"""Select stage: which facts make the summary.

:data:`SELECTORS` names them: ``learned`` (the trained model, the default) and ``mmr`` (unsupervised).
"""

from ..registry import Registry
from .base import Selector, choose, eligible, fits
from .learned import LearnedSelector
from .mmr import MMRSelector, fact_features, greedy_mmr

SELECTORS: Registry[Selector] = Registry("selector", {"learned": LearnedSelector, "mmr": MMRSelector})

__all__ = [
    "SELECTORS",
    "LearnedSelector",
    "MMRSelector",
    "Selector",
    "choose",
    "eligible",
    "fact_features",
    "fits",
    "greedy_mmr",
]
