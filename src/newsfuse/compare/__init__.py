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
    analysis: StoryState, *, ner: NER | None = None, today: date | None = None, max_pairs: int = 3000
) -> CrossSource:
    """The cross-source analysis of an analysed story (see the module docstring).

    ``ner`` swaps the entity recogniser (default :class:`HeuristicNER`); ``today`` is the day
    against which "dated in the future" is judged (default: today); ``max_pairs`` bounds the
    sentence pairs read for disagreements.
    """
    ner = ner or HeuristicNER()
    cross = CrossSource(n_sources=len(analysis.articles), n_outlets=analysis.n_outlets)
    cross.entity_method = getattr(ner, "name", type(ner).__name__)
    if not analysis.rows:
        cross.notes.append("nothing to analyse: no sentences in the input")
        return cross
    if cross.single_outlet:
        cross.consensus = consensus(analysis)
        cross.notes.append("only one outlet: nothing to compare, so no disagreements and no unique contributions")
    else:
        cross.disagreements, notes = find_disagreements(analysis, today=today, max_pairs=max_pairs)
        cross.notes += notes
        cross.consensus = consensus(analysis, disputed=disputed_facts(analysis, cross.disagreements))
        cross.unique = unique_facts(analysis)
    cross.timeline, cross.timeline_notes = build_timeline(analysis, today=today)
    cross.entities = entities(analysis, ner=ner)
    cross.numbers = key_numbers(analysis)
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


def disputed_facts(analysis: StoryState, disagreements: list[Disagreement]) -> set[int]:
    """The facts (indices into ``analysis.facts``) that one side of a disagreement states."""
    where = {(analysis.articles[s.doc].id, s.start): i for i, s in enumerate(analysis.sentences)}
    fact_of = {i: f for f, fact in enumerate(analysis.facts) for i in fact.members}
    out = set()
    for d in disagreements:
        for v in d.versions:
            i = where.get((v.span.source, v.span.start))
            if i in fact_of:
                out.add(fact_of[i])
    return out

