"""Throughput of newsfuse next to its peer, sumy LexRank, in one run on the same Multi-News clusters.

What it measures (a report, nothing is asserted):

* **model / warm-up**: building the ``Pipeline`` and summarizing one cluster with each method (loads
  WordLlama, sumy's stemmer and stop words); reported on its own and kept out of the timings below.
* **single process**: both methods over every cluster in the main process, interleaved per cluster
  (newsfuse then LexRank on cluster 1, then cluster 2, ...), accumulating ``time.perf_counter``
  per method, so machine noise hits both alike.
* **W workers**: each method mapped over the clusters by a ``multiprocessing`` fork ``Pool`` of W
  workers (chunksize 4), wall time of the map per method, same pool size for both: the "on W cores"
  figure.  Workers are forked after the warm-up, so they inherit the loaded models; clusters are
  shared by fork too, and only small per-cluster stats travel back.  Each worker caps its BLAS/OpenMP
  threads (threadpoolctl) at ``--worker-threads``, by default CPUs // W: left at the libraries'
  default (one thread per CPU in every worker) the workers oversubscribe the cores, and on a 2-CPU
  machine newsfuse then ran no faster on 2 workers than in one process.
* **peak memory**: ``ru_maxrss`` of the main process, and the largest ``ru_maxrss`` a worker
  reported per method (RSS counts pages shared with the parent; ``RUSAGE_CHILDREN`` is shown too).
* **cold memos**: every timed pass gets a fresh ``Pipeline`` (models stay loaded), so per-pipeline
  memos (WordLlama's word -> token ids) start empty and warm up only over the clusters of that pass;
  the module-level per-text memos (``memos.py``) are cleared before every pass too, and before the
  pools fork, so no pass reads sentences a pass before it analysed.

Clusters/s are over the clusters read; the ratio is newsfuse clusters/s over LexRank clusters/s
(above 1: newsfuse is faster).  With ``--repeat N`` every timing is the best of N.  The main process
keeps the libraries' thread settings (shown in the header; set ``OPENBLAS_NUM_THREADS=1
OMP_NUM_THREADS=1`` for a strictly one-core single-process figure).  Run from the repository root:

    PYTHONPATH=src python3 benchmarks/speed.py --limit 100
    PYTHONPATH=src python3 benchmarks/speed.py --workers 2 --repeat 3 --json speed.json
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from memos import clear_text_memos
from newsfuse.evaluate.peers import lexrank
from newsfuse.inputs import iter_multinews
from newsfuse.pipeline import Pipeline
from newsfuse.types import Article

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews"
DEFAULT_SRC = DATA / "val-full250.src"
METHODS = ("newsfuse", "lexrank")

# Set in the parent before the pools fork, so workers share them without pickling.
_CLUSTERS: list[list[Article]] = []
_PIPELINE: Pipeline | None = None
_WORDS = 250
_LIMITS: Any = None  # the worker's threadpoolctl limits, kept alive for the worker's lifetime


def _run(method: str, articles: Sequence[Article], words: int) -> tuple[int, int]:
    """Summarize one cluster with ``method``; return (sentences, words) of the summary."""
    if method == "newsfuse":
        assert _PIPELINE is not None
        story = _PIPELINE.summarize(articles, words)
        return len(story.sentences), story.words
    sentences = lexrank(articles, words)
    return len(sentences), sum(len(s.split()) for s in sentences)


def _init_worker(threads: int) -> None:
    """Pool initializer: cap the BLAS/OpenMP threads of this worker (0 leaves the libraries' defaults)."""
    global _LIMITS
    if threads > 0:
        try:
            from threadpoolctl import threadpool_limits  # comes with scikit-learn
        except ImportError:
            return
        _LIMITS = threadpool_limits(limits=threads)


def _worker(task: tuple[str, int]) -> tuple[int, int, int]:
    """Pool task: one cluster by index; also the worker's own peak RSS in KiB."""
    method, k = task
    n_sentences, n_words = _run(method, _CLUSTERS[k], _WORDS)
    return n_sentences, n_words, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _mb(kib: int) -> float:
    """``ru_maxrss`` (KiB on Linux, bytes on macOS) in MB."""
    return kib / (1024 * 1024) if sys.platform == "darwin" else kib / 1024


def _blas_threads() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "unknown"
    info = threadpool_info()
    return ", ".join(f"{i['internal_api']}={i['num_threads']}" for i in info) or "none loaded"


def load(src: Path, limit: int | None) -> list[list[Article]]:
    clusters = []
    for k, articles in enumerate(iter_multinews(src)):
        if limit is not None and k >= limit:
            break
        clusters.append(articles)
    return clusters


def single_process(
    clusters: list[list[Article]], words: int
) -> tuple[dict[str, float], dict[str, list[int]], dict[str, float]]:
    """Both methods in this process, interleaved per cluster; wall and CPU seconds per method, output sizes.

    CPU seconds (``time.process_time``, all threads of this process) are far steadier than wall
    seconds on a machine shared with other jobs.
    """
    seconds = dict.fromkeys(METHODS, 0.0)
    cpu = dict.fromkeys(METHODS, 0.0)
    sizes: dict[str, list[int]] = {m: [0, 0] for m in METHODS}
    for articles in clusters:
        for method in METHODS:
            c0, t0 = time.process_time(), time.perf_counter()
            n_sentences, n_words = _run(method, articles, words)
            seconds[method] += time.perf_counter() - t0
            cpu[method] += time.process_time() - c0
            sizes[method][0] += n_sentences
            sizes[method][1] += n_words
    return seconds, sizes, cpu


def pooled(method: str, n: int, workers: int, threads: int) -> tuple[float, int]:
    """Wall seconds of mapping ``method`` over the clusters with a fork pool; max worker peak RSS (KiB)."""
    ctx = mp.get_context("fork")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(threads,)) as pool:
        pool.map(int, range(workers))  # the workers are up before the clock starts
        t0 = time.perf_counter()
        results = pool.map(_worker, [(method, k) for k in range(n)], chunksize=4)
        seconds = time.perf_counter() - t0
        pool.close()
        pool.join()
    return seconds, max((r[2] for r in results), default=0)


