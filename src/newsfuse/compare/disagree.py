"""Disagreements: the same fact stated differently by two outlets.

Candidate pairs are sentences of different outlets that the aligner put in one fact, or whose
similarity is high (``StoryState.similarity``).  Each pair is read for five kinds of conflict:
``number`` (same unit and slot, values the wording cannot reconcile: "about 30,000" and "29,800"
agree, "28,500 troops" and "23,500 troops" do not), ``date`` (event dates and clock times, relative
ones resolved against each article's date), ``role`` (different names in the same slot of nearly
the same sentence), ``quote`` (the same words attributed to different speakers) and ``negation``
("will attend" / "will not attend").  Scope guards keep "a two-day visit to Beijing" and "four days
in China" apart: a number whose qualifying names do not occur in the other sentence is not compared.

>>> [c.kind for c in compare_sentences("The US keeps 28,500 troops in South Korea.",
...                                    "The US keeps about 23,500 troops in South Korea.")]
['number']
>>> compare_sentences("About 30,000 people attended the rally.", "Police said 29,800 people attended the rally.")
[]
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from .categories import category_conflicts
from .conflict import Conflict
from .identifiers import identifier_conflicts, identifiers
from .magnitudes import magnitude_conflicts
from .measures import is_measure, measures_disagree
from .numbers import CASUALTY_VERBS
from .ranks import rank_conflicts
from .scope import (
    attribution_start,
    attributive_noun,
    by_change,
    caption_dateline,
    change_noun,
    copular_subject,
    counted_scope,
    dated_by_offset,
    figures,
    main_overlap,
    money_for,
    now_and_past,
    opposite_predicates,
    passive_verb,
    per_item,
    projected,
    snapshots,
    superlative_scoped,
    trading_times_differ,
    whole_scope,
)
from .text import STOP, Quantity, content, is_negation, quantities, quotes, same_name, words
from .timeline import CALENDAR_WORDS, DateMention, compatible, find_dates, find_times

if TYPE_CHECKING:
    from .base import Version

KINDS = ("number", "date", "role", "quote", "negation")
_ORDINALS = frozenset(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last", "final"]
)
_ZONE = re.compile(r"\b(local|[A-Z][a-z]+) time\b|\b(GMT|UTC|[ECMP][SD]T)\b")
_CALENDAR = CALENDAR_WORDS
_MIN_DATE_OVERLAP = 0.5
_NAME_GLUE = frozenset({"of", "the", "de", "al", "bin", "van", "von", "&", "-"})


def _qualifier_names(q: Quantity, sentence: str) -> set[str]:
    # Capitalised words right after the number ("to Beijing", "in Texas") give its scope.
    tail = sentence[q.end : q.end + 60]
    names = {w.lower() for w in re.findall(r"\b[A-Z][\w’'-]+", tail.split(",")[0].split(";")[0])}
    return names - _CALENDAR


def _scope_differs(qa: Quantity, qb: Quantity, a: str, b: str) -> bool:
    """Whether the names qualifying the two numbers show they count different things.

    "a two-day visit to Beijing" / "four days in China": Beijing and China.  "15 people in Texas"
    / "40 people across three states": Texas, which the other sentence never names.
    """
    na, nb = _qualifier_names(qa, a), _qualifier_names(qb, b)
    if na and nb and not na & nb:
        return True
    only, other = (na, b) if na and not nb else (nb, a) if nb and not na else (set(), "")
    if only and all(re.search(r"\b" + re.escape(n) + r"\b", other.lower()) is None for n in only):
        return True
    oa, ob = set(qa.after) & _ORDINALS, set(qb.after) & _ORDINALS
    return bool(oa and ob and oa != ob)


# Words before a figure that say which figure it is: two of them differing means two different figures.
_CONTRAST_WORDS = """
    request requested sought seeking sentenced served serving probation faced faces owe owed owes remaining balance
    unpaid outstanding minimum maximum average median mean total annual monthly weekly daily hourly initial final
    base starting current previous former new old original sued suing sues seeks seek demanded demanding demands other
    within
"""
_CONTRAST = frozenset(_CONTRAST_WORDS.split())
_RATE = re.compile(
    r"^\s*(?:a|an|per|each|every)\s+(?:week|day|hour|month|year|night|head|person|share|game|season)\b", re.I
)
_RANGE_GLUE = re.compile(r"^\s*(?:to|or|-|–|and)\s*$")
_PEOPLE = frozenset({"people", "person", "passenger", "crew", "occupant", "resident", "worker", "student"})
_TOTAL_TAIL = re.compile(r"^\s*and\s+(crew|passengers|staff|crew members)\b", re.I)
_WINDOW = 3
# Sentences sharing this share of their content words are paraphrases: their figures are comparable.
_PARAPHRASE = 0.5
# Sentences sharing this share may pair two figures by their surrounding words alone (one sentence about one thing).
_CONTEXT_PAIRING = 0.4


def _window_words(sentence: str, start: int, end: int, skip: set[str]) -> set[str]:
    """The content lemmas nearest before and after ``sentence[start:end]`` (the expression's context)."""
    keep = [w for w in content([t for *_, t in words(sentence[:start])]) if w not in skip and w not in _CALENDAR]
    ahead = [w for w in content([t for *_, t in words(sentence[end:])]) if w not in skip and w not in _CALENDAR]
    return set(keep[-_WINDOW:]) | set(ahead[:_WINDOW])


def _same_context(a: str, sa: tuple[int, int], b: str, sb: tuple[int, int], skip: set[str]) -> bool:
    """Whether the words around two expressions share a content word: they state the same thing's figure.

    "Three people were stabbed" / "two people have been stabbed" share "stabbed"; "a democracy
    campaigner for 20 years" / "served two years in prison" share nothing.
    """
    return bool(_window_words(a, *sa, skip) & _window_words(b, *sb, skip))


def _appositive(q: Quantity, sentence: str) -> tuple[str, ...]:
    """The name a figure describes when it sits in an apposition: "Zirkle, a three-time runner-up"."""
    m = re.search(r"((?:[A-Z][\w’'.-]+\s?){1,3}),\s+(?:a|an|the)\s*$", sentence[max(0, q.start - 60) : q.start])
    return tuple(w.lower() for w in m.group(1).split()) if m else ()


def _governor(sentence: str, start: int) -> str | None:
    before = [w for w in content([t for *_, t in words(sentence[:start])]) if w not in _CALENDAR]
    return before[-1] if before else None


def _same_governor(a: str, x: DateMention, b: str, y: DateMention) -> bool:
    """Whether the word each date hangs on ("found Tuesday", "confirmed Wednesday") is around the other date."""
    ga, gb = _governor(a, x.start), _governor(b, y.start)
    wa, wb = _window_words(a, x.start, x.end, set()), _window_words(b, y.start, y.end, set())
    return (ga is not None and ga in wb) or (gb is not None and gb in wa)


_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|confirmed|testified|wrote|tweeted)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


def _reporting_day(sentence: str, d: DateMention) -> bool:
    """A day right after a speech verb ("the commission said Wednesday") dates the statement, not the event."""
    return bool(_SAID_BEFORE.search(sentence[max(0, d.start - 30) : d.start]))


def _loose_dates_differ(a: str, b: str, anchor_a: date | None, anchor_b: date | None) -> bool:
    """Both sentences date what they say, and no two of their dates agree: likely two events."""
    da, db = _event_dates(a, anchor_a), _event_dates(b, anchor_b)
    verdicts = [_dates_agree(x, y) for x in da for y in db]
    judged = [v for v in verdicts if v is not None]
    return bool(judged) and not any(judged)


_SENTENCE_END = re.compile(r"[.!?]\s+(?=\W*[A-Z(])|[.!?]\s*\(")


def _part(sentence: str, at: int) -> tuple[int, int]:
    """The bounds of the sentence inside ``sentence`` (glued copy may hold several) that holds offset ``at``."""
    lo, hi = 0, len(sentence)
    for m in _SENTENCE_END.finditer(sentence):
        if m.end() <= at:
            lo = m.end()
        elif m.start() >= at:
            hi = m.start()
            break
    return lo, hi


