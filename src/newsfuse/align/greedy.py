"""Default aligner: greedy constrained linkage over cross-article sentence similarity."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..analysis import Fact, StoryAnalysis


@dataclass(frozen=True)
class GreedyAligner:
    """Link the most similar cross-article sentence pairs first, one sentence per article per fact.

    Pairs with similarity >= ``threshold`` are merged in decreasing order of
    similarity (single linkage), but two groups never merge when they hold
    sentences of the same article, which stops chaining across a story.  The
    threshold is on the hybrid (semantic + lexical) cosine the pipeline builds.
    """

    threshold: float = 0.45

    def align(self, story: StoryAnalysis) -> list[Fact]:
        n = len(story.rows)
        docs = [story.sentences[i].doc for i in story.rows]
        parent = list(range(n))
        members_docs: list[set[int]] = [{d} for d in docs]

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        if n > 1:
            sim = story.similarity
            upper = np.triu(sim >= self.threshold, k=1)
            doc_arr = np.asarray(docs)
            upper &= doc_arr[:, None] != doc_arr[None, :]
            ii, jj = np.nonzero(upper)
            order = np.argsort(-sim[ii, jj], kind="stable")
            for k in order:
                a, b = find(int(ii[k])), find(int(jj[k]))
                if a == b or members_docs[a] & members_docs[b]:
                    continue
                parent[b] = a
                members_docs[a] |= members_docs[b]
        # Groups come out ordered by their first row (rows are visited in order), as sorting them would.
        groups: dict[int, list[int]] = {}
        for r in range(n):
            groups.setdefault(find(r), []).append(r)
        outlets = [a.outlet for a in story.articles]
        rows_of = story.rows
        return [
            Fact(members=(rows_of[rows[0]],), support=1)
            if len(rows) == 1
            else Fact(members=tuple(rows_of[r] for r in rows), support=len({outlets[docs[r]] for r in rows}))
            for rows in groups.values()
        ]
