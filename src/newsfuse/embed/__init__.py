"""Embed stage: sentence vectors. WordLlama by default, TF-IDF when it is not installed."""

from __future__ import annotations

from .base import Embedder, l2_normalize
from .tfidf import TfidfEmbedder
from .wordllama_embedder import WordLlamaEmbedder, import_wordllama


def default_embedder() -> Embedder:
    """WordLlama when its package imports, else TF-IDF."""
    try:
        import_wordllama()
    except ImportError:
        return TfidfEmbedder()
    return WordLlamaEmbedder()


def get_embedder(name: str) -> Embedder:
    """An embedder by name: ``wordllama``, ``tfidf`` or ``auto``."""
    from ..errors import NewsfuseError

    if name == "auto":
        return default_embedder()
    if name == "wordllama":
        try:
            import_wordllama()
        except ImportError:
            raise NewsfuseError("wordllama is not installed: pip install wordllama, or use --embedder tfidf") from None
        return WordLlamaEmbedder()
    if name == "tfidf":
        return TfidfEmbedder()
    raise NewsfuseError(f"unknown embedder {name!r}; choose wordllama, tfidf or auto")


__all__ = ["Embedder", "TfidfEmbedder", "WordLlamaEmbedder", "default_embedder", "get_embedder", "l2_normalize"]