def _unmatched_dates(c: Conflict, a: str, b: str, anchor_a: date | None, anchor_b: date | None) -> bool:
    """Both figures are dated in their own sentence and none of those dates can be matched ("on monday" /
    "on july 10" without article dates): one event is not shown."""
    (la, ha), (lb, hb) = _part(a, c.a_start), _part(b, c.b_start)
    da = [d for d in _event_dates(a, anchor_a) if la <= d.start < ha]
    db = [d for d in _event_dates(b, anchor_b) if lb <= d.start < hb]
    return bool(da and db) and not any(_dates_agree(x, y) for x in da for y in db)


def _is_age(c: Conflict, a: str) -> bool:
    return any(q.kind == "age" and q.start <= c.a_start < q.end for q in quantities(a))


def _contrast(q: Quantity, sentence: str) -> set[str]:
    before = [t.lower() for *_, t in words(sentence[max(0, q.start - 50) : q.start])][-5:]
    # An earlier figure, said before or after it: "some 2,000 people had previously been evacuated".
    found = (set(before) & _CONTRAST) | (set(before) | set(q.after)) & _EARLIER
    if _TERM_AFTER.match(sentence[q.end : q.end + 30]):
        found.add("sentenced")  # "a 60-year prison term" is a sentence, like "sentenced to 60 years"
    # A statistic named anywhere earlier in the figure's clause: "The average price of regular gas in
    # california is $ 2.50" is not what "some stations are peddling fuel for less than $ 1.25".
    return found | ({t.lower() for *_, t in words(_clause_before(q, sentence))} & _STATISTICS)


_STATISTICS = frozenset({"average", "median", "mean"})
_CLAUSE_MARK = re.compile(r"[.;:!?,—]")


def _clause_before(q: Quantity, sentence: str) -> str:
    """The text of ``q``'s clause before it: from the last punctuation mark before it (or the sentence start)."""
    head = sentence[max(0, q.start - 200) : q.start]
    cut = max((m.end() for m in _CLAUSE_MARK.finditer(head)), default=0)
    return head[cut:]


_EARLIER = frozenset({"previously", "initially", "originally"})
_TERM_AFTER = re.compile(r"^[\s-]*(?:\w+\s+)?(?:prison\s+)?(?:term|sentence)\b", re.IGNORECASE)


_THRESHOLD = re.compile(
    r"^\s*(?:[\w-]+\s+)?(benchmark|mark|milestone|threshold|barrier|cap|limit|target|goal|needed|required)\b",
    re.IGNORECASE,
)


_THRESHOLD_OF = re.compile(r"\b(?:limit|cap|threshold|target|goal|benchmark|ceiling)\s+of\s*$", re.IGNORECASE)


def _is_threshold(q: Quantity, sentence: str) -> bool:
    """A figure named as a mark to reach ("the $1 billion benchmark", "a legal limit of 12 micrograms")."""
    return bool(
        _THRESHOLD.match(sentence[q.end : q.end + 20]) or _THRESHOLD_OF.search(sentence[max(0, q.start - 30) : q.start])
    )


_CHANGE_VERB = (
    r"(?:fell|fall|falls|fallen|dropped|drops|drop|declined|slipped|sank|plunged|drained|lost|rose|rise|rises|risen"
    r"|climbed|increased|jumped|grew|gained|surged|soared|cut|reduced|raised|lowered|down|up)"
)
_LEVEL = re.compile(r"\b" + _CHANGE_VERB + r"\s+(?:\w+\s+)?to\s*$", re.IGNORECASE)
_CHANGE = re.compile(r"\b(?:" + _CHANGE_VERB + r"|by)\s*$", re.IGNORECASE)


def _change_role(q: Quantity, sentence: str) -> str:
    """``level`` for the figure a change ends at ("down to 80%"), ``change`` for its size ("drained 20%")."""
    before = sentence[max(0, q.start - 40) : q.start]
    if _LEVEL.search(before):
        return "level"
    return "change" if _CHANGE.search(before) else ""


def _is_rate(q: Quantity, sentence: str) -> bool:
    tail = sentence[q.end : q.end + 30]
    if q.noun and q.noun not in {"$", "%"}:
        tail = re.sub(r"^\s*[\w’'-]+", "", tail, count=1)
    return bool(_RATE.match(tail))


def _range_partner(q: Quantity, qs: list[Quantity], sentence: str) -> Quantity | None:
    """The other end of "eight to fifteen years", "40 or 50 people" when ``q`` is one end."""
    for o in qs:
        if o is q:
            continue
        lo, hi = (q, o) if q.end <= o.start else (o, q)
        if _RANGE_GLUE.match(sentence[lo.end : hi.start]):
            return o
    return None


def _covered_by_range(q: Quantity, other: Quantity, others: list[Quantity], sentence: str) -> bool:
    partner = _range_partner(other, others, sentence)
    if partner is None:
        return False
    lo, hi = min(other.lo, partner.lo), max(other.hi, partner.hi)
    return q.lo <= hi and lo <= q.hi


def _range_span(q: Quantity, qs: list[Quantity], sentence: str) -> tuple[int, int, float, float] | None:
    """``(start, end, low, high)`` of the range ``q`` is an end of ("40 to 70", "between 6 and 8"), else None."""
    if q.kind == "range" and q.other is not None:
        return q.start, q.end, min(q.value, q.other), max(q.value, q.other)
    partner = _range_partner(q, qs, sentence)
    if partner is None:
        return None
    lo, hi = (q, partner) if q.start < partner.start else (partner, q)
    return lo.start, hi.end, min(q.value, partner.value), max(q.value, partner.value)


def _ranges_agree(x: tuple[int, int, float, float], y: tuple[int, int, float, float]) -> bool:
    return all(abs(u - v) <= 0.005 * max(abs(u), abs(v)) for u, v in ((x[2], y[2]), (x[3], y[3])))


def _after_noun(q: Quantity, sentence: str) -> str:
    return re.sub(r"^\s*[\w’'-]+", "", sentence[q.end : q.end + 40], count=1)


def _sums(qs: list[Quantity]) -> list[tuple[float, float]]:
    """Intervals of the sums of two or more people counts of one sentence (parts of a total)."""
    parts = [q for q in qs if q.noun in _PEOPLE and q.kind == "count"]
    if len(parts) < 2:
        return []
    return [(sum(q.lo for q in parts), sum(q.hi for q in parts))]


def _values_agree(qa: Quantity, qb: Quantity) -> bool:
    if qa.kind == "tally" and qb.kind == "tally" and qa.other and qb.other:
        big, small = max(qa.value, qa.other, qb.value, qb.other), min(qa.value, qa.other, qb.value, qb.other)
        if small and big / small > 3 and max(qa.value, qa.other) / max(1.0, max(qb.value, qb.other)) not in (1.0,):
            scale_a, scale_b = max(qa.value, qa.other), max(qb.value, qb.other)
            if max(scale_a, scale_b) / max(1.0, min(scale_a, scale_b)) > 3:
                return True  # a score and a win-loss record are different things ("121-106" / "2-9")
    if qa.kind == "tally" or qb.kind == "tally":
        return qa.kind == qb.kind and qa.value == qb.value and qa.other == qb.other
    if qa.kind == "range" and qb.kind == "range" and qa.other is not None and qb.other is not None:
        span_a, span_b = (0, 0, qa.value, qa.other), (0, 0, qb.value, qb.other)
        return _ranges_agree(span_a, span_b)  # "between 40 and 70" / "between 50 and 70": two ranges
    return qa.lo <= qb.hi * 1.0001 and qb.lo <= qa.hi * 1.0001


def _slot(q: Quantity) -> str:
    return q.kind if q.kind in {"age", "tally"} else q.noun


def _slot_in(q: Quantity, sentence: str) -> str:
    """The slot a number fills: totals of people ("189 people", "157 passengers and crew") share one."""
    if (
        q.kind == "count"
        and q.noun in _PEOPLE
        and (q.noun in {"people", "person"} or _TOTAL_TAIL.match(_after_noun(q, sentence)))
    ):
        return "people-total"
    return _slot(q)


