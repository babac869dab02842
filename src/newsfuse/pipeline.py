"""The pipeline: split → clean → units → embed → align → realize → select → order, each stage swappable.

>>> from newsfuse.pipeline import Pipeline
>>> from newsfuse.types import Article
>>> story = Pipeline().summarize([
...     Article("a", "Kim Jong Un left Beijing on Wednesday after talks with Xi Jinping."),
...     Article("b", "North Korea's Kim Jong Un left Beijing on Wednesday after meeting Xi."),
... ], words=40)
>>> story.sentences[0].support
2
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from .align import Aligner, GreedyAligner
from .clean import Cleaner, DefaultCleaner
from .compare.disputed import mark_disputed
from .embed import SentenceEmbedder, default_embedder
from .embed.base import csr_dense_product
from .order import Orderer, PositionOrderer
from .realize import BestMemberRealizer, Realizer
from .select import LearnedSelector, Selector, choose
from .select.lede import lede_fact
from .split import Splitter, default_splitter
from .state import StoryState
from .types import Article, Citation, Story, SummarySentence, count_words
from .units import ContextUnits, unit_words

DEFAULT_WORDS = 120
# Labels that a last-resort fallback may still use when nothing else is left.
_SOFT_LABELS = {"headline"}


@dataclass
class Pipeline:
    """The stages that turn the articles of one story into a cited summary.

    Swap any stage by passing another object with the same method, e.g.
    ``Pipeline(embedder=TfidfEmbedder())``.  ``semantic_weight`` mixes the
    embedder's cosine with a TF-IDF cosine (lexical overlap keeps names and
    numbers apart that embeddings blur).  ``max_sentences_per_article`` and
    ``max_candidates`` bound the work on huge inputs (news is front-loaded,
    so the earliest sentences are kept).  ``units`` finds the sentences each
    sentence needs beside it (None: every sentence stands alone); with
    ``lede``, the summary opens with the fact most outlets lead with.
    """

    splitter: Splitter = field(default_factory=default_splitter)
    cleaner: Cleaner = field(default_factory=DefaultCleaner)
    embedder: SentenceEmbedder = field(default_factory=default_embedder)
    aligner: Aligner = field(default_factory=GreedyAligner)
    realizer: Realizer = field(default_factory=BestMemberRealizer)
    selector: Selector = field(default_factory=LearnedSelector)
    orderer: Orderer = field(default_factory=PositionOrderer)
    units: ContextUnits | None = field(default_factory=ContextUnits)
    lede: bool = True
    semantic_weight: float = 0.5
    max_sentences_per_article: int = 150
    max_candidates: int = 2500

    def analyse(self, articles: Sequence[Article]) -> StoryState:
        """Run every stage up to alignment and return the story's working state."""
        story = StoryState(articles=list(articles), context=self.units)
        for d, article in enumerate(story.articles):
            story.sentences.extend(self.splitter.split(article, d, self.max_sentences_per_article))
        self.cleaner.label(story)
        rows = [i for i in range(len(story.sentences)) if i not in story.labels]
        if not rows:
            rows = [i for i, reason in sorted(story.labels.items()) if reason in _SOFT_LABELS]
            for i in rows:
                del story.labels[i]
        rows = self._cap(story, rows)
        if not rows:
            story.warnings.append("no sentences to summarize in the input")
            return story
        texts = [story.sentences[i].text for i in rows]
        semantic_view, lexical = self.embedder.views(texts)
        lexical_only = semantic_view is None  # the embedder is the lexical view itself
        semantic = lexical.toarray() if semantic_view is None else semantic_view
        lexical_sim = _cosines(lexical)
        w = 1.0 if lexical_only else self.semantic_weight
        dropped = self.cleaner.label_candidates(story, rows, lexical_sim, semantic)
        if dropped and len(dropped) < len(rows):
            story.labels.update(dropped)
            keep = [r for r, i in enumerate(rows) if i not in dropped]
            rows = [rows[r] for r in keep]
            semantic, lexical, lexical_sim = semantic[keep], lexical[keep], lexical_sim[np.ix_(keep, keep)]
        story.rows = rows
        if not lexical_only:
            story.vectors, story.vector_space = semantic, f"{self.embedder.name}-{semantic.shape[1]}"
        semantic_sim = lexical_sim if lexical_only else semantic @ semantic.T
        story.similarity = (w * semantic_sim + (1 - w) * lexical_sim).astype(np.float32)
        original = np.array([story.sentences[i].doc not in story.copies for i in rows])
        if not original.any():
            original[:] = True
        lexical_centroid = _row_mean(lexical, original)
        story.centrality = (
            w * (semantic @ semantic[original].mean(axis=0)) + (1 - w) * (lexical @ lexical_centroid)
        ).astype(np.float32)
        story.facts = self.aligner.align(story)
        fact_of = {i: f for f, fact in enumerate(story.facts) for i in fact.members}
        story.fact_of_row = [fact_of[i] for i in rows]
        return story

    def _cap(self, story: StoryState, rows: list[int]) -> list[int]:
        if len(rows) <= self.max_candidates:
            return rows
        # Keep the earliest sentences of every article, round-robin, as Lead would.
        rank: dict[int, int] = {}
        ranked = []
        for i in rows:
            d = story.sentences[i].doc
            ranked.append((rank.get(d, 0), d, i))
            rank[d] = rank.get(d, 0) + 1
        kept = sorted(i for _, _, i in sorted(ranked)[: self.max_candidates])
        for i in set(rows) - set(kept):
            story.labels[i] = "over-limit"
        story.warnings.append(
            f"{len(rows)} candidate sentences; analysed the first {self.max_candidates} (raise max_candidates for more)"
        )
        return kept

    def summarize(self, articles: Sequence[Article], words: int = DEFAULT_WORDS, min_support: int = 1) -> Story:
        """Summarize one story in at most ``words`` words, every sentence cited.

        ``min_support``: only facts that at least that many outlets state may make the summary.
        """
        story = self.analyse(articles)
        return self.summarize_analysis(story, words, min_support)

    def summarize_analysis(self, story: StoryState, words: int = DEFAULT_WORDS, min_support: int = 1) -> Story:
        """The cited summary of an already analysed story (re-run cheaply for other lengths).

        ``min_support`` is a selection constraint (``story.min_support``): the selector picks only
        among the facts that many outlets state, under the same word budget as always.
        """
        if not story.facts:
            return Story(sources=story.articles, sentences=[], warnings=list(story.warnings))
        representatives = self.realizer.realize(story)
        story.lede, story.stated, story.min_support = None, {}, min_support
        if self.lede:
            found = lede_fact(story, representatives)
            if found is not None and story.facts[found[0]].support >= min_support:
                story.lede, representatives[found[0]] = found
        chosen, representatives = choose(self.selector, story, representatives, words)
        story.wording = {f: representatives[f] for f in chosen}
        ordered = self.orderer.order(story, chosen)
        sentences = mark_disputed(
            story, [self._summary_sentence(story, f, representatives[f]) for f in ordered], ordered
        )
        warnings = list(story.warnings)
        if not sentences and not any(fact.support >= min_support for fact in story.facts):
            warnings.append(f"no fact is stated by {min_support} or more outlets; lower --min-support")
        elif not sentences:  # summaries are whole source sentences (units): say what budget the shortest one needs
            shortest = self._smallest_budget(story, words)
            if shortest:
                warnings.append(
                    f"no source sentence fits in {words} word{'s' if words != 1 else ''}: "
                    f"the shortest has {shortest}; ask for at least {shortest} words"
                )
        return Story(
            sources=story.articles,
            sentences=sentences,
            warnings=warnings,
            words=sum(count_words(s.text) for s in sentences),
        )

    def _smallest_budget(self, story: StoryState, words: int) -> int:
        """The smallest word budget above ``words`` that gives a summary (0 when none does).

        Tried on the units' own lengths, shortest first: the selector may pass over the shortest ones.
        """
        spans = {story.unit(i) for fact in story.facts if fact.support >= story.min_support for i in fact.members}
        lengths = sorted({n for u in spans if u is not None and (n := unit_words(story, u)) > words})
        representatives = self.realizer.realize(story)
        for budget in lengths[:8]:
            if choose(self.selector, story, list(representatives), budget)[0]:
                return budget
        return 0

    @staticmethod
    def _summary_sentence(story: StoryState, f: int, representative: int) -> SummarySentence:
        """The fact worded by its representative's unit: the verbatim source text from the unit's first
        sentence to its last, cited first, then the other outlets' statements of the fact."""
        fact = story.facts[f]
        lo, hi = story.stated.get(f) or story.unit(representative) or (representative, representative)
        first, last = story.sentences[lo], story.sentences[hi]
        article = story.articles[first.doc]
        quoted = Citation(article.id, first.start, last.end)
        others = tuple(
            Citation(story.articles[story.sentences[i].doc].id, story.sentences[i].start, story.sentences[i].end)
            for i in fact.members
            if i != representative
        )
        return SummarySentence(
            text=article.text[first.start : last.end], support=fact.support, citations=(quoted, *others)
        )


