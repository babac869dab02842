"""Whether a summary would state one fact twice in different words.

Facts are groups of aligned sentences from different articles, but two sentences can still state one
claim without being aligned: their similarity was under the aligner's threshold ("Tulowitzki leads
the majors in hitting at .340." / "Tulowitzki entered Saturday night leading the National League in
batting average (.340)…"), one of them is context inside another fact's unit, or both come from one
article.  :func:`restates` reads a pair with the align stage's claim score
(:func:`newsfuse.align.claim.claim_score`) and one more signal, a shared *anchor*: a figure of two or
more digits that is not a year (".340", "$7,000", "71 beagles").  Sentences of one article must score
higher: an article elaborates on its own subject sentence by sentence ("Rose is the first Wayne State
officer to be killed…" / "He was the second Wayne State officer to be shot…").

:class:`Repeats` answers it for sentences of one story against what a summary already states.
"""

from __future__ import annotations

from ..align.claim import Profile, claim_score, claim_score_bounds, profile
from ..state import StoryState

# Claim scores at or above which a pair restates one claim: sentences of different articles, the
# same with a shared anchor, and sentences of one article (read on val-full250 and DUC dev pairs).
OTHER_ARTICLE = 0.5
ANCHORED = 0.25
SAME_ARTICLE = 0.75


def anchors(p: Profile) -> frozenset[str]:
    """The figures of a sentence specific enough to name one fact: two or more digits, not a year.

    >>> sorted(anchors(profile("In 2014, 71 beagles, 3 cats and $7,000 (about .340 of it) were found.")))
    ['340', '7000', '71']
    """
    return frozenset(n for n in p.numbers if _specific(n))


def _specific(number: str) -> bool:
    digits = number.replace(".", "")
    if len(digits) < 2:
        return False
    return not (len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2099)


def restates(a: Profile, b: Profile, similarity: float, same_article: bool) -> bool:
    """Whether the two sentences state one claim (see the module docstring for the thresholds).

    >>> a = profile("Tulowitzki leads the majors in hitting at .340.")
    >>> b = profile("Tulowitzki entered Saturday night leading the National League in batting average (.340).")
    >>> restates(a, b, 0.43, False), restates(a, b, 0.43, True)
    (True, False)
    """
    low = SAME_ARTICLE if same_article else ANCHORED if anchors(a) & anchors(b) else OTHER_ARTICLE
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
        self.profiles: dict[int, Profile] = {}
        self.held: list[int] = []  # sentences the summary states

    def profile(self, i: int) -> Profile:
        """The claim profile of sentence ``i`` (:func:`newsfuse.align.claim.profile`)."""
        p = self.profiles.get(i)
        if p is None:
            p = self.profiles[i] = profile(self.story.sentences[i].text)
        return p

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
        """Whether sentences ``i`` and ``j`` state one claim."""
        if self.one_fact(i, j):
            return True
        sentences = self.story.sentences
        same = sentences[i].doc == sentences[j].doc
        return restates(self.profile(i), self.profile(j), self.similarity(i, j), same)

    def add(self, span: tuple[int, int]) -> None:
        """Count the sentences of ``span`` as stated."""
        self.held.extend(range(span[0], span[1] + 1))

    def restated(self, span: tuple[int, int]) -> bool:
        """Whether a sentence of ``span`` restates one the summary holds."""
        return any(self.pair(k, j) for k in range(span[0], span[1] + 1) for j in self.held)
