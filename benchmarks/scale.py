"""Scale-out throughput: `--engine ray --workers W` against `--engine local` in one process.

What it measures (a report, nothing is asserted; the same code paths as ``newsfuse summarize
--input-format multinews --format jsonl``, i.e. :func:`newsfuse.engine.summarize_lines`):

* **local, 1 process**: every story summarized in this process, BLAS/OpenMP capped at one thread
  (one core, like one Ray actor); with ``--local-default-threads`` also at the libraries' default.
  The Pipeline build (WordLlama load) is inside the timing, as it is inside each Ray run.
* **Ray start-up**: ``ray.init(num_cpus=max(W))`` on its own (a cluster pays it once, not per job).
* **ray, W actors**: one Ray Data run per W in ``--ray-workers``: read -> map_batches on an actor pool
  of W (each actor loads the Pipeline once, one BLAS thread) -> results streamed back in input order.
  ``run s`` is the whole run without ``ray.init``.
* **local again**: the local mode runs a second time after the Ray runs; ``× local`` divides by the
  faster of the two local figures, so a machine whose speed drifts during the benchmark cannot make
  Ray look better than it is (the two local rows show the drift).
* **start-up vs throughput**: each mode also runs on the first ``--probe`` stories.  The *marginal*
  rate (stories/s once running) is (N - probe) / (run s - probe run s), and the fixed per-run
  start-up is probe run s - probe / marginal rate (Ray: actor processes spawned, imports, model load,
  scheduling; local: the model load).  ``× local`` compares marginal rates; the whole-run ratio is
  shown too.  (Results reach the driver in ordered bursts, so time-to-first-result says little.)
* every run's output is hashed: all modes must print the same digest (same input -> same output).
* ``--interleave`` (for nodes whose speed drifts within minutes): Ray starts first, then the modes take
  turns in every repetition (order reversed each time), and each Ray turn is also set against the
  local run of its own repetition (printed as a list).  Ray's idle processes then share the machine
  with the local runs, so use it where cores are to spare; ``--local-default-threads`` is not run then.

Projected cost per million articles = CPUs reserved × the whole run's seconds (start-up included,
``ray.init`` not), scaled to 10^6 articles, times ``--usd-per-cpu-hour`` (an assumption you set;
default 0.04 USD, roughly one on-demand x86 vCPU-hour of a compute-optimised cloud instance).  The
machine's load average is printed before and after: on a shared machine, other people's work lands
in these timings, and the start-up/marginal split (two runs under different load) is the noisiest
figure of all.

    PYTHONPATH=src python3 benchmarks/scale.py --limit 500
    PYTHONPATH=src python3 benchmarks/scale.py --limit 5000 --json scale.json
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
import sys
import tempfile
import time
import zlib
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from newsfuse.engine import SummarizeLines, get_engine
from newsfuse.ingest import parse_multinews_line

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews"


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


def _busy(log: Path) -> dict[str, Any]:
    """What the batch log of one run says: the busy window (first batch start -> last batch end) and CPU."""
    calls = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    starts = [float(c[1]) for c in calls]
    ends = [float(c[2]) for c in calls]
    stories = sum(int(c[3]) for c in calls)
    cpu = sum(float(c[4]) for c in calls)
    return {
        "window_s": max(ends) - min(starts),
        "first_batch_at": min(starts),
        "processes": len({c[0] for c in calls}),
        "cpu_ms_per_story": 1000 * cpu / max(stories, 1),
    }


def _timed(path: Path, words: int, engine: str, workers: int | None) -> tuple[float, int, str, dict[str, Any]]:
    """Seconds, stories, output digest and busy window of one run.

    The same path as :func:`newsfuse.engine.summarize_lines` (an engine's ``map_lines`` over
    ``SummarizeLines``), the batch function wrapped in :class:`_Clocked`.
    """
    digest = hashlib.sha256()
    n = 0
    log = Path(tempfile.mkdtemp(prefix="newsfuse-clock-")) / "batches.log"
    factory = partial(_Clocked, partial(SummarizeLines, words, "jsonl", "auto"), str(log))
    start = time.perf_counter()
    wall0 = time.time()
    with get_engine(engine, workers) as runner:
        for out in runner.map_lines(factory, [path]):
            digest.update(out.encode("utf-8"))
            n += 1
    seconds = time.perf_counter() - start
    busy = _busy(log)
    busy["before_first_batch_s"] = busy.pop("first_batch_at") - wall0
    log.unlink()
    log.parent.rmdir()
    return seconds, n, digest.hexdigest()[:16], busy


def _measure(full: Path, probe: Path, n_probe: int, words: int, engine: str, workers: int, repeat: int) -> dict:
    """Best-of-``repeat`` whole and probe runs, and the start-up/marginal split they give."""
    runs, probes = [], []
    for _ in range(repeat):  # alternated, so that drift lands on both alike
        runs.append(_timed(full, words, engine, workers))
        probes.append(_timed(probe, words, engine, workers)[0])
    return _summary(runs, probes, n_probe)


def _marginal(total: float, small: float, n: int, n_probe: int) -> float:
    """Stories per second once running: the stories beyond the probe over the time beyond it."""
    return (n - n_probe) / (total - small) if total > small else float("nan")


def _summary(runs: list[tuple[float, int, str]], probes: list[float], n_probe: int) -> dict:
    """The best whole and probe runs of one mode, and the start-up/marginal split they give."""
    total, n, digest, _ = min(runs, key=lambda r: r[0])
    small = min(probes)
    rate = _marginal(total, small, n, n_probe)
    busy = min((r[3] for r in runs), key=lambda b: b["window_s"])  # the steadiest run's window
    return {
        "stories": n,
        "run_s": round(total, 2),
        "stories_per_s": round(n / total, 2),
        "probe_run_s": round(small, 2),
        "startup_s": round(small - n_probe / rate, 2),
        "marginal_per_s": round(rate, 2),
        "busy_s": round(busy["window_s"], 2),
        "steady_per_s": round(n / busy["window_s"], 2),
        "before_first_batch_s": round(busy["before_first_batch_s"], 2),
        "cpu_ms_per_story": round(busy["cpu_ms_per_story"], 3),
        "sha256": digest,
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

    span = (max(times) - min(times)) / partitions
    cut = [min(partitions - 1, int((t - min(times)) / span)) for t in times]
    for name, warm in (("time windows, no overlap", 0.0), ("time windows, 3-day overlap, stitched", 3 * day)):
        predicted: list[Any] = [None] * len(articles)
        for p in range(partitions):
            own = [i for i in range(len(articles)) if cut[i] == p]
            if not own:
                continue
            # The overlap: the previous partition's last `warm` seconds, replayed first.  A story
            # here that holds an overlap article continues that article's story (stitching).
            warmup = [i for i in range(own[0]) if times[i] >= times[own[0]] - warm] if warm else []
            stories = run(warmup + own)
            label: dict[Any, Any] = {}
            for i in warmup:
                label.setdefault(stories[i], predicted[i])
            for i in own:
                predicted[i] = label.get(stories[i], (p, stories[i]))
        results[name] = bcubed(truth, predicted)

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
    parser.add_argument("--local-default-threads", action="store_true", help="also time local at default threads")
    parser.add_argument("--probe", type=int, default=64, help="stories of the start-up probe run")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per mode")
    parser.add_argument(
        "--interleave",
        action="store_true",
        help="start Ray first and take turns, mode by mode, in every repetition (for many-core nodes whose "
        "speed drifts; Ray's idle processes then share the machine with the local runs; no default-threads run)",
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
    probe = tmp / "probe.src"
    n_probe = min(args.probe, len(lines) // 2)
    probe.write_text("".join(lines[:n_probe]), encoding="utf-8")
    measure = partial(_measure, path, probe, n_probe, args.words, repeat=args.repeat)
    articles = sum(len(parse_multinews_line(line)) for line in lines)
    load0 = os.getloadavg()
    print(
        f"# scale.py: {len(lines)} stories ({articles} articles) of {args.src.name}, {args.words} words; "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; load average {load0[0]:.2f} {load0[1]:.2f}\n"
    )

    import ray
    from threadpoolctl import threadpool_limits

    from newsfuse.engine.ray_engine import connect

    rows: list[tuple[str, int, dict[str, Any]]] = []
    turns: dict[str, list[tuple[float, float, float]]] = {}  # --interleave: (whole, marginal, steady) per turn
    if args.interleave:
        start = time.perf_counter()
        connect(max(pools))
        ray_init_s = time.perf_counter() - start
        modes = [("local, 1 process, 1 thread", "local", 1)]
        modes += [(f"ray, {w} actor{'s' if w > 1 else ''}", "ray", w) for w in pools]
        runs: dict[str, list[tuple[float, int, str, dict[str, Any]]]] = {name: [] for name, _, _ in modes}
        probes: dict[str, list[float]] = {name: [] for name, _, _ in modes}
        for rep in range(args.repeat):
            for name, engine, w in modes if rep % 2 == 0 else modes[::-1]:
                with threadpool_limits(limits=1 if engine == "local" else None):
                    runs[name].append(_timed(path, args.words, engine, w))
                    probes[name].append(_timed(probe, args.words, engine, w)[0])
                total, n, _, busy = runs[name][-1]
                marginal = _marginal(total, probes[name][-1], n, n_probe)
                turns.setdefault(name, []).append((n / total, marginal, n / busy["window_s"]))
        rows = [(name, w, _summary(runs[name], probes[name], n_probe)) for name, _, w in modes]
        ray.shutdown()
    else:
        with threadpool_limits(limits=1):
            rows.append(("local, 1 process, 1 thread", 1, measure("local", 1)))
        if args.local_default_threads:
            rows.append(("local, 1 process, default threads", os.cpu_count() or 1, measure("local", 1)))
        start = time.perf_counter()
        connect(max(pools))
        ray_init_s = time.perf_counter() - start
        for w in pools:
            rows.append((f"ray, {w} actor{'s' if w > 1 else ''}", w, measure("ray", w)))
        ray.shutdown()
        # Local again, after Ray: a machine that speeds up or slows down during the benchmark
        # (other tenants, a fresh VM still settling) shows as two different local figures, and
        # the ratios use the faster of the two, so drift never flatters Ray.
        with threadpool_limits(limits=1):
            rows.append(("local, 1 process, 1 thread (again, after Ray)", 1, measure("local", 1)))
    load1 = os.getloadavg()

    local_rows = [r for name, _, r in rows if name.startswith("local, 1 process, 1 thread")]
    base = max(r["stories_per_s"] for r in local_rows)
    base_marginal = max(r["marginal_per_s"] for r in local_rows)
    base_steady = max(r["steady_per_s"] for r in local_rows)
    print("| mode | stories | run s | stories/s | × local (run) | busy s | steady stories/s | × local (steady) "
          "| before 1st batch s | CPU ms per story | start-up s | marginal stories/s | × local (marginal) "
          "| CPU-h per 1M articles | USD per 1M articles | output sha256 |")  # fmt: skip
    print("|---" * 16 + "|")
    report: dict[str, Any] = {
        "src": str(args.src),
        "stories": len(lines),
        "articles": articles,
        "probe": n_probe,
        "repeat": args.repeat,
        "words": args.words,
        "cpus": os.cpu_count(),
        "ray_init_s": round(ray_init_s, 2),
        "load_before": [round(x, 2) for x in load0],
        "load_after": [round(x, 2) for x in load1],
        "usd_per_cpu_hour": args.usd_per_cpu_hour,
        "modes": {},
    }
    for name, cpus, r in rows:
        # CPUs reserved × the whole run (start-up included, as a job of this size pays it).
        cpu_h = cpus * r["run_s"] / articles * 1e6 / 3600
        r |= {
            "cpus": cpus,
            "speedup_run": round(r["stories_per_s"] / base, 2),
            "speedup_marginal": round(r["marginal_per_s"] / base_marginal, 2),
            "speedup_steady": round(r["steady_per_s"] / base_steady, 2),
            "cpu_hours_per_million_articles": round(cpu_h, 2),
            "usd_per_million_articles": round(cpu_h * args.usd_per_cpu_hour, 3),
        }
        report["modes"][name] = r
        print(
            f"| {name} | {r['stories']} | {r['run_s']} | {r['stories_per_s']} | {r['speedup_run']} "
            f"| {r['busy_s']} | {r['steady_per_s']} | {r['speedup_steady']} | {r['before_first_batch_s']} "
            f"| {r['cpu_ms_per_story']} | {r['startup_s']} | {r['marginal_per_s']} | {r['speedup_marginal']} "
            f"| {r['cpu_hours_per_million_articles']} | {r['usd_per_million_articles']} | {r['sha256']} |"
        )
    same = len({r["sha256"] for _, _, r in rows}) == 1
    report["same_output"] = same
    print(
        f"\nRay start-up (ray.init, num_cpus={max(pools)}): {ray_init_s:.2f} s, not in the runs above. "
        f"Same output in every mode: {'yes' if same else 'NO'}. "
        f"Load average after: {load1[0]:.2f} {load1[1]:.2f}."
    )
    if turns:
        # Each turn against the local run of the same repetition: drift between repetitions cancels.
        local = turns["local, 1 process, 1 thread"]
        report["turn_ratios"] = {}
        for name, values in turns.items():
            if name.startswith("ray"):
                whole = [round(v[0] / b[0], 2) for v, b in zip(values, local, strict=True)]
                marginal = [round(v[1] / b[1], 2) for v, b in zip(values, local, strict=True)]
                steady = [round(v[2] / b[2], 2) for v, b in zip(values, local, strict=True)]
                report["turn_ratios"][name] = {"whole": whole, "marginal": marginal, "steady": steady}
                print(
                    f"{name} against local, repetition by repetition: steady {steady} "
                    f"(median {sorted(steady)[len(steady) // 2]}), marginal {marginal} "
                    f"(median {sorted(marginal)[len(marginal) // 2]}), whole run {whole}"
                )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
