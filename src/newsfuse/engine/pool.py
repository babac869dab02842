"""The fork pool: an ordered map over worker processes, the only one in newsfuse (both engines' local half).

>>> list(ordered_parallel(abs, [-2, 3, -1], workers=1))
[2, 3, 1]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

# What a worker process keeps alive: its BLAS/OpenMP thread limit.
_WORKER: dict[str, Any] = {}


def _one_thread() -> None:
    """Worker processes use one BLAS/OpenMP thread each: more threads than cores slows everything."""
    from threadpoolctl import threadpool_limits

    _WORKER["threads"] = threadpool_limits(limits=1)


def _forked_pool(ctx: Any, workers: int) -> Any:
    """A pool of ``workers`` forked processes whose garbage collector leaves what they inherit alone.

    A forked child holds a copy of every object of this process, and its collector would run the
    finalizers of the garbage among them: a Ray ``ObjectRef``'s takes a lock of Ray's core worker that
    one of its threads may have held at the fork, and the child hangs for ever (seen in a benchmark
    that runs both engines in one process).  Garbage is collected here first, and what the children
    inherit is frozen (``gc.freeze``: never collected there; it also spares copy-on-write pages).
    """
    import gc

    gc.collect()
    gc.freeze()
    try:
        return ctx.Pool(workers, initializer=_one_thread)
    finally:
        gc.unfreeze()


def ordered_parallel(fn: Callable[[Any], Any], tasks: Iterable[Any], workers: int, window: int = 16) -> Iterator[Any]:
    """Map ``fn`` over ``tasks`` in ``workers`` processes, in order, with at most ``window`` in flight."""
    if workers <= 1:
        yield from map(fn, tasks)
        return
    import multiprocessing as mp
    from collections import deque

    with _forked_pool(mp.get_context("fork"), workers) as pool:
        pending: deque[Any] = deque()
        for task in tasks:
            pending.append(pool.apply_async(fn, (task,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
