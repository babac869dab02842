"""Online story clustering: each article joins the best-matching recent story, or starts one.

The match score of an article with an earlier one mixes an IDF-weighted bag of words (title words and
capitalised names count more; the document frequencies are the stream's plus those of a background
collection shipped with the package) with the cosine of WordLlama vectors.  Candidates come from an
inverted index over the article's most distinctive words, and they are scored with array operations over
the index's posting lists (no Python loop per candidate), so an article costs about the same however long
the stream is.

A story's score mixes its best-matching article with its *profile*, the mean score over its latest
``profile_size`` articles (so the story is judged by what it is about now, not only by its closest
article), and, when articles carry times, decays with the time since the story's latest article (halved
every ``half_life`` seconds): a quiet story needs a closer match to continue.  A story keeps the names
its articles carry; an article that names it by a *defining rare name* (carried by half of the story's
articles, and by at most ``anchor_share`` of all articles) sees it decay with the longer
``anchor_half_life``, so that an event followed up weeks later by its own rare names (Ocalan, Lahoud) is
found again while a quiet story that merely shares words is not.  An article joins a story only if one
of its ``core_terms`` strongest words is one that the story's recent articles keep repeating (carried by
half of them), and so must one of its ``event_terms`` strongest words that are not names: two events of
the same days that share a country or an actor (a border crisis with Syria, Lebanon's election of a
president backed by Syria) share names but not what they are about, and two events of one place and
week (Gaza's new airport, Clinton's visit to Gaza) share their names but not what happens.  An
article that matches two stories strongly bridges them: the younger story merges into the older.  A
*fragment* (a story of at most ``fragment_size`` articles gone quiet, which an event's first reports
become when the rest comes weeks later) merges into a later story once ``fragment_evidence`` of that
story's articles have matched it before the time decay and named it by a defining rare name.  Stories
quiet for longer than ``window`` seconds close, and the clusterer forgets them
(:meth:`OnlineClusterer.retire`), so memory follows the stories still open, not the length of the stream.
Without times nothing decays or closes.

>>> from newsfuse.types import Article
>>> c = OnlineClusterer(embedder=None)
>>> arts = [Article("1", "Kim Jong Un arrived in Beijing by armoured train for talks with Xi Jinping."),
...         Article("2", "Floods swept through Houston after Hurricane Harvey made landfall in Texas."),
...         Article("3", "Xi Jinping welcomed Kim Jong Un in Beijing; the armoured train left on Wednesday.")]
>>> [a.story for a in c.add_many(arts)]
[1, 2, 1]
"""

from __future__ import annotations

import gzip
import re
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np

from ..embed.base import Embedder
from ..text.lexicon import STORY_STOPWORDS
from ..types import Article
from .base import Assignment
from .scorer import StoryScorer

DAY = 86400.0
DENSE_K = 100
_WORD = re.compile(r"\w+")
# A word whose second character before it is not a sentence end or a quote (see :func:`article_words`).
_NAME = re.compile(r"(?<=[^.!?\n\"'].)(?<!\w)\w+", re.DOTALL)
_STOP = STORY_STOPWORDS


@dataclass
class Features:
    """What the clusterer keeps of one article: word counts and (optionally) a unit vector.

    Features do not depend on the clusterer's state, so they can be computed anywhere (in batches, on
    other workers) and assigned later in input order.
    """

    words: dict[str, float]
    vector: np.ndarray | None = None
    key: str = ""
    names: tuple[str, ...] = ()  # the capitalised names among ``words`` (see :func:`article_names`)


@dataclass(frozen=True)
class WordPrior:
    """Document frequencies of words in a background collection of ``n`` articles (added to the stream's)."""

    n: int
    df: dict[str, int]


def default_prior() -> WordPrior:
    """The shipped background frequencies: words of 34,012 Multi-News *training* articles (see
    ``benchmarks/word_prior.py``); the table is read once per process."""
    return _load_prior(str(Path(__file__).with_name("models") / "word_df.tsv.gz"))


@lru_cache(maxsize=4)
def _load_prior(path: str) -> WordPrior:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        df = {w: int(c) for w, c in (line.rstrip("\n").split("\t") for line in f)}
    return WordPrior(int(head[1]), df)


