"""Repeats in newsfuse's summaries: pairs of summary units that state one claim in different words.

For every story (val-full250 at 250 words by default; DUC 2004 dev with ``--duc``, 100 words) it
summarizes with the default pipeline and reads each pair of summary units (what the selection
stated: ``StoryState.stated``).  Two units *repeat* when a sentence of one restates a sentence of the
other, either way, by :meth:`newsfuse.select.repeats.Repeats.pair` (aligned into one fact, or the
align stage's claim score over the thresholds of :func:`newsfuse.select.repeats.restates` with little
added).  The selection skips a fact whose own sentence restates one already stated; context sentences
of units and restatements that come first are not skipped, so repeats remain.  ``--off`` summarizes
with that rule off (the figures before it), so both counts come from the one test.  ``--near`` also
counts pairs of a claim score of at least that value (no threshold rule): what a looser reader would flag.

``--sample N`` writes N flagged pairs (seeded) to ``--out`` for reading by hand.

    PYTHONPATH=src python3 benchmarks/redundancy.py --off --sample 30 --out /tmp/repeats-before.txt
    PYTHONPATH=src python3 benchmarks/redundancy.py
    PYTHONPATH=src python3 benchmarks/redundancy.py --duc [--off]

Exits 2 with one line when the data file is missing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SRC = DATA / "multinews" / "val-full250.src"
DUC = DATA / "duc2004-dev" / "dev.src"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path)
    ap.add_argument("--duc", action="store_true", help="DUC 2004 dev (dev.src) at 100 words")
    ap.add_argument("--words", type=int)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--off", action="store_true", help="selection without the repeats rule (the figures before it)")
    ap.add_argument("--near", type=float, default=0.4, help="also count pairs of at least this claim score")
    ap.add_argument("--sample", type=int, default=0, help="write N random flagged pairs for reading")
    ap.add_argument("--out", type=Path, default=Path("reports/repeats-sample.txt"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    src = args.src or (DUC if args.duc else SRC)
    words = args.words or (100 if args.duc else 250)
    if not src.is_file():
        sys.stderr.write(f"redundancy.py: error: {src} not found\n")
        return 2

    from newsfuse.inputs import iter_lines, parse_multinews_line
    from newsfuse.pipeline import Pipeline
    from newsfuse.select import LearnedSelector
    from newsfuse.select.repeats import Repeats

    pipeline = Pipeline(selector=LearnedSelector(repeats=not args.off))
    stories = units = pairs = flagged = near = 0
    with_repeat: set[int] = set()
    found: list[str] = []
    for k, line in enumerate(iter_lines(src)):
        if args.limit is not None and k >= args.limit:
            break
        articles = parse_multinews_line(line)
        if not articles:
            continue
        story = pipeline.analyse(articles)
        if not pipeline.summarize_analysis(story, words).sentences:
            continue
        stories += 1
        spans = sorted(story.stated.values())
        units += len(spans)
        claims = Repeats(story)
        for a, b in itertools.combinations(spans, 2):
            pairs += 1
            both = [(i, j) for i in range(a[0], a[1] + 1) for j in range(b[0], b[1] + 1)]
            hit = next(((i, j) for i, j in both if claims.pair(i, j) or claims.pair(j, i)), None)
            close = any(claims.score(i, j) >= args.near for i in range(a[0], a[1] + 1) for j in range(b[0], b[1] + 1))
            near += close
            if hit is None:
                continue
            flagged += 1
            with_repeat.add(k)
            i, j = hit
            si, sj = story.sentences[i], story.sentences[j]
            score = claims.score(i, j)
            kind = "one fact" if claims.one_fact(i, j) else ("same article" if si.doc == sj.doc else "other article")
            found.append(
                f"=== story {k} ({kind}, claim {score:.2f})\n  A: {' '.join(si.text.split())}\n"
                f"  B: {' '.join(sj.text.split())}\n"
            )
    result = {
        "source": str(src.name),
        "words": words,
        "repeats_rule": not args.off,
        "stories": stories,
        "units": units,
        "unit_pairs": pairs,
        "repeated_pairs": flagged,
        "summaries_with_a_repeat": len(with_repeat),
        "repeats_per_summary": round(flagged / max(1, stories), 3),
        f"pairs_claim_score_at_least_{args.near}": near,
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    if args.sample and found:
        rng = random.Random(args.seed)
        picked = sorted(rng.sample(range(len(found)), min(args.sample, len(found))))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(found[p] for p in picked), encoding="utf-8")
        print(f"{len(picked)} flagged pairs written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
