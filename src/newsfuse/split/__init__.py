"""Split stage: articles into sentences with character offsets."""

from .base import Splitter
from .fast import FastSplitter
from .syntok_splitter import SyntokSplitter

__all__ = ["FastSplitter", "Splitter", "SyntokSplitter", "default_splitter"]


def default_splitter() -> Splitter:
    """FastSplitter: syntok's segmentation rules, reproduced span for span, about 8x faster, plus news rules.

    The news rules (:mod:`newsfuse.split.news`) keep titles with their names and datelines with
    their sentences, and cut glued sentences and bullets.
    """
    return FastSplitter()
