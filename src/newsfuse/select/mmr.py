"""Default selector: centrality + cross-source support + lead position, with MMR redundancy control."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..clean import words_of
from ..state import StoryState
from ..units import unit_words
from ..units.names import Introductions
from .base import fits
from .notes import reporting_note
from .novelty import Coverage
from .repeats import Repeats


def fact_features(story: StoryState, representatives: list[int]) -> dict[str, np.ndarray]:
    """Per-fact features used by the selectors (each an array over ``story.facts``).

    - ``centrality``: the representative's mean similarity to the story;
    - ``support``: share of the other reports (articles) that also state the fact;
    - ``lead``: 1 / sqrt(1 + rank) of the earliest statement in any article;
    - ``words``: length of the representative sentence.
    """
    row_of = {i: r for r, i in enumerate(story.rows)}
    reports = max(1, story.n_reports - 1)
    rank = {i: k for k, i in enumerate(story.rows)}  # rank among candidates, per article below
    first_row_of_doc: dict[int, int] = {}
    for i in story.rows:
        first_row_of_doc.setdefault(story.sentences[i].doc, rank[i])
    n = len(story.facts)
    cent = np.zeros(n, dtype=np.float32)
    support = np.zeros(n, dtype=np.float32)
    lead = np.zeros(n, dtype=np.float32)
    words = np.zeros(n, dtype=np.int32)
    for f, fact in enumerate(story.facts):
        rep = representatives[f]
        cent[f] = story.centrality[row_of[rep]]
        support[f] = (len(fact.members) - 1) / reports
        earliest = min(rank[i] - first_row_of_doc[story.sentences[i].doc] for i in fact.members)
        lead[f] = 1.0 / np.sqrt(1.0 + earliest)
        words[f] = story.sentences[rep].n_words
    return {"centrality": cent, "support": support, "lead": lead, "words": words}


def context_share(story: StoryState, representatives: list[int]) -> np.ndarray:
    """Per fact, the share of its unit's words that are context (0 for a sentence that reads alone).

    Selectors subtract a multiple of it from a fact's score (``greedy_mmr``'s ``context_cost``): a
    unit that spends half its words on the sentences it leans on must be worth more than a fact that
    reads alone.
    """
    return np.array([_context_share(story, i, story.unit(i)) for i in representatives], dtype=np.float64)


def _context_share(story: StoryState, i: int, unit: tuple[int, int] | None) -> float:
    if unit is None or unit[0] == unit[1]:
        return 0.0
    return 1.0 - story.sentences[i].n_words / max(1, unit_words(story, unit))


def _stated_words(story: StoryState, i: int, unit: tuple[int, int] | None) -> int:
    """The words that stating sentence ``i`` costs: its unit's (its own when it has none)."""
    return story.sentences[i].n_words if unit is None or unit[0] == unit[1] else unit_words(story, unit)


class _Lazy:
    """``lazy[f]``: ``compute(f)``, computed on first use and kept."""

    def __init__(self, compute) -> None:
        self.compute = compute
        self.known: dict[int, Any] = {}

    def __getitem__(self, f: int) -> Any:
        if f not in self.known:
            self.known[f] = self.compute(f)
        return self.known[f]


def representative_words(story: StoryState, representatives: list[int]) -> list[list[str]]:
    """The lower-cased words of each fact's representative (kept by the pipeline, else split here)."""
    if story.words:
        return [story.words[i] for i in representatives]
    return [words_of(story.sentences[i].text) for i in representatives]


@dataclass(frozen=True)
class MMRSelector:
    """Greedy maximal-marginal-relevance selection under a word budget.

    ``score = centrality/max + support_weight * support + lead_weight * lead``,
    minus ``redundancy`` times the largest similarity to an already chosen
    sentence; candidates closer than ``max_overlap`` to a chosen sentence are
    skipped outright, as are sentences shorter than ``min_words``.  A fact stated
    with context loses ``context_cost`` times the share of its unit's words that
    are context (:func:`context_share`).  With ``repeats``, a sentence that states the claim of a chosen
    one is skipped too (:mod:`.repeats`).
    """

    support_weight: float = 0.6
    lead_weight: float = 1.0
    redundancy: float = 0.3
    max_overlap: float = 0.5
    min_words: int = 6
    context_cost: float = 0.3
    repeats: bool = True

    def scores(self, story: StoryState, representatives: list[int]) -> np.ndarray:
        feats = fact_features(story, representatives)
        cent = feats["centrality"]
        cent = cent / cent.max() if cent.size and cent.max() > 0 else cent
        return cent + self.support_weight * feats["support"] + self.lead_weight * feats["lead"]

    def select(self, story: StoryState, representatives: list[int], words: int) -> list[int]:
        if not story.facts:
            return []
        base = self.scores(story, representatives)
        return greedy_mmr(
            story,
            representatives,
            words,
            base,
            self.redundancy,
            self.max_overlap,
            self.min_words,
            context_cost=self.context_cost,
            repeats=self.repeats,
        )

    def choose(self, story: StoryState, representatives: list[int], words: int) -> tuple[list[int], list[int]]:
        """The facts of :meth:`select`, each worded by the realize stage's representative."""
        return self.select(story, representatives, words), list(representatives)


