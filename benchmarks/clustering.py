"""Online story clustering on a shuffled Multi-News stream: B-cubed P/R/F1, adjusted Rand index, articles/s.

The stream: every article of the 250 full-length ``val-full250`` stories plus the first ``--val`` stories of
``val.src`` (those that are not also in val-full250), shuffled with ``--seed``; an article's true story is its
line.  ``--dedup`` first drops articles that the firehose would store once (near-duplicate copies, e.g. the
archive and Twitter boilerplate that Multi-News carries in many stories), as ingest does before clustering.

    python3 benchmarks/clustering.py --split tune       # the stream the settings were chosen on
    python3 benchmarks/clustering.py --split heldout    # the other half of val (the figure to quote)
    python3 benchmarks/clustering.py --dedup --jsonl /tmp/stream.jsonl   # also write the stream for eval-clustering
    python3 benchmarks/clustering.py --split tune --set threshold=0.16   # try a setting
    python3 benchmarks/clustering.py --ceiling          # also what word scores can carry at best

Speed is articles per second of this process's CPU time (``time.process_time``) and of wall time; the
machine is shared, so both are printed with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from itertools import islice
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")

from newsfuse.cluster import OnlineClusterer, clustering_scores, final_labels
from newsfuse.inputs import iter_multinews
from newsfuse.types import Article

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "multinews"


def _key(summary: str) -> str:
    return re.sub(r"[^a-z0-9]", "", summary.lower().removeprefix("– "))[:80]


# The two halves of the validation split: settings are tuned on the first and checked on the second.
SPLITS = {"tune": (0, 2811), "heldout": (2811, 5622)}


def build_stream(split: str = "tune", n_val: int = 800, seed: int = 0, data: Path = DATA) -> list[Article]:
    """A shuffled stream of Multi-News articles with ``extra['story']`` = the story's line.

    ``tune`` / ``heldout``: the stories of one half of ``val.src`` (lines 0-2810 / 2811-5621): the
    val-full250 stories that fall in that half, in their full-length form, plus the first ``n_val`` lines
    of the half that are not in val-full250 (truncated form).  The halves share no story.  ``legacy``: the
    stream of the first version of this script (all of val-full250 plus val.src[:n_val] minus the overlap),
    which mixes both halves.
    """
    if not (data / "val-full250.src").exists():
        sys.exit(f"Multi-News data not found in {data} (see ../shared/data/README.md)")
    val_keys = {_key(t): i for i, t in enumerate((data / "val.tgt").read_text(encoding="utf-8").splitlines())}
    full_lines = [val_keys[_key(t)] for t in (data / "val-full250.tgt").read_text(encoding="utf-8").splitlines()]
    lo, hi = SPLITS.get(split, (0, 5622))
    stories = [
        ("full", i, arts) for i, arts in enumerate(iter_multinews(data / "val-full250.src")) if lo <= full_lines[i] < hi
    ]
    skip = set(full_lines)
    wanted = range(lo, lo + n_val)
    for line, arts in enumerate(islice(iter_multinews(data / "val.src"), wanted.stop)):
        if line in wanted and line not in skip:
            stories.append(("val", line, arts))
    stream = [
        Article(id=f"{name}{line}-{a.id}", text=a.text, extra={"story": f"{name}{line}"})
        for name, line, arts in stories
        for a in arts
    ]
    random.Random(seed).shuffle(stream)
    return stream


def drop_copies(stream: list[Article]) -> list[Article]:
    """The articles the firehose's dedup keeps (first of each near-duplicate group)."""
    from newsfuse.dedup import NearDuplicateIndex

    index = NearDuplicateIndex()
    return [a for a in stream if index.add(a.id, a.text) is None]


