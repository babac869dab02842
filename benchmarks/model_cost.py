"""What the learned selector adds to the per-story time: the whole pipeline with it and with MMRSelector.

CPU time (steady on a shared machine), best of --repeat passes, fresh pipelines per pass.  The two
pipelines take turns story by story (the order swapped every pass), so a busy spell on a shared
machine slows both alike; run one after the other, the share swung between 15% and 26%.

    OPENBLAS_NUM_THREADS=1 RAYON_NUM_THREADS=1 python3 benchmarks/model_cost.py
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsfuse.inputs import iter_multinews
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
    names = ["learned", "mmr"]
    for k in range(args.repeat):
        pipelines = {"learned": Pipeline(selector=LearnedSelector()), "mmr": Pipeline(selector=MMRSelector())}
        for pipeline in pipelines.values():
            pipeline.summarize(stories[0], args.words)  # loads the models
        seconds = dict.fromkeys(names, 0.0)
        for articles in stories:
            for name in names if k % 2 == 0 else names[::-1]:
                start = time.process_time()
                pipelines[name].summarize(articles, args.words)
                seconds[name] += time.process_time() - start
        ms = {name: seconds[name] / len(stories) * 1000 for name in names}
        added = 100 * (ms["learned"] / ms["mmr"] - 1)
        print(f"pass {k + 1}: learned {ms['learned']:.2f} ms, mmr {ms['mmr']:.2f} ms (+{added:.1f}%)")
        for name in names:
            best[name] = min(best.get(name, ms[name]), ms[name])
    share = best["learned"] / best["mmr"] - 1
    print(f"{len(stories)} stories of {args.src.name}, {args.words} words, CPU ms per story (best of {args.repeat})")
    print(f"learned {best['learned']:.2f} ms, mmr {best['mmr']:.2f} ms: the model adds {100 * share:.1f}%")


if __name__ == "__main__":
    main()
