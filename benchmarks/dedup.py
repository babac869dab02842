"""Near-duplicate detection on an edited-copy set built from Multi-News val-full250: precision and recall.

Originals: every val-full250 article of >= 50 words (minus boilerplate that Multi-News repeats across stories,
which would make the truth ambiguous); other articles of the same story are the hard negatives.  For each
original, one copy with one of: re-wrapped lines, a paragraph dropped, a byline added, or all three.  The
stream (originals and copies) is shuffled; a copy counts as found when it is flagged as a copy of its original
(or the original as a copy of it, when the copy came first).  Any other flag is a false positive.

    python3 benchmarks/dedup.py
"""

from __future__ import annotations

import random
import re
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

from newsfuse.dedup import NearDuplicateIndex
from newsfuse.ingest import iter_multinews

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "multinews"
BYLINES = ["By Jane Doe, Associated Press", "By Staff Reporter | Reuters", "Posted by the news desk, 9:14 AM"]


def edit(text: str, kind: str, rng: random.Random) -> str:
    paras = [p for p in re.split(r"\n\s*", text) if p.strip()]
    if kind in {"drop", "all"} and len(paras) > 1:
        paras.pop(rng.randrange(len(paras)))
    if kind in {"byline", "all"}:
        paras.insert(0, rng.choice(BYLINES))
    if kind in {"rewrap", "all"}:
        width = rng.choice([60, 72, 80])
        return "\n\n".join(textwrap.fill(p, width) for p in paras)
    return "\n".join(paras)


def build(seed: int = 0) -> tuple[list[tuple[str, str]], dict[str, str]]:
    if not (DATA / "val-full250.src").exists():
        sys.exit(f"Multi-News data not found in {DATA}")
    arts = [(f"{i}-{a.id}", a.text) for i, story in enumerate(iter_multinews(DATA / "val-full250.src")) for a in story]
    head = Counter(re.sub(r"\W", "", t.lower())[:80] for _, t in arts)
    originals = [(k, t) for k, t in arts if len(t.split()) >= 50 and head[re.sub(r"\W", "", t.lower())[:80]] == 1]
    rng = random.Random(seed)
    kinds = ["rewrap", "drop", "byline", "all"]
    copies, truth = [], {}
    for n, (key, text) in enumerate(originals):
        kind = kinds[n % len(kinds)]
        copies.append((f"{key}~{kind}", edit(text, kind, rng)))
        truth[f"{key}~{kind}"] = key
    stream = originals + copies
    rng.shuffle(stream)
    return stream, truth


def main() -> None:
    stream, truth = build()
    index = NearDuplicateIndex()
    start = time.perf_counter()
    flags = {key: index.add(key, text) for key, text in stream}
    seconds = time.perf_counter() - start
    flagged = {k: v for k, v in flags.items() if v is not None}
    correct = sum(1 for k, v in flagged.items() if truth.get(k) == v or truth.get(v) == k)
    found = sum(1 for c, o in truth.items() if flags.get(c) == o or flags.get(o) == c)
    by_kind = Counter(c.rsplit("~", 1)[1] for c, o in truth.items() if flags.get(c) != o and flags.get(o) != c)
    print(f"articles={len(stream)} originals={len(stream) - len(truth)} copies={len(truth)} flagged={len(flagged)}")
    print(
        f"precision={correct / max(1, len(flagged)):.4f} recall={found / len(truth):.4f} "
        f"missed_by_edit={dict(by_kind)} {len(stream) / seconds:.0f} articles/s"
    )


if __name__ == "__main__":
    main()
