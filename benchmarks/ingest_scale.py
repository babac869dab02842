"""Bulk ingest throughput: `newsfuse ingest --engine ray --workers W` against one process, side by side.

The corpus is the articles of the first ``--limit`` stories of ``val.src`` as one JSONL file (one
article per line, an outlet each).  Every turn ingests all of it into a fresh SQLite store through
``newsfuse.firehose.ingest`` (the code ``newsfuse ingest`` runs) with one engine:

* **local, 1 process**: signatures and features computed in this process, chunk by chunk;
* **local, W processes**: computed by W forked workers (``--workers W``);
* **ray, W actors**: computed by W Ray actors (``--engine ray --workers W``), ``ray.init`` timed apart.

Storing (dedup lookups, the story assignment, the SQLite writes) stays in the driver on every
engine, so the speed-up is bounded by that serial share: the report also times the parts alone
(``prepare_articles`` over the whole corpus in one process, and the run minus that).  Modes take
turns in every repetition (order reversed each time); the medians of the per-repetition ratios
are the figures to quote.  Every run must store the same articles in the same stories (digest).

    OPENBLAS_NUM_THREADS=1 RAYON_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/ingest_scale.py --limit 2000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import tempfile
import time
from itertools import islice
from pathlib import Path

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")


def write_corpus(src: Path, limit: int, path: Path) -> int:
    from newsfuse.inputs import parse_multinews_line

    n = 0
    with open(src, encoding="utf-8") as fh, open(path, "w", encoding="utf-8") as out:
        for k, line in enumerate(islice(fh, limit)):
            for a in parse_multinews_line(line):
                out.write(json.dumps({"id": f"{k}-{a.id}", "text": a.text, "source": f"outlet{n % 50}"}) + "\n")
                n += 1
    return n


def one_run(corpus: Path, engine: str, workers: int | None, folder: Path) -> tuple[float, str, int]:
    from newsfuse.firehose import ingest
    from newsfuse.store import open_store

    db = folder / f"{engine}-{workers}-{time.time_ns()}.db"
    t0 = time.perf_counter()
    with open_store(f"sqlite:///{db}") as store:
        report = ingest([str(corpus)], store, engine=engine, workers=workers)
    seconds = time.perf_counter() - t0
    digest = hashlib.sha256(json.dumps([report.stored, report.duplicates]).encode()).hexdigest()[:16]
    db.unlink()
    return seconds, digest, len(report.stored)


def prepare_alone(corpus: Path) -> float:
    """Seconds of the parallel half alone: every chunk's signatures and features, in this process."""
    from newsfuse.cluster import OnlineClusterer
    from newsfuse.cluster.parallel import CHUNK
    from newsfuse.dedup import NearDuplicateIndex
    from newsfuse.engine.base import batched
    from newsfuse.firehose import prepare_articles
    from newsfuse.inputs import read_articles

    articles, _ = read_articles([corpus])
    clusterer, index = OnlineClusterer(), NearDuplicateIndex()
    t0 = time.perf_counter()
    for chunk in batched(articles, CHUNK):
        prepare_articles(chunk, clusterer, index)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", default=str(Path(__file__).resolve().parents[2] / "shared/data/multinews/val.src"))
    ap.add_argument("--limit", type=int, default=2000, help="stories of val.src (their articles are the corpus)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()

    from newsfuse.engine.ray_engine import connect

    folder = Path(tempfile.mkdtemp(prefix="ingest-scale-"))
    corpus = folder / "corpus.jsonl"
    n = write_corpus(Path(args.src), args.limit, corpus)
    t0 = time.perf_counter()
    connect(args.workers)
    ray_init = time.perf_counter() - t0
    modes = [("local", None), ("local", args.workers), ("ray", args.workers)]
    runs: dict[str, list[float]] = {f"{e}/{w or 1}": [] for e, w in modes}
    digests: set[str] = set()
    stored = 0
    one_run(corpus, "local", None, folder)  # warm: the embedder's first load, file caches
    for rep in range(args.repeat):
        for engine, workers in modes if rep % 2 == 0 else modes[::-1]:
            seconds, digest, stored = one_run(corpus, engine, workers, folder)
            runs[f"{engine}/{workers or 1}"].append(seconds)
            digests.add(digest)
    prep = prepare_alone(corpus)
    base = runs["local/1"]
    print(f"# ingest_scale.py: {n} articles of {args.limit} val.src stories, {stored} stored; {os.cpu_count()} CPUs")
    print(f"ray.init: {ray_init:.2f} s (apart); prepare alone (signatures + features, 1 process): {prep:.2f} s")
    print("| mode | median s | articles/s | × local, 1 process (median of per-repetition ratios) |")
    print("|---|---|---|---|")
    figures = {}
    for name, secs in runs.items():
        ratios = [b / s for b, s in zip(base, secs, strict=True)]
        figures[name] = {"seconds": secs, "ratio_median": statistics.median(ratios)}
        print(
            f"| {name} | {statistics.median(secs):.2f} | {n / statistics.median(secs):.0f} | "
            f"{statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f}) |"
        )
    serial = statistics.median(base) - prep
    print(f"serial share (run − prepare) in one process: {serial:.2f} s of {statistics.median(base):.2f} s")
    print(f"same stores in every run: {'yes' if len(digests) == 1 else 'NO: ' + ', '.join(sorted(digests))}")
    if args.json:
        Path(args.json).write_text(
            json.dumps({"articles": n, "ray_init_s": ray_init, "prepare_s": prep, "modes": figures}, indent=2)
        )


if __name__ == "__main__":
    main()
