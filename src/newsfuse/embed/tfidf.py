"""Always-available embedder: TF-IDF over the story's own sentences (scikit-learn)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer


def tfidf_from_counts(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """Unit-length TF-IDF rows from raw term counts (sublinear tf, smoothed idf, as scikit-learn does)."""
    counts = counts.tocsr().astype(np.float32)
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    tf = counts.copy()
    tf.data = (1.0 + np.log(tf.data)) * idf[tf.indices]
    norms = np.sqrt(np.asarray(tf.multiply(tf).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms).astype(np.float32) @ tf)


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
        return self.embed_sparse(texts).toarray().astype(np.float32)

    def embed_sparse(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Unit-length TF-IDF rows as a sparse matrix (cheap cosine products on long stories)."""
        if not texts:
            return sparse.csr_matrix((0, 1), dtype=np.float32)
        vec = TfidfVectorizer(
            lowercase=True,
            sublinear_tf=True,
            stop_words="english",
            max_features=self.max_features,
            token_pattern=r"(?u)\b\w+\b",
        )
        try:
            return vec.fit_transform(texts).astype(np.float32)  # rows are L2-normalised by default
        except ValueError:  # only stop words / empty vocabulary
            return sparse.csr_matrix((len(texts), 1), dtype=np.float32)
