"""Online story clustering: each article joins the story of its best-matching recent article, or starts one.

The match score mixes an IDF-weighted bag of words (title words and capitalised names count more; the
document frequencies grow with the stream) with the cosine of WordLlama vectors.  Candidates come from an
inverted index over the article's most distinctive words, and they are scored with array operations over
the index's posting lists (no Python loop per candidate), so an article costs about the same however long
the stream is.  An article that matches articles of two stories strongly bridges them: the younger story
merges into the older.  Stories quiet for longer than ``window`` seconds close (only when articles carry
times).

>>> from newsfuse.types import Article
>>> c = OnlineClusterer(embedder=None)
>>> arts = [Article("1", "Kim Jong Un arrived in Beijing by armoured train for talks with Xi Jinping."),
...         Article("2", "Floods swept through Houston after Hurricane Harvey made landfall in Texas."),
...         Article("3", "Xi Jinping welcomed Kim Jong Un in Beijing; the armoured train left on Wednesday.")]
>>> [a.story for a in c.add_many(arts)]
[1, 2, 1]
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..embed.base import Embedder
from ..types import Article
from .base import Assignment

_WORD = re.compile(r"\w+")
# Short English function words; anything in it never helps to tell two stories apart.
_STOP_TEXT = """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves said says say one
    two new like get got told year years time people may many much even back well way could news"""
_STOP = frozenset(_STOP_TEXT.split())


@dataclass
class Features:
    """What the clusterer keeps of one article: word counts and (optionally) a unit vector.

    Features do not depend on the clusterer's state, so they can be computed anywhere (in batches, on
    other workers) and assigned later in input order.
    """

    words: dict[str, float]
    vector: np.ndarray | None = None
    key: str = ""


@dataclass
class _Story:
    first: float | None = None
    last: float | None = None
    size: int = 0
    members: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Weighted:
    """An article's words weighted against the index as it stands (``n_docs`` articles in it)."""

    n_docs: int
    terms: list[str]
    weights: np.ndarray  # unit length, in the order of ``terms``


def article_words(article: Article, head_words: int = 250) -> dict[str, int]:
    """Word counts of the title (x3) and the first ``head_words`` words; capitalised names count double.

    >>> article_words(Article("1", "Rescuers reached Houston. The rescuers left.", title="Houston floods"))
    {'houston': 5, 'floods': 3, 'rescuers': 2, 'reached': 1, 'left': 1}
    """
    counts: dict[str, int] = defaultdict(int)
    for text, boost in ((article.title or "", 3), (article.text, 1)):
        for i, m in enumerate(_WORD.finditer(text)):
            if i >= head_words:
                break
            w = m.group()
            lw = w.lower()
            if len(lw) < 3 or lw in _STOP or (lw.isdigit() and len(lw) < 4):
                continue
            # A capital after a lower-case word (not a sentence start) marks a name: worth more.
            name = w[0].isupper() and m.start() > 1 and text[m.start() - 2] not in ".!?\n\"'"
            counts[lw] += boost * (2 if name else 1)
    return dict(counts)


