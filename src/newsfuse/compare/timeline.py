"""Dates in news text, resolved against the article's publication date, and the story's timeline.

A rule-based resolver (no model, no network): absolute dates ("Jan. 8, 2019", "8 March", "June 2018",
"in 1998", "2019-04-03") and relative ones ("on Tuesday", "yesterday", "last month", "previous year",
"two days ago", "next week") become ``YYYY-MM-DD`` (a day), ``YYYY-Www`` (an ISO week), ``YYYY-MM`` or
``YYYY``.  News conventions: a bare weekday is the latest such day up to the article date unless the
verb looks ahead ("will", "is scheduled", "next", "opens"), then the next one; a month without a year
is the next one when the verb looks ahead, the latest one when the clause is in the past tense, else
the nearest; a month and day without a year is the one nearest the article date.  Without an article
date (or with one in the future) relative expressions stay unresolved: the timeline says so instead
of guessing.

>>> from datetime import date
>>> [(m.text, m.value) for m in find_dates("Kim arrived on Tuesday and left Beijing on Jan. 9.", date(2019, 1, 10))]
[('Tuesday', '2019-01-08'), ('Jan. 9', '2019-01-09')]
>>> [(m.text, m.value) for m in find_dates("The summit was held last June.", None)]
[('last June', None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache

# The calendar words live in the lexicon; named here too for the modules that read them from the timeline.
from ..text.lexicon import CALENDAR_WORDS as CALENDAR_WORDS
from ..text.lexicon import MONTH_NAMES as MONTH_NAMES
from ..text.lexicon import MONTHS as _MONTHS
from ..text.lexicon import SMALL_NUMBERS
from ..text.lexicon import WEEKDAY_ORDER as _WEEKDAYS
from ..text.lexicon import WEEKDAYS as WEEKDAYS

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, **SMALL_NUMBERS}

_MONTH = (
    r"(?P<{n}>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
# Lower-case month names (lower-cased copy, "in early december 1950") count only with a number next
# to them: with a year any month; with a day number not "may" and "march", which are verbs too ("may 5
# people", "march 5 miles"); abbreviations only with their full stop ("jan. 5").
_LOWER_MONTHS = (
    "january|february|april|june|july|august|september|october|november|december"
    r"|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept?\.|oct\.|nov\.|dec\."
)
_MONTH_BY_YEAR = _MONTH[:-1] + "|" + _LOWER_MONTHS + "|may|march)"
_MONTH_BY_DAY = _MONTH[:-1] + "|" + _LOWER_MONTHS + ")"
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
# Weekday names in lower case too (lower-cased copy): unlike month names, none is another word.
_WEEKDAY = (
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_COUNT = r"(?P<count>\d{1,3}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"

# Order matters: longer forms first; one regex, named groups say which form matched.
_PATTERNS: list[tuple[str, str]] = [
    ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("mdy", r"\b" + _MONTH_BY_YEAR.format(n="mo") + r"\s+" + _DAY.format(n="d") + r",?\s+(?P<y>(?:1[89]|20)\d\d)\b"),
    ("dmy", r"\b" + _DAY.format(n="d") + r"\s+" + _MONTH_BY_YEAR.format(n="mo") + r",?\s+(?P<y>(?:1[89]|20)\d\d)\b"),
    ("my", r"\b" + _MONTH_BY_YEAR.format(n="mo") + r",?\s+(?:of\s+)?(?P<y>(?:1[89]|20)\d\d)\b"),
    ("md", r"\b" + _MONTH_BY_DAY.format(n="mo") + r"\s+" + _DAY.format(n="d") + r"\b(?!\s*(?:,\s*)?\d)"),
    ("dm", r"\b" + _DAY.format(n="d") + r"\s+(?:of\s+)?" + _MONTH_BY_DAY.format(n="mo") + r"\b"),
    ("ago", r"(?<![\d,.])\b" + _COUNT + r"\s+(?P<unit>minute|hour|day|week|month|year)s?\s+ago\b"),
    (
        "holiday",
        r"\b(?P<holiday>New Year['’]s (?:Eve|Day)|Christmas (?:Eve|Day)|Christmas|Halloween|Valentine['’]s Day)",
    ),
    (
        "relunit",
        r"\b(?P<rel>(?i:last|next|this|previous|the previous|the following|earlier this|later this))\s+"
        r"(?P<unit>week|weekend|month|year)\b",
    ),
    ("relmonth", r"\b(?P<rel>(?i:last|next|this))\s+" + _MONTH.format(n="mo") + r"\b"),
    (
        "weekday",
        r"\b(?:(?:on|since|until|by|from)\s+)?(?:(?P<rel>(?i:last|next|this|this coming|coming))\s+)?"
        + _WEEKDAY
        + _PART
        + r"\b",
    ),
    (
        "deictic",
        r"\b(?P<deictic>(?i:yesterday|today|tonight|tomorrow|this morning|this afternoon|this evening|"
        r"last night))\b",
    ),
    (
        "inmonth",
        r"\b(?P<prep>in|since|until|by|of|early|late|mid-|in early|in late|in mid-)\s*"
        + _MONTH.format(n="mo")
        + r"\b(?!\.?\s+\d)",
    ),
    (
        "year",
        r"\b(?P<prep>(?i:in|since|of|by|from|until|during|before|after|early|late|mid-))\s*(?P<y>(?:1[89]|20)\d\d)\b"
        r"(?![-/]\d|\s*(?:%|percent|people|troops))",
    ),
]
# Every pattern starts at a word boundary before a word character: checked once up front, not per pattern.
_DATE_RE = re.compile(
    r"(?=\w)\b(?:" + "|".join(f"(?P<_{name}>{p.replace('(?P<', f'(?P<{name}_')})" for name, p in _PATTERNS) + ")"
)
_FUTURE = re.compile(
    r"\b(will|shall|'ll|is scheduled|are scheduled|scheduled|is set|are set|set to|is expected to|are expected to"
    r"|plans? to|is due|are due|due to|to be held|upcoming|going to|next|is to|are to|starting|beginning"
    # present tense of scheduling verbs: "the film opens in December", "voters go to the polls on Sunday"
    r"|opens|reopens|begins|starts|kicks off|takes effect|takes place|go to the polls|goes on sale|premieres"
    r"|launches)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(was|were|had|did|\w{3,}ed|met|left|said|took|began|came|went|won|lost|held|told|made|saw|gave|fell|rose"
    r"|struck|hit|killed|signed|died)\b",
    re.IGNORECASE,
)
# Dates introduced by these are bounds of something else, not when an event happened.
_RELATION = re.compile(r"\b(since|until|till|before|after|by|through|from|to)\s*$", re.IGNORECASE)
_TIME_RE = re.compile(
    r"\b(?P<h>[01]?\d)(?::\s?(?P<min>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)|\b(?P<word>noon|midnight)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A date expression in a sentence: offsets into the sentence, what it says and what it resolves to.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-MM`` or ``YYYY`` (None when it cannot be pinned
    down without an article date); ``key`` is a weaker form for comparison when ``value`` is None
    (``--MM-DD`` for a month and day, ``weekday:tuesday`` for a bare weekday).  ``relative`` marks
    expressions that needed the article date; ``bound`` those after "since", "until", "before"...
    """

    start: int
    end: int
    text: str
    value: str | None
    granularity: str
    relative: bool
    key: str | None = None
    bound: bool = False


