"""Always-available embedder: TF-IDF over the story's own sentences (scikit-learn)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .base import l2_normalize


class TfidfEmbedder:
    """Sparse lexical vectors fitted on the texts of one story, returned dense.

    Used when WordLlama is not installed, and as the lexical view next to it.

    >>> TfidfEmbedder().embed(["Kim left Beijing.", "Kim departed Beijing."]).shape[0]
    2
    """

    name = "tfidf"

    def __init__(self, max_features: int = 20000) -> None:
        self.max_features = max_features

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        vec = TfidfVectorizer(
            lowercase=True,
            sublinear_tf=True,
            stop_words="english",
            max_features=self.max_features,
            token_pattern=r"(?u)\b\w+\b",
        )
        try:
            matrix = vec.fit_transform(texts)
        except ValueError:  # only stop words / empty vocabulary
            return np.zeros((len(texts), 1), dtype=np.float32)
        return l2_normalize(matrix.toarray())
