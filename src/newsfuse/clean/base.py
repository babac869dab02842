"""Clean stage interface: label what is not the story's news text, never delete it.

Cleaning runs in two passes around the embed stage: :meth:`Cleaner.label` reads the words
(boilerplate, headlines, page furniture, near-copy articles); :meth:`Cleaner.label_candidates`
reads the candidates' similarities (repeats, off-topic paragraphs).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from ..state import StoryState
from .boilerplate import (
    near_copies,
    near_repeat_labels,
    opening_words,
    repeated_articles,
    sentence_words,
    structural_labels,
)
from .furniture import drop_furniture_pages
from .offtopic import offtopic_labels


class Cleaner(Protocol):
    """Labels sentences (``story.labels``: sentence index -> reason) and near-copy articles (``story.copies``)."""

    def label(self, story: StoryState) -> None:
        """Before embedding: set ``story.words``, ``story.labels`` and ``story.copies``; warn in ``story.warnings``."""
        ...

    def label_candidates(
        self, story: StoryState, rows: list[int], lexical_sim: np.ndarray, semantic: np.ndarray
    ) -> dict[int, str]:
        """After embedding: labels for candidates (``rows``, with their similarities and vectors) to leave out."""
        ...


class DefaultCleaner:
    """Headlines, boilerplate, page furniture, near-copies; then near-repeats and off-topic paragraphs.

    >>> from newsfuse.split import default_splitter
    >>> from newsfuse.types import Article
    >>> story = StoryState([Article("a", "Advertisement\\n\\nKim left Beijing on Wednesday after talks.")])
    >>> story.sentences = default_splitter().split(story.articles[0], 0, 150)
    >>> DefaultCleaner().label(story)
    >>> sorted(story.labels.values())
    ['boilerplate']
    """

    def label(self, story: StoryState) -> None:
        # One pass of word extraction serves the structural labels and the copy detection.
        story.words = words = sentence_words(story.articles, story.sentences)
        story.labels = structural_labels(story.articles, story.sentences, words=words)
        story.warnings.extend(drop_furniture_pages(story.articles, story.sentences, story.labels))
        story.copies = near_copies(
            story.articles, opening_words=opening_words(story.sentences, words, len(story.articles))
        )
        story.warnings.extend(label_repeats(story))

    def label_candidates(
        self, story: StoryState, rows: list[int], lexical_sim: np.ndarray, semantic: np.ndarray
    ) -> dict[int, str]:
        dropped = near_repeat_labels(story.sentences, rows, lexical_sim)
        dropped.update(offtopic_labels(story.sentences, rows, semantic))
        return dropped


def label_repeats(story: StoryState) -> list[str]:
    """Label every sentence of an article given twice (:func:`repeated_articles`, kept in ``story.repeats``)
    ``repeated-article``.

    Its text stays in the sources, but it states nothing a second time: no sentence of it is a
    candidate, so it adds no support and no citation.  One warning per repeat.
    """
    open_docs = {s.doc for i, s in enumerate(story.sentences) if i not in story.labels}
    # An article left out already (a furniture page) needs no second word.
    repeats = {j: i for j, i in repeated_articles(story.articles, story.copies).items() if j in open_docs}
    story.repeats = repeats
    if not repeats:
        return []
    for i, s in enumerate(story.sentences):
        if s.doc in repeats:
            story.labels[i] = "repeated-article"
    return [
        f"input {j + 1} ({story.articles[j].id}) repeats input {i + 1} ({story.articles[i].id}) word for word; "
        "counted once"
        for j, i in sorted(repeats.items())
    ]
