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


def rouge(summary: Sequence[str], reference: Sequence[str]) -> dict[str, float]:
    """F1 ×100 of ROUGE-1, ROUGE-2 and ROUGE-Lsum for one summary against one reference.

    >>> round(rouge(["Kim left Beijing."], ["Kim left Beijing on Wednesday."])["rouge1"], 1)
    75.0
    """
    scores = _scorer().score("\n".join(reference), "\n".join(summary))
    return {m: 100.0 * scores[m].fmeasure for m in METRICS}
