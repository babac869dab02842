"""Default embedder: WordLlama, whose weights ship inside its wheel (no download, no torch)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import chain, repeat
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from .base import csr_dense_product, l2_normalize


def import_wordllama() -> Any:
    """The ``wordllama`` module, imported without the root-logger set-up its ``__init__`` does.

    wordllama calls ``logging.basicConfig(level=INFO)`` on import, which makes every
    library's INFO messages (rouge-score's "Using default tokenizer.", ...) print on
    stderr: the handler it adds is removed and the root level restored.  Raises
    ImportError when wordllama is not installed.
    """
    import logging
    import sys

    if "wordllama" in sys.modules:
        return sys.modules["wordllama"]
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import wordllama

    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return wordllama


@lru_cache(maxsize=4)
def _load(dim: int) -> tuple[Any, Any, np.ndarray]:
    """The WordLlama model, an unpadded copy of its tokenizer, and its token-embedding table."""
    from tokenizers import Tokenizer

    wordllama = import_wordllama()
    model = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=dim)
    tokenizer = Tokenizer.from_str(model.tokenizer.to_str())
    tokenizer.no_padding()
    return model, tokenizer, np.ascontiguousarray(model.embedding, dtype=np.float32)


@lru_cache(maxsize=4)
def _bare_tokenizer(dim: int) -> Any:
    """The tokenizer without its normalizer, for text normalized by hand (:func:`_normalized`).

    The normalizer (prepend the space marker, spaces to markers) tracks every character's
    alignment; doing its two steps on the string first makes tokenizing a third faster.
    """
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_str(_load(dim)[1].to_str())
    tokenizer.normalizer = None
    return tokenizer


def _normalized(text: str) -> str:
    """What the tokenizer's normalizer makes of non-empty ``text``: "Kim left" -> "▁Kim▁left"."""
    return "▁" + text.replace(" ", "▁")


@lru_cache(maxsize=4)
def _word_starts(dim: int) -> np.ndarray:
    """For each token id: does the token start with the space marker (i.e. begin a word)?"""
    tokenizer = _load(dim)[1]
    starts = np.zeros(tokenizer.get_vocab_size(), dtype=bool)
    for token, i in tokenizer.get_vocab().items():
        starts[i] = token.startswith("▁")
    return starts


@lru_cache(maxsize=4)
def _vocab_words(dim: int) -> dict[str, tuple[int, ...]]:
    """Words that are one whole token of the vocabulary ("▁Beijing" -> "Beijing"), with that token's id.

    The tokenizer encodes each such word to exactly that token (checked over the
    whole vocabulary in the tests), so they seed the word memo and a fresh
    process tokenizes only the words outside the vocabulary.
    """
    vocab = _load(dim)[1].get_vocab()
    return {t[1:]: (i,) for t, i in vocab.items() if t[:1] == "▁" and len(t) > 1 and "▁" not in t[1:]}


@lru_cache(maxsize=4)
def _seed_memo(dim: int) -> _WordIds:
    """A word memo holding the vocabulary's words (copied by every embedder: copying is cheaper than filling)."""
    return _WordIds(_vocab_words(dim))


def _splits_simply(text: str) -> bool:
    """Does ``text`` tokenize as its space-separated words one by one?

    Not with runs of spaces or spaces at either end, nor with the space marker itself, nor with a
    "<" that may open a special token ("<s>" is cut out of the text before the rest is tokenized).
    """
    return "  " not in text and text[:1] != " " and text[-1:] != " " and "▁" not in text and "<" not in text