def _cosines(matrix: sparse.csr_matrix, max_dense: int = 4_000_000) -> np.ndarray:
    """``matrix @ matrix.T`` as a dense array, for unit-length sparse rows: their cosines.

    Against a dense copy of the transpose while that copy is small: the same sums in the same
    order as the sparse product (so the same floats), without building a sparse result.
    """
    n, k = matrix.shape
    if n * k > max_dense:
        return (matrix @ matrix.T).toarray()
    matrix = matrix.tocsr()
    matrix.sum_duplicates()  # one entry per cell (a no-op on the embedders' rows)
    transposed = np.zeros((k, n), dtype=matrix.dtype)
    transposed[matrix.indices, np.repeat(np.arange(n), np.diff(matrix.indptr))] = matrix.data
    return csr_dense_product(matrix.indptr, matrix.indices, matrix.data, k, transposed)


def _row_mean(matrix: sparse.csr_matrix, keep: np.ndarray) -> np.ndarray:
    """The mean of the kept rows of a CSR matrix, as a dense vector.

    One bincount over the stored entries: scipy's row selection and ``mean`` cost ~10x more here,
    once per story.
    """
    matrix = matrix.tocsr()
    data = matrix.data if keep.all() else np.where(np.repeat(keep, np.diff(matrix.indptr)), matrix.data, 0)
    return np.bincount(matrix.indices, weights=data, minlength=matrix.shape[1]) / max(1, int(keep.sum()))