def _same_subject(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whose age: the same name, or one name inside the other when the shorter is a full name.

    A lone surname is not enough (mother and son share it); a lone title is, when it heads the
    other name ("the 62-year-old mayor" / "Mayor Ana Ruiz, 58").
    """
    ca, cb = set(a), set(b)
    if ca == cb:
        return True
    short, long_ = sorted((ca, cb), key=len)
    if len(short) == 1 and (a if len(a) > len(b) else b)[0] in short and short <= _SINGLE_TITLES:
        return True
    return len(short) >= 2 and short <= long_


# Titles that name one person in a story ("the mayor").
_SINGLE_TITLES = frozenset(
    {"mayor", "governor", "president", "senator", "chairman", "chairwoman", "ceo", "judge", "sheriff", "coach"}
)


def _may_pair(qa: Quantity, qb: Quantity) -> bool:
    # Equal ages of two different people do not vouch for each other.
    return not (qa.kind == "age" and qa.subject and qb.subject) or _same_subject(qa.subject, qb.subject)


def _comparable(
    qa: Quantity, qb: Quantity, n_a: int, n_b: int, a: str, b: str, *, by_words: bool = True, same_unit: bool = True
) -> bool:
    """Whether two figures of one slot state the same thing's value (so different values conflict).

    With several figures of the slot on a side, the words after them must match (``by_words``);
    without, the caller has checked that the context words single out this pair.
    """
    if (qa.kind == "age") != (qb.kind == "age") or (qa.kind == "tally") != (qb.kind == "tally"):
        return False
    if (qa.after[:1] == ("ago",)) != (qb.after[:1] == ("ago",)):
        return False  # "14,000 years ago" is a time, "predating agriculture by at least 4,000 years" a span
    if qa.kind == "age":
        if qa.subject and qb.subject:
            return _same_subject(qa.subject, qb.subject)
        return n_a == 1 and n_b == 1 and not qa.subject and not qb.subject
    if qa.kind != "tally" and same_unit:
        if qa.noun != qb.noun and not (qa.noun in _PEOPLE and qb.noun in _PEOPLE):
            return False
        if not qa.noun and (not qa.before or not qb.before or qa.before[-1] != qb.before[-1]):
            return False  # a bare number: only when the word just before it is the same ("magnitude 6.4")
    if _scope_differs(qa, qb, a, b):
        return False
    sa, sb = _appositive(qa, a), _appositive(qb, b)
    if qa.kind != "age" and sa and sb and set(sa).isdisjoint(sb):
        return False  # "Zirkle, a three-time runner-up" / "King, a four-time champion": two people
    if {_change_role(qa, a), _change_role(qb, b)} == {"level", "change"}:
        return False  # "down to 80%" / "drained 20%": where it ended and by how much
    if qa.noun == "%" and (_change_role(qa, a) == "change" or change_noun(qa)) != (
        _change_role(qb, b) == "change" or change_noun(qb)
    ):
        return False  # "rose by 43 percent" / "more than 10 percent of u.s. children": a change and a share
    if by_change(qa, a) != by_change(qb, b):
        return False  # "cutting the level … by just 1 microgram" / "exposed to as little as 5 micrograms"
    va, vb = passive_verb(qa, a), passive_verb(qb, b)
    if va and vb and not _same_stem(va, vb) and va not in b.lower() and vb not in a.lower():
        return False  # "$ 6.3 million has been seized" / "more than $ 11.4 million — has been traced"
    ja, jb = copular_subject(qa, a), copular_subject(qb, b)
    if len(ja - _content_set(b)) >= 2 and len(jb - _content_set(a)) >= 2:
        return False  # "the value of the seized counterfeit goods amounted to" / "the value of … electronics was"
    if (
        per_item(qa, a) != per_item(qb, b)
        or whole_scope(qa, a) != whole_scope(qb, b)
        or projected(qa, a) != projected(qb, b)
    ):
        return False  # "25 years for both" / "50 years"; "40.3 million people worldwide" / "400,000 … in the us"
    fa, fb = money_for(qa, a), money_for(qb, b)
    if fa and fb and not fa & fb:
        return False  # "$ 1 million in fines" / "$ 650,000 in disability and insurance payments"
    if (
        _contrast(qa, a) != _contrast(qb, b)
        or superlative_scoped(qa, a) != superlative_scoped(qb, b)
        or _is_rate(qa, a) != _is_rate(qb, b)
        or _is_threshold(qa, a)
        or _is_threshold(qb, b)
    ):
        return False  # "minimum salary" / "average salary", "$700 a week" / "$40,000"
    if _measures_other_thing(qa, qb, a, b):
        return False  # "the 300 square foot mirrors" / "over 2150 square feet of concentrated space"
    if (
        qa.kind != "tally"
        and _overlap(a, b) < _PARAPHRASE
        and not _same_context(a, (qa.start, qa.end), b, (qb.start, qb.end), {qa.noun, qb.noun, "ago", "away"})
    ):  # "years ago", "miles away" share no context: "went extinct 40,000 years ago" / "lived 150,000 years ago"
        return False
    if (n_a == 1 and n_b == 1) or not by_words:
        return True
    if qa.before and qb.before and qa.before[-1] == qb.before[-1] and qa.before[-1] in CASUALTY_VERBS:
        return True  # "killed 72 and injured 280" / "killed 65 people": the figures the same verb counts
    shared = len(set(qa.after) & set(qb.after))
    return shared >= (1 if min(n_a, n_b) == 1 else 2)


def _measures_other_thing(qa: Quantity, qb: Quantity, a: str, b: str) -> bool:
    """One figure names the thing it measures ("the 300 square foot mirrors") and the other's words lack it.

    Two figures put before nouns ("a 70-foot fir" / "a 72-foot spruce") fill one slot; so do close paraphrases.
    """
    na, nb = attributive_noun(qa, a), attributive_noun(qb, b)
    if bool(na) == bool(nb) or _overlap(a, b) >= _PARAPHRASE:
        return False
    noun, q, sentence = (na, qb, b) if na else (nb, qa, a)
    if not _MEASURE_OF.match(sentence[q.end : q.end + 40]):
        return False  # the other names nothing it measures: "nearly 20,000 square feet with a … wing" may be the home
    return noun not in _window_words(sentence, q.start, q.end, set()) | {
        w + "s" for w in _window_words(sentence, q.start, q.end, set())
    }


# "2150 square feet of concentrated space": the unit, then "of" and what is measured.
_MEASURE_OF = re.compile(r"^[\s-]*(?:square\s+|cubic\s+)?[a-z]+\s+of\b", re.IGNORECASE)


def _only_same_context(qa: Quantity, xs: list[Quantity], ys: list[Quantity], a: str, b: str) -> Quantity | None:
    """The one figure of ``ys`` whose surrounding words meet ``qa``'s, when no other figure's do.

    "the 8,027-meter (26,330-foot) mountain" / "the 26,291-foot (8,013 m) peak ... at an altitude of
    19,356 feet (5,900 m)": the heights of the peak meet, the altitude does not.
    """
    skip = {qa.noun}
    # Figures of one thing are of one order: "13.3 billion gallons" produced is not "3 gallons" a bushel.
    near = [q for q in ys if q.value and qa.value and max(q.value, qa.value) / min(q.value, qa.value) <= 10]
    hits = [q for q in near if _same_context(a, (qa.start, qa.end), b, (q.start, q.end), skip)]
    if len(hits) > 1:
        hits = _closest(qa, hits)
    if len(hits) != 1:
        return None
    y = hits[0]
    rivals = [q for q in xs if _same_context(a, (q.start, q.end), b, (y.start, y.end), skip)]
    if len(rivals) > 1:
        rivals = _closest(y, rivals)
    return y if rivals == [qa] else None


def _closest(q: Quantity, cands: list[Quantity]) -> list[Quantity]:
    """Among figures whose context meets ``q``'s, those that name the same thing, else hang on the same word.

    A word shared before the figures other than the last one names whose figure it is ("the nasdaq slid
    3.1 %" / "The nasdaq composite fell 3.5 %", not "russell 2000 fell 0.9 %"); failing that the word each
    figure hangs on decides ("killed two" / "killed at least three").
    """
    named = [c for c in cands if set(c.before[:-1]) & set(q.before[:-1])]
    if len(named) == 1:
        return named
    return [c for c in cands if c.before and q.before and c.before[-1] == q.before[-1]]


# A sentence opening like this gives another thing's figures, for contrast.
_COMPARISON = re.compile(
    r"^\W*(?:by comparison|in comparison|for comparison|compared (?:with|to)|by contrast|in contrast|similarly"
    r"|likewise)\b",
    re.IGNORECASE,
)


def number_conflicts(a: str, b: str) -> list[Conflict]:
    """Numbers with the same unit and slot whose values cannot both be right.

    Numbers that agree are paired off first, so a list that one outlet gives in full and the other in
    part ("a four-month and a nine-month sentence" / "a four-month sentence") is no conflict.
    """
    out: list[Conflict] = []
    # A number on one side only: nothing to compare (each sentence is scanned once, however many pairs it is in).
    qa_all = quantities(a)
    if not qa_all:
        return out
    qb_all = quantities(b)
    if not qb_all:
        return out
    if bool(_COMPARISON.match(a)) != bool(_COMPARISON.match(b)):
        return out  # "By comparison, a similar survey found 65 percent": another thing's figures
    if opposite_predicates(a, b) or counted_scope(a, b) or now_and_past(a, b) or trading_times_differ(a, b):
        return out  # a lead and a deficit; "parents of girls" / "parents of three girls"; "now" / "in 1996"
    qa_all, qb_all = figures(qa_all, a), figures(qb_all, b)  # "three dozen" is 36; '" 17 kids and counting "' a title
    if not qa_all or not qb_all:
        return out
    by_slot: dict[str, tuple[list[Quantity], list[Quantity]]] = {}
    for q in qa_all:
        by_slot.setdefault(_slot_in(q, a), ([], []))[0].append(q)
    for q in qb_all:
        by_slot.setdefault(_slot_in(q, b), ([], []))[1].append(q)
    # A total that the other outlet gives as parts: "157 passengers and crew" / "149 passengers and 8 crew".
    totals_a, totals_b = by_slot.get("people-total", ([], []))
    sums_a, sums_b = _sums(qa_all), _sums(qb_all)
    for q in list(totals_a):
        if not totals_b and sums_b:
            if not any(q.lo <= hi and lo <= q.hi for lo, hi in sums_b):
                out.append(
                    Conflict(
                        "number",
                        q.start,
                        q.end,
                        qb_all[0].start,
                        qb_all[-1].end,
                        q.text,
                        b[qb_all[0].start : qb_all[-1].end],
                    )
                )
            by_slot["people-total"] = ([], totals_b)
    for q in list(totals_b):
        if not totals_a and sums_a:
            if not any(q.lo <= hi and lo <= q.hi for lo, hi in sums_a):
                out.append(
                    Conflict(
                        "number",
                        qa_all[0].start,
                        qa_all[-1].end,
                        q.start,
                        q.end,
                        a[qa_all[0].start : qa_all[-1].end],
                        q.text,
                    )
                )
            by_slot["people-total"] = (by_slot.get("people-total", ([], []))[0], [])
    values_a, values_b = {q.value for q in qa_all}, {q.value for q in qb_all}
    for slot, (xs, ys) in by_slot.items():
        if not xs or not ys:
            continue
        if slot == "age" and sorted(q.value for q in xs) == sorted(q.value for q in ys):
            continue  # the same ages, whoever the text seems to give them to
        if slot == "tally":
            # "49-45 percent" / "Romney at 49 percent and Obama at 45 percent": both figures given apart.
            xs = [q for q in xs if not (q.other is not None and {q.value, q.other} <= values_b)]
            ys = [q for q in ys if not (q.other is not None and {q.value, q.other} <= values_a)]
            if not xs or not ys:
                continue
        left_a, left_b = list(xs), list(ys)
        # A sum one side gives whole and the other in parts ("$ 3 million in iowa and south carolina" /
        # "over $ 1 million … in iowa … and around $ 2 million in south carolina").
        left_a = [q for q in left_a if not _sum_of(q, ys)]
        left_b = [q for q in left_b if not _sum_of(q, xs)]
        for qa in [q for q in xs if q in left_a]:
            match = next((qb for qb in left_b if _values_agree(qa, qb) and _may_pair(qa, qb)), None)
            if match is not None:
                left_a.remove(qa)
                left_b.remove(match)
        for qa in left_a:
            qb = next((q for q in left_b if _comparable(qa, q, len(xs), len(ys), a, b)), None)
            if qb is None and len(xs) + len(ys) > 2 and _overlap(a, b) >= _CONTEXT_PAIRING:
                qb = _only_same_context(qa, xs, ys, a, b)
                if qb is not None and (qb not in left_b or not _comparable(qa, qb, 2, 2, a, b, by_words=False)):
                    qb = None
            if qb is None:
                continue
            span_a, span_b = _range_span(qa, qa_all, a), _range_span(qb, qb_all, b)
            if span_a and span_b:
                # Two ranges: "aged 40 to 70" / "aged 50 to 70" differ unless both ends agree.
                if _ranges_agree(span_a, span_b):
                    continue
                (sa, ea, _, _), (sb, eb, _, _) = span_a, span_b
                out.append(Conflict("number", sa, ea, sb, eb, a[sa:ea], b[sb:eb]))
                left_b.remove(qb)
                continue
            if _covered_by_range(qa, qb, qb_all, b) or _covered_by_range(qb, qa, qa_all, a):
                continue  # "every eight years" / "every eight to fifteen years"
            if qa.value in values_b and qb.value in values_a:
                continue  # each side states both figures ("1,750 of the world's 4,800"): paired wrongly, not opposed
            if _stated_too(qa, qb, qb_all, a) or _stated_too(qb, qa, qa_all, b):
                continue  # the other side gives this figure too ("four nods each for Beyoncé"): another thing's
            out.append(Conflict("number", qa.start, qa.end, qb.start, qb.end, qa.text, qb.text))
            left_b.remove(qb)
    out += _measure_conflicts(qa_all, qb_all, a, b)
    if out and snapshots(out, qa_all, qb_all):
        return []  # "12 million times in just under three days" / "10 million times in the two days"
    return _merge_conversions(out, a, b) if len(out) > 1 else out


def _sum_of(q: Quantity, parts: list[Quantity]) -> bool:
    """Whether ``q`` is the sum of two or more of ``parts`` (the others' intervals added up)."""
    if len(parts) < 2 or q.kind != "count" or any(p.kind != "count" for p in parts):
        return False
    lo, hi = sum(p.lo for p in parts), sum(p.hi for p in parts)
    return q.lo <= hi and lo <= q.hi and all(p.value < q.value for p in parts)


def _stated_too(q: Quantity, rival: Quantity, others: list[Quantity], sentence: str) -> bool:
    """Whether the other sentence also states ``q``'s value ("four nods each for Beyoncé", "three for Bryson Tiller").

    Ages only when they belong to a common noun ("a 17-year-old girl" / "an 8-year-old girl and her
    17-year-old sister"): "13-year-olds German and Williams" / "Williams, 13, and German, 14" is one
    girl's age given twice and the other's given two ways (the age rules read whose age each is).
    """
    if q.kind == "age" and not (len(q.subject) == 1 and re.search(rf"\b{re.escape(q.subject[0])}\b", sentence)):
        return False
    return any(o is not rival and o.value == q.value and o.kind == q.kind for o in others)


def _measure_conflicts(qa_all: list[Quantity], qb_all: list[Quantity], a: str, b: str) -> list[Conflict]:
    """One length, mass or area given in different units on the two sides that no reading of the units reconciles.

    "the elevator car, which was out of service eight stories below" / "the car was between 6 and 8
    feet below the floor".  Only when the two sides share no such unit (same units are compared above).
    """
    la = [q for q in qa_all if is_measure(q.noun)]
    lb = [q for q in qb_all if is_measure(q.noun)]
    if not la or not lb or {q.noun for q in la} & {q.noun for q in lb}:
        return []
    for qa in la:
        for qb in lb:
            if not _comparable(qa, qb, len(la), len(lb), a, b, same_unit=False):
                continue
            span_a, span_b = _range_span(qa, qa_all, a), _range_span(qb, qb_all, b)
            lo_a, hi_a = (span_a[2], span_a[3]) if span_a else (qa.lo, qa.hi)
            lo_b, hi_b = (span_b[2], span_b[3]) if span_b else (qb.lo, qb.hi)
            if measures_disagree((qa.noun, lo_a, hi_a), (qb.noun, lo_b, hi_b)):
                sa, ea = (span_a[0], span_a[1]) if span_a else (qa.start, qa.end)
                sb, eb = (span_b[0], span_b[1]) if span_b else (qb.start, qb.end)
                return [Conflict("number", sa, ea, sb, eb, a[sa:ea], b[sb:eb])]
    return []


_CONVERSION_GAP = re.compile(r"^\s*\(\s*$")


def _one_measure(s1: int, e1: int, s2: int, e2: int, sentence: str) -> tuple[int, int] | None:
    """The span of "8,027-meter (26,330-foot)" when the two figures are one measure in two units."""
    (lo_s, lo_e), (hi_s, hi_e) = sorted(((s1, e1), (s2, e2)))
    if not _CONVERSION_GAP.match(sentence[lo_e:hi_s]):
        return None
    close = sentence.find(")", hi_e, hi_e + 12)
    return lo_s, (close + 1 if close >= 0 else hi_e)


def _merge_conversions(found: list[Conflict], a: str, b: str) -> list[Conflict]:
    """One conflict for one measure given in two units on each side ("8,027 m (26,330 ft)" / "26,291 ft (8,013 m)")."""
    out = list(found)
    for x in found:
        for y in found:
            if x is y or x not in out or y not in out:
                continue
            span_a = _one_measure(x.a_start, x.a_end, y.a_start, y.a_end, a)
            span_b = _one_measure(x.b_start, x.b_end, y.b_start, y.b_end, b)
            if span_a and span_b:
                (sa, ea), (sb, eb) = span_a, span_b
                out[out.index(x)] = Conflict(x.kind, sa, ea, sb, eb, a[sa:ea], b[sb:eb])
                out.remove(y)
    return out


@lru_cache(maxsize=16384)
def _content_set(sentence: str) -> frozenset[str]:
    return frozenset(content([t for *_, t in words(sentence)]))


def _overlap(a: str, b: str) -> float:
    """Share of the smaller sentence's content words that the other sentence also has."""
    wa, wb = _content_set(a), _content_set(b)
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


_SINCE_THE = re.compile(r"\bsince\s+(?:the|his|her|their|its)\s+[\w-]+\s*$", re.IGNORECASE)


def _event_dates(sentence: str, anchor: date | None) -> list[DateMention]:
    """Dates of events: not bounds ("since 1973", "since the shooting friday")."""
    return [
        d
        for d in find_dates(sentence, anchor)
        if not d.bound and (d.value or d.key) and not _SINCE_THE.search(sentence[max(0, d.start - 40) : d.start])
    ]


def _dates_agree(x: DateMention, y: DateMention) -> bool | None:
    """True/False when the two can be compared, None when they cannot."""
    if x.value and y.value:
        if x.granularity == "year" and y.granularity != "year" and not y.relative:
            return compatible(x.value, y.value)
        return compatible(x.value, y.value)
    kx, ky = x.key or "", y.key or ""
    if kx.startswith("weekday:") and ky.startswith("weekday:"):
        return kx == ky
    if kx.startswith("--") and ky.startswith("--"):
        return kx.startswith(ky) or ky.startswith(kx)
    if kx.startswith("--") and y.value:
        return y.value[4:].startswith(kx[1:]) or kx[1:].startswith(y.value[4:])
    if ky.startswith("--") and x.value:
        return x.value[4:].startswith(ky[1:]) or ky[1:].startswith(x.value[4:])
    return None


_DATE_OR_TIME = re.compile(
    r"\d|\b(mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|today|tonight|yesterday"
    r"|tomorrow|week|month|year|ago|christmas|easter|eve|thanksgiving|noon|midnight)",
    re.IGNORECASE,
)


@lru_cache(maxsize=16384)
def _mentions_time(sentence: str) -> bool:
    """Does the sentence hold a digit or a calendar or clock word (:data:`_DATE_OR_TIME`)?  Read once per sentence."""
    return _DATE_OR_TIME.search(sentence) is not None


def _figures_differ(a: str, b: str) -> bool:
    """Both sentences give a figure of one unit and none of those figures agree: each dates its own figure.

    "more than 63,000 americans died of drug overdoses in 2016" / "More than 72,000 … in 2017": two
    years' counts, not one event given two dates.
    """
    qa, qb = quantities(a), quantities(b)
    shared = {q.noun for q in qa if q.noun} & {q.noun for q in qb if q.noun}
    return any(
        not any(
            abs(x.value - y.value) <= 0.01 * max(x.value, y.value) for x in qa if x.noun == n for y in qb if y.noun == n
        )
        for n in shared
    )


def _same_event_time(a: str, x: tuple[int, int, int], b: str, y: tuple[int, int, int]) -> bool:
    """Whether the word each clock time hangs on is around the other ("turned himself in at 8: 37 p.m." /
    "bonded out of the … jail around 1: 30 a.m." are two events)."""
    ga, gb = _governor(a, x[0]), _governor(b, y[0])
    wa, wb = _window_words(a, x[0], x[1], set()), _window_words(b, y[0], y[1], set())
    return (ga is not None and ga in wb) or (gb is not None and gb in wa)


def _same_report(a: str, x: DateMention, b: str, y: DateMention) -> bool:
    """A date in an attribution tail ("according to the study, presented here today ( april 18 )") dates the
    report: compared only when what each sentence reports before its tail is the same claim."""
    ca, cb = attribution_start(a, x.start), attribution_start(b, y.start)
    if ca is None and cb is None:
        return True
    return main_overlap(a, len(a) if ca is None else ca, b, len(b) if cb is None else cb) >= _PARAPHRASE


def date_conflicts(a: str, b: str, anchor_a: date | None = None, anchor_b: date | None = None) -> list[Conflict]:
    """Event dates (or clock times) of the two sentences that cannot be the same."""
    out: list[Conflict] = []
    if not (_mentions_time(a) and _mentions_time(b)) or _overlap(a, b) < _MIN_DATE_OVERLAP:
        return out  # no date on one side; or different events, each with its own date
    if dated_by_offset(a) != dated_by_offset(b):
        return out  # "in 1987, a couple of years after i met bill cosby" / "she met cosby in 1985": two events
    zone = bool(_ZONE.search(a) or _ZONE.search(b))
    da, db = _event_dates(a, anchor_a), _event_dates(b, anchor_b)
    if zone:
        da = [d for d in da if d.value and not (d.key or "").startswith("weekday:")]
        db = [d for d in db if d.value and not (d.key or "").startswith("weekday:")]
    # The same vague relative words ("last week" / "last week" in articles days apart) name one time.
    da = [x for x in da if x.value or x.key]
    verdicts = [
        (x, y, _dates_agree(x, y))
        for x in da
        for y in db
        if not (x.relative and y.relative and x.granularity != "day" and x.text.lower() == y.text.lower())
        and _same_context(a, (x.start, x.end), b, (y.start, y.end), set())
        and _same_governor(a, x, b, y)
        and _reporting_day(a, x) == _reporting_day(b, y)
        and not caption_dateline(a, x.start, x.end)
        and not caption_dateline(b, y.start, y.end)
        and _same_report(a, x, b, y)
    ]
    judged = [v for v in verdicts if v[2] is not None]
    if judged and not any(v[2] for v in judged) and not _figures_differ(a, b):
        x, y, _ = judged[0]
        # A day the other sentence also gives, for something else in it ("abducted his son thursday" /
        # "the alert issued thursday night … arrested early friday morning"), is not contradicted by it.
        if not any(_dates_agree(x, z) for z in db) and not any(_dates_agree(w, y) for w in da):
            out.append(Conflict("date", x.start, x.end, y.start, y.end, x.text, y.text))
    if not zone:
        ta, tb = find_times(a), find_times(b)
        if (
            ta
            and tb
            and not any(abs(x[2] - y[2]) <= 60 for x in ta for y in tb)
            and _same_event_time(a, ta[0], b, tb[0])
        ):
            x, y = ta[0], tb[0]
            out.append(Conflict("date", x[0], x[1], y[0], y[1], a[x[0] : x[1]], b[y[0] : y[1]]))
    return out


def _namelike(tokens: list[str]) -> bool:
    caps = [t for t in tokens if t[:1].isupper()]
    return (
        bool(caps)
        and all(t[:1].isupper() or t.lower() in _NAME_GLUE for t in tokens)
        and not any(t[:1].isdigit() for t in tokens)
    )


_PRONOUNS = frozenset({"i", "i'm", "i'd", "i'll", "i've", "we", "we're", "you", "he", "she", "it", "they"})


def _listed_or_cut(xa, xb, la, lb, i2, j2, ta, tb) -> bool:
    """Name swaps that are not one slot filled twice: list items ("including Georgia, Indiana" /
    "including Alabama, Indiana, Georgia"), a name the other sentence also has, a name cut short
    ("Ipswich Police Lt." / "Acting Police Chief Lt.") or a pronoun ("I’m" / "I'm")."""
    na = {t.lower().replace("’", "'").rstrip(".") for t in xa}
    nb = {t.lower().replace("’", "'").rstrip(".") for t in xb}
    if na & _PRONOUNS or nb & _PRONOUNS:
        return True
    if na <= {t.replace("’", "'").rstrip(".") for t in lb} or nb <= {t.replace("’", "'").rstrip(".") for t in la}:
        return True
    nxt_a = ta[i2][2] if i2 < len(ta) else ""
    nxt_b = tb[j2][2] if j2 < len(tb) else ""
    if nxt_a[:1].isupper() or nxt_b[:1].isupper():
        return True
    after_a = ta[i2 + 1][2] if i2 + 1 < len(ta) else ""
    after_b = tb[j2 + 1][2] if j2 + 1 < len(tb) else ""
    return (nxt_a == "," and after_a[:1].isupper()) or (nxt_b == "," and after_b[:1].isupper())


def _name_head(tokens: list[str]) -> list[str]:
    """A full name followed by other words ("Bernie Sanders last week") is compared on the name alone."""
    k = 0
    while k < len(tokens) and tokens[k][:1].isupper():
        k += 1
    return tokens[:k] if k >= 2 and k < len(tokens) and all(t[:1].islower() for t in tokens[k:]) else tokens


_ANTONYM_BASES = (
    ("stall stalls stalled stalling", "advance advances advanced advancing progress progressed"),
    ("profit profits", "loss losses"),
    ("pass passes passed", "reject rejects rejected defeat defeated"),
    ("approve approves approved", "reject rejects rejected block blocked"),
    ("confirm confirms confirmed", "deny denies denied"),
    ("win wins won winning", "lose loses lost losing"),
    ("rise rises rose risen rising", "fall falls fell fallen falling drop drops dropped"),
    ("increase increases increased", "decrease decreases decreased"),
    ("gain gains gained", "loss losses lost"),
    ("up", "down"),
    ("higher", "lower"),
    ("acquit acquitted acquittal", "convict convicted conviction"),
    ("guilty", "innocent"),
    ("alive survived survives", "dead died killed"),
    ("support supports supported", "oppose opposes opposed"),
    ("accept accepts accepted", "reject rejects rejected decline declined"),
    ("open opens opened", "close closes closed shut"),
    ("lift lifts lifted", "impose imposes imposed"),
    ("allow allows allowed", "ban bans banned forbid forbids forbade"),
    ("agree agrees agreed", "disagree disagrees disagreed refuse refused"),
    ("expand expands expanded", "shrink shrinks shrank cut cuts"),
)
ANTONYMS = frozenset((x, y) for left, right in _ANTONYM_BASES for x in left.split() for y in right.split()) | frozenset(
    (y, x) for left, right in _ANTONYM_BASES for x in left.split() for y in right.split()
)
# Job titles in one role slot: two of them for one slot is a conflict ("chief executive" / "finance chief").
_ROLES = {
    "chief executive officer": "ceo",
    "chief executive": "ceo",
    "ceo": "ceo",
    "chief financial officer": "cfo",
    "finance chief": "cfo",
    "financial chief": "cfo",
    "cfo": "cfo",
    "chief operating officer": "coo",
    "operating chief": "coo",
    "coo": "coo",
    "vice president": "vice-president",
    "president": "president",
    "chairman": "chair",
    "chairwoman": "chair",
    "lieutenant governor": "lieutenant-governor",
    "governor": "governor",
    "mayor": "mayor",
    "prime minister": "prime-minister",
    "foreign minister": "foreign-minister",
    "finance minister": "finance-minister",
    "defense minister": "defense-minister",
    "attorney general": "attorney-general",
    "treasurer": "treasurer",
    "secretary of state": "secretary-of-state",
    "head coach": "head-coach",
    "general manager": "general-manager",
}
_ROLE_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _ROLES), key=len, reverse=True)) + r")\b", re.IGNORECASE)
_SOCIAL_CREDIT = re.compile(r"\(@\w+\)|\bpost shared by\b", re.IGNORECASE)


