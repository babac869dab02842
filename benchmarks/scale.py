"""Scale-out throughput: `--engine ray --workers W` against `--engine local` in one process.

What it measures (a report, nothing is asserted; the same code path as ``newsfuse summarize
--input-format multinews --format jsonl``: an engine's ``map_lines`` over ``SummarizeLines``, the
batch function wrapped in a clock that logs every call's start, end, stories and thread CPU):

* **local, 1 process**: every story summarized in this process, BLAS/OpenMP capped at one thread
  (one core, like one Ray actor).
* **Ray start-up**: ``ray.init(num_cpus=max(W))`` on its own (a cluster pays it once, not per job).
* **ray, W actors**: one Ray Data run per W in ``--ray-workers``: read -> map_batches on an actor pool
  of W (each actor loads the Pipeline once, one BLAS thread) -> results streamed back in input order.
  ``run s`` is the whole run without ``ray.init``.
* **throughput, start-up apart** (the issue's figure): the *steady* rate is the stories over the busy
  window, from the first batch's start to the last batch's end in any worker.  What comes before the
  window is the run's start-up (Ray: actor processes, imports, model load, scheduling, the read;
  local: the model load), reported as ``before 1st batch s``.  The window still holds everything that
  competes with the workers while they run (the driver, Ray's own processes) and the uneven finish
  of the last batches.  The *actors' own* rate sums each worker's stories over its own first-to-last
  batch span: the rate a long job converges to, where workers starting or finishing apart no longer
  count.  ``CPU ms per story`` is the workers' thread CPU inside their batches.
* **marginal rate** (the older estimate, kept for comparison): each mode also runs on the first
  ``--probe`` stories (``--probe 0``: no probe runs); (N - probe) / (run s - probe run s).  A
  difference of two run times, so the noisiest figure here.
* **interleaved repetitions** (the default): Ray starts first, then the modes take turns in every
  repetition (order reversed each time), and each Ray turn is set against the local run of its own
  repetition; the medians of these per-repetition ratios are the figures to quote, since the
  machine's speed drifts between repetitions (other tenants, a fresh VM settling).  Ray's idle
  processes share the machine with the local runs.  ``--sequential``: the older layout (local runs,
  then Ray, then local again; best-of per mode, ratios against the faster local figure).
* every run's output is hashed: all modes must print the same digest (same input -> same output).
* ``--ray-variant BLOCKS:TASKS`` (repeatable) adds a Ray mode with the file cut into BLOCKS actor tasks
  and at most TASKS queued on each actor (``RayEngine(blocks=, tasks_per_actor=)``; 0 keeps Ray Data's
  own), to see whether finer, more dynamic dispatch evens out the actors' finish on a given node.
* ``--busy N`` keeps N other CPU-bound processes running throughout, at normal priority: a machine
  with other work on it.  The header says at which niceness Ray's workers ran (0, the caller's, unless
  ``RAY_worker_niceness`` is set: ``RAY_worker_niceness=15`` reproduces Ray's own default).

Projected cost per million articles = CPUs reserved × the whole run's seconds (start-up included,
``ray.init`` not), scaled to 10^6 articles, times ``--usd-per-cpu-hour`` (an assumption you set;
default 0.04 USD, roughly one on-demand x86 vCPU-hour of a compute-optimised cloud instance).  The
machine's load average is printed before and after: on a shared machine, other people's work lands
in these timings.

    PYTHONPATH=src python3 benchmarks/scale.py --limit 500
    OPENBLAS_NUM_THREADS=1 RAYON_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/scale.py \\
        --limit 5000 --local-workers 2 --ray-workers 2 --repeat 9 --json scale.json
    PYTHONPATH=src python3 benchmarks/scale.py --cluster-sim 1000 --partitions 4

``--cluster-sim`` measures instead what partitioning costs the (stateful) story clustering; see
:func:`cluster_simulation`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import zlib
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from newsfuse.engine import get_engine
from newsfuse.inputs import parse_multinews_line
from newsfuse.service import SummarizeLines

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews"
LOCAL = "local, 1 process, 1 thread"


class _Clocked:
    """The batch function, timed: every call appends ``pid start end stories cpu`` to ``log``.

    Appends of one short line are atomic on a local file system, so the actors of one node can share
    the log.  The wall clock (``time.time``) is the node's, common to all its processes.
    """

    def __init__(self, factory: Any, log: str) -> None:
        self.fn = factory()
        self.log = log

    def __call__(self, batch: list[Any]) -> list[Any]:
        start, cpu = time.time(), time.thread_time()
        out = self.fn(batch)
        cpu, end = time.thread_time() - cpu, time.time()
        with open(self.log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {start:.6f} {end:.6f} {len(batch)} {cpu:.6f}\n")
        return out


def _busy(log: Path, began: float) -> dict[str, float]:
    """What the batch log of one run (begun at wall time ``began``) says about its busy window.

    >>> import tempfile
    >>> log = Path(tempfile.mkdtemp()) / "b.log"
    >>> _ = log.write_text("1 10.0 12.0 100 1.9\\n2 10.5 12.5 100 1.9\\n1 12.0 13.0 50 0.9\\n")
    >>> b = _busy(log, 9.0)
    >>> b["window_s"], b["before_first_batch_s"], b["steady_per_s"], round(b["actors_per_s"], 1)
    (3.0, 1.0, 83.3, 100.0)
    """
    calls = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    spans: dict[str, list[float]] = {}
    for pid, start, end, stories, _ in calls:
        first, last, n = spans.get(pid, [float(start), float(end), 0])
        spans[pid] = [min(first, float(start)), max(last, float(end)), n + int(stories)]
    first = min(v[0] for v in spans.values())
    window = max(v[1] for v in spans.values()) - first
    stories = sum(int(c[3]) for c in calls)
    return {
        "window_s": round(window, 3),
        "before_first_batch_s": round(first - began, 3),
        "steady_per_s": round(stories / window, 1),
        "actors_per_s": round(sum(n / (last - start) for start, last, n in spans.values()), 1),
        "workers_seen": len(spans),
        "cpu_ms_per_story": round(1000 * sum(float(c[4]) for c in calls) / max(stories, 1), 3),
    }


def _timed(path: Path, words: int, engine: str, workers: int, **options: Any) -> dict[str, Any]:
    """One run: seconds, stories, output digest and what its batch log says (:func:`_busy`)."""
    digest = hashlib.sha256()
    n = 0
    log = Path(tempfile.mkdtemp(prefix="newsfuse-clock-")) / "batches.log"
    factory = partial(_Clocked, partial(SummarizeLines, words, "jsonl", "auto"), str(log))
    began, start = time.time(), time.perf_counter()
    with get_engine(engine, workers, **options) as runner:
        for out in runner.map_lines(factory, [path]):
            digest.update(out.encode("utf-8"))
            n += 1
    seconds = time.perf_counter() - start
    busy = _busy(log, began)
    log.unlink()
    log.parent.rmdir()
    return {"run_s": round(seconds, 3), "stories": n, "sha256": digest.hexdigest()[:16], **busy}


def _spin() -> None:
    """Other work on the machine (``--busy``): a CPU-bound loop until terminated."""
    x = 0
    while True:
        x = (x + 1) % 1_000_003


def _marginal(total: float, small: float, n: int, n_probe: int) -> float:
    """Stories per second once running: the stories beyond the probe over the time beyond it."""
    return (n - n_probe) / (total - small) if total > small else float("nan")


def _turn(
    path: Path, probe: Path | None, n_probe: int, words: int, engine: str, workers: int, **options: Any
) -> dict[str, Any]:
    """One run of a mode, and its probe run (when ``probe``) for the marginal rate."""
    run = _timed(path, words, engine, workers, **options)
    run["stories_per_s"] = round(run["stories"] / run["run_s"], 1)
    if probe is not None:
        small = _timed(probe, words, engine, workers, **options)["run_s"]
        run["probe_run_s"] = small
        run["marginal_per_s"] = round(_marginal(run["run_s"], small, run["stories"], n_probe), 1)
    return run


RATES = ("stories_per_s", "steady_per_s", "actors_per_s", "marginal_per_s")


def _best(turns: list[dict[str, Any]]) -> dict[str, Any]:
    """A mode's figures over its turns: the best of each rate, the medians of the rest."""
    out: dict[str, Any] = {"turns": len(turns), "stories": turns[0]["stories"], "sha256": turns[0]["sha256"]}
    out["same_output_every_turn"] = len({t["sha256"] for t in turns}) == 1
    for key in ("run_s", "window_s", "before_first_batch_s", "cpu_ms_per_story", "probe_run_s"):
        if key in turns[0]:
            out[key] = round(statistics.median(t[key] for t in turns), 3)
    for key in RATES:
        if key in turns[0]:
            out[key] = max(t[key] for t in turns)
    return out


