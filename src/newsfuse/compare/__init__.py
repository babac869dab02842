"""Cross-source analysis: consensus, disagreements, unique facts, timeline, entities and key numbers.

Built on the pipeline's alignment (``Pipeline().analyse(articles)``); every item is cited to source
spans.  One module per part: agreement (consensus), disagree, unique, timeline, ner (entities and
key numbers); the sentence readers they share are tokens, numbers, names and quoting.

>>> from newsfuse.pipeline import Pipeline
>>> from newsfuse.types import Article
>>> story = Pipeline().analyse([
...     Article("a", "Kim left Beijing on Wednesday after a two-day visit.", source="A", published="2019-01-09"),
...     Article("b", "Kim left Beijing on Wednesday after a three-day visit.", source="B", published="2019-01-09"),
... ])
>>> cross = analyse(story)
>>> [(d.kind, d.versions[0].claim, d.versions[1].claim) for d in cross.disagreements]
[('number', 'two-day', 'three-day')]
>>> [(e.date, e.expression) for e in cross.timeline]
[('2019-01-09', 'Wednesday')]
"""

from __future__ import annotations

from datetime import date

from ..state import StoryState
from .agreement import consensus
from .base import ConsensusFact, CrossSource, Disagreement, Mentioned, Span, TimelineEvent, UniqueFact, Version
from .disagree import compare_sentences, find_disagreements
from .ner import NER, HeuristicNER, entities, key_numbers
from .timeline import build_timeline, find_dates, parse_published
from .unique import unique_facts


def analyse(
    state: StoryState, *, ner: NER | None = None, today: date | None = None, max_pairs: int = 3000
) -> CrossSource:
    """The cross-source analysis of an analysed story (see the module docstring).

    ``ner`` swaps the entity recogniser (default :class:`HeuristicNER`); ``today`` is the day
    against which "dated in the future" is judged (default: today); ``max_pairs`` bounds the
    sentence pairs read for disagreements.
    """
    ner = ner or HeuristicNER()
    cross = CrossSource(n_sources=len(state.articles), n_outlets=state.n_outlets)
    cross.entity_method = getattr(ner, "name", type(ner).__name__)
    if not state.rows:
        cross.notes.append("nothing to analyse: no sentences in the input")
        return cross
    if cross.single_outlet:
        cross.consensus = consensus(state)
        cross.notes.append("only one outlet: nothing to compare, so no disagreements and no unique contributions")
    else:
        cross.disagreements, notes = find_disagreements(state, today=today, max_pairs=max_pairs)
        cross.notes += notes
        cross.consensus = consensus(state, disputed=disputed_facts(state, cross.disagreements))
        cross.unique = unique_facts(state)
    cross.timeline, cross.timeline_notes = build_timeline(state, today=today)
    cross.entities = entities(state, ner=ner)
    cross.numbers = key_numbers(state)
    return cross


__all__ = [
    "NER",
    "ConsensusFact",
    "CrossSource",
    "Disagreement",
    "HeuristicNER",
    "Mentioned",
    "Span",
    "TimelineEvent",
    "UniqueFact",
    "Version",
    "analyse",
    "build_timeline",
    "compare_sentences",
    "consensus",
    "disputed_facts",
    "entities",
    "find_dates",
    "find_disagreements",
    "key_numbers",
    "parse_published",
    "unique_facts",
]


def disputed_facts(state: StoryState, disagreements: list[Disagreement]) -> set[int]:
    """The facts (indices into ``state.facts``) that one side of a disagreement states."""
    if not disagreements:
        return set()
    where = {(state.articles[s.doc].id, s.start): i for i, s in enumerate(state.sentences)}
    fact_of = {i: f for f, fact in enumerate(state.facts) for i in fact.members}
    out = set()
    for d in disagreements:
        for v in d.versions:
            i = where.get((v.span.source, v.span.start))
            if i in fact_of:
                out.add(fact_of[i])
    return out
