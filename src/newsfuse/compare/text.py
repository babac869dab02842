"""Small text readers the comparisons share: words, quantities with units, names, quotes, negation.

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

from .timeline import SMALL_NUMBERS, find_dates, find_times

STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "his",
        "her",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "than",
        "then",
        "there",
        "here",
        "also",
        "not",
        "no",
        "so",
        "such",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "around",
        "after",
        "before",
        "since",
        "until",
        "up",
        "down",
        "out",
        "off",
        "per",
        "each",
        "every",
        "all",
        "some",
        "any",
        "more",
        "most",
        "less",
        "least",
        "nearly",
        "almost",
        "roughly",
        "approximately",
        "just",
        "only",
        "over",
        "very",
        "said",
        "says",
        "say",
        "told",
        "according",
        "would",
        "will",
        "could",
        "can",
        "may",
        "might",
        "shall",
        "should",
        "must",
    ]
)
_UNITS = {
    "percent": "%",
    "per": "%",
    "%": "%",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "min": "minute",
    "mins": "minute",
    "m": "meter",
    "metre": "meter",
    "km": "kilometer",
    "kilometre": "kilometer",
    "ft": "foot",
    "feet": "foot",
    "people": "person",
    "persons": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "dollars": "$",
    "dollar": "$",
    "usd": "$",
}
_MAGNITUDE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_SMALL = {
    **SMALL_NUMBERS,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
_ONES = {"one": 1, **{k: v for k, v in _SMALL.items() if v < 10}}
_WORDNUM = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|hundred|dozen"
)
_NUM_RE = re.compile(
    r"(?P<cur>[$£€])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<glued>bn|mn|m|k|km|ft|h|tn|b)?\b"
    r"|(?P<word>\b(?i:" + _WORDNUM + r")\b)"
)
_MAG_RE = re.compile(r"\s?(thousand|million|billion|trillion)\b", re.IGNORECASE)
_PCT_RE = re.compile(r"\s?(%|percent\b|per cent\b|percentage points?\b)", re.IGNORECASE)
_APPROX = [
    (
        "about",
        r"(about|around|approximately|roughly|some|an estimated|estimated|close to|almost|nearly|just under"
        r"|just over|~)\s*$",
    ),
    ("more", r"(more than|over|at least|upwards of|above|in excess of|exceeding|≥|>)\s*$"),
    # A ceiling, not an estimate: "faces up to 14 years" is any term up to 14.
    ("ceiling", r"(up to|a maximum of|at most|no more than)\s*$"),
    ("less", r"(less than|fewer than|under|as much as|as many as|as high as|≤|<)\s*$"),
]
_APPROX_RE = [(name, re.compile(r"(?<![\w-])" + rx)) for name, rx in _APPROX]
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "president",
        "prime",
        "minister",
        "premier",
        "senator",
        "sen",
        "rep",
        "representative",
        "chancellor",
        "leader",
        "speaker",
        "house",
        "secretary",
        "general",
        "gen",
        "governor",
        "gov",
        "mayor",
        "judge",
        "justice",
        "king",
        "queen",
        "prince",
        "chief",
        "officer",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "chairman",
        "chairwoman",
        "foreign",
        "state",
        "deputy",
        "vice",
        "chinese",
        "american",
        "u.s.",
        "us",
        "british",
        "north",
        "south",
        "korean",
        "the",
    ]
)
_NEG = re.compile(
    r"^(not|never|no|none|nobody|nothing|neither|nor|without|denied|denies|deny|denying|refused|refuses"
    r"|refuse|rejected|rejects|reject|cannot|n't|n’t|fail|fails|failed|failure|unable)$|n['’]t$",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"\w+(?:[’'.-]\w+)*\.?|[^\w\s]")


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


def words(text: str) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens with offsets."""
    return list(_words(text))


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((m.start(), m.end(), m.group(0)) for m in _WORD_RE.finditer(text))


# Verbs and other words that follow a number without being its unit ("31.6 live with a spouse").
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


def lemma(word: str) -> str:
    w = word.lower().strip(".’'")
    w = _UNITS.get(w, w)
    if len(w) > 3 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


_WORDISH = re.compile(r"\w")


def content(tokens: list[str]) -> tuple[str, ...]:
    return tuple(lemma(t) for t in tokens if _WORDISH.match(t) and t.lower() not in STOP and not t[0].isdigit())


def _parse_number(m: re.Match[str]) -> float | None:
    if m.group("word"):
        parts = m.group("word").lower().split("-")
        return float(sum(_SMALL.get(p, _ONES.get(p, 0)) for p in parts)) or None
    try:
        return float(m.group("num").replace(",", ""))
    except ValueError:
        return None


