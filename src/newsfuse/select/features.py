"""Per-fact features for the learned selector: what only a multi-source system knows about a sentence.

Every feature is case-blind on purpose: the training split is lower-cased, and
the model must behave the same on cased text from real outlets.
"""

from __future__ import annotations

from itertools import chain

import numpy as np

from ..state import StoryState
from .probe import ContentProbe

FEATURE_NAMES: tuple[str, ...] = (
    "centrality",  # hybrid cosine to the story centroid
    "centrality_norm",  # ... divided by the story's best
    "centrality_rank",  # rank of the fact by centrality, 0 = most central, as a share of facts
    "support",  # reports (articles) stating the fact
    "support_share",  # (support - 1) / (reports - 1)
    "outlets",  # reports (articles) in the story
    "earliest",  # earliest within-article candidate rank of any member
    "position",  # the representative's candidate rank in its article
    "paragraph",  # the representative's paragraph index
    "words",  # alphanumeric words in the representative (punctuation tokens do not count)
    "chars_per_word",  # letters and digits per word
    "digits",  # tokens holding a digit (numbers, dates, amounts)
    "quote",  # the sentence quotes someone
    "attribution",  # "said", "says", "according to", "told"
    "question",  # ends in a question mark
    "member_similarity",  # mean similarity of the fact's members to the representative
    "max_other",  # largest similarity of the representative to another candidate
    "lead_similarity",  # mean over the other articles of the best similarity to their first 3 candidates
    "reach",  # share of the other articles holding a sentence with similarity >= 0.3 to it
    "own_centrality",  # mean similarity to the candidates of its own article
    "content",  # the content probe's read of the representative's embedding (select/probe.py)
)


# Attribution words, matched as whole words on lower-cased text (_attributions).
_ATTRIBUTION_WORDS = ("said", "say", "says", "according to", "told", "tells", "reported", "reports")
_ONE_WORD_ATTRIBUTIONS = frozenset(w for w in _ATTRIBUTION_WORDS if " " not in w)
_ATTRIBUTION_HINTS = _ONE_WORD_ATTRIBUTIONS | {"according"}  # a text with none of these has no attribution
# Code points that \w matches, for a vectorised word count (everything past the table counts as a letter).
_WORD_CHAR = np.array([chr(c).isalnum() or c == 95 for c in range(0x2070)] + [True])


# What each code point is, as bits, so that one lookup per text serves every count below.
_IS_WORD, _IS_SPACE, _IS_QUOTE, _IS_DOUBLED = 1, 2, 4, 8


def _kinds() -> np.ndarray:
    """Per code point (as long as _WORD_CHAR), its _IS_* bits; `` and '' (doubled) are quotes in tokenised text."""
    kind = _WORD_CHAR.astype(np.uint8) * _IS_WORD
    for chars, bit in ((" \t\n\r\f\v\xa0", _IS_SPACE), ('"“”', _IS_QUOTE), ("`'", _IS_DOUBLED)):
        kind[[ord(c) for c in chars]] |= bit
    return kind


_KIND = _kinds()
# Positions past this are "deep in the article": the training split is truncated near here.
MAX_POSITION = 30


def candidate_ranks(story: StoryState) -> dict[int, int]:
    """Each candidate sentence's rank among its article's candidates (0 = the article's first)."""
    rank: dict[int, int] = {}
    per_doc: dict[int, int] = {}
    for i in story.rows:
        d = story.sentences[i].doc
        rank[i] = per_doc.get(d, 0)
        per_doc[d] = rank[i] + 1
    return rank


def fact_matrix(story: StoryState, representatives: list[int], probe: ContentProbe | None = None) -> np.ndarray:
    """Features of every fact (rows, in ``story.facts`` order) as a float32 matrix.

    The ``content`` column needs a ``probe`` (the model's own, see :mod:`.probe`); without one it is 0
    (training fills it with out-of-fold probe scores).

    >>> from newsfuse.pipeline import Pipeline
    >>> from newsfuse.types import Article
    >>> p = Pipeline()
    >>> s = p.analyse([Article("a", "Kim left Beijing on Wednesday. He met Xi."),
    ...                Article("b", "Kim Jong Un left Beijing on Wednesday.")])
    >>> fact_matrix(s, p.realizer.realize(s)).shape == (len(s.facts), len(FEATURE_NAMES))
    True
    """
    return pair_matrix(story, np.arange(len(story.facts)), representatives, representatives, probe)


