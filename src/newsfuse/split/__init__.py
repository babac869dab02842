"""Split stage: articles into sentences with character offsets."""

from .base import Splitter
from .fast import FastSplitter
from .syntok_splitter import SyntokSplitter

__all__ = ["FastSplitter", "Splitter", "SyntokSplitter", "default_splitter"]


def default_splitter() -> Splitter:
    """FastSplitter: syntok's segmentation rules, reproduced span for span, about 8x faster."""
    return FastSplitter()
