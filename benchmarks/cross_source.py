"""Figures of the cross-source analysis on the labelled sets (issue 6).

    python3 benchmarks/cross_source.py            # disagreement P/R and timeline accuracy, dev and test
    python3 benchmarks/cross_source.py --errors   # also list the cases it gets wrong

Disagreement detection: tests/data/disagreements.jsonl (sentence pairs from different outlets,
label contradiction|consistent, split dev|test).  Timeline: tests/data/timeline.jsonl (date
expressions with their article's date and the labelled resolution).  The rules were tuned on the
dev split only; test is the figure to report.  Also times the analysis of a table-like story with
thousands of numbers (bounded work).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from newsfuse.compare import analyse
from newsfuse.compare.scoring import load_jsonl, score_disagreements, score_timeline
from newsfuse.pipeline import Pipeline
from newsfuse.types import Article

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def table_story(rows: int = 3000) -> list[Article]:
    """Two outlets publishing the same long table of figures (a bad-input case)."""
    a = "\n".join(f"District {k}: {k * 37 % 9973} votes, {k % 97}.{k % 10} percent turnout." for k in range(rows))
    b = "\n".join(f"District {k}: {k * 41 % 9967} votes, {k % 89}.{k % 10} percent turnout." for k in range(rows))
    return [Article("a", a, source="A", published="2024-11-06"), Article("b", b, source="B", published="2024-11-06")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list the misjudged cases")
    args = parser.parse_args(argv)
    pairs = load_jsonl(DATA / "disagreements.jsonl")
    dates = load_jsonl(DATA / "timeline.jsonl")
    print(f"disagreement detection ({len(pairs)} labelled pairs)")
    print("split  n    TP  FP  FN  TN  precision  recall")
    for split in ("dev", "test", None):
        r = score_disagreements(pairs, split)
        name = split or "all"
        print(
            f"{name:5}  {r['n']:<4} {r['tp']:<3} {r['fp']:<3} {r['fn']:<3} {r['tn']:<3} "
            f"{r['precision']:.3f}      {r['recall']:.3f}"
        )
        if args.errors and split:
            for e in r["errors"]:
                print("   ", e)
    print(f"\ntimeline resolution ({len(dates)} labelled expressions)")
    for split in ("dev", "test", None):
        r = score_timeline(dates, split)
        print(f"{split or 'all':5}  {r['correct']}/{r['n']} = {r['accuracy']:.3f}")
        if args.errors and split:
            for e in r["errors"]:
                print("   ", e)
    story = Pipeline().analyse(table_story())
    t0 = time.perf_counter()
    cross = analyse(story)
    took = time.perf_counter() - t0
    print(
        f"\ntable-like story: {len(story.sentences)} sentences, {len(story.rows)} analysed; analysis took {took:.1f}s, "
        f"{len(cross.disagreements)} disagreements; notes: {cross.notes}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
