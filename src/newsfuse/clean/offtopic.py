"""Off-topic cleaning: paragraphs pasted in from unrelated stories.

Scraped pages often carry a teaser of another story (a headline line followed
by a paragraph or two) in the middle of the body.  Such a block is far from
the story's centroid *and* from the rest of its own article, while genuine
background paragraphs stay close to at least one of them.

Only a minority of an article is judged: a paragraph holding more than half of
its article's candidate sentences *is* the article (plain text and JSONL
bodies often arrive as one paragraph), and whether a whole article belongs to
the story is the cluster stage's call, not cleaning's.  Without that guard a
story whose other inputs are boilerplate pages (a Twitter embed notice, a
domain-parking page) lost its one real article here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

from ..types import Sentence
from .boilerplate import is_headline_like


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n else v


def offtopic_labels(
    sentences: Sequence[Sentence],
    rows: Sequence[int],
    vectors: np.ndarray,
    *,
    threshold: float = 0.12,
    teaser_threshold: float = 0.3,
) -> dict[int, str]:
    """Label the sentences of off-topic paragraphs; returns ``{sentence index: "offtopic"}``.

    ``rows`` are the indices (into ``sentences``) of the candidate sentences
    and ``vectors`` their unit embeddings, row for row.  A paragraph is
    off-topic when its mean vector has cosine below ``threshold`` with both
    the other articles' centroid and the rest of its own article; a paragraph
    that opens with a headline line in mid-article (a pasted teaser) uses the
    looser ``teaser_threshold``.  A paragraph holding more than half of its
    article's candidate sentences is never labelled (see the module note).
    """
    if len(rows) < 4:
        return {}
    paragraphs: dict[tuple[int, int], list[int]] = defaultdict(list)
    for r, i in enumerate(rows):
        paragraphs[(sentences[i].doc, sentences[i].paragraph)].append(r)
    teasers = {
        (s.doc, s.paragraph)
        for s in sentences
        if s.position > 0 and is_headline_like(s) and len(s.text.split()) >= 4 and s.text[:1].isupper()
    }
    docs = np.array([sentences[i].doc for i in rows])
    rows_of_doc = Counter(docs.tolist())
    total = vectors.sum(axis=0)
    per_doc = {d: vectors[docs == d].sum(axis=0) for d in set(docs.tolist())}
    labels: dict[int, str] = {}
    for (doc, para), members in paragraphs.items():
        if (len(paragraphs) < 3 and len(per_doc) < 2) or 2 * len(members) > rows_of_doc[doc]:
            continue
        own = vectors[members].sum(axis=0)
        para_vec = _unit(own)
        others = _unit(total - per_doc[doc])
        rest_of_article = _unit(per_doc[doc] - own)
        closeness = max(float(para_vec @ others), float(para_vec @ rest_of_article))
        limit = teaser_threshold if (doc, para) in teasers else threshold
        if closeness < limit:
            for r in members:
                labels[rows[r]] = "offtopic"
    return labels
