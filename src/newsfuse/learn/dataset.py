"""Training rows for the learned selector, labelled against each story's reference.

One row per fact (its representative, the realize stage's choice) and one per other member of a
multi-outlet fact (as if it represented the fact): the model picks each fact's wording among them
at inference (``LearnedSelector.choose``), so it learns from them too.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..engine import ordered_parallel
from ..inputs import iter_lines, parse_multinews_line
from ..select.features import pair_matrix
from ..select.learned import wording_alternatives
from .labels import RougeTokens, greedy_oracle, sentence_gains

LABEL_NAMES = ("p1", "p2", "r1", "r2", "oracle")


@dataclass
class Dataset:
    """Features ``X`` (rows x features), labels ``y`` (rows x LABEL_NAMES) and rows per story.

    ``vectors`` are the rows' sentence embeddings (rows x dims, float16 to halve the
    memory of a large sample) in ``space``, for the content probe; ``X``'s ``content`` column is 0
    until :func:`newsfuse.learn.fit.fit_probe` fills it.
    """

    X: np.ndarray
    y: np.ndarray
    groups: np.ndarray
    vectors: np.ndarray | None = None
    space: str = ""

    def save(self, path: str | Path) -> None:
        extra = {} if self.vectors is None else {"vectors": self.vectors, "space": np.array(self.space)}
        np.savez_compressed(path, X=self.X, y=self.y, groups=self.groups, **extra)

    @classmethod
    def load(cls, path: str | Path) -> Dataset:
        with np.load(path) as d:
            vectors = d["vectors"] if "vectors" in d.files else None
            return cls(d["X"], d["y"], d["groups"], vectors, str(d["space"]) if "space" in d.files else "")


# One pipeline and stem cache per (worker) process, built on first use, as in evaluate.runner.
_STATE: dict[str, Any] = {}


StoryRows = tuple[np.ndarray, np.ndarray, np.ndarray | None, str]


def story_rows(src_line: str, tgt_line: str, words: int) -> StoryRows | None:
    """Features, labels, embeddings and vector space of one story's rows (``None``: no fact or no reference).

    The first rows are the facts' representatives, in fact order; the other members follow.
    """
    from ..pipeline import Pipeline

    if "pipeline" not in _STATE:
        _STATE["pipeline"], _STATE["tokens"] = Pipeline(), RougeTokens()
    pipeline, tokens = _STATE["pipeline"], _STATE["tokens"]
    reference = tgt_line.replace("NEWLINE_CHAR", " ").strip()
    articles = parse_multinews_line(src_line)
    if not articles or not reference:
        return None
    story = pipeline.analyse(articles)
    if not story.facts:
        return None
    reps = pipeline.realizer.realize(story)
    alt_facts, alt_sentences = wording_alternatives(story, reps)
    sentences = list(reps) + alt_sentences
    texts = [story.sentences[i].text for i in sentences]
    labels = np.zeros((len(sentences), len(LABEL_NAMES)), dtype=np.float32)
    labels[:, :4] = sentence_gains(texts, reference, tokens)
    # The oracle summary is over the representatives only (one sentence per fact).
    labels[greedy_oracle(texts[: len(reps)], reference, words, tokens), 4] = 1.0
    vectors = None
    if story.vectors is not None:
        row_of = {i: r for r, i in enumerate(story.rows)}
        vectors = story.vectors[[row_of[i] for i in sentences]].astype(np.float16)
    facts = np.r_[np.arange(len(reps)), alt_facts].astype(np.int64)
    return pair_matrix(story, facts, sentences, reps), labels, vectors, story.vector_space


def _task(args: tuple[str, str, int]) -> StoryRows | None:
    return story_rows(*args)


def sample_lines(n_total: int, n: int, seed: int) -> set[int]:
    """The line numbers of a seeded random sample of ``n`` stories out of ``n_total``."""
    return set(random.Random(seed).sample(range(n_total), min(n, n_total)))


def build_dataset(
    src: str | Path,
    tgt: str | Path,
    *,
    stories: int,
    seed: int = 13,
    words: int = 250,
    workers: int = 2,
    on_story: Any = None,
) -> Dataset:
    """Label a seeded random sample of ``stories`` stories of a Multi-News-format pair of files."""
    total = sum(1 for _ in iter_lines(src))
    wanted = sample_lines(total, stories, seed)

    def tasks() -> Iterator[tuple[str, str, int]]:
        for k, (s, t) in enumerate(zip(iter_lines(src), iter_lines(tgt), strict=False)):
            if k in wanted:
                yield s, t, words

    Xs, ys, vectors, spaces, groups = [], [], [], set(), []
    for n, rows in enumerate(ordered_parallel(_task, tasks(), workers), 1):
        if rows is not None:
            Xs.append(rows[0])
            ys.append(rows[1])
            vectors.append(rows[2])
            spaces.add(rows[3])
            groups.append(len(rows[0]))
        if on_story:
            on_story(n)
    embedded = len(spaces) == 1 and all(v is not None for v in vectors)
    return Dataset(
        np.concatenate(Xs),
        np.concatenate(ys),
        np.asarray(groups, dtype=np.int32),
        np.concatenate(vectors) if embedded else None,
        spaces.pop() if embedded else "",
    )
