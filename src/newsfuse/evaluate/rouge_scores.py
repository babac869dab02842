"""ROUGE as the project reports it: rouge-score, stemming on, Lsum over newline-joined sentences."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

METRICS = ("rouge1", "rouge2", "rougeLsum")


@lru_cache(maxsize=1)
def _scorer() -> Any:
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def reference_sentences(reference: str) -> list[str]:
    """The lines of a human reference, as the project's convention scores them.

    References are *not* re-split into sentences: a Multi-News reference is
    one line, and the figures in ``shared/data/README.md`` (Lead ROUGE-Lsum
    28.21 on val-full250) score it that way.  ``NEWLINE_CHAR`` and real
    newlines still separate lines.

    >>> reference_sentences("– One. Two. NEWLINE_CHAR Three.")
    ['– One. Two.', 'Three.']
    """
    lines = reference.replace("NEWLINE_CHAR", "\n").split("\n")
    return [line.strip() for line in lines if line.strip()]


def truncate_words(text: str, words: int) -> str:
    r"""The first ``words`` words of ``text``, line breaks kept (DUC's convention truncates every summary).

    >>> truncate_words("Kim left.\nHe met Xi there.", 4)
    'Kim left.\nHe met'
    """
    lines, kept = [], 0
    for line in text.split("\n"):
        if kept >= words:
            break
        tokens = line.split()
        lines.append(" ".join(tokens[: words - kept]))
        kept += min(len(tokens), words - kept)
    return "\n".join(lines)


# The ROUGE measures by name: (rouge-score's field, how a report names it).
MEASURES = {"f1": ("fmeasure", "F1"), "recall": ("recall", "recall"), "precision": ("precision", "precision")}


def score_references(
    summary: Sequence[str], references: Sequence[Sequence[str]], measure: str = "f1"
) -> dict[str, float]:
    """ROUGE ×100 of one summary against several human references, averaged over them.

    ``measure`` is ``"f1"`` (Multi-News' convention) or ``"recall"`` (DUC's: each reference scored
    alone, then the mean).  One reference gives :func:`rouge`'s figures.

    >>> s = score_references(["Kim left Beijing."], [["Kim left Beijing on Wednesday."], ["Kim left."]], "recall")
    >>> round(s["rouge1"], 1)
    80.0
    """
    field_ = MEASURES[measure][0]
    text = "\n".join(summary)
    sums = dict.fromkeys(METRICS, 0.0)
    for reference in references:
        scores = _scorer().score("\n".join(reference), text)
        for m in METRICS:
            sums[m] += getattr(scores[m], field_)
    n = max(1, len(references))
    return {m: 100.0 * v / n for m, v in sums.items()}


def recall_against(summary: str, references: Sequence[str]) -> dict[str, float]:
    """DUC's convention for one summary (newline-separated sentences) and its raw reference texts."""
    return score_references(summary.split("\n"), [reference_sentences(r) for r in references], "recall")


def rouge(summary: Sequence[str], reference: Sequence[str]) -> dict[str, float]:
    """F1 ×100 of ROUGE-1, ROUGE-2 and ROUGE-Lsum for one summary against one reference.

    >>> round(rouge(["Kim left Beijing."], ["Kim left Beijing on Wednesday."])["rouge1"], 1)
    75.0
    """
    scores = _scorer().score("\n".join(reference), "\n".join(summary))
    return {m: 100.0 * scores[m].fmeasure for m in METRICS}