@dataclass
class _Story:
    first: float | None = None
    last: float | None = None
    size: int = 0
    members: list[int] = field(default_factory=list)
    names: Counter[str] = field(default_factory=Counter)  # per name, the members that carry it


@dataclass(frozen=True)
class _Weighted:
    """An article's words weighted against the index as it stands (``n_docs`` articles in it)."""

    n_docs: int
    terms: list[str]
    weights: np.ndarray  # unit length, in the order of ``terms``
    ids: np.ndarray  # each term's id in the index (-1: not in it)
    pdf: np.ndarray  # each term's document frequency in the background prior
    order: np.ndarray  # term positions, strongest first (a stable sort: ties in text order)


def article_words(article: Article, head_words: int = 250) -> dict[str, int]:
    """Word counts of the title (x3) and the first ``head_words`` words; capitalised names count double.

    >>> article_words(Article("1", "Rescuers reached Houston. The rescuers left.", title="Houston floods"))
    {'houston': 5, 'floods': 3, 'rescuers': 2, 'reached': 1, 'left': 1}
    """
    return _words_and_names(article, head_words)[0]


def article_names(article: Article, head_words: int = 250) -> tuple[str, ...]:
    """The capitalised names (lower case, each once) of the title and the first ``head_words`` words.

    A word is a name where it is capitalised after a word that does not end a sentence.

    >>> article_names(Article("1", "Rescuers reached Houston. Ocalan left for Rome with Ocalan's aides."))
    ('houston', 'rome', 'ocalan')
    """
    return _words_and_names(article, head_words)[1]


def _words_and_names(article: Article, head_words: int) -> tuple[dict[str, int], tuple[str, ...]]:
    counts: Counter[str] = Counter()
    found: dict[str, None] = {}
    for text, boost in ((article.title or "", 3), (article.text, 1)):
        head = _head(text, head_words)
        # A capital after a lower-case word (not a sentence start) marks a name: worth more.
        names = [w.lower() for w in _NAME.findall(head) if w[0].isupper()]
        for words, is_name in (([w.lower() for w in _WORD.findall(head)], False), (names, True)):
            kept = [w for w in words if len(w) >= 3 and w not in _STOP and not (len(w) < 4 and w.isdigit())]
            if is_name:
                found.update(dict.fromkeys(kept))
            if boost == 1:
                counts.update(kept)
            else:
                counts.update(dict.fromkeys(kept, 0))
                for w in kept:
                    counts[w] += boost
    return dict(counts), tuple(found)


def _head(text: str, n: int) -> str:
    """``text`` up to the end of its ``n``-th word."""
    m = _heads(n).match(text)
    return text[: m.end()] if m else text


@lru_cache(maxsize=8)
def _heads(n: int) -> re.Pattern[str]:
    return re.compile(r"(?:\W*+\w++){" + str(n) + "}") if n > 0 else re.compile(r"")