def _polarity_tokens(tokens: list[tuple[int, int, str]], lo: int, hi: int) -> list[int]:
    """Negations among tokens[lo:hi]; the "not" of "whether or not" says nothing."""
    out = []
    for k in range(lo, hi):
        t = tokens[k][2]
        if not is_negation(t):
            continue
        if t.lower() == "not" and k >= 2 and tokens[k - 1][2].lower() == "or" and tokens[k - 2][2].lower() == "whether":
            continue
        if t.lower() == "no" and k + 1 < len(tokens) and tokens[k + 1][2] in {",", ".", "!"}:
            continue  # the interjection "No, that's not even close" adds no negation
        if t.lower() == "not" and k + 1 < len(tokens) and tokens[k + 1][2].lower() == "only":
            continue  # "not only spanned three centuries but also …" asserts it
        if _names_a_group(tokens, k):
            continue  # "firefighters who did not work at ground zero": a group named, not a claim denied
        out.append(k)
    return out


_RELATIVE = frozenset({"who", "that", "which"})
_AUXILIARY = frozenset({"did", "do", "does", "had", "has", "have", "was", "were", "is", "are", "could", "would"})


def _names_a_group(tokens: list[tuple[int, int, str]], k: int) -> bool:
    """A negation in a relative clause ("firefighters who did not work at ground zero", "those who never")."""
    prev = [t[2].lower() for t in tokens[max(0, k - 2) : k]]
    return (len(prev) == 2 and prev[0] in _RELATIVE and prev[1] in _AUXILIARY) or prev[-1:] == ["who"]


