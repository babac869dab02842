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


def table_story(rows: int = 3000, one_line: bool = False) -> list[Article]:
    """Two outlets publishing the same long table of figures (a bad-input case).

    ``one_line`` writes each table as a single run-on sentence (rows joined by semicolons).
    """
    end, sep = (";", " ") if one_line else (".", "\n")
    a = sep.join(f"District {k}: {k * 37 % 9973} votes, {k % 97}.{k % 10} percent turnout{end}" for k in range(rows))
    b = sep.join(f"District {k}: {k * 41 % 9967} votes, {k % 89}.{k % 10} percent turnout{end}" for k in range(rows))
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
    for name, articles in (
        ("table, one row a line", table_story()),
        ("table, one giant line", table_story(one_line=True)),
    ):
        story = Pipeline().analyse(articles)
        t0 = time.perf_counter()
        cross = analyse(story)
        took = time.perf_counter() - t0
        print(
            f"\n{name}: {sum(a.text.count('%') + a.text.count('votes') for a in articles)} figures, "
            f"{len(story.rows)} candidate sentences; analysis {took:.1f}s; {len(cross.disagreements)} disagreements, "
            f"{len(cross.numbers)} key numbers; notes: {cross.notes}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
