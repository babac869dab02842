"""Peer summarizers measured next to newsfuse: Lead, sumy LexRank and sumy TextRank.

Every peer sees the same syntok sentences and follows the same budget rule as
newsfuse (:func:`newsfuse.select.fits`), so the comparison is like for like.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from ..select import fits
from ..split import default_splitter
from ..types import Article, Sentence

PEERS = ("lead", "lexrank", "textrank")
T = TypeVar("T")


def split_all(articles: Sequence[Article]) -> list[list[Sentence]]:
    """Syntok sentences of each article (no cleaning: peers get the plain text)."""
    splitter = default_splitter()
    return [splitter.split(a, d) for d, a in enumerate(articles)]


def take_ranked(ranked: Sequence[T], words: int, n_words: Callable[[T], int] = lambda s: s.n_words) -> list[T]:
    """Whole sentences in rank order while they fit the budget (the shared budget rule)."""
    chosen, used = [], 0
    for s in ranked:
        n = n_words(s)
        if fits(used, n, words):
            chosen.append(s)
            used += n
    return chosen


def lead(articles: Sequence[Article], words: int) -> list[str]:
    """Round-robin lead: first sentence of each article, then the second of each, and so on."""
    docs = split_all(articles)
    ranked = [s for k in range(max((len(d) for d in docs), default=0)) for d in docs if k < len(d) for s in [d[k]]]
    return [s.text for s in take_ranked(ranked, words)]


class _SyntokTokenizer:
    """The tokenizer sumy needs (its default wants NLTK's punkt data, which is not offline)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.text for s in default_splitter().split(Article("p", paragraph), 0))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        import re

        return tuple(re.findall(r"\w+", sentence))


@lru_cache(maxsize=2)
def _summarizer(kind: str) -> Any:
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    cls = LexRankSummarizer if kind == "lexrank" else TextRankSummarizer
    summarizer = cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer


def _sumy(kind: str, articles: Sequence[Article], words: int) -> list[str]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = _SyntokTokenizer()
    docs = split_all(articles)
    paragraphs = [Paragraph([SumySentence(s.text, tokenizer) for s in d]) for d in docs if d]
    if not paragraphs:
        return []
    document = ObjectDocumentModel(paragraphs)

    def budget(infos: list[Any]) -> list[Any]:
        return take_ranked(infos, words, lambda info: len(str(info.sentence).split()))

    return [str(s) for s in _summarizer(kind)(document, budget)]


def lexrank(articles: Sequence[Article], words: int) -> list[str]:
    """sumy's LexRank over all sentences of the story, in document order."""
    return _sumy("lexrank", articles, words)


def textrank(articles: Sequence[Article], words: int) -> list[str]:
    """sumy's TextRank over all sentences of the story, in document order."""
    return _sumy("textrank", articles, words)


def get_peer(name: str) -> Callable[[Sequence[Article], int], list[str]]:
    """A peer summarizer by name (``lead``, ``lexrank``, ``textrank``)."""
    return {"lead": lead, "lexrank": lexrank, "textrank": textrank}[name]
