"""Whether two names can be the same person, place or organisation (titles, initials, abbreviations, spellings)."""

from __future__ import annotations

from ..text.lexicon import TITLES as _TITLES


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
