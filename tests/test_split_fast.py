"""FastSplitter: SyntokSplitter's sentences, offsets and flags, without syntok's per-word cost."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from newsfuse.inputs import iter_multinews
from newsfuse.split.fast import FastSplitter, line_sentences
from newsfuse.split.syntok_splitter import SyntokSplitter, _line_sentences
from newsfuse.types import Article, Sentence

FAST = FastSplitter()
SYNTOK = SyntokSplitter()

# Places where syntok's rules are subtle: abbreviations, initials, numbers, brackets, quotes, glued sentences.
TRICKY = [
    "Mr. Kim met Dr. Xi in the U.S. on Tuesday. He left.",
    "North Korea.Kim Jong Un arrived in Beijing.Officials said so.",
    "He lives in the U.S. The talks start at 5 p.m. Police came.",
    "I met J. K. Rowling. She wrote it. World War II. He left.",
    "He won No. 1 seed. It was in Jan. 2019 that he left. In 2019. 2020 was worse.",
    'He said: "Go." Then he left. She said "go." Then she left.',
    "It rained... Then it stopped. It rained ... Then it stopped. Hello!Bye now.",
    "He met Barack Obama (D-Ill.) Thursday in Washington. (The end.) Next one.",
    "DENVER (AP) — Troy Tulowitzki has a tough name. (Photo: AP) The man left.",
    "He left. (AP) He came. Canada (7th) and Cyprus (15th). The US is ranked 53rd (16th). Done.",
    "He said (Blah blah blah. This is a long bracketed sentence with more than seventy characters.) That was it.",
    "He came; The man left. He came; John left. foo;Bar baz.",
    "“This is it,” he said. “Yes.” ‘Single.’ Fine.",
    "Shares fell 5.2%. He sold. It cost $5. Bob paid. The rate is 3.5. He said.",
    "It’s here. I’m there. Don’t go. Well-known facts. X-ray results.",
    "Plan A. But then plan a. But then. A. Smith. Mr. (Smith) left.",
    "Call 555-1234. Visit www.cnn.com. Now. e.g. This. i.e. That.",
    ". . . This is not a truthful account. ....If you look",
    "(Unclosed bracket. He left. She came",
    "Die Regierung hat am Montag entschieden. Der Plan wurde z. B. von Dr. Müller kritisiert. Es geht weiter.",
    "北京是中国的首都。天安门很大。 他说：“你好。” 然后走了。",
    "Zero\u200bwidth. Spaces\u00a0here. Thin\u2009space. Tab\there.",
]


def check_offsets(text: str, sentences: list[Sentence]) -> None:
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert "\n" not in s.text


def test_example_from_the_brief_gives_two_sentences() -> None:
    text = "Mr. Kim met Dr. Xi in the U.S. on Tuesday. He left."
    out = FAST.split(Article("a", text), 0)
    assert [s.text for s in out] == ["Mr. Kim met Dr. Xi in the U.S. on Tuesday.", "He left."]
    check_offsets(text, out)


def test_glued_sentences_are_split() -> None:
    text = "Kim visited North Korea.Kim is back."
    out = FAST.split(Article("a", text), 3)
    assert [s.text for s in out] == ["Kim visited North Korea.", "Kim is back."]
    assert [(s.doc, s.position) for s in out] == [(3, 0), (3, 1)]
    check_offsets(text, out)


@pytest.mark.parametrize("line", TRICKY)
def test_tricky_lines_match_syntok(line: str) -> None:
    assert line_sentences(line, 5) == list(_line_sentences(line, 5))
    text = f"Head line\n\n{line}\n{line}"
    got = FAST.split(Article("a", text), 1)
    assert got == SYNTOK.split(Article("a", text), 1)
    check_offsets(text, got)


def test_lines_never_span_and_flags() -> None:
    text = "The president said\nthat he would go. He went.\nA caption without a stop"
    out = FAST.split(Article("a", text), 0)
    assert [s.text for s in out] == ["The president said", "that he would go.", "He went.", "A caption without a stop"]
    assert [(s.line_start, s.line_end) for s in out] == [(True, True), (True, False), (False, True), (True, True)]
    check_offsets(text, out)


def test_paragraphs_counted_like_syntok() -> None:
    text = "Title\n\n\nFirst para one. First para two.\nStill first.\n \n\nSecond para.\n\n\n\nThird. Para."
    out = FAST.split(Article("a", text), 0)
    assert [s.paragraph for s in out] == [0, 1, 1, 1, 2, 3, 3]
    assert out == SYNTOK.split(Article("a", text), 0)
    # a blank line before the first sentence does not open a paragraph
    assert [s.paragraph for s in FAST.split(Article("a", "\n\n\nOne. Two.\n\nThree."), 0)] == [0, 0, 1]


def test_max_sentences_and_min_chars() -> None:
    text = "One is here. Two is here.\nThree is here. Four is here. A. B."
    out = FAST.split(Article("a", text), 0, max_sentences=3)
    assert [s.text for s in out] == ["One is here.", "Two is here.", "Three is here."]
    assert FAST.split(Article("a", text), 0, max_sentences=3) == SYNTOK.split(Article("a", text), 0, max_sentences=3)
    assert FastSplitter(min_chars=20).split(Article("a", "Short. This one is much longer."), 0)[0].text == (
        "This one is much longer."
    )
    assert FastSplitter(min_chars=0).split(Article("a", "I. Go."), 0) == SyntokSplitter(min_chars=0).split(
        Article("a", "I. Go."), 0
    )


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\n \u00a0\n", "\u200b"])
def test_empty_text_gives_nothing(text: str) -> None:
    assert FAST.split(Article("a", text), 0) == SYNTOK.split(Article("a", text), 0)
    if text.strip():
        return
    assert FAST.split(Article("a", text), 0) == []


def test_non_english_lines_do_not_crash() -> None:
    german = "Die Bundeskanzlerin sprach am 3. Okt. in Berlin. Danach reiste sie ab. Über 100 Gäste kamen."
    chinese = "北京是中国的首都。天安门很大。他说：“你好。”"
    for text in (german, chinese, f"{german}\n\n{chinese}"):
        out = FAST.split(Article("a", text), 0)
        assert out, text
        assert out == SYNTOK.split(Article("a", text), 0)
        check_offsets(text, out)
    assert len(FAST.split(Article("a", german), 0)) == 3


def test_shipped_example_matches_syntok(example_dir: Path) -> None:
    for doc, path in enumerate(sorted(example_dir.glob("*.txt"))):
        art = Article(path.stem, path.read_text(encoding="utf-8"))
        got = FAST.split(art, doc)
        assert got
        assert got == SYNTOK.split(art, doc)
        check_offsets(art.text, got)


def test_random_lines_match_syntok() -> None:
    words = [
        "He", "he", "The", "Mr.", "U.S.", "a.m.", "J.", "a.", "II.", "No.", "1", "2019", "5.2", "Jan.", "Korea.Kim",
        "left.", "left!", "left?", "left;", "left...", "left.”", 'left."', "left.)", "left).", "(AP)", "(", ")", "[",
        "(The", "end.)", "“The", '"The', "don't", "It’s", "well-known", "iPhone", ".", "...", "?!", ",", "—", "DENVER",
        "Smith", "Inc.", "3rd.", "Hello!Bye", "wait...what", "foo;Bar", "。", "Straße.", "Über", "x", "B", "(1)", "”",
        "'", "e.g.", "Oct.", "12", "V.", "I", "(.340)", ".@GOP", "…", "？", "Yes.", "NATO.", "Well-Known", "O'Neil",
    ]  # fmt: skip
    rng = random.Random(7)
    for _ in range(2000):
        line = "".join(rng.choice(words) + rng.choice([" ", " ", "  ", "\u00a0"]) for _ in range(rng.randint(1, 20)))
        line = line.rstrip() if rng.random() < 0.5 else line
        assert line_sentences(line, 0) == list(_line_sentences(line, 0)), line


def test_multinews_articles_match_syntok(data_dir: Path) -> None:
    for name, n in (("val.src", 40), ("val-full250.src", 10)):
        for story in itertools.islice(iter_multinews(data_dir / name), n):
            for doc, art in enumerate(story):
                got = FAST.split(art, doc)
                assert got == SYNTOK.split(art, doc), art.text[:200]
                check_offsets(art.text, got)
