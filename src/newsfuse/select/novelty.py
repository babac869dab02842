"""Lexical novelty for the greedy selection: how much of a fact's content the summary already says.

ROUGE counts each reference word once (clipped counts), so a sentence whose content words the summary
already holds adds little however well it scores on its own.  The greedy subtracts ``novelty`` times
the share of the fact's content-word types already in the chosen sentences (see
:func:`newsfuse.select.mmr.greedy_mmr`).  Content words are the sentence's lower-cased words
(:func:`newsfuse.clean.sentence_words`) minus :data:`STOPWORDS`.
"""

from __future__ import annotations

from ..text.lexicon import STOPWORDS as STOPWORDS


class Coverage:
    """The share of a fact's content-word types that the chosen facts already hold.

    Word sets are built on first use: the greedy asks only about the few facts in contention.

    >>> cov = Coverage([["kim", "left", "beijing"], ["kim", "met", "xi"], ["the", "of"]])
    >>> cov.add(0)
    >>> [round(cov.share(f), 2) for f in range(3)]
    [1.0, 0.33, 0.0]
    """

    def __init__(self, fact_words: list[list[str]]) -> None:
        self.fact_words = fact_words
        self.sets: dict[int, set[str]] = {}
        self.held: set[str] = set()

    def content(self, fact: int) -> set[str]:
        """The fact's content-word types (its words minus :data:`STOPWORDS`)."""
        words = self.sets.get(fact)
        if words is None:
            words = self.sets[fact] = set(self.fact_words[fact]).difference(STOPWORDS)
        return words

    def add(self, fact: int) -> None:
        """Count ``fact``'s content words as said."""
        self.held |= self.content(fact)

    def share(self, fact: int) -> float:
        """The covered share of ``fact``'s content words (0 for a fact with none)."""
        words = self.content(fact)
        return len(words & self.held) / len(words) if words else 0.0
