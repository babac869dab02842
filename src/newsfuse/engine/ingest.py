"""Bulk ingest on an engine: the stateless half of each article's way into the store, in parallel.

Storing is stateful (an article is checked against every article stored before it, then joins or
starts a story), so it stays in the caller's process, in input order.  What each article needs
before that — its word count, its MinHash signature and its clustering features (word counts and the
WordLlama vector, the expensive part) — is computed by the engine's workers over the same chunks of
articles as the in-process ingest, so every engine stores the same articles in the same stories.
"""

from __future__ import annotations

from ..types import Article


class PrepareArticles:
    """Chunks of articles in, each article's :class:`newsfuse.firehose.Prepared` out.

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
        from ..cluster import OnlineClusterer
        from ..dedup import NearDuplicateIndex
        from ..embed import get_embedder

        self.clusterer = OnlineClusterer(
            get_embedder(embedder) if embedder else None, head_words=head_words, embed_words=embed_words, prior=None
        )
        self.index = NearDuplicateIndex(num_perm=num_perm, shingle=shingle)

    def __call__(self, chunks: list[list[Article]]) -> list[list[object]]:
        from ..firehose import prepare_articles

        return [prepare_articles(chunk, self.clusterer, self.index) for chunk in chunks]
