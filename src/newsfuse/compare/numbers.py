"""Numbers in a sentence: their value, unit, subject and how exact the wording is (``about``, ``more than``).

Rules, not models: they run offline, in microseconds per sentence, and say exactly why two outlets
are judged to disagree.  Offsets are into the sentence they were read from.

>>> [(q.value, q.noun, q.kind) for q in quantities("Washington stations about 28,500 troops in South Korea.")]
[(28500.0, 'troop', 'count')]
>>> [(q.value, q.subject) for q in quantities("Twenty-eight-year-old Geraldine Alcorn was arraigned.")]
[(28.0, ('geraldine', 'alcorn'))]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ..text.lexicon import MAGNITUDES as _MAGNITUDE
from ..text.lexicon import NUMBER_WORDS as _SMALL
from ..text.lexicon import STOP
from .timeline import find_dates, find_times
from .tokens import _name_run, content, lemma, words

_ONES = {"one": 1, **{k: v for k, v in _SMALL.items() if v < 10}}
_WORDNUM = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|hundred|dozen"
)
# The lookaheads name each branch's first character, so most positions fail at once.
_NUM_RE = re.compile(
    r"(?=[$£€\s\d])(?P<cur>[$£€])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<glued>bn|mn|m|k|km|ft|h|tn|b)?\b"
    r"|(?=(?i:[tfsenhd]))(?P<word>\b(?i:" + _WORDNUM + r")\b)"
)
# Cheap test first: a sentence with no digit and no number word holds no number.
_DIGIT = re.compile(r"\d")
_WORD_NUMBER = re.compile(r"(?=(?i:[tfsenhd]))\b(?i:" + _WORDNUM + r")\b")
_MAG_RE = re.compile(r"\s?(thousand|million|billion|trillion)\b", re.IGNORECASE)
_PCT_RE = re.compile(r"\s?(%|percent\b|per cent\b|percentage points?\b)", re.IGNORECASE)
_APPROX = [
    # Just under: "almost 100 samples" may be 88.
    ("nearly", r"(close to|almost|nearly|just under)\s*$"),
    ("about", r"(about|around|approximately|roughly|some|an estimated|estimated|just over|~)\s*$"),
    ("more", r"(more than|over|at least|upwards of|above|in excess of|exceeding|≥|>)\s*$"),
    # A ceiling, not an estimate: "faces up to 14 years" is any term up to 14.
    ("ceiling", r"(up to|a maximum of|at most|no more than)\s*$"),
    ("less", r"(less than|fewer than|under|as much as|as many as|as high as|≤|<)\s*$"),
]
_APPROX_RE = [(name, re.compile(r"(?<![\w-])" + rx)) for name, rx in _APPROX]


# The readers of the words around a number, compiled once.
_FRACTION_AFTER = re.compile(r"\s\d+/\d")
_YEAR = re.compile(r"(1[89]|20)\d\d")
_HYPHENED = re.compile(r"-(?:(year)s?[- ]old(s)?|(\w+))")
_BETWEEN = re.compile(r"\bbetween\s*$")
_AND_NUMBER = re.compile(r"\s+and\s+(\d[\d,.]*)")
_TALLY = re.compile(r"(?:-|–| to )(\d{1,3})\b(?!-)")
_YEARS_OLD = re.compile(r"\s+years?\s+old\b")
_AGED = re.compile(r"\b(aged|age of|at age)\s*$")
_COMMA_BEFORE = re.compile(r"\w,\s?$")
_APPOSITION_END = re.compile(r"\s?(?:[,;)]|\s+(?:of|and|was|is|who|from)\b)")
_TALLY_CUE = re.compile(r"\b(vote|voted|votes|score|scored|won|beat|lost|margin|by)\b")
_LETTER = re.compile(r"[A-Za-z]")
_PLURAL = re.compile(r"[a-z]+s\.?")


@dataclass(frozen=True)
class Quantity:
    """A number in a sentence with its unit and how exact it is.

    ``kind`` is ``age``, ``tally`` (a score or vote, ``value`` the first side, ``other`` the second),
    ``range`` (between X and Y) or ``count``; ``noun`` is the unit word after the number (lemma-ish,
    ``$`` and ``%`` for money and percentages, empty when none); ``after`` the content words that follow
    it, ``before`` those that precede it; ``subject`` for ages is who has that age.  ``lo``/``hi`` is
    the interval the wording allows ("about", "more than", rounding).
    """

    start: int
    end: int
    text: str
    value: float
    lo: float
    hi: float
    kind: str
    noun: str = ""
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    subject: tuple[str, ...] = ()
    other: float | None = None


_NOT_UNITS = frozenset(
    [
        "live",
        "lives",
        "lived",
        "die",
        "died",
        "dies",
        "remain",
        "remained",
        "were",
        "are",
        "was",
        "is",
        "be",
        "have",
        "had",
        "has",
        "said",
        "say",
        "says",
        "voted",
        "went",
        "came",
        "got",
        "get",
        "left",
        "work",
        "worked",
    ]
)


def _parse_number(m: re.Match[str]) -> float | None:
    if m.group("word"):
        parts = m.group("word").lower().split("-")
        return float(sum(_SMALL.get(p, _ONES.get(p, 0)) for p in parts)) or None
    try:
        return float(m.group("num").replace(",", ""))
    except ValueError:
        return None


# A bare number right after one of these counts people ("killed two", "wounding 30").
CASUALTY_VERBS = frozenset(
    {"killed", "killing", "kills", "kill", "wounded", "wounding", "wounds", "injured", "injuring", "injures"}
)


def _interval(value: float, approx: str, raw: str) -> tuple[float, float]:
    if approx == "about":
        return value * 0.9, value * 1.1
    if approx == "nearly":
        return value * 0.85, value * 1.1
    if approx == "more":
        return value, value * 1.5
    if approx == "less":
        return value / 1.5, value
    if approx == "ceiling":
        return 0.0, value
    plain = raw.replace(",", "")
    digits = plain.split(".")[0]
    round_number = (len(digits) >= 3 and digits.endswith("00")) or ("." in plain and value >= 1e6)
    if round_number:
        return value * 0.97, value * 1.03
    # An exact figure allows under half a unit of its last written digit, at most 5 % ("8,027" and
    # "8,013" are two heights, "26,330" and "26,291" too; "$3 million" is not "$3.5 million").
    scale = value / float(plain) if plain.replace(".", "", 1).isdigit() and float(plain) else 1.0
    zeros = len(digits) - len(digits.rstrip("0")) if len(digits) >= 4 else 0  # "26,330" may be rounded to tens
    step = 10.0 ** -len(plain.split(".")[1]) if "." in plain else 10.0**zeros
    half = min(0.45 * step * scale, 0.05 * value)
    return value - half, value + half


def quantities(sentence: str, limit: int | None = None) -> list[Quantity]:
    """The numbers of a sentence with units and subjects; numbers inside dates and clock times are left out.

    ``limit`` stops after that many (table-like text can hold thousands).
    """
    if limit is not None and len(sentence) <= _SHARED_SCAN_CHARS:
        # A sentence of ordinary length is read whole once, whatever the limit: the first ``limit``
        # numbers are the same either way, and the readers that ask with other limits share the scan.
        return list(_quantities(sentence, None)[:limit])
    return list(_quantities(sentence, limit))


_SHARED_SCAN_CHARS = 600


@lru_cache(maxsize=16384)
def _quantities(sentence: str, limit: int | None) -> tuple[Quantity, ...]:
    # Memoised: key numbers and the disagreement checks read the same sentences.
    return tuple(_scan_quantities(sentence, limit))


def _scan_quantities(sentence: str, limit: int | None = None) -> list[Quantity]:
    if _DIGIT.search(sentence) is None and _WORD_NUMBER.search(sentence) is None:
        return []
    taken = [(d.start, d.end) for d in find_dates(sentence, None)] + [(s, e) for s, e, _ in find_times(sentence)]
    toks: list[tuple[int, int, str]] = []
    starts: list[int] = []
    out: list[Quantity] = []
    for m in _NUM_RE.finditer(sentence):
        s, e = m.start(), m.end()
        if m.group("cur") is None and sentence[s : s + 1] == " ":
            s += 1
        if limit is not None and len(out) >= limit:
            break
        if any(a < e and s < b for a, b in taken) or (out and s < out[-1].end):
            continue
        if sentence[e : e + 1] == "/" or sentence[max(0, s - 1) : s] == "/" or _FRACTION_AFTER.match(sentence, e):
            continue  # fractions ("1 1/2 years"): not counts
        value = _parse_number(m)
        if value is None or (m.group("num") and _YEAR.fullmatch(m.group("num")) and not m.group("cur")):
            continue  # a bare year is a date, not a quantity
        if not starts:  # the words are read once a number is kept
            toks = words(sentence)
            starts = [t[0] for t in toks]
        raw = m.group("num") or m.group("word") or ""
        noun = ""
        cur = m.group("cur")
        glued = (m.group("glued") or "").lower()
        if glued:
            if cur and glued in _MAGNITUDE:
                value *= _MAGNITUDE[glued]
            else:
                noun = lemma(glued)
        mag = _MAG_RE.match(sentence, e)
        if mag:
            value *= _MAGNITUDE[mag.group(1).lower()]
            e = mag.end()
        pct = _PCT_RE.match(sentence, e)
        if pct:
            noun, e = "%", pct.end()
        if cur:
            noun = "$"
        prefix = sentence[max(0, s - 40) : s].lower()
        approx, lead = "", s
        for name, rx in _APPROX_RE:
            hit = rx.search(prefix)
            if hit:
                # The claim includes the hedge: "about 23,500", not "23,500".
                approx, lead = name, s - len(prefix) + hit.start()
                break
        kind = "count"
        subject: tuple[str, ...] = ()
        rest = sentence[e : e + 80]
        other = None
        hyph = _HYPHENED.match(rest)
        between = _BETWEEN.search(prefix) and _AND_NUMBER.match(rest)
        tally = _TALLY.match(rest) if value < 1000 and not noun else None
        ti = bisect_left(starts, e)
        if hyph and hyph.group(1):
            kind = "age"
            e += hyph.end()
            ti = bisect_left(starts, e)
            subject = _name_run(toks, ti, 1) or content([t[2] for t in toks[ti : ti + 1]])
        elif _YEARS_OLD.match(rest) or _AGED.search(prefix):
            kind = "age"
        elif _COMMA_BEFORE.search(sentence[max(0, s - 40) : s]) and _APPOSITION_END.match(rest):
            kind = "age"
            back = bisect_left(starts, s) - 1
            while back >= 0 and (toks[back][1] > s or toks[back][2] == ","):
                back -= 1
            subject = _name_run(toks, back, -1) or content([toks[back][2]] if back >= 0 else [])
        elif hyph and hyph.group(3) and not hyph.group(3).isdigit():
            noun = lemma(hyph.group(3))
            e += hyph.end()
            ti = bisect_left(starts, e)
        elif between:
            kind, other = "range", float(between.group(1).replace(",", "") or 0)
            e += between.end()
        elif tally and (_TALLY_CUE.search(prefix[-25:]) or "-" in tally.group(0) or "–" in tally.group(0)):
            kind, other = "tally", float(tally.group(1))
            e += tally.end()
            ti = bisect_left(starts, e)
        ti = bisect_left(starts, e)
        lo, hi = _interval(value, approx, raw)
        if kind == "range" and other is not None:
            lo, hi = min(value, other), max(value, other)
        # The unit: the first word after the number unless it is a function word or punctuation.
        after_toks: list[str] = []
        for _, _, t in toks[ti : ti + 8]:
            if t in {",", ";", ".", ":", "(", ")", "—", "–"} or t.lower() in {
                "and",
                "but",
                "while",
                "which",
                "who",
                "that",
                "when",
                "where",
            }:
                break
            after_toks.append(t)
        if (
            kind in {"count", "range"}  # "between 6 and 8 feet": feet
            and not noun
            and after_toks
            and _LETTER.match(after_toks[0])
            and after_toks[0].lower() not in STOP
            and not after_toks[0][0].isupper()
            and after_toks[0].lower() not in _NOT_UNITS
        ):
            noun = lemma(after_toks[0])
            after_toks = after_toks[1:]
            if noun.endswith("ed") and after_toks and _PLURAL.fullmatch(after_toks[0]):
                noun, after_toks = lemma(after_toks[0]), after_toks[1:]  # "11 trapped miners": miners
        first_at = bisect_left(starts, s)
        before_toks = [t[2] for t in toks[max(0, first_at - 5) : first_at] if t[1] <= s][-4:]
        if kind == "count" and not noun and before_toks and before_toks[-1].lower() in CASUALTY_VERBS:
            noun = "person"  # "an explosion killed two and wounded 30": people
        out.append(
            Quantity(
                start=lead,
                end=e,
                text=sentence[lead:e],
                value=value,
                lo=lo,
                hi=hi,
                kind=kind,
                noun=noun,
                after=content(after_toks),
                before=content(before_toks),
                subject=subject,
                other=other,
            )
        )
    return out
