"""Scope readers: signs that two figures or dates of similar sentences are about different things.

Each reader looks at one kind of text that makes a look-alike of a disagreement, found by reading the
flags on held-out Multi-News copy (docs/analysis.md, "Held-out reading, round 2").  Figures:
:func:`figures` reads amounts written in parts and drops names and codes ("three dozen" is 36, "15
years and eight months" 188 months, '" 17 kids and counting "' a title, "9-1-1" a number to call);
the others say which thing a figure is of — a superlative's value ("has the cheapest average cost …,
at $1.37"), a measure put before the noun it measures ("the 300 square foot mirrors"), a count added
to a phrase ("parents of three girls"), opposite predicates ("ahead by six points" / "losing … by 22
points"), "now" against a past year, a change "by N", a figure for each of several, for a whole, of
what could happen, of what a sum is "in", of the subject of "was", of a passive verb, during a market
session.  Dates: a photo caption's dateline ("… in tehran, iran november 1, 2017."), a date in an
attribution tail ("according to the findings, presented here today ( april 18 )"), an event dated by
its offset from another ("a couple of years after i met …").

>>> from newsfuse.compare.numbers import quantities
>>> s = 'The duggar birth was televised on the couple\\'s popular tlc reality show, " 17 kids and counting "'
>>> in_title(quantities(s)[0], s)
True
>>> opposite_predicates("he was ahead by six points among likely voters.", "he's losing the south by 22 points.")
True
"""

from __future__ import annotations

import re
from dataclasses import replace

from .conflict import Conflict
from .numbers import Quantity
from .tokens import content, words

# A quoted phrase this short holding a figure is a title or a name ("17 kids and counting"), not speech.
_TITLE_WORDS = 6
_QUOTED = re.compile(r"[\"“”]([^\"“”]{1,80})[\"“”]")


def in_title(q: Quantity, sentence: str) -> bool:
    """Whether ``q`` lies inside a short quoted phrase (at most six words): a title, not an amount."""
    for m in _QUOTED.finditer(sentence):
        if m.start(1) <= q.start and q.end <= m.end(1):
            return len(m.group(1).split()) <= _TITLE_WORDS
    return False


_SUPERLATIVES = frozenset(
    {
        "highest",
        "lowest",
        "cheapest",
        "costliest",
        "priciest",
        "biggest",
        "largest",
        "smallest",
        "greatest",
        "fewest",
        "deepest",
        "tallest",
        "longest",
        "shortest",
        "worst",
        "best",
        "richest",
        "poorest",
        "oldest",
        "youngest",
        "hottest",
        "coldest",
        "warmest",
        "busiest",
        "strongest",
        "weakest",
        "fastest",
        "slowest",
        "heaviest",
        "lightest",
    }
)
_CLAUSE_END = re.compile(r"[.;:!?—]")
_SUPERLATIVE_REACH = 12


# Words that give a figure as the value of what precedes them ("… was 94.8 percent", "…, at $ 1.37").
_VALUE_OF = frozenset({"is", "was", "were", "are", "be", "been", "at", "of", ":", "reached", "hit", "stood", "stands"})


def superlative_scoped(q: Quantity, sentence: str) -> bool:
    """Whether ``q`` is given as the value of a superlative earlier in its clause: a record or an extreme of several.

    "Oklahoma has the cheapest average cost of the bunch, at $ 1.37"; "The highest ice total on the
    entire great lakes was 94.8 percent in 1994".  A superlative naming something else ("Syria's second
    biggest city of Aleppo killed at least three") does not make the count an extreme.
    """
    head = sentence[: q.start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(head)), default=0)
    before = [t.lower() for *_, t in words(head[cut:])][-_SUPERLATIVE_REACH:]
    return bool(before) and before[-1] in _VALUE_OF and any(t in _SUPERLATIVES for t in before)


