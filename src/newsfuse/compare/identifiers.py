"""Labelled identifiers: a label and its number ("Flight 370", "Route 66", "Proposition 8", "No. 1").

An identifier names one thing; it is not an amount. Two sentences that state the same claim about
"Flight 400" and "Flight 404" are about two flights, whatever else they share, and "400" / "404"
is not a rounding (the number reader allows 3 % on round counts). :func:`identifier_conflicts`
reports such a pair as a ``number`` conflict, with the label in each version, when the two
sentences share most of their other content words; sentences that only share the label ("the
Heat won Game 5" / "after Game 1 of the Finals") are different facts, not a disagreement.

A label is a word of :data:`LABELS` in any case ("flight 400" in lower-cased copy), "No.",
"number" or "#", or another capitalised word that is not a function, calendar or hedge word
("Windows 98", "Channel 4"), followed directly by a number that is not a year and is not followed
by a plural noun or a unit ("James 30 points" is a count); "43 No. 1s" is a count of firsts.

>>> [(i.label, i.number) for i in identifiers("Voters approved Proposition 8; Route 66 reopened; it ranked No. 1.")]
[('proposition', '8'), ('route', '66'), ('no', '1')]
>>> [(c.a_text, c.b_text) for c in identifier_conflicts("Flight 400 crashed shortly after takeoff from Denver.",
...                                                     "Flight 404 crashed shortly after takeoff from Denver.")]
[('Flight 400', 'Flight 404')]
>>> identifier_conflicts("Flight 400 crashed after takeoff.", "Flight 400 and Flight 404 crashed after takeoff.")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text.lexicon import CALENDAR_WORDS, STOP
from .conflict import Conflict
from .tokens import content, words

# Nouns that label a numbered thing, read in any case.
_LABEL_WORDS = """
    flight route highway interstate freeway article amendment proposition prop chapter section clause
    room gate terminal platform exit district precinct ward category phase episode game stage bill
    question runway pier channel station bus line track lane apartment apt suite unit cell lot
    model version volume vol figure fig table exhibit page item patient case"""
LABELS = frozenset(_LABEL_WORDS.split())
# Capitalised words that precede numbers without labelling them: hedges and sentence openers.
_NOT_LABEL_WORDS = """
    about around approximately roughly some nearly almost over under more less fewer than only just
    all top at least most up another those these his her their its my our your here there when after
    before since by in on of the and but or with from to for caption update copyright images photo"""
_NOT_LABELS = frozenset(_NOT_LABEL_WORDS.split())
_ID = re.compile(
    r"(?<![\w.#])(?P<label>No\.|no\.|Nos\.|number|Number|#|[A-Za-z][a-z]+\.?)\s?(?P<num>\d{1,5}(?:[A-Za-rt-z]\b)?)(?!s\b)"
    r"(?![\w.,:/-]*\d)(?!\s*(?:%|percent\b|per cent\b))(?P<after>\s+[a-z]+)?"
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# What follows a number that is a count rather than a name: a plural noun or a unit.
_COUNT_NOUN = re.compile(r"\s+(?:[a-z]+s|people|feet|men|women|children|percent|years?|[kc]?m|kg|mph|ft)$")


@dataclass(frozen=True)
class Identifier:
    """A labelled number in a sentence; ``label`` is lower-case ("no" for "No.", "number" and "#")."""

    start: int
    end: int
    label: str
    number: str


def identifiers(sentence: str) -> list[Identifier]:
    """The labelled identifiers of a sentence, in order (see the module docstring)."""
    return list(_identifiers(sentence))


@lru_cache(maxsize=16384)
def _identifiers(sentence: str) -> tuple[Identifier, ...]:
    out = []
    for m in _ID.finditer(sentence):
        word, number = m.group("label"), m.group("num")
        low = word.lower().rstrip(".")
        if low in {"no", "nos", "number"} or word == "#":
            label = "no"
        elif low in LABELS or (
            word[0].isupper()
            and low not in STOP
            and low not in CALENDAR_WORDS
            and low not in _NOT_LABELS
            and not word.endswith(".")
            and not (m.group("after") and _COUNT_NOUN.match(m.group("after")))
        ):
            label = low
        else:
            continue
        if _YEAR.fullmatch(number):
            continue  # "Since 2015", "Class of 1999": years are dates
        out.append(Identifier(m.start(), m.end("num"), label, number.lower()))
    return tuple(out)


# Share of the smaller sentence's other content words the two must have in common to be one claim.
MIN_OVERLAP = 0.6
MIN_SHARED = 3  # and at least this many words


def _other_words(sentence: str, ids: list[Identifier]) -> frozenset[str]:
    spans = [(i.start, i.end) for i in ids]
    kept = [t for s, e, t in words(sentence) if not any(a <= s < b for a, b in spans)]
    return frozenset(content(kept))


def identifier_conflicts(a: str, b: str) -> list[Conflict]:
    """Labels that the two sentences give different numbers, when the sentences otherwise say the same."""
    ia, ib = identifiers(a), identifiers(b)
    if not ia or not ib:
        return []
    shared = {i.label for i in ia} & {i.label for i in ib}
    if not shared:
        return []
    wa, wb = _other_words(a, ia), _other_words(b, ib)
    if len(wa & wb) < max(MIN_SHARED, MIN_OVERLAP * min(len(wa), len(wb))):
        return []
    out = []
    for label in sorted(shared, key=lambda x: next(i.start for i in ia if i.label == x)):
        xa = [i for i in ia if i.label == label]
        xb = [i for i in ib if i.label == label]
        if {i.number for i in xa} & {i.number for i in xb}:
            continue  # one number in both: the others are further things named alongside
        x, y = xa[0], xb[0]
        out.append(Conflict("number", x.start, x.end, y.start, y.end, a[x.start : x.end], b[y.start : y.end]))
    return out
