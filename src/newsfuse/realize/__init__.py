"""Realize stage: choose the sentence that states each fact."""

from .base import Realizer
from .best_member import BestMemberRealizer

__all__ = ["BestMemberRealizer", "Realizer"]
