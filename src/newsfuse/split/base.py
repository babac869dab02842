"""Split stage interface: an article's text becomes Sentences with exact offsets."""

from __future__ import annotations

from typing import Protocol

from ..types import Article, Sentence


class Splitter(Protocol):
    """Splits one article into sentences; ``article.text[s.start:s.end] == s.text`` must hold."""

    def split(self, article: Article, doc: int, max_sentences: int | None = None) -> list[Sentence]: ...
