"""Whether a summary would state one fact twice in different words.

Facts are groups of aligned sentences from different articles, but two sentences can still state one
claim without being aligned: their similarity was under the aligner's threshold ("Tulowitzki leads
the majors in hitting at .340." / "Tulowitzki entered Saturday night leading the National League in
batting average (.340)…"), one of them is context inside another fact's unit, or both come from one
article.  :func:`restates` reads a pair with the align stage's claim score
(:func:`newsfuse.align.claim.claim_score`) and one more signal, a shared *anchor*: a figure of two or
more digits that is not a year, a clock time or part of a name (".340", "$7,000", "71 beagles").
Sentences of one article must score higher: an article elaborates on its own subject sentence by
sentence ("Rose is the first Wayne State officer to be killed…" / "He was the second Wayne State
officer to be shot…").

:class:`Repeats` answers it for sentences of one story against what a summary already states, one way:
a sentence restates a held one when, besides stating its claim, it says little more (the held one has
half its content words, a quarter with a shared figure); a longer sentence adding its own detail to a
claim already made elaborates on it.
"""

from __future__ import annotations

import re

from ..align.claim import Profile, claim_score, claim_score_bounds, claim_score_ceiling, profile
from ..state import StoryState

# Claim scores at or above which a pair restates one claim: sentences of different articles, the
# same with a shared anchor, and sentences of one article (read on val-full250 and DUC dev pairs).
OTHER_ARTICLE = 0.5
ANCHORED = 0.25
SAME_ARTICLE = 0.75
# A sentence restates a held one only when that one holds at least this share of its content words: a
# sentence that adds its own detail to a claim already made elaborates on it ("A panicky telephone call in
# poor Swedish was the first word … of a fire … that killed 60 and injured 162").
COVERED = 0.5
COVERED_ANCHORED = 0.25  # the same across articles when the two give one figure (:func:`anchors`)


# A figure standing alone: not part of a clock time ("7:15"), a ratio ("2D:4D") or a name ("Bluefin-21").
_FIGURE = re.compile(r"(?<![\w:])(?<![A-Za-z]-)\d[\d,.]*(?![\w:])")


def anchors(text: str) -> frozenset[str]:
    """The figures of a sentence specific enough to name one fact: two or more digits, not a year.

    >>> sorted(anchors("In 2014, 71 beagles, 3 cats and $7,000 (about .340 of it) were found at 7:15 p.m."))
    ['340', '7000', '71']
    >>> sorted(anchors("The Bluefin-21 will search 2D:4D ratios."))
    []
    """
    return frozenset(n for m in _FIGURE.findall(text) if _specific(n := m.replace(",", "").rstrip(".")))


def _specific(number: str) -> bool:
    digits = number.replace(".", "")
    if len(digits) < 2:
        return False
    return not (len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2099)


def restates(a: Profile, b: Profile, similarity: float, same_article: bool, anchored: bool = False) -> bool:
    """Whether the two sentences state one claim (see the module docstring for the thresholds).

    ``anchored``: the two share a figure (:func:`anchors`).

    >>> a = "Tulowitzki leads the majors in hitting at .340."
    >>> b = "Tulowitzki entered Saturday night leading the National League in batting average (.340)."
    >>> shared = bool(anchors(a) & anchors(b))
    >>> restates(profile(a), profile(b), 0.43, False, shared), restates(profile(a), profile(b), 0.43, True, shared)
    (True, False)
    """
    low = SAME_ARTICLE if same_article else ANCHORED if anchored else OTHER_ARTICLE
    if claim_score_ceiling(a, b, similarity) < low:
        return False
    lower, upper = claim_score_bounds(a, b, similarity)
    if upper < low:
        return False
    return lower >= low or claim_score(a, b, similarity) >= low


class Repeats:
    """Which sentences of a story restate a sentence a summary already holds (:func:`restates`).

    Two sentences of one fact (aligned: they state one claim) restate each other by definition.
    Profiles are computed on first use.
    """

    def __init__(self, story: StoryState) -> None:
        self.story = story
        self.row_of = {i: r for r, i in enumerate(story.rows)}
        self.fact_of = {i: f for f, fact in enumerate(story.facts) for i in fact.members}
        self.profiles: dict[int, Profile] = story.claim_profiles  # shared with the aligner
        self.figures: dict[int, frozenset[str]] = {}
        self.held: list[int] = []  # sentences the summary states

    def profile(self, i: int) -> Profile:
        """The claim profile of sentence ``i`` (:func:`newsfuse.align.claim.profile`)."""
        p = self.profiles.get(i)
        if p is None:
            p = self.profiles[i] = profile(self.story.sentences[i].text)
        return p

    def anchors(self, i: int) -> frozenset[str]:
        """The figures of sentence ``i`` that name one fact (:func:`anchors`)."""
        got = self.figures.get(i)
        if got is None:
            got = self.figures[i] = anchors(self.story.sentences[i].text)
        return got

    def similarity(self, i: int, j: int) -> float:
        """The pipeline's similarity of two sentences (0 when one is not a candidate)."""
        ri, rj = self.row_of.get(i), self.row_of.get(j)
        return 0.0 if ri is None or rj is None else float(self.story.similarity[ri, rj])

    def score(self, i: int, j: int) -> float:
        """The align stage's claim score of sentences ``i`` and ``j``."""
        return claim_score(self.profile(i), self.profile(j), self.similarity(i, j))

    def one_fact(self, i: int, j: int) -> bool:
        """Whether sentences ``i`` and ``j`` were aligned into one fact."""
        fi = self.fact_of.get(i)
        return fi is not None and fi == self.fact_of.get(j)

    def pair(self, i: int, j: int) -> bool:
        """Whether sentence ``i`` states the claim of sentence ``j`` and little more (:data:`COVERED`), or
        the two, from different articles, give one figure (:func:`anchors`): a reader sees ".340" twice."""
        if self.one_fact(i, j):
            return True
        sentences = self.story.sentences
        same = sentences[i].doc == sentences[j].doc
        anchored = not same and bool(self.anchors(i) & self.anchors(j))
        own = self.profile(i).content
        if len(own & self.profile(j).content) < (COVERED_ANCHORED if anchored else COVERED) * len(own):
            return False
        return restates(self.profile(i), self.profile(j), self.similarity(i, j), same, anchored)

    def add(self, span: tuple[int, int]) -> None:
        """Count the sentences of ``span`` as stated."""
        self.held.extend(range(span[0], span[1] + 1))

    def restated(self, i: int) -> bool:
        """Whether sentence ``i`` restates one the summary holds."""
        return any(self.pair(i, j) for j in self.held)