# "300 square foot mirrors", "a 70-foot fir": the unit in its singular form, then the thing measured.
_ATTRIBUTIVE = re.compile(
    r"^(?:-|\s)?(?:square\s+|cubic\s+)?(?:foot|meter|metre|mile|inch|yard|pound|ton|tonne|acre|kilometer|kilometre)"
    r"[-\s]+(?!of\b|tall\b|long\b|high\b|wide\b|deep\b|thick\b|away\b|from\b|in\b|to\b|and\b|or\b)([a-z]\w+)",
    re.IGNORECASE,
)


def attributive_noun(q: Quantity, sentence: str) -> str:
    """The noun a measure is put before ("the 300 square foot mirrors": "mirrors"), or ``""``."""
    text = sentence[q.end : q.end + 40]
    if q.text.lower().endswith(("foot", "meter", "metre", "mile", "inch", "yard", "pound", "ton", "acre")):
        text = "-" + text  # "70-foot fir": the unit is part of the figure's text
        m = re.match(r"^-[-\s]*(?!of\b|tall\b|long\b|high\b|wide\b|deep\b)([a-z]\w+)", text, re.IGNORECASE)
        return m.group(1).lower() if m else ""
    m = _ATTRIBUTIVE.match(text)
    return m.group(1).lower() if m else ""


_COUNT_WORD = re.compile(
    r"\b(\w+)\s+(\w+)\s+(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|dozen)\s+(\w+s)\b", re.IGNORECASE
)


def counted_scope(a: str, b: str) -> bool:
    """Whether one sentence adds a count to a phrase the other gives without it: two groups.

    "parents of girls are 5 percent more likely to divorce" / "the parents of three girls are close to
    10 percent more likely": the second is about families with three girls.
    """
    for x, y in ((a, b), (b, a)):
        for m in _COUNT_WORD.finditer(x):
            plain = (
                r"\b" + re.escape(m.group(1)) + r"\s+" + re.escape(m.group(2)) + r"\s+" + re.escape(m.group(3)) + r"\b"
            )
            if re.search(plain, y, re.IGNORECASE):
                return True
    return False


# Predicates of opposite direction: figures under them measure different things (a lead and a deficit).
_OPPOSITES = (
    ("ahead leading", "behind trailing trails losing"),
    ("win wins won winning", "lose loses lost losing"),
    ("rise rises rose risen rising", "fall falls fell fallen falling"),
    ("increase increases increased", "decrease decreases decreased"),
    ("gain gains gained", "lose loses lost"),
    ("profit profits", "loss losses"),
)


def opposite_predicates(a: str, b: str) -> bool:
    """Whether one sentence has a predicate and the other its opposite, neither having both.

    "he was ahead by six points" / "he's losing the south … by 22 points"; "rose 3 %" / "fell 5 %".
    """
    wa = {t.lower() for *_, t in words(a)}
    wb = {t.lower() for *_, t in words(b)}
    for left, right in _OPPOSITES:
        lw, rw = set(left.split()), set(right.split())
        for x, y in ((wa, wb), (wb, wa)):
            if x & lw and y & rw and not x & rw and not y & lw:
                return True
    return False


_NOW = re.compile(r"\b(?:now|currently)\b", re.IGNORECASE)
_THEN = re.compile(r"\bat the time\b", re.IGNORECASE)
_PAST_YEAR = re.compile(r"\b(?:in|back in|during)\s+(?:(?:early|late|mid)\s+)?(1[89]\d\d|20\d\d)\b", re.IGNORECASE)


def now_and_past(a: str, b: str) -> bool:
    """Whether one sentence gives its figures as of "now" and the other dates its own in a year ("in 1996")."""
    for x, y in ((a, b), (b, a)):
        if _NOW.search(x) and not _NOW.search(y) and _PAST_YEAR.search(y) and not _PAST_YEAR.search(x):
            return True
        if _NOW.search(x) and _THEN.search(y) and not _THEN.search(x):
            return True  # "now 28 years old" / "only six years old at the time"
    return False


