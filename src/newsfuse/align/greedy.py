"""Default aligner: greedy constrained linkage over cross-article sentence similarity, claim-checked."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..state import Fact, StoryState
from .claim import CLAIM_THRESHOLD, Profile, claim_score, claim_score_bounds, profile


@dataclass(frozen=True)
class GreedyAligner:
    """Link the most similar cross-article sentence pairs first, one sentence per article per fact.

    Pairs with similarity >= ``threshold`` are merged in decreasing order of
    similarity (single linkage), but two groups never merge when they hold
    sentences of the same article, which stops chaining across a story.  The
    threshold is on the hybrid (semantic + lexical) cosine the pipeline builds.

    With ``verify`` (the default) a pair only links when the two sentences state
    the same claim (:func:`newsfuse.align.claim.claim_score` >= ``claim_threshold``),
    every pair across the two groups scores at least ``group_threshold``, and no
    pair across them states a conflicting detail (a number, date, name in the same
    role, quote speaker or polarity: :func:`newsfuse.compare.compare_sentences`).
    Conflicting versions thus stay separate facts, each with its own support.

    Past ``max_pairs`` candidate pairs (hundreds of outlets repeating one another), each sentence
    is linked only through its ``max_partners`` most similar sentences of other articles.
    """

    threshold: float = 0.45
    verify: bool = True
    max_pairs: int = 100_000
    max_partners: int = 16
    claim_threshold: float = CLAIM_THRESHOLD
    group_threshold: float = 0.3

    def align(self, story: StoryState) -> list[Fact]:
        n = len(story.rows)
        docs = [story.sentences[i].doc for i in story.rows]
        parent = list(range(n))
        members_docs: list[set[int]] = [{d} for d in docs]
        members: list[list[int]] = [[r] for r in range(n)]

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        if n > 1:
            sim = story.similarity
            upper = np.triu(sim >= self.threshold, k=1)
            doc_arr = np.asarray(docs)
            upper &= doc_arr[:, None] != doc_arr[None, :]
            ii, jj = np.nonzero(upper)
            if len(ii) > self.max_pairs:
                ii, jj = _closest_pairs(ii, jj, sim[ii, jj], n, self.max_partners)
            order = np.argsort(-sim[ii, jj], kind="stable")
            check = _Checker(story) if self.verify else None
            for k in order:
                r1, r2 = int(ii[k]), int(jj[k])
                a, b = find(r1), find(r2)
                if a == b or members_docs[a] & members_docs[b]:
                    continue
                if check is not None and not check.may_link(
                    r1, r2, members[a], members[b], self.claim_threshold, self.group_threshold
                ):
                    continue
                parent[b] = a
                members_docs[a] |= members_docs[b]
                members[a] += members[b]
        # Groups come out ordered by their first row (rows are visited in order), as sorting them would.
        groups: dict[int, list[int]] = {}
        for r in range(n):
            groups.setdefault(find(r), []).append(r)
        outlets = [a.outlet for a in story.articles]
        rows_of = story.rows
        return [
            _fact((rows_of[rows[0]],), 1)
            if len(rows) == 1
            else _fact(tuple(rows_of[r] for r in rows), len({outlets[docs[r]] for r in rows}))
            for rows in groups.values()
        ]


def _fact(members: tuple[int, ...], support: int) -> Fact:
    """``Fact(members, support)`` without the frozen dataclass's ``__init__`` (one per candidate sentence)."""
    fact = object.__new__(Fact)
    fact.__dict__.update(members=members, support=support)
    return fact


def _closest_pairs(ii: np.ndarray, jj: np.ndarray, sims: np.ndarray, n: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The pairs among ``(ii, jj)`` that are among the ``k`` most similar of either of their sentences.

    When hundreds of outlets repeat the same sentences, every copy is similar to every other and the
    pairs grow with the square of the outlets; each sentence's closest partners still join the copies
    into one fact (linkage is transitive), at a bounded cost per sentence.  Order is kept.
    """
    rows = np.concatenate([ii, jj])
    pair = np.concatenate([np.arange(len(ii))] * 2)
    by_row = np.lexsort((-np.concatenate([sims, sims]), rows))
    rows_sorted = rows[by_row]
    first = np.searchsorted(rows_sorted, np.arange(n))
    rank = np.arange(len(rows_sorted)) - first[rows_sorted]
    keep = np.zeros(len(ii), dtype=bool)
    keep[pair[by_row][rank < k]] = True
    return ii[keep], jj[keep]


class _Checker:
    """Claim scores and conflict checks between candidate rows, each computed once."""

    def __init__(self, story: StoryState) -> None:
        from ..compare.timeline import article_anchor

        self.story = story
        self.profiles: dict[int, Profile] = story.claim_profiles  # by sentence index, shared with selection
        self.anchors = [article_anchor(a.published) for a in story.articles]
        self.scores: dict[tuple[int, int], float] = {}
        self.bounds: dict[tuple[int, int], tuple[float, float]] = {}
        from ..compare.disagree import PAIR_SIMILARITY

        self.compare_at = PAIR_SIMILARITY
        self.conflicts: dict[tuple[int, int], bool] = {}

    def _profile(self, r: int) -> Profile:
        i = self.story.rows[r]
        got = self.profiles.get(i)
        if got is None:
            got = self.profiles[i] = profile(self.story.sentences[i].text)
        return got

    def score(self, r1: int, r2: int) -> float:
        key = (min(r1, r2), max(r1, r2))
        got = self.scores.get(key)
        if got is None:
            got = claim_score(self._profile(key[0]), self._profile(key[1]), float(self.story.similarity[key]))
            self.scores[key] = got
        return got

    def below(self, r1: int, r2: int, threshold: float) -> bool:
        """Whether the claim score of the pair is under ``threshold`` (cheap bounds decide most pairs)."""
        key = (min(r1, r2), max(r1, r2))
        got = self.scores.get(key)
        if got is not None:
            return got < threshold
        bounds = self.bounds.get(key)
        if bounds is None:
            a, b = self._profile(key[0]), self._profile(key[1])
            bounds = self.bounds[key] = claim_score_bounds(a, b, float(self.story.similarity[key]))
        low, high = bounds
        if high < threshold:
            return True
        return low < threshold and self.score(r1, r2) < threshold

    def conflict(self, r1: int, r2: int) -> bool:
        from ..compare.disagree import MAX_SENTENCE_CHARS, compare_sentences

        key = (min(r1, r2), max(r1, r2))
        got = self.conflicts.get(key)
        if got is None:
            s1, s2 = (self.story.sentences[self.story.rows[r]] for r in key)
            got = (
                len(s1.text) <= MAX_SENTENCE_CHARS
                and len(s2.text) <= MAX_SENTENCE_CHARS
                and bool(compare_sentences(s1.text, s2.text, self.anchors[s1.doc], self.anchors[s2.doc]))
            )
            self.conflicts[key] = got
        return got

    def may_link(self, r1: int, r2: int, group_a: list[int], group_b: list[int], link: float, group: float) -> bool:
        if self.below(r1, r2, link):
            return False
        cross = [(x, y) for x in group_a for y in group_b]
        if any(self.below(x, y, group) for x, y in cross):
            return False
        # Conflicts are read where a disagreement could be reported: pairs similar enough to be compared.
        sim = self.story.similarity
        return not any(self.conflict(x, y) for x, y in cross if sim[x, y] >= self.compare_at)
