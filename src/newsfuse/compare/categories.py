"""Categories: one thing put in two sibling classes ("identifies it as a brachiosaur" / "call it a titanosaur").

A sentence classifies what it is about with "identified it as a X", "call it a X", "it is a X" or
"this X".  Two outlets disagree when they put it in two different classes of one family: words
that share a long ending after different stems (brachi-osaur / titan-osaur, cardi-ologist /
neur-ologist).  Unrelated words ("a brachiosaur" / "a giant") are descriptions, not rival classes.

>>> [(c.a_text, c.b_text) for c in category_conflicts(
...     "The study identifies it as a brachiosaur, a type of sauropod.",
...     "It is safe to call it a titanosaur, the largest group of sauropods.")]
[('brachiosaur', 'titanosaur')]
>>> category_conflicts("The study identifies it as a brachiosaur.", "Experts call it a giant.")
[]
"""

from __future__ import annotations

import re

from .conflict import Conflict

_CLASSIFY = re.compile(
    r"\b(?:identif(?:y|ies|ied)|classif(?:y|ies|ied)|describ(?:e|es|ed)|label(?:s|ed|led)?|call(?:s|ed)?"
    r"|consider(?:s|ed)?|confirm(?:s|ed)?)\s+(?:it|him|her|them)\s+(?:as\s+)?(?:a|an)\s+(?P<a>[a-z]+)"
    r"|\b(?:it|which)\s+(?:is|was)\s+(?:a|an)\s+(?P<b>[a-z]+)"
    r"|\bthis\s+(?P<c>[a-z]+)",
    re.IGNORECASE,
)
# Endings that many unrelated words share: no family.
_GENERIC = frozenset(
    {"ation", "ition", "ution", "ction", "ement", "ments", "iness", "ility", "ities", "ously", "ively", "ating"}
    | {"ional", "tical", "ience", "ative", "itive"}
)
_MIN_SUFFIX = 5
_MIN_STEM = 3


def classes(sentence: str) -> list[tuple[int, int, str]]:
    """The class words a sentence gives what it is about, with their offsets."""
    out = []
    for m in _CLASSIFY.finditer(sentence):
        group = next(g for g in ("a", "b", "c") if m.group(g))
        out.append((m.start(group), m.end(group), m.group(group).lower()))
    return out


def _siblings(x: str, y: str) -> bool:
    """Two different words of one family: a shared ending of 5+ letters after different stems of 3+."""
    if x == y:
        return False
    k = 0
    while k < min(len(x), len(y)) and x[-1 - k] == y[-1 - k]:
        k += 1
    return k >= _MIN_SUFFIX and x[-_MIN_SUFFIX:] not in _GENERIC and min(len(x), len(y)) - k >= _MIN_STEM


def category_conflicts(a: str, b: str) -> list[Conflict]:
    """A class the first sentence gives that a sibling class in the second replaces (kind ``role``)."""
    ca = classes(a)
    if not ca:
        return []
    cb = classes(b)
    if not cb:
        return []
    words_a, words_b = {w for *_, w in ca}, {w for *_, w in cb}
    for sa, ea, x in ca:
        for sb, eb, y in cb:
            if _siblings(x, y) and x not in words_b and y not in words_a:
                return [Conflict("role", sa, ea, sb, eb, a[sa:ea], b[sb:eb])]
    return []
