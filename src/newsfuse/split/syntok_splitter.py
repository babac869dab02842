"""Default splitter: syntok inside each line, so no sentence spans a line break."""

from __future__ import annotations

import re
from dataclasses import dataclass

from syntok import segmenter

from ..types import Article, Sentence

_LINE = re.compile(r"[^\r\n]+")
# syntok misses a boundary when a scraper glued two sentences ("Korea.Kim is").
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")


@dataclass(frozen=True)
class SyntokSplitter:
    """Sentence splitter built on syntok.

    Lines are hard boundaries (headlines, captions and paragraphs in scraped
    news rarely end with punctuation), a blank line starts a new paragraph,
    and ``max_sentences`` bounds the work on huge articles.

    >>> from newsfuse.types import Article
    >>> [s.text for s in SyntokSplitter().split(Article("a", "Title\\n\\nOne here. Two there."), 0)]
    ['Title', 'One here.', 'Two there.']
    """

    min_chars: int = 2

    def split(self, article: Article, doc: int, max_sentences: int | None = None) -> list[Sentence]:
        text = article.text
        out: list[Sentence] = []
        paragraph = 0
        last_end = 0
        for line in _LINE.finditer(text):
            if not line.group().strip():
                continue
            gap = text[last_end : line.start()]
            if out and gap.count("\n") + gap.count("\r") - gap.count("\r\n") >= 2:
                paragraph += 1
            last_end = line.end()
            spans = list(_line_sentences(line.group(), line.start()))
            for i, (start, end) in enumerate(spans):
                if end - start < self.min_chars:
                    continue
                out.append(
                    Sentence(
                        doc=doc,
                        position=len(out),
                        start=start,
                        end=end,
                        text=text[start:end],
                        paragraph=paragraph,
                        line_start=i == 0,
                        line_end=i == len(spans) - 1,
                    )
                )
                if max_sentences is not None and len(out) >= max_sentences:
                    return out
        return out


def _line_sentences(line: str, offset: int):
    """Yield (start, end) of each sentence in one line, as absolute offsets."""
    for para in segmenter.analyze(line):
        for sent in para:
            tokens = [t for t in sent if t.value]
            if not tokens:
                continue
            start, end = tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)
            cut = start
            for m in _GLUED.finditer(line, start, end):
                yield offset + cut, offset + m.start()
                cut = m.start()
            yield offset + cut, offset + end
