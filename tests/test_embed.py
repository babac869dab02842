"""Embed stage: unit-length rows, paraphrases closer than unrelated text, embedder lookup."""

from __future__ import annotations

import logging
import subprocess
import sys

import numpy as np
import pytest

from newsfuse.embed import TfidfEmbedder, WordLlamaEmbedder, default_embedder, get_embedder, l2_normalize
from newsfuse.errors import NewsfuseError
from newsfuse.split import default_splitter
from newsfuse.types import Article

SENTENCES = [
    "Kim Jong Un left Beijing on Wednesday after talks with Xi Jinping.",
    "North Korean leader Kim Jong Un departed Beijing on Wednesday following talks with Xi.",
    "The recipe calls for two cups of flour, a pinch of salt and some butter.",
    "Heavy rain flooded several streets in the city centre overnight.",
]

EMBEDDERS = [pytest.param(WordLlamaEmbedder, id="wordllama"), pytest.param(TfidfEmbedder, id="tfidf")]


@pytest.mark.parametrize("cls", EMBEDDERS)
def test_rows_are_unit_length(cls):
    vectors = cls().embed(SENTENCES)
    assert vectors.shape[0] == len(SENTENCES)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("cls", EMBEDDERS)
def test_paraphrases_are_closer_than_unrelated_sentences(cls):
    v = cls().embed(SENTENCES)
    sim = v @ v.T
    assert sim[0, 1] > sim[0, 2] + 0.2
    assert sim[0, 1] > sim[0, 3]
    assert sim[1, 0] > sim[1, 2]


@pytest.mark.parametrize("cls", EMBEDDERS)
def test_identical_texts_get_identical_vectors(cls):
    v = cls().embed([SENTENCES[0], SENTENCES[2], SENTENCES[0]])
    assert np.allclose(v[0], v[2])
    assert float(v[0] @ v[2]) == pytest.approx(1.0, abs=1e-5)


def test_wordllama_empty_input_shape():
    e = WordLlamaEmbedder()
    assert e.embed([]).shape == (0, 256)


def test_wordllama_dimension_and_batch_independence():
    e = WordLlamaEmbedder()
    together = e.embed(SENTENCES)
    assert together.shape == (4, 256)
    for k, text in enumerate(SENTENCES):
        assert np.allclose(e.embed([text])[0], together[k], atol=1e-5)


def test_wordllama_empty_text_in_the_middle_gives_zero_row():
    e = WordLlamaEmbedder()
    v = e.embed([SENTENCES[0], "", SENTENCES[1]])
    assert np.allclose(v[1], 0.0)
    assert np.allclose(v[0], e.embed([SENTENCES[0]])[0], atol=1e-5)
    assert np.allclose(v[2], e.embed([SENTENCES[1]])[0], atol=1e-5)


def test_wordllama_trailing_empty_text_does_not_change_previous_row():
    e = WordLlamaEmbedder()
    v = e.embed([SENTENCES[0], ""])
    assert np.allclose(v[1], 0.0)
    assert np.allclose(v[0], e.embed([SENTENCES[0]])[0], atol=1e-5)


def test_tfidf_empty_input_and_stop_words_only():
    e = TfidfEmbedder()
    assert e.embed([]).shape[0] == 0
    v = e.embed(["the and of", "it is"])
    assert v.shape[0] == 2 and np.allclose(v, 0.0)


def test_tfidf_single_sentence():
    v = TfidfEmbedder().embed(["Kim left Beijing."])
    assert v.shape[0] == 1 and np.linalg.norm(v[0]) == pytest.approx(1.0, abs=1e-5)


def test_l2_normalize_keeps_zero_rows():
    m = np.array([[3.0, 4.0], [0.0, 0.0]])
    out = l2_normalize(m)
    assert np.allclose(out, [[0.6, 0.8], [0.0, 0.0]])
    assert out.dtype == np.float32


def test_get_embedder_by_name():
    assert isinstance(get_embedder("wordllama"), WordLlamaEmbedder)
    assert get_embedder("wordllama").name == "wordllama"
    assert isinstance(get_embedder("tfidf"), TfidfEmbedder)
    assert get_embedder("tfidf").name == "tfidf"
    # wordllama is a dependency, so "auto" (and the default) picks it.
    assert get_embedder("auto").name == "wordllama"
    assert default_embedder().name == "wordllama"


@pytest.mark.parametrize("name", ["bert", "", "TFIDF "])
def test_get_embedder_unknown_name(name):
    with pytest.raises(NewsfuseError, match="unknown embedder"):
        get_embedder(name)


