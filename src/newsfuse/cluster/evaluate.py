"""Clustering scores: B-cubed precision/recall/F1 (per article, averaged) and the adjusted Rand index.

>>> s = clustering_scores(["a", "a", "b", "b"], [1, 1, 1, 2])
>>> round(s["precision"], 3), round(s["recall"], 3), round(s["f1"], 3)
(0.667, 0.75, 0.706)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence


def bcubed(truth: Sequence[Hashable], predicted: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998)."""
    if len(truth) != len(predicted):
        raise ValueError("truth and predicted must have the same length")
    if not truth:
        return 0.0, 0.0, 0.0
    pairs = Counter(zip(truth, predicted, strict=True))
    by_truth, by_pred = Counter(truth), Counter(predicted)
    p = sum(n * n / by_pred[b] for (_, b), n in pairs.items()) / len(truth)
    r = sum(n * n / by_truth[a] for (a, _), n in pairs.items()) / len(truth)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def clustering_scores(truth: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed P/R/F1, adjusted Rand index and the story counts."""
    from sklearn.metrics import adjusted_rand_score

    p, r, f = bcubed(truth, predicted)
    codes_t = {k: i for i, k in enumerate(dict.fromkeys(truth))}
    codes_p = {k: i for i, k in enumerate(dict.fromkeys(predicted))}
    ari = float(adjusted_rand_score([codes_t[t] for t in truth], [codes_p[q] for q in predicted])) if truth else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "ari": ari,
        "articles": float(len(truth)),
        "true_stories": float(len(codes_t)),
        "predicted_stories": float(len(codes_p)),
    }