def parse_published(text: str | None) -> date | None:
    """The day of an article's ``published`` field (ISO 8601, RFC 2822 or "January 9, 2019"), or None.

    >>> parse_published("Wed, 09 Jan 2019 10:00:00 GMT"), parse_published("2019-01-09T08:00:00Z")
    (datetime.date(2019, 1, 9), datetime.date(2019, 1, 9))
    """
    if not text or not text.strip():
        return None
    s = text.strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    for m in find_dates(s, None):
        if m.value and m.granularity == "day":
            return date.fromisoformat(m.value)
    return None


def article_anchor(published: str | None, today: date | None = None) -> date | None:
    """The day relative dates of an article resolve against: its publication day, unless missing or future.

    >>> article_anchor("2019-01-09"), article_anchor("2031-06-12", date(2026, 1, 1)), article_anchor(None)
    (datetime.date(2019, 1, 9), None, None)
    """
    day = parse_published(published)
    if day is not None and day > (today or date.today()) + timedelta(days=1):
        return None
    return day


def _month(token: str) -> int:
    return _MONTHS[token.lower().rstrip(".")]


def _nearest_year(anchor: date, month: int, day: int) -> date | None:
    best = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    return best


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


_SENTENCE_END = re.compile(r"[,;:.!?]")


def _looks_ahead(before: str) -> bool:
    # Only the clause the expression sits in, a few words back.
    clause = _SENTENCE_END.split(before)[-1]
    return bool(_FUTURE.search(" ".join(clause.split()[-7:])))


