"""Learned selector: a model trained on what Multi-News editors kept scores each fact; MMR picks under the budget.

The shipped model (``models/selector.txt``, LightGBM text format) is rebuilt
by ``newsfuse train``; see docs/selector.md for the features and the recipe.
Scoring reads it with :class:`~newsfuse.select.trees.TreeEnsemble` (numpy):
LightGBM itself is only needed to train.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..state import StoryState
from .features import FEATURE_NAMES, MAX_POSITION, fact_matrix, pair_matrix
from .mmr import MMRSelector, greedy_mmr
from .probe import ContentProbe, load_probe
from .trees import TreeEnsemble

MODEL_NAME = "selector.txt"


@lru_cache(maxsize=1)
def default_model_path() -> Path:
    """Where the shipped model lives inside the package (resolved once: scoring asks per story)."""
    return Path(str(resources.files("newsfuse.select") / "models" / MODEL_NAME))


@lru_cache(maxsize=4)
def load_model(path: str) -> TreeEnsemble:
    """Load a model file once per process; its feature names must be among ours."""
    if not Path(path).is_file():
        raise InputError(f"selector model {path} not found: run `newsfuse train` to build it")
    model = TreeEnsemble.from_lightgbm_text(Path(path).read_text(encoding="utf-8"))
    unknown = set(model.feature_names) - set(FEATURE_NAMES)
    if unknown:
        raise InputError(f"selector model {path} uses unknown features {sorted(unknown)}: retrain it")
    return model


@lru_cache(maxsize=4)
def model_columns(path: str) -> list[int] | None:
    """The columns of ``fact_matrix`` the model reads (None: all of them, in order)."""
    names = load_model(path).feature_names
    return None if names == FEATURE_NAMES else [FEATURE_NAMES.index(n) for n in names]


def wording_alternatives(
    story: StoryState, representatives: list[int], min_words: int = 0
) -> tuple[list[int], list[int]]:
    """(fact, sentence) pairs: the members of each fact other than its representative.

    A near-copy article's sentence is one only when the representative is a copy too, and a
    sentence under ``min_words`` only when the representative is under it as well.  Training
    labels these pairs beside the representatives (the model scores them at inference).
    """
    facts, sentences = [], []
    copies, story_sentences = story.copies, story.sentences
    for f, fact in enumerate(story.facts):
        if len(fact.members) < 2:
            continue
        rep = story_sentences[representatives[f]]
        copied, short = rep.doc in copies, rep.n_words < min_words
        for i in fact.members:
            s = story_sentences[i]
            if s is not rep and (copied or s.doc not in copies) and (short or s.n_words >= min_words):
                facts.append(f)
                sentences.append(i)
    return facts, sentences


def _reads_as_well(story: StoryState, sentence: int, current: int) -> bool:
    """May ``sentence`` word a fact instead of ``current``: it needs no more context than ``current`` does?"""
    mine, theirs = story.unit(sentence), story.unit(current)
    if mine is None:
        return theirs is None
    return theirs is None or mine[1] - mine[0] <= theirs[1] - theirs[0]


# Larger than any spread of model scores: an unseen-position fact ranks below every seen one.
_UNSEEN_PENALTY = 1e3
_EARLIEST = FEATURE_NAMES.index("earliest")


@dataclass(frozen=True)
class LearnedSelector:
    """Score facts with the trained model, then pick them greedily with MMR redundancy control.

    ``prior_weight`` mixes in the unsupervised :class:`MMRSelector` score
    (centrality + support + lead) on every story; off by default, as mixing it
    in did not help on Multi-News.  ``crowd_prior`` mixes it in on stories with
    many outlets, where the model has seen almost nothing: Multi-News' training
    stories have 2-4 articles (92%); 8 or more are 0.8% of them.  Its weight
    ramps from 0 at ``crowd_outlets[0]`` outlets to ``crowd_prior`` at
    ``crowd_outlets[1]``.  On such stories, which outlets agree (centrality,
    support) is also the stronger evidence.

    ``novelty`` subtracts, at each greedy step, that weight times the share of a fact's
    content words the chosen sentences already hold (:mod:`.novelty`): ROUGE counts each
    reference word once, so a restatement adds little even when it scores well alone.

    ``wording``: in :meth:`choose` (what the pipeline calls), each fact that several
    outlets state is worded by the member sentence the model scores highest (scored as if it
    represented the fact), not by the realize stage's most central one; a near-copy article's
    sentence is never preferred to an original's, nor one under ``min_words`` to a longer one.
    :meth:`select` keeps the representatives it is given.

    ``context_cost``: a fact stated with the sentences it leans on (its unit) loses that much
    times the share of the unit's words that are context (:func:`~newsfuse.select.mmr.context_share`).

    ``repeats``: a fact whose sentence states the claim of a sentence already stated (in other words,
    from another article or the same) is never picked (:mod:`.repeats`).

    ``known_positions_first``: a fact that no article states before the latest
    position the model saw in training (its ``earliest`` feature beyond the
    training range recorded in the model file: candidate rank 30 for the
    shipped model, trained on truncated articles) is picked only once no fact
    inside that range fits.  The trees cannot tell rank 40 from rank 400 and
    would otherwise score deep-article sentences of long stories as if they
    were at rank 30.

    >>> from newsfuse.pipeline import Pipeline
    >>> from newsfuse.types import Article
    >>> story = Pipeline(selector=LearnedSelector()).summarize([
    ...     Article("a", "Kim Jong Un left Beijing on Wednesday after talks with Xi Jinping."),
    ...     Article("b", "North Korea's Kim Jong Un left Beijing on Wednesday after meeting Xi."),
    ... ], words=40)
    >>> story.sentences[0].support
    2
    """

    model_path: str | None = None
    prior_weight: float = 0.0
    crowd_prior: float = 1.0
    crowd_outlets: tuple[int, int] = (4, 8)
    redundancy: float = 0.1
    max_overlap: float = 0.6
    min_words: int = 6
    novelty: float = 0.2
    known_positions_first: bool = True
    wording: bool = True
    context_cost: float = 0.1
    repeats: bool = True

    def scores(self, story: StoryState, representatives: list[int]) -> np.ndarray:
        return self._scores(story, representatives, self.features(story, representatives))

    def probe(self) -> ContentProbe | None:
        """The model's content probe (stored beside it), or None when the model does not read ``content``."""
        path = self.model_path or str(default_model_path())
        return load_probe(path) if "content" in load_model(path).feature_names else None

    def features(self, story: StoryState, representatives: list[int]) -> np.ndarray:
        """:func:`fact_matrix` with this model's content probe."""
        return fact_matrix(story, representatives, self.probe())

    def _predict(self, X: np.ndarray) -> np.ndarray:
        path = self.model_path or str(default_model_path())
        model, columns = load_model(path), model_columns(path)
        return model.predict(X if columns is None else X[:, columns])

    def _scores(self, story: StoryState, representatives: list[int], X: np.ndarray) -> np.ndarray:
        return self._with_prior(story, representatives, self._predict(X))

    def prior(self, story: StoryState) -> float:
        """The weight of the unsupervised score for this story: ``prior_weight``, plus ``crowd_prior``
        ramping in between ``crowd_outlets`` reports (none at the first count, all at the second)."""
        lo, hi = self.crowd_outlets
        ramp = min(1.0, max(0.0, (story.n_reports - lo) / max(1, hi - lo)))
        return self.prior_weight + self.crowd_prior * ramp

    def _with_prior(self, story: StoryState, representatives: list[int], learned: np.ndarray) -> np.ndarray:
        weight = self.prior(story)
        if weight:
            learned = learned + weight * MMRSelector().scores(story, representatives)
        return learned

    def unseen_positions(self, X: np.ndarray) -> np.ndarray:
        """Per fact (a row of :func:`fact_matrix`), 1.0 when every article states it past the trained ranks.

        ``earliest`` is clipped at ``MAX_POSITION``: ranks from there on look alike to the trees,
        so the last rank the model saw as itself is ``min(training max, MAX_POSITION - 1)``.
        A model file without training ranges marks nothing.
        """
        seen = load_model(self.model_path or str(default_model_path())).training_range("earliest")
        if seen is None:
            return np.zeros(len(X))
        last = min(seen[1], MAX_POSITION - 1)
        return (X[:, _EARLIEST] > last).astype(np.float64)

    def select(self, story: StoryState, representatives: list[int], words: int) -> list[int]:
        if not story.facts:  # nothing to score
            return []
        X = self.features(story, representatives)
        return self._greedy(story, representatives, words, X, self._scores(story, representatives, X))

    def choose(self, story: StoryState, representatives: list[int], words: int) -> tuple[list[int], list[int]]:
        """The facts to state and, per fact, the sentence that states it (see ``wording``).

        Returns ``(chosen facts, representatives)``; without ``wording`` the representatives
        are the ones given and the facts those of :meth:`select`.
        """
        if not story.facts:
            return [], list(representatives)
        facts, sentences = self.alternatives(story, representatives) if self.wording else ([], [])
        if not facts:
            return self.select(story, representatives, words), list(representatives)
        n = len(story.facts)
        # One feature pass over the representatives and their alternatives (~9% more rows).
        X = pair_matrix(
            story,
            np.r_[np.arange(n), facts],
            list(representatives) + sentences,
            representatives,
            self.probe(),
        )
        raw = self._predict(X)
        reps, rows = list(representatives), np.arange(n)
        for j in np.argsort(-raw[n:], kind="stable"):  # best alternative of each fact first
            f = facts[j]
            if (
                rows[f] == f
                and raw[n + j] > raw[f]
                and f != story.lede
                and _reads_as_well(story, sentences[j], reps[f])
            ):
                reps[f], rows[f] = sentences[j], n + j
        return self._greedy(story, reps, words, X[rows], self._with_prior(story, reps, raw[rows])), reps

    def alternatives(self, story: StoryState, representatives: list[int]) -> tuple[list[int], list[int]]:
        """(fact, sentence) pairs that could word a fact instead of its representative.

        See :func:`wording_alternatives`; a sentence shorter than ``min_words`` (which the
        selection skips) only stands in for one that is too.
        """
        return wording_alternatives(story, representatives, self.min_words)

    def _greedy(
        self, story: StoryState, representatives: list[int], words: int, X: np.ndarray, base: np.ndarray
    ) -> list[int]:
        if self.known_positions_first:
            base = base - _UNSEEN_PENALTY * self.unseen_positions(X)
        return greedy_mmr(
            story,
            representatives,
            words,
            base,
            self.redundancy,
            self.max_overlap,
            self.min_words,
            self.novelty,
            self.context_cost,
            self.repeats,
        )
