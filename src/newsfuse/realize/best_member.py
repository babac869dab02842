"""Default realizer: the most central, earliest, well-sized member of each fact."""

from __future__ import annotations

from dataclasses import dataclass

from ..state import StoryState


@dataclass(frozen=True)
class BestMemberRealizer:
    """Pick each fact's member with the best centrality, preferring sentences of 8-45 words that read alone.

    Extractive on purpose: the summary sentence is a verbatim source sentence,
    so its citation offsets slice back to exactly the same text.
    """

    min_words: int = 8
    max_words: int = 45

    def realize(self, story: StoryState) -> list[int]:
        row_of = {i: r for r, i in enumerate(story.rows)}
        chosen = []
        sentences, copies, centrality = story.sentences, story.copies, story.centrality
        for fact in story.facts:
            if len(fact.members) == 1:  # most facts: nothing to choose
                chosen.append(fact.members[0])
                continue
            # Score = centrality + size + copy terms + a context term that is never positive, so the
            # context (reading the sentence's unit) is only looked at while it could change the winner:
            # members in falling order of the rest; the first of equal scores wins, as max() would pick.
            ranked = []
            for k, i in enumerate(fact.members):
                n = sentences[i].n_words
                sized = 0.0 if self.min_words <= n <= self.max_words else -0.1
                # A near-copy article is counted once: its original speaks for it.
                copied = -1.0 if sentences[i].doc in copies else 0.0
                ranked.append((-(float(centrality[row_of[i]]) + sized + copied), k, i))
            ranked.sort()
            best: tuple[float, int, int] | None = None  # (-score, member order, sentence)
            for neg, k, i in ranked:
                if best is not None and (-neg, -k) < (-best[0], -best[1]):
                    break  # no later member can reach the best score
                # A sentence that reads alone beats one that needs its neighbours, which beats one
                # that cannot be stated at all (see StoryState.unit).
                unit = story.unit(i)
                context = 0.0 if unit == (i, i) else -0.2 if unit is not None else -2.0
                key = (-(-neg + context), k, i)
                if best is None or key < best:
                    best = key
            assert best is not None
            chosen.append(best[2])
        return chosen