class _WordIds:
    """The word -> token ids memo, as flat arrays: a batch's ids are one gather, not a walk over tuples.

    Slot ``k`` (from 1: a missing word reads as slot 0) holds its word's ids at
    ``flat[start[k] : start[k] + length[k]]``.  A fresh memo holds the vocabulary's words.
    """

    def __init__(self, seed: dict[str, tuple[int, ...]]) -> None:
        self.slot: dict[str, int] = {}
        self.start = np.zeros(2 * len(seed) + 2, dtype=np.int64)
        self.length = np.zeros_like(self.start)
        self.flat = np.zeros(2 * sum(map(len, seed.values())) + 2, dtype=np.int64)
        self.used = 1  # slots taken, slot 0 included
        self.filled = 0  # entries of flat taken
        lengths = np.fromiter(map(len, seed.values()), dtype=np.int64, count=len(seed))
        self.add(list(seed), np.fromiter(chain.from_iterable(seed.values()), dtype=np.int64), lengths)

    def __len__(self) -> int:
        return self.used - 1

    def copy(self) -> _WordIds:
        out = _WordIds({})
        out.slot, out.used, out.filled = self.slot.copy(), self.used, self.filled
        out.start, out.length, out.flat = self.start.copy(), self.length.copy(), self.flat.copy()
        return out

    def add(self, words: list[str], ids: np.ndarray, lengths: np.ndarray) -> range:
        """Store new ``words``, whose ids are ``ids`` end to end (``lengths`` each); returns their slots."""
        n, total = len(words), len(ids)
        if self.used + n > len(self.start):
            self.start = np.resize(self.start, 2 * (self.used + n))
            self.length = np.resize(self.length, len(self.start))
        if self.filled + total > len(self.flat):
            self.flat = np.resize(self.flat, 2 * (self.filled + total))
        self.length[self.used : self.used + n] = lengths
        self.start[self.used : self.used + n] = self.filled + np.cumsum(lengths) - lengths
        self.flat[self.filled : self.filled + total] = ids
        slots = range(self.used, self.used + n)
        self.slot.update(zip(words, slots, strict=True))
        self.used += n
        self.filled += total
        return slots

    def slots(self, words: Sequence[str]) -> np.ndarray:
        """Each word's slot, 0 where the memo lacks it."""
        return np.fromiter(map(self.slot.get, words, repeat(0)), dtype=np.int64, count=len(words))

    def ids(self, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The ids of the slots' words end to end, and each word's number of ids."""
        lengths = self.length[slots]
        ends = np.cumsum(lengths)
        # Token t of word w sits at start[w] + (t - first token of w in the output).
        at = np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(self.start[slots] - (ends - lengths), lengths)
        return self.flat[at], lengths


class WordLlamaEmbedder:
    """Sentence vectors from WordLlama: the mean of static token embeddings (~15k sentences/s on a core).

    Pooling is done here as one sparse product of the unpadded token counts
    and the embedding table, which gives WordLlama's own vectors about twice
    as fast as its padded batches.

    >>> e = WordLlamaEmbedder()
    >>> e.embed(["Kim left Beijing.", "Kim departed Beijing."]).shape
    (2, 256)
    """

    name = "wordllama"

    def __init__(self, dim: int = 256, cache_size: int = 200_000) -> None:
        self.dim = dim
        self.cache_size = cache_size
        # word -> token ids; a memo only (same ids as the tokenizer), bounded by cache_size, made on first use.
        self._memo: _WordIds | None = None

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids of each text, identical to the tokenizer's, with each space-separated word encoded once.

        The tokenizer is SentencePiece-style BPE whose pieces never span a
        space (apart from runs of spaces), so a text's ids are the
        concatenation of its words' ids; texts with runs of spaces, with
        spaces at either end, or holding the space marker or a "<" go to the tokenizer whole.
        """
        ids, lengths = self._flat_ids(texts)
        bounds = np.cumsum(lengths).tolist()
        flat = ids.tolist()
        return [flat[a:b] for a, b in zip([0, *bounds], bounds, strict=False)]

    def _flat_ids(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """All texts' token ids end to end, and each text's number of tokens (``token_ids``, flattened)."""
        joined = " ".join(texts)
        if _splits_simply(joined):
            return self._flat_simple(texts, joined)
        simple = [_splits_simply(t) for t in texts]
        plain = [t for t, ok in zip(texts, simple, strict=True) if ok]
        ids, lengths = self._flat_simple(plain, " ".join(plain)) if plain else (np.zeros(0, dtype=np.int64),) * 2
        parts = iter(np.split(ids, np.cumsum(lengths)[:-1]) if plain else [])
        whole = iter(self._encode_whole([t for t, ok in zip(texts, simple, strict=True) if not ok]))
        out = [next(parts) if ok else np.asarray(next(whole), dtype=np.int64) for ok in simple]
        lengths = np.fromiter(map(len, out), dtype=np.int64, count=len(out))
        return (np.concatenate(out) if out else np.zeros(0, dtype=np.int64)), lengths

    def _flat_simple(self, texts: Sequence[str], joined: str) -> tuple[np.ndarray, np.ndarray]:
        """``_flat_ids`` of texts that all split simply (``joined`` is them joined by spaces)."""
        # One split for all texts (C-level), one pass over the memo, one gather.
        words = joined.split(" ")
        memo = self._words_memo()
        slots = memo.slots(words)
        if not slots.all():
            absent = np.flatnonzero(slots == 0)
            missing = [words[i] for i in absent.tolist()]  # a few percent of the words
            new = list(dict.fromkeys(missing))
            slot_of = dict(zip(new, memo.add(new, *self._encode_words(new)), strict=True))
            slots[absent] = np.fromiter(map(slot_of.__getitem__, missing), dtype=np.int64, count=len(missing))
        ids, per_word = memo.ids(slots)
        first_word = np.cumsum([0] + [t.count(" ") + 1 for t in texts[:-1]])
        return ids, np.add.reduceat(per_word, first_word) if len(texts) else np.zeros(0, dtype=np.int64)

    def _words_memo(self) -> _WordIds:
        """The word -> token ids memo, seeded with the vocabulary's words and bounded by ``cache_size``."""
        if self._memo is None or len(self._memo) > self.cache_size:
            self._memo = _seed_memo(self.dim).copy()
        return self._memo

    def _encode_whole(self, texts: list[str]) -> list[list[int]]:
        if not texts:
            return []
        return [e.ids for e in _load(self.dim)[1].encode_batch_fast(texts, add_special_tokens=False)]

    def _encode_words(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Token ids of distinct ``words`` end to end, and each word's number of ids.

        One tokenizer call over the words joined by spaces: every word's first
        token is the only one that starts with the space marker, which is where
        the joined ids are cut back into words.
        """
        _, tokenizer, _ = _load(self.dim)
        joined = " ".join(words)
        # encode_batch_fast skips the offsets that encode computes: a quarter faster.  Special tokens
        # ("<s>") are cut out of the text before normalizing, which the bare tokenizer would not mirror.
        # A word holding the marker itself (or none at all) would blur the cut: the per-word batch is always right.
        if "▁" in joined or "" in words:
            ids = []
        elif "<" in joined:
            ids = tokenizer.encode_batch_fast([joined], add_special_tokens=False)[0].ids
        else:
            ids = _bare_tokenizer(self.dim).encode_batch_fast([_normalized(joined)], add_special_tokens=False)[0].ids
        flat = np.array(ids, dtype=np.int64)
        starts = np.flatnonzero(_word_starts(self.dim)[flat])
        if len(starts) == len(words) and (not len(starts) or starts[0] == 0):
            return flat, np.diff(np.append(starts, len(flat)))
        encoded = [e.ids for e in tokenizer.encode_batch_fast(words, add_special_tokens=False)]
        lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        return np.fromiter(chain.from_iterable(encoded), dtype=np.int64, count=int(lengths.sum())), lengths

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_with_counts(texts)[0]

    def views(self, texts: Sequence[str]) -> tuple[np.ndarray, sparse.csr_matrix]:
        """The vectors and, from the same tokenization, word-piece TF-IDF rows as the lexical view."""
        from .tfidf import tfidf_rows

        semantic, (data, columns, indptr, n_types) = self._pooled(texts)
        return semantic, tfidf_rows(data, columns, indptr, n_types)

    def embed_with_counts(self, texts: Sequence[str]) -> tuple[np.ndarray, sparse.csr_matrix]:
        """Sentence vectors plus each text's token counts (a bag of words for lexical similarity).

        One tokenization serves both views, which halves the work of the embed
        stage.  The count columns are the token types that occur in ``texts``
        (in id order), not the whole vocabulary: cosines are the same, and
        every later operation on the counts is over a few hundred columns
        instead of 32,000.
        """
        semantic, (data, columns, indptr, n_types) = self._pooled(texts)
        return semantic, sparse.csr_matrix((data, columns, indptr), shape=(len(texts), n_types))

    def _pooled(self, texts: Sequence[str]) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray, int]]:
        """:meth:`embed_with_counts` with the counts as CSR arrays (data, columns, indptr, number of columns)."""
        table = _load(self.dim)[2]
        if not texts:
            none = (np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int32), np.zeros(1, dtype=np.int32), 0)
            return np.zeros((0, self.dim), dtype=np.float32), none
        ids, lengths = self._flat_ids(texts)
        n, vocabulary = len(texts), table.shape[0]
        np.clip(ids, 0, vocabulary - 1, out=ids)
        # Each text's distinct tokens in id order, with their counts: one sort of (text, token) keys.
        key = np.repeat(np.arange(n, dtype=np.int64) * vocabulary, lengths) + ids
        key.sort()
        first = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1]))) if key.size else key
        data = np.diff(np.append(first, key.size)).astype(np.float32)
        key = key[first]
        row = key // vocabulary
        token = key - row * vocabulary
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(row, minlength=n), out=indptr[1:])
        # Mean pooling as a sparse product: each row's token counts times the embedding table.
        sums = csr_dense_product(indptr, token, data, vocabulary, table)
        # The token types present, and each token's column among them: a lookup over the vocabulary
        # is cheaper than np.unique's sort.
        present = np.zeros(vocabulary, dtype=bool)
        present[token] = True
        types = np.flatnonzero(present)
        column_of = np.empty(vocabulary, dtype=np.int32)
        column_of[types] = np.arange(types.size, dtype=np.int32)
        counts = (data, column_of[token], indptr.astype(np.int32), int(types.size))
        return l2_normalize(sums / np.maximum(lengths, 1)[:, None]), counts
