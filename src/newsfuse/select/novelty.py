"""Lexical novelty for the greedy selection: how much of a fact's content the summary already says.

ROUGE counts each reference word once (clipped counts), so a sentence whose content words the summary
already holds adds little however well it scores on its own.  The greedy subtracts ``novelty`` times
the share of the fact's content-word types already in the chosen sentences (see
:func:`newsfuse.select.mmr.greedy_mmr`).  Content words are the sentence's lower-cased words
(:func:`newsfuse.clean.sentence_words`) minus :data:`STOPWORDS`.
"""

from __future__ import annotations

# English function words (scikit-learn's list, itself from the Glasgow IR group, without the few
# content words it holds such as "bill", "fire", "system" or "interest"), plus "said"/"says" and
# the "s"/"t" of split contractions: words whose repetition tells nothing new.
_STOP_TEXT = """
a about above across after afterwards again against all almost alone along already also although always am among
amongst an and another any anyhow anyone anything anyway anywhere are around as at be became because become becomes
becoming been before beforehand behind being below beside besides between beyond both but by can cannot could do done
down due during each eight either eleven else elsewhere enough etc even ever every everyone everything everywhere except
few fifteen fifty first five for former formerly forty four from further get go had has have he hence her here
hereafter hereby herein hereupon hers herself him himself his how however hundred i if in indeed into is it its itself
last latter latterly least less made many may me meanwhile might mine more moreover most mostly much must my myself
namely neither never nevertheless next nine no nobody none noone nor not nothing now nowhere of off often on once one
only onto or other others otherwise our ours ourselves out over own per perhaps please rather same see seem seemed
seeming seems several she should since six sixty so some somehow someone something sometime sometimes somewhere still
such take ten than that the their them themselves then thence there thereafter thereby therefore therein thereupon these
they third this those though three through throughout thru thus to together too toward towards twelve twenty two under
until up upon us very via was we well were what whatever when whence whenever where whereafter whereas whereby wherein
whereupon wherever whether which while whither who whoever whole whom whose why will with within without would yet you
your yours yourself yourselves said says s t
"""
STOPWORDS: frozenset[str] = frozenset(_STOP_TEXT.split())


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
