"""Embed stage interface: texts in, one L2-normalised row vector per text out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from scipy import sparse


class Embedder(Protocol):
    """Maps texts to unit-length vectors; cosine similarity is then a dot product."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class SentenceEmbedder(Embedder, Protocol):
    """An embedder as the pipeline uses it: both views of a story's sentences in one call.

    ``views(texts)`` is ``(semantic, lexical)``: the embedder's dense unit vectors (None when the
    embedder is lexical itself) and unit-length TF-IDF rows (sparse) that keep names and numbers
    apart.  :class:`WithTfidf` gives any :class:`Embedder` this method.
    """

    def views(self, texts: Sequence[str]) -> tuple[np.ndarray | None, sparse.csr_matrix]: ...


class WithTfidf:
    """Any :class:`Embedder` as a :class:`SentenceEmbedder`: its vectors, and TF-IDF rows beside them.

    >>> from newsfuse.embed import TfidfEmbedder
    >>> semantic, lexical = WithTfidf(TfidfEmbedder()).views(["Kim left Beijing.", "Xi stayed."])
    >>> semantic.shape[0], lexical.shape[0]
    (2, 2)
    """

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.name = embedder.name

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.embedder.embed(texts)

    def views(self, texts: Sequence[str]) -> tuple[np.ndarray | None, sparse.csr_matrix]:
        from .tfidf import TfidfEmbedder

        return self.embedder.embed(texts), TfidfEmbedder().embed_sparse(texts)


def csr_dense_product(
    indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, n_columns: int, dense: np.ndarray
) -> np.ndarray:
    """``csr @ dense`` for the CSR arrays of an ``(len(indptr) - 1) x n_columns`` matrix, without building it.

    The same kernel as scipy's product (each row's entries summed in stored order), so the same
    floats; building the scipy matrix and its dispatch cost more than the product on a story's
    few dozen sentences.

    >>> csr_dense_product(np.array([0, 2, 3]), np.array([0, 2, 1]), np.array([1.0, 2.0, 3.0]), 3, np.eye(3)).tolist()
    [[1.0, 0.0, 2.0], [0.0, 3.0, 0.0]]
    """
    dense = np.ascontiguousarray(dense)
    n_rows, width = len(indptr) - 1, dense.shape[1]
    if _csr_matvecs is None:  # scipy moved its kernels: the public product
        return np.asarray(sparse.csr_matrix((data, indices, indptr), shape=(n_rows, n_columns)) @ dense)
    out = np.zeros((n_rows, width), dtype=np.result_type(data.dtype, dense.dtype))
    _csr_matvecs(n_rows, n_columns, width, indptr, indices, data, dense.ravel(), out.ravel())
    return out


def _kernel() -> Any:
    try:
        from scipy.sparse._sparsetools import csr_matvecs
    except ImportError:
        return None
    return csr_matvecs


_csr_matvecs = _kernel()


def l2_normalize(matrix: np.ndarray) -> np.ndarray:
    """Scale each row to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms == 0, 1.0, norms)).astype(np.float32, copy=False)
