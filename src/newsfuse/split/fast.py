"""Fast splitter: syntok's sentences without running syntok's tokenizer over every word.

syntok tokenizes every word of a text and walks its state machine over every
token, in pure Python.  But a sentence can only end at a token that is a
terminal (``. ! ? ;`` and a few more) or at an opening bracket, and the words
between such places are just moved along (syntok's InnerToken state) without
being looked at.  ``FastSplitter`` finds the whitespace-separated chunks that
hold a terminal or an opening bracket (a scan for those characters, each widened
to its chunk), tokenizes only those chunks (and what syntok peeks at after them) the way syntok does,
and runs a port of syntok's state machine over those tokens.  The chunks of
plain words in between are skipped unread, so the sentences are syntok's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from syntok import segmenter
from syntok._segmentation_states import State
from syntok.tokenizer import Tokenizer

from ..types import Article, Sentence
from .base import split_by_line

_TERMINALS = State.terminals
_OPENING = State.opening_brackets
_CLOSING = State.closing_brackets
_CLOSING_QUOTES = State.closing_quotes
_POST_TERMINAL = _TERMINALS | _CLOSING
_PRE_MOVE = _TERMINALS | _OPENING  # first tokens of a chunk that syntok does more with than move them
_ABBREVIATIONS = State.abbreviations
_MONTHS = State.months
_STARTERS = State.starters
_ROMAN = State.roman_numerals
_VOWELS = State.vowels
_INNER_PUNCT = State.inner_sentence_punctuation
_HYPHENS = Tokenizer._hyphens_and_underscore
_SEPARATION = Tokenizer._separation
_APOSTROPHE_T = Tokenizer._apostrophe_t

# syntok splits words at the regex module's \s (Unicode White_Space) and the zero-width space; spelled out for re.
_SPACE_CHARS = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200C)))
_SPACE_CHARS += "\u2028\u2029\u202f\u205f\u3000"
_SPACE_SET = frozenset(_SPACE_CHARS)
_WS = re.escape(_SPACE_CHARS)
_SPECIAL = re.escape("".join(sorted({c for t in _PRE_MOVE for c in t})))
_CHUNK = re.compile(rf"[^{_WS}]+")
_OTHER_SPACE = re.compile(f"[{re.escape(_SPACE_CHARS.replace(' ', ''))}]")  # whitespace other than the space
_HAS_SPECIAL = re.compile(f"[{_SPECIAL}]")
# The common case: a chunk that is one plain token (a word, an acronym, a number, U.S) and a terminal,
# maybe with a closing quote, then the end of the line or a chunk whose first token is plain too and
# known without tokenizing it: it opens lowercase; or it is an opening quote before a word; or a word
# or number with only punctuation after it, or a word cut off by a hyphen or an apostrophe (not n't).
# syntok's rules then only look at these two tokens.
_QUICK = re.compile(
    rf"([A-Z]?[a-z]+|[A-Z]+|[0-9]+|[A-Z](?:\.[A-Z])+|[a-z](?:\.[a-z])+)[.!?][\"'\u2019\u201d]?(?:[{_WS}]*$|[{_WS}]+"
    rf"(?:[a-z]|([\"'\u201c\u2018](?=[^\W_])|[0-9]+(?=[^\w{_WS}]*(?![^{_WS}]))|[A-Z][a-z]*"
    rf"(?:(?=[^\w{_WS}]*(?![^{_WS}]))|(?<!n)(?=['\u2019][A-Za-z])|(?=-[A-Za-z0-9])))))"
)
# A number like 5.2 or 1,000.5 is one token and no terminal.
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)+")

_FIRST, _INNER, _TERMINAL = 0, 1, 2  # syntok's FirstToken, InnerToken and Terminal states


@dataclass(frozen=True)
class FastSplitter:
    """Sentence splitter that gives ``SyntokSplitter``'s sentences at a fraction of its cost.

    Same contract as ``SyntokSplitter``: exact offsets into ``article.text``,
    syntok's sentences joined and cut by the news rules of :mod:`newsfuse.split.news`,
    lines are hard boundaries, a blank line starts a new paragraph, spans
    shorter than ``min_chars`` are dropped and ``max_sentences`` bounds the work.

    >>> from newsfuse.types import Article
    >>> text = "Summit\\n\\nMr. Kim met Dr. Xi in the U.S. on Tuesday. He left. Korea.Kim is back."
    >>> [(s.text, s.paragraph) for s in FastSplitter().split(Article("a", text), 0)]  # doctest: +NORMALIZE_WHITESPACE
    [('Summit', 0), ('Mr. Kim met Dr. Xi in the U.S. on Tuesday.', 1), ('He left.', 1),
     ('Korea.', 1), ('Kim is back.', 1)]
    """

    min_chars: int = 2

    def split(self, article: Article, doc: int, max_sentences: int | None = None) -> list[Sentence]:
        return split_by_line(article, doc, line_sentences, max_sentences, self.min_chars)


def line_sentences(line: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one line (no newline in it), shifted by ``offset``.

    >>> s = "He lives in the U.S. He left. Then? no. Fine; Done"
    >>> [s[a:b] for a, b in line_sentences(s)]
    ['He lives in the U.S. He left.', 'Then? no.', 'Fine;', 'Done']
    """
    spans = _raw_spans(line) if _HAS_SPECIAL.search(line) else [_strip_span(line, 0, len(line))]
    glued = _glued_cuts(line)
    out: list[tuple[int, int]] = []
    for span in spans:
        if span is None:
            continue
        start, end = span
        # As SyntokSplitter, which looks for its _GLUED inside each sentence (the look-ahead ends with it).
        for cut in glued:
            if start <= cut <= end - 2:
                out.append((offset + start, offset + cut))
                start = cut
        out.append((offset + start, offset + end))
    return out


