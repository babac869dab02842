"""Default embedder: WordLlama, whose weights ship inside its wheel (no download, no torch)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .base import l2_normalize


@lru_cache(maxsize=4)
def _load(dim: int) -> Any:
    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=dim)


class WordLlamaEmbedder:
    """Sentence vectors from WordLlama (static token embeddings, ~10k sentences/s on a core).

    >>> e = WordLlamaEmbedder()
    >>> e.embed(["Kim left Beijing.", "Kim departed Beijing."]).shape
    (2, 256)
    """

    name = "wordllama"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return l2_normalize(np.asarray(_load(self.dim).embed(list(texts), norm=True), dtype=np.float32))
