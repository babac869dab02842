"""Always-available embedder: TF-IDF over the story's own sentences (scikit-learn)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse


def tfidf_from_counts(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """Unit-length TF-IDF rows from raw term counts (sublinear tf, smoothed idf, as scikit-learn does)."""
    counts = counts.tocsr()
    # Copies of the index arrays: the caller's counts stay as they are.
    return tfidf_rows(counts.data, counts.indices.copy(), counts.indptr.copy(), counts.shape[1])


def tfidf_rows(counts: np.ndarray, indices: np.ndarray, indptr: np.ndarray, n_columns: int) -> sparse.csr_matrix:
    """:func:`tfidf_from_counts` of the CSR arrays of a count matrix (the result takes ``indices`` and ``indptr``).

    >>> rows = tfidf_rows(np.array([1.0, 2.0, 1.0]), np.array([0, 1, 1]), np.array([0, 2, 3]), 2)
    >>> [[round(float(x), 2) for x in row] for row in rows.toarray()]
    [[0.64, 0.77], [0.0, 1.0]]
    """
    n = len(indptr) - 1
    df = np.bincount(indices, minlength=n_columns)
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    data = (1.0 + np.log(counts.astype(np.float32))) * idf[indices]
    # Row norms straight from the CSR arrays (no temporary sparse matrices: this runs once per story).
    nnz = np.diff(indptr)
    squares = np.zeros(n, dtype=np.float32)
    filled = nnz > 0
    squares[filled] = np.add.reduceat(data * data, indptr[:-1][filled])
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    data /= np.repeat(norms, nnz)
    return sparse.csr_matrix((data, indices, indptr), shape=(n, n_columns))


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

    def views(self, texts: Sequence[str]) -> tuple[None, sparse.csr_matrix]:
        """No semantic view: the lexical rows are this embedder's own vectors."""
        return None, self.embed_sparse(texts)

    def embed_sparse(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Unit-length TF-IDF rows as a sparse matrix (cheap cosine products on long stories)."""
        if not texts:
            return sparse.csr_matrix((0, 1), dtype=np.float32)
        # Imported here: scikit-learn costs ~0.6 s to import, and the default (WordLlama)
        # pipeline never needs it, so neither the CLI nor a Ray actor pays for it.
        from sklearn.feature_extraction.text import TfidfVectorizer

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