def _glued_cuts(line: str) -> list[int]:
    """Ends of the matches of SyntokSplitter's ``[a-z]{2}[.!?](?=[A-Z][a-z])`` in ``line``: a boundary
    syntok misses where a scraper glued two sentences ("Korea.Kim is"); the cut is right after the stop.

    >>> _glued_cuts("Korea.Kim is back. Mr.Xi, the U.S.Army and AP.The end")
    [6]
    """
    # str.find per stop: stops are a few per hundred characters, and the regex steps through every one.
    out = []
    for stop in ".!?":
        at = line.find(stop, 2)
        while at >= 0:
            if (
                "A" <= line[at + 1 : at + 2] <= "Z"
                and "a" <= line[at + 2 : at + 3] <= "z"
                and "a" <= line[at - 1] <= "z"
                and "a" <= line[at - 2] <= "z"
            ):
                out.append(at + 1)
            at = line.find(stop, at + 1)
    if len(out) > 1:
        out.sort()
    return out


def _raw_spans(line: str) -> list[tuple[int, int] | None]:
    """syntok's sentence spans of one line, before the glued-sentence pass."""
    try:
        cuts = _cuts(line)
    except Exception:  # a bug here must not cost a sentence: let syntok split this line
        return _syntok_spans(line)
    bounds = [0, *cuts, len(line)]
    return [_strip_span(line, a, b) for a, b in pairwise(bounds)]


