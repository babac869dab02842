"""Online story clustering on a shuffled Multi-News stream: B-cubed P/R/F1, adjusted Rand index, articles/s.

The stream: every article of the 250 full-length ``val-full250`` stories plus the first ``--val`` stories of
``val.src`` (those that are not also in val-full250), shuffled with ``--seed``; an article's true story is its
line.  ``--dedup`` first drops articles that the firehose would store once (near-duplicate copies, e.g. the
archive and Twitter boilerplate that Multi-News carries in many stories), as ingest does before clustering.

    python3 benchmarks/clustering.py                    # >= 2,000 articles, default embedder
    python3 benchmarks/clustering.py --dedup --jsonl /tmp/stream.jsonl   # also write the stream for eval-clustering
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
from newsfuse.ingest import iter_multinews
from newsfuse.types import Article

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "multinews"


def _key(summary: str) -> str:
    return re.sub(r"[^a-z0-9]", "", summary.lower().removeprefix("– "))[:80]


def build_stream(n_val: int = 700, seed: int = 0, data: Path = DATA) -> list[Article]:
    """Articles of val-full250 and val.src[:n_val] (without the stories both hold), shuffled; extra['story']."""
    if not (data / "val-full250.src").exists():
        sys.exit(f"Multi-News data not found in {data} (see ../shared/data/README.md)")
    in_full = {_key(line) for line in (data / "val-full250.tgt").read_text(encoding="utf-8").splitlines()}
    stories = [("full", i, arts) for i, arts in enumerate(iter_multinews(data / "val-full250.src"))]
    val_tgt = (data / "val.tgt").read_text(encoding="utf-8").splitlines()
    for i, (arts, tgt) in enumerate(zip(islice(iter_multinews(data / "val.src"), n_val), val_tgt, strict=False)):
        if _key(tgt) not in in_full:
            stories.append(("val", i, arts))
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--val", type=int, default=700, help="stories taken from val.src (default 700)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dedup", action="store_true", help="drop near-duplicate copies first, as ingest does")
    ap.add_argument("--embedder", default="default", help="default (WordLlama) or none (words only)")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--merge-threshold", type=float, default=None)
    ap.add_argument("--dense-weight", type=float, default=None)
    ap.add_argument("--jsonl", type=Path, help="also write the stream as JSONL with a 'story' label")
    args = ap.parse_args()
    stream = build_stream(args.val, args.seed)
    if args.dedup:
        stream = drop_copies(stream)
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as f:
            for a in stream:
                f.write(json.dumps({"id": a.id, "text": a.text, "story": a.extra["story"]}) + "\n")
    kw = {
        k: v
        for k, v in (
            ("threshold", args.threshold),
            ("merge_threshold", args.merge_threshold),
            ("dense_weight", args.dense_weight),
        )
        if v is not None
    }
    clusterer = OnlineClusterer(None if args.embedder == "none" else "default", **kw)
    clusterer.add_many(stream[:8])  # loads the embedding model outside the timing
    clusterer = OnlineClusterer(None if args.embedder == "none" else "default", **kw)
    start = time.perf_counter()
    assignments = clusterer.add_many(stream)
    seconds = time.perf_counter() - start
    scores = clustering_scores([a.extra["story"] for a in stream], final_labels(clusterer, assignments))
    print(
        f"articles={len(stream)} true_stories={int(scores['true_stories'])} "
        f"predicted_stories={int(scores['predicted_stories'])} dedup={args.dedup} "
        f"embedder={'none' if args.embedder == 'none' else type(clusterer.embedder).__name__}"
    )
    print(
        f"B-cubed P={scores['precision']:.4f} R={scores['recall']:.4f} F1={scores['f1']:.4f} "
        f"ARI={scores['ari']:.4f}  {len(stream) / seconds:.0f} articles/s ({seconds:.2f} s)"
    )


if __name__ == "__main__":
    main()
