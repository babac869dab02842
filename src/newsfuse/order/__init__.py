"""Order stage: reading order of the chosen facts."""

from .base import Orderer
from .position import PositionOrderer, told_over_days

__all__ = ["Orderer", "PositionOrderer", "told_over_days"]
