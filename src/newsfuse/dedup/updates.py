"""Updates are not copies: a near-copy whose numbers, dates or names differ from the earlier text.

A wire story re-sent with "15 killed" instead of "12 killed" shares almost all its shingles with the
first version, so MinHash calls it a copy.  Storing it as a copy would credit its outlet with the old
figures.  ``changed_facts`` lines the two texts up word by word and returns the short passages where
a number, a date or a name was replaced; words only added (a byline, an "Updated at 5 pm" line) or
only dropped (a cut paragraph) are edits of a copy, not a change of fact.

>>> old = "Police said 12 people were killed in the fire in Leeds on Monday. The victims were aged 40 to 70."
>>> new = "Police said 15 people were killed in the fire in Leeds on Monday. The victims were aged 50 to 70."
>>> [(c.before, c.after) for c in changed_facts(old, new)]
[('12', '15'), ('40', '50')]
>>> changed_facts(old, "By Jane Doe, Associated Press\\n" + old.upper() + " Updated at 5 pm.")
[]
>>> copy_or_update(new, [("a1", old)])
(None, 'a1')
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..text.lexicon import CALENDAR_WORDS

# Words with their numeric glue: "1,200", "3.5", "5:30" stay one token.  Hyphens split ("20-year-old"
# is three), as a line wrapped at a hyphen must not read as another word.
_TOKEN = re.compile(r"\w+(?:[.,:'’]\w+)*")
_NUMBERS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
]  # fmt: skip
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(_NUMBERS)}
_SCALE_WORDS = frozenset([
    "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million",
    "billion", "trillion", "dozen", "dozens", "half", "third", "quarter",
])  # fmt: skip
_CALENDAR = CALENDAR_WORDS | frozenset([
    "today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night", "noon", "midnight",
    "am", "pm",
])  # fmt: skip
_POSSESSIVE = re.compile(r"['’]s$")
# A replaced passage longer than this on either side is rewritten text (a swapped paragraph), not a
# changed figure or name.
MAX_CHANGE_WORDS = 4


@dataclass(frozen=True)
class Change:
    """One fact the later text states differently: the words ``before`` and ``after``, and where they
    stand in each text (character offsets)."""

    before: str
    after: str
    start_before: int
    start_after: int


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def _key(word: str) -> str:
    w = word.lower()
    return _NUMBER_WORDS.get(w, w)


def _sentence_start(text: str, start: int) -> bool:
    head = text[max(0, start - 3) : start].rstrip()
    return not head or head[-1] in ".!?\"“”'‘’:;\n(—–-"


def _is_fact(m: re.Match[str], text: str) -> bool:
    """A number, a date or time word, or a name (a capitalised word not opening a sentence)."""
    word = m.group(0)
    low = _POSSESSIVE.sub("", word.lower())  # "Monday's" is a day
    if any(ch.isdigit() for ch in word) or low in _NUMBER_WORDS or low in _SCALE_WORDS or low in _CALENDAR:
        return True
    # A name: capitalised where a common word would not be (not the first word of a sentence, and
    # not a text in capitals throughout, where every word looks like one).
    return word[:1].isupper() and not word.isupper() and not _sentence_start(text, m.start())


def changed_facts(earlier: str, later: str, *, limit: int = 10) -> list[Change]:
    """Where ``later``, a near-copy of ``earlier``, replaces a number, date or name (at most ``limit``).

    Case, line breaks and punctuation are ignored; so are words only added or only removed, and
    replaced passages of more than ``MAX_CHANGE_WORDS`` words.  "twelve" and "12" are the same number.
    """
    a, b = _tokens(earlier), _tokens(later)
    ka, kb = [_key(m.group(0)) for m in a], [_key(m.group(0)) for m in b]
    if ka == kb:
        return []
    out: list[Change] = []
    matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace" or i2 - i1 > MAX_CHANGE_WORDS or j2 - j1 > MAX_CHANGE_WORDS:
            continue
        if not any(_is_fact(m, earlier) for m in a[i1:i2]) and not any(_is_fact(m, later) for m in b[j1:j2]):
            continue
        before = earlier[a[i1].start() : a[i2 - 1].end()]
        after = later[b[j1].start() : b[j2 - 1].end()]
        out.append(Change(before, after, a[i1].start(), b[j1].start()))
        if len(out) >= limit:
            break
    return out


def copy_or_update(text: str, earlier: Sequence[tuple[str, str]]) -> tuple[str | None, str | None]:
    """``(copy_of, update_of)`` for ``text`` given the ``(id, text)`` of the stored texts it near-copies,
    oldest first: the first that states the same facts is the one it copies; when every one differs in
    a number, date or name, it updates the latest of them.  ``(None, None)`` when ``earlier`` is empty.
    """
    for key, other in earlier:
        if not changed_facts(other, text, limit=1):
            return key, None
    return None, (earlier[-1][0] if earlier else None)
