"""Page furniture on real data: how many segments each rule removes, with samples to read for false positives.

What it reports (nothing is asserted): for each data set (Multi-News val-full250, DUC 2004 dev by
default), the number of sentences the default splitter gives, and per furniture rule of
:mod:`newsfuse.clean.furniture` how many of them it labels, with a random sample of those, and the
articles that :func:`~newsfuse.clean.furniture.furniture_pages` drops as a whole.  Read the samples:
a rule that removes news sentences is a defect.  ``--summaries FILE`` (newsfuse summarize ... --format
jsonl output) instead lists the summary sentences that still break a rule.  Run from the repository root:

    PYTHONPATH=src python3 benchmarks/furniture.py --samples 8
    PYTHONPATH=src python3 benchmarks/furniture.py --rule caption --samples 40
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter, defaultdict
from pathlib import Path

from newsfuse.clean.furniture import furniture_labels, furniture_pages, furniture_rule
from newsfuse.inputs import iter_multinews
from newsfuse.split import default_splitter

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SETS = {
    "val-full250": DATA / "multinews" / "val-full250.src",
    "duc2004-dev": DATA / "duc2004-dev" / "dev.src",
}


def report(name: str, path: Path, samples: int, only: str | None, rng: random.Random) -> None:
    splitter = default_splitter()
    counts: Counter[str] = Counter()
    found: dict[str, list[str]] = defaultdict(list)
    pages: list[str] = []
    total = 0
    seconds = 0.0
    for k, story in enumerate(iter_multinews(path)):
        sentences = []
        for d, article in enumerate(story):
            sentences.extend(splitter.split(article, d))
        total += len(sentences)
        start = time.perf_counter()
        labels = furniture_labels(sentences)
        seconds += time.perf_counter() - start
        for i in labels:
            s = sentences[i]
            rule = furniture_rule(s.text) or "subhead"  # labelled from its place in the line
            counts[rule] += 1
            found[rule].append(f"[{k}.{s.doc}] {s.text[:200]}")
        for d, rule in furniture_pages(story, sentences, labels).items():
            first = next((s.text for s in sentences if s.doc == d), "")
            pages.append(f"[{k}.{d}] {rule}: {first[:120]}")
    removed = sum(counts.values())
    print(
        f"\n## {name}: {total} sentences, {removed} furniture ({100 * removed / max(1, total):.2f}%), "
        f"rules {1000 * seconds / max(1, k + 1):.2f} ms/story"
    )
    for rule, n in counts.most_common():
        if only and rule != only:
            continue
        print(f"\n### {rule}: {n}")
        for text in rng.sample(found[rule], min(samples, n)):
            print(f"  - {text}")
    print(f"\n### whole articles dropped: {len(pages)}")
    for line in pages:
        print(f"  - {line}")


def summaries(path: Path) -> None:
    counts: Counter[str] = Counter()
    for k, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        for s in json.loads(line)["sentences"]:
            rule = furniture_rule(s["text"])
            if rule is not None:
                counts[rule] += 1
                print(f"[{k}] {rule}: {s['text'][:200]}")
    print(f"\n{sum(counts.values())} summary sentences break a rule: {dict(counts)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=8, help="samples shown per rule")
    parser.add_argument("--rule", help="show this rule only")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--summaries", type=Path, help="check a summarize --format jsonl output instead")
    args = parser.parse_args()
    if args.summaries:
        summaries(args.summaries)
        return
    rng = random.Random(args.seed)
    for name, path in SETS.items():
        if not path.exists():
            print(f"{name}: {path} not found (see ../shared/data/README.md)")
            continue
        report(name, path, args.samples, args.rule, rng)


if __name__ == "__main__":
    main()