def pair_matrix(
    story: StoryState,
    facts: np.ndarray,
    sentences: list[int],
    representatives: list[int],
    probe: ContentProbe | None = None,
) -> np.ndarray:
    """Features of (fact, sentence) pairs: row ``j`` as if ``sentences[j]`` represented fact ``facts[j]``.

    The other facts keep ``representatives`` (which the relative columns, ``centrality_norm`` and
    ``centrality_rank``, compare against), so each row equals the :func:`fact_matrix` row of that
    fact with that one representative swapped in.  This scores every member of a fact, to pick its
    wording, in one pass.  :func:`fact_matrix` is the pairs of ``representatives`` themselves.
    """
    facts = np.asarray(facts, dtype=np.int64)
    n, m = len(story.facts), len(facts)
    out = np.zeros((m, len(FEATURE_NAMES)), dtype=np.float32)
    if n == 0 or m == 0:
        return out
    story_sentences = story.sentences
    n_rows = len(story.rows)
    row_of = np.zeros(len(story_sentences), dtype=np.int64)  # sentence -> its row (candidates only)
    row_of[story.rows] = np.arange(n_rows)
    sim = story.similarity
    reps = row_of[sentences]
    cent = story.centrality[reps]
    ref = story.centrality[row_of[representatives]]
    # The best centrality among the other facts' representatives and this row's sentence.
    top = int(np.argmax(ref))
    others_best = np.where(facts == top, np.partition(ref, -2)[-2] if n > 1 else -np.inf, ref[top])
    best = np.maximum(others_best, cent)
    # Rank among the facts, most central first, ties in fact order (a stable sort of -centrality).
    ascending = np.sort(ref)
    up_to = np.searchsorted(ascending, cent, side="right")
    own_ref = ref[facts]  # the centrality of each row's fact's own representative
    above = n - up_to - (own_ref > cent)
    tied = up_to - np.searchsorted(ascending, cent, side="left")
    for j in np.flatnonzero(tied > (own_ref == cent)):  # rare: exact ties with other facts
        above[j] += int(np.count_nonzero(ref[: facts[j]] == cent[j]))
    cent_rank = above / max(1, n - 1)
    others = sim[reps].copy()
    others[np.arange(m), reps] = -1.0
    outlets = story.n_reports
    docs = np.fromiter((story_sentences[i].doc for i in story.rows), dtype=np.int64, count=n_rows)
    # Per (row, article) maxima and means in one reduceat each, over columns grouped by article.
    by_doc = np.argsort(docs, kind="stable")
    sorted_docs = docs[by_doc]
    starts = np.flatnonzero(np.concatenate(([True], sorted_docs[1:] != sorted_docs[:-1])))
    per_doc = np.diff(np.append(starts, n_rows))
    # Each row's rank among its article's candidates (candidate_ranks): its place in its group.
    row_rank = np.empty(n_rows, dtype=np.int64)
    row_rank[by_doc] = np.arange(n_rows) - np.repeat(starts, per_doc)
    to_rep = sim[reps][:, by_doc]
    best_other = np.maximum.reduceat(others[:, by_doc], starts, axis=1)
    own_mean = np.add.reduceat(to_rep, starts, axis=1) / per_doc
    lead_cols = np.flatnonzero(row_rank[by_doc] < 3)  # every article's first candidate is among them
    lead_best = np.maximum.reduceat(to_rep[:, lead_cols], np.searchsorted(lead_cols, starts), axis=1)
    other = docs[reps][:, None] != sorted_docs[starts][None, :]
    lead_sum = np.where(other, lead_best, 0.0).sum(axis=1)
    reach = (other & (best_other >= 0.3)).sum(axis=1)
    own = np.where(other, 0.0, own_mean).sum(axis=1)
    n_other_docs = max(1, len(starts) - 1)
    texts = [story_sentences[i].text for i in sentences]
    words, chars, digits, quote, attribution = _text_features(
        texts, [story.words[i] for i in sentences] if story.words else None
    )
    # Members of all facts as flat arrays (fact after fact): earliest rank in one pass.
    sizes = np.fromiter((len(fact.members) for fact in story.facts), dtype=np.int64, count=n)
    member_rows = row_of[
        np.fromiter(chain.from_iterable(fact.members for fact in story.facts), dtype=np.int64, count=int(sizes.sum()))
    ]
    fact_starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    earliest = np.minimum.reduceat(row_rank[member_rows], fact_starts)[facts]
    # Each row's agreement with the other members of its fact, over the rows' members laid end to end.
    row_sizes = sizes[facts]
    row_starts = np.concatenate(([0], np.cumsum(row_sizes)[:-1]))
    within = np.arange(int(row_sizes.sum())) - np.repeat(row_starts, row_sizes)
    members = member_rows[np.repeat(fact_starts[facts], row_sizes) + within]
    rep_of_member = np.repeat(reps, row_sizes)
    to_members = np.where(members == rep_of_member, 0.0, sim[rep_of_member, members])
    member_sim = np.where(row_sizes > 1, np.add.reduceat(to_members, row_starts) / np.maximum(row_sizes - 1, 1), 1.0)
    support = np.fromiter((len(fact.members) for fact in story.facts), dtype=np.float32, count=n)[facts]
    columns = (
        cent,
        np.where(best > 0, cent / np.where(best > 0, best, 1), 0.0),
        cent_rank,
        support,
        (support - 1) / max(1, outlets - 1),
        np.full(m, outlets),
        np.minimum(earliest, MAX_POSITION),
        np.minimum(row_rank[reps], MAX_POSITION),
        np.minimum([story_sentences[i].paragraph for i in sentences], MAX_POSITION),
        np.maximum(words, 1),
        chars / np.maximum(words, 1),
        digits,
        quote,
        attribution,
        [t.rstrip("\"'”’ ").endswith("?") for t in texts],
        member_sim,
        others.max(axis=1) if n_rows > 1 else np.zeros(m),
        lead_sum / n_other_docs,
        reach / n_other_docs,
        own,
        probe.score(story.vectors[reps] if story.vectors is not None else np.zeros((m, 0)), story.vector_space)
        if probe is not None
        else np.zeros(m),
    )
    for k, column in enumerate(columns):
        out[:, k] = column
    return out