def find_dates(sentence: str, anchor: date | None) -> list[DateMention]:
    """Every date expression of ``sentence``, resolved against ``anchor`` (the article's day) when needed."""
    return list(_find_dates(sentence, anchor))


@lru_cache(maxsize=16384)
def _find_dates(sentence: str, anchor: date | None) -> tuple[DateMention, ...]:
    # Memoised: the timeline, the number reader and the disagreement checks read the same sentences.
    return tuple(_scan_dates(sentence, anchor))


def _scan_dates(sentence: str, anchor: date | None) -> list[DateMention]:
    out: list[DateMention] = []
    for form, g, text, start, ahead, bound, past in _date_forms(sentence):
        mention = _resolve(form, g, text, start, anchor, ahead, bound, past)
        if mention is not None:
            out.append(mention)
    return out


# Every date pattern needs one of these (a year, a capitalised month or weekday, "ago", a relative unit,
# a holiday, a deictic word; the patterns' own case rules): sentences with none skip the patterns.
# Each alternative starts with a fixed character, so the regex engine skips every other position
# without trying the alternatives; the deictic words are case-insensitive after their first letter.
def _any_case(first: str, rest: str) -> str:
    return f"{first.lower()}(?i:{rest})|{first.upper()}(?i:{rest})"


_DATE_HINT = re.compile(
    r"1[89]\d\d|20\d\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|ago\b|week|month|year|New Year|Christmas|Halloween|Valentine|"
    + _LOWER_MONTHS
    + "|"
    + "|".join(
        [
            _any_case("y", "esterday"),
            _any_case("t", "oday|onight|omorrow|his (?:morning|afternoon|evening)"),
            _any_case("l", "ast night"),
        ]
    )
)


# Each form's named groups in _DATE_RE ("mdy_mo") with the names _resolve reads them by ("mo").
_FORM_GROUPS = {
    form: tuple((name, name[len(form) + 1 :]) for name in _DATE_RE.groupindex if name.startswith(form + "_"))
    for form, _ in _PATTERNS
}
_LEAD = re.compile(r"(?i)(on|in|the)\s+")
_BOUND_WORD = re.compile(r"(?i)(since|until|by|from)\b")
_CLAUSE_MARK = re.compile(r"[,;:]")
_SENTENCE_MARK = re.compile(r"[,;:.]")


@lru_cache(maxsize=16384)
def _date_forms(sentence: str) -> tuple[tuple, ...]:
    """What the date patterns find in a sentence, before any article date is applied (memoised)."""
    out: list[tuple] = []
    if not _DATE_HINT.search(sentence):
        return ()  # no year, month, weekday or date word: the full patterns cannot match
    for m in _DATE_RE.finditer(sentence):
        form = m.lastgroup[1:] if m.lastgroup else ""
        g = {short: v for name, short in _FORM_GROUPS.get(form, ()) if (v := m.group(name)) is not None}
        text = m.group(0)
        start = m.start()
        lead = _LEAD.match(text)
        if lead and form not in {"inmonth", "year"}:
            start += lead.end()
            text = text[lead.end() :]
        before = sentence[max(0, m.start() - 200) : m.start()]
        bound = bool(_RELATION.search(before)) or bool(_BOUND_WORD.match(text))
        clause = _CLAUSE_MARK.split(before)[-1] + text + _SENTENCE_MARK.split(sentence[m.end() : m.end() + 200])[0]
        past = bool(_PAST.search(clause))
        out.append((form, g, text, start, _looks_ahead(before + " " + text), bound, past))
    return tuple(out)