def test_wordllama_memoised_token_ids_equal_the_tokenizers(example_dir):
    from newsfuse.embed.wordllama_embedder import _load

    tricky = [
        "Kim's train left Beijing at 10:30 a.m. (0230 GMT) — officials said.",
        "two  spaces inside",
        " leading space",
        "trailing space ",
        "line\nbreak and\ttab",
        "",
        "émigré Ñandú 北京 🚄 1,234.5%",
        "«Quoted» “curly” 'single' `back`",
        "a ▁marker▁ inside and ▁▁ twice",
        'Tails: said." Beijing, U.S., 2,000; (AP) Xi’s” Kim!? m². x²). word)." Zzyzx," ok:',
        'Beijing Beijing, Beijing. Beijing.) said said." said.”',
        "Special <s> tokens</s> <unk> and <b>tags</b>",
    ]
    texts = tricky + [p.read_text(encoding="utf-8")[:3000] for p in sorted(example_dir.glob("*.txt"))]
    tokenizer = _load(256)[1]
    expected = [e.ids for e in tokenizer.encode_batch_fast(texts, add_special_tokens=False)]
    embedder = WordLlamaEmbedder()
    assert embedder.token_ids(texts) == expected
    assert embedder.token_ids(texts[::-1]) == expected[::-1]  # warm memo gives the same ids
    plain = [t for t in texts if "  " not in t and t.strip(" ") == t]  # the flat path, and the fallbacks
    sentences = [
        s.text
        for p in sorted(example_dir.glob("*.txt"))
        for s in default_splitter().split(Article("a", p.read_text(encoding="utf-8")), 0)
    ]
    for batch in (texts, plain, sentences, [*sentences, ""], ["Kim ▁left", *sentences]):
        want = [e.ids for e in tokenizer.encode_batch_fast(batch, add_special_tokens=False)]
        ids, lengths = WordLlamaEmbedder()._flat_ids(batch)
        assert lengths.tolist() == [len(w) for w in want] and ids.tolist() == [i for w in want for i in w]


def test_wordllama_memo_grows_and_resets_without_changing_ids(data_dir):
    """One embedder over many batches: the memo's arrays grow, then it starts over at cache_size."""
    from newsfuse.embed.wordllama_embedder import _load, _vocab_words
    from newsfuse.inputs import iter_lines, parse_multinews_line

    tokenizer = _load(256)[1]
    embedder = WordLlamaEmbedder(cache_size=len(_vocab_words(256)) + 1500)
    sizes = []
    for k, line in enumerate(iter_lines(data_dir / "val-full250.src")):
        if k >= 8:
            break
        texts = [s.text for a in parse_multinews_line(line) for s in default_splitter().split(a, 0)]
        want = [e.ids for e in tokenizer.encode_batch_fast(texts, add_special_tokens=False)]
        ids, lengths = embedder._flat_ids(texts)
        assert lengths.tolist() == [len(w) for w in want] and ids.tolist() == [i for w in want for i in w]
        sizes.append(len(embedder._memo))
    assert max(sizes) > len(_vocab_words(256)) + 1500 > min(sizes[1:])  # grew past the bound, then started over


def test_wordllama_bare_tokenizer_on_normalized_text_equals_the_tokenizer(example_dir):
    from newsfuse.embed.wordllama_embedder import _bare_tokenizer, _load, _normalized

    words = sorted({w for p in sorted(example_dir.glob("*.txt")) for w in p.read_text(encoding="utf-8").split()})
    words += ["émigré", "北京", "🚄", "x²).", "«Quoted»", "‼", "\t", "a\u00a0b"]
    for texts in ([" ".join(words)], words):
        want = [e.ids for e in _load(256)[1].encode_batch_fast(texts, add_special_tokens=False)]
        bare = [_normalized(t) for t in texts]
        assert [e.ids for e in _bare_tokenizer(256).encode_batch_fast(bare, add_special_tokens=False)] == want


def test_wordllama_vocabulary_words_seed_the_memo_with_the_tokenizers_ids():
    from newsfuse.embed.wordllama_embedder import _load, _vocab_words

    seeds = _vocab_words(256)
    assert len(seeds) > 10_000 and seeds["the"] == (_load(256)[1].token_to_id("▁the"),)
    words = sorted(seeds)
    encoded = _load(256)[1].encode_batch_fast(words, add_special_tokens=False)
    assert [tuple(e.ids) for e in encoded] == [seeds[w] for w in words]


def test_loading_wordllama_leaves_the_root_logger_alone():
    # wordllama's __init__ calls logging.basicConfig(level=INFO); through newsfuse it must not, or
    # every library's INFO messages (rouge-score's "Using default tokenizer.") land on stderr.
    code = (
        "import logging; from newsfuse.embed import get_embedder; "
        "get_embedder('wordllama').embed(['Kim left Beijing.']); "
        "logging.getLogger('absl').info('should not print'); "
        "root = logging.getLogger(); print(len(root.handlers), root.level)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.split() == ["0", str(logging.WARNING)]
    assert "should not print" not in proc.stderr