def _ratios(turns: list[dict[str, Any]], local: list[dict[str, Any]]) -> dict[str, list[float]]:
    """Each turn's rates over the local turn of the same repetition."""
    return {
        key: [round(t[key] / b[key], 2) for t, b in zip(turns, local, strict=True)] for key in RATES if key in turns[0]
    }


def cluster_simulation(src: Path, n_stories: int, partitions: int, seed: int = 0) -> dict[str, Any]:
    """What partitioning costs online story clustering, on a synthetic stream of Multi-News articles.

    The articles of ``n_stories`` Multi-News stories become one stream: each story starts at a random
    time in a 60-day span and its articles follow over the next days (exponential gaps, mean 1 day),
    the stream sorted by time; the gold story of an article is its Multi-News line.  One
    ``OnlineClusterer`` over the whole stream is compared with ``partitions`` clusterers (B-cubed F1):

    * time windows, cut with no overlap: a story that crosses a cut is split;
    * time windows with a 3-day overlap: each partition first replays the previous partition's last
      3 days (the clusterer's ``window``); a story holding one of those articles keeps that article's
      story id from the previous partition (stitching), so only a story with a gap of more than 3
      days across a cut is split;
    * blocking key = hash of the article's top word (``article_words``: title words ×3, names ×2),
      so articles of one story whose top words differ never meet.

    Multi-News has no publication times, so the times are simulated: the figures measure the partition
    edges, not newsfuse's clustering quality on real wire copy.
    """
    import random

    from newsfuse.cluster import OnlineClusterer, bcubed
    from newsfuse.cluster.online import article_words
    from newsfuse.cluster.partition import assign_partition, stitch, time_partitions

    rng = random.Random(seed)
    day = 86400.0
    stream: list[tuple[float, int, Any]] = []
    with open(src, encoding="utf-8") as fh:
        for k, line in enumerate(islice(fh, n_stories)):
            t = rng.uniform(0, 60 * day)
            for a in parse_multinews_line(line):
                stream.append((t, k, a))
                t += rng.expovariate(1 / day)
    stream.sort(key=lambda x: x[0])
    times = [t for t, _, _ in stream]
    truth = [k for _, k, _ in stream]
    articles = [a for _, _, a in stream]
    clusterer = OnlineClusterer()  # features (the WordLlama part) once; they do not depend on state
    features = clusterer.features(articles)

    def run(indices: list[int]) -> dict[int, Any]:
        c = OnlineClusterer(embedder=clusterer.embedder)
        assigned = {i: c.add_features(features[i], when=times[i]).story for i in indices}
        return {i: c.story_of(s) for i, s in assigned.items()}

    results: dict[str, Any] = {"articles": len(articles), "stories": n_stories, "partitions": partitions}
    start = time.perf_counter()
    whole = run(list(range(len(articles))))
    results["seconds_one_clusterer"] = round(time.perf_counter() - start, 2)
    results["one clusterer"] = bcubed(truth, [whole[i] for i in range(len(articles))])

    # The time windows are newsfuse's own (`newsfuse cluster --partition`): equal spans over the stream
    # (widened a hair so the last article falls in the last one), each replaying `overlap` first.
    span = (max(times) - min(times)) / partitions * (1 + 1e-9)
    for name, overlap in (("time windows, no overlap", 0.0), ("time windows, 3-day overlap, stitched", 3 * day)):
        parts = time_partitions(times, span, overlap)
        start = time.perf_counter()
        labels = [assign_partition([features[i] for i in p.members], [times[i] for i in p.members]) for p in parts]
        results[f"seconds {name}"] = round(time.perf_counter() - start, 2)
        results[f"replayed {name}"] = sum(len(p.replay) for p in parts)
        results[name] = bcubed(truth, stitch(parts, labels, len(articles)))

    def top_name(a: Any) -> str:
        counts = article_words(a)
        return max(sorted(counts), key=lambda w: counts[w]) if counts else ""

    keys = [zlib.crc32(top_name(a).encode("utf-8")) % partitions for a in articles]
    predicted = [None] * len(articles)
    for p in range(partitions):
        for i, story in run([i for i in range(len(articles)) if keys[i] == p]).items():
            predicted[i] = (p, story)
    results["blocking key (top word), no stitching"] = bcubed(truth, predicted)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=DATA / "val.src", help="Multi-News .src file")
    parser.add_argument("--limit", type=int, default=5000, help="stories (lines) to run")
    parser.add_argument("--words", type=int, default=120)
    parser.add_argument("--ray-workers", default="1,2", help="comma-separated actor counts")
    parser.add_argument(
        "--probe", type=int, default=0, help="stories of a probe run per turn, for the marginal rate (0: none)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="repetitions (turns per mode)")
    parser.add_argument(
        "--local-workers",
        default="",
        help="comma-separated process counts of extra `--engine local --workers N` modes (a fork pool on this "
        "node: what the node itself gives N workers, without Ray)",
    )
    parser.add_argument(
        "--ray-variant",
        action="append",
        default=[],
        metavar="BLOCKS:TASKS",
        help="an extra Ray mode per variant, at the largest --ray-workers: the file cut into BLOCKS actor tasks, "
        "at most TASKS queued per actor (0 keeps Ray Data's own); repeatable",
    )
    parser.add_argument(
        "--sequential",
        action="store_true",
        help="all local turns first, then Ray, then local again (the older layout) instead of interleaving",
    )
    parser.add_argument("--interleave", action="store_true", help=argparse.SUPPRESS)  # the default now
    parser.add_argument(
        "--busy",
        type=int,
        default=0,
        metavar="N",
        help="keep N other CPU-bound processes running at normal priority throughout (a machine with other "
        "work on it: an IDE, a browser, another job)",
    )
    parser.add_argument("--usd-per-cpu-hour", type=float, default=0.04)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--cluster-sim", type=int, metavar="STORIES", help="instead: the partitioned-clustering simulation"
    )
    parser.add_argument("--partitions", type=int, default=4, help="partitions of the clustering simulation")
    args = parser.parse_args(argv)
    if not args.src.is_file():
        sys.stderr.write(f"scale.py: error: {args.src}: no such file (Multi-News lives in ../shared/data)\n")
        return 2
    if args.cluster_sim:
        sim = cluster_simulation(args.src, args.cluster_sim, args.partitions)
        print(
            f"# clustering simulation: {sim['articles']} articles of {sim['stories']} stories, "
            f"{sim['partitions']} partitions (one clusterer: {sim['seconds_one_clusterer']} s after features)\n"
        )
        print("| clustering | B-cubed P | B-cubed R | B-cubed F1 |\n|---|---|---|---|")
        for name, value in sim.items():
            if isinstance(value, tuple):
                print(f"| {name} | " + " | ".join(f"{100 * v:.1f}" for v in value) + " |")
        for name, value in sim.items():
            if name.startswith(("seconds time", "replayed")):
                print(f"{name}: {value}")
        if args.json:
            args.json.write_text(json.dumps(sim, indent=2) + "\n", encoding="utf-8")
        return 0
    pools = [int(w) for w in args.ray_workers.split(",") if w.strip()]
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

    tmp = Path(tempfile.mkdtemp(prefix="newsfuse-scale-"))
    path = tmp / "slice.src"
    with open(args.src, encoding="utf-8") as fh:
        lines = list(islice(fh, args.limit))
    path.write_text("".join(lines), encoding="utf-8")
    n_probe = min(args.probe, len(lines) // 2)
    probe: Path | None = None
    if n_probe > 0:
        probe = tmp / "probe.src"
        probe.write_text("".join(lines[:n_probe]), encoding="utf-8")
    articles = sum(len(parse_multinews_line(line)) for line in lines)
    import multiprocessing

    import ray
    from threadpoolctl import threadpool_limits

    from newsfuse.engine.ray_engine import connect, local_system_config

    # Started before Ray and the turns, so that nothing of theirs is inherited; daemons end with the script.
    busy = [multiprocessing.Process(target=_spin, daemon=True) for _ in range(args.busy)]
    for proc in busy:
        proc.start()
    niceness = os.environ.get("RAY_worker_niceness", local_system_config().get("worker_niceness"))  # noqa: SIM112 (Ray's spelling)
    if os.environ.get("RAY_ADDRESS"):
        niceness = "the cluster's"
    load0 = os.getloadavg()
    print(
        f"# scale.py: {len(lines)} stories ({articles} articles) of {args.src.name}, {args.words} words; "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; load average {load0[0]:.2f} {load0[1]:.2f}; "
        f"other busy processes: {args.busy}; Ray workers at niceness {niceness}\n"
    )

    modes: list[tuple[str, str, int, dict[str, Any]]] = [(LOCAL, "local", 1, {})]
    local_pools = [int(x) for x in args.local_workers.split(",") if x]
    modes += [(f"local, {w} processes", "local", w, {}) for w in local_pools]
    modes += [(f"ray, {w} actor{'s' if w > 1 else ''}", "ray", w, {}) for w in pools]
    for variant in args.ray_variant:
        blocks, tasks = (int(x) for x in variant.split(":"))
        options = {"blocks": blocks or None, "tasks_per_actor": tasks or None}
        modes.append(
            (
                f"ray, {max(pools)} actors, {blocks or 'own'} blocks, {tasks or 'default'} tasks per actor",
                "ray",
                max(pools),
                options,
            )
        )
    turns: dict[str, list[dict[str, Any]]] = {name: [] for name, _, _, _ in modes}

    def turn(name: str, engine: str, w: int, options: dict[str, Any]) -> None:
        # One BLAS/OpenMP thread per local process (forked workers inherit it), as in each actor.
        with threadpool_limits(limits=1 if engine == "local" else None):
            turns[name].append(_turn(path, probe, n_probe, args.words, engine, w, **options))

    if args.sequential:
        for _ in range(args.repeat):
            turn(*modes[0])
        start = time.perf_counter()
        connect(max(pools))
        ray_init_s = time.perf_counter() - start
        for mode in modes[1:]:  # the local pools too: Ray's idle processes are up for all but the first
            for _ in range(args.repeat):
                turn(*mode)
        ray.shutdown()
        # Local again, after Ray: drift during the benchmark shows as two local figures, and the
        # ratios use the faster, so drift never flatters Ray.
        for _ in range(args.repeat):
            turn(*modes[0])
    else:
        start = time.perf_counter()
        connect(max(pools))
        ray_init_s = time.perf_counter() - start
        for rep in range(args.repeat):
            for mode in modes if rep % 2 == 0 else modes[::-1]:
                turn(*mode)
        ray.shutdown()
    load1 = os.getloadavg()
    for proc in busy:
        proc.terminate()

    rows = {name: _best(t) for name, t in turns.items()}
    base = rows[LOCAL]
    report: dict[str, Any] = {
        "src": str(args.src),
        "stories": len(lines),
        "articles": articles,
        "probe": n_probe,
        "repeat": args.repeat,
        "layout": "sequential" if args.sequential else "interleaved",
        "words": args.words,
        "cpus": os.cpu_count(),
        "ray_init_s": round(ray_init_s, 2),
        "load_before": [round(x, 2) for x in load0],
        "load_after": [round(x, 2) for x in load1],
        "busy_processes": args.busy,
        "ray_worker_niceness": niceness,
        "usd_per_cpu_hour": args.usd_per_cpu_hour,
        "modes": rows,
        "turns": turns,
    }
    print(
        "| mode | turns | run s | × local (run) | before 1st batch s | busy s | steady stories/s | × local (steady) "
        "| actors' own stories/s | × local (actors) | CPU ms per story | marginal × local | CPU-h per 1M articles "
        "| USD per 1M articles | output sha256 |"
    )
    print("|---" * 15 + "|")
    for (name, _, cpus, _), r in zip(modes, rows.values(), strict=True):
        # CPUs reserved × the whole run (start-up included, as a job of this size pays it).
        cpu_h = cpus * r["run_s"] / articles * 1e6 / 3600
        r |= {
            "cpus": cpus,
            "cpu_hours_per_million_articles": round(cpu_h, 2),
            "usd_per_million_articles": round(cpu_h * args.usd_per_cpu_hour, 3),
        }
        for key in RATES:
            if key in r:
                r[f"x_local_{key}"] = round(r[key] / base[key], 2)
        marginal = r.get("x_local_marginal_per_s", "—")
        print(
            f"| {name} | {r['turns']} | {r['run_s']} | {r['x_local_stories_per_s']} | {r['before_first_batch_s']} "
            f"| {r['window_s']} | {r['steady_per_s']} | {r['x_local_steady_per_s']} | {r['actors_per_s']} "
            f"| {r['x_local_actors_per_s']} | {r['cpu_ms_per_story']} | {marginal} "
            f"| {r['cpu_hours_per_million_articles']} | {r['usd_per_million_articles']} | {r['sha256']} |"
        )
    same = len({t["sha256"] for ts in turns.values() for t in ts}) == 1
    report["same_output"] = same
    print(
        f"\nRates are each mode's best turn, times its median turn. Ray start-up (ray.init, num_cpus={max(pools)}): "
        f"{ray_init_s:.2f} s, not in the runs above. Same output in every turn of every mode: "
        f"{'yes' if same else 'NO'}. Load average after: {load1[0]:.2f} {load1[1]:.2f}."
    )
    if not args.sequential:
        # Each turn against the local turn of the same repetition: drift between repetitions cancels.
        report["turn_ratios"] = {}
        for name, values in turns.items():
            if name == LOCAL:
                continue
            ratios = _ratios(values, turns[LOCAL])
            report["turn_ratios"][name] = ratios
            medians = {k: round(statistics.median(v), 2) for k, v in ratios.items()}
            report["turn_ratios"][name]["median"] = medians
            print(f"\n{name} against local, repetition by repetition (median):")
            for key, label in (
                ("steady_per_s", "steady (busy window)"),
                ("actors_per_s", "actors' own rates"),
                ("marginal_per_s", "marginal (probe difference)"),
                ("stories_per_s", "whole run, start-up included"),
            ):
                if key in ratios:
                    print(f"  {label}: {ratios[key]} ({medians[key]})")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
