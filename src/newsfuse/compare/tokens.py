"""Words of a sentence with their offsets, their lemmas and content words, and negation (the readers' tokens).

>>> [t for _, _, t in words("He didn't leave Beijing.")], content(["He", "left", "the", "talks"])
(['He', "didn't", 'leave', 'Beijing.'], ('left', 'talk'))
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.lexicon import STOP
from ..text.lexicon import UNIT_WORDS as _UNITS

_NEG = re.compile(
    r"^(not|never|no|none|nobody|nothing|neither|nor|without|denied|denies|deny|denying|refused|refuses"
    r"|refuse|rejected|rejects|reject|cannot|n't|n’t|fail|fails|failed|failure|unable)$|n['’]t$",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"\w+(?:[’'.-]\w+)*\.?|[^\w\s]")


def words(text: str) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens with offsets."""
    return list(_words(text))


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((m.start(), m.end(), m.group(0)) for m in _WORD_RE.finditer(text))


# Verbs and other words that follow a number without being its unit ("31.6 live with a spouse").
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


def is_negation(token: str) -> bool:
    return bool(_NEG.search(token))