# A caption's dateline: "… in tehran, iran november 1, 2017." — a place, a full date, then the end.
_DATELINE = re.compile(r"\bin\s+[\w.'’-]+(?:\s[\w.'’-]+)?,\s*[\w.'’-]+(?:\s[\w.'’-]+)?,?\s*$", re.IGNORECASE)
_YEAR_END = re.compile(r"^,?\s*(?:1[89]|20)\d\d\W*$|^\W*$")


_WEEKDAY = re.compile(r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_FULL_DATE_END = re.compile(r"^\W*(?:[a-z]{3,9}\.?\s+\d{1,2},\s*(?:1[89]|20)\d\d)?\W*$", re.IGNORECASE)
_COMMA_ON = re.compile(r",\s*(?:on\s+)?$", re.IGNORECASE)


_FILE_PHOTO = re.compile(r"^\W*(?:file\s+)?photo\b", re.IGNORECASE)


def caption_dateline(sentence: str, start: int, end: int) -> bool:
    """Whether ``sentence[start:end]`` is the date that closes a photo caption after its place.

    Reuters style: "( l-r ) … pose for a picture during a meeting in tehran, iran november 1, 2017."; AP
    style: "… stationed behind the gate of a military base in the port of kerch, ukraine, monday, march 3,
    2014." (a weekday after a comma, then the full date, then the end); AP file photos: "in this june 30,
    2003, file photo".  All date the photo.
    """
    tail = sentence[end:]
    if _YEAR_END.match(tail) and _DATELINE.search(sentence[max(0, start - 60) : start]):
        return True
    if re.search(r"\bthis\s*$", sentence[max(0, start - 12) : start], re.IGNORECASE) and _FILE_PHOTO.match(tail):
        return True  # "file - in this june 30, 2003, file photo, dan lafferty poses …"
    weekday = _WEEKDAY.match(sentence[start:end]) is not None
    if weekday and _FULL_DATE_END.match(tail) and re.search(r"(?:1[89]|20)\d\d\W*$", sentence):
        return bool(_COMMA_ON.search(sentence[max(0, start - 10) : start]))
    before = sentence[max(0, start - 30) : start]
    return bool(
        _YEAR_END.match(tail) and re.search(r",\s*(?:on\s+)?" + _WEEKDAY.pattern + r",?\s*$", before, re.IGNORECASE)
    )


_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)


def attribution_start(sentence: str, at: int) -> int | None:
    """Where the attribution tail holding ``at`` starts ("…, according to the study presented today"), else None."""
    found = [m.start() for m in _ACCORDING.finditer(sentence) if m.start() < at]
    return found[-1] if found else None


def main_overlap(a: str, cut_a: int, b: str, cut_b: int) -> float:
    """Share of the smaller main clause's content words (text before each cut) that the other main clause has."""
    wa = set(content([t for *_, t in words(a[:cut_a])]))
    wb = set(content([t for *_, t in words(b[:cut_b])]))
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


_YEARS_AND = re.compile(r"^\s*years?\s+and\s*$", re.IGNORECASE)
_CONVERSION_OPEN = re.compile(r"^[\s-]*[a-z]*\.?\s*\(\s*$", re.IGNORECASE)
_CODE = re.compile(r"^-\d")  # "9-1-1": digits joined by hyphens are a code, not a count
_DENOMINATION = re.compile(r"^\s*(?:bills?|notes?|banknotes?|coins?)\b", re.IGNORECASE)


