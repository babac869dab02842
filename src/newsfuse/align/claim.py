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
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..compare.magnitudes import magnitudes as count_magnitudes
from ..compare.text import STOP, Quantity, lemma, quantities, words
from ..text.lexicon import MEASURE_UNITS, WEEKDAYS

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
        "week",
        "year",
        "day",
        "month",
        "today",
        "yesterday",
        *WEEKDAYS,
    ]
)
_NUMBER = re.compile(r"\d[\d,.]*")
# Logistic model over (similarity, content overlap min/Jaccard/max, predicate overlap min/max,
# shared predicate words / 8, token-sequence ratio, shared numbers); fitted on the dev split.
_WEIGHTS = (1.471, 1.036, 0.772, 0.905, 0.789, 0.971, 1.555, 1.649, 1.047)
_BIAS = -3.945
CLAIM_THRESHOLD = 0.5

# Units of length, mass and area (the shared table: dimension, unit name, low and high in base units).
_MEASURES = MEASURE_UNITS
# Surface forms of those units ("70-foot" and "6ft" end in one): a sentence without any is not parsed for them.
_MEASURE_TOKENS = frozenset(
    [
        *("inch", "inches", "foot", "feet", "ft", "yard", "yards", "meter", "meters", "metre", "metres", "km"),
        *("kilometer", "kilometers", "kilometre", "kilometres", "mile", "miles", "story", "stories", "storey"),
        *("storeys", "floor", "floors", "pound", "pounds", "lb", "lbs", "kilogram", "kilograms", "kg", "ton"),
        *("tons", "tonne", "tonnes", "acre", "acres", "hectare", "hectares"),
    ]
)
# Words that can give the number before a unit ("eight stories", "1.5 million acres", "twenty-five feet").
_NUMBER_WORDS = frozenset(
    [
        *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"),
        *("thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"),
        *("thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "dozen", "thousand"),
        *("million", "billion"),
    ]
)
# Figures in different units of one measure agree within this factor (rounding, "about", conversions).
_MEASURE_SLACK = 1.25


@dataclass(frozen=True)
class Profile:
    """What :func:`claim_score` reads of one sentence (computed once per sentence)."""

    tokens: tuple[str, ...]
    content: frozenset[str]
    predicate: frozenset[str]
    numbers: frozenset[str]
    measures: tuple[Measure, ...] = ()
    magnitudes: tuple[tuple[str, int], ...] = ()  # (noun, power of ten): "hundreds of texts" -> ("text", 2)
    percents: tuple[tuple[float, float], ...] = ()  # each percentage as the interval its wording allows


@dataclass(frozen=True)
class Measure:
    """A figure with a unit of length, mass or area, in the base unit, and the word that places it.

    ``slot`` is the first word after the unit, past function words ("eight stories below" -> ``below``,
    "10 kg of fat" -> ``fat``): two figures fill the same slot when it is the same word.
    """

    dimension: str
    unit: str
    lo: float
    hi: float
    slot: str


@lru_cache(maxsize=65536)
def _token(t: str) -> tuple[str, str | None, str | None, bool, bool, bool]:
    """What :func:`profile` reads of one token: lower case, content lemma, predicate stem, capitalised, unit,
    and whether it gives a number (digits first, or a number word: "eight", "twenty-five")."""
    low = t.lower()
    unit = low.rsplit("-", 1)[-1].lstrip("0123456789.,") in _MEASURE_TOKENS
    numeric = low[:1].isdigit() or low.split("-", 1)[0] in _NUMBER_WORDS
    if not t[:1].isalpha() or low in STOP:
        return low, None, None, False, unit, numeric
    lem = lemma(t)
    return low, lem, (None if lem in FRAME_WORDS else lem[:6]), t[:1].isupper(), unit, numeric


def profile(text: str) -> Profile:
    """The lower-cased tokens, content lemmas, predicate stems and numbers of a sentence."""
    lows, content_words, predicate = [], set(), set()
    units, numeric = False, False  # a unit word after a number (or with its digits: "70-foot", "6ft")
    for k, (_, _, t) in enumerate(words(text)):
        low, lem, stem, upper, unit, number = _token(t)
        lows.append(low)
        if unit and (numeric or low[:1].isdigit() or "-" in low):
            units = True
        numeric = number
        if lem is None:
            continue
        content_words.add(lem)
        if stem is not None and (k == 0 or not upper):
            predicate.add(stem)
    numbers = frozenset(m.replace(",", "").rstrip(".") for m in _NUMBER.findall(text))
    measures = _measures(text) if units else ()
    magnitudes = tuple((m.noun, m.power) for m in count_magnitudes(text))
    percents = _percents(text) if "%" in text or "ercent" in text or "er cent" in text else ()
    return Profile(tuple(lows), frozenset(content_words), frozenset(predicate), numbers, measures, magnitudes, percents)


def _percents(text: str) -> tuple[tuple[float, float], ...]:
    """The percentages of ``text``, each as the interval its wording allows ("about 25 percent", "2%")."""
    return tuple((q.lo, q.hi) for q in quantities(text, limit=20) if q.noun == "%")


def percents_conflict(a: Profile, b: Profile) -> bool:
    """Whether both give percentages and none of one agrees with any of the other.

    Two sentences that state one claim with percentages share at least one of them (within the
    rounding or hedge their wording allows); when none agrees, they give different figures for one
    thing (a disagreement) or figures of different things (different claims), never support.

    >>> a = profile("A similar survey of children under 7 found that 65 percent are stunted.")
    >>> percents_conflict(a, profile("They found that 62 percent of children under 7 had stunted growth."))
    True
    >>> percents_conflict(profile("The index rose 2% on Monday."), profile("The index rose 1.9 percent."))
    False
    """
    return bool(a.percents and b.percents) and not any(
        lo <= y_hi and y_lo <= hi for lo, hi in a.percents for y_lo, y_hi in b.percents
    )


def _conflict(a: Profile, b: Profile) -> bool:
    """Whether a measure, a count's order of magnitude or the percentages of the two conflict."""
    return (
        bool(a.measures and b.measures and measures_conflict(a, b))
        or bool(a.magnitudes and b.magnitudes and magnitudes_conflict(a, b))
        or bool(a.percents and b.percents and percents_conflict(a, b))
    )


def magnitudes_conflict(a: Profile, b: Profile) -> bool:
    """Whether the two count one thing in different orders of magnitude (:mod:`newsfuse.compare.magnitudes`).

    >>> magnitudes_conflict(profile("They sent hundreds of texts."), profile("She sent thousands of text messages."))
    True
    """
    return any(n == m and p != q for n, p in a.magnitudes for m, q in b.magnitudes)


def _measure(q: Quantity, toks: list[tuple[int, int, str]]) -> Measure | None:
    unit = q.noun or (q.after[0] if q.after else "")
    known = _MEASURES.get(unit)
    if known is None:
        return None
    # The slot: the first word after the unit, over function words only ("eight stories below",
    # "10 kg of fat"); none when a number or punctuation comes first ("1,750 yards in 5-foot seas").
    k = bisect_left([start for start, _, _ in toks], q.end)
    if k < len(toks) and lemma(toks[k][2]) == unit:
        k += 1
    while k < len(toks) and toks[k][2].lower() in STOP:
        k += 1
    if k == len(toks) or not toks[k][2][:1].isalpha():
        return None
    dimension, name, lo, hi = known
    return Measure(dimension, name, q.lo * lo, q.hi * hi, lemma(toks[k][2]))


def _measures(text: str) -> tuple[Measure, ...]:
    """The figures of ``text`` with a unit of length, mass or area (see :data:`_MEASURES`)."""
    toks = words(text)
    return tuple(m for q in quantities(text, limit=20) if (m := _measure(q, toks)) is not None)


def measures_conflict(a: Profile, b: Profile) -> bool:
    """Whether the two give one measure in different units with values that cannot both hold.

    Only figures in the same slot and in different units are compared (figures in one unit are the
    disagreement detector's): "eight stories below" and "between 6 and 8 feet below" conflict,
    "a 70-foot fir" and "a 21-metre fir" do not, nor do "10 kilograms of fat" and "10 kg of fat" (one unit).

    >>> measures_conflict(profile("The car stopped eight stories below."), profile("The car was 6 to 8 feet below."))
    True
    >>> measures_conflict(profile("A 70-foot fir fell."), profile("A 21-meter fir fell."))
    False
    >>> measures_conflict(profile("Losing 10 kilograms of fat"), profile("Losing 29 kg of oxygen"))
    False
    """
    for x in a.measures:
        for y in b.measures:
            if (
                x.dimension == y.dimension
                and x.unit != y.unit
                and x.slot == y.slot
                and (x.hi * _MEASURE_SLACK < y.lo or y.hi * _MEASURE_SLACK < x.lo)
            ):
                return True
    return False


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
    return _features(a, b, similarity, difflib.SequenceMatcher(None, a.tokens, b.tokens, autojunk=False).ratio())


_RATIO = 7  # the token-sequence ratio's place among the features


def _features(a: Profile, b: Profile, similarity: float, ratio: float) -> tuple[float, ...]:
    c_min, c_jac, c_max, _ = _overlaps(a.content, b.content)
    p_min, _, p_max, p_shared = _overlaps(a.predicate, b.predicate)
    shared = len(a.numbers & b.numbers) / min(len(a.numbers), len(b.numbers)) if a.numbers and b.numbers else 0.5
    return (similarity, c_min, c_jac, c_max, p_min, p_max, min(p_shared, 8) / 8, ratio, shared)


def claim_score(a: Profile, b: Profile, similarity: float) -> float:
    """Probability-like score that ``a`` and ``b`` state the same main claim.

    0 when a measure, a count's order of magnitude or the percentages conflict (:func:`_conflict`).
    """
    if _conflict(a, b):
        return 0.0
    return _score(claim_features(a, b, similarity))


def _score(features: tuple[float, ...]) -> float:
    z = _BIAS + sum(w * f for w, f in zip(_WEIGHTS, features, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def claim_score_bound(a: Profile, b: Profile, similarity: float) -> float:
    """An upper bound of :func:`claim_score` that skips the token alignment (cheap, never below the score).

    The token-sequence ratio is replaced by the share of tokens the two have in common as multisets
    (difflib's ``quick_ratio``), which is never smaller; every weight is positive, so the bound holds in
    floating point too.

    >>> a, b = profile("Talks stalled in June."), profile("The rally drew 30,000 people on Sunday.")
    >>> claim_score(a, b, 0.2) <= claim_score_bound(a, b, 0.2)
    True
    """
    return claim_score_bounds(a, b, similarity)[1]


def claim_score_ceiling(a: Profile, b: Profile, similarity: float) -> float:
    """An upper bound of :func:`claim_score` from the word sets alone (the token-sequence ratio taken as 1).

    Looser than :func:`claim_score_bound` and cheaper: no token is counted.

    >>> a, b = profile("Talks stalled in June."), profile("The rally drew 30,000 people on Sunday.")
    >>> claim_score_bound(a, b, 0.2) <= claim_score_ceiling(a, b, 0.2)
    True
    """
    return _score(_features(a, b, similarity, 1.0))


def claim_score_bounds(a: Profile, b: Profile, similarity: float) -> tuple[float, float]:
    """A lower and an upper bound of :func:`claim_score`, both without the token alignment.

    The token-sequence ratio lies between 0 and the multiset share of :func:`claim_score_bound`;
    with every weight positive, the scores with those two in its place bound the score (in floating
    point too: the sums take their terms in the same order).  A conflict (:func:`_conflict`) makes the
    score 0, and the lower bound with it.

    >>> a = profile("Kim Jong Un left Beijing on Wednesday after talks with Xi.")
    >>> b = profile("Kim Jong Un left Beijing on Wednesday after meeting Xi.")
    >>> low, high = claim_score_bounds(a, b, 0.9)
    >>> low <= claim_score(a, b, 0.9) <= high
    True
    """
    ca, cb = _counts(a.tokens), _counts(b.tokens)
    if len(ca) > len(cb):
        ca, cb = cb, ca
    shared = sum(min(n, cb[t]) for t, n in ca.items() if t in cb)
    total = len(a.tokens) + len(b.tokens)
    features = _features(a, b, similarity, 2.0 * shared / total if total else 1.0)
    if _conflict(a, b):
        return 0.0, _score(features)
    return _score((*features[:_RATIO], 0.0, *features[_RATIO + 1 :])), _score(features)


@lru_cache(maxsize=16384)
def _counts(tokens: tuple[str, ...]) -> Counter[str]:
    return Counter(tokens)


def same_claim(a: str, b: str, similarity: float, threshold: float = CLAIM_THRESHOLD) -> bool:
    """Whether sentence ``b`` states the main claim of ``a`` (or the reverse), by :func:`claim_score`."""
    return claim_score(profile(a), profile(b), similarity) >= threshold
