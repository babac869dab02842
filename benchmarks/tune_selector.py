"""Grid-search the MMR selector's weights on a *tuning slice* of Multi-News validation.

The defaults in `newsfuse.select.mmr.MMRSelector` were chosen with this script on stories
0..299 of `val.src` (the tuning slice); report figures with `newsfuse eval --skip 300` on the
rest of `val.src` and on `val-full250`, which this script never reads.

    python benchmarks/tune_selector.py --limit 300 --words 250
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

from newsfuse.evaluate import reference_sentences, rouge
from newsfuse.inputs import iter_lines, parse_multinews_line
from newsfuse.pipeline import Pipeline
from newsfuse.select import MMRSelector

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, default=DATA / "val.src")
    ap.add_argument("--tgt", type=Path, default=DATA / "val.tgt")
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--skip", type=int, default=0, help="skip the first N stories")
    ap.add_argument("--words", type=int, default=250)
    ap.add_argument(
        "--grid", default="support_weight=0,0.3,0.6;lead_weight=0.3,0.6,1.0;redundancy=0.3,0.6;max_overlap=0.5,0.65"
    )
    args = ap.parse_args()
    if not args.src.exists():
        print(f"tune_selector: {args.src} not found", file=sys.stderr)
        return 2
    pipeline = Pipeline()
    stories = []
    for k, (src, tgt) in enumerate(zip(iter_lines(args.src), iter_lines(args.tgt), strict=False)):
        if k < args.skip:
            continue
        if k >= args.skip + args.limit:
            break
        articles = parse_multinews_line(src)
        if articles:
            stories.append((pipeline.analyse(articles), reference_sentences(tgt)))
    grid = {
        name: [float(v) for v in values.split(",")]
        for name, values in (part.split("=") for part in args.grid.split(";"))
    }
    rows = []
    for values in itertools.product(*grid.values()):
        params = dict(zip(grid, values, strict=True))
        pipeline.selector = MMRSelector(**params)
        totals = {"rouge1": 0.0, "rouge2": 0.0}
        for analysis, reference in stories:
            summary = [s.text for s in pipeline.summarize_analysis(analysis, args.words).sentences]
            scores = rouge(summary, reference)
            totals["rouge1"] += scores["rouge1"]
            totals["rouge2"] += scores["rouge2"]
        r1, r2 = (totals[m] / len(stories) for m in ("rouge1", "rouge2"))
        rows.append((r1 + r2, r1, r2, params))
        print(f"R1 {r1:.2f} R2 {r2:.2f} {params}", flush=True)
    rows.sort(key=lambda r: -r[0])
    print("\nbest:")
    for _, r1, r2, params in rows[:5]:
        print(f"R1 {r1:.2f} R2 {r2:.2f} {params}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
