"""The lede: the fact most outlets open with, worded by a sentence that states it on its own.

A reader expects a news summary to start with what happened.  Outlets put that in their first
sentences, so the lede is the fact, among those some article opens with, that an opening reports as
an event (something that happened, not a quote, a question or a statement about a thing), whose
statement is found at the top of the most articles (a member of the fact there, or a sentence close
to it); among equals, the most central.  Its wording is the member that opens an article and reads alone (its
unit is the sentence itself), the most central such one.  (Preferring an article's very first
sentence among equals cost 0.3 ROUGE-2 recall on DUC 2004 dev and nothing on Multi-News.)
"""

from __future__ import annotations

import re

import numpy as np

from ..state import StoryState
from ..text.lexicon import WEEKDAYS
from ..units.context import pronoun_before_name
from ..units.names import Introductions

# Verbs in the past that do not end in "-ed" (the forms news reports use most; not "hit", "set", "put",
# "cut" or "bit", nouns as often: "a little bit").
_PAST_FORMS = frozenset(
    [
        "was",
        "were",
        "had",
        "did",
        "said",
        "told",
        "made",
        "took",
        "gave",
        "got",
        "went",
        "came",
        "found",
        "left",
        "won",
        "lost",
        "led",
        "fell",
        "rose",
        "broke",
        "began",
        "ran",
        "sent",
        "spent",
        "paid",
        "held",
        "kept",
        "met",
        "brought",
        "bought",
        "caught",
        "taught",
        "thought",
        "fought",
        "built",
        "meant",
        "became",
        "struck",
        "shot",
        "drove",
        "flew",
        "grew",
        "knew",
        "threw",
        "wrote",
        "spoke",
        "chose",
        "froze",
        "woke",
        "wore",
        "tore",
        "swore",
        "sank",
        "sang",
        "rang",
        "shook",
        "stood",
        "understood",
        "overtook",
        "withdrew",
        "undertook",
        "forgave",
        "overcame",
        "sought",
        "slid",
        "hung",
        "dealt",
        "felt",
        "heard",
        "saw",
        "sat",
        "stuck",
        "swept",
        "fled",
        "bled",
        "dug",
    ]
)
# Words that end in "-ed" without being a verb in the past.
_NOT_PAST = frozenset(
    [
        "need",
        "needed",
        "indeed",
        "red",
        "bed",
        "speed",
        "seed",
        "feed",
        "shed",
        "hundred",
        "breed",
        "greed",
        "deed",
        "weed",
        "bleed",
        "proceed",
        "exceed",
        "succeed",
        "embed",
        "steed",
        "sacred",
        "naked",
        "wicked",
        "rugged",
        "ragged",
        "wretched",
        "beloved",
        "aged",
        "alleged",
        "so-called",
        "based",
        "related",
        "concerned",
        "interested",
        "tired",
    ]
)
# Words after which an "-ed" form is an adjective or a passive in the present ("is based", "are required").
_PRESENT_AUX = frozenset(
    ["is", "are", "am", "be", "'s", "get", "gets", "seems", "seem", "become", "becomes", "remain", "remains"]
)
# After these an "-ing" form is an action going on now ("is buying", "are swirling").
_PROGRESSIVE_AUX = frozenset(["is", "are", "am", "'s"])
# After "has"/"have" any word but these makes a perfect ("studies have shown", "has often taken").
_NOT_PARTICIPLES = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "no",
        "any",
        "some",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        "many",
        "more",
        "much",
        "little",
        "few",
        "one",
        "two",
        "been",
    ]
)
# Words that make a statement news without a verb in the past: a day, a perfect ("has been"),
# attribution in the present ("says", "according to", "a study suggests"), "will".
_NEWS_MARKERS = WEEKDAYS | frozenset(
    [
        "today",
        "yesterday",
        "tonight",
        "been",
        "says",
        "say",
        "reports",
        "report",
        "announces",
        "announce",
        "according",
        "suggests",
        "finds",
        "shows",
        "reveals",
        "confirms",
        "claims",
        "will",
    ]
)
# Openers of a feature or essay rather than a report: a condition, a hypothetical, a reflection.
_FEATURE_OPENERS = frozenset(["if", "whoever", "whatever", "imagine", "remember", "ever", "once", "suppose", "picture"])
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_QUOTE_MARKS = "\"“”‘'`«"