def _cuts(line: str) -> list[int]:
    """Offsets where syntok ends a sentence inside ``line`` (the line's end aside)."""
    cuts: list[int] = []
    head = _CHUNK.search(line)
    if head is None:
        return cuts
    first_at = head.start()  # the chunk that syntok meets in its FirstToken state
    done = 0  # the state machine has run up to here
    for start, end in _candidates(line):
        if start < done:
            continue
        if start != first_at:  # syntok is in its InnerToken state here
            quick = _QUICK.match(line, start)
            if quick:  # "word. Next" or "word. next": settle it without tokens
                nxt = quick.group(2)
                if nxt is not None and _decide(quick.group(1), nxt, nxt, True, False):
                    cuts.append(end)
                    first_at = quick.start(2)
                continue
            if _NUMBER.fullmatch(line, start, end):
                continue
        chunk = line[start:end]
        if start != first_at and not chunk[0].isalnum() and _first_token(chunk) in _PRE_MOVE:
            start = _previous_chunk(line, start)  # syntok judges the terminal by the token before it
        done = _run(line, start, _FIRST if start == first_at else _INNER, cuts)
    return cuts


def _candidates(line: str) -> list[tuple[int, int]]:
    """(start, end) of each whitespace-separated chunk of ``line`` that holds a terminal or an opening bracket.

    Found from those characters (a plain character-class scan), then widened to their chunk: a
    pattern for the whole chunk is tried at every character of the line, which took twice as long.

    >>> line = "He met Mr. Xi (twice) in 2018."
    >>> [line[a:b] for a, b in _candidates(line)]
    ['Mr.', '(twice)', '2018.']
    """
    out: list[tuple[int, int]] = []
    end = -1
    if _OTHER_SPACE.search(line) is None:  # spaces are the only whitespace: str.find/rfind bound the chunks
        for m in _HAS_SPECIAL.finditer(line):
            at = m.start()
            if at < end:  # in the chunk found last
                continue
            end = line.find(" ", at)
            if end < 0:
                end = len(line)
            out.append((line.rfind(" ", 0, at) + 1, end))
        return out
    chunk_end = _CHUNK.match
    for m in _HAS_SPECIAL.finditer(line):
        at = m.start()
        if at < end:  # in the chunk found last
            continue
        start = at
        while start and line[start - 1] not in _SPACE_SET:
            start -= 1
        chunk = chunk_end(line, at)
        end = chunk.end() if chunk else at + 1  # always a match: line[at] is no space
        out.append((start, end))
    return out