def word_ceiling(stream: list[Article], thresholds: tuple[float, ...] = (0.05, 0.1, 0.14)) -> dict[str, float]:
    """B-cubed F1 of an oracle that links every same-story pair whose word score is >= t (and nothing else).

    Word score: cosine of the clusterer's word counts with TF-IDF weights from the whole stream.  The
    stories are the connected components of those links, so precision is 1 and only the recall that the
    words can carry is lost: a rough upper bound for any clusterer that needs a word score >= t to join.
    """
    import numpy as np
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    from newsfuse.cluster import article_words, bcubed

    counts = [article_words(a) for a in stream]
    vocab: dict[str, int] = {}
    rows, cols, tfs = [], [], []
    for i, c in enumerate(counts):
        for w, k in c.items():
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
            tfs.append(1.0 + np.log(k))
    x = sparse.csr_matrix((tfs, (rows, cols)), shape=(len(stream), len(vocab)))
    df = np.bincount(cols, minlength=len(vocab))
    x = x @ sparse.diags(np.log((len(stream) + 1) / (df + 1)) + 1.0)
    x = sparse.diags(1.0 / np.maximum(sparse.linalg.norm(x, axis=1), 1e-12)) @ x
    sim = (x @ x.T).tocoo()
    truth = [a.extra["story"] for a in stream]
    same = np.array([truth[i] == truth[j] for i, j in zip(sim.row, sim.col, strict=True)], dtype=bool)
    # How often the most similar earlier article is of the article's own story (when it has one earlier).
    dense = sim.toarray()
    hits = total = 0
    for i in range(1, len(stream)):
        earlier = [j for j in range(i) if truth[j] == truth[i]]
        if earlier:
            total += 1
            hits += truth[int(np.argmax(dense[i, :i]))] == truth[i]
    out = {"nearest_is_same_story": hits / max(total, 1)}
    for t in thresholds:
        keep = same & (sim.data >= t)
        links = sparse.coo_matrix((np.ones(keep.sum()), (sim.row[keep], sim.col[keep])), shape=sim.shape)
        _, labels = connected_components(links, directed=False)
        out[f"oracle_f1_t{t}"] = bcubed(truth, labels.tolist())[2]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["tune", "heldout", "legacy"], default="heldout", help="default heldout")
    ap.add_argument("--val", type=int, default=None, help="val.src stories per stream (default 800; legacy 700)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dedup", action="store_true", help="drop near-duplicate copies first, as ingest does")
    ap.add_argument("--embedder", default="default", help="default (WordLlama) or none (words only)")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="an OnlineClusterer setting")
    ap.add_argument("--jsonl", type=Path, help="also write the stream as JSONL with a 'story' label")
    ap.add_argument(
        "--no-full250", action="store_true", help="leave out the val-full250 stories (the legacy stream had them all)"
    )
    ap.add_argument("--ceiling", action="store_true", help="also print the word-score oracle (see word_ceiling)")
    args = ap.parse_args()
    n_val = args.val or (700 if args.split == "legacy" else 800)
    stream = build_stream(args.split, n_val, args.seed)
    if args.no_full250:
        stream = [a for a in stream if not a.extra["story"].startswith("full")]
    if args.dedup:
        stream = drop_copies(stream)
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as f:
            for a in stream:
                f.write(json.dumps({"id": a.id, "text": a.text, "story": a.extra["story"]}) + "\n")
    kw = {name: float(value) for name, value in (item.split("=", 1) for item in args.set)}
    embedder = None if args.embedder == "none" else "default"
    OnlineClusterer(embedder, **kw).add_many(stream[:8])  # loads the embedding model outside the timing
    clusterer = OnlineClusterer(embedder, **kw)
    load = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), time.process_time()
    assignments = clusterer.add_many(stream)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    scores = clustering_scores([a.extra["story"] for a in stream], final_labels(clusterer, assignments))
    print(
        f"split={args.split} articles={len(stream)} true_stories={int(scores['true_stories'])} "
        f"predicted_stories={int(scores['predicted_stories'])} dedup={args.dedup} "
        f"embedder={'none' if args.embedder == 'none' else type(clusterer.embedder).__name__} "
        f"settings={kw or 'default'}"
    )
    print(f"B-cubed P={scores['precision']:.4f} R={scores['recall']:.4f} F1={scores['f1']:.4f} ARI={scores['ari']:.4f}")
    print(
        f"speed: {len(stream) / cpu:.0f} articles/s of CPU time ({cpu:.2f} s), {len(stream) / wall:.0f} articles/s "
        f"wall ({wall:.2f} s); load average {load:.1f} -> {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    if args.ceiling:
        print("word-score ceiling: " + ", ".join(f"{k}={v:.4f}" for k, v in word_ceiling(stream).items()))


if __name__ == "__main__":
    main()
