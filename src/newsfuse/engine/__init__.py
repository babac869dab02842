"""Engines for batch work: ``local`` (processes on this machine) or ``ray`` (Ray Data, one machine or many).

An engine maps a per-worker batch function over the lines of files or over items, in input order;
the same input gives the same output on every engine.  The batch functions live with the work
they do (``newsfuse.service.SummarizeLines``, ``newsfuse.evaluate.runner.ScoreStories``,
``newsfuse.cluster.parallel``, ``newsfuse.firehose.prepare``): this package knows none of them.
Ray is an optional extra: ``pip install "newsfuse[ray]"``.

>>> from functools import partial
>>> from newsfuse.engine.local import _Double
>>> with get_engine("local", 2) as engine:
...     list(engine.map_items(partial(_Double), range(5)))
[0, 2, 4, 6, 8]
"""

from __future__ import annotations

from .base import ENGINES, INSTALL_RAY, BatchFn, Engine, Factory, batched, check_paths, get_engine, require
from .pool import ordered_parallel

__all__ = [
    "ENGINES",
    "INSTALL_RAY",
    "BatchFn",
    "Engine",
    "Factory",
    "batched",
    "check_paths",
    "get_engine",
    "ordered_parallel",
    "require",
]
