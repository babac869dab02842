"""Default orderer: the lede first, then where the sources state each fact, earliest first.

A story told over days (dated articles whose chosen statements span more than ``CHRONICLE_DAYS``)
is told in the order it happened: day by day, by each statement's article date.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compare.timeline import parse_published
from ..state import StoryState
from ..units.names import Introductions

# A story whose chosen statements come from articles more than this many days apart reads as a chronicle.
CHRONICLE_DAYS = 2


@dataclass(frozen=True)
class PositionOrderer:
    """The lede first, then facts by their earliest relative position in any source article.

    (When a chosen unit ends right where the lede starts in its article, that run opens the summary.)

    News is written top-down (what happened, then details, then background),
    so the relative position at which outlets state a fact is a good proxy for
    both importance and chronology.  Ties go to the article order.  A fact is
    placed where its unit starts (the context it is stated with; ``story.stated``
    when selection recorded it).  A unit that
    continues, in its article, right where another chosen unit ends follows
    that unit directly: a run from one outlet stays together.  An article's chosen opening comes
    before anything else chosen from that article (``_article_order``).

    When every chosen unit's article is dated and the dates span more than ``CHRONICLE_DAYS``
    (a story that developed over days or weeks), facts go day by day in the order of their
    articles' dates, and the order above holds within a day: "Demirel asked Ecevit to form a
    government" (December 2) comes before "Ecevit returned his mandate" (December 19), whichever
    of them more outlets lead with.  A unit's day is its own article's, the day its relative dates
    ("on Friday") are told from.
    """

    def order(self, story: StoryState, chosen: list[int]) -> list[int]:
        lengths: dict[int, int] = {}
        for s in story.sentences:
            lengths[s.doc] = max(lengths.get(s.doc, 0), s.position + 1)
        units = {f: story.stated.get(f) or story.unit(story.wording.get(f, story.facts[f].members[0])) for f in chosen}

        def rel(i: int) -> float:
            s = story.sentences[i]
            return s.position / lengths[s.doc]

        def key(f: int) -> tuple[float, int, int]:
            members = story.facts[f].members
            unit = units[f]
            start = unit[0] if unit is not None else min(members)
            first = min([start, *members], key=lambda i: (rel(i), story.sentences[i].doc))
            return (
                round(min(rel(start), *(rel(i) for i in members)), 3),
                story.sentences[first].doc,
                story.sentences[first].position,
            )

        ordered = sorted(chosen, key=key)
        docs = [s.doc for s in story.sentences]
        positions = [s.position for s in story.sentences]
        if story.lede in chosen:
            # The lede opens the summary; so does a chosen opening the lede continues in its article.
            ends = {u[1]: f for f, u in units.items() if u is not None}
            head = story.lede
            while (
                units[head] is not None
                and units[head][0] - 1 in ends
                and docs[units[head][0] - 1] == docs[units[head][0]]
            ):
                head = ends[units[head][0] - 1]
            ordered.remove(head)
            ordered.insert(0, head)
        days = _days(story, [units[f][0] if units[f] is not None else min(story.facts[f].members) for f in ordered])
        if days is not None and told_over_days(days):
            by_day = dict(zip(ordered, days, strict=True))
            ordered.sort(key=by_day.__getitem__)  # stable: the order above holds within a day
            keep_first = ordered[0] == story.lede  # the lede stays first only if its day is the first
        else:
            keep_first = story.lede in chosen
        runs = _keep_runs(ordered, units, docs, keep_first=keep_first)
        return _after_introductions(story, _article_order(runs, units, docs, positions, keep_first), units, docs)


def told_over_days(days: list[int]) -> bool:
    """Whether statements from articles of these days (ordinals) tell a story over days.

    >>> told_over_days([730000, 730002]), told_over_days([730000, 730003]), told_over_days([])
    (False, True, False)
    """
    return bool(days) and max(days) - min(days) > CHRONICLE_DAYS


def _days(story: StoryState, sentences: list[int]) -> list[int] | None:
    """The publication day (an ordinal) of each sentence's article, or None when any of them is undated."""
    days = []
    for i in sentences:
        day = parse_published(story.articles[story.sentences[i].doc].published)
        if day is None:
            return None
        days.append(day.toordinal())
    return days


