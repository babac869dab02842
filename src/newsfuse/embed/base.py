"""Embed stage interface: texts in, one L2-normalised row vector per text out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

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


def l2_normalize(matrix: np.ndarray) -> np.ndarray:
    """Scale each row to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms == 0, 1.0, norms)).astype(np.float32, copy=False)