def _interval(value: float, approx: str, raw: str) -> tuple[float, float]:
    if approx == "about":
        return value * 0.9, value * 1.1
    if approx == "more":
        return value, value * 1.5
    if approx == "less":
        return value / 1.5, value
    if approx == "ceiling":
        return 0.0, value
    digits = raw.replace(",", "").split(".")[0]
    round_number = (len(digits) >= 3 and digits.endswith("00")) or ("." in raw.replace(",", "") and value >= 1e6)
    tol = 0.03 if round_number else 0.005
    return value * (1 - tol), value * (1 + tol)


def _name_run(toks: list[tuple[int, int, str]], i: int, step: int) -> tuple[str, ...]:
    """Capitalised words from token i going backwards (step -1) or forwards (+1), quotes skipped."""
    out: list[str] = []
    while 0 <= i < len(toks):
        t = toks[i][2]
        if t in {'"', "“", "”", "'"}:
            i += step
            continue
        if t[:1].isupper() and re.match(r"\w", t):
            out.append(t.lower().rstrip(".").removesuffix("’s").removesuffix("'s"))
            i += step
            continue
        break
    return tuple(out[::-1] if step < 0 else out)


def quantities(sentence: str, limit: int | None = None) -> list[Quantity]:
    """The numbers of a sentence with units and subjects; numbers inside dates and clock times are left out.

    ``limit`` stops after that many (table-like text can hold thousands).
    """
    return list(_quantities(sentence, limit))


@lru_cache(maxsize=16384)
def _quantities(sentence: str, limit: int | None) -> tuple[Quantity, ...]:
    # Memoised: key numbers and the disagreement checks read the same sentences.
    return tuple(_scan_quantities(sentence, limit))


def _scan_quantities(sentence: str, limit: int | None = None) -> list[Quantity]:
    if _NUM_RE.search(sentence) is None:
        return []
    taken = [(d.start, d.end) for d in find_dates(sentence, None)] + [(s, e) for s, e, _ in find_times(sentence)]
    toks = words(sentence)
    starts = [t[0] for t in toks]
    out: list[Quantity] = []
    for m in _NUM_RE.finditer(sentence):
        s, e = m.start(), m.end()
        if m.group("cur") is None and sentence[s : s + 1] == " ":
            s += 1
        if limit is not None and len(out) >= limit:
            break
        if any(a < e and s < b for a, b in taken) or (out and s < out[-1].end):
            continue
        if sentence[e : e + 1] == "/" or sentence[max(0, s - 1) : s] == "/" or re.match(r"\s\d+/\d", sentence[e:]):
            continue  # fractions ("1 1/2 years"): not counts
        value = _parse_number(m)
        if value is None or (m.group("num") and re.fullmatch(r"(1[89]|20)\d\d", m.group("num")) and not m.group("cur")):
            continue  # a bare year is a date, not a quantity
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
        hyph = re.match(r"-(?:(year)s?[- ]old(s)?|(\w+))", rest)
        between = re.search(r"\bbetween\s*$", prefix) and re.match(r"\s+and\s+(\d[\d,.]*)", rest)
        tally = re.match(r"(?:-|–| to )(\d{1,3})\b(?!-)", rest) if value < 1000 and not noun else None
        ti = bisect_left(starts, e)
        if hyph and hyph.group(1):
            kind = "age"
            e += hyph.end()
            ti = bisect_left(starts, e)
            subject = _name_run(toks, ti, 1) or content([t[2] for t in toks[ti : ti + 1]])
        elif re.match(r"\s+years?\s+old\b", rest) or re.search(r"\b(aged|age of|at age)\s*$", prefix):
            kind = "age"
        elif re.search(r"\w,\s?$", sentence[max(0, s - 40) : s]) and re.match(
            r"\s?(?:[,;)]|\s+(?:of|and|was|is|who|from)\b)", rest
        ):
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
        elif tally and (
            re.search(r"\b(vote|voted|votes|score|scored|won|beat|lost|margin|by)\b", prefix[-25:])
            or "-" in tally.group(0)
            or "–" in tally.group(0)
        ):
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
            kind == "count"
            and not noun
            and after_toks
            and re.match(r"[A-Za-z]", after_toks[0])
            and after_toks[0].lower() not in STOP
            and not after_toks[0][0].isupper()
            and after_toks[0].lower() not in _NOT_UNITS
        ):
            noun = lemma(after_toks[0])
            after_toks = after_toks[1:]
        first_at = bisect_left(starts, s)
        before_toks = [t[2] for t in toks[max(0, first_at - 5) : first_at] if t[1] <= s][-4:]
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


def name_core(name: tuple[str, ...] | list[str]) -> set[str]:
    """The words of a name without titles ("Prime Minister Theresa May" -> {"theresa", "may"})."""
    return {w.lower().rstrip(".").removesuffix("’s").removesuffix("'s") for w in name} - _TITLES


def _close(a: str, b: str) -> bool:
    """One edit apart (spelling variants of the same name: Radouane / Redouane)."""
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 5:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


