"""A learned story scorer for the online clusterer, trained on Multi-News, measured on DUC 2004 dev.

Two dated streams are drawn from Multi-News ``train.src.gz`` (never its first 12,000 lines, which the
word prior was built from, nor lines from 40,000 on, which ``dated_stream.py`` uses): a *training*
stream (``--train`` = lines 12000:14000) and a *choice* stream (``--choose`` = 14000:15000).  Each story
gets a start time drawn uniformly over ``--days`` days and a spread drawn log-uniformly between 2 hours
and ``--max-spread`` days; its later articles follow the start by exponentially distributed delays of
that mean, so stories last from hours to weeks.  Articles under 20 words are left out, as ingest does.

1. The training stream is replayed online by the clusterer's hand-set rule; before each article is
   placed, its 5 strongest candidate stories give a row of features each
   (``newsfuse.cluster.scorer.FEATURES``, as in Miranda et al. 2018: best-article, profile and centroid
   scores, the WordLlama cosine, story size, time since the story's latest and first articles),
   labelled 1 when most of the story's articles are of the article's true story.  Two logistic
   regressions are fitted: *dated* on every feature, *undated* without the time features.
2. On the choice stream the clusterer with the model is replayed online for a grid of join and bridge
   probabilities; the pair with the best B-cubed F1 is kept (undated: the stream without its dates).
3. The hand-set rule and the learned scorer are then both run on the choice stream and on the DUC 2004
   dev stream (dated, publication order), which nothing above has read: the report.

    python3 benchmarks/story_scorer.py                          # train, choose, compare
    python3 benchmarks/story_scorer.py --write /tmp/scorer.json # also write the model (load_scorer)
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import math
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")

import numpy as np

from newsfuse.cluster import OnlineClusterer, bcubed
from newsfuse.cluster.scorer import FEATURES, TIME_FEATURES, LogisticModel, StoryScorer, feature_matrix
from newsfuse.cluster.stream import publication_order, read_labelled_stream, stream_times
from newsfuse.inputs.readers import parse_multinews_line
from newsfuse.types import Article, count_words

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
START = datetime(1998, 10, 1, tzinfo=UTC)


def synthetic_stream(
    lines: range, *, seed: int, days: float = 92.0, max_spread: float = 14.0, data: Path = DATA
) -> list[Article]:
    """Multi-News training stories of ``lines`` with synthetic dates, in publication order (module docstring)."""
    rng = random.Random(seed)
    out: list[Article] = []
    with gzip.open(data / "multinews" / "train.src.gz", "rt", encoding="utf-8") as f:
        for line_no, line in enumerate(itertools.islice(f, lines.start, lines.stop), lines.start):
            story = f"mn-train-{line_no}"
            start = START + timedelta(days=rng.uniform(0, days))
            spread = math.exp(rng.uniform(math.log(2 / 24), math.log(max_spread)))  # days
            for k, a in enumerate(parse_multinews_line(line)):
                if count_words(a.text) < 20:
                    continue
                when = start + timedelta(days=0 if k == 0 else rng.expovariate(1 / spread))
                stamp = when.isoformat().replace("+00:00", "Z")
                out.append(Article(f"{story}-{k}", a.text, published=stamp, extra={"story": story}))
    return publication_order(out)


def training_rows(
    stream: list[Article], features: list, when: list[float | None], names: tuple[str, ...], top_k: int = 5
) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows of (article, candidate story) pairs as the online clusterer meets them, and labels.

    The stream is replayed online by the clusterer's hand-set rule (no scorer), so the stories are the
    fragments and mixtures that an online clusterer really holds; a candidate story is labelled 1 when
    most of its articles are of the article's true story.  Per article, its ``top_k`` candidate stories
    with the best-matching articles give a row each.
    """
    from collections import Counter

    c = OnlineClusterer(embedder=None, scorer=None)
    gold_of: dict[int, Counter[str]] = {}
    xs, ys = [], []
    for a, f, t in zip(stream, features, when, strict=True):
        cand = c.candidate_stories(f, t, full=True)
        truth = a.extra["story"]
        if len(cand["story"]):
            top = np.argsort(-cand["best"], kind="stable")[:top_k]
            labels = []
            for s in cand["story"][top].tolist():
                counts = gold_of[s]
                labels.append(counts[truth] * 2 > sum(counts.values()))
            xs.append(feature_matrix(cand, names)[top])
            ys.append(np.array(labels, dtype=bool))
        placed = c.add_features(f, when=t)
        story = c.story_of(placed.story)
        counts = gold_of.setdefault(story, Counter())
        for m in placed.merged:
            counts.update(gold_of.pop(m, Counter()))
        counts[truth] += 1
    return np.concatenate(xs), np.concatenate(ys)