def _article_order(
    ordered: list[int],
    units: dict[int, tuple[int, int] | None],
    docs: list[int],
    positions: list[int],
    keep_first: bool = False,
) -> list[int]:
    """Move a chosen article opening (with the run it starts) to just before that article's other units.

    An article's first sentence introduces what its later ones add to, so nothing the article says
    later comes before it.  ``positions`` is each sentence's place in its article; with ``keep_first``
    the first fact (the lede) stays first.  An article's "Israel, for its part, ..." (its 40th sentence)
    no longer comes before its opening, "Mubarak met Assad on Sunday to defuse the tension":

    >>> units = {5: (40, 40), 6: (0, 0), 7: (90, 90)}
    >>> docs, positions = [0] * 50 + [1] * 50, list(range(50)) * 2
    >>> _article_order([5, 7, 6], units, docs, positions)
    [6, 5, 7]
    >>> _article_order([5, 7, 6], units, docs, positions, keep_first=True)
    [5, 7, 6]
    """
    blocks: list[list[int]] = []
    for f in ordered:
        u, last = units[f], units[blocks[-1][-1]] if blocks else None
        if u is not None and last is not None and last[1] + 1 == u[0] and docs[last[1]] == docs[u[0]]:
            blocks[-1].append(f)
        else:
            blocks.append([f])
    for k in range(len(blocks)):
        u = units[blocks[k][0]]
        if u is None or positions[u[0]] != 0:
            continue
        earlier = [
            j
            for j in range(1 if keep_first else 0, k)
            if (v := units[blocks[j][0]]) is not None and docs[v[0]] == docs[u[0]]
        ]
        if earlier:
            blocks.insert(earlier[0], blocks.pop(k))
    return [f for block in blocks for f in block]


def _after_introductions(
    story: StoryState, ordered: list[int], units: dict[int, tuple[int, int] | None], docs: list[int]
) -> list[int]:
    """Move each run that names someone by surname alone whom only its article mentions
    (:class:`~newsfuse.units.names.Introductions`) to just after the run that first says who he is,
    when that one comes later.

    "Murphy was not located with her vehicle" no longer comes before "…the disappearance of Alexis
    Murphy".  A run is a unit with the units that continue it in its article; the first run stays first.
    """
    introductions = Introductions.of(story)

    def text(f: int) -> str:
        u = units[f]
        return "" if u is None else " ".join(story.sentences[k].text for k in range(u[0], u[1] + 1))

    def continues(f: int, g: int) -> bool:
        a, b = units[f], units[g]
        return a is not None and b is not None and a[1] + 1 == b[0] and docs[a[1]] == docs[b[0]]

    def run_end(out: list[int], k: int) -> int:
        while k + 1 < len(out) and continues(out[k], out[k + 1]):
            k += 1
        return k

    out = list(ordered)
    for f in ordered:
        u = units[f]
        needed = introductions.needed(*u) if u is not None else frozenset()
        k = out.index(f)
        if not needed or k == 0 or (continues(out[k - 1], f)):
            continue
        missing = set(needed) - introductions.introduced(" ".join(text(g) for g in out[:k]), needed)
        if not missing:
            continue
        end = run_end(out, k)
        told = ""
        for j in range(end + 1, len(out)):
            told += " " + text(out[j])
            if not missing - introductions.introduced(told, missing):
                after = run_end(out, j)
                run = out[k : end + 1]
                del out[k : end + 1]
                at = after - len(run) + 1
                out[at:at] = run
                break
    return out


def _keep_runs(
    ordered: list[int], units: dict[int, tuple[int, int] | None], docs: list[int], keep_first: bool = False
) -> list[int]:
    """Move each unit that starts right after another chosen unit's end, in the same article, to just behind it.

    ``docs`` is the article of each sentence index; with ``keep_first`` the first fact stays first (the lede).
    A unit ordered before the one it continues moves behind it too:

    >>> _keep_runs([2, 0, 1], {0: (0, 1), 1: (7, 7), 2: (2, 3)}, [0] * 8)
    [0, 2, 1]

    >>> _keep_runs([0, 1, 2], {0: (0, 1), 1: (7, 7), 2: (2, 3)}, [0] * 8)
    [0, 2, 1]
    >>> _keep_runs([0, 1, 2], {0: (0, 1), 1: (7, 7), 2: (2, 3)}, [0, 0, 1, 1, 1, 1, 1, 1])
    [0, 1, 2]
    """
    follower = {}
    for f in ordered:
        u = units[f]
        if u is not None and u[0] > 0 and docs[u[0] - 1] == docs[u[0]]:
            follower[u[0]] = f
    leads_into = {}  # fact -> the chosen fact whose span ends right before it starts
    for f in ordered:
        u = units[f]
        if u is not None and u[1] + 1 in follower:
            leads_into[follower[u[1] + 1]] = f
    if keep_first and ordered:
        leads_into.pop(ordered[0], None)
        follower = {k: g for k, g in follower.items() if g != ordered[0]}
    out: list[int] = []
    placed: set[int] = set()
    for f in ordered:
        if f in placed or f in leads_into:  # a follower is placed behind the span it continues
            continue
        out.append(f)
        placed.add(f)
        u = units[f]
        while u is not None and u[1] + 1 in follower and follower[u[1] + 1] not in placed:
            g = follower[u[1] + 1]
            out.append(g)
            placed.add(g)
            u = units[g]
    return out
