"""Default splitter: syntok inside each line, so no sentence spans a line break."""

from __future__ import annotations

import re
from dataclasses import dataclass

from syntok import segmenter

from ..types import Article, Sentence
from .base import split_by_line

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
        return split_by_line(article, doc, _line_sentences, max_sentences, self.min_chars)


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
