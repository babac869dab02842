"""Story clustering in time partitions: one clusterer per time window, each replaying the days before it.

Online clustering is stateful (each article is matched against every article before it), so one
clusterer is one process: its memory and one CPU.  A longer stream is cut into windows of ``span``
seconds.  Each window gets a fresh clusterer that first *replays* the articles of the ``overlap``
seconds before the window (by default 3 days; up to the clusterer's own ``window``, 60 days, after
which a quiet story closes anyway) and then assigns the window's own articles.  The windows do not depend on each
other, so they run in parallel, on any engine.  *Stitching* then runs in window order: a story of a
window that holds a replayed article continues that article's story; one that holds replayed
articles of two earlier stories merges them (the older id stays, as the clusterer's own bridging
does); every other story gets a new id.  A story is therefore split only where it goes quiet for
longer than ``overlap`` across a cut, and a single window gives exactly the single clusterer's ids.

Times are epoch seconds.  An article without one takes, for partitioning only, the time of the
article before it in input order (at the start: of the first article that has one); the clusterer
still sees it as untimed.

>>> parts = time_partitions([0.0, 1.0, 7.0, None, 9.0], span=4.0, overlap=2.0)
>>> [(p.replay, p.own) for p in parts]
[((), (0, 1)), ((), (2, 3)), ((2, 3), (4,))]
>>> stitch(parts, [[1, 1], [1, 2], [1, 2, 1]], 5)
[1, 1, 2, 3, 2]
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InputError
from .online import Features, OnlineClusterer

DAY = 86400.0


@dataclass(frozen=True)
class Partition:
    """One time window: the articles it replays first and its own articles (indices into the stream).

    ``start`` is the window's first second; ``members`` (replay, then own) is the order its clusterer
    sees them in, each group in input order.
    """

    start: float
    replay: tuple[int, ...]
    own: tuple[int, ...]

    @property
    def members(self) -> tuple[int, ...]:
        return self.replay + self.own


def partition_times(when: Sequence[float | None]) -> list[float]:
    """The time each article is partitioned by: its own, else that of the article before it (or the first).

    >>> partition_times([None, 5.0, None, 2.0])
    [5.0, 5.0, 5.0, 2.0]
    """
    first = next((t for t in when if t is not None), None)
    if first is None:
        raise InputError(
            f"time partitions need publication times ('published'); none of the {len(when)} articles has one"
        )
    out: list[float] = []
    last = first
    for t in when:
        last = last if t is None else t
        out.append(last)
    return out


def time_partitions(when: Sequence[float | None], span: float, overlap: float = 3 * DAY) -> list[Partition]:
    """Cut a stream into windows of ``span`` seconds from its earliest time; each replays the ``overlap`` before it.

    Windows without articles of their own are left out.  ``overlap`` may exceed ``span`` (then a window
    replays several earlier ones); 0 cuts the stream with no replay.
    """
    if not (span > 0 and math.isfinite(span)):
        raise InputError("the partition span must be a positive duration, e.g. 1w or 30d")
    if not (overlap >= 0 and math.isfinite(overlap)):
        raise InputError("the partition overlap must be zero or a positive duration, e.g. 3d")
    if not when:
        return []
    times = partition_times(when)
    t0 = min(times)
    windows: dict[int, list[int]] = {}
    for i, t in enumerate(times):
        windows.setdefault(int((t - t0) // span), []).append(i)
    order = sorted(range(len(times)), key=times.__getitem__)
    ordered = [times[i] for i in order]
    parts = []
    for w in sorted(windows):
        start = t0 + w * span
        replay: tuple[int, ...] = ()
        if overlap and w:
            lo, hi = bisect_left(ordered, start - overlap), bisect_left(ordered, start)
            replay = tuple(sorted(order[lo:hi]))
        parts.append(Partition(start, replay, tuple(windows[w])))
    return parts


def assign_partition(features: Sequence[Features], when: Sequence[float | None], **options: float) -> list[int]:
    """One fresh clusterer's final story ids for ``features`` in order (no embedder: the vectors are given).

    ``options`` are :class:`OnlineClusterer` settings (``threshold``, ``window``, ...).
    """
    clusterer = OnlineClusterer(embedder=None, **options)
    assigned = [clusterer.add_features(f, when=t).story for f, t in zip(features, when, strict=True)]
    return [clusterer.story_of(s) for s in assigned]


def stitch(partitions: Sequence[Partition], labels: Sequence[Sequence[int]], n: int) -> list[int]:
    """Story ids for the whole stream of ``n`` articles from each partition's own ids (``labels[k]`` per member).

    The first partition keeps its ids; a later partition's story continues the story of a replayed
    article it holds (merging the stories of several, older id kept), or takes a new id above all
    ids so far.
    """
    out = [0] * n
    parent: dict[int, int] = {}

    def find(g: int) -> int:
        while parent.get(g, g) != g:
            parent[g] = parent.get(parent[g], parent[g])
            g = parent[g]
        return g

    top = 0
    for part, local in zip(partitions, labels, strict=True):
        if len(local) != len(part.members):
            raise ValueError(f"partition at {part.start}: {len(local)} labels for {len(part.members)} articles")
        local_of = dict(zip(part.members, local, strict=True))
        story: dict[int, int] = {}  # this partition's story -> its id in the whole stream
        for i in part.replay:
            g, s = find(out[i]), local_of[i]
            if s not in story:
                story[s] = g
            elif (h := find(story[s])) != g:
                keep, gone = min(g, h), max(g, h)
                parent[gone] = keep
                story[s] = keep
        offset = top
        for i in part.own:
            s = local_of[i]
            if s not in story:
                story[s] = offset + s
                top = max(top, story[s])
            out[i] = story[s]
    return [find(g) for g in out]
