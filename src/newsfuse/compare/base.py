"""The cross-source analysis as plain data: what every part returns and its JSON form.

Every item is cited like a summary sentence: ``{"source": article id, "start", "end"}`` with
offsets into that article's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..state import StoryState


@dataclass(frozen=True)
class Span:
    """A sentence of one source: ``article.text[start:end] == text``."""

    source: str
    outlet: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "start": self.start, "end": self.end, "text": self.text}


def span_of(state: StoryState, i: int) -> Span:
    """The cited span of sentence ``i`` of the analysis."""
    s = state.sentences[i]
    a = state.articles[s.doc]
    return Span(a.id, a.outlet, s.start, s.end, s.text)


@dataclass(frozen=True)
class ConsensusFact:
    """A fact several outlets state: its most central wording and every source sentence behind it."""

    text: str
    support: int
    outlets: tuple[str, ...]
    citations: tuple[Span, ...]
    importance: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "support": self.support,
            "outlets": list(self.outlets),
            "importance": round(self.importance, 4),
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(frozen=True)
class Version:
    """One outlet's side of a disagreement: its sentence and the words that differ (``claim``).

    ``claim_start``/``claim_end`` are offsets into the article text, like ``start``/``end``.
    """

    span: Span
    claim: str
    claim_start: int
    claim_end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.span.to_dict(),
            "outlet": self.span.outlet,
            "claim": self.claim,
            "claim_start": self.claim_start,
            "claim_end": self.claim_end,
        }


@dataclass(frozen=True)
class Disagreement:
    """Outlets stating one fact differently; ``kind`` is one of number, date, role, quote, negation.

    ``versions`` holds every outlet's version (two or more; the first two differ); ``sides`` groups
    them by what they say: ``[(claim, (outlet, ...), (source id, ...)), ...]``, largest side first.
    """

    kind: str
    versions: tuple[Version, ...]
    similarity: float

    @property
    def sides(self) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        from .disagree import claim_key

        groups: dict[str, list[Version]] = {}
        for v in self.versions:
            groups.setdefault(claim_key(v.claim), []).append(v)
        return [
            (
                vs[0].claim,
                tuple(dict.fromkeys(v.span.outlet for v in vs)),
                tuple(dict.fromkeys(v.span.source for v in vs)),
            )
            for vs in sorted(groups.values(), key=len, reverse=True)
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "similarity": round(self.similarity, 4),
            "versions": [v.to_dict() for v in self.versions],
            "sides": [
                {"claim": claim, "outlets": list(outlets), "sources": list(sources)}
                for claim, outlets, sources in self.sides
            ],
        }


@dataclass(frozen=True)
class UniqueFact:
    """A fact only one outlet reports, with its importance (centrality in the story)."""

    span: Span
    importance: float

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "importance": round(self.importance, 4)}


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event: the resolved date, the words that gave it and the sentences that state it.

    ``date`` is ``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-MM`` or ``YYYY`` (see ``granularity``);
    ``anchor`` is the publication day a relative expression was resolved against (None if absolute).
    """

    date: str
    granularity: str
    expression: str
    relative: bool
    anchor: str | None
    citations: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "granularity": self.granularity,
            "expression": self.expression,
            "relative": self.relative,
            "anchor": self.anchor,
            "text": self.citations[0].text,
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(frozen=True)
class Mentioned:
    """An entity (``kind`` person, organization, place or other) or a key number, and who mentions it."""

    text: str
    kind: str
    outlets: int
    mentions: int
    citations: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "outlets": self.outlets,
            "mentions": self.mentions,
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass
class CrossSource:
    """What the outlets of one story agree on, disagree on and add alone, and when things happened."""

    n_sources: int
    n_outlets: int
    consensus: list[ConsensusFact] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    unique: dict[str, list[UniqueFact]] = field(default_factory=dict)
    timeline: list[TimelineEvent] = field(default_factory=list)
    timeline_notes: list[str] = field(default_factory=list)
    entities: list[Mentioned] = field(default_factory=list)
    numbers: list[Mentioned] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    entity_method: str = "heuristic"

    @property
    def single_outlet(self) -> bool:
        return self.n_outlets < 2

    def to_dict(self) -> dict[str, Any]:
        """The ``analysis`` object of the public JSON (see ``schema/story.schema.json``)."""
        return {
            "n_sources": self.n_sources,
            "n_outlets": self.n_outlets,
            "consensus": [f.to_dict() for f in self.consensus],
            "disagreements": [d.to_dict() for d in self.disagreements],
            "unique": [
                {
                    "source": sid,
                    "outlet": facts[0].span.outlet if facts else None,
                    "facts": [f.to_dict() for f in facts],
                }
                for sid, facts in self.unique.items()
            ],
            "timeline": {"events": [e.to_dict() for e in self.timeline], "notes": list(self.timeline_notes)},
            "entities": [e.to_dict() for e in self.entities],
            "entity_method": self.entity_method,
            "numbers": [n.to_dict() for n in self.numbers],
            "notes": list(self.notes),
        }