def main() -> int:
    global _PIPELINE, _WORDS
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC, help="Multi-News .src file (default: %(default)s)")
    ap.add_argument("--limit", type=int, default=None, help="first N clusters only (default: all)")
    ap.add_argument("--words", type=int, default=250, help="word budget per summary (default: %(default)s)")
    ap.add_argument("--workers", type=int, default=2, help="pool size for the multi-process run (default: 2)")
    ap.add_argument("--repeat", type=int, default=1, help="repeat every timing, keep the best (default: 1)")
    ap.add_argument(
        "--worker-threads",
        type=int,
        default=None,
        help="BLAS/OpenMP threads per pool worker; 0 keeps the libraries' default (default: CPUs // workers)",
    )
    ap.add_argument("--json", type=Path, default=None, help="also write the results as JSON here")
    args = ap.parse_args()
    if not args.src.is_file():
        print(f"speed: {args.src} not found (Multi-News data; pass --src)", file=sys.stderr)
        return 2
    if args.workers < 1 or args.repeat < 1 or args.words < 1:
        print("speed: --workers, --repeat and --words must be at least 1", file=sys.stderr)
        return 2
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    threads = max(1, cpus // args.workers) if args.worker_threads is None else max(0, args.worker_threads)

    t0 = time.perf_counter()
    clusters = load(args.src, args.limit)
    load_s = time.perf_counter() - t0
    if not clusters:
        print(f"speed: no clusters in {args.src}", file=sys.stderr)
        return 2
    n = len(clusters)
    _CLUSTERS[:] = clusters
    _WORDS = args.words

    t0 = time.perf_counter()
    _PIPELINE = Pipeline()
    _run("newsfuse", clusters[0], args.words)
    warm = {"newsfuse": time.perf_counter() - t0}
    t0 = time.perf_counter()
    _run("lexrank", clusters[0], args.words)
    warm["lexrank"] = time.perf_counter() - t0

    single: dict[str, list[float]] = {m: [] for m in METHODS}
    single_cpu: dict[str, list[float]] = {m: [] for m in METHODS}
    sizes: dict[str, list[int]] = {}
    for _ in range(args.repeat):
        # A fresh pipeline per pass: its word -> token-ids memo starts empty, as in a new process
        # (models stay loaded); memos only warm up within the pass, over the clusters it reads.
        _PIPELINE = Pipeline()
        clear_text_memos()
        seconds, sizes, cpu_seconds = single_process(clusters, args.words)
        for m in METHODS:
            single[m].append(seconds[m])
            single_cpu[m].append(cpu_seconds[m])
    main_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    multi: dict[str, list[float]] = {m: [] for m in METHODS}
    worker_rss = dict.fromkeys(METHODS, 0)
    for r in range(args.repeat):
        _PIPELINE = Pipeline()  # forked workers inherit an empty memo too
        for m in METHODS if r % 2 == 0 else METHODS[::-1]:
            clear_text_memos()
            seconds_m, rss = pooled(m, n, args.workers, threads)
            multi[m].append(seconds_m)
            worker_rss[m] = max(worker_rss[m], rss)
    children_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss

    rows = []
    for mode, times, procs in (("1 process", single, 1), (f"{args.workers} workers", multi, args.workers)):
        for m in METHODS:
            best = min(times[m])
            rows.append(
                {
                    "method": m,
                    "mode": mode,
                    "processes": procs,
                    "clusters": n,
                    "seconds": best,
                    "clusters_per_s": n / best if best > 0 else float("inf"),
                    "all_seconds": times[m],
                }
            )
    # Keyed by mode: with --workers 1 both modes have one process each.
    rate = {(r["method"], r["mode"]): r["clusters_per_s"] for r in rows}
    pool_mode = f"{args.workers} workers"
    ratio_single = rate[("newsfuse", "1 process")] / rate[("lexrank", "1 process")]
    ratio_multi = rate[("newsfuse", pool_mode)] / rate[("lexrank", pool_mode)]

    print(f"# newsfuse vs sumy LexRank: {n} clusters of {args.src.name}, {args.words} words, best of {args.repeat}")
    print(
        f"python {platform.python_version()}, {os.cpu_count()} CPUs ({cpus} usable); threads: main process "
        f"{_blas_threads()}; pool workers capped at {threads if threads else 'library default'}"
    )
    print(
        f"load {load_s:.2f} s; model/warm-up (1 cluster): newsfuse {warm['newsfuse']:.2f} s, "
        f"lexrank {warm['lexrank']:.2f} s (not in the timings)"
    )
    print()
    print("| method | mode | clusters | seconds | clusters/s |")
    print("|---|---|---:|---:|---:|")
    for r in rows:
        print(f"| {r['method']} | {r['mode']} | {r['clusters']} | {r['seconds']:.2f} | {r['clusters_per_s']:.2f} |")
    print()
    print(f"ratio newsfuse/LexRank, 1 process:     {ratio_single:.2f}x")
    cpu_ms = {m: 1000 * min(single_cpu[m]) / n for m in METHODS}
    ratio_cpu = cpu_ms["lexrank"] / cpu_ms["newsfuse"] if cpu_ms["newsfuse"] else float("inf")
    print(
        f"CPU time per cluster, 1 process: newsfuse {cpu_ms['newsfuse']:.2f} ms, lexrank {cpu_ms['lexrank']:.2f} ms "
        f"(ratio {ratio_cpu:.2f}x)"
    )
    print(f"ratio newsfuse/LexRank, {args.workers} workers:     {ratio_multi:.2f}x")
    print(
        f"peak RSS: main {_mb(main_rss):.0f} MB; workers newsfuse {_mb(worker_rss['newsfuse']):.0f} MB, "
        f"lexrank {_mb(worker_rss['lexrank']):.0f} MB (RUSAGE_CHILDREN max {_mb(children_rss):.0f} MB)"
    )
    output = {m: {"sentences": sizes[m][0] / n, "words": sizes[m][1] / n} for m in METHODS}
    print(
        f"mean output: newsfuse {output['newsfuse']['sentences']:.1f} sentences / "
        f"{output['newsfuse']['words']:.1f} words; lexrank {output['lexrank']['sentences']:.1f} / "
        f"{output['lexrank']['words']:.1f}"
    )

    if args.json:
        result: dict[str, Any] = {
            "src": str(args.src),
            "clusters": n,
            "words": args.words,
            "workers": args.workers,
            "repeat": args.repeat,
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "usable_cpus": cpus,
            "threads_main": _blas_threads(),
            "threads_per_worker": threads,
            "load_s": load_s,
            "warmup_s": warm,
            "rows": rows,
            "ratio_single": ratio_single,
            "cpu_ms_per_cluster": cpu_ms,
            "ratio_cpu": ratio_cpu,
            "ratio_workers": ratio_multi,
            "peak_rss_mb": {
                "main": _mb(main_rss),
                "workers": {m: _mb(v) for m, v in worker_rss.items()},
                "children": _mb(children_rss),
            },
            "mean_output": output,
        }
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
