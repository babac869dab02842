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
* **start-up vs throughput**: each mode also runs on the first ``--probe`` stories.  The *marginal*
  rate (stories/s once running) is (N - probe) / (run s - probe run s), and the fixed per-run
  start-up is probe run s - probe / marginal rate (Ray: actor processes spawned, imports, model load,
  scheduling; local: the model load).  ``× local`` compares marginal rates; the whole-run ratio is
  shown too.  (Results reach the driver in ordered bursts, so time-to-first-result says little.)
* every run's output is hashed: all modes must print the same digest (same input -> same output).

Projected cost per million articles = CPU-hours of the run (seconds × CPUs used) scaled to 10^6
articles, times ``--usd-per-cpu-hour`` (an assumption you set; default 0.04 USD, roughly one on-demand
x86 vCPU-hour of a compute-optimised cloud instance).  The machine's load average is printed before
and after: on a shared machine, other people's work lands in these timings.

    PYTHONPATH=src python3 benchmarks/scale.py --limit 500
    PYTHONPATH=src python3 benchmarks/scale.py --limit 5000 --json scale.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
import tempfile
import threading
import time
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from newsfuse.engine import summarize_lines
from newsfuse.ingest import parse_multinews_line

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews"


class CpuMeter:
    """CPU seconds of this process plus every Ray process (``ray::`` workers, raylet, GCS) during a run.

    Ray's processes are not our children, so /proc is sampled every ``interval`` s and the
    last value seen per process is kept (an actor that exits between samples loses < interval).
    """

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.seen: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._tick = os.sysconf("SC_CLK_TCK")

    def _sample(self) -> None:
        for name in os.listdir("/proc"):
            if not name.isdigit() or int(name) == os.getpid():
                continue
            try:
                with open(f"/proc/{name}/cmdline", "rb") as fh:
                    cmd = fh.read(200)
                with open(f"/proc/{name}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if cmd.startswith(b"ray::") or b"/ray/" in cmd:
                self.seen[int(name)] = (int(fields[11]) + int(fields[12])) / self._tick

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> CpuMeter:
        self._sample()
        self.base = dict(self.seen)
        self.self0 = time.process_time()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        self.seconds = time.process_time() - self.self0
        self.seconds += sum(v - self.base.get(pid, 0.0) for pid, v in self.seen.items())


def _timed(path: Path, words: int, engine: str, workers: int | None) -> tuple[float, int, str, float]:
    """Seconds, stories, output digest and CPU seconds (all processes) of one run."""
    digest = hashlib.sha256()
    n = 0
    with CpuMeter() as cpu:
        start = time.perf_counter()
        for out in summarize_lines(path, words, engine=engine, workers=workers):
            digest.update(out.encode("utf-8"))
            n += 1
        wall = time.perf_counter() - start
    return wall, n, digest.hexdigest()[:16], cpu.seconds


def _measure(full: Path, probe: Path, n_probe: int, words: int, engine: str, workers: int, repeat: int) -> dict:
    """Best-of-``repeat`` whole and probe runs, and the start-up/marginal split they give."""
    runs = [_timed(full, words, engine, workers) for _ in range(repeat)]
    probes = [_timed(probe, words, engine, workers)[0] for _ in range(repeat)]
    total, n, digest, cpu_s = min(runs)
    small = min(probes)
    rate = (n - n_probe) / (total - small) if total > small else float("nan")
    return {
        "stories": n,
        "run_s": round(total, 2),
        "stories_per_s": round(n / total, 2),
        "probe_run_s": round(small, 2),
        "startup_s": round(small - n_probe / rate, 2),
        "marginal_per_s": round(rate, 2),
        "cpu_s": round(cpu_s, 2),
        "sha256": digest,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=DATA / "val.src", help="Multi-News .src file")
    parser.add_argument("--limit", type=int, default=5000, help="stories (lines) to run")
    parser.add_argument("--words", type=int, default=120)
    parser.add_argument("--ray-workers", default="1,2", help="comma-separated actor counts")
    parser.add_argument("--local-default-threads", action="store_true", help="also time local at default threads")
    parser.add_argument("--probe", type=int, default=64, help="stories of the start-up probe run")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per mode")
    parser.add_argument("--usd-per-cpu-hour", type=float, default=0.04)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if not args.src.is_file():
        sys.stderr.write(f"scale.py: error: {args.src}: no such file (Multi-News lives in ../shared/data)\n")
        return 2
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

    from threadpoolctl import threadpool_limits

    rows: list[tuple[str, int, dict[str, Any]]] = []
    with threadpool_limits(limits=1):
        rows.append(("local, 1 process, 1 thread", 1, measure("local", 1)))
    if args.local_default_threads:
        rows.append(("local, 1 process, default threads", os.cpu_count() or 1, measure("local", 1)))

    import ray

    from newsfuse.engine.ray_engine import connect

    start = time.perf_counter()
    connect(max(pools))
    ray_init_s = time.perf_counter() - start
    for w in pools:
        rows.append((f"ray, {w} actor{'s' if w > 1 else ''}", w, measure("ray", w)))
    ray.shutdown()
    load1 = os.getloadavg()

    base, base_marginal = rows[0][2]["stories_per_s"], rows[0][2]["marginal_per_s"]
    print("| mode | stories | run s | stories/s | × local (run) | start-up s | marginal stories/s "
          "| × local (marginal) | CPU s (all processes) | CPU-h per 1M articles: wall × CPUs / measured CPU "
          "| USD per 1M articles | output sha256 |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
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
        # Reserved CPUs × time at the marginal rate (start-up is paid once per job, not per
        # million articles), and the CPU time the processes really used (what a busy, shared
        # machine cannot distort much).
        cpu_h = cpus * 1e6 / (articles / len(lines) * r["marginal_per_s"]) / 3600
        used_h = r["cpu_s"] / articles * 1e6 / 3600
        r |= {
            "cpus": cpus,
            "speedup_run": round(r["stories_per_s"] / base, 2),
            "speedup_marginal": round(r["marginal_per_s"] / base_marginal, 2),
            "cpu_hours_per_million_articles": round(cpu_h, 2),
            "used_cpu_hours_per_million_articles": round(used_h, 2),
            "usd_per_million_articles": round(cpu_h * args.usd_per_cpu_hour, 2),
        }
        report["modes"][name] = r
        print(
            f"| {name} | {r['stories']} | {r['run_s']} | {r['stories_per_s']} | {r['speedup_run']} "
            f"| {r['startup_s']} | {r['marginal_per_s']} | {r['speedup_marginal']} | {r['cpu_s']} "
            f"| {r['cpu_hours_per_million_articles']} / {r['used_cpu_hours_per_million_articles']} "
            f"| {r['usd_per_million_articles']} | {r['sha256']} |"
        )
    same = len({r["sha256"] for _, _, r in rows}) == 1
    report["same_output"] = same
    print(
        f"\nRay start-up (ray.init, num_cpus={max(pools)}): {ray_init_s:.2f} s, not in the runs above. "
        f"Same output in every mode: {'yes' if same else 'NO'}. "
        f"Load average after: {load1[0]:.2f} {load1[1]:.2f}."
    )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
