"""Embed stage: sentence vectors. WordLlama by default, TF-IDF when it is not installed.

:data:`EMBEDDERS` names them (``auto``, ``wordllama``, ``tfidf``); :func:`get_embedder` makes one by name.
"""

from __future__ import annotations

from ..errors import NewsfuseError
from ..registry import Registry
from .base import Embedder, SentenceEmbedder, WithTfidf, l2_normalize
from .tfidf import TfidfEmbedder
from .wordllama_embedder import WordLlamaEmbedder, import_wordllama


def default_embedder() -> SentenceEmbedder:
    """WordLlama when its package imports, else TF-IDF."""
    try:
        import_wordllama()
    except ImportError:
        return TfidfEmbedder()
    return WordLlamaEmbedder()


def installed_wordllama() -> SentenceEmbedder:
    """WordLlama, or an error that says how to install it."""
    try:
        import_wordllama()
    except ImportError:
        raise NewsfuseError("wordllama is not installed: pip install wordllama, or use --embedder tfidf") from None
    return WordLlamaEmbedder()


EMBEDDERS: Registry[SentenceEmbedder] = Registry(
    "embedder", {"auto": default_embedder, "wordllama": installed_wordllama, "tfidf": TfidfEmbedder}
)


def get_embedder(name: str) -> SentenceEmbedder:
    """An embedder by name (:data:`EMBEDDERS`): ``auto``, ``wordllama`` or ``tfidf``.

    >>> get_embedder("tfidf").name
    'tfidf'
    """
    return EMBEDDERS.create(name)


__all__ = [
    "EMBEDDERS",
    "Embedder",
    "SentenceEmbedder",
    "TfidfEmbedder",
    "WithTfidf",
    "WordLlamaEmbedder",
    "default_embedder",
    "get_embedder",
    "installed_wordllama",
    "l2_normalize",
]
