"""Story clustering of a bulk of articles on an engine: features in parallel, then the online assignment.

Clustering is online and stateful (each article is matched against the articles before it).  Its
stateless half always spreads out: the per-article features (word counts and the WordLlama vector,
the expensive part) are computed by the engine's workers, one clusterer (and embedder) per worker.
The assignment then runs over the precomputed features either

* in input order in this process, one clusterer for the whole stream (the default): the labels are
  the same as ``OnlineClusterer().add_many`` gives, on every engine; or
* with ``partition`` seconds, one clusterer per time window on the engine's workers, each replaying
  the ``overlap`` before its window, stitched in window order (:mod:`newsfuse.cluster.partition`):
  the same labels on every engine and any number of workers, and the labels of the single clusterer
  wherever a story does not go quiet for longer than ``overlap`` across a cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from ..engine import get_engine
from ..types import Article

# Articles per feature call: the chunking of OnlineClusterer.add_many, so the vectors are computed
# over exactly the same batches as locally.
CHUNK = 256


class ArticleFeatures:
    """Chunks of articles in, their clustering features out (one clusterer, hence one embedder, per worker)."""

    def __init__(self) -> None:
        from .online import OnlineClusterer

        self.clusterer = OnlineClusterer()

    def __call__(self, chunks: list[list[Article]]) -> list[list[Any]]:
        return [self.clusterer.features(chunk) for chunk in chunks]


class AssignPartitions:
    """Partitions in (their members' features and times), each partition's own story ids out."""

    def __call__(self, tasks: list[tuple[list[Any], list[float | None]]]) -> list[list[int]]:
        from .partition import assign_partition

        return [assign_partition(features, when) for features, when in tasks]


def cluster_articles(
    articles: Sequence[Article],
    *,
    when: Sequence[float | None] | None = None,
    engine: str = "local",
    workers: int | None = None,
    partition: float | None = None,
    overlap: float = 3 * 86400.0,
) -> list[int]:
    """Each article's final story id, in input order (``when``: publication times as epoch seconds).

    ``partition``: cluster time windows of that many seconds apart (in parallel), each replaying the
    ``overlap`` seconds before it; None: one clusterer over the whole stream.

    >>> from newsfuse.types import Article
    >>> arts = [Article("1", "Kim Jong Un arrived in Beijing by armoured train for talks with Xi Jinping."),
    ...         Article("2", "Floods swept through Houston after Hurricane Harvey made landfall in Texas."),
    ...         Article("3", "Xi Jinping welcomed Kim Jong Un in Beijing; the armoured train left on Wednesday.")]
    >>> cluster_articles(arts, workers=2)
    [1, 2, 1]
    >>> cluster_articles(arts, when=[0.0, 86400.0, 9 * 86400.0], partition=7 * 86400.0)  # stories quiet 3 days close
    [1, 2, 3]
    """
    from .base import final_labels
    from .online import OnlineClusterer
    from .partition import stitch, time_partitions

    times = list(when) if when is not None else [None] * len(articles)
    if len(times) != len(articles):
        raise ValueError(f"{len(times)} times for {len(articles)} articles")
    # Checked before any feature is computed: no times at all is the caller's error, said at once.
    parts = time_partitions(times, partition, overlap) if partition is not None else None
    chunks = [list(articles[i : i + CHUNK]) for i in range(0, len(articles), CHUNK)]
    with get_engine(engine, workers, batch_size=1) as runner:
        features = [f for fs in runner.map_items(partial(ArticleFeatures), chunks) for f in fs]
        if parts is not None:
            tasks = (([features[i] for i in p.members], [times[i] for i in p.members]) for p in parts)
            labels = list(runner.map_items(partial(AssignPartitions), tasks))
            return stitch(parts, labels, len(articles))
    clusterer = OnlineClusterer()
    assignments = [clusterer.add_features(f, when=t) for f, t in zip(features, times, strict=True)]
    return final_labels(clusterer, assignments)
