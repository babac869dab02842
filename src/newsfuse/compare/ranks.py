"""Ranks: "Syria's largest city" / "Syria's second biggest city", "the 14 highest mountains" / "the 14th highest peak".

A rank is a superlative with its place (1 when bare, "second", "14th") or a top-N set ("the 14
highest mountains"), and the possessive that scopes it ("the world's", "Syria's").  Two sentences
disagree on a rank when they give the same superlative in the same scope different places, or the
same number once as a place and once as a set.

>>> [(c.a_text, c.b_text) for c in rank_conflicts("Aleppo, Syria's largest city, was hit.",
...                                                "Aleppo, Syria's second biggest city, was hit.")]
[("Syria's largest", "Syria's second biggest")]
>>> rank_conflicts("Aleppo, Syria's largest city, was hit.", "Aleppo, Syria's biggest city, was hit.")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text.lexicon import NUMBER_WORDS as _SMALL
from .conflict import Conflict

# Superlatives and the scale they rank on ("biggest" and "largest" are one).
_SCALES = {
    "largest": "size",
    "biggest": "size",
    "smallest": "small",
    "highest": "height",
    "tallest": "height",
    "lowest": "low",
    "longest": "length",
    "shortest": "short",
    "oldest": "age",
    "youngest": "young",
    "richest": "wealth",
    "wealthiest": "wealth",
    "poorest": "poor",
    "busiest": "busy",
    "deadliest": "deadly",
    "costliest": "cost",
    "greatest": "great",
    "best": "good",
    "worst": "bad",
    "fastest": "fast",
    "heaviest": "heavy",
    "deepest": "deep",
    "strongest": "strong",
    "most populous": "population",
    "most populated": "population",
}
_ORDINAL_WORDS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_NOT_SCOPES = frozenset({"it", "that", "there", "what", "who", "he", "she", "here", "this"})
_SUP = "|".join(sorted((re.escape(k) for k in _SCALES), key=len, reverse=True))
_PLACE = r"\d{1,3}(?:st|nd|rd|th)|" + "|".join(_ORDINAL_WORDS)
_COUNT = r"\d{1,3}|" + "|".join(k for k, v in _SMALL.items() if 2 <= v <= 20)
_SUP_RE = re.compile(r"\b(?P<sup>" + _SUP + r")\b(?:\s+(?P<noun>[a-z]+))?", re.IGNORECASE)
# What may stand right before a superlative: the scope ("Syria's") and a place or a count.
_LEAD_RE = re.compile(
    r"(?:\b(?P<scope>[\w.]+)['’]s\s+)?(?:(?P<place>" + _PLACE + r")[\s-]+|(?P<count>" + _COUNT + r")\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Rank:
    """A superlative in a sentence: ``place`` (1 when bare) or ``top`` (a set of the top N)."""

    start: int
    end: int
    scope: str
    scale: str
    place: int | None
    top: int | None


def ranks(sentence: str) -> list[Rank]:
    """The ranks a sentence states, with their scope (empty when no possessive scopes them)."""
    return list(_ranks(sentence))


@lru_cache(maxsize=4096)
def _ranks(sentence: str) -> tuple[Rank, ...]:
    # Memoised: one sentence is compared with many.
    out = []
    for m in _SUP_RE.finditer(sentence):
        lo = max(0, m.start() - 40)
        lead = _LEAD_RE.search(sentence, lo, m.start())
        if lead is None or lead.start() == lead.end():
            scope = place = count = ""
            start = m.start()
        else:
            scope, place, count = (lead.group(g) or "" for g in ("scope", "place", "count"))
            start = lead.start()
        scope = scope.lower()
        if scope in _NOT_SCOPES:
            scope = ""
        scale = _SCALES[re.sub(r"\s+", " ", m.group("sup").lower())]
        if count:
            raw = count.lower()
            n = int(raw) if raw.isdigit() else _SMALL[raw]
            if not (m.group("noun") or "").endswith("s"):
                continue  # "two largest" without a plural noun is no set
            out.append(Rank(start, m.end(), scope, scale, None, n))
            continue
        if place:
            low = place.lower()
            n = int(low[:-2]) if low[:1].isdigit() else _ORDINAL_WORDS[low]
        else:
            n = 1
        out.append(Rank(start, m.end("sup"), scope, scale, n, None))
    return tuple(out)


def _clash(x: Rank, y: Rank) -> bool:
    if x.scale != y.scale:
        return False
    if x.place is not None and y.place is not None:
        return x.place != y.place
    if x.top is not None and y.top is not None:
        return False
    # The same number as a set and as a place: "the 14 highest mountains" / "the 14th highest peak".
    return (x.top or x.place) == (y.top or y.place) and (x.top or y.top or 0) > 1


def rank_conflicts(a: str, b: str) -> list[Conflict]:
    """Ranks of one scope and scale that the two sentences give differently (kind ``number``).

    Only scoped ranks ("Syria's", "the world's") are compared: an unscoped "largest" can rank
    anything.
    """
    # Each sentence's ranks are read once (memoised), however many sentences it is compared with.
    ra = [r for r in ranks(a) if r.scope]
    if not ra:
        return []
    rb = [r for r in ranks(b) if r.scope]
    out = []
    for x in ra:
        same = [y for y in rb if y.scope == x.scope and y.scale == x.scale]
        if not same or any(not _clash(x, y) for y in same):
            continue  # no rank of that scale in the other, or one that agrees
        y = same[0]
        out.append(Conflict("number", x.start, x.end, y.start, y.end, a[x.start : x.end], b[y.start : y.end]))
        break
    return out
