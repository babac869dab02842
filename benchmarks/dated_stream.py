"""A long dated stream for the online clusterer: DUC 2004 dev events among Multi-News stories with synthetic dates.

The stream: the 25 DUC 2004 dev events (250 AP/NYT articles, at their real dates, October-December 1998;
the 10 articles of the one event without dates stay undated) interleaved with Multi-News stories (all of
``val.src``, then ``train.src.gz`` from line ``--train-from`` on, until ``--articles`` articles; the first
12,000 training stories, which the clusterer's word prior was built from, are never used).  Each
Multi-News story gets a start time drawn uniformly over the DUC period (``--days`` days from 1998-10-01)
and its articles follow it by exponentially distributed delays (mean ``--spread`` hours), so a story lives
for hours to a few days, like a news event; a DUC article gets a random time of its day.  Everything is
drawn with ``--seed``.  Every article carries its true story (``story``: the DUC event id, or ``mn-val-LINE``
/ ``mn-train-LINE``); empty and very short articles (under 20 words) are left out, as ingest would.

    python3 benchmarks/dated_stream.py --jsonl /tmp/dated.jsonl         # write the stream (20,000+ articles)
    python3 benchmarks/dated_stream.py                                  # build it and cluster it: scores, speed, memory
    python3 benchmarks/dated_stream.py --window 0                       # the same without retiring stories
    python3 benchmarks/dated_stream.py --previous                       # the first clusterer's settings
    python3 benchmarks/dated_stream.py --unanchored                     # also without rare-name anchors (ratio)
    python3 benchmarks/dated_stream.py --set core_terms=0               # any OnlineClusterer setting
    newsfuse eval-clustering /tmp/dated.jsonl                           # the CLI on the written stream

The benchmark replays the stream in publication order through one ``OnlineClusterer`` in this process
and prints B-cubed P/R/F1 over all articles and over the DUC articles alone (scored among themselves:
did the 25 events stay whole and apart with 20,000 other articles around them), the articles per second
of CPU and wall time, and the clusterer's index size (articles it holds) and the process's peak
resident memory, sampled every 1,000 articles.  With ``--window 0`` stories never close, so the index
holds every article: the side-by-side run shows what retiring stories saves.
With ``--unanchored`` the same stream is clustered a second time, in the same process, with the settings
before stories kept their defining names (a 30-day window, no rare-name anchor, no core-word check), and
the ratio of the two speeds is printed (the peak RSS of the second run includes the first's).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import resource
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")

from newsfuse.cluster import OnlineClusterer, bcubed, final_labels
from newsfuse.cluster.stream import publication_order, read_labelled_stream, stream_times
from newsfuse.inputs.readers import parse_multinews_line
from newsfuse.types import Article, count_words

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
START = datetime(1998, 10, 1, tzinfo=UTC)


def multinews_stories(data: Path, train_from: int):
    """(story id, articles) of val.src, then of train.src.gz from ``train_from`` on."""
    with open(data / "multinews" / "val.src", encoding="utf-8") as f:
        for line_no, line in enumerate(f):
            yield f"mn-val-{line_no}", parse_multinews_line(line)
    with gzip.open(data / "multinews" / "train.src.gz", "rt", encoding="utf-8") as f:
        for line_no, line in enumerate(itertools.islice(f, train_from, None), train_from):
            yield f"mn-train-{line_no}", parse_multinews_line(line)


def build_stream(
    n_articles: int = 20000,
    *,
    days: float = 92.0,
    spread_hours: float = 12.0,
    seed: int = 0,
    train_from: int = 40000,
    data: Path = DATA,
) -> list[Article]:
    """The dated stream in publication order (see the module docstring)."""
    rng = random.Random(seed)
    out: list[Article] = []
    for a in read_labelled_stream([data / "duc2004-dev" / "dev.jsonl"]):
        day = a.published
        if day and len(day) == 10 and day[4] == "-":
            stamp = datetime.fromisoformat(day).replace(tzinfo=UTC) + timedelta(seconds=rng.uniform(0, 86400))
            day = stamp.isoformat().replace("+00:00", "Z")
        else:
            day = None
        out.append(Article(a.id, a.text, source=a.source, published=day, extra={"story": a.extra["story"]}))
    for story, arts in multinews_stories(data, train_from):
        if len(out) >= n_articles:
            break
        start = START + timedelta(days=rng.uniform(0, days))
        for k, a in enumerate(arts):
            if count_words(a.text) < 20:
                continue
            when = start + timedelta(hours=0 if k == 0 else rng.expovariate(1 / spread_hours))
            out.append(
                Article(
                    f"{story}-{k}", a.text, published=when.isoformat().replace("+00:00", "Z"), extra={"story": story}
                )
            )
    return publication_order(out)


# The settings of the first clusterer (before stories followed time): single-article matches, 3-day window.
PREVIOUS = {
    "window": 3 * 86400.0,
    "half_life": 0.0,
    "profile_weight": 0.0,
    "prior": None,
    "head_words": 250,
    "query_terms": 40,
}


# The settings before stories kept their defining names (no rare-name anchor, no core-word check, 30-day window).
UNANCHORED = {"window": 30 * 86400.0, "anchor_share": 0.0, "core_terms": 0}


def run(
    stream: list[Article],
    window: float | None,
    sample: int = 1000,
    previous: bool = False,
    settings: dict | None = None,
) -> dict[str, float]:
    """Cluster ``stream`` in order in this process: scores, speed and memory."""
    kw: dict = dict(PREVIOUS) if previous else {}
    kw.update(settings or {})
    if window is not None:
        kw["window"] = window if window > 0 else float("inf")
    OnlineClusterer(**kw).add_many(stream[:8])  # loads the embedding model outside the timing
    clusterer = OnlineClusterer(**kw)
    when = stream_times(stream)
    wall, cpu = time.perf_counter(), time.process_time()
    assignments, held = [], 0
    for start in range(0, len(stream), sample):
        assignments += clusterer.add_many(stream[start : start + sample], when=when[start : start + sample])
        held = max(held, clusterer.indexed_articles)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    labels = final_labels(clusterer, assignments)
    truth = [a.extra["story"] for a in stream]
    p, r, f = bcubed(truth, labels)
    duc = [i for i, t in enumerate(truth) if not t.startswith("mn-")]
    dp, dr, df = bcubed([truth[i] for i in duc], [labels[i] for i in duc])
    return {
        "articles": len(stream),
        "P": p,
        "R": r,
        "F1": f,
        "duc_P": dp,
        "duc_R": dr,
        "duc_F1": df,
        "events": len(set(truth)),
        "stories": len(set(labels)),
        "duc_stories": len({labels[i] for i in duc}),
        "cpu_rate": len(stream) / cpu,
        "wall_rate": len(stream) / wall,
        "max_indexed": held,
        "final_indexed": clusterer.indexed_articles,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=20000, help="at least this many articles (default 20000)")
    ap.add_argument("--days", type=float, default=92.0, help="period of the synthetic start times (days)")
    ap.add_argument("--spread", type=float, default=12.0, help="mean delay of a story's later articles (hours)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--train-from", type=int, default=40000, help="first train.src.gz line used")
    ap.add_argument("--jsonl", type=Path, help="write the stream here and stop")
    ap.add_argument("--window", type=float, default=None, help="story window in days (0: never close)")
    ap.add_argument("--previous", action="store_true", help="the first clusterer's settings (3-day window ...)")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="an OnlineClusterer setting")
    ap.add_argument(
        "--unanchored",
        action="store_true",
        help="also run the settings without rare-name anchors and core words (30-day window), in turn, for a ratio",
    )
    args = ap.parse_args()
    if not (DATA / "duc2004-dev" / "dev.jsonl").exists():
        sys.exit(f"data not found in {DATA} (see ../shared/data/README.md)")
    stream = build_stream(
        args.articles, days=args.days, spread_hours=args.spread, seed=args.seed, train_from=args.train_from
    )
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as f:
            for a in stream:
                row = {"id": a.id, "source": a.source, "published": a.published, "text": a.text, **a.extra}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{args.jsonl}: {len(stream)} articles, {len({a.extra['story'] for a in stream})} true stories")
        return
    load = os.getloadavg()[0]
    window = None if args.window is None else args.window * 86400.0
    settings = {name: float(value) for name, value in (item.split("=", 1) for item in args.set)}
    runs = [("", settings)] + ([("unanchored ", {**UNANCHORED, **settings})] if args.unanchored else [])
    rates: list[float] = []
    for label, kw in runs:
        s = run(stream, window, previous=args.previous, settings=kw)
        _report(s, label, args, kw, load)
        rates.append(s["cpu_rate"])
    if len(rates) == 2:
        print(f"speed ratio (default / unanchored, CPU time): {rates[0] / rates[1]:.2f}x")


def _report(s: dict[str, float], label: str, args: argparse.Namespace, kw: dict, load: float) -> None:
    print(
        f"{label}articles={s['articles']} events={s['events']} stories={s['stories']} window="
        f"{'default' if args.window is None else (f'{args.window:g} d' if args.window else 'never closes')}"
        f"{' settings=previous' if args.previous else ''}{f' settings={kw}' if kw else ''}"
    )
    print(f"all articles: B-cubed P={s['P']:.4f} R={s['R']:.4f} F1={s['F1']:.4f}")
    print(
        f"DUC articles: B-cubed P={s['duc_P']:.4f} R={s['duc_R']:.4f} F1={s['duc_F1']:.4f} "
        f"({s['duc_stories']} stories for 25 events)"
    )
    print(
        f"speed: {s['cpu_rate']:.0f} articles/s of CPU time, {s['wall_rate']:.0f} articles/s wall; "
        f"load average {load:.1f} -> {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(
        f"memory: at most {s['max_indexed']} articles indexed (at the end {s['final_indexed']}); "
        f"peak RSS {s['peak_rss_mb']:.0f} MB"
    )


if __name__ == "__main__":
    main()
