"""What every engine offers: an ordered map of a per-worker batch function over lines or items.

A *factory* is a picklable zero-argument callable (usually ``functools.partial``
of a class) that builds the batch function once per worker — the Pipeline and
its embedder load once per worker process or Ray actor, not once per story.
The batch function takes a list of inputs and returns one result per input.
Results always come back in input order, whatever the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from ..errors import InputError
from ..registry import Registry
from ..text.files import check_lines_file

INSTALL_RAY = 'Ray is not installed; install it with: pip install "newsfuse[ray]"'

BatchFn = Callable[[list[Any]], list[Any]]
Factory = Callable[[], BatchFn]


class Engine(Protocol):
    """An ordered, batched map over the lines of files or over items held by the caller."""

    workers: int

    def map_lines(self, factory: Factory, paths: Sequence[str | Path]) -> Iterator[Any]:
        """One result per line of ``paths`` (files in order, lines in order; gzip too)."""
        ...

    def map_items(self, factory: Factory, items: Iterable[Any]) -> Iterator[Any]:
        """One result per item, in order."""
        ...

    def close(self) -> None:
        """Release what the engine started (worker processes, a local Ray)."""
        ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc: object) -> None: ...


def _local(workers: int | None, **options: Any) -> Engine:
    from .local import LocalEngine

    return LocalEngine(workers or 1, **options)


def _ray(workers: int | None, **options: Any) -> Engine:
    from .ray_engine import RayEngine

    return RayEngine(workers, **options)


ENGINES: Registry[Engine] = Registry("engine", {"local": _local, "ray": _ray})
# What an engine needs installed: (module to import, how to install it).
_NEEDS = {"ray": ("ray.data", INSTALL_RAY)}


def get_engine(name: str = "local", workers: int | None = None, **options: Any) -> Engine:
    """The engine called ``name`` in :data:`ENGINES`: ``local`` (this machine's processes) or ``ray`` (Ray Data).

    ``workers`` is the number of worker processes (local) or Ray actors; None
    means one process for ``local`` and every CPU of the Ray nodes for ``ray``.

    >>> engine = get_engine("local")
    >>> engine.workers
    1
    >>> get_engine("spark")
    Traceback (most recent call last):
    ...
    newsfuse.errors.InputError: unknown engine 'spark'; choose one of local, ray
    """
    if workers is not None and workers < 1:
        raise InputError("--workers must be at least 1")
    require(name)
    return ENGINES.create(name, workers, **options)


def require(name: str) -> None:
    """Raise an InputError that says how to install the engine ``name`` when it is missing.

    >>> require("local")
    """
    ENGINES.check(name)
    if name in _NEEDS:
        module, install = _NEEDS[name]
        try:
            __import__(module)
        except ImportError:
            raise InputError(install) from None


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of at most ``size`` consecutive items.

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def check_paths(paths: Sequence[str | Path]) -> list[str]:
    """The paths as strings, each checked to be a readable text file (URIs such as s3://... pass as they are).

    A missing file, a folder or a binary file is an InputError; so are inputs that are all empty
    (one empty part among several is fine: it holds no story to lose).
    """
    out = [str(p) for p in paths]
    if not out:
        raise InputError("no input files given")
    local = [s for s in out if "://" not in s]
    with_text = [check_lines_file(s) for s in local]
    if local and len(local) == len(out) and not any(with_text):
        raise InputError(f"{out[0]}: is empty" if len(out) == 1 else f"all {len(out)} inputs are empty")
    return out