def _abbreviates(x: str, y: str) -> bool:
    """Whether one word is an abbreviation with a full stop of the other: its letters in order, same first letter."""
    short, long_ = sorted((x, y), key=len)
    if not short.endswith(".") or "." in short[:-1] or len(short) < 3 or len(long_) <= len(short):
        return False
    s, t = short[:-1].lower(), long_.lower()
    if s[0] != t[0]:
        return False
    it = iter(t)
    return all(ch in it for ch in s)


def same_name(a: tuple[str, ...] | list[str], b: tuple[str, ...] | list[str]) -> bool:
    """Whether two names can refer to the same person, place or organisation.

    >>> same_name(("U.S.",), ("United", "States")), same_name(("Xi", "Jinping"), ("Li", "Keqiang"))
    (True, False)
    """
    ca, cb = name_core(a), name_core(b)
    if not ca or not cb or ca & cb:
        return True
    initials_a = "".join(ch for ch in "".join(a).lower() if ch.isalpha())
    initials_b = "".join(ch for ch in "".join(b).lower() if ch.isalpha())
    ib = "".join(w[0] for w in b if w).lower()
    ia = "".join(w[0] for w in a if w).lower()
    if initials_a == ib or initials_b == ia:
        return True
    # Abbreviations: "Conn." / "Connecticut", "Calif." / "California", "Gov." / "Governor".
    if len(a) == 1 and len(b) == 1 and _abbreviates(a[0], b[0]):
        return True
    # Acronyms written two ways: "U.S." / "USA", "U.N." / "UN".
    if len(a) == 1 and len(b) == 1 and a[0].replace(".", "").isupper() and b[0].replace(".", "").isupper():
        x, y = sorted((a[0].replace(".", ""), b[0].replace(".", "")), key=len)
        if y.startswith(x):
            return True
    return any(_close(x, y) for x in ca for y in cb)


def is_negation(token: str) -> bool:
    return bool(_NEG.search(token))


_QUOTE_RE = re.compile(r"[“\"]([^”\"]{12,}?)[”\"]")
_SAY = re.compile(
    r"^(said|says|say|told|tells|added|adds|wrote|writes|tweeted|stated|called|declared|insisted"
    r"|explained|asked|warned)$",
    re.IGNORECASE,
)
_ADVERBS = frozenset({"allegedly", "reportedly", "also", "later", "then", "has", "had", "have", "was", "is", "once"})


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    speaker: tuple[str, ...]


def _speaker_after(toks: list[tuple[int, int, str]], k: int) -> tuple[str, ...]:
    window = toks[k : k + 8]
    for j, (_, _, t) in enumerate(window):
        if _SAY.match(t.rstrip(".")):
            back = k + j - 1
            while back >= k and (toks[back][2] in {",", "’", "'"} or toks[back][2].lower() in _ADVERBS):
                back -= 1
            run = _name_run(toks, back, -1) if back >= k else ()
            if run:
                return run
            return _name_run(toks, k + j + 1, 1)
        if t in {".", ";", "“", '"'}:
            break
    return ()


def _speaker_before(toks: list[tuple[int, int, str]], k: int) -> tuple[str, ...]:
    for j in range(k - 1, max(-1, k - 4), -1):
        if _SAY.match(toks[j][2].rstrip(".")):
            back = j - 1
            while back >= 0 and (toks[back][2] == "," or toks[back][2].lower() in _ADVERBS):
                back -= 1
            return _name_run(toks, back, -1) if back >= 0 else ()
    return ()


def quotes(sentence: str) -> list[Quote]:
    """Quoted words (four or more) and who they are attributed to (empty when not a name).

    >>> [(q.text, q.speaker) for q in quotes('"We will not back down," Prime Minister Theresa May said.')]
    [('We will not back down,', ('prime', 'minister', 'theresa', 'may'))]
    """
    toks = words(sentence)
    found: list[tuple[int, int]] = [(m.start(1), m.end(1)) for m in _QUOTE_RE.finditer(sentence)]
    closing = [i for i, ch in enumerate(sentence) if ch in '”"']
    if not found and closing and sentence[: closing[0]].count("“") == 0 and closing[0] > 20:
        found.append((0, closing[0]))  # a quote whose opening mark sits in the previous sentence
    out = []
    for s, e in found:
        if len(sentence[s:e].split()) < 4:
            continue
        after = next((k for k, t in enumerate(toks) if t[0] > e), len(toks))
        while after < len(toks) and toks[after][2] in {'"', "”", ",", "’"}:
            after += 1
        first = next((k for k, t in enumerate(toks) if t[0] >= s), 0)
        speaker = _speaker_after(toks, after) or _speaker_before(toks, max(0, first - 1))
        out.append(Quote(s, e, sentence[s:e], speaker))
    return out
