"""Structural cleaning: headlines, captions, boilerplate and repeats that are not summary material.

All functions are pure and only *label* sentences; article text is never
modified, so offsets stay valid.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain

import numpy as np

from ..types import CJK_CHARS, Article, Sentence, has_cjk
from .furniture import furniture_labels

# Phrases that scrapers leave around article bodies (navigation, promos, credits).
_BOILERPLATE = re.compile(
    r"^\W*(latest news|related( stories| articles| coverage| news)?|read more|more from|advertisement|"
    r"sponsored( content)?|click here|sign up|subscribe|follow us|share this|share on|"
    r"all rights reserved|copyright|©|this material may not be|image copyright|image caption|"
    r"photo:|getty images|trending( news| now)?|recommended|you may also like|watch:|listen:|"
    r"see also|comments|skip to|loading|continue reading|top stories)(?!\w)",
    re.IGNORECASE,
)
# The words _BOILERPLATE's phrases start with ("latest", "read", ...): a sentence whose first word
# is another plain ASCII word cannot match it, which spares the pattern on nearly every sentence.
_BOILERPLATE_FIRST = frozenset(re.findall(r"(?:\^\\W\*\(|\|)([a-z]+)", _BOILERPLATE.pattern))
# Web addresses as scrapers leave them: share/subscribe links, embed credits, short links.
_LINK = re.compile(r"\bhttps?://\S+|\bwww\.\S+|\b[\w-]+\.(?:com|org|net|ly|io|co|gov|edu|tv)/\S*", re.IGNORECASE)
_FINAL_STOP = re.compile(r"[.!?…][\"'”’)\]]*$|[\"'”’]$")
_WORD = re.compile(r"\w+", re.UNICODE)
# The same, but each Chinese or Japanese character a word of its own (see count_words).
_WORD_CJK = re.compile(f"[^\\W{CJK_CHARS}]+|[{CJK_CHARS}]")


def words_of(text: str) -> list[str]:
    """The lower-cased words of ``text`` (runs of word characters; each Chinese or Japanese character
    is a word), punctuation and spacing dropped.

    >>> words_of("Kim LEFT Beijing."), words_of("金正恩离开 Beijing.")
    (['kim', 'left', 'beijing'], ['金', '正', '恩', '离', '开', 'beijing'])
    """
    return (_WORD_CJK if has_cjk(text) else _WORD).findall(text.lower())


def sentence_words(articles: Sequence[Article], sentences: Sequence[Sentence]) -> list[list[str]]:
    """:func:`words_of` of every sentence, lower-casing each article once rather than each sentence.

    >>> from newsfuse.types import Sentence
    >>> sents = [Sentence(0, 0, 0, 9, "Kim LEFT."), Sentence(0, 1, 10, 24, "İstanbul, too.")]
    >>> sentence_words([Article("a", "Kim LEFT. İstanbul, too.")], sents)
    [['kim', 'left'], ['i', 'stanbul', 'too']]
    >>> sentence_words([Article("a", "Kim LEFT. Istanbul, too.")], sents[:1])
    [['kim', 'left']]
    """
    # Per article: its lower-cased text and the findall to run over it, or None where lower-casing changed
    # the length (İ -> i̇): the offsets no longer fit, and each sentence goes alone.  The regex that
    # splits Chinese/Japanese characters costs ~20% more: only for articles that hold some.
    readers = []
    for a in articles:
        low = a.text.lower()
        readers.append((low, (_WORD_CJK if has_cjk(a.text) else _WORD).findall) if len(low) == len(a.text) else None)
    out = []
    for s in sentences:
        reader = readers[s.doc]
        out.append(reader[1](reader[0], s.start, s.end) if reader is not None else words_of(s.text))
    return out


def normalize(text: str) -> str:
    """Lower-cased words only, for comparing sentences that differ in punctuation or spacing."""
    return " ".join(words_of(text))


def is_boilerplate(text: str) -> bool:
    """True for navigation/promotion/credit lines such as 'Latest News' or 'Read more'.

    >>> is_boilerplate("Latest News"), is_boilerplate("Kim met Xi in Beijing.")
    (True, False)
    """
    return bool(_BOILERPLATE.match(text.strip())) and len(text.split()) <= 12


def is_link_heavy(text: str, max_share: float = 0.25) -> bool:
    """True for lines made of links: two web addresses or more, or one that fills a quarter of the text.

    A reporter's sentence may cite one address in passing; 'Read or Share this story: http://...'
    and 'Subscribe ... http://bit.ly/...' lines are page furniture, whatever their length.

    >>> is_link_heavy("Read or Share this story: http://usat.ly/1a6mXog")
    True
    >>> is_link_heavy("Mr Copoulos tells the Sun Chronicle (http://bit.ly/2slf5yu) he added window art "
    ...               "reading 'North now runs on Mike's' to his coffee shop.")
    False
    """
    # Every address the pattern knows has a "/" or a "www.": a substring test spares the regex on
    # nearly every sentence (10x cheaper per story).
    if "/" not in text and "ww." not in text and "WW." not in text:
        return False
    links = _LINK.findall(text)
    if not links:
        return False
    return len(links) >= 2 or sum(map(len, links)) >= max_share * len("".join(text.split()))


def is_headline_like(sentence: Sentence, max_words: int = 25) -> bool:
    """A whole line without a final stop: a headline, caption, dateline or section label."""
    if not (sentence.line_start and sentence.line_end):
        return False
    text = sentence.text.strip()
    return len(text.split()) <= max_words and not _FINAL_STOP.search(text)


def structural_labels(
    articles: Sequence[Article],
    sentences: Sequence[Sentence],
    min_words: int = 4,
    words: Sequence[list[str]] | None = None,
) -> dict[int, str]:
    """Label sentences that must not be summary material; returns ``{index: reason}``.

    Reasons: ``boilerplate``, ``furniture`` (page furniture, see
    :mod:`newsfuse.clean.furniture`), ``headline`` (headline/caption lines and the
    title), ``repeat`` (an earlier sentence of the same article says it
    verbatim) and ``short``.  Near-verbatim repeats are found later from the
    sentence vectors (:func:`near_repeat_labels`).  ``words`` may hand in
    :func:`words_of` of every sentence, when the caller needs them too.
    """
    labels: dict[int, str] = {}
    seen: set[tuple[int, str]] = set()
    titles = {i: normalize(a.title) for i, a in enumerate(articles) if a.title}
    if words is None:
        words = [words_of(s.text) for s in sentences]
    furniture = furniture_labels(sentences, words)
    for i, s in enumerate(sentences):
        norm = " ".join(words[i])
        first = words[i][0] if words[i] else ""
        could_be = not first or not first.isascii() or first in _BOILERPLATE_FIRST or "©" in s.text
        if (could_be and is_boilerplate(s.text)) or is_link_heavy(s.text):
            labels[i] = "boilerplate"
        elif i in furniture:
            labels[i] = furniture[i]
        elif is_headline_like(s) or (titles.get(s.doc) and norm == titles[s.doc]):
            labels[i] = "headline"
        elif len(words[i]) < min_words:
            labels[i] = "short"
        elif (s.doc, norm) in seen:
            labels[i] = "repeat"
        seen.add((s.doc, norm))
    return labels


def near_repeat_labels(
    sentences: Sequence[Sentence], rows: Sequence[int], sim: np.ndarray, threshold: float = 0.8
) -> dict[int, str]:
    """Label a sentence ``repeat`` when an earlier sentence of the same article nearly says it verbatim.

    ``sim`` is the lexical (TF-IDF) cosine matrix of ``rows``, row for row.
    """
    if len(rows) < 2:
        return {}
    docs = np.array([sentences[i].doc for i in rows])
    close = np.triu(sim >= threshold, k=1) & (docs[:, None] == docs[None, :])
    return {rows[int(j)]: "repeat" for j in np.unique(np.nonzero(close)[1])}


def shingles(text: str | list[str], n: int = 5) -> np.ndarray:
    """Sorted unique hashes of the word n-grams of ``text`` (a text shorter than ``n`` words is one n-gram).

    ``text`` may also be its :func:`words_of` already.

    >>> len(shingles("a b c d e f")), len(shingles("a b c d e a b c d e")), len(shingles(["a", "b"]))
    (2, 5, 1)
    """
    words = words_of(text) if isinstance(text, str) else text
    if not words:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter(map(hash, words), dtype=np.int64, count=len(words)).view(np.uint64)
    m = max(1, len(words) - n + 1)
    acc = h[:m].copy()
    with np.errstate(over="ignore"):
        for k in range(1, min(n, len(words))):
            acc = acc * np.uint64(1_000_003) ^ h[k : k + m]
    return np.unique(acc)


def near_copies(
    articles: Sequence[Article],
    threshold: float = 0.6,
    max_chars: int = 6_000,
    opening_words: Sequence[list[str]] | None = None,
) -> dict[int, int]:
    """Map each article that nearly copies an earlier one to that earlier article's index.

    Containment of 5-word shingles catches wire copies, re-wraps and copies
    with a paragraph dropped or a byline added.  ``opening_words`` may hand in
    the words of each article's first ``max_chars`` characters (see
    :func:`opening_words`) when the caller has them already.

    >>> text = "Kim Jong Un left Beijing on Wednesday after two days of talks with Xi Jinping."
    >>> near_copies([Article("a", text), Article("b", "By AP. " + text), Article("c", "Other news today.")])
    {1: 0}
    """
    if len(articles) < 2:
        return {}
    # The opening of an article identifies a copy; bounding it keeps huge inputs cheap.
    if opening_words is None:
        opening_words = [words_of(a.text[:max_chars]) for a in articles]
    values, owner = _all_shingles(opening_words)
    shared = _shared_counts(values, owner, len(articles))
    sizes = np.bincount(owner, minlength=len(articles)).tolist()
    copies: dict[int, int] = {}
    for j in range(1, len(articles)):
        if not sizes[j]:
            continue
        # Only originals are candidates; the most shared shingles first, then the earliest article.
        for i in sorted((i for i in range(j) if i not in copies and shared[i, j] > 0), key=lambda i: -shared[i, j]):
            small, large = sorted((sizes[i], sizes[j]))
            # A headline-only page is contained in the article but is no copy of it.
            if small >= 0.5 * large and shared[i, j] / small >= threshold:
                copies[j] = i
                break
    return copies


def repeated_articles(articles: Sequence[Article], copies: dict[int, int]) -> dict[int, int]:
    """The near-copies (``copies``, see :func:`near_copies`) that are the same article given twice.

    Same words (case and spacing aside) from the same outlet, or from an article that names no outlet
    (neither ``source`` nor ``url``): a file passed twice, a feed item fetched twice.  Counting it
    would add a source that is not there.  The same text from two named outlets (a wire story that
    two sites run) stays: each outlet published it.

    >>> text = "Kim Jong Un left Beijing on Wednesday after two days of talks with Xi Jinping."
    >>> arts = [Article("a", text, source="AP"), Article("b", text.upper()), Article("c", text, source="Reuters")]
    >>> repeated_articles(arts, near_copies(arts))
    {1: 0}
    """
    out = {}
    for j, i in copies.items():
        a, b = articles[i], articles[j]
        unnamed = b.source is None and b.url is None
        if (unnamed or a.outlet == b.outlet) and _plain(a.text) == _plain(b.text):
            out[j] = i
    return out


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def opening_words(
    sentences: Sequence[Sentence], words: Sequence[list[str]], n_articles: int, max_chars: int = 6_000
) -> list[list[str]]:
    """Per article, the words of its sentences that start in its first ``max_chars`` characters.

    What :func:`near_copies` reads, gathered from per-sentence :func:`words_of`
    instead of a second pass over the article texts.
    """
    out: list[list[str]] = [[] for _ in range(n_articles)]
    for s, w in zip(sentences, words, strict=True):
        if s.start < max_chars:
            out[s.doc].extend(w)
    return out


def _all_shingles(word_lists: Sequence[list[str]], n: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """:func:`shingles` of every word list at once: (values, owner) sorted by value, unique per owner.

    One hashing pass and one sort over all lists.  The owner rides in the low bits of each hash
    (a bit per doubling of the lists), so that one plain sort of integers orders by value, then
    owner; the values lose those bits, which leaves well over 50 bits to tell shingles apart.
    """
    lengths = np.fromiter(map(len, word_lists), dtype=np.int64, count=len(word_lists))
    total = int(lengths.sum())
    h = np.fromiter(map(hash, chain.from_iterable(word_lists)), dtype=np.int64, count=total).view(np.uint64)
    m = max(0, total - n + 1)
    acc = h[:m].copy()
    with np.errstate(over="ignore"):
        for k in range(1, n):
            acc = acc * np.uint64(1_000_003) ^ h[k : k + m]
    bits = np.uint64(max(1, (len(word_lists) - 1).bit_length()))
    # Windows that start in a list and end in it; a list shorter than n words is one shingle of its own.
    owner = np.repeat(np.arange(len(word_lists), dtype=np.uint64), lengths)[:m]
    inside = np.arange(m) + n <= np.repeat(np.cumsum(lengths), lengths)[:m]
    keys = [(acc[inside] >> bits) << bits | owner[inside]]
    for d in np.flatnonzero((lengths > 0) & (lengths < n)):
        keys.append((shingles(word_lists[d], n) >> bits) << bits | np.uint64(d))
    key = np.sort(np.concatenate(keys))
    key = key[np.concatenate(([True], key[1:] != key[:-1]))] if key.size else key
    return key >> bits, (key & ((np.uint64(1) << bits) - np.uint64(1))).astype(np.int64)


def _shared_counts(values: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """``shared[i, j]``: how many values owners ``i`` and ``j`` have in common.

    ``values`` are sorted, and unique per owner: a value held by several
    owners is a run of equal neighbours (each from another owner), so the pairs
    are found by comparing neighbours ``g`` apart, for growing ``g``, while
    such runs are left.
    """
    shared = np.zeros(n * n, dtype=np.int64)
    at = np.flatnonzero(values[1:] == values[:-1])
    g = 1
    while at.size:
        pair = owner[at] * n + owner[at + g]
        shared += np.bincount(pair, minlength=n * n)
        g += 1
        at = at[at + g < len(values)]
        at = at[values[at + g] == values[at]]
    shared = shared.reshape(n, n)
    return shared + shared.T
