"""The Ray engine: Ray Data reads the lines, a pool of actors runs the batch function, results stream back in order.

    read (one block per ``block_rows`` lines) -> map_batches(actor per worker) -> driver, in input order

The batch function is built once per actor (the Pipeline and its embedder load
once per worker, not once per story).  An actor that dies mid-batch (killed,
out of memory, node lost) is restarted and its batch retried
(``max_restarts``/``max_task_retries``), so the output stays complete.

Connects to ``RAY_ADDRESS`` when it is set (Ray already running on some nodes: ``ray start
--head`` on one node, ``ray start --address=HEAD:6379`` on the others), else
starts a local Ray with ``num_cpus=workers`` whose actors run at the caller's
priority (:func:`local_system_config`).
"""

from __future__ import annotations

import io
import logging
import math
import os
import pickle
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import ray
import ray.data
from ray.data.datasource import FileBasedDatasource

from .base import BatchFn, Factory, check_paths

# Stories per actor call: large enough that per-call overhead stays small (a val.src
# story takes ~2.5 ms: batches of 128 kept both actors busy from their first batch to
# the last on 5,000 stories, 1.62-1.67x local against 1.57x with 32).  BLOCK_ROWS only
# bounds the tables the read yields (its memory): Ray Data joins them and cuts the
# file's rows into blocks of its own (~1 MiB each), one actor task per block.  On 2
# vCPUs, 40-80 blocks for 5,000 stories (override_num_blocks) ran slower in every
# paired run (1.48-1.66x local against 1.65-1.76x for the default 12); 4-8 blocks
# gave 1.72-1.79x, within that noise: Ray Data's own block size stays.
BLOCK_ROWS = 256
BATCH_SIZE = 128


class LinesDatasource(FileBasedDatasource):
    """Lines of text files with their line number, split exactly as Python's text mode does.

    (``ray.data.read_text`` splits on every Unicode line break, U+2028 and U+0085
    too, which would shift the lines of a Multi-News file against the local engine.)
    Gzip is recognised from the ``.gz`` suffix.
    """

    def __init__(self, paths: list[str], *, block_rows: int = BLOCK_ROWS, **kwargs: Any) -> None:
        super().__init__(paths, **kwargs)
        self.block_rows = block_rows

    def _read_stream(self, f: pa.NativeFile, path: str) -> Iterator[pa.Table]:
        text = f.readall().decode("utf-8", errors="replace")
        numbers: list[int] = []
        lines: list[str] = []
        for k, line in enumerate(io.StringIO(text, newline=None)):
            numbers.append(k)
            lines.append(line.rstrip("\n"))
            if len(lines) >= self.block_rows:
                yield pa.table({"line": numbers, "text": lines})
                numbers, lines = [], []
        if lines:
            yield pa.table({"line": numbers, "text": lines})


class _Batches:
    """The Ray Data callable class: builds the batch function once per actor.

    Results go out pickled in column ``out`` (for the driver), or with ``text_column`` as text in
    that column next to the input's ``path``/``line`` columns (for files written by the workers).
    """

    def __init__(self, factory: Factory, column: str, text_column: str | None = None) -> None:
        from threadpoolctl import threadpool_limits

        # One BLAS/OpenMP thread per actor: an actor is one CPU.  The tokenizer's Rust
        # pool (rayon) reads its size once, at its first parallel call: set it before
        # the pipeline loads, else each actor runs one thread per core of the node.
        self._threads = threadpool_limits(limits=1)
        os.environ.setdefault("RAYON_NUM_THREADS", "1")
        self.column = column
        self.text_column = text_column
        self.fn: BatchFn = factory()

    def __call__(self, batch: pa.Table) -> pa.Table:
        values = batch.column(self.column).to_pylist()
        if self.column == "item":
            values = [pickle.loads(v) for v in values]
        results = self.fn(values)
        if self.text_column is None:
            return pa.table({"out": pa.array([pickle.dumps(r) for r in results], pa.binary())})
        keep = {c: batch.column(c) for c in ("path", "line") if c in batch.column_names}
        return pa.table({**keep, self.text_column: pa.array([str(r).rstrip("\n") for r in results], pa.string())})


def local_system_config() -> dict[str, Any]:
    """Ray settings for a local Ray that newsfuse starts itself.

    Ray runs its worker processes at niceness 15 (``worker_niceness``), below every
    ordinary process: the actors, which do all of the job's work, then yield a CPU to
    anything else that wants it, and two actors next to one busy process ran slower
    than the local engine's single process (0.77x; docs/scaling.md).  They run at the
    caller's own priority instead, as the local engine's work does.  A
    ``RAY_worker_niceness`` in the environment is the user's choice and wins.
    """
    if "RAY_worker_niceness" in os.environ:
        return {}
    return {"worker_niceness": 0}