def fit(x: np.ndarray, y: np.ndarray, use: list[bool]) -> tuple[tuple[float, ...], float]:
    """Logistic regression weights over the columns in ``use`` (0 for the others) and the intercept."""
    from sklearn.linear_model import LogisticRegression

    cols = np.flatnonzero(use)
    model = LogisticRegression(C=1.0, max_iter=2000).fit(x[:, cols], y)
    coef = np.zeros(x.shape[1])
    coef[cols] = model.coef_[0]
    return tuple(float(v) for v in coef), float(model.intercept_[0])


def replay(stream, features, when, scorer: StoryScorer | None) -> tuple[float, float, float]:
    """B-cubed P, R, F1 of the clusterer with ``scorer`` (None: the hand-set rule) over the stream, online."""
    c = OnlineClusterer(embedder=None, scorer=scorer)
    assigned = [c.add_features(f, when=t).story for f, t in zip(features, when, strict=True)]
    return bcubed([a.extra["story"] for a in stream], [c.story_of(s) for s in assigned])


def choose(stream, features, when, scorer: StoryScorer, dated: bool) -> tuple[LogisticModel, float]:
    """The join and bridge probabilities with the best F1 on the choice stream."""
    best: tuple[float, LogisticModel] | None = None
    m = scorer.model(dated)
    for threshold in (0.2, 0.3, 0.4, 0.5, 0.6):
        for merge in (0.9, 1.01):
            if merge <= threshold:
                continue
            cand = LogisticModel(m.coef, m.intercept, threshold, merge)
            trial = StoryScorer(scorer.features, cand if dated else scorer.dated, scorer.undated if dated else cand)
            f1 = replay(stream, features, when if dated else [None] * len(when), trial)[2]
            print(f"  {'dated' if dated else 'undated'} join>={threshold} bridge>={merge}: F1 {f1:.4f}", flush=True)
            if best is None or f1 > best[0]:
                best = (f1, cand)
    assert best is not None
    return best[1], best[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", default="12000:14000", help="train.src.gz lines of the training stream")
    ap.add_argument("--choose", default="14000:15000", help="train.src.gz lines of the choice stream")
    ap.add_argument("--days", type=float, default=92.0)
    ap.add_argument("--max-spread", type=float, default=14.0, help="longest mean delay of a story (days)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--features", default=",".join(FEATURES), help="comma-separated features (default: all)")
    ap.add_argument("--write", type=Path, help="write the model here (newsfuse.cluster.scorer.load_scorer)")
    args = ap.parse_args()
    names = tuple(args.features.split(","))
    if not (DATA / "multinews" / "train.src.gz").exists():
        sys.exit(f"data not found in {DATA} (see ../shared/data/README.md)")

    def lines(spec: str) -> range:
        lo, hi = (int(x) for x in spec.split(":"))
        return range(lo, hi)

    embedder = OnlineClusterer()
    t0 = time.perf_counter()
    streams = []
    duc = publication_order(read_labelled_stream([DATA / "duc2004-dev" / "dev.jsonl"]))
    for k, spec in enumerate((args.train, args.choose, "duc")):
        if spec == "duc":
            s = duc
        else:
            s = synthetic_stream(lines(spec), seed=args.seed + k, days=args.days, max_spread=args.max_spread)
        feats = []
        for start in range(0, len(s), 256):
            feats += embedder.features(s[start : start + 256])
        streams.append((s, feats, stream_times(s)))
        print(f"stream {spec}: {len(s)} articles, {len({a.extra['story'] for a in s})} stories", flush=True)
    x, y = training_rows(*streams[0], names)
    print(f"training rows: {len(y)} ({int(y.sum())} of the true story)", flush=True)
    dated = fit(x, y, [True] * len(names))
    undated = fit(x, y, [n not in TIME_FEATURES for n in names])
    scorer = StoryScorer(names, LogisticModel(*dated, 0.5, 0.9), LogisticModel(*undated, 0.5, 0.9))
    dated_model, _ = choose(*streams[1], scorer, dated=True)
    scorer = StoryScorer(names, dated_model, scorer.undated)
    undated_model, _ = choose(*streams[1], scorer, dated=False)
    note = (
        f"trained on Multi-News train.src.gz lines {args.train} (synthetic dates, seed {args.seed}, "
        f"{args.days:g} days, spreads 2 h to {args.max_spread:g} d); probabilities chosen on lines {args.choose}"
    )
    scorer = StoryScorer(names, dated_model, undated_model, note)
    print(scorer.to_json())
    for name, stream in (("choice stream", streams[1]), ("DUC 2004 dev", streams[2])):
        for label, sc in (("hand-set rule", None), ("learned scorer", scorer)):
            p, r, f = replay(*stream, sc)
            print(f"{name:14} {label:15} B-cubed P={p:.4f} R={r:.4f} F1={f:.4f}")
    print(f"{time.perf_counter() - t0:.0f} s")
    if args.write:
        args.write.write_text(scorer.to_json(), encoding="utf-8")
        print(f"wrote {args.write}")


if __name__ == "__main__":
    main()
