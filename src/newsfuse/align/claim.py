"""Same claim, not same topic: whether one sentence states the main claim of another.

Sentences of one story share speakers, places and events; similarity alone lines up "Lu Kang said
Kim's visit had no bearing on trade talks" with "Lu Kang said Beijing supports efforts to end
tensions".  :func:`claim_score` reads what the two say beyond those shared names: the overlap of
their content words, of their *predicate* words (content words that are not names, numbers,
attribution or calendar words), the word order they share and the numbers they share, mixed with
the pipeline's similarity by a logistic model fitted on the dev half of the hand-labelled real pairs
(``benchmarks/data/claims.jsonl``; the test half is the reported figure).

>>> a = profile("Spokesman Lu Kang said Kim's visit had no bearing on US trade talks.")
>>> b = profile("Spokesman Lu Kang said Beijing remains supportive of efforts to end tensions.")
>>> c = profile("Lu Kang said the visit by Kim had no bearing on the trade talks with the US.")
>>> claim_score(a, b, 0.55) < CLAIM_THRESHOLD < claim_score(a, c, 0.7)
True
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass

from ..compare.text import STOP, lemma, words

# Attribution, modality and calendar words: shared by sentences that say different things.
FRAME_WORDS = frozenset(
    [
        "said",
        "say",
        "says",
        "told",
        "tell",
        "tells",
        "according",
        "report",
        "reported",
        "reports",
        "added",
        "adds",
        "statement",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "briefing",
        "news",
        "interview",
        "also",
        "would",
        "could",
        "will",
        "may",
        "might",
        "percent",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "week",
        "year",
        "day",
        "month",
        "today",
        "yesterday",
    ]
)
_NUMBER = re.compile(r"\d[\d,.]*")
# Logistic model over (similarity, content overlap min/Jaccard/max, predicate overlap min/max,
# shared predicate words / 8, token-sequence ratio, shared numbers); fitted on the dev split.
_WEIGHTS = (1.471, 1.036, 0.772, 0.905, 0.789, 0.971, 1.555, 1.649, 1.047)
_BIAS = -3.945
CLAIM_THRESHOLD = 0.5


@dataclass(frozen=True)
class Profile:
    """What :func:`claim_score` reads of one sentence (computed once per sentence)."""

    tokens: tuple[str, ...]
    content: frozenset[str]
    predicate: frozenset[str]
    numbers: frozenset[str]


def profile(text: str) -> Profile:
    """The lower-cased tokens, content lemmas, predicate stems and numbers of a sentence."""
    toks = [t for *_, t in words(text)]
    content_words, predicate = set(), set()
    for k, t in enumerate(toks):
        if not t[:1].isalpha() or t.lower() in STOP:
            continue
        lem = lemma(t)
        content_words.add(lem)
        if (k == 0 or not t[:1].isupper()) and lem not in FRAME_WORDS:
            predicate.add(lem[:6])
    numbers = frozenset(m.replace(",", "").rstrip(".") for m in _NUMBER.findall(text))
    return Profile(tuple(t.lower() for t in toks), frozenset(content_words), frozenset(predicate), numbers)


def _overlaps(x: frozenset[str], y: frozenset[str]) -> tuple[float, float, float, int]:
    inter = len(x & y)
    return (
        inter / max(1, min(len(x), len(y))),
        inter / max(1, len(x | y)),
        inter / max(1, max(len(x), len(y))),
        inter,
    )


def claim_features(a: Profile, b: Profile, similarity: float) -> tuple[float, ...]:
    """The model's inputs for a pair (see the module docstring)."""
    c_min, c_jac, c_max, _ = _overlaps(a.content, b.content)
    p_min, _, p_max, p_shared = _overlaps(a.predicate, b.predicate)
    ratio = difflib.SequenceMatcher(None, a.tokens, b.tokens, autojunk=False).ratio()
    shared = len(a.numbers & b.numbers) / min(len(a.numbers), len(b.numbers)) if a.numbers and b.numbers else 0.5
    return (similarity, c_min, c_jac, c_max, p_min, p_max, min(p_shared, 8) / 8, ratio, shared)


def claim_score(a: Profile, b: Profile, similarity: float) -> float:
    """Probability-like score that ``a`` and ``b`` state the same main claim."""
    z = _BIAS + sum(w * f for w, f in zip(_WEIGHTS, claim_features(a, b, similarity), strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def same_claim(a: str, b: str, similarity: float, threshold: float = CLAIM_THRESHOLD) -> bool:
    """Whether sentence ``b`` states the main claim of ``a`` (or the reverse), by :func:`claim_score`."""
    return claim_score(profile(a), profile(b), similarity) >= threshold