def _negates_shared(tokens: list[tuple[int, int, str]], k: int, other: list[tuple[int, int, str]]) -> bool:
    """Whether the word a negation at ``k`` negates (the next content word) is in the other sentence too.

    "will not attend" / "will attend" flip one claim; "can't practice" / "suspended the license", "to no
    avail" / "for the deer to stop" or a quote cut before "we are not alone" do not state its opposite.
    """
    ahead: list[str] = []
    for t in tokens[k + 1 : k + 5]:
        if not t[2][:1].isalnum():
            break  # "I didn't then, " raftery said": the negation ends at the comma
        ahead.append(t[2])
    after = [w for w in content(ahead[:3]) if not _is_adverb(w)] or content(ahead[3:])
    if not after:
        return False
    word = _base_form(after[0])
    return any(
        _same_stem(word, _base_form(t[2].lower())) and not _under_whether(other, n)
        for n, t in enumerate(other)
        if t[2].lower() not in STOP
    )


_ADVERBS = frozenset({"yet", "ever", "even", "always", "just", "also", "still", "really"})


def _is_adverb(word: str) -> bool:
    """ "did not immediately respond": the negated word is "respond"."""
    return word in _ADVERBS or (word.endswith("ly") and len(word) > 4)


def _under_whether(tokens: list[tuple[int, int, str]], n: int) -> bool:
    """Whether token ``n`` is in a "whether …" clause: "it wasn't clear whether … have publicly commented"."""
    for t in reversed(tokens[max(0, n - 16) : n]):
        w = t[2].lower()
        if w in {",", ";", ".", ":"}:
            return False
        if w == "whether":
            return True
    return False