def _run(line: str, start: int, state: int, cuts: list[int]) -> int:
    """Run a port of syntok's state machine from the chunk at ``start``, adding to ``cuts``.

    It stops, in the InnerToken state, before a chunk that opens with neither a
    terminal nor an opening bracket (syntok only moves plain words along), and
    returns where it stopped.
    """
    toks: list[tuple[str, int, int, bool]] = []  # syntok's tokens: (value, start, end, spaced before)
    pos = start  # the chunks before this are tokenized

    def have(k: int) -> bool:
        nonlocal pos
        while len(toks) <= k:
            m = _CHUNK.search(line, pos)
            if m is None:
                return False
            toks.extend(_tokenize(m.group(), m.start()))
            pos = m.end()
        return True

    def plain(k: int) -> bool:
        """Whether token ``k`` opens an untokenized chunk that starts with no terminal or opening bracket."""
        if k < len(toks):
            return False
        m = _CHUNK.search(line, pos)
        return m is not None and _first_token(m.group()) not in _PRE_MOVE

    def scan(k: int) -> tuple[int, bool]:
        """State.__find_end_of_bracketed_text for the bracket at ``k``: (closing index or 0, inner sentence)."""
        depth = 1
        idx = k + 1
        first_is_title = None
        last_is_terminal = False
        while idx - k < 50 and have(idx):
            v = toks[idx][0]
            if first_is_title is None and v.isalnum():
                first_is_title = v.istitle()
            elif first_is_title and v.isalnum():
                last_is_terminal = have(idx + 1) and toks[idx + 1][0] in _TERMINALS
            if v in _OPENING:
                depth += 1
            elif v in _CLOSING:
                depth -= 1
                if depth == 0:
                    return idx, bool(first_is_title and last_is_terminal)
            idx += 1
        return 0, bool(first_is_title and last_is_terminal)

    def skip(k: int) -> int:
        """State._skip_bracketed_text: the index after the brackets at ``k``, or ``k`` when they stay."""
        close, inner = scan(k)
        if close and (toks[close][2] - toks[k][1] < State.max_bracket_skipping_length or not inner):
            return close + 1
        return k

    i = 0  # the head of syntok's queue; toks[:i] are moved
    sent_start = 0
    while True:
        if not have(i):
            return len(line)
        if state == _TERMINAL:  # Terminal.__next__
            state, sent_start = _FIRST, i
        if state == _FIRST:  # FirstToken.__next__
            if toks[i][0] in _OPENING and (after := skip(i)) != i:
                i = after
                if i - sent_start > 3 and not (have(i) and toks[i][0][:1].islower()):
                    cuts.append(toks[i - 1][2])
                    state = _TERMINAL
                    continue
                if not have(i):
                    return len(line)
            i += 1
            if plain(i):
                return pos
            if not have(i):
                return len(line)
            if toks[i][0] not in _TERMINALS and toks[i][0] != "(":
                state = _INNER
                continue
            first = True
        else:  # InnerToken.__next__
            i += 1
            if plain(i):
                return pos
            if not have(i):
                return len(line)
            if toks[i][0] in _OPENING:
                i = skip(i)
                if plain(i):
                    return pos
                if not have(i):
                    return len(line)
            if toks[i][0] not in _PRE_MOVE:
                continue
            first = False
        # State._move_and_maybe_extract_terminal
        before = toks[i - 1][0]
        if toks[i][0] not in _OPENING:
            i += 1
        token = None
        if have(i) and toks[i][0] in _OPENING and toks[i - 1][0] not in _TERMINALS:
            i = skip(i)
        else:
            while have(i) and toks[i][0] in _POST_TERMINAL:
                i += 1
                if not have(i):
                    break
                if token is None:
                    token = toks[i - 1][0]
            if have(i) and toks[i][0] in _CLOSING_QUOTES and not toks[i][3]:
                i += 1
                if have(i) and token is None:
                    token = toks[i - 1][0]
            while have(i) and toks[i][0] in _POST_TERMINAL:
                i += 1
                if not have(i):
                    break
                if token is None:
                    token = toks[i - 1][0]
            if have(i) and toks[i][0] in _OPENING:
                token = toks[i][0]
        if not have(i):
            return len(line)  # the line ends, and so does the sentence
        nxt, _, _, spaced = toks[i]
        split = _decide(before, nxt if token is None else token, nxt, spaced, first)
        if split is None:  # the rule that looks behind the brackets at i
            close, inner = scan(i)
            behind = toks[close + 1][0] if close and not inner and have(close + 1) else ""
            opened = toks[i + 1][0] if have(i + 1) else ""
            split = behind not in _INNER_PUNCT and (opened.istitle() or not behind[:1].islower())
        if split:
            cuts.append(toks[i - 1][2])
            state = _TERMINAL


def _decide(before: str, after: str, nxt: str, spaced: bool, first: bool) -> bool | None:
    """The rules of State._move_and_maybe_extract_terminal; None where they look behind brackets.

    ``before`` is the token before the terminal, ``after`` the first token after
    it, ``nxt`` the token that would open the next sentence (``spaced`` when
    whitespace precedes it) and ``first`` whether syntok is in its FirstToken state.
    """
    if nxt[:1].islower() or nxt in _INNER_PUNCT:
        return False
    short = len(before) == 1 or before in _ROMAN
    if not (first and short) and nxt in _STARTERS:
        return True
    if before in _ABBREVIATIONS and after not in _CLOSING:
        return False
    if before in ("no", "No", "NO") and nxt.isalnum() and any(c.isnumeric() for c in nxt):
        return False
    if not spaced and (nxt.isnumeric() or not after.istitle() or not after.isalpha() or len(after) == 1):
        return False
    if nxt.isnumeric() and len(nxt) > 2:
        return False
    if (before.isnumeric() and nxt in _MONTHS) or (before in _MONTHS and nxt.isnumeric()):
        return False
    if "." in before and after != ".":
        return False
    if (first or before.isupper()) and short:
        return False
    if len(before) == 1 and before.isalpha() and before not in _VOWELS:
        return False
    if after in _OPENING:
        return None
    return True


