"""Order stage: reading order of the chosen facts."""

from .base import Orderer
from .position import PositionOrderer

__all__ = ["Orderer", "PositionOrderer"]