# Irregular past tenses, for matching "did not meet" with "met".
_PAST_TENSE = {
    "met": "meet", "won": "win", "lost": "lose", "took": "take", "gave": "give", "made": "make",
    "went": "go", "came": "come", "saw": "see", "told": "tell", "left": "leave", "held": "hold",
    "fell": "fall", "rose": "rise", "ran": "run", "began": "begin", "paid": "pay", "sold": "sell",
    "bought": "buy", "kept": "keep", "found": "find", "brought": "bring", "spent": "spend",
    "sent": "send", "built": "build", "led": "lead", "knew": "know", "got": "get", "did": "do",
    "had": "have", "said": "say", "thought": "think", "struck": "strike", "wrote": "write",
    "spoke": "speak", "chose": "choose", "broke": "break", "drove": "drive", "flew": "fly",
}  # fmt: skip


def _base_form(word: str) -> str:
    return _PAST_TENSE.get(word, word)


def _same_stem(x: str, y: str) -> bool:
    """ "sign" / "signed", "resign" / "resigned": the shorter word's first letters (3 to 5) start the other."""
    n = min(len(x), len(y), 5)
    return n >= 3 and x[:n] == y[:n]


def diff_conflicts(a: str, b: str, *, min_ratio: float = 0.5, min_role_ratio: float = 0.65) -> list[Conflict]:
    """Role and polarity conflicts between two nearly identical sentences, from a word diff.

    Polarity flips are negations ("not", "refused", "denied", "failed") and antonyms ("stalled" /
    "advanced", "a profit" / "a loss", "won" / "lost") in a short local edit; roles are names or job
    titles ("chief executive" / "finance chief") replacing each other in the same slot.

    >>> [c.kind for c in diff_conflicts("Talks have stalled since June, officials said.",
    ...                                 "Talks have advanced rapidly since June, officials said.")]
    ['negation']
    """
    ta, tb = words(a), words(b)
    total = len(ta) + len(tb)
    if total and 2.0 * min(len(ta), len(tb)) / total < min_ratio:
        return []  # the lengths alone rule out the ratio (``real_quick_ratio`` below, without building the matcher)
    la, lb = [t[2].lower() for t in ta], [t[2].lower() for t in tb]
    sm = difflib.SequenceMatcher(None, la, lb, autojunk=False)
    if sm.real_quick_ratio() < min_ratio or sm.quick_ratio() < min_ratio or sm.ratio() < min_ratio:
        return []
    out: list[Conflict] = []
    neg_a: list[int] = []
    neg_b: list[int] = []
    social = bool(_SOCIAL_CREDIT.search(a) or _SOCIAL_CREDIT.search(b))
    flips = 0
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        if i2 - i1 <= 4 and j2 - j1 <= 4:
            # Only local edits: a "not" deep inside a clause one side lacks says nothing about the shared claim.
            neg_a += [k for k in _polarity_tokens(ta, i1, i2) if _negates_shared(ta, k, tb)]
            neg_b += [k for k in _polarity_tokens(tb, j1, j2) if _negates_shared(tb, k, ta)]
            if op == "replace":
                flip = next(((x, y) for x in range(i1, i2) for y in range(j1, j2) if (la[x], lb[y]) in ANTONYMS), None)
                if flip is not None and not is_negation(ta[flip[0]][2]) and not is_negation(tb[flip[1]][2]):
                    neg_a.append(flip[0])
                    flips += 1
        if op != "replace" or i1 == 0 or j1 == 0 or i2 - i1 > 6 or j2 - j1 > 6:
            continue
        if social:
            continue  # "A post shared by X (@x)": embeds of different posts, not one fact
        xa, xb = _name_head([t[2] for t in ta[i1:i2]]), _name_head([t[2] for t in tb[j1:j2]])
        i2, j2 = i1 + len(xa), j1 + len(xb)
        # Titles inside the replaced words belong to the name ("Chinese President Xi Jinping").
        if (
            sm.ratio() >= min_role_ratio
            and _namelike(xa)
            and _namelike(xb)
            and len(ta) >= 6
            and not _listed_or_cut(xa, xb, la, lb, i2, j2, ta, tb)
            and not same_name(xa, xb)
            and not {t.lower().rstrip(".") for t in xa + xb} <= _CALENDAR  # "Wednesday" / "Thursday": a date
        ):
            sa, ea, sb, eb = ta[i1][0], ta[i2 - 1][1], tb[j1][0], tb[j2 - 1][1]
            out.append(Conflict("role", sa, ea, sb, eb, a[sa:ea], b[sb:eb]))
    if sm.ratio() >= min_role_ratio and not any(c.kind == "role" for c in out):
        # A title the other sentence replaces by another ("Apple's chief executive" / "Apple's finance chief").
        ra = {m.group(1).lower(): m for m in _ROLE_RE.finditer(a)}
        rb = {m.group(1).lower(): m for m in _ROLE_RE.finditer(b)}
        only_a = {k: m for k, m in ra.items() if _ROLES[k] not in {_ROLES[x] for x in rb}}
        only_b = {k: m for k, m in rb.items() if _ROLES[k] not in {_ROLES[x] for x in ra}}
        if len(only_a) == 1 and len(only_b) == 1:
            (ma,), (mb,) = only_a.values(), only_b.values()
            out.append(Conflict("role", ma.start(1), ma.end(1), mb.start(1), mb.end(1), ma.group(1), mb.group(1)))
    whole_a = len(_polarity_tokens(ta, 0, len(ta))) + flips
    whole_b = len(_polarity_tokens(tb, 0, len(tb)))
    if len(neg_a) % 2 != len(neg_b) % 2 and whole_a % 2 != whole_b % 2:
        # Show the clause around the negation on each side.
        ka = neg_a[0] if neg_a else _first_diff(sm, "a")
        kb = neg_b[0] if neg_b else _first_diff(sm, "b")
        sa, ea = _around(ta, ka)
        sb, eb = _around(tb, kb)
        out.append(Conflict("negation", sa, ea, sb, eb, a[sa:ea], b[sb:eb]))
    return out