class OnlineClusterer:
    """Incremental, deterministic story clustering (see the module docstring).

    ``threshold``: the score needed to join a story; ``merge_threshold``: the score with a second story's
    article that makes the new article a bridge between the two; ``dense_weight``: share of the WordLlama
    cosine in the score (``embedder=None`` uses words only); ``dense_floor``: the cosine below which the
    vectors add nothing; ``window``: seconds after which a quiet story closes; ``common_fraction``: words in
    more than this share of the articles (and more than 50) find no candidates; ``head_words``: words read
    from each article; ``query_terms``: the article's most distinctive words that look up candidates.
    """

    def __init__(
        self,
        embedder: Embedder | str | None = "default",
        *,
        threshold: float = 0.14,
        merge_threshold: float = 0.4,
        dense_weight: float = 0.15,
        dense_floor: float = 0.6,
        window: float = 3 * 86400.0,
        common_fraction: float = 0.05,
        head_words: int = 250,
        query_terms: int = 40,
    ) -> None:
        if embedder == "default":
            from ..embed import default_embedder

            embedder = default_embedder()
        self.embedder = embedder if dense_weight > 0 else None
        self.threshold = threshold
        self.merge_threshold = merge_threshold
        self.dense_weight = dense_weight
        self.dense_floor = dense_floor
        self.window = window
        self.common_fraction = common_fraction
        self.head_words = head_words
        self.query_terms = query_terms
        # The inverted index: word -> its id; per id the document frequency and the posting list
        # (article numbers and the word's weight in each), kept as compact growable arrays.
        self._term_id: dict[str, int] = {}
        self._df: list[int] = []
        self._post_docs: list[array] = []
        self._post_weights: list[array] = []
        self._n_docs = 0
        # Per article: its story as of now (rewritten on merges), and its vector.
        self._doc_story = np.zeros(1024, dtype=np.int64)
        self._vectors: np.ndarray | None = None
        self._parent: dict[int, int] = {}
        self._stories: dict[int, _Story] = {}
        self._next_id = 1
        self._cache: tuple[Features, _Weighted] | None = None

    # -- features --------------------------------------------------------------------------------
    def features(self, articles: Sequence[Article]) -> list[Features]:
        """Word counts and (with an embedder) the vector of each article's head, in one batch."""
        counts = [article_words(a, self.head_words) for a in articles]
        vectors: np.ndarray | None = None
        if self.embedder is not None and articles:
            heads = [f"{a.title or ''}\n{' '.join(a.text.split()[: self.head_words])}" for a in articles]
            vectors = self.embedder.embed(heads)
        return [
            Features(words=dict(c), vector=None if vectors is None else vectors[i], key=a.id)
            for i, (a, c) in enumerate(zip(articles, counts, strict=True))
        ]

    def _weigh(self, f: Features) -> _Weighted:
        """TF-IDF weights of ``f``'s words with the document frequencies of the stream so far (memoised)."""
        if self._cache is not None and self._cache[0] is f and self._cache[1].n_docs == self._n_docs:
            return self._cache[1]
        terms = list(f.words)
        tf = np.fromiter(f.words.values(), dtype=np.float64, count=len(terms))
        ids = self._term_id
        df = np.fromiter(
            (self._df[i] if (i := ids.get(t)) is not None else 0 for t in terms), dtype=np.float64, count=len(terms)
        )
        w = (1.0 + np.log(np.maximum(tf, 1.0))) * (np.log((self._n_docs + 2) / (df + 1.0)) + 1.0)
        norm = float(np.sqrt(w @ w)) or 1.0
        weighted = _Weighted(self._n_docs, terms, w / norm)
        self._cache = (f, weighted)
        return weighted

    def _candidates(self, weighted: _Weighted) -> tuple[np.ndarray, np.ndarray]:
        """Earlier articles sharing a distinctive word with the new one, and their word scores (dot products)."""
        common = max(50, int(self.common_fraction * self._n_docs))
        # Most distinctive first; a stable sort keeps ties in text order, so the choice is deterministic.
        order = np.argsort(-weighted.weights, kind="stable")[: self.query_terms]
        docs, vals = [], []
        for k in order:
            tid = self._term_id.get(weighted.terms[k])
            if tid is None or self._df[tid] > common:
                continue
            docs.append(np.frombuffer(self._post_docs[tid], dtype=np.int32))
            vals.append(np.frombuffer(self._post_weights[tid], dtype=np.float32) * weighted.weights[k])
        if not docs:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        uniq, inverse = np.unique(np.concatenate(docs), return_inverse=True)
        return uniq.astype(np.int64), np.bincount(inverse, weights=np.concatenate(vals))

    # -- stories ---------------------------------------------------------------------------------
    def story_of(self, story: int) -> int:
        """The story a (possibly merged-away) story id belongs to now."""
        root = story
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        while self._parent.get(story, story) != root:  # path compression
            self._parent[story], story = root, self._parent[story]
        return root

    def _open(self, story: int, when: float | None) -> bool:
        last = self._stories[story].last
        return when is None or last is None or when - last <= self.window

    # -- the decision ----------------------------------------------------------------------------
    def propose(self, f: Features, when: float | None = None) -> Assignment:
        """Where ``f`` would go now (no state changes): an existing story, or ``new`` (story 0)."""
        docs, lex = self._candidates(self._weigh(f))
        if not len(docs):
            return Assignment(story=0, new=True)
        total = (1.0 - self.dense_weight) * lex
        if self.dense_weight and f.vector is not None and self._vectors is not None:
            dense = self._vectors[docs] @ f.vector
            total = total + self.dense_weight * np.maximum(dense - self.dense_floor, 0.0) / (1.0 - self.dense_floor)
        keep = total >= min(self.threshold, self.merge_threshold)
        docs, total = docs[keep], total[keep]
        best_story, best_score, merged = 0, 0.0, []
        for k in np.lexsort((docs, -total)):  # best first; ties go to the older article
            score = float(total[k])
            story = int(self._doc_story[docs[k]])
            if not self._open(story, when):
                continue
            if not best_story:
                if score < self.threshold:
                    break
                best_story, best_score = story, score
            elif score >= self.merge_threshold and story != best_story and story not in merged:
                merged.append(story)
            elif score < self.merge_threshold:
                break
        if not best_story:
            return Assignment(story=0, new=True)
        # The older story absorbs the others so that ids stay stable.
        keep_id = min([best_story, *merged])
        others = tuple(sorted(s for s in {best_story, *merged} if s != keep_id))
        return Assignment(story=keep_id, new=False, merged=others, score=best_score)

    def commit(self, f: Features, story: int, *, merged: Sequence[int] = (), when: float | None = None) -> None:
        """Record ``f`` as a member of ``story`` (merging ``merged`` into it)."""
        story = self.story_of(story)
        st = self._stories.setdefault(story, _Story())
        self._next_id = max(self._next_id, story + 1)
        for other in merged:
            other = self.story_of(other)
            if other == story:
                continue
            self._parent[other] = story
            o = self._stories.pop(other, _Story())
            self._doc_story[o.members] = story
            st.size += o.size
            st.members.extend(o.members)
            st.first = _min(st.first, o.first)
            st.last = _max(st.last, o.last)
        weighted = self._weigh(f)
        doc = self._n_docs
        for t, w in zip(weighted.terms, weighted.weights.tolist(), strict=True):
            tid = self._term_id.get(t)
            if tid is None:
                tid = self._term_id[t] = len(self._df)
                self._df.append(0)
                self._post_docs.append(array("i"))
                self._post_weights.append(array("f"))
            self._df[tid] += 1
            self._post_docs[tid].append(doc)
            self._post_weights[tid].append(w)
        if doc >= len(self._doc_story):
            self._doc_story = np.concatenate([self._doc_story, np.zeros_like(self._doc_story)])
        self._doc_story[doc] = story
        if f.vector is not None:
            if self._vectors is None:
                self._vectors = np.zeros((1024, f.vector.shape[0]), dtype=np.float32)
            elif doc >= self._vectors.shape[0]:
                self._vectors = np.concatenate([self._vectors, np.zeros_like(self._vectors)])
            self._vectors[doc] = f.vector
        self._n_docs += 1
        self._cache = None
        st.size += 1
        st.members.append(doc)
        st.first = _min(st.first, when)
        st.last = _max(st.last, when)

    def add_features(self, f: Features, *, story_id: int | None = None, when: float | None = None) -> Assignment:
        """Assign precomputed features (``story_id`` forces the story, e.g. when replaying a store)."""
        if story_id is not None:
            a = Assignment(story=story_id, new=story_id not in self._stories)
        else:
            a = self.propose(f, when)
            if a.new:
                a = Assignment(story=self._next_id, new=True)
        self.commit(f, a.story, merged=a.merged, when=when)
        return a

    def add(self, article: Article, *, story_id: int | None = None, when: float | None = None) -> Assignment:
        """Assign one article (``story_id`` forces the story, e.g. when replaying a store)."""
        return self.add_features(self.features([article])[0], story_id=story_id, when=when)

    def add_many(
        self, articles: Sequence[Article], *, when: Sequence[float | None] | None = None, batch: int = 256
    ) -> list[Assignment]:
        """Assign articles in order; features are computed ``batch`` articles at a time (same decisions)."""
        out: list[Assignment] = []
        for start in range(0, len(articles), batch):
            chunk = articles[start : start + batch]
            for i, f in enumerate(self.features(chunk)):
                out.append(self.add_features(f, when=None if when is None else when[start + i]))
        return out

    @property
    def n_stories(self) -> int:
        """Stories open or closed, not counting those merged away."""
        return len(self._stories)


def _min(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def _max(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)
