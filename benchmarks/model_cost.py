"""What the learned selector adds to the per-story time: the whole pipeline with it and with MMRSelector.

CPU time (steady on a shared machine), best of --repeat passes, a fresh pipeline per pass.

    OPENBLAS_NUM_THREADS=1 RAYON_NUM_THREADS=1 python3 benchmarks/model_cost.py
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsfuse.ingest import iter_multinews
from newsfuse.pipeline import Pipeline
from newsfuse.select import LearnedSelector, MMRSelector

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, default=DATA / "val-full250.src")
    ap.add_argument("--words", type=int, default=250)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    stories = [a for a in iter_multinews(args.src) if a]
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, selector in (("learned", LearnedSelector()), ("mmr", MMRSelector())):
            pipeline = Pipeline(selector=selector)
            pipeline.summarize(stories[0], args.words)  # loads the models
            start = time.process_time()
            for articles in stories:
                pipeline.summarize(articles, args.words)
            ms = (time.process_time() - start) / len(stories) * 1000
            best[name] = min(best.get(name, ms), ms)
    share = best["learned"] / best["mmr"] - 1
    print(f"{len(stories)} stories of {args.src.name}, {args.words} words, CPU ms per story (best of {args.repeat})")
    print(f"learned {best['learned']:.2f} ms, mmr {best['mmr']:.2f} ms: the model adds {100 * share:.1f}%")


if __name__ == "__main__":
    main()
