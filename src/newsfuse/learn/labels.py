"""Training labels from human references, with rouge-score's own tokenization (lower-case, Porter stems).

rouge-score stems every token on every call; here each distinct word is stemmed
once per process, which makes labelling tens of thousands of stories cheap.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy as np

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass
class RougeTokens:
    """rouge-score's tokenizer (``use_stemmer=True``) with a per-instance stem cache.

    >>> RougeTokens()("The officials were meeting in Beijing's hotels.")
    ['the', 'offici', 'were', 'meet', 'in', 'beij', 's', 'hotel']
    """

    cache: dict[str, str] = field(default_factory=dict)

    def __call__(self, text: str) -> list[str]:
        stemmer = _stemmer()
        out = []
        cache = self.cache
        for tok in _NON_ALNUM.sub(" ", text.lower()).split():
            stem = cache.get(tok)
            if stem is None:
                stem = cache[tok] = stemmer.stem(tok) if len(tok) > 3 else tok
            if stem:
                out.append(stem)
        return out


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    """rouge-score's stemmer (NLTK's Porter stemmer, which needs no downloaded data)."""
    from nltk.stem import porter

    return porter.PorterStemmer()


def _bigrams(tokens: Sequence[str]) -> Counter:
    return Counter(pairwise(tokens))


def sentence_gains(sentences: Sequence[str], reference: str, tokens: RougeTokens | None = None) -> np.ndarray:
    """Per sentence: (unigram precision, bigram precision, unigram recall, bigram recall) against the reference.

    Counts are clipped to the reference's counts, as ROUGE does.

    >>> g = sentence_gains(["Kim left Beijing.", "It rained."], "Kim left Beijing on Wednesday.")
    >>> [round(float(x), 2) for x in g[0]]
    [1.0, 1.0, 0.6, 0.5]
    """
    tok = tokens or RougeTokens()
    ref = tok(reference)
    ref1, ref2 = Counter(ref), _bigrams(ref)
    n1, n2 = max(1, len(ref)), max(1, len(ref) - 1)
    out = np.zeros((len(sentences), 4), dtype=np.float32)
    for k, s in enumerate(sentences):
        t = tok(s)
        c1, c2 = Counter(t), _bigrams(t)
        m1 = sum(min(c, ref1[w]) for w, c in c1.items())
        m2 = sum(min(c, ref2[b]) for b, c in c2.items())
        out[k] = (m1 / max(1, len(t)), m2 / max(1, len(t) - 1), m1 / n1, m2 / n2)
    return out


def greedy_oracle(sentences: Sequence[str], reference: str, words: int, tokens: RougeTokens | None = None) -> list[int]:
    """Sentences a greedy ROUGE-1+2 F1 oracle picks under the word budget (the usual extractive labels).

    >>> greedy_oracle(["Kim left Beijing.", "It rained.", "Kim met Xi in Beijing."],
    ...               "Kim met Xi and left Beijing.", words=8)
    [2, 0]
    """
    tok = tokens or RougeTokens()
    ref = tok(reference)
    ref1, ref2 = Counter(ref), _bigrams(ref)
    toks = [tok(s) for s in sentences]
    lengths = [len(s.split()) for s in sentences]
    chosen: list[int] = []
    have1: Counter = Counter()
    have2: Counter = Counter()
    used = 0
    best = 0.0

    def f1(c: Counter, r: Counter) -> float:
        m = sum(min(v, r[k]) for k, v in c.items())
        p, q = m / max(1, sum(c.values())), m / max(1, sum(r.values()))
        return 2 * p * q / (p + q) if m else 0.0

    while True:
        pick, pick_score = -1, best
        for k, t in enumerate(toks):
            if k in chosen or used + lengths[k] > words or not t:
                continue
            score = f1(have1 + Counter(t), ref1) + f1(have2 + _bigrams(t), ref2)
            if score > pick_score:
                pick, pick_score = k, score
        if pick < 0:
            return chosen
        chosen.append(pick)
        have1 += Counter(toks[pick])
        have2 += _bigrams(toks[pick])
        used += lengths[pick]
        best = pick_score