def figures(qs: list[Quantity], sentence: str) -> list[Quantity]:
    """The figures of ``qs`` as amounts: one figure per amount written in parts, none for names and codes.

    "three dozen states" is 36 states; "15 years and eight months" is 188 months; "Eighty two percent" is
    82 %; in "about 95 kilometers ( 60 miles )" the miles are "about" too; "over a dozen" is more than 12;
    "$ 10+ million" at least ten million; "younger than 18" covers ages below 18; "£ 127m" is not in
    dollars.  "9-1-1", "the $ 20 bill", a mistyped "$ 33,0000" and a figure in a short quoted title ("17
    kids and counting") are not amounts.
    """
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        if _CODE.match(sentence[q.end : q.end + 2]) or (
            q.start and sentence[q.start - 1] == "-" and q.text[:1].isdigit()
        ):
            continue
        if q.noun == "$" and _DENOMINATION.match(sentence[q.end : q.end + 12]):
            continue
        if (
            in_title(q, sentence)
            or _MALFORMED.match(sentence[q.end : q.end + 6])
            or (sentence[max(0, q.start - 2) : q.start][:1].isdigit() and sentence[q.start - 1 : q.start] == ",")
        ):
            continue  # "$ 33,0000": a mistyped figure read in part
        tens = _TENS.get(prev.text.lower()) if prev is not None else None
        if prev is not None and tens and q.value < 10 and sentence[prev.end : q.start] == " " and q.text[:1].isalpha():
            out[-1] = replace(q, start=prev.start, text=sentence[prev.start : q.end], value=tens + q.value,
                              lo=tens + q.lo, hi=tens + q.hi, before=prev.before)  # fmt: skip
            continue  # "Eighty two percent": 82
        q = _hedge_before_article(_plus_after(age_limit(q, sentence), sentence), sentence)
        if q.noun == "$" and sentence[q.start : q.end].lstrip()[:1] in _OTHER_CURRENCIES:
            q = replace(q, noun=sentence[q.start : q.end].lstrip()[0])  # "£ 127m" is not "$ 180 million"
        if (
            prev is not None
            and prev.noun == "dozen"
            and q.text.lower() == "dozen"
            and not sentence[prev.end : q.start].strip()
        ):
            out[-1] = replace(prev, end=q.end, text=sentence[prev.start : q.end], value=prev.value * 12,
                              lo=prev.lo * 12, hi=prev.hi * 12, noun=q.noun, after=q.after)  # fmt: skip
            continue
        if (
            prev is not None
            and q.noun == "month"
            and prev.noun == "year"
            and _YEARS_AND.match(sentence[prev.end : q.start])
        ):
            months = prev.value * 12
            out[-1] = replace(q, start=prev.start, text=sentence[prev.start : q.end], value=q.value + months,
                              lo=q.lo + months, hi=q.hi + months, before=prev.before)  # fmt: skip
            continue
        if prev is not None and prev.value and _CONVERSION_OPEN.match(sentence[prev.end : q.start]):
            lo, hi = prev.lo / prev.value, prev.hi / prev.value
            if lo < q.lo / q.value or hi > q.hi / q.value:
                q = replace(q, lo=min(q.lo, q.value * lo), hi=max(q.hi, q.value * hi))
        out.append(q)
    return out


_OTHER_CURRENCIES = frozenset("£€¥")
_MALFORMED = re.compile(r"^,\d{4}")
_TENS = {
    w: 10.0 * (k + 2)
    for k, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
}
_PER_ITEM = re.compile(r"^(?:\s+\w+){0,2}?\s+(?:each|apiece|for both|for each)\b", re.IGNORECASE)


def per_item(q: Quantity, sentence: str) -> bool:
    """A figure for each of several ("terms of 25 years for both the kidnapping and rape"), not a total."""
    return bool(_PER_ITEM.match(sentence[q.end : q.end + 40]))


_WHOLE = frozenset({"worldwide", "globally", "global", "nationwide", "statewide", "countrywide"})


def whole_scope(q: Quantity, sentence: str) -> bool:
    """A figure for a whole ("40.3 million people worldwide"), not to be opposed to a part's figure."""
    return bool(_WHOLE & {t.lower() for *_, t in words(sentence[q.end : q.end + 40])[:4]})


_MONEY_FOR = re.compile(r"^\s+in\s+((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)", re.IGNORECASE)