def _resolve(
    form: str,
    g: dict[str, str],
    text: str,
    start: int,
    anchor: date | None,
    ahead: bool,
    bound: bool,
    past: object = None,
) -> DateMention | None:
    end = start + len(text)

    def mk(value: str | None, gran: str, relative: bool, key: str | None = None) -> DateMention:
        return DateMention(start, end, text, value, gran, relative, key, bound)

    try:
        if form == "iso":
            return mk(date(int(g["y"]), int(g["m"]), int(g["d"])).isoformat(), "day", False)
        if form in {"mdy", "dmy"}:
            return mk(date(int(g["y"]), _month(g["mo"]), int(g["d"])).isoformat(), "day", False)
        if form == "my":
            return mk(f"{int(g['y']):04d}-{_month(g['mo']):02d}", "month", False)
        if form in {"md", "dm"}:
            mo, d = _month(g["mo"]), int(g["d"])
            if g["mo"] == "May" and form == "dm" and not re.search(r"\d", text.split()[0]):
                return None
            date(2000, mo, d)  # validates day and month
            key = f"--{mo:02d}-{d:02d}"
            if anchor is None:
                return mk(None, "day", True, key)
            got = _nearest_year(anchor, mo, d)
            return mk(got.isoformat() if got else None, "day", True, key)
        if form == "holiday":
            name = g["holiday"].lower().replace("’", "'")
            mo, d = {
                "new year's eve": (12, 31),
                "new year's day": (1, 1),
                "christmas eve": (12, 24),
                "halloween": (10, 31),
                "valentine's day": (2, 14),
            }.get(name, (12, 25))
            if anchor is None:
                return mk(None, "day", True, f"--{mo:02d}-{d:02d}")
            got = _nearest_year(anchor, mo, d)
            return mk(got.isoformat() if got else None, "day", True, f"--{mo:02d}-{d:02d}")
        if form == "ago":
            g["unit"] = g["unit"].lower()
            n = _NUMBER_WORDS.get(g["count"].lower()) or int(g["count"])
            if anchor is None:
                return mk(None, "day" if g["unit"] in {"minute", "hour"} else g["unit"], True)
            if g["unit"] in {"minute", "hour"}:
                return mk(anchor.isoformat(), "day", True)
            if g["unit"] == "day":
                return mk((anchor - timedelta(days=n)).isoformat(), "day", True)
            if g["unit"] == "week":
                return mk((anchor - timedelta(days=7 * n)).isoformat(), "day", True)
            if g["unit"] == "month":
                y, mo = _shift_month(anchor.year, anchor.month, -n)
                return mk(f"{y:04d}-{mo:02d}", "month", True)
            return mk(f"{anchor.year - n:04d}", "year", True)
        if form == "relunit":
            rel, unit = g["rel"].lower(), g["unit"].lower()
            delta = -1 if rel in {"last", "previous", "the previous"} else 1 if rel in {"next", "the following"} else 0
            gran = {"weekend": "day"}.get(unit, unit)
            if anchor is None:
                return mk(None, gran, True)
            if unit == "year":
                return mk(f"{anchor.year + delta:04d}", "year", True)
            if unit == "month":
                y, mo = _shift_month(anchor.year, anchor.month, delta)
                return mk(f"{y:04d}-{mo:02d}", "month", True)
            if unit == "week":
                return mk(_week(anchor + timedelta(days=7 * delta)), "week", True)
            saturday = anchor + timedelta(
                days=(5 - anchor.weekday()) % 7 if anchor.weekday() < 5 else -(anchor.weekday() - 5)
            )
            return mk((saturday + timedelta(days=7 * delta)).isoformat(), "day", True)
        if form == "relmonth":
            mo, rel = _month(g["mo"]), g["rel"].lower()
            if anchor is None:
                return mk(None, "month", True)
            if rel == "last":
                y = anchor.year if mo < anchor.month else anchor.year - 1
            elif rel == "next":
                y = anchor.year if mo > anchor.month else anchor.year + 1
            else:
                y = anchor.year
            return mk(f"{y:04d}-{mo:02d}", "month", True)
        if form == "weekday":
            wd = _WEEKDAYS.index(g["wd"].lower())
            rel = (g.get("rel") or "").lower()
            key = f"weekday:{g['wd'].lower()}"
            if anchor is None:
                return mk(None, "day", True, key)
            back = (anchor.weekday() - wd) % 7
            fwd = (wd - anchor.weekday()) % 7
            if rel == "last":
                got = anchor - timedelta(days=back or 7)
            elif rel in {"next", "this coming", "coming"}:
                got = anchor + timedelta(days=fwd or 7)
            elif ahead:
                got = anchor + timedelta(days=fwd)
            else:
                got = anchor - timedelta(days=back)
            return mk(got.isoformat(), "day", True, key)
        if form == "deictic":
            word = g["deictic"].lower()
            if anchor is None:
                return mk(None, "day", True)
            shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
            return mk((anchor + timedelta(days=shift)).isoformat(), "day", True)
        if form == "inmonth":
            mo = _month(g["mo"])
            if g["mo"] == "May" and g["prep"].lower() not in {"in", "in early", "in late", "in mid-"}:
                return None  # "by May", "of May": too often Theresa May
            if anchor is None:
                return mk(None, "month", True, f"--{mo:02d}")
            if ahead:
                year = anchor.year if mo >= anchor.month else anchor.year + 1
                return mk(f"{year:04d}-{mo:02d}", "month", True, f"--{mo:02d}")
            if past:  # told in the past tense: the latest such month ("summit in June", Jan 2019: 2018)
                year = anchor.year if mo <= anchor.month else anchor.year - 1
                return mk(f"{year:04d}-{mo:02d}", "month", True, f"--{mo:02d}")
            cands = [(abs((date(y, mo, 15) - anchor).days), y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
            return mk(f"{min(cands)[1]:04d}-{mo:02d}", "month", True, f"--{mo:02d}")
        if form == "year":
            return mk(f"{int(g['y']):04d}", "year", False)
    except (ValueError, KeyError):
        return None
    return None


def find_times(sentence: str) -> list[tuple[int, int, int]]:
    """Clock times as (start, end, minutes after midnight).

    >>> find_times("at about 10 p.m. Saturday, not 2:30 a.m.")
    [(9, 16, 1320), (31, 40, 150)]
    """
    out = []
    for m in _TIME_RE.finditer(sentence):
        if m.group("word"):
            minutes = 720 if m.group("word").lower() == "noon" else 0
        else:
            h = int(m.group("h")) % 12
            if m.group("ap").lower().startswith("p"):
                h += 12
            minutes = h * 60 + int(m.group("min") or 0)
        out.append((m.start(), m.end(), minutes))
    return out


def compatible(a: str, b: str) -> bool:
    """Whether two resolved values can name the same time (equal, or one contains the other).

    >>> compatible("2019-01-08", "2019-01"), compatible("2019-01-08", "2019-W02"), compatible("2018", "2019-01")
    (True, True, False)
    """
    if a == b:
        return True
    if "W" in a or "W" in b:
        week, other = (a, b) if "W" in a else (b, a)
        if "W" in other:
            return False
        if len(other) == 10:
            return _week(date.fromisoformat(other)) == week
        return other[:4] == week[:4] or len(other) == 7  # a week can straddle a month: no claim either way
    return a.startswith(b) or b.startswith(a)


def _sort_key(value: str) -> tuple[str, int]:
    if "W" in value:
        y, w = value.split("-W")
        monday = date.fromisocalendar(int(y), int(w), 1)
        return monday.isoformat(), 1
    return value, {10: 0, 7: 2, 4: 3}.get(len(value), 4)


# Page furniture whose dates are not events: social-media embeds and "1 year ago" time stamps.
_SOCIAL = re.compile(r"\(@\w+\)|\bpost shared by\b|pic\.twitter\.com|https?://t\.co/", re.IGNORECASE)
# A cheap test first, each alternative led by a fixed character: sentences without it cannot match _SOCIAL.
_SOCIAL_HINT = re.compile(
    r"\(@|" + _any_case("p", r"ost shared by|ic\.twitter\.com") + "|" + _any_case("h", r"ttps?://t\.co/")
)
_AGO = re.compile(r"^\d+\s+(second|minute|hour|day|week|month|year)s?\s+ago$", re.IGNORECASE)
_STAMP_CUE = re.compile(r"\b(updated|posted|published|modified|last updated)\s*:?\s*$", re.IGNORECASE)


def _stamp(sentence: str, m: DateMention) -> bool:
    """A time stamp of the page rather than an event: "1 year ago" alone, "Updated 3 hours ago"."""
    if _STAMP_CUE.search(sentence[: m.start]):
        return True
    return bool(_AGO.match(m.text.strip())) and len(sentence.split()) <= 8


def _merge_versions(state, events: dict[tuple[str, int], list]) -> dict[tuple[str, int], list]:
    """One event for one date stated in versions the aligner kept apart (similar sentences, other details)."""
    position = {i: r for r, i in enumerate(state.rows)}
    sim = state.similarity
    merged: dict[tuple[str, int], list] = {}
    for key, found in events.items():
        into = next(
            (
                k
                for k, have in merged.items()
                if k[0] == key[0]
                and sim is not None
                and any(
                    i in position and j in position and sim[position[i], position[j]] >= _VERSION_SIMILARITY
                    for i, _ in found
                    for j, _ in have
                )
            ),
            None,
        )
        if into is None:
            merged[key] = list(found)
        else:
            merged[into] += found
    return merged


_VERSION_SIMILARITY = 0.5


def build_timeline(state, *, today: date | None = None, limit: int = 200):
    """The story's dated events, oldest first, each cited; plus notes on what could not be dated.

    Relative expressions are resolved against the publication day of their own article; articles
    without one (or dated after ``today``) keep only their absolute dates, and the notes say so.
    Mentions of the same date in sentences of one aligned fact become one event with every citation.
    """
    from .base import TimelineEvent, span_of

    today = today or date.today()
    notes: list[str] = []
    anchors: list[date | None] = []
    undated: list[str] = []
    future: list[str] = []
    for article in state.articles:
        day = article_anchor(article.published, today)
        if day is None and parse_published(article.published) is not None:
            future.append(f"{article.id} ({parse_published(article.published)})")
        elif day is None:
            undated.append(article.id)
        anchors.append(day)
    fact_of = {i: state.fact_of_row[r] for r, i in enumerate(state.rows) if r < len(state.fact_of_row)}
    events: dict[tuple[str, int], list] = {}
    unresolved = furniture = 0
    for i in state.rows:
        s = state.sentences[i]
        social = _SOCIAL_HINT.search(s.text) is not None and _SOCIAL.search(s.text) is not None
        for m in find_dates(s.text, anchors[s.doc]):
            if m.bound:
                continue
            if social or _stamp(s.text, m):
                furniture += 1
                continue
            if m.value is None:
                unresolved += 1
                continue
            key = (m.value, fact_of.get(i, -1 - i))
            events.setdefault(key, []).append((i, m))
    events = _merge_versions(state, events)
    out = []
    for (value, _), found in events.items():
        first = found[0][1]
        spans = tuple(dict.fromkeys(span_of(state, i) for i, _ in found))
        anchor = anchors[state.sentences[found[0][0]].doc] if first.relative else None
        out.append(
            TimelineEvent(
                value, first.granularity, first.text, first.relative, anchor.isoformat() if anchor else None, spans
            )
        )
    out.sort(key=lambda e: (_sort_key(e.date), e.citations[0].source, e.citations[0].start))
    if len(out) > limit:
        notes.append(f"{len(out)} dated events; showing the first {limit}")
        out = out[:limit]
    if undated:
        notes.append(
            f"{len(undated)} of {len(state.articles)} articles have no publication date "
            f"({', '.join(undated[:5])}{', ...' if len(undated) > 5 else ''}): their relative dates "
            '("on Tuesday", "last month") are not placed on the timeline'
        )
    if future:
        notes.append(
            f"articles dated in the future: {', '.join(future[:5])}: their relative dates are not resolved "
            "(the date is probably wrong)"
        )
    if unresolved:
        notes.append(f"{unresolved} relative date expressions left unresolved for want of an article date")
    if furniture:
        notes.append(f"{furniture} dates of page furniture (post embeds, time stamps) left out")
    if not out:
        notes.append("no dated events found")
    return out, notes
