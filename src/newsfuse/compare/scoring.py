"""Scores on the labelled sets: tests/data/ (disagreements.jsonl, timeline.jsonl, synthetic and mined)
and benchmarks/data/ (claims.jsonl, disagreement_candidates.jsonl: real pairs labelled by reading).

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


def score_real_disagreements(cases: list[dict[str, Any]], split: str | None = None) -> dict[str, Any]:
    """Precision and recall of ``compare_sentences`` on real candidates (``label`` true/false)."""
    converted = [
        {**c, "label": "contradiction" if c["label"] else "consistent", "kind": c.get("draw", "")} for c in cases
    ]
    return score_disagreements(converted, split)


def labelled_sentence(story: Any, doc_id: str, text: str) -> int | None:
    """The sentence of ``story`` that a labelled sentence of article ``doc_id`` is, or None.

    The sentence with exactly that text, else (the splitter now cuts page furniture off the
    labelled text: "Add Interest In the video, ...") the candidate sentence (not dropped by
    cleaning) that shares the most characters with the labelled span and lies at least half inside
    it.  None when the text is not in the article or only dropped sentences cover it.

    >>> from newsfuse.pipeline import Pipeline
    >>> from newsfuse.types import Article
    >>> st = Pipeline().analyse([Article("a", "Advertisement The rally drew 30,000 people on Sunday."),
    ...                          Article("b", "The rally drew 30,000 people.")])
    >>> st.sentences[labelled_sentence(st, "a", "Advertisement The rally drew 30,000 people on Sunday.")].text
    'The rally drew 30,000 people on Sunday.'
    """
    docs = [k for k, a in enumerate(story.articles) if a.id == doc_id]
    for i, s in enumerate(story.sentences):
        if s.doc in docs and s.text == text:
            return i
    best, best_overlap = None, 0
    for doc in docs:
        at = story.articles[doc].text.find(text)
        if at < 0:
            continue
        end = at + len(text)
        for i, s in enumerate(story.sentences):
            overlap = min(end, s.end) - max(at, s.start)
            if s.doc == doc and i not in story.labels and 2 * overlap >= s.end - s.start and overlap > best_overlap:
                best, best_overlap = i, overlap
    return best


def aligned_pairs(pairs: list[dict[str, Any]], stories: dict[str, list], pipeline) -> dict[str, bool]:
    """For each labelled pair, whether the pipeline puts its two sentences in one aligned fact.

    ``stories`` maps a story id to its articles; each story is analysed once.  Sentences are found
    by :func:`labelled_sentence`; a pair with a sentence the pipeline does not offer (dropped as page
    furniture, a headline) counts as not aligned.  A sentence of an article given twice
    (``story.repeats``) stands for the same sentence of the article it repeats: that one is aligned
    in its place, and a pair of the two copies is one sentence.
    """
    out: dict[str, bool] = {}
    by_story: dict[str, list[dict[str, Any]]] = {}
    for p in pairs:
        by_story.setdefault(p["story"], []).append(p)
    for sid, items in by_story.items():
        st = pipeline.analyse(stories[sid])
        fact = {i: f for f, fa in enumerate(st.facts) for i in fa.members}
        for p in items:
            ia, ib = labelled_sentence(st, p["doc_a"], p["a"]), labelled_sentence(st, p["doc_b"], p["b"])
            ia, ib = _stand_in(st, ia), _stand_in(st, ib)
            out[p["id"]] = ia is not None and ib is not None and (ia == ib or fact.get(ia, -1) == fact.get(ib, -2))
    return out


def _stand_in(story: Any, i: int | None) -> int | None:
    """Sentence ``i``, or when its article repeats another (``story.repeats``) that article's sentence
    at the same place (None when the splits differ)."""
    if i is None or story.sentences[i].doc not in story.repeats:
        return i
    original, place = story.repeats[story.sentences[i].doc], story.sentences[i].position
    plain = " ".join(story.sentences[i].text.split()).casefold()
    for k, s in enumerate(story.sentences):
        if s.doc == original and s.position == place:
            return k if " ".join(s.text.split()).casefold() == plain else None
    return None


def score_alignment(pairs: list[dict[str, Any]], aligned: dict[str, bool], split: str | None = None) -> dict[str, Any]:
    """Alignment precision and recall against the labels: only ``same`` pairs should share a fact.

    Also counts aligned ``partial`` pairs (lenient precision counts them right) and aligned
    ``contradict`` pairs (a contradiction counted as support).
    """
    sel = [p for p in pairs if split is None or p["split"] == split]
    tp = sum(1 for p in sel if aligned[p["id"]] and p["label"] == "same")
    fp = sum(1 for p in sel if aligned[p["id"]] and p["label"] != "same")
    fn = sum(1 for p in sel if not aligned[p["id"]] and p["label"] == "same")
    partial = sum(1 for p in sel if aligned[p["id"]] and p["label"] == "partial")
    contradict = sum(1 for p in sel if aligned[p["id"]] and p["label"] == "contradict")
    return {
        "n": len(sel),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "aligned_partial": partial,
        "aligned_contradict": contradict,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "lenient_precision": (tp + partial) / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "errors": [p["id"] for p in sel if aligned[p["id"]] != (p["label"] == "same")],
    }