class _DropNotice(logging.Filter):
    """Drops log records whose message starts with ``prefix``."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.prefix)


# Ray enables token authentication on every local Ray it starts, and says so with a
# WARNING on each run: news for nobody running newsfuse (its other warnings, e.g. that
# authentication is *disabled*, still show).
_TOKEN_NOTICE = ("ray._private.authentication.authentication_token_setup", "Token authentication is enabled")


def connect(workers: int | None = None) -> bool:
    """Join the Ray at ``RAY_ADDRESS``, else start a local one; True when this call started it."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if ray.is_initialized():
        return False
    address = os.environ.get("RAY_ADDRESS")
    if address:
        ray.init(address=address, logging_level=logging.WARNING)
    else:
        notice = logging.getLogger(_TOKEN_NOTICE[0])
        quiet = _DropNotice(_TOKEN_NOTICE[1])
        notice.addFilter(quiet)
        try:
            ray.init(
                num_cpus=workers or os.cpu_count() or 1,
                include_dashboard=False,
                logging_level=logging.WARNING,
                _system_config=local_system_config(),
            )
        finally:
            notice.removeFilter(quiet)
    return True


class RayEngine:
    """Ordered map on Ray Data with a pool of ``workers`` actors (None: one per CPU of the Ray nodes).

    >>> from functools import partial
    >>> from newsfuse.engine.local import _Double
    >>> with RayEngine(1) as engine:  # doctest: +SKIP
    ...     print(list(engine.map_items(partial(_Double), [1, 2, 3])))
    [2, 4, 6]
    """

    def __init__(
        self,
        workers: int | None = None,
        *,
        batch_size: int = BATCH_SIZE,
        block_rows: int = BLOCK_ROWS,
        blocks: int | None = None,
        tasks_per_actor: int | None = None,
        progress: bool = False,
    ) -> None:
        """``blocks`` splits a file's lines into that many actor tasks (None: Ray Data's own ~1 MiB
        blocks); ``tasks_per_actor`` bounds the tasks queued on one actor (None: Ray Data's default).
        Both are for tuning; outputs are the same whatever they are."""
        self._started = connect(workers)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.workers = workers or max(1, cpus)
        self.batch_size = batch_size
        self.block_rows = block_rows
        self.blocks = blocks
        self.tasks_per_actor = tasks_per_actor
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True  # results in input order, as the local engine
        ctx.enable_progress_bars = progress
        ctx.print_on_execution_start = progress
        logging.getLogger("ray.data").setLevel(logging.INFO if progress else logging.WARNING)
        # "Progress bars disabled" is what we asked for, not news for the user.
        logging.getLogger("ray.data._internal.progress").setLevel(logging.INFO if progress else logging.ERROR)

    def map_lines(self, factory: Factory, paths: Sequence[str | Path]) -> Iterator[Any]:
        source = LinesDatasource(check_paths(paths), block_rows=self.block_rows)
        return self._run(self._read(source), factory, "text")

    def map_items(self, factory: Factory, items: Iterable[Any]) -> Iterator[Any]:
        rows = [{"item": pickle.dumps(item)} for item in items]
        if not rows:
            return iter(())
        # At least a few blocks per actor: items (eval stories) may each take long.
        blocks = max(math.ceil(len(rows) / self.block_rows), min(len(rows), 4 * self.workers))
        ds = ray.data.from_items(rows, override_num_blocks=blocks)
        return self._run(ds, factory, "item")

    def write_lines(
        self,
        factory: Factory,
        paths: Sequence[str | Path],
        out_dir: str,
        *,
        fmt: str = "parquet",
        column: str = "story",
    ) -> None:
        """Run ``factory``'s function over every line and let the workers write the results to ``out_dir``.

        Nothing passes through the driver: for outputs larger than one machine should stream.  Rows
        are ``path`` (input file), ``line`` (0-based line number) and ``column`` (the result as text,
        e.g. a story's JSON); ``fmt`` is ``parquet`` or ``json`` (JSON lines).  ``out_dir`` may be a
        shared path or a URI (s3://...) that every node can write.
        """
        if fmt not in ("parquet", "json"):
            raise ValueError(f"unknown output format {fmt!r}; choose parquet or json")
        source = LinesDatasource(check_paths(paths), block_rows=self.block_rows, include_paths=True)
        ds = self._stage(self._read(source), factory, "text", text_column=column)
        if fmt == "parquet":
            ds.write_parquet(out_dir)
        else:
            ds.write_json(out_dir)

    def _read(self, source: LinesDatasource) -> ray.data.Dataset:
        # The read is I/O: it takes no CPU slot, so it never waits behind the actors.
        blocks = {} if self.blocks is None else {"override_num_blocks": self.blocks}
        return ray.data.read_datasource(source, num_cpus=0, **blocks)

    def _run(self, ds: ray.data.Dataset, factory: Factory, column: str) -> Iterator[Any]:
        for batch in self._stage(ds, factory, column).iter_batches(batch_size=None, batch_format="pyarrow"):
            for value in batch.column("out").to_pylist():
                yield pickle.loads(value)

    def _stage(
        self, ds: ray.data.Dataset, factory: Factory, column: str, text_column: str | None = None
    ) -> ray.data.Dataset:
        return ds.map_batches(
            _Batches,
            fn_constructor_args=(factory, column, text_column),
            batch_size=self.batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=self.workers, max_tasks_in_flight_per_actor=self.tasks_per_actor),
            num_cpus=1,
            # Ray Data's actor pools default to max_restarts=-1 and max_task_retries=-1:
            # a dead actor is restarted and its batch retried (tests/test_engine_ray.py kills one).
        )

    def close(self) -> None:
        """Shut down the local Ray this engine started (a Ray it joined stays up)."""
        if self._started and ray.is_initialized():
            ray.shutdown()
        self._started = False

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
