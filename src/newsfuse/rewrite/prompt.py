"""What the model is asked, and how its answer is read back into sentences tagged with fact ids.

>>> [(d.text, d.facts, d.tags) for d in parse_reply("Kim left Beijing. [F1] He met Xi [F2, F3].", 3)]
[('Kim left Beijing.', (1,), 'model'), ('He met Xi.', (2, 3), 'model')]
>>> [(d.text, d.facts, d.tags) for d in parse_reply("1. Kim left Beijing on Wednesday.", 3)]
[('Kim left Beijing on Wednesday.', (), 'derived')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..compare.tokens import content, words
from ..split import default_splitter
from ..types import Article
from .base import Unit

SYSTEM = (
    "You are a careful news editor. Rewrite the numbered facts into a short, fluent news story. "
    "Use only what the facts say: never add a number, name, date or quotation that is not in them. "
    "Keep every negation (not, no, never) and every hedge (may, might, could, reportedly, allegedly). "
    "When outlets disagree, give each version and say which outlet states it. "
    "Write one sentence per line and end each sentence with the ids of the facts it restates, like [F1] or [F2, F3]."
)


def facts_block(units: list[Unit]) -> str:
    """The facts, one per line, in story order: id, outlets, date and the sentence."""
    lines = []
    for u in units:
        outlets = ", ".join(dict.fromkeys(u.outlets))
        day = next((p[:10] for p in u.published if p), None)
        meta = outlets + (f"; {day}" if day else "")
        lines.append(f"F{u.id} ({meta}): {u.text}")
    return "\n".join(lines)


def disputes_block(units: list[Unit]) -> str:
    """The disputed facts and each outlet's version, one per line (empty when the outlets agree)."""
    lines = []
    for u in units:
        if u.disputed:
            sides = "; ".join(f'{v.outlet} says "{v.claim}"' for v in u.versions)
            lines.append(f"F{u.id} is disputed: {sides}.")
    return "\n".join(lines)


def messages(units: list[Unit], words_budget: int) -> list[dict[str, str]]:
    """The chat: the instructions, then the facts and the disagreements."""
    parts = ["Facts, in story order:", facts_block(units)]
    disputed = disputes_block(units)
    if disputed:
        parts += ["", "Outlets disagree:", disputed]
    parts += ["", f"Write the story in at most {words_budget} words, each sentence tagged with its fact ids."]
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "\n".join(parts)}]


@dataclass(frozen=True)
class Draft:
    """A sentence of the model's answer with the fact ids it names (``tags`` "model") or none yet ("derived")."""

    text: str
    facts: tuple[int, ...]
    tags: str


_ID = r"(?:F|fact\s*#?\s*)?\d+"
_TAG = re.compile(
    r"\s*[\[(]\s*((?:F|fact\s*#?\s*)\d+(?:\s*(?:,|;|&|and)\s*" + _ID + r")*|\d+(?:\s*[,;&]\s*\d+)*)\s*[\])]\s*",
    re.IGNORECASE,
)
_LEAD_TAG = re.compile(
    r"^\s*(?:\*\*)?\s*(F\d+(?:\s*,\s*F\d+)*)\s*(?:\([^)]*\))?\s*(?:\*\*)?\s*[:.)\-–]\s*", re.IGNORECASE
)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")
# Lines about the answer rather than in it: "Here is the story:", "Sure!", "Title: ...", "Note: ...".
_CHATTER = re.compile(r"^(here is|here's|sure\b|certainly\b|title:|headline:|facts?:|note:)", re.IGNORECASE)


def _ids(tag: str, n_units: int) -> tuple[int, ...]:
    got = [int(x) for x in re.findall(r"\d+", tag)]
    return tuple(dict.fromkeys(i for i in got if 1 <= i <= n_units))


def _sentences(text: str) -> list[str]:
    """The sentences of ``text`` by the pipeline's splitter (abbreviations such as "Sept. 11" stay whole)."""
    text = re.sub(r"\s+", " ", text.replace("**", "")).strip()
    if not text:
        return []
    return [s.text.strip() for s in default_splitter().split(Article("reply", text), 0) if s.text.strip()]


def _finish(text: str) -> str:
    text = text.strip().strip("-–—:;, ")
    if text and text[-1] not in '.!?"”’)':
        text += "."
    return text


def parse_reply(reply: str, n_units: int) -> list[Draft]:
    """The model's sentences, each with the fact ids tagged after it (or on its line) when valid ids are given."""
    out: list[Draft] = []
    for raw in reply.splitlines():
        line = _BULLET.sub("", raw).strip()
        if not line or line.startswith("#") or (_CHATTER.match(line) and (line.endswith(":") or len(line) < 40)):
            continue
        lead_ids: tuple[int, ...] = ()
        lead = _LEAD_TAG.match(line)
        if lead:
            lead_ids = _ids(lead.group(1), n_units)
            line = line[lead.end() :]
        pos = 0
        segments: list[tuple[str, tuple[int, ...]]] = []
        for m in _TAG.finditer(line):
            segments.append((line[pos : m.start()], _ids(m.group(1), n_units)))
            pos = m.end()
        segments.append((line[pos:], ()))
        for text, ids in segments:
            found = ids or lead_ids
            for sentence in _sentences(text):
                sentence = _finish(sentence)
                if len(sentence) > 1 and any(c.isalpha() for c in sentence):
                    out.append(Draft(sentence, found, "model" if found else "derived"))
    return out


def _lemmas(text: str) -> set[str]:
    return set(content([t for _, _, t in words(text)]))


def derive_facts(sentence: str, units: list[Unit], *, max_facts: int = 3, min_overlap: float = 0.3) -> tuple[int, ...]:
    """The facts an untagged sentence restates: those sharing the most content words with it.

    A fact counts when it holds at least ``min_overlap`` of the sentence's content words and at
    least half as many as the best fact; at most ``max_facts``, in story order.
    """
    mine = _lemmas(sentence)
    if not mine:
        return ()
    scored = []
    for u in units:
        theirs = set().union(*(_lemmas(t) for t in (u.text, *u.sources[:3])))
        scored.append((len(mine & theirs) / len(mine), u.id))
    best = max((s for s, _ in scored), default=0.0)
    if best < min_overlap:
        return ()
    keep = sorted(scored, key=lambda x: -x[0])[:max_facts]
    return tuple(sorted(i for s, i in keep if s >= max(min_overlap, best / 2)))