class OnlineClusterer:
    """Incremental, deterministic story clustering (see the module docstring).

    ``threshold``: the score needed to join a story; ``merge_threshold``: the score with a second story's
    article that makes the new article a bridge between the two; ``dense_weight``: share of the WordLlama
    cosine in the score (``embedder=None`` uses words only); ``dense_floor``: the cosine below which the
    vectors add nothing; ``window``: seconds after which a quiet story closes and is forgotten;
    ``common_fraction``: words in more than this share of the articles (and more than 50) find no
    candidates; ``head_words``: words read from each article; ``query_terms``: the article's most
    distinctive words that look up candidates; ``profile_weight``: share of the story's profile (mean
    score over its latest ``profile_size`` articles) in a story's score, the rest being its best article;
    ``half_life``: seconds of quiet after which a story's score counts half (0: no decay); ``prior``:
    background document frequencies (``"default"``: the shipped table, see :func:`default_prior`; None:
    the stream's alone); ``retire_every``: timed articles between two checks for stories to forget;
    ``embed_words``: words of each article's head that the embedder reads; ``max_candidates``: earlier
    articles scored in full (those with the highest word scores), which bounds the cost of an article;
    ``index_terms``: an article's strongest words that the index lists it under (all count in the
    document frequencies); ``scorer``: a learned :class:`~newsfuse.cluster.scorer.StoryScorer` that
    replaces the hand-set story score and its thresholds (None: the rule above); ``anchor_share``: the
    largest share of articles (the stream's and the prior's) that a defining name may be in to anchor a
    story (0: no anchors); ``anchor_half_life``: seconds after which an anchored story's score counts
    half; ``core_terms``: an article's strongest words of which one must be carried by half of the story's
    latest ``core_recent`` articles for it to join the story (0: no such check); ``event_terms``: the same
    for its strongest words that are not capitalised names (0: no such check); ``fragment_size``: the
    most articles of a quiet story that a later story absorbs once ``fragment_evidence`` of its articles
    have matched it (see :meth:`fragment_hits`; 0: never).
    """

    def __init__(
        self,
        embedder: Embedder | str | None = "default",
        *,
        threshold: float = 0.125,
        merge_threshold: float = 0.4,
        dense_weight: float = 0.15,
        dense_floor: float = 0.6,
        window: float = 60 * DAY,
        common_fraction: float = 0.05,
        head_words: int = 1000,
        query_terms: int = 80,
        profile_weight: float = 0.5,
        profile_size: int = 5,
        half_life: float = 14 * DAY,
        prior: WordPrior | str | None = "default",
        retire_every: int = 1024,
        embed_words: int = 250,
        max_candidates: int = 400,
        index_terms: int = 120,
        scorer: StoryScorer | None = None,
        anchor_share: float = 0.002,
        anchor_half_life: float = 30 * DAY,
        core_terms: int = 10,
        core_recent: int = 20,
        event_terms: int = 7,
        fragment_size: int = 3,
        fragment_evidence: int = 2,
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
        self.profile_weight = profile_weight
        self.profile_size = profile_size
        self.half_life = half_life
        self.prior = default_prior() if prior == "default" else prior
        if isinstance(self.prior, str):
            raise ValueError("prior must be 'default', a WordPrior or None")
        self._since_retire = 0
        self.retire_every = retire_every
        self.embed_words = embed_words
        self.max_candidates = max_candidates
        self.index_terms = index_terms
        self.scorer = scorer
        self.anchor_share = anchor_share
        self.anchor_half_life = anchor_half_life
        self.core_terms = int(core_terms)
        self.core_recent = int(core_recent)
        self.event_terms = int(event_terms)
        self.fragment_size = int(fragment_size)
        self.fragment_evidence = int(fragment_evidence)
        # Per (story, quiet fragment): how many of the story's articles matched the fragment (see
        # :meth:`fragment_hits`); and the fragments the article being placed matched, for commit.
        self._evidence: Counter[tuple[int, int]] = Counter()
        self._hits: tuple[Features, int, list[int]] | None = None
        self._recent = np.zeros(1024, dtype=np.float64)  # 1.0 for an article among its story's latest
        # Per story id: its size and its latest time (NaN: none), for array-wide scoring of candidates.
        self._story_size = np.zeros(1024, dtype=np.int64)
        self._story_last = np.full(1024, np.nan)
        self._story_first = np.full(1024, np.nan)
        # The inverted index: word -> its id; per id the document frequency and the posting list
        # (article numbers and the word's weight in each), kept as compact growable arrays.
        self._term_id: dict[str, int] = {}
        self._df = np.zeros(1024, dtype=np.int64)
        self._pdf = np.zeros(1024, dtype=np.float64)  # per term id its frequency in the prior
        # Per term id its postings, article number and weight interleaved: [doc, w, doc, w, ...].
        self._postings: list[array] = []
        self._doc_terms: list[np.ndarray] = []  # per article the ids of all its terms (for retirement)
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
        counts = [_words_and_names(a, self.head_words) for a in articles]
        vectors: np.ndarray | None = None
        if self.embedder is not None and articles:
            n = self.embed_words  # the first n words, without splitting the rest of a long article
            heads = [f"{a.title or ''}\n{' '.join(a.text.split(maxsplit=n)[:n])}" for a in articles]
            vectors = self.embedder.embed(heads)
        return [
            Features(words=c, vector=None if vectors is None else vectors[i], key=a.id, names=names)
            for i, (a, (c, names)) in enumerate(zip(articles, counts, strict=True))
        ]

    def _weigh(self, f: Features) -> _Weighted:
        """TF-IDF weights of ``f``'s words with the document frequencies of the stream so far (memoised)."""
        if self._cache is not None and self._cache[0] is f and self._cache[1].n_docs == self._n_docs:
            return self._cache[1]
        terms = list(f.words)
        tf = np.fromiter(f.words.values(), dtype=np.float64, count=len(terms))
        ids = np.fromiter(map(self._term_id.get, terms, repeat(-1)), dtype=np.int64, count=len(terms))
        known = ids >= 0
        # The background frequencies of the terms the index knows are kept per term id; only the new
        # terms are looked up in the prior's table.
        pdf = np.zeros(len(terms))
        pdf[known] = self._pdf[ids[known]]
        n_docs = self._n_docs
        if self.prior is not None:
            new = np.flatnonzero(~known).tolist()
            if new:
                get = self.prior.df.get
                pdf[new] = [get(terms[i], 0) for i in new]
            n_docs += self.prior.n
        df = np.where(known, self._df[ids], 0) + pdf
        w = (1.0 + np.log(np.maximum(tf, 1.0))) * (np.log((n_docs + 2) / (df + 1.0)) + 1.0)
        norm = float(np.sqrt(w @ w)) or 1.0
        w /= norm
        weighted = _Weighted(self._n_docs, terms, w, ids, pdf, np.argsort(-w, kind="stable"))
        self._cache = (f, weighted)
        return weighted

    def _candidates(self, weighted: _Weighted) -> tuple[np.ndarray, np.ndarray]:
        """Earlier articles sharing a distinctive word with the new one, and their word scores (dot products)."""
        common = max(50, int(self.common_fraction * self._n_docs))
        # Most distinctive first; a stable sort keeps ties in text order, so the choice is deterministic.
        order = weighted.order[: self.query_terms]
        ids = weighted.ids[order]
        use = ids >= 0
        use[use] = self._df[ids[use]] <= common
        tids = ids[use].tolist()
        if not tids:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        lists = [self._postings[t] for t in tids]
        pairs = np.frombuffer(b"".join(lists), dtype=np.float64).reshape(-1, 2)  # one copy of all the lists
        vals = pairs[:, 1] * np.repeat(weighted.weights[order[use]], [len(x) // 2 for x in lists])
        scores = np.bincount(pairs[:, 0].astype(np.int64), weights=vals, minlength=self._n_docs)
        found = np.flatnonzero(scores)
        return found, scores[found]

    # -- stories ---------------------------------------------------------------------------------
    def story_of(self, story: int) -> int:
        """The story a (possibly merged-away) story id belongs to now."""
        root = story
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        while self._parent.get(story, story) != root:  # path compression
            self._parent[story], story = root, self._parent[story]
        return root

    # -- the decision ----------------------------------------------------------------------------
    def candidate_stories(self, f: Features, when: float | None = None, *, full: bool = False) -> dict[str, np.ndarray]:
        """The open stories that share distinctive words with ``f``, and how well ``f`` matches each.

        Arrays of one entry per story: ``story`` (ids, ascending), ``best`` (score of its best-matching
        article), ``profile`` (mean score over its latest ``profile_size`` articles; 0 for those not
        found), ``gap`` (seconds since its latest article; NaN without times) and ``anchor`` (1.0 where ``f``
        names the story by one of its defining rare names, see :meth:`_anchors`).  With a ``scorer`` (or
        ``full``) also ``age`` (seconds since its first article; NaN without times), ``lex`` (best word
        score), ``dense`` (best WordLlama cosine; 0 without vectors), ``total`` (sum of the scores over its
        articles found) and ``size`` (its articles), the features of :mod:`newsfuse.cluster.scorer`.
        """
        docs, lex = self._candidates(self._weigh(f))
        if len(docs) > self.max_candidates:  # the best word matches only; the rest add next to nothing
            top = np.sort(np.argpartition(-lex, self.max_candidates - 1)[: self.max_candidates])
            docs, lex = docs[top], lex[top]
        total = (1.0 - self.dense_weight) * lex
        dense = np.zeros(len(docs))
        if len(docs) and self.dense_weight and f.vector is not None and self._vectors is not None:
            # The vectors of the best word matches only: the cosine adds to a score only above dense_floor.
            near = np.argpartition(-lex, DENSE_K - 1)[:DENSE_K] if len(docs) > DENSE_K else slice(None)
            dense[near] = self._vectors[docs[near]] @ f.vector
            total = total + self.dense_weight * np.maximum(dense - self.dense_floor, 0.0) / (1.0 - self.dense_floor)
        stories = self._doc_story[docs]
        by_story = np.argsort(stories, kind="stable")
        stories, total, docs = stories[by_story], total[by_story], docs[by_story]
        if not len(docs):
            keys = ("best", "profile", "gap", "anchor", "age", "lex", "dense", "total", "size")
            return {"story": np.zeros(0, dtype=np.int64), **{k: np.zeros(0) for k in keys}}
        starts = np.flatnonzero(np.concatenate(([True], stories[1:] != stories[:-1])))
        story_ids = stories[starts]
        size = self._story_size[story_ids]
        recent = np.add.reduceat(total * self._recent[docs], starts)
        c = {
            "story": story_ids,
            "best": np.maximum.reduceat(total, starts),
            "profile": recent / np.maximum(np.minimum(size, self.profile_size), 1),
            "gap": when - self._story_last[story_ids] if when is not None else np.full(len(story_ids), np.nan),
        }
        if self.scorer is not None or full:  # what only a learned scorer reads
            c["age"] = when - self._story_first[story_ids] if when is not None else np.full(len(story_ids), np.nan)
            c["lex"] = np.maximum.reduceat(lex[by_story], starts)
            c["dense"] = np.maximum.reduceat(dense[by_story], starts)
            c["total"] = np.add.reduceat(total, starts)
            c["size"] = size.astype(np.float64)
        open_ = ~(c["gap"] > self.window)
        c = {k: v[open_] for k, v in c.items()}
        c["anchor"] = self._anchors(f, c)
        return c

    def _anchors(self, f: Features, c: dict[str, np.ndarray]) -> np.ndarray:
        """1.0 for a candidate story that ``f`` names by one of its defining rare names, else 0.0.

        A story's defining names are those carried by at least half of its articles; a name is rare when
        it is in at most ``anchor_share`` of the articles (the stream's and the background's).  Only the
        stories that the time decay would keep ``f`` from joining are checked (the others do not need it).
        """
        anchor = np.zeros(len(c["story"]))
        if not self.anchor_share or not f.names or self.half_life <= 0 or not len(anchor):
            return anchor
        raw = (1.0 - self.profile_weight) * c["best"] + self.profile_weight * c["profile"]
        check = np.flatnonzero((raw >= self.threshold) & (c["gap"] > 0))
        if not len(check):
            return anchor
        weighted = self._weigh(f)
        df = np.where(weighted.ids >= 0, self._df[np.maximum(weighted.ids, 0)], 0) + weighted.pdf
        n_docs = self._n_docs + (self.prior.n if self.prior is not None else 0)
        rare_terms = {weighted.terms[i] for i in np.flatnonzero(df <= self.anchor_share * n_docs).tolist()}
        rare = [n for n in f.names if n in rare_terms]
        for k in check.tolist():
            st = self._stories[int(c["story"][k])]
            if any(2 * st.names[n] >= st.size for n in rare):
                anchor[k] = 1.0
        return anchor

    def story_scores(self, c: dict[str, np.ndarray]) -> np.ndarray:
        """One score per candidate story (see :meth:`candidate_stories`).

        Best article and profile mixed and time-decayed; with a learned :class:`StoryScorer`, its
        probability that the article belongs to the story instead.
        """
        if self.scorer is not None:
            return self.scorer.probability(c)
        score = (1.0 - self.profile_weight) * c["best"] + self.profile_weight * c["profile"]
        if self.half_life > 0:
            # A story that the article names by a defining rare name decays with the longer half-life.
            half_life = np.where(c.get("anchor", 0.0) > 0, self.anchor_half_life, self.half_life)
            score = score * 0.5 ** (np.fmax(c["gap"], 0.0) / half_life)  # fmax: no time, no decay
        return score

    def propose(self, f: Features, when: float | None = None) -> Assignment:
        """Where ``f`` would go now: an existing story, or ``new`` (story 0).

        Nothing changes but a memo of the fragments ``f`` matched (:meth:`fragment_hits`), which
        :meth:`commit` counts when it records ``f``.
        """
        c = self.candidate_stories(f, when)
        story_ids, score = c["story"], self.story_scores(c)
        hits = self.fragment_hits(f, c)
        self._hits = (f, self._n_docs, hits)
        threshold, merge_threshold = self._thresholds(when)
        keep = score >= min(threshold, merge_threshold)
        story_ids, score = story_ids[keep], score[keep]
        if not len(story_ids):
            return Assignment(story=0, new=True)
        order = np.lexsort((story_ids, -score))  # best first; ties go to the older story
        top = order[0]
        if score[top] < threshold:
            return Assignment(story=0, new=True)
        best_story, best_score = int(story_ids[top]), float(score[top])
        merged = [int(story_ids[k]) for k in order[1:] if score[k] >= merge_threshold]
        if not merged and not self.continues(f, best_story):
            return Assignment(story=0, new=True)
        # A fragment that fragment_evidence of the story's articles (this one included) matched joins it.
        joined = {best_story, *merged}
        merged += [s for s in hits if s not in joined and self._evidence[best_story, s] + 1 >= self.fragment_evidence]
        # The older story absorbs the others so that ids stay stable.
        keep_id = min([best_story, *merged])
        others = tuple(sorted(s for s in {best_story, *merged} if s != keep_id))
        return Assignment(story=keep_id, new=False, merged=others, score=best_score)

    def continues(self, f: Features, story: int) -> bool:
        """Whether ``f`` speaks of what ``story`` is about, by the words that the story's latest
        ``core_recent`` articles keep repeating (carried by at least half of them): one of ``f``'s
        ``core_terms`` strongest words must be such a word, and so must one of its ``event_terms``
        strongest words that are not capitalised names (each check off at 0).

        Two events that share a country or an actor share some names; an article that shares only those
        with a story, and none of the words that the story's articles keep repeating, starts its own.
        Two events of the same place and days share their names and places too (the opening of Gaza's
        airport and Clinton's visit to Gaza): what tells them apart is what happens, the words that are
        not names (airport, plane, passengers; charter, clauses, revoke).
        """
        st = self._stories.get(self.story_of(story))
        if not (self.core_terms or self.event_terms) or st is None or not st.members:
            return True
        weighted = self._weigh(f)
        recent = st.members[-self.core_recent :]
        terms = np.concatenate([self._doc_terms[d] for d in recent])
        tops = [t for t in (self._core_ids(weighted), self._event_ids(weighted, f.names)) if t is not None]
        # One comparison for both checks; an article lists each of its terms once.
        carried = (terms[:, None] == np.concatenate(tops)[None, :]).sum(axis=0)
        repeated = np.split(2 * carried >= len(recent), np.cumsum([len(t) for t in tops[:-1]]))
        return all(r.any() for r in repeated)

    def _core_ids(self, weighted: _Weighted) -> np.ndarray | None:
        """The index ids of the ``core_terms`` strongest words (those the index knows; None: no check)."""
        if not self.core_terms:
            return None
        top = weighted.ids[weighted.order[: self.core_terms]]
        return top[top >= 0]

    def _event_ids(self, weighted: _Weighted, names: Sequence[str]) -> np.ndarray | None:
        """The index ids of the ``event_terms`` strongest words known to the index that are not among
        ``names`` (None: no check)."""
        if not self.event_terms:
            return None
        skip = set(names)
        found: list[int] = []
        for i in weighted.order.tolist():
            if weighted.ids[i] >= 0 and weighted.terms[i] not in skip:
                found.append(int(weighted.ids[i]))
                if len(found) == self.event_terms:
                    break
        return np.array(found, dtype=np.int64)

    def fragment_hits(self, f: Features, c: dict[str, np.ndarray]) -> list[int]:
        """The quiet *fragments* among the candidate stories ``c`` that ``f`` matches as a story it could join.

        A fragment is a story of at most ``fragment_size`` articles, quiet since before ``f`` (so only with
        times), whose score before the time decay reaches the join threshold, that ``f`` names by one of
        its defining rare names (see :meth:`_anchors`) and that ``f`` continues (see :meth:`continues`).
        When ``fragment_evidence`` articles of one story have matched the same fragment, the fragment is
        merged into that story: an event's first reports, weeks before the rest, that the time decay kept
        apart (Chechnya's hostages, Turkey's fallen government).  Nothing with a learned scorer.
        """
        if not self.fragment_size or self.scorer is not None or not len(c["story"]):
            return []
        raw = (1.0 - self.profile_weight) * c["best"] + self.profile_weight * c["profile"]
        small = self._story_size[c["story"]] <= self.fragment_size
        check = np.flatnonzero((raw >= self.threshold) & (c["gap"] > 0) & small & (c["anchor"] > 0))
        return [s for s in c["story"][check].tolist() if self.continues(f, s)]

    def _thresholds(self, when: float | None) -> tuple[float, float]:
        """The score to join a story and the score with a second story that bridges the two."""
        if self.scorer is None:
            return self.threshold, self.merge_threshold
        return self.scorer.thresholds(dated=when is not None)

    def commit(self, f: Features, story: int, *, merged: Sequence[int] = (), when: float | None = None) -> None:
        """Record ``f`` as a member of ``story`` (merging ``merged`` into it)."""
        story = self.story_of(story)
        st = self._stories.setdefault(story, _Story())
        self._next_id = max(self._next_id, story + 1)
        hits = self._hits[2] if self._hits is not None and self._hits[0] is f and self._hits[1] == self._n_docs else []
        self._hits = None
        for other in merged:
            other = self.story_of(other)
            if other == story:
                continue
            self._parent[other] = story
            self._rekey_evidence(other, story)
            o = self._stories.pop(other, _Story())
            self._doc_story[o.members] = story
            st.size += o.size
            st.members = sorted(st.members + o.members)
            st.first = _min(st.first, o.first)
            st.last = _max(st.last, o.last)
            st.names.update(o.names)
            self._recent[o.members] = 0.0
            self._recent[st.members[-self.profile_size :]] = 1.0
            self._recent[st.members[: -self.profile_size]] = 0.0
            self._story_size[other] = 0
        weighted = self._weigh(f)
        doc = self._n_docs
        ids = weighted.ids.copy()  # terms new to the index get their ids here (the terms are distinct)
        for i in np.flatnonzero(ids < 0).tolist():
            ids[i] = self._term_id[weighted.terms[i]] = len(self._postings)
            self._postings.append(array("d"))
        # Every word counts in the document frequencies; the article's postings hold its strongest words.
        posted = np.arange(len(ids))
        if len(ids) > self.index_terms:
            posted = np.sort(weighted.order[: self.index_terms])
        for tid, w in zip(ids[posted].tolist(), weighted.weights[posted].tolist(), strict=True):
            self._postings[tid].extend((doc, w))
        while len(self._postings) > len(self._df):
            self._df = _grow(self._df, 0)
            self._pdf = _grow(self._pdf, 0.0)
        self._df[ids] += 1
        self._pdf[ids] = weighted.pdf
        self._doc_terms.append(ids.astype(np.int32))
        if doc >= len(self._doc_story):
            self._doc_story = _grow(self._doc_story, 0)
            self._recent = _grow(self._recent, 0.0)
        self._doc_story[doc] = story
        if f.vector is not None:
            if self._vectors is None:
                self._vectors = np.zeros((len(self._doc_story), f.vector.shape[0]), dtype=np.float32)
            elif doc >= self._vectors.shape[0]:
                self._vectors = np.concatenate([self._vectors, np.zeros_like(self._vectors)])
            self._vectors[doc] = f.vector
        self._n_docs += 1
        self._cache = None
        st.size += 1
        st.names.update(f.names)
        st.members.append(doc)
        self._recent[doc] = 1.0
        if len(st.members) > self.profile_size:
            self._recent[st.members[-self.profile_size - 1]] = 0.0
        st.first = _min(st.first, when)
        st.last = _max(st.last, when)
        while story >= len(self._story_size):
            self._story_size = _grow(self._story_size, 0)
            self._story_last = _grow(self._story_last, np.nan)
            self._story_first = _grow(self._story_first, np.nan)
        self._story_size[story] = st.size
        self._story_last[story] = np.nan if st.last is None else st.last
        self._story_first[story] = np.nan if st.first is None else st.first
        for frag in hits:
            frag = self.story_of(frag)
            if frag != story:
                self._evidence[story, frag] += 1
        self._since_retire += 1
        if when is not None and self._since_retire >= self.retire_every:
            self.retire(when)

    def _rekey_evidence(self, old: int, new: int) -> None:
        """Count the fragment evidence of story ``old``, merged into ``new``, as ``new``'s."""
        for (story, frag), n in [kv for kv in self._evidence.items() if old in kv[0]]:
            del self._evidence[story, frag]
            story, frag = (new if story == old else story), (new if frag == old else frag)
            if story != frag:
                self._evidence[story, frag] += n

    def retire(self, now: float) -> int:
        """Forget the stories quiet for longer than ``window`` before ``now``; the number of articles dropped.

        Their articles leave the index (posting lists, vectors) and the document frequencies, which then
        count the open stories' articles only; articles are renumbered, story ids stay.  Called every
        ``retire_every`` timed articles by :meth:`commit`, and only compacts once the closed stories hold
        a quarter of the articles, so that the cost per article stays small.
        """
        self._since_retire = 0
        gone = [s for s, st in self._stories.items() if st.last is not None and now - st.last > self.window]
        n = self._n_docs
        dead = np.zeros(n, dtype=bool)
        for story in gone:
            dead[self._stories[story].members] = True
        n_dead = int(dead.sum())
        if not n_dead or n_dead * 4 < n:
            return 0
        for story in gone:
            del self._stories[story]
            self._story_size[story] = 0
        closed = set(gone)
        self._evidence = Counter({k: n for k, n in self._evidence.items() if not closed.intersection(k)})
        alive = ~dead
        renumber = (np.cumsum(alive) - 1).astype(np.int32)
        n_terms = len(self._postings)
        df = self._df[:n_terms].copy()
        df -= np.bincount(np.concatenate([self._doc_terms[d] for d in np.flatnonzero(dead)]), minlength=n_terms)
        term_kept = df > 0
        term_renumber = np.cumsum(term_kept) - 1
        term_id = {term: int(term_renumber[tid]) for term, tid in self._term_id.items() if term_kept[tid]}
        postings: list[array] = []
        for tid in np.flatnonzero(term_kept).tolist():
            pairs = np.frombuffer(self._postings[tid], dtype=np.float64).reshape(-1, 2)
            pairs = pairs[alive[pairs[:, 0].astype(np.int64)]].copy()
            pairs[:, 0] = renumber[pairs[:, 0].astype(np.int64)]
            postings.append(array("d", pairs.tobytes()))
        self._term_id, self._df, self._postings = term_id, _fit(df[term_kept]), postings
        self._pdf = _fit(self._pdf[:n_terms][term_kept])
        self._doc_terms = [term_renumber[t].astype(np.int32) for t, a in zip(self._doc_terms, alive, strict=True) if a]
        kept = n - n_dead
        self._doc_story = _fit(self._doc_story[:n][alive])
        self._recent = _fit(self._recent[:n][alive])
        if self._vectors is not None:
            vectors = self._vectors[:n][alive]
            self._vectors = np.zeros((len(self._doc_story), vectors.shape[1]), dtype=np.float32)
            self._vectors[:kept] = vectors
        for st in self._stories.values():
            st.members = renumber[st.members].tolist()
        self._n_docs = kept
        self._cache = None
        return n_dead

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
    def indexed_articles(self) -> int:
        """Articles the index holds now (those of stories not yet forgotten)."""
        return self._n_docs

    @property
    def n_stories(self) -> int:
        """Stories open or closed, not counting those merged away."""
        return len(self._stories)


def _fit(a: np.ndarray) -> np.ndarray:
    """``a`` in an array of at least 1024 entries and twice its length (zeros after it)."""
    out = np.zeros(max(1024, 2 * len(a)), dtype=a.dtype)
    out[: len(a)] = a
    return out


def _grow(a: np.ndarray, fill: float) -> np.ndarray:
    """``a`` twice as long, the new half filled with ``fill``."""
    return np.concatenate([a, np.full(len(a), fill, dtype=a.dtype)])


def _min(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def _max(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)