def reads_as_event(text: str) -> bool:
    """Does the sentence report something that happened, as a news lede does?

    It must start with a capital or a digit (not "share tweet pin email ..."), not be a question,
    open with a quotation mark or open a feature ("If ...", "Whoever ...", "Imagine ..."), and it
    must hold a verb in the past ("fired": an "-ed" form not after "is"/"are", or an irregular past
    form, but not "once said", an anecdote), a perfect ("studies have shown"), an action going on
    ("is buying") or a marker of news in the present (a weekday, "today", "has been", "says",
    "according to", "will").  A statement in the present about a thing ("The Good Country Index doesn't measure what
    countries do at home.") is no event.

    >>> reads_as_event("Sylvester Stallone suggested on Sunday that he was not interested in the role.")
    True
    >>> reads_as_event("The Colchester Zoo in England is home to a community of mandrills, the largest of the monkeys.")
    False
    >>> reads_as_event('"I am incredibly flattered to have been suggested," Stallone said in a statement late Sunday.')
    False
    """
    stripped = text.strip()
    initial = next((c for c in stripped if c.isalnum()), "")
    if not stripped or initial.islower() or stripped[0] in _QUOTE_MARKS or stripped.rstrip("\"”’')").endswith("?"):
        return False
    words = _WORD.findall(stripped)
    if not words or words[0].lower() in _FEATURE_OPENERS:
        return False
    previous = ""
    for word in words:
        low = word.lower()
        if low in _NEWS_MARKERS or (low in _PAST_FORMS and previous != "once"):  # not "once said": an anecdote
            return True
        if (
            low.endswith("ed")
            and len(low) > 4
            and word[0].islower()
            and low not in _NOT_PAST
            and previous not in _PRESENT_AUX
            and previous != "once"
        ):
            return True
        if low.endswith("ing") and previous in _PROGRESSIVE_AUX:
            return True
        if previous in ("has", "have", "'ve") and low not in _NOT_PARTICIPLES:
            return True
        if not low.endswith("ly"):  # "are intensely lobbying": the adverb leaves the auxiliary in place
            previous = low
    return False


def lede_fact(
    story: StoryState,
    representatives: list[int],
    lead_ranks: int = 2,
    top_ranks: int = 3,
    threshold: float = 0.45,
    min_words: int = 8,
) -> tuple[int, int] | None:
    """``(fact, sentence)``: the lede fact and the sentence to word it, or None when no article has one.

    Candidates are facts with a member among the first ``lead_ranks`` candidate sentences of an
    original (not near-copy) article, of at least ``min_words`` words, that read alone and name
    who they are about before any "he" or "her" (:func:`~newsfuse.units.context.pronoun_before_name`).  Each
    scores one vote per original article whose first ``top_ranks`` candidates hold a member or a
    sentence at least ``threshold`` similar to one of its lead members.  A fact whose wording reports
    an event (:func:`reads_as_event`) comes before one whose wording does not (a quote, a question, a
    statement in the present about a thing), then votes decide, then centrality.
    Nor may it name someone by surname alone whom only its article mentions, after introducing him
    (:class:`~newsfuse.units.names.Introductions`): "Thompson said he has been looking into the
    department's contracting" cannot open a summary.

    >>> from newsfuse.pipeline import Pipeline
    >>> from newsfuse.types import Article
    >>> story = Pipeline().analyse([
    ...     Article("a", "Kim Jong Un left Beijing on Wednesday after talks with Xi. Trade was discussed too."),
    ...     Article("b", "North Korea's Kim Jong Un left Beijing on Wednesday after meeting Xi. It was his 4th trip."),
    ... ])
    >>> f, i = lede_fact(story, [fact.members[0] for fact in story.facts])
    >>> story.sentences[i].position
    0
    """
    if not story.facts or not story.rows:
        return None
    sentences = story.sentences
    originals = {s.doc for s in sentences} - set(story.copies)
    if not originals:
        originals = {s.doc for s in sentences}
    fact_of = story.fact_of_row
    # One pass over the candidates: each one's rank in its article (candidate_ranks), the rows of the
    # originals' openings (columns, with their article) and the opening sentences that may word the lede.
    top_rows: list[int] = []
    column_doc: list[int] = []
    openers: list[tuple[int, int]] = []  # (sentence, row)
    per_doc: dict[int, int] = {}
    reach = max(top_ranks, lead_ranks)
    for r, i in enumerate(story.rows):
        d = sentences[i].doc
        k = per_doc.get(d, 0)
        per_doc[d] = k + 1
        if k < reach and d in originals:
            if k < top_ranks:
                top_rows.append(r)
                column_doc.append(d)
            if k < lead_ranks:
                openers.append((i, r))
    if not top_rows:
        return None
    # Candidate wordings: opening sentences of original articles, long enough, that read alone.
    leads, lead_rows = [], []
    introductions = Introductions.of(story)
    for i, r in openers:
        if (
            sentences[i].n_words >= min_words
            and story.unit(i) == (i, i)
            and not pronoun_before_name(sentences[i].text)
            and not introductions.needed(i, i)
        ):
            leads.append(i)
            lead_rows.append(r)
    if not leads:
        return None
    # hits[a, d]: lead sentence a is close to a sentence in the opening of the d-th article that has
    # opening rows (rows come article by article, so each article's columns are one run).
    close = story.similarity[np.ix_(lead_rows, top_rows)] >= threshold
    runs = [k for k in range(len(column_doc)) if k == 0 or column_doc[k] != column_doc[k - 1]]
    hits = np.logical_or.reduceat(close, runs, axis=1)
    centrality = story.centrality
    by_fact: dict[int, list[int]] = {}
    for a, r in enumerate(lead_rows):
        by_fact.setdefault(fact_of[r], []).append(a)
    event = [reads_as_event(sentences[i].text) for i in leads]
    best: tuple[bool, float, float, int, int] | None = None  # event, votes, centrality, -fact, wording
    for f, members in by_fact.items():
        votes = float(hits[members].any(axis=0).sum())
        a = max(members, key=lambda a: float(centrality[lead_rows[a]]))
        key = (event[a], votes, float(centrality[lead_rows[a]]), -f, leads[a])
        if best is None or key > best:
            best = key
    if best is None:
        return None
    return -int(best[-2]), int(best[-1])
