"""The stateless half of each article's way into the store: word count, MinHash signature, clustering features.

Storing is stateful (an article is checked against every article stored before it, then joins or
starts a story), so it stays in the caller's process, in input order.  What each article needs
before that — its word count, its MinHash signature and its clustering features (word counts and the
WordLlama vector, the expensive part) — is computed by the engine's workers over the same chunks of
articles as the in-process ingest, so every engine stores the same articles in the same stories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..cluster import OnlineClusterer
from ..cluster.online import Features
from ..dedup import NearDuplicateIndex, Signature
from ..types import Article, count_words

MIN_WORDS = 20  # fewer words than this is a teaser or an error page, not an article


@dataclass
class Prepared:
    """What storing an article needs that depends on the article alone: its word count and, when it has
    enough words to be stored, its MinHash ``signature`` and clustering ``features``."""

    words: int
    signature: Signature | None = None
    features: Features | None = None


def prepare_articles(
    articles: Sequence[Article], clusterer: OnlineClusterer, index: NearDuplicateIndex
) -> list[Prepared]:
    """The stateless half of ingest for one chunk: word counts, signatures and features (in one batch).

    >>> arts = [Article("a", "Too short."), Article("b", "Rain flooded the old town of Bath on Monday. " * 3)]
    >>> [(p.words, p.features is not None) for p in prepare_articles(arts, OnlineClusterer(None), NearDuplicateIndex())]
    [(2, False), (27, True)]
    """
    counts = [count_words(a.text) for a in articles]
    kept = [a for a, n in zip(articles, counts, strict=True) if n >= MIN_WORDS]
    feats = iter(clusterer.features(kept))
    return [
        Prepared(n, index.signature(a.text), next(feats)) if n >= MIN_WORDS else Prepared(n)
        for a, n in zip(articles, counts, strict=True)
    ]




class PrepareArticles:
    """The engines' batch function for ingest: chunks of articles in, each article's :class:`Prepared` out.

    ``embedder``: the clusterer's embedder by name (None: words only); ``head_words``, ``embed_words``,
    ``num_perm`` and ``shingle`` as the caller's clusterer and dedup index, so the results equal theirs.

    >>> fn = PrepareArticles(embedder=None)
    >>> [[p.words for p in chunk] for chunk in fn([[Article("a", "Too short."), Article("b", "word " * 30)]])]
    [[2, 30]]
    """

    def __init__(
        self,
        embedder: str | None = "wordllama",
        head_words: int = 1000,
        num_perm: int = 128,
        shingle: int = 5,
        embed_words: int = 250,
    ) -> None:
        from ..embed import get_embedder

        self.clusterer = OnlineClusterer(
            get_embedder(embedder) if embedder else None, head_words=head_words, embed_words=embed_words, prior=None
        )
        self.index = NearDuplicateIndex(num_perm=num_perm, shingle=shingle)

    def __call__(self, chunks: list[list[Article]]) -> list[list[object]]:
        return [prepare_articles(chunk, self.clusterer, self.index) for chunk in chunks]
