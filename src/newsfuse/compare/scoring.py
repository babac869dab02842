"""Scores on the labelled sets under tests/data/ (disagreements.jsonl, timeline.jsonl).

Used by ``benchmarks/cross_source.py`` (prints the figures) and the quality tests (assert them).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from .disagree import compare_sentences
from .timeline import article_anchor, find_dates


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def score_disagreements(cases: list[dict[str, Any]], split: str | None = None) -> dict[str, Any]:
    """Precision and recall of ``compare_sentences`` on the cases (``label`` contradiction|consistent)."""
    tp = fp = fn = tn = 0
    errors = []
    for case in cases:
        if split and case["split"] != split:
            continue
        found = compare_sentences(
            case["a"], case["b"], article_anchor(case.get("date_a")), article_anchor(case.get("date_b"))
        )
        predicted, gold = bool(found), case["label"] == "contradiction"
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
        tn += not gold and not predicted
        if predicted != gold:
            errors.append({"id": case["id"], "kind": case["kind"], "found": [c.kind for c in found]})
    return {
        "n": tp + fp + fn + tn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "errors": errors,
    }


def resolve_expression(text: str, expression: str, published: str | None, today: date | None = None) -> str | None:
    """What the resolver makes of ``expression`` inside ``text`` (None: not resolved or not found)."""
    start = text.index(expression)
    end = start + len(expression)
    for m in find_dates(text, article_anchor(published, today)):
        if m.start < end and m.end > start:
            return m.value
    return None


def score_timeline(cases: list[dict[str, Any]], split: str | None = None, today: date | None = None) -> dict[str, Any]:
    """Share of expressions resolved to exactly the labelled value."""
    n = ok = 0
    errors = []
    for case in cases:
        if split and case["split"] != split:
            continue
        got = resolve_expression(case["text"], case["expression"], case["published"], today)
        n += 1
        if got == case["expected"]:
            ok += 1
        else:
            errors.append({"id": case["id"], "expected": case["expected"], "got": got})
    return {"n": n, "correct": ok, "accuracy": ok / n if n else 1.0, "errors": errors}
