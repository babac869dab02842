"""The facts a rewrite starts from: the extractive summary's sentences with their source spans and disputes.

>>> from newsfuse.pipeline import Pipeline
>>> from newsfuse.types import Article
>>> story = Pipeline().summarize([
...     Article("a", "Kim left Beijing on Wednesday after a two-day visit.", source="Reuters"),
...     Article("b", "Kim left Beijing on Wednesday after a three-day visit.", source="AP"),
... ], words=40)
>>> unit = units_of(story)[0]
>>> unit.id, unit.outlets, [(v.outlet, v.claim) for v in unit.versions]
(1, ('Reuters', 'AP'), [('Reuters', 'two-day'), ('AP', 'three-day')])
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..compare.disagree import compare_sentences
from ..compare.timeline import parse_published
from ..types import Article, Story
from .base import Unit, Version

# Conflicts between outlets that make a fact disputed (the kinds compare_sentences reports with a claim).
DISPUTE_KINDS = frozenset({"number", "date", "quote", "negation", "role"})


def outlet_name(article: Article, number: int) -> str:
    """How a sentence names an outlet: its source, else its URL's host, else "Source N" (its citation number)."""
    if article.source and article.source.strip():
        return article.source.strip()
    host = urlsplit(article.url).hostname if article.url else None
    return host.removeprefix("www.") if host else f"Source {number}"


def units_of(story: Story) -> list[Unit]:
    """One :class:`Unit` per summary sentence, in story order, with the versions of disputed facts."""
    by_id = {a.id: (k + 1, a) for k, a in enumerate(story.sources)}
    units = []
    for k, s in enumerate(story.sentences):
        disputed = getattr(s, "disputed", ())
        others = [c for d in disputed[:1] for o in d.others for c in o.citations[:1]]
        cites = tuple(dict.fromkeys(c for c in (*s.citations, *others) if c.source in by_id))
        arts = [by_id[c.source] for c in cites]
        texts = tuple(a.text[c.start : c.end] for c, (_, a) in zip(cites, arts, strict=True))
        outlets = tuple(outlet_name(a, n) for n, a in arts)
        published = tuple(a.published for _, a in arts)
        unit = Unit(k + 1, s.text, s.support, cites, texts, outlets, published)
        units.append(_from_dispute(unit, disputed[0]) if disputed else _with_versions(unit))
    return units


def _from_dispute(unit: Unit, dispute) -> Unit:
    """The unit with the versions the summary sentence's first dispute names (``SummarySentence.disputed``)."""
    where = {c: k for k, c in enumerate(unit.citations)}
    first = unit.citations[0]
    versions = [Version(unit.outlets[0], dispute.claim, unit.sources[0], first)]
    for other in dispute.others:
        c = next((c for c in other.citations if c in where), None)
        if c is not None and other.claim.lower() not in {v.claim.lower() for v in versions}:
            versions.append(Version(unit.outlets[where[c]], other.claim, unit.sources[where[c]], c))
    if len(versions) < 2:
        return unit
    return Unit(
        unit.id, unit.text, unit.support, unit.citations, unit.sources, unit.outlets, unit.published, tuple(versions)
    )


def _with_versions(unit: Unit) -> Unit:
    """The unit with the versions of the first claim its outlets state differently (none if they agree).

    The first cited span (the summary sentence) is compared with each span of another outlet.
    """
    if len(unit.sources) < 2:
        return unit
    first, anchor = unit.sources[0], parse_published(unit.published[0])
    versions: dict[str, Version] = {}
    for k in range(1, len(unit.sources)):
        if unit.outlets[k] == unit.outlets[0]:
            continue
        found = [
            c
            for c in compare_sentences(first, unit.sources[k], anchor, parse_published(unit.published[k]))
            if c.kind in DISPUTE_KINDS
        ]
        if not found:
            continue
        c = found[0]
        if not versions:
            versions[c.a_text.lower()] = Version(unit.outlets[0], c.a_text, first, unit.citations[0])
        elif c.a_text.lower() not in versions:
            continue  # another claim of the first sentence: one disputed claim per fact is shown
        versions.setdefault(c.b_text.lower(), Version(unit.outlets[k], c.b_text, unit.sources[k], unit.citations[k]))
    if len(versions) < 2:
        return unit
    return Unit(
        unit.id,
        unit.text,
        unit.support,
        unit.citations,
        unit.sources,
        unit.outlets,
        unit.published,
        tuple(versions.values()),
    )
