"""Bulk story clustering on an engine: features in parallel, then the online assignment in order.

Clustering is online and stateful (each article is matched against the articles before it), so only
its stateless half spreads out: the per-article features (word counts and the WordLlama vector, the
expensive part) are computed by the engine's workers, one clusterer (and embedder) per worker; the
assignment then runs in input order in this process over the precomputed features, which is an
index lookup per article.  The labels are the same as ``OnlineClusterer().add_many`` gives, on every
engine.  docs/scaling.md says how larger streams partition (time windows with a stitched overlap).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from ..types import Article
from .base import get_engine

# Articles per feature call: the chunking of OnlineClusterer.add_many, so the vectors are computed
# over exactly the same batches as locally.
CHUNK = 256


class ArticleFeatures:
    """Chunks of articles in, their clustering features out (one clusterer, hence one embedder, per worker)."""

    def __init__(self) -> None:
        from ..cluster import OnlineClusterer

        self.clusterer = OnlineClusterer()

    def __call__(self, chunks: list[list[Article]]) -> list[list[Any]]:
        return [self.clusterer.features(chunk) for chunk in chunks]


def cluster_articles(
    articles: Sequence[Article],
    *,
    when: Sequence[float | None] | None = None,
    engine: str = "local",
    workers: int | None = None,
) -> list[int]:
    """Each article's final story id, in input order (``when``: publication times as epoch seconds).

    >>> from newsfuse.types import Article
    >>> arts = [Article("1", "Kim Jong Un arrived in Beijing by armoured train for talks with Xi Jinping."),
    ...         Article("2", "Floods swept through Houston after Hurricane Harvey made landfall in Texas."),
    ...         Article("3", "Xi Jinping welcomed Kim Jong Un in Beijing; the armoured train left on Wednesday.")]
    >>> cluster_articles(arts, workers=2)
    [1, 2, 1]
    """
    from ..cluster import OnlineClusterer, final_labels

    clusterer = OnlineClusterer()
    chunks = [list(articles[i : i + CHUNK]) for i in range(0, len(articles), CHUNK)]
    with get_engine(engine, workers, batch_size=1) as runner:
        features = [f for fs in runner.map_items(partial(ArticleFeatures), chunks) for f in fs]
    times = list(when) if when is not None else [None] * len(features)
    assignments = [clusterer.add_features(f, when=t) for f, t in zip(features, times, strict=True)]
    return final_labels(clusterer, assignments)