def _first_diff(sm: difflib.SequenceMatcher, side: str) -> int:
    for op, i1, _i2, j1, _j2 in sm.get_opcodes():
        if op != "equal":
            return i1 if side == "a" else j1
    return 0


def _around(tokens: list[tuple[int, int, str]], k: int) -> tuple[int, int]:
    k = min(max(k, 0), len(tokens) - 1)
    lo, hi = max(0, k - 3), min(len(tokens) - 1, k + 3)
    return tokens[lo][0], tokens[hi][1]


def _has_quote_mark(sentence: str) -> bool:
    """Whether :func:`newsfuse.compare.text.quotes` can find a quote: every quote it reads ends on a closing mark."""
    return '"' in sentence or "”" in sentence


def quote_conflicts(a: str, b: str) -> list[Conflict]:
    """The same quoted words attributed to two different named speakers."""
    out: list[Conflict] = []
    if not (_has_quote_mark(a) and _has_quote_mark(b)):
        return out  # a quote needs a closing mark on each side
    in_a = quotes(a)
    if not in_a:
        return out
    in_b = [(qb, set(re.findall(r"\w+", qb.text.lower()))) for qb in quotes(b)]
    for qa in in_a:
        wa = set(re.findall(r"\w+", qa.text.lower()))
        for qb, wb in in_b:
            overlap = len(wa & wb) / max(1, min(len(wa), len(wb)))
            if (
                overlap >= 0.9
                and min(len(wa), len(wb)) >= 4
                and qa.speaker
                and qb.speaker
                and not same_name(qa.speaker, qb.speaker)
            ):
                out.append(
                    Conflict(
                        "quote",
                        qa.start,
                        qa.end,
                        qb.start,
                        qb.end,
                        f"{qa.text} ({' '.join(qa.speaker).title()})",
                        f"{qb.text} ({' '.join(qb.speaker).title()})",
                    )
                )
    return out


