"""Engines for batch work: ``local`` (processes on this machine) or ``ray`` (Ray Data, one machine or a cluster).

The same input gives the same output on every engine.  Ray is an optional
extra: ``pip install "newsfuse[ray]"``.

>>> from newsfuse.engine import summarize_lines
>>> import json, tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "two.src")
>>> _ = open(path, "w").write("Rain hit Paris on Monday. ||||| Rain hit Paris on Monday, officials said.\\n\\n")
>>> [json.loads(s)["words"] for s in summarize_lines(path, 30, embedder="tfidf")]
[5, 0]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path

from .base import ENGINES, INSTALL_RAY, Engine, EngineName, get_engine
from .tasks import ScoreStories, SummarizeLines

__all__ = [
    "ENGINES",
    "INSTALL_RAY",
    "Engine",
    "EngineName",
    "ScoreStories",
    "SummarizeLines",
    "get_engine",
    "summarize_lines",
    "write_summaries",
]


def summarize_lines(
    paths: str | Path | Sequence[str | Path],
    words: int = 120,
    *,
    engine: str = "local",
    workers: int | None = None,
    fmt: str = "jsonl",
    embedder: str = "auto",
) -> Iterator[str]:
    """Summarize every line of Multi-News file(s), one rendered summary per line, in input order.

    ``fmt="jsonl"`` yields one compact JSON object (with its newline) per story;
    ``engine="ray"`` runs on Ray Data with ``workers`` actors.
    """
    files = [paths] if isinstance(paths, str | Path) else list(paths)
    with get_engine(engine, workers) as runner:
        yield from runner.map_lines(partial(SummarizeLines, words, fmt, embedder), files)


def write_summaries(
    paths: str | Path | Sequence[str | Path],
    out_dir: str,
    words: int = 120,
    *,
    workers: int | None = None,
    fmt: str = "parquet",
    embedder: str = "auto",
) -> None:
    """Summarize every line of Multi-News file(s) on Ray; the workers write Parquet (or JSON lines) files.

    Rows: ``path``, ``line`` (0-based), ``story`` (the story's JSON, as ``--format jsonl`` prints it).
    For outputs too large to stream through one process; needs ``pip install "newsfuse[ray]"``.
    """
    from .base import require

    require("ray")
    from .ray_engine import RayEngine

    files = [paths] if isinstance(paths, str | Path) else list(paths)
    with RayEngine(workers) as runner:
        runner.write_lines(partial(SummarizeLines, words, "jsonl", embedder), files, str(out_dir), fmt=fmt)
