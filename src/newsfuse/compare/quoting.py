"""Quotes in a sentence and who is said to speak them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tokens import _name_run, words

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