def money_for(q: Quantity, sentence: str) -> frozenset[str]:
    """What a sum is, when written after it: "$ 1 million in fines and restitution": {fine, restitution}."""
    if q.noun != "$":
        return frozenset()
    m = _MONEY_FOR.match(sentence[q.end : q.end + 60])
    return frozenset(content(m.group(1).split())) if m else frozenset()


_CHANGE_NOUNS = frozenset(
    {"rise", "increase", "drop", "fall", "decline", "jump", "gain", "cut", "growth", "decrease", "surge"}
)


def change_noun(q: Quantity) -> bool:
    """ "a 43 percent rise": the figure is the size of a change."""
    return bool(q.after[:1]) and q.after[0] in _CHANGE_NOUNS


_LIMIT_BELOW = re.compile(r"\b(?:younger than|under the age of|below the age of)\s*$", re.IGNORECASE)
_LIMIT_ABOVE = re.compile(r"\b(?:older than|over the age of)\s*$", re.IGNORECASE)


def age_limit(q: Quantity, sentence: str) -> Quantity:
    """ "younger than 18 years" covers ages below 18 ("12- to 17-year-olds" agree); "older than 65" above."""
    head = sentence[max(0, q.start - 25) : q.start]
    if _LIMIT_BELOW.search(head):
        return replace(q, lo=0.0, hi=q.value)
    if _LIMIT_ABOVE.search(head):
        return replace(q, lo=q.value, hi=q.value * 2)
    return q


_INTRADAY = re.compile(r"\b(?:midday|intraday|morning|afternoon|early|late)\s+(?:trading|trade|deals)\b", re.IGNORECASE)
_AT_CLOSE = re.compile(r"\b(?:to finish|finished|to close|closed|at the close|settled|ended the day)\b", re.IGNORECASE)


def trading_times_differ(a: str, b: str) -> bool:
    """A market figure during the session ("in midday trading") and one at the close ("to finish at 2,131.52")."""
    return any(_INTRADAY.search(x) and not _AT_CLOSE.search(x) and _AT_CLOSE.search(y) for x, y in ((a, b), (b, a)))


_OFFSET_EVENT = re.compile(
    r"\b(?:years?|months?|weeks?|days?|decades?)\s+(?:after|before|later|earlier)\b", re.IGNORECASE
)


def dated_by_offset(sentence: str) -> bool:
    """A sentence placing its event relative to another ("in 1987, a couple of years after i met bill cosby")."""
    return bool(_OFFSET_EVENT.search(sentence))


_MODAL_AFTER = re.compile(
    r"^(?:\s+[\w-]+){0,2}?\s+(?:could|may|might|would|will|are expected to|is expected to|are projected to)\b",
    re.IGNORECASE,
)


def projected(q: Quantity, sentence: str) -> bool:
    """A figure of what could happen ("More than 20,000 people could become infected"), not of what did."""
    return bool(_MODAL_AFTER.match(sentence[q.end : q.end + 40]))


_SPANS = frozenset({"minute", "hour", "day", "week", "month", "year"})


def snapshots(found: list[Conflict], qa: list[Quantity], qb: list[Quantity]) -> bool:
    """Differing time spans with differing counts: two moments of a growing figure, not one fact.

    "viewed more than 12 million times in just under three days" / "more than 10 million times in the two days".
    """
    spans = {q.noun for q in qa + qb if q.noun in _SPANS}
    if not spans:
        return False
    span_conflict = any(
        any(q.noun in _SPANS and q.start == c.a_start for q in qa)
        or any(q.noun in _SPANS and q.start == c.b_start for q in qb)
        for c in found
    )
    if not span_conflict:
        return False
    shared = ({q.noun for q in qa} & {q.noun for q in qb}) - _SPANS - {""}
    return any(
        not any(
            abs(x.value - y.value) <= 0.01 * max(x.value, y.value) for x in qa if x.noun == n for y in qb if y.noun == n
        )
        for n in shared
    )


