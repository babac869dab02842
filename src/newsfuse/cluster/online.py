"""Online story clustering: each article joins the story of its best-matching recent article, or starts one.

The match score mixes an IDF-weighted bag of words (title words and capitalised names count more; the
document frequencies grow with the stream) with the cosine of WordLlama vectors.  Candidates come from an
inverted index over the rarer words, so an article costs about the same however long the stream is.
An article that matches articles of two stories strongly bridges them: the younger story merges into the
older.  Stories quiet for longer than ``window`` seconds close (only when articles carry times).

>>> from newsfuse.types import Article
>>> c = OnlineClusterer(embedder=None)
>>> arts = [Article("1", "Kim Jong Un arrived in Beijing by armoured train for talks with Xi Jinping."),
...         Article("2", "Floods swept through Houston after Hurricane Harvey made landfall in Texas."),
...         Article("3", "Xi Jinping welcomed Kim Jong Un in Beijing; the armoured train left on Wednesday.")]
>>> [a.story for a in c.add_many(arts)]
[1, 2, 1]
"""

from __future__ import annotations

import math
import re
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
    """What the clusterer keeps of one article: unit-length word weights and (optionally) a unit vector."""

    words: dict[str, float]
    vector: np.ndarray | None = None
    key: str = ""


@dataclass
class _Story:
    first: float | None = None
    last: float | None = None
    size: int = 0
    members: list[int] = field(default_factory=list)


def article_words(article: Article, head_words: int = 250) -> dict[str, int]:
    """Word counts of the title (x3) and the first ``head_words`` words; capitalised names count double."""
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
    return counts


class OnlineClusterer:
    """Incremental, deterministic story clustering (see the module docstring).

    ``threshold``: the score needed to join a story; ``merge_threshold``: the score with a second story's
    article that makes the new article a bridge between the two; ``dense_weight``: share of the WordLlama
    cosine in the score (``embedder=None`` uses words only); ``window``: seconds after which a quiet story
    closes.
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
        self._df: dict[str, int] = defaultdict(int)
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self._doc_story: list[int] = []
        self._vectors: np.ndarray | None = None
        self._parent: dict[int, int] = {}
        self._stories: dict[int, _Story] = {}
        self._next_id = 1

    # -- features --------------------------------------------------------------------------------
    def features(self, articles: Sequence[Article]) -> list[Features]:
        counts = [article_words(a, self.head_words) for a in articles]
        vectors: np.ndarray | None = None
        if self.embedder is not None and articles:
            heads = [f"{a.title or ''}\n{' '.join(a.text.split()[: self.head_words])}" for a in articles]
            vectors = self.embedder.embed(heads)
        return [
            Features(words=dict(c), vector=None if vectors is None else vectors[i], key=a.id)
            for i, (a, c) in enumerate(zip(articles, counts, strict=True))
        ]

    def _weights(self, counts: dict[str, float]) -> dict[str, float]:
        n = len(self._doc_story) + 1
        w = {t: (1.0 + math.log(c)) * (math.log((n + 1) / (self._df.get(t, 0) + 1)) + 1.0) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in w.values())) or 1.0
        return {t: v / norm for t, v in w.items()}

    # -- stories ---------------------------------------------------------------------------------
    def story_of(self, story: int) -> int:
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
        weights = self._weights(f.words)
        n_docs = len(self._doc_story)
        common = max(50, int(self.common_fraction * n_docs))
        scores: dict[int, float] = defaultdict(float)
        # The article's most distinctive words find its candidates (and score them): the rest add little.
        top = sorted(weights.items(), key=lambda tw: (-tw[1], tw[0]))[: self.query_terms]
        for t, w in top:
            posting = self._postings.get(t)
            if posting is None or len(posting) > common:
                continue
            for doc, dw in posting:
                scores[doc] += w * dw
        if not scores:
            return Assignment(story=0, new=True)
        docs = np.fromiter(scores.keys(), dtype=np.int64, count=len(scores))
        lex = np.fromiter(scores.values(), dtype=np.float64, count=len(scores))
        total = (1.0 - self.dense_weight) * lex
        if self.dense_weight and f.vector is not None and self._vectors is not None:
            dense = self._vectors[docs] @ f.vector
            total = total + self.dense_weight * np.maximum(dense - self.dense_floor, 0.0) / (1.0 - self.dense_floor)
        order = np.lexsort((docs, -total))  # best first; ties go to the older article
        best_story, best_score, merged = 0, 0.0, []
        for k in order:
            score = float(total[k])
            if score < min(self.threshold, self.merge_threshold):
                break
            story = self.story_of(self._doc_story[int(docs[k])])
            if not self._open(story, when):
                continue
            if not best_story:
                if score < self.threshold:
                    break
                best_story, best_score = story, score
            elif score >= self.merge_threshold and story != best_story and story not in merged:
                merged.append(story)
        if not best_story:
            return Assignment(story=0, new=True)
        # The older story absorbs the others so that ids stay stable.
        keep = min([best_story, *merged])
        others = tuple(sorted(s for s in {best_story, *merged} if s != keep))
        return Assignment(story=keep, new=False, merged=others, score=best_score)

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
            st.size += o.size
            st.members.extend(o.members)
            st.first = _min(st.first, o.first)
            st.last = _max(st.last, o.last)
        weights = self._weights(f.words)
        doc = len(self._doc_story)
        self._doc_story.append(story)
        for t, w in weights.items():
            self._df[t] += 1
            self._postings[t].append((doc, w))
        if f.vector is not None:
            if self._vectors is None:
                self._vectors = np.zeros((1024, f.vector.shape[0]), dtype=np.float32)
            elif doc >= self._vectors.shape[0]:
                self._vectors = np.concatenate([self._vectors, np.zeros_like(self._vectors)])
            self._vectors[doc] = f.vector
        st.size += 1
        st.members.append(doc)
        st.first = _min(st.first, when)
        st.last = _max(st.last, when)

    def add_features(self, f: Features, *, story_id: int | None = None, when: float | None = None) -> Assignment:
        if story_id is not None:
            a = Assignment(story=story_id, new=story_id not in self._stories)
        else:
            a = self.propose(f, when)
            if a.new:
                a = Assignment(story=self._next_id, new=True)
        self.commit(f, a.story, merged=a.merged, when=when)
        return a

    def add(self, article: Article, *, story_id: int | None = None, when: float | None = None) -> Assignment:
        return self.add_features(self.features([article])[0], story_id=story_id, when=when)

    def add_many(
        self, articles: Sequence[Article], *, when: Sequence[float | None] | None = None, batch: int = 256
    ) -> list[Assignment]:
        out: list[Assignment] = []
        for start in range(0, len(articles), batch):
            chunk = articles[start : start + batch]
            for i, f in enumerate(self.features(chunk)):
                out.append(self.add_features(f, when=None if when is None else when[start + i]))
        return out

    @property
    def n_stories(self) -> int:
        return len(self._stories)


def _min(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def _max(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)