def compare_sentences(a: str, b: str, anchor_a: date | None = None, anchor_b: date | None = None) -> list[Conflict]:
    """Every conflict between sentence ``a`` and sentence ``b`` of another outlet (empty when consistent).

    ``anchor_a``/``anchor_b`` are the publication days of their articles, for relative dates.
    """
    return list(_compare(a, b, anchor_a, anchor_b))


@lru_cache(maxsize=65536)
def _compare(a: str, b: str, anchor_a: date | None, anchor_b: date | None) -> tuple[Conflict, ...]:
    # Memoised: the aligner, the disputed marking and the disagreement list read the same pairs.
    if a == b and anchor_a == anchor_b:
        return ()
    return tuple(_conflicts(a, b, anchor_a, anchor_b))


def _conflicts(a: str, b: str, anchor_a: date | None, anchor_b: date | None) -> list[Conflict]:
    if a.lstrip().startswith("(") or b.lstrip().startswith("("):
        return []  # parenthetical references ("(Labor union president 302, February 2, 2009, p. 7)")
    numbers, dates = number_conflicts(a, b), date_conflicts(a, b, anchor_a, anchor_b)
    if numbers:  # "Game 5" / "Game 1" name two games: identifiers are not amounts
        ids_a, ids_b = identifiers(a), identifiers(b)
        numbers = [
            c
            for c in numbers
            if not any(c.a_start < i.end and i.start < c.a_end for i in ids_a)
            and not any(c.b_start < i.end and i.start < c.b_end for i in ids_b)
        ]
    numbers += magnitude_conflicts(a, b)  # "hundreds of texts" / "thousands of text messages"
    numbers += identifier_conflicts(a, b)  # "Flight 400" / "Flight 404" in one claim
    if numbers and (dates or _loose_dates_differ(a, b, anchor_a, anchor_b)):
        return []  # other figures on another day: two events ("four killed on Tuesday" / "125 died on Monday")
    # "2,200 miles above … on monday" / "5,600 miles above … on july 10": two flybys; a person's age does
    # not change with the day ("a 22-year-old woman … last night" / "a 23-year-old woman … on tuesday").
    numbers = [c for c in numbers if _is_age(c, a) or not _unmatched_dates(c, a, b, anchor_a, anchor_b)]
    wording = quote_conflicts(a, b) + diff_conflicts(a, b) + rank_conflicts(a, b) + category_conflicts(a, b)
    return numbers + dates + wording


# Pairs from one aligned fact always qualify; other pairs of different outlets need this similarity.
PAIR_SIMILARITY = 0.45
MAX_PAIRS = 3000
MAX_SENTENCE_CHARS = 1200
MAX_DISAGREEMENTS = 500


def candidate_pairs(state, *, min_similarity: float = PAIR_SIMILARITY, max_pairs: int = MAX_PAIRS):
    """Row pairs (r1 < r2) of different outlets that are aligned or highly similar, most similar first."""
    import numpy as np

    rows = state.rows
    if len(rows) < 2:
        return []
    by_doc = [a.outlet for a in state.articles]
    outlets = np.array([by_doc[state.sentences[i].doc] for i in rows])
    facts = np.array(state.fact_of_row) if len(state.fact_of_row) == len(rows) else np.arange(len(rows))
    sim = state.similarity
    different = outlets[:, None] != outlets[None, :]
    close = (sim >= min_similarity) | (facts[:, None] == facts[None, :])
    r1, r2 = np.nonzero(np.triu(different & close, k=1))
    values = sim[r1, r2]
    order = np.argsort(-values, kind="stable")[:max_pairs]
    return list(zip(r1[order].tolist(), r2[order].tolist(), values[order].astype(float).tolist(), strict=True))


def claim_key(claim: str) -> str:
    """What a version says, for grouping versions that agree: "Fifteen" and "15" are one."""
    qs = quantities(claim)
    if len(qs) == 1 and qs[0].kind != "tally":
        return f"{qs[0].value:g}"
    return " ".join(re.findall(r"\w+", claim.lower().replace("’", "'")))


def _sides_first(vs: list[Version]) -> tuple[Version, ...]:
    """Versions ordered so that the first two say different things, then the rest by side."""
    by_side: dict[str, list[Version]] = {}
    for v in vs:
        by_side.setdefault(claim_key(v.claim), []).append(v)
    sides = sorted(by_side.values(), key=len, reverse=True)
    if len(sides) < 2:
        return tuple(vs)
    head = [sides[0][0], sides[1][0]]
    rest = [v for side in sides for v in side if v not in head]
    return tuple(head + rest)


def find_disagreements(state, *, today: date | None = None, max_pairs: int = MAX_PAIRS):
    """Every disagreement between outlets of the story, one item per conflict, most similar first.

    Versions linked by a conflict form one item: four outlets giving two figures are one
    disagreement with four versions (see ``Disagreement.sides``), not four pairs.

    Returns ``(disagreements, notes)``.  Work is bounded: at most ``max_pairs`` pairs are read and
    sentences longer than ``MAX_SENTENCE_CHARS`` (tables, run-on lists) are skipped.
    """
    from .base import Disagreement, Version, span_of
    from .timeline import article_anchor

    notes: list[str] = []
    anchors = [article_anchor(a.published, today) for a in state.articles]
    pairs = candidate_pairs(state, max_pairs=max_pairs + 1)
    if len(pairs) > max_pairs:
        notes.append(f"compared the {max_pairs} most similar sentence pairs of different outlets, not all")
        pairs = pairs[:max_pairs]
    long_skipped = 0
    # Every pairwise conflict links two versions (sentence, claim); linked versions form one item.
    versions: dict[tuple[int, int], Version] = {}
    parent: dict[tuple[int, int], tuple[int, int]] = {}
    kinds: dict[tuple[int, int], str] = {}
    best: dict[tuple[int, int], float] = {}

    def root(x: tuple[int, int]) -> tuple[int, int]:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r1, r2, sim in pairs:
        i, j = state.rows[r1], state.rows[r2]
        si, sj = state.sentences[i], state.sentences[j]
        if si.doc > sj.doc:
            i, j, si, sj = j, i, sj, si
        if len(si.text) > MAX_SENTENCE_CHARS or len(sj.text) > MAX_SENTENCE_CHARS:
            long_skipped += 1
            continue
        for c in compare_sentences(si.text, sj.text, anchors[si.doc], anchors[sj.doc]):
            ka, kb = (i, si.start + c.a_start), (j, sj.start + c.b_start)
            for k, v in (
                (ka, Version(span_of(state, i), c.a_text, si.start + c.a_start, si.start + c.a_end)),
                (kb, Version(span_of(state, j), c.b_text, sj.start + c.b_start, sj.start + c.b_end)),
            ):
                if k not in versions:
                    versions[k], parent[k] = v, k
            a, b = root(ka), root(kb)
            if a != b:
                parent[b] = a
            top = root(a)
            kinds.setdefault(top, c.kind)
            best[top] = max(sim, best.get(a, 0.0), best.get(b, 0.0))
    groups: dict[tuple[int, int], list[Version]] = {}
    for k, v in versions.items():
        groups.setdefault(root(k), []).append(v)
    out = []
    for top, vs in groups.items():
        kind = kinds.get(top) or next(kinds[k] for k in kinds if root(k) == top)
        out.append(Disagreement(kind, _sides_first(vs), best.get(top, 0.0)))
    out.sort(key=lambda d: -d.similarity)
    if len(out) > MAX_DISAGREEMENTS:
        notes.append(f"{len(out)} disagreements found; kept the {MAX_DISAGREEMENTS} from the most similar pairs")
        out = out[:MAX_DISAGREEMENTS]
    if long_skipped:
        notes.append(f"{long_skipped} sentence pairs with a sentence over {MAX_SENTENCE_CHARS} characters not compared")
    return out, notes
