"""Split stage interface: an article's text becomes Sentences with exact offsets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Protocol

from ..types import Article, Sentence, new_sentence
from .news import repair_spans

# Any line break (\n, \r\n or a lone \r) ends a line.
_LINE = re.compile(r"[^\r\n]+")
# Chinese and Japanese end a sentence with a full-width stop (and maybe a closing quote or bracket),
# often with no space after it: syntok does not cut there.
_CJK_STOP = re.compile("[\u3002\uff01\uff1f][\u201d\u2019\u300d\u300f\uff09)\"']*")


class Splitter(Protocol):
    """Splits one article into sentences; ``article.text[s.start:s.end] == s.text`` must hold."""

    def split(self, article: Article, doc: int, max_sentences: int | None = None) -> list[Sentence]: ...


def split_by_line(
    article: Article,
    doc: int,
    line_spans: Callable[[str, int], Iterable[tuple[int, int]]],
    max_sentences: int | None = None,
    min_chars: int = 2,
) -> list[Sentence]:
    """Sentences of ``article`` with ``line_spans(line, offset)`` splitting inside each line.

    Shared by the splitters: a line break is always a boundary, the news rules
    of :func:`~newsfuse.split.news.repair_spans` join and cut syntok's sentences, a blank line
    starts a new paragraph, spans shorter than ``min_chars`` are dropped and
    ``max_sentences`` bounds the work on huge articles.
    """
    text = article.text
    out: list[Sentence] = []
    paragraph = 0
    last_end = 0
    for line_start, line_end in line_bounds(text):
        body = text[line_start:line_end]
        if body.isspace():
            continue
        gap = text[last_end:line_start]
        if out and gap.count("\n") + gap.count("\r") - gap.count("\r\n") >= 2:
            paragraph += 1
        last_end = line_end
        spans = list(line_spans(body, line_start))
        # Three plain searches for the stops _CJK_STOP starts with: far cheaper than its regex scan.
        if "\u3002" in body or "\uff01" in body or "\uff1f" in body:
            spans = cut_at_cjk_stops(text, spans)
        spans = repair_spans(body, spans, line_start)
        for i, (start, end) in enumerate(spans):
            if text[start] in "—–" and start and text[start - 1] == ")":
                start += 1  # the dash of an agency dateline, "(HealthDay)—A little jogging…"
            if end - start < min_chars:
                continue
            out.append(new_sentence(doc, len(out), start, end, text[start:end], paragraph, i == 0, i == len(spans) - 1))
            if max_sentences is not None and len(out) >= max_sentences:
                return out
    return out


def line_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text``: the non-empty runs without a line break (\\n, \\r).

    >>> line_bounds("Kim left.\\n\\nXi stayed.\\r\\nEnd")
    [(0, 9), (11, 21), (23, 26)]
    """
    if "\r" in text:
        return [m.span() for m in _LINE.finditer(text)]
    # Only \n breaks lines: str.find walks the text in C, where the regex steps through every character.
    out = []
    at, n = 0, len(text)
    while at < n:
        end = text.find("\n", at)
        if end < 0:
            end = n
        if end > at:
            out.append((at, end))
        at = end + 1
    return out


def cut_at_cjk_stops(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` of ``text`` cut after each Chinese/Japanese full stop, exclamation or question mark.

    >>> text = "金正恩周三离开北京。他会见了习近平。"
    >>> [text[a:b] for a, b in cut_at_cjk_stops(text, [(0, len(text))])]
    ['金正恩周三离开北京。', '他会见了习近平。']
    """
    out: list[tuple[int, int]] = []
    for start, end in spans:
        for stop in _CJK_STOP.finditer(text, start, end):
            if stop.end() < end:
                out.append((start, stop.end()))
                start = stop.end()
                while start < end and text[start].isspace():
                    start += 1
        if start < end:
            out.append((start, end))
    return out
