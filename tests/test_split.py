"""Split stage: SyntokSplitter sentences with exact offsets, paragraphs and line flags."""

from __future__ import annotations

from itertools import islice, pairwise

import pytest

from newsfuse.inputs import iter_multinews, read_articles
from newsfuse.split import SyntokSplitter
from newsfuse.split.fast import FastSplitter
from newsfuse.types import Article, count_words

TEXT = (
    "Kim leaves Beijing\n"
    "\n"
    "Kim Jong Un left Beijing on Wednesday. He won't return soon. It isn't\n"
    "clear when talks resume.\n"
    "   \n"
    "Dr. Smith met Mr. Jones at 3 p.m. today. The visit ended near China and North Korea.Kim is home.\r\n"
    "\r\n"
    'Officials said "it went well." (They did not elaborate.)\n'
)


@pytest.fixture(scope="module")
def sentences():
    return SyntokSplitter().split(Article("a", TEXT), 3)


def check_offsets(article: Article, sents) -> None:
    for s in sents:
        assert article.text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert "\n" not in s.text and "\r" not in s.text
    starts = [s.start for s in sents]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in pairwise(sents))  # no overlaps


def test_sentences_and_offsets(sentences):
    check_offsets(Article("a", TEXT), sentences)
    assert [s.text for s in sentences] == [
        "Kim leaves Beijing",
        "Kim Jong Un left Beijing on Wednesday.",
        "He won't return soon.",
        "It isn't",
        "clear when talks resume.",
        "Dr. Smith met Mr. Jones at 3 p.m. today.",
        "The visit ended near China and North Korea.",
        "Kim is home.",
        'Officials said "it went well."',
        "(They did not elaborate.)",
    ]


def test_doc_and_positions(sentences):
    assert {s.doc for s in sentences} == {3}
    assert [s.position for s in sentences] == list(range(len(sentences)))


def test_no_sentence_spans_a_newline():
    text = "A line without a stop\nthat continues on the next line and ends here.\nAnother line. Two sentences."
    sents = SyntokSplitter().split(Article("a", text), 0)
    check_offsets(Article("a", text), sents)
    assert [s.text for s in sents] == [
        "A line without a stop",
        "that continues on the next line and ends here.",
        "Another line.",
        "Two sentences.",
    ]


def test_paragraph_index_increments_on_blank_lines(sentences):
    # Blank lines, whitespace-only lines and \r\n\r\n all separate paragraphs; a single newline does not.
    assert [s.paragraph for s in sentences] == [0, 1, 1, 1, 1, 2, 2, 2, 3, 3]


def test_line_start_and_line_end_flags(sentences):
    flags = [(s.line_start, s.line_end) for s in sentences]
    assert flags == [
        (True, True),  # headline: a whole line
        (True, False),
        (False, False),
        (False, True),
        (True, True),
        (True, False),
        (False, False),
        (False, True),
        (True, False),
        (False, True),
    ]


@pytest.mark.parametrize("limit", [1, 3, 7])
def test_max_sentences(limit, sentences):
    got = SyntokSplitter().split(Article("a", TEXT), 3, limit)
    assert len(got) == limit
    assert got == sentences[:limit]


def test_max_sentences_larger_than_article(sentences):
    assert SyntokSplitter().split(Article("a", TEXT), 3, 1000) == sentences


def test_empty_and_whitespace_articles():
    assert SyntokSplitter().split(Article("a", ""), 0) == []
    assert SyntokSplitter().split(Article("a", " \n\n \t\n"), 0) == []


def test_leading_blank_lines_do_not_start_a_new_paragraph():
    sents = SyntokSplitter().split(Article("a", "\n\n\nFirst sentence here. Second one.\n\nThird one."), 0)
    assert [s.paragraph for s in sents] == [0, 0, 1]


def test_offsets_on_the_shipped_example(example_dir):
    articles, _ = read_articles([example_dir])
    for d, a in enumerate(articles):
        sents = SyntokSplitter().split(a, d)
        assert len(sents) > 10
        check_offsets(a, sents)
        # Nothing but whitespace falls between the sentences.
        covered = [False] * len(a.text)
        for s in sents:
            covered[s.start : s.end] = [True] * (s.end - s.start)
        assert "".join(ch for ch, c in zip(a.text, covered, strict=True) if not c).strip() == ""


def test_offsets_on_real_multinews(data_dir):
    for articles in islice(iter_multinews(data_dir / "val-full250.src"), 5):
        for d, a in enumerate(articles):
            check_offsets(a, SyntokSplitter().split(a, d))


def test_cr_only_line_breaks_are_line_breaks():
    text = "Kim leaves Beijing\r\rKim Jong Un left Beijing on Wednesday.\rHe met Xi."
    sents = SyntokSplitter().split(Article("a", text), 0)
    assert [s.text for s in sents] == ["Kim leaves Beijing", "Kim Jong Un left Beijing on Wednesday.", "He met Xi."]


@pytest.mark.parametrize("splitter", [SyntokSplitter(), FastSplitter()])
def test_chinese_and_japanese_sentences_end_at_full_width_stops(splitter):
    # No space follows 。！？ in Chinese or Japanese text, and syntok does not cut there.
    text = "金正恩周三离开北京。他会见了习近平！  “会谈很成功？”官员说。\n東京で会見が開かれた。Kim left."
    sents = splitter.split(Article("a", text), 0)
    assert [s.text for s in sents] == [
        "金正恩周三离开北京。",
        "他会见了习近平！",
        "“会谈很成功？”",
        "官员说。",
        "東京で会見が開かれた。",
        "Kim left.",
    ]
    check_offsets(Article("a", text), sents)
    assert [(s.line_start, s.line_end) for s in sents] == [
        (True, False),
        (False, False),
        (False, False),
        (False, True),
        (True, False),
        (False, True),
    ]
    assert [s.n_words for s in sents] == [9, 7, 5, 3, 10, 2]  # a Chinese or Japanese character is a word


def test_count_words_matches_split_on_any_whitespace() -> None:
    """Sentence.n_words' shortcut (count the spaces) agrees with str.split() whatever the whitespace."""
    import random

    pieces = [" ", "  ", "\t", "\n", "\xa0", "\u200b", "\u3000", "\u2028", "\x1c", "\x85", "\ufeff", "a", "é", "."]
    rng = random.Random(5)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert count_words(text) == len(text.split()), repr(text)


def test_new_sentence_sets_every_field() -> None:
    """Splitters build sentences with new_sentence (no __init__): it must set every field of Sentence."""
    from dataclasses import fields

    from newsfuse.types import Sentence, new_sentence

    made = new_sentence(1, 2, 3, 9, "Kim left", 4, True, False)
    assert set(vars(made)) == {f.name for f in fields(Sentence)}
    assert made == Sentence(1, 2, 3, 9, "Kim left", 4, True, False)
