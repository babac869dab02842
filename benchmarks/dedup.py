"""Near-duplicate detection on an edited-copy set built from Multi-News val-full250: precision and recall.

Originals: every val-full250 article of >= 50 words (minus boilerplate that Multi-News repeats across stories,
which would make the truth ambiguous); other articles of the same story are the hard negatives.  For each
original, one copy with one of: re-wrapped lines, a paragraph dropped, a byline added, or all three.  The
stream (originals and copies) is shuffled; a copy counts as found when it is flagged as a copy of its original
(or the original as a copy of it, when the copy came first).  Any other flag is a false positive.

Then the same stream as ingest sees it: a flagged copy whose numbers, dates or names differ from
its original is stored as an update, not swallowed (``copy_or_update``); precision and recall again.
Last, updates: for every original that states a number (or a weekday, or a name), a re-wrapped copy
with that one fact changed.  Each should be kept as its own article, linked as an update of its
original; none swallowed as a copy.

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

from newsfuse.dedup import NearDuplicateIndex, copy_or_update
from newsfuse.inputs import iter_multinews

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


FACT_EDITS = {
    "number": (re.compile(r"(?<![\d.,])(\d{1,3})(?![\d.,]\d)"), lambda m: str(int(m.group(1)) + 3)),
    "weekday": (
        re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
        lambda m: "Sunday" if m.group(1) != "Sunday" else "Monday",
    ),
    "name": (
        re.compile(r"(?<=[a-z,] )([A-Z][a-z]{3,})\b"),
        lambda m: "Okonkwo" if m.group(1) != "Okonkwo" else "Tanaka",
    ),
}


def updates(seed: int = 1) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Originals, and for each that has one, a re-wrapped copy with one number, weekday or name changed."""
    stream, _ = build()
    originals = [(k, t) for k, t in stream if "~" not in k]
    rng = random.Random(seed)
    changed, truth = [], {}
    for n, (key, text) in enumerate(originals):
        kind = list(FACT_EDITS)[n % len(FACT_EDITS)]
        pattern, replace = FACT_EDITS[kind]
        hits = list(pattern.finditer(text))
        if not hits:
            continue
        m = rng.choice(hits)
        edited = text[: m.start()] + replace(m) + text[m.end() :]
        changed.append((f"{key}~{kind}", edit(edited, "rewrap", rng)))
        truth[f"{key}~{kind}"] = key
    out = originals + changed
    rng.shuffle(out)
    return out, truth


def run(stream: list[tuple[str, str]], *, facts: bool) -> tuple[dict[str, str | None], dict[str, str | None], float]:
    """``(copy_of, update_of, seconds)`` per key; ``facts=False``: MinHash alone, as before updates."""
    index = NearDuplicateIndex()
    texts = dict(stream)
    copy_of: dict[str, str | None] = {}
    update_of: dict[str, str | None] = {}
    start = time.perf_counter()
    for key, text in stream:
        sig = index.signature(text)
        found = index.matches(sig)
        if facts:
            copy_of[key], update_of[key] = copy_or_update(text, [(k, texts[k]) for k in found])
        else:
            copy_of[key], update_of[key] = (found[0] if found else None), None
        if copy_of[key] is None:
            index.insert(key, sig)
    return copy_of, update_of, time.perf_counter() - start


def scores(flags: dict[str, str | None], truth: dict[str, str]) -> tuple[int, float, float, Counter]:
    flagged = {k: v for k, v in flags.items() if v is not None}
    correct = sum(1 for k, v in flagged.items() if truth.get(k) == v or truth.get(v) == k)
    found = sum(1 for c, o in truth.items() if flags.get(c) == o or flags.get(o) == c)
    missed = Counter(c.rsplit("~", 1)[1] for c, o in truth.items() if flags.get(c) != o and flags.get(o) != c)
    return len(flagged), correct / max(1, len(flagged)), found / max(1, len(truth)), missed


def main() -> None:
    stream, truth = build()
    print(f"articles={len(stream)} originals={len(stream) - len(truth)} copies={len(truth)}")
    for label, facts in (("minhash only", False), ("with update check", True)):
        copy_of, _, seconds = run(stream, facts=facts)
        n, precision, recall, missed = scores(copy_of, truth)
        print(
            f"{label}: flagged={n} precision={precision:.4f} recall={recall:.4f} "
            f"missed_by_edit={dict(missed)} {len(stream) / seconds:.0f} articles/s"
        )
    stream, truth = updates()
    kinds = dict(Counter(k.rsplit("~", 1)[1] for k in truth))
    print(f"updates: articles={len(stream)} changed copies={len(truth)} {kinds}")
    for label, facts in (("minhash only", False), ("with update check", True)):
        copy_of, update_of, _ = run(stream, facts=facts)
        swallowed = sum(1 for c, o in truth.items() if copy_of.get(c) == o or copy_of.get(o) == c)
        linked = sum(1 for c, o in truth.items() if update_of.get(c) == o or update_of.get(o) == c)
        wrong = sum(1 for k, v in update_of.items() if v is not None and truth.get(k) != v and truth.get(v) != k)
        print(
            f"{label}: swallowed as copies={swallowed}/{len(truth)} kept as linked updates={linked}/{len(truth)} "
            f"updates linked to the wrong article={wrong}"
        )


if __name__ == "__main__":
    main()
