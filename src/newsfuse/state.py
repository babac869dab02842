"""The shared working state of one story as it moves through the pipeline stages.

Stages read what earlier stages wrote (sentences, labels, vectors, facts) and
add their own part; nothing here hides state between stories.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .types import Article, Sentence


@dataclass(frozen=True)
class Fact:
    """Sentences from different articles that state the same thing.

    ``members`` index into ``StoryState.sentences`` (at most one per
    article); ``support`` counts the distinct outlets among them.
    """

    members: tuple[int, ...]
    support: int


@dataclass
class StoryState:
    """Everything the stages know about one story.

    ``rows`` are the indices of the candidate sentences (those not labelled
    by cleaning), and ``similarity`` is the candidates' cosine-similarity
    matrix, row for row.  ``vectors`` are the candidates' sentence embeddings
    (row for row; ``None`` when the embedder is lexical only) in the vector
    space named by ``vector_space`` (e.g. ``wordllama-256``).  ``words`` are
    the lower-cased words of every sentence (as ``sentences``; empty when a
    stage built the analysis without them).

    ``copies`` maps a near-copy article to the article it copies; ``repeats`` those of them that are
    the same article given twice (their sentences are labelled, and they count as no outlet or report).

    What selection reads besides: ``lede`` (the fact to open with, or None), ``min_support`` (only
    facts that many outlets state are candidates); what it leaves: ``stated`` (the span each chosen
    fact is stated by) and ``wording`` (the sentence that words each chosen fact).  ``context_signals``
    and ``introductions`` keep what the units stage read (quotes, openings; who is named how), asked by
    the lede, the selection and the order alike; ``claim_profiles`` the claim profile of each sentence
    (:func:`newsfuse.align.claim.profile`, by sentence index), computed once by the stage that asks first
    (the aligner, selection's repeats test).
    """

    articles: list[Article]
    sentences: list[Sentence] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)
    copies: dict[int, int] = field(default_factory=dict)
    repeats: dict[int, int] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)
    similarity: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    centrality: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    facts: list[Fact] = field(default_factory=list)
    fact_of_row: list[int] = field(default_factory=list)
    vectors: np.ndarray | None = None
    vector_space: str = ""
    words: list[list[str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    context: Any = None
    context_signals: Any = None
    introductions: Any = None
    claim_profiles: dict[int, Any] = field(default_factory=dict)
    lede: int | None = None
    wording: dict[int, int] = field(default_factory=dict)
    stated: dict[int, tuple[int, int]] = field(default_factory=dict)
    min_support: int = 1

    def unit(self, i: int) -> tuple[int, int] | None:
        """``(first, last)`` sentence indices of the run of its article that sentence ``i`` is stated with.

        From the pipeline's units stage (``context``, a :class:`newsfuse.units.ContextUnits`); None
        when the sentence cannot be read in any short run.  Without a units stage, every sentence
        stands alone.
        """
        if self.context is None:
            return (i, i)
        known = getattr(self.context_signals, "units", None)
        if known is not None and i in known:  # asked many times per story: answered here
            return known[i]
        return self.context.unit(self, i)

    @property
    def n_outlets(self) -> int:
        """Distinct outlets: what support badges count, so one outlet repeating itself is one source."""
        return len({a.outlet for d, a in enumerate(self.articles) if d not in self.repeats})

    @property
    def n_reports(self) -> int:
        """Articles in the story, each a separate report even when one outlet filed several.

        Selection weighs a fact by the reports that state it (``len(fact.members)``, at most one
        sentence per article): a wire that files a story each day for two weeks is one outlet but
        fourteen reports, and the facts it repeats every day are the story's core.  Badges and
        ``min_support`` count outlets (``Fact.support``).
        """
        return len(self.articles) - len(self.repeats)