def greedy_mmr(
    story: StoryState,
    representatives: list[int],
    words: int,
    base: np.ndarray,
    redundancy: float,
    max_overlap: float,
    min_words: int,
    novelty: float = 0.0,
    context_cost: float = 0.0,
    repeats: bool = True,
) -> list[int]:
    """Pick facts by ``base`` score minus ``redundancy`` x their largest similarity to a chosen one.

    With ``novelty``, minus also ``novelty`` x the share of the fact's content words that the chosen
    facts already hold (:class:`~newsfuse.select.novelty.Coverage`).  Facts closer than
    ``max_overlap`` to a chosen fact, or shorter than ``min_words``, are never picked; every pick
    follows the budget rule :func:`~newsfuse.select.base.fits`.  Each step takes the fact of highest
    gain, the lowest index among equals.  With ``context_cost``, a fact's score is ``base`` minus
    ``context_cost`` x the share of its unit's words that are context (:func:`context_share`).

    Each fact is stated by its representative's *unit* (:meth:`StoryState.unit`): the sentence
    with the context it needs.  A unit costs all its words; a fact without a unit is never picked;
    facts stated inside a chosen unit count as said.  A unit that overlaps a chosen one is skipped,
    unless the overlap is the unit's start and ends where a chosen span ends: then only the rest is
    stated (and paid for), and the order keeps it right behind that span.  What each chosen fact
    states is left in ``story.stated``.  ``story.lede`` (when set) is picked first if it fits.  Only
    facts that at least ``story.min_support`` outlets state are candidates.  A unit that names someone
    by surname alone whom only its own article mentions, after introducing him with a fuller name
    ("'This is bad news,' Burlingame said"), waits until a chosen unit has written the fuller name
    (:class:`~newsfuse.units.names.Introductions`).  A note on what the reporting could not get ("CNN did
    not immediately return a call for comment", :func:`~newsfuse.select.notes.reporting_note`) is never
    picked.  With ``repeats``, a fact whose sentence states the claim of a sentence already stated
    (:class:`~newsfuse.select.repeats.Repeats`: aligned with it, or in other words) is never picked; the
    context sentences of its unit are not read.

    >>> from newsfuse.pipeline import Pipeline
    >>> from newsfuse.types import Article
    >>> text = "Kim left Beijing on Wednesday by train. Xi Jinping met Kim there twice."
    >>> story = Pipeline().analyse([Article("a", text)])
    >>> reps = [f.members[0] for f in story.facts]
    >>> greedy_mmr(story, reps, 12, np.array([1.0, 2.0]), 0.1, 0.6, 6)  # 6 words, then 7 would pass 12
    [1]
    >>> greedy_mmr(story, reps, 13, np.array([1.0, 2.0]), 0.1, 0.6, 6)
    [1, 0]
    """
    if not story.facts:
        return []
    row_of = {i: r for r, i in enumerate(story.rows)}
    reps = np.array([row_of[i] for i in representatives])
    # Units are read only for the facts the search reaches (most never come near the top).
    units = _Lazy(lambda f: story.unit(representatives[f]))
    lengths = _Lazy(lambda f: _stated_words(story, representatives[f], units[f]))
    notes = _Lazy(lambda f: reporting_note(story.sentences[representatives[f]].text))
    sim = story.similarity[np.ix_(reps, reps)]
    max_sim = np.zeros(len(reps), dtype=np.float32)
    penalty = np.float32(redundancy)  # float32 like max_sim: the gains are what a vector pass computes
    own = [story.sentences[i].n_words for i in representatives]  # a unit is never shorter
    shortest = min_words if max(own) >= min_words else min(min_words, max(lengths[f] for f in range(len(reps))))
    coverage = Coverage(representative_words(story, representatives)) if novelty else None
    fact_of = {i: f for f, fact in enumerate(story.facts) for i in fact.members}
    said: set[int] = set()  # facts a chosen unit states
    used: set[int] = set()  # sentences inside chosen units
    ends: set[int] = set()  # the last sentence of each chosen span
    stated: dict[int, tuple[int, int]] = {}
    chosen: list[int] = []
    spent = 0
    # A unit naming someone by surname alone waits until a chosen unit has said who he is (units/names.py);
    # only for people one article mentions: the story's main people are named by what else is chosen.
    introductions = Introductions.of(story)
    needs = _Lazy(lambda f: introductions.needed(*units[f]))
    told: list[str] = []  # the text of the chosen units
    restated = Repeats(story) if repeats else None
    heap: list[tuple[float, int]] = []
    waiting: list[int] = []

    def span_of(f: int) -> tuple[int, int] | None:
        """What stating ``f`` adds: its unit, or the part of it past a chosen span it continues."""
        u = units[f]
        if u is None or f in said:
            return None
        lo, hi = u
        k = lo
        while k <= hi and k in used:
            k += 1
        if k > representatives[f] or (k > lo and k - 1 not in ends):
            return None
        if any(j in used for j in range(k, hi + 1)):
            return None
        return k, hi

    def cost(f: int, span: tuple[int, int]) -> int:
        return lengths[f] if span == units[f] else unit_words(story, span)

    def take(f: int, span: tuple[int, int]) -> None:
        nonlocal max_sim, spent
        chosen.append(f)
        spent += cost(f, span)
        stated[f] = span
        ends.add(span[1])
        if restated is not None:
            restated.add(span)
        for k in range(span[0], span[1] + 1):
            used.add(k)
            told.append(story.sentences[k].text)
            if k in fact_of:
                said.add(fact_of[k])
                max_sim = np.maximum(max_sim, sim[fact_of[k]])
        if coverage is not None:
            coverage.add(f)
        for w in waiting:  # a waiting unit may now read: its bound is still its base score
            heapq.heappush(heap, (-float(base[w]), w))
        waiting.clear()

    lede = story.lede
    if lede is not None and lede < len(reps) and units[lede] is not None and fits(0, lengths[lede], words):
        take(lede, units[lede])  # type: ignore[arg-type]
    # Lazy greedy: a gain only falls as facts are chosen (max_sim and the covered share only grow), so
    # a gain computed at an earlier step bounds it from above.  Pop the best bound, recompute that
    # fact's gain, and take it if it still beats every other bound: the same picks as recomputing
    # every gain at every step, for a few recomputed gains per pick.
    # The context cost only lowers a score, so ``base`` bounds every gain from above too.
    floor = story.min_support
    heap = [(-float(base[f]), f) for f in range(len(reps)) if story.facts[f].support >= floor]
    heapq.heapify(heap)
    while heap:
        _, f = heapq.heappop(heap)
        # Out for good once a chosen fact is too close, it overlaps what is chosen, or it no longer fits
        # (the sentence's own words first: what it states is never shorter).
        if chosen and (max_sim[f] >= max_overlap or own[f] > words - spent):
            continue
        if units[f] is None or lengths[f] < shortest or notes[f]:
            continue
        span = span_of(f)
        if span is None or (chosen and cost(f, span) > words - spent):
            continue
        score = base[f]
        if context_cost:
            score = score - context_cost * _context_share(story, representatives[f], units[f])
        gain = score - penalty * max_sim[f]
        if coverage is not None:
            gain = gain - novelty * coverage.share(f)
        key = (-float(gain), f)
        if heap and key > heap[0]:
            heapq.heappush(heap, key)
            continue
        if not fits(spent, cost(f, span), words):
            continue
        # Read only for the fact about to be taken (the claim test is the dearest check): out for good, as
        # what is chosen only grows.
        if restated is not None and restated.restated(representatives[f]):
            continue
        if needs[f] and len(Introductions.introduced(" ".join(told), needs[f])) < len(needs[f]):
            waiting.append(f)
            continue
        take(f, span)
    story.stated = stated
    return chosen