def _tokenize(chunk: str, offset: int) -> list[tuple[str, int, int, bool]]:
    """syntok's tokens of one whitespace chunk found at ``offset``: (value, start, end, spaced before)."""
    n = len(chunk)
    k = 0
    while k < n and not chunk[k].isalnum():
        k += 1
    if k == n:
        return [(chunk, offset, offset + n, True)]
    e = n
    while not chunk[e - 1].isalnum():
        e -= 1
    tokens = [(c, offset + j, offset + j + 1, j == 0) for j, c in enumerate(chunk[:k])]
    tokens.extend(_word_tokens(chunk[k:e], offset + k, k == 0))
    pos = offset + e
    tail = chunk[e:]
    if tail.startswith("..."):
        tokens.append(("...", pos, pos + 3, False))
        tail = tail[3:]
        pos += 3
    tokens.extend((c, pos + j, pos + j + 1, False) for j, c in enumerate(tail))
    return tokens


def _word_tokens(word: str, offset: int, spaced: bool) -> list[tuple[str, int, int, bool]]:
    """Port of ``Tokenizer._split_word`` with ``replace_not_contraction=False``."""
    out: list[tuple[str, int, int, bool]] = []
    remainder = 0
    for mo in _SEPARATION.finditer(word):
        s, e = mo.span()
        sep = mo.group()
        if s > remainder:
            if word[s - 1] == "n" and _APOSTROPHE_T.fullmatch(sep):
                if remainder < s - 1:
                    out.append((word[remainder : s - 1], offset + remainder, offset + s - 1, spaced))
                out.append((word[s - 1 : e], offset + s - 1, offset + e, spaced and remainder == s - 1))
                spaced = False
                remainder = e
                continue
            out.append((word[remainder:s], offset + remainder, offset + s, spaced))
            spaced = False
        if sep and sep not in _HYPHENS:
            out.append((sep, offset + s, offset + e, spaced))
            spaced = False
        elif sep:
            spaced = True  # a hyphen or underscore becomes the spacing of the next token
        remainder = e
    if remainder < len(word):
        out.append((word[remainder:], offset + remainder, offset + len(word), spaced))
    return out


def _first_token(chunk: str) -> str:
    """The value of syntok's first token of a whitespace chunk."""
    if not chunk[0].isalnum():
        return chunk[0] if any(c.isalnum() for c in chunk) else chunk
    e = len(chunk)
    while not chunk[e - 1].isalnum():
        e -= 1
    return _word_tokens(chunk[:e], 0, True)[0][0]


def _previous_chunk(line: str, start: int) -> int:
    """Start of the whitespace chunk before the one at ``start``."""
    j = start
    while line[j - 1] in _SPACE_SET:
        j -= 1
    while j > 0 and line[j - 1] not in _SPACE_SET:
        j -= 1
    return j


def _strip_span(line: str, a: int, b: int) -> tuple[int, int] | None:
    """The stretch ``line[a:b]`` without syntok whitespace around it, or None when nothing is left."""
    # By hand: a sentence has a space or two around it at most, and slicing it out costs more.
    while a < b and line[a] in _SPACE_SET:
        a += 1
    if a == b:
        return None
    while line[b - 1] in _SPACE_SET:
        b -= 1
    return a, b


def _syntok_spans(line: str) -> list[tuple[int, int] | None]:
    """syntok's own sentence spans of one line."""
    spans: list[tuple[int, int] | None] = []
    for para in segmenter.analyze(line):
        for sent in para:
            tokens = [t for t in sent if t.value]
            if tokens:
                spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
    return spans
