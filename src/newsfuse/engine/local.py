"""The local engine: the batch function in this process, or in N forked worker processes."""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..text.files import iter_lines
from .base import BatchFn, Factory, batched, check_paths
from .pool import ordered_parallel

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
    >>> list(LocalEngine(1).map_items(partial(_Double), [1, 2, 3]))
    [2, 4, 6]
    """

    def __init__(self, workers: int = 1, *, batch_size: int = 8) -> None:
        self.workers = workers
        self.batch_size = batch_size

    def map_lines(self, factory: Factory, paths: Sequence[str | Path]) -> Iterator[Any]:
        files = check_paths(paths)
        return self.map_items(factory, (line for p in files for line in iter_lines(p)))

    def map_items(self, factory: Factory, items: Iterable[Any]) -> Iterator[Any]:
        if self.workers <= 1:
            fn = factory()
            for batch in batched(items, self.batch_size):
                yield from fn(batch)
            return
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


class _Double:
    """A batch function for the examples: every item twice."""

    def __call__(self, batch: list[Any]) -> list[Any]:
        return [2 * x for x in batch]