def _text_features(texts: list[str], words: list[list[str]] | None = None) -> tuple[np.ndarray, ...]:
    """Per text: words (runs of word characters), word characters, tokens with a digit, quote, attribution.

    Counted over all texts at once on one code-point array, which is several
    times faster than regex passes per sentence.  ``words``, each text's lower-cased words
    (:func:`newsfuse.clean.sentence_words`) when the pipeline has them, answer the attribution
    column with set lookups instead of a scan of the text (same answers).

    >>> [x.tolist() for x in _text_features(["Kim, 35, said: “go”.", "No digits here"])]
    [[4, 3], [11, 12], [1, 0], [1, 0], [1, 0]]
    >>> _text_features(["Kim, 35, said: “go”.", "No digits here"], [["kim", "35", "said", "go"], ["no"]])[4].tolist()
    [1, 0]
    """
    n = len(texts)
    joined = "\n".join(texts)
    if not joined:
        zero = np.zeros(n, dtype=np.int64)
        return zero, zero, zero, zero, zero
    starts = np.zeros(n, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, texts[:-1]), dtype=np.int64, count=n - 1) + 1, out=starts[1:])
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    kind = _KIND[np.minimum(codes, len(_KIND) - 1)]
    is_word = (kind & _IS_WORD).view(bool)
    begins = is_word & ~np.concatenate(([False], is_word[:-1]))
    words_n = np.add.reduceat(begins.astype(np.int64), starts)
    chars = np.add.reduceat(is_word.astype(np.int64), starts)

    def count(positions: np.ndarray) -> np.ndarray:
        return np.bincount(np.searchsorted(starts, positions, side="right") - 1, minlength=n)

    # Tokens holding a digit: the first digit of each whitespace-separated token.
    token = np.cumsum((kind & _IS_SPACE) != 0)
    digit_at = np.flatnonzero((codes >= 48) & (codes <= 57))
    if digit_at.size:
        digit_at = digit_at[np.concatenate(([True], token[digit_at[1:]] != token[digit_at[:-1]]))]
    following = np.concatenate((codes[1:], [0]))
    quotes = ((kind & _IS_QUOTE) != 0) | (((kind & _IS_DOUBLED) != 0) & (following == codes))
    if words is None:
        attributed = np.minimum(count(_attributions(joined.lower())), 1)
    else:
        attributed = np.fromiter(map(_attributed, texts, words), dtype=np.int64, count=n)
    return words_n, chars, count(digit_at), np.minimum(count(np.flatnonzero(quotes)), 1), attributed


def _attributed(text: str, words: list[str]) -> bool:
    """Does ``text``, whose lower-cased words are ``words``, hold an attribution word?

    A whole-word match is a word of the list; the two-word "according to" needs the text itself.
    """
    if _ATTRIBUTION_HINTS.isdisjoint(words):  # most sentences: one pass over the words
        return False
    return not _ONE_WORD_ATTRIBUTIONS.isdisjoint(words) or ("according" in words and bool(_attributions(text.lower())))


def _attributions(text: str) -> list[int]:
    """Start of every attribution word ("said", "according to", ...) in lower-cased ``text``.

    >>> _attributions("he said so; unsaid, as reported.")
    [3, 23]
    """
    # str.find per word: the words are rare, so a few C-level scans beat a regex tried at every
    # position.  A match must be a whole word: \w (str.isalnum() or "_") on neither side.
    found = []
    end = len(text)
    for word in _ATTRIBUTION_WORDS:
        at = text.find(word)
        while at >= 0:
            after = at + len(word)
            if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")) and (
                after == end or not (text[after].isalnum() or text[after] == "_")
            ):
                found.append(at)
            at = text.find(word, at + 1)
    return sorted(found)
