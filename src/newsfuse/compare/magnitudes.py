"""Counts given as an order of magnitude: "hundreds of texts", "thousands of text messages".

Two outlets that count the same thing in different orders of magnitude cannot both be right:

>>> [(c.a_text, c.b_text) for c in magnitude_conflicts("They sent hundreds of texts.", "Thousands of texts, she said.")]
[('hundreds of texts', 'Thousands of texts')]
>>> [(c.a_text, c.b_text) for c in magnitude_conflicts("Hundreds of texts.", "Thousands of text messages over weeks.")]
[('Hundreds of texts', 'Thousands of text messages')]

Compounds ("tens of thousands", "hundreds of millions") span the plain words' ranges and are not read;
other nouns are other things:

>>> magnitude_conflicts("Thousands of people marched.", "Tens of thousands of people marched.")
[]
>>> magnitude_conflicts("Hundreds of people marched.", "Thousands of police officers watched.")
[]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .conflict import Conflict
from .text import STOP, lemma, words

# The power of ten each plain order-of-magnitude word stands for.
MAGNITUDES = {"dozens": 1, "hundreds": 2, "thousands": 3, "millions": 6, "billions": 9}
# Words that make a compound count with a magnitude word ("tens of thousands", "hundreds of millions").
_PREFIXES = frozenset(["tens", *MAGNITUDES])


@dataclass(frozen=True)
class Magnitude:
    """An order-of-magnitude count ("hundreds of texts"): offsets, text, the noun it counts (a lemma), power of ten."""

    start: int
    end: int
    text: str
    noun: str
    power: int


@lru_cache(maxsize=16384)
def magnitudes(text: str) -> tuple[Magnitude, ...]:
    """The plain order-of-magnitude counts of ``text`` ("hundreds of texts" -> noun ``text``, power 2)."""
    low = text.lower()
    if not any(word in low for word in MAGNITUDES):
        return ()
    toks = words(text)
    lows = [t.lower() for *_, t in toks]
    out = []
    for k, word in enumerate(lows):
        power = MAGNITUDES.get(word)
        if power is None or k + 2 >= len(lows) or lows[k + 1] != "of" or lows[k + 2] in MAGNITUDES:
            continue
        if k >= 2 and lows[k - 1] == "of" and lows[k - 2] in _PREFIXES:
            continue
        at = next(
            (j for j in range(k + 2, min(k + 5, len(lows))) if lows[j][:1].isalpha() and lows[j] not in STOP), None
        )
        if at is not None:
            last = at  # the text runs to the end of the noun phrase: "thousands of text messages"
            while last + 1 < min(at + 3, len(lows)) and lows[last][-1:].isalpha() and _word(lows[last + 1]):
                last += 1
            start, end = toks[k][0], toks[last][0] + len(toks[last][2].rstrip(".,;:!?"))
            out.append(Magnitude(start, end, text[start:end], lemma(lows[at]), power))
    return tuple(out)


def _word(low: str) -> bool:
    return low[:1].isalpha() and low.rstrip(".,;:!?") not in STOP


def magnitude_conflicts(a: str, b: str) -> list[Conflict]:
    """One ``number`` conflict for each noun that ``a`` and ``b`` count in different orders of magnitude."""
    out = []
    for x in magnitudes(a):
        for y in magnitudes(b):
            if x.noun == y.noun and x.power != y.power:
                out.append(Conflict("number", x.start, x.end, y.start, y.end, x.text, y.text))
                break
    return out
