"""Precision-first gates for flagged disagreements, measured on flags read by hand (issue 25).

    python3 benchmarks/flag_gate.py            # every gate on the dev reads, the fresh reads and the labelled set
    python3 benchmarks/flag_gate.py --list     # also print each read pair with its features
    python3 benchmarks/flag_gate.py --by-slice # one column per read slice instead of per role

A gate reads one flagged pair (two sentences of different outlets and the two conflicting values)
and says whether it is shown.  The features are about whether the two sentences state the same
claim and differ in one value:

- ``smin``: of the content words outside the conflicting values, the share found in the other
  sentence, the smaller of the two directions;
- ``left``: a content word among the three words before the value is also among the three words
  before the other value ("were killed 15" / "killed 12");
- ``window``: cosine of the default embedder's vectors for the three words on each side of each value
  (the values left out): do the values fill the same slot?
- ``negation_word``: a ``negation`` conflict whose versions hold a negation word (gate D is the rule
  ``find_disagreements`` applies: such conflicts are not listed).

Data: ``benchmarks/data/heldout_flags.jsonl`` (every conflicting pair the disagreement reader
returned on the read slices, one row per pair, ``flag`` naming the item it belongs to, ``real``
judged by reading both sentences; ``role``
dev = slices read before the gates were chosen, fresh = slices opened only to test frozen gates)
and ``benchmarks/data/disagreement_candidates.jsonl`` (the labelled real candidates; recall over
its 18 true ones, a candidate counting when one of its conflicts is shown).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsfuse.compare.disagree import compare_sentences
from newsfuse.compare.tokens import content, is_negation, words

DATA = Path(__file__).resolve().parent / "data"


def outside_words(sentence: str, start: int, end: int) -> set[str]:
    """Content lemmas of ``sentence`` outside the span ``start``..``end``."""
    return set(content([t for s, e, t in words(sentence) if e <= start or s >= end]))


def overlap_outside(a: str, sa: tuple[int, int], b: str, sb: tuple[int, int]) -> float:
    """Of each sentence's content words outside its value, the share the other sentence also has; the smaller."""
    wa, wb = outside_words(a, *sa), outside_words(b, *sb)
    shared = wa & wb
    return min(len(shared) / max(1, len(wa)), len(shared) / max(1, len(wb)))


def around(sentence: str, start: int, end: int, n: int = 3) -> tuple[list[str], list[str]]:
    """The ``n`` word tokens before and the ``n`` after the span ``start``..``end``."""
    toks = words(sentence)
    return [t for s, e, t in toks if e <= start][-n:], [t for s, e, t in toks if s >= end][:n]


def same_left_word(a: str, sa: tuple[int, int], b: str, sb: tuple[int, int]) -> bool:
    """A content word among the three before one value is among the three before the other."""
    return bool(set(content(around(a, *sa)[0])) & set(content(around(b, *sb)[0])))


@lru_cache(maxsize=1)
def _embedder():
    from newsfuse.embed import default_embedder

    return default_embedder()


def window_cosine(a: str, sa: tuple[int, int], b: str, sb: tuple[int, int]) -> float:
    """Cosine of the embedder's vectors of the words around each value (three each side, values left out)."""
    texts = []
    for sentence, span in ((a, sa), (b, sb)):
        before, after = around(sentence, *span)
        texts.append(" ".join(before + after))
    v = np.asarray(_embedder().embed(texts), dtype=float)
    v = v / (np.linalg.norm(v, axis=1, keepdims=True) + 1e-9)
    return float(v[0] @ v[1])


def _value(row: dict, side: str) -> str:
    """The conflicting text of one side of a read pair."""
    start, end = row[f"{side}_span"]
    return row[side][start:end]


def features(row: dict) -> dict:
    """The gate features of one read pair (``a``, ``b``, ``a_span``, ``b_span``, ``kind``)."""
    a, b, sa, sb = row["a"], row["b"], tuple(row["a_span"]), tuple(row["b_span"])
    return {
        "kind": row["kind"],
        "negation_word": row["kind"] == "negation"
        and any(is_negation(t) for side in ("a", "b") for *_, t in words(_value(row, side))),
        "smin": overlap_outside(a, sa, b, sb),
        "left": same_left_word(a, sa, b, sb),
        "window": window_cosine(a, sa, b, sb),
    }


# Each gate was frozen (written down with its dev figures) before any fresh slice was run with it.
GATES: dict[str, Callable[[dict], bool]] = {
    "none (all flags)": lambda f: True,
    "A: left or smin>=0.25": lambda f: f["left"] or f["smin"] >= 0.25,
    "B: left": lambda f: f["left"],
    "C: window>=0.65": lambda f: f["window"] >= 0.65,
    "D: no negation word": lambda f: not f["negation_word"],
}


def labelled_rows() -> list[dict]:
    """One row per conflict the reader finds in a labelled candidate, with its id and label."""
    out = []
    for line in (DATA / "disagreement_candidates.jsonl").read_text().splitlines():
        c = json.loads(line)
        for x in compare_sentences(c["a"], c["b"]):
            out.append(
                {
                    "id": c["id"],
                    "real": c["label"],
                    "kind": x.kind,
                    "a": c["a"],
                    "b": c["b"],
                    "a_span": [x.a_start, x.a_end],
                    "b_span": [x.b_start, x.b_end],
                }
            )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", action="store_true", help="print every read pair with its features")
    parser.add_argument("--by-slice", action="store_true", help="one column per slice instead of per role")
    args = parser.parse_args(argv)
    reads = [json.loads(x) for x in (DATA / "heldout_flags.jsonl").read_text().splitlines()]
    for r in reads:
        r["f"] = features(r)
    labelled = labelled_rows()
    for r in labelled:
        r["f"] = features(r)
    n_true = sum(1 for x in (DATA / "disagreement_candidates.jsonl").read_text().splitlines() if json.loads(x)["label"])
    key = "slice" if args.by_slice else "role"
    # A flag (one disagreement item) is shown when one of its pairs passes, real when one of them is real.
    flags: dict[tuple[str, str], list[dict]] = {}
    for r in reads:
        flags.setdefault((r["slice"], r["flag"]), []).append(r)
    roles = list(dict.fromkeys(r[key] for r in reads))
    print(
        "flags read by hand: " + ", ".join(f"{role} {sum(f[0][key] == role for f in flags.values())}" for role in roles)
    )
    print("each cell: flags shown, real ones shown (precision), real ones not shown")
    print(f"{'gate':24}" + "".join(f"{role:>24}" for role in roles) + "   labelled R")
    for name, gate in GATES.items():
        cells = []
        for role in roles:
            sel = [f for f in flags.values() if f[0][key] == role]
            shown = [f for f in sel if any(gate(r["f"]) for r in f)]
            real = sum(any(r["real"] for r in f) for f in shown)
            lost = sum(any(r["real"] for r in f) for f in sel) - real
            cells.append(f"{len(shown)}, {real} ({real / max(1, len(shown)):.0%}), {lost}")
        found = {r["id"] for r in labelled if r["real"] and gate(r["f"])}
        print(
            f"{name:24}" + "".join(f"{c:>24}" for c in cells) + f"   {len(found)}/{n_true} = {len(found) / n_true:.3f}"
        )
    if args.list:
        for r in reads:
            f = r["f"]
            print(
                f"{r['role']} {r['slice']} {r['line']} {r['kind']} real={r['real']} smin={f['smin']:.2f} "
                f"left={f['left']} window={f['window']:.2f}: {r['a_value']!r} / {r['b_value']!r}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
