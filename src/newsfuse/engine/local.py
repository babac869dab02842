"""The local engine: the batch function in this process, or in N forked worker processes."""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .base import BatchFn, Factory, batched, check_paths

# Batch functions built in a worker process, keyed by their pickled factory.
_LOADED: dict[bytes, BatchFn] = {}


def _run_batch(task: tuple[bytes, list[Any]]) -> list[Any]:
    key, batch = task
    fn = _LOADED.get(key)
    if fn is None:
        fn = _LOADED[key] = pickle.loads(key)()
    return fn(batch)


class LocalEngine:
    """Ordered map on this machine: in-process for one worker, a fork pool for more.

    >>> from functools import partial
    >>> from newsfuse.engine.tasks import SummarizeLines
    >>> line = "Rain hit Paris on Monday. ||||| Heavy rain hit Paris on Monday, officials said."
    >>> out = LocalEngine(1).map_items(partial(SummarizeLines, words=30, fmt="text", embedder="tfidf"), [line])
    >>> print(next(out).splitlines()[0])
    Heavy rain hit Paris on Monday, officials said. [1][2]
    """

    def __init__(self, workers: int = 1, *, batch_size: int = 8) -> None:
        self.workers = workers
        self.batch_size = batch_size

    def map_lines(self, factory: Factory, paths: Sequence[str | Path]) -> Iterator[Any]:
        from ..ingest import iter_lines

        files = check_paths(paths)
        return self.map_items(factory, (line for p in files for line in iter_lines(p)))

    def map_items(self, factory: Factory, items: Iterable[Any]) -> Iterator[Any]:
        if self.workers <= 1:
            fn = factory()
            for batch in batched(items, self.batch_size):
                yield from fn(batch)
            return
        from ..evaluate.runner import ordered_parallel

        key = pickle.dumps(factory)
        tasks = ((key, batch) for batch in batched(items, self.batch_size))
        for results in ordered_parallel(_run_batch, tasks, self.workers):
            yield from results

    def close(self) -> None:
        """Nothing to release: the pool ends with each map."""

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