_BY_CHANGE = re.compile(r"\bby\s+(?:just\s+|only\s+)?$", re.IGNORECASE)
_CHANGE_STEM = re.compile(
    r"\b(?:ris(?:e|es|en|ing)|rose|f[ae]ll(?:s|en|ing)?|drop\w*|declin\w*|increas\w*|decreas\w*|reduc\w*|cut(?:s|ting)?"
    r"|lower\w*|rais\w*|boost\w*|gr[oe]w\w*|jump\w*|climb\w*|slip\w*|plung\w*|soar\w*|surg\w*|gain\w*|shr[iu]nk\w*|expand\w*)\b",
    re.IGNORECASE,
)
_CLAUSE_MARK = re.compile(r"[.;:!?,—]")


def by_change(q: Quantity, sentence: str) -> bool:
    """The size of a change, written "by N" after a change verb of its clause ("cutting the level … by just 1")."""
    head = sentence[max(0, q.start - 160) : q.start]
    m = _BY_CHANGE.search(head)
    if not m:
        return False
    cut = max((c.end() for c in _CLAUSE_MARK.finditer(head[: m.start()])), default=0)
    return bool(_CHANGE_STEM.search(head[cut : m.start()]))


_VALUE_VERB = re.compile(
    r"\b(?:was|is|were|are|amounted to|amounts to|totaled|totalled|totals|came to|stood at|reached)\s*$", re.IGNORECASE
)


def copular_subject(q: Quantity, sentence: str) -> frozenset[str]:
    """The content words of what a figure is the value of ("the market value of … consumer electronics … was $ N")."""
    head = sentence[max(0, q.start - 200) : q.start]
    m = _VALUE_VERB.search(head)
    if not m:
        return frozenset()
    clause = head[: m.start()]
    cut = max((c.end() for c in _CLAUSE_END.finditer(clause)), default=0)  # commas kept: "…, had they been genuine,"
    return frozenset(w for w in content([t for *_, t in words(clause[cut:])]) if not w[:1].isdigit())


_PASSIVE_AFTER = re.compile(
    r"^[^.;]{0,25}?\b(?:has|have|had|was|were|is|are)\s+(?:been\s+)?(?:\w+ly\s+)?([a-z]{3,}ed)\b", re.IGNORECASE
)


def passive_verb(q: Quantity, sentence: str) -> str:
    """The participle a figure is the subject of ("$ 6.3 million has been seized": "seized"), or ``""``."""
    m = _PASSIVE_AFTER.match(sentence[q.end : q.end + 60])
    return m.group(1).lower() if m else ""


_HEDGE_A = re.compile(
    r"\b(?:(more than|over|at least)|(about|around|roughly|some|approximately)|(nearly|almost|close to))\s+an?\s*$",
    re.IGNORECASE,
)


def _hedge_before_article(q: Quantity, sentence: str) -> Quantity:
    """A hedge before "a"/"an": "over a dozen deaths" is more than 12, "about a 10 percent lower risk" about 10 %."""
    m = _HEDGE_A.search(sentence[max(0, q.start - 25) : q.start])
    if not m or not q.value:
        return q
    if m.group(1):
        return replace(q, lo=q.value, hi=q.value * 1.5)
    if m.group(2):
        return replace(q, lo=q.value * 0.9, hi=q.value * 1.1)
    return replace(q, lo=q.value * 0.85, hi=q.value * 1.1)


_PLUS = re.compile(r"^\+\s*(thousand|million|billion)?\b", re.IGNORECASE)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def _plus_after(q: Quantity, sentence: str) -> Quantity:
    """ "$ 10+ million" is at least ten million."""
    m = _PLUS.match(sentence[q.end : q.end + 12])
    if not m:
        return q
    value = q.value * _SCALE.get((m.group(1) or "").lower(), 1.0)
    return replace(
        q, end=q.end + m.end(), text=sentence[q.start : q.end + m.end()], value=value, lo=value, hi=value * 1.5
    )
