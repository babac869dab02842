"""Split stage: articles into sentences with character offsets."""

from .base import Splitter
from .syntok_splitter import SyntokSplitter

__all__ = ["Splitter", "SyntokSplitter"]
