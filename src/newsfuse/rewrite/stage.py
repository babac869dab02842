"""The guarded rewrite of one story: ask the model, guard each sentence, fall back to the extractive facts.

>>> from newsfuse.pipeline import Pipeline
>>> from newsfuse.types import Article
>>> story = Pipeline().summarize([
...     Article("a", "Kim Jong Un left Beijing on Wednesday after talks with Xi Jinping.", source="Reuters"),
...     Article("b", "North Korea's Kim Jong Un left Beijing on Wednesday after meeting Xi.", source="AP"),
... ], words=40)
>>> llm = StaticLLM("Kim Jong Un left Beijing on Wednesday after talks with Xi. [F1]")
>>> out = Rewriter(llm).rewrite(story, 40)
>>> [(s.text, s.rewritten, s.facts) for s in out.sentences]
[('Kim Jong Un left Beijing on Wednesday after talks with Xi.', True, (1,))]
>>> bad = Rewriter(StaticLLM("Kim Jong Un left Beijing on Friday after talks with Xi. [F1]")).rewrite(story, 40)
>>> [(s.rewritten, s.guard) for s in bad.sentences]
[(False, 'date "Friday" not in the cited sources')]
"""

from __future__ import annotations

import time
from typing import Any

from ..errors import NewsfuseError
from ..types import Article, Citation, Dispute, OtherVersion, Story, SummarySentence, count_words
from .base import LLM, StaticLLM, Unit
from .guard import MAX_NEW_WORDS, check, fold
from .prompt import derive_facts, messages, parse_reply
from .units import units_of

DEFAULT_TIMEOUT = 120.0
# A model sentence sharing this share of its words with an earlier one (Jaccard) repeats it.
REPEAT = 0.7

__all__ = ["DEFAULT_TIMEOUT", "Rewriter", "StaticLLM", "rewrite_json", "story_from_json"]


class Rewriter:
    """Rewrites a story's extractive summary into prose with ``llm``, keeping only what the guard accepts.

    ``timeout`` is the time limit per story in seconds (then the extractive summary is kept, with a
    warning); ``max_new`` the share of content words absent from the cited sources past which a
    sentence is rejected.
    """

    def __init__(self, llm: LLM, *, timeout: float = DEFAULT_TIMEOUT, max_new: float = MAX_NEW_WORDS) -> None:
        self.llm, self.timeout, self.max_new = llm, timeout, max_new

    def check(self) -> None:
        """Make sure the model can be used (raises ``LLMUnavailable`` with a one-line reason)."""
        self.llm.check()

    def rewrite(self, story: Story, words: int | None = None) -> Story:
        """``story`` with its sentences rewritten where the guard allows; ``words`` is the budget asked for."""
        start = time.monotonic()
        units = units_of(story)
        budget = words or max(story.words, 1)
        meta: dict[str, Any] = {
            "backend": self.llm.backend,
            "model": self.llm.model,
            "facts": [_unit_json(u) for u in units],
            "accepted": 0,
            "rejected": 0,
            "omitted": 0,
            "fallback": None,
        }
        if not units:
            meta["fallback"] = "no facts to rewrite"
            return _story(story, [], meta, start, [])
        try:
            reply = self.llm.chat(
                messages(units, budget), max_tokens=int(budget * 1.5) + 32, deadline=start + self.timeout
            )
        except NewsfuseError as e:
            meta["fallback"] = str(e)
            warning = f"rewrite: {e}; the extractive summary is shown"
            return _story(story, [], meta, start, [warning])
        meta["reply"] = reply
        sentences, rejections = self._assemble(units, reply)
        meta["accepted"] = sum(1 for s in sentences if s.rewritten)
        meta["rejected"] = len(rejections)
        meta["omitted"] = len({i for s in sentences if not s.rewritten and s.guard is None for i in s.facts})
        meta["rejections"] = rejections
        return _story(story, sentences, meta, start, [])

    def _assemble(self, units: list[Unit], reply: str) -> tuple[list[SummarySentence], list[dict[str, Any]]]:
        judged = []
        seen: list[set[str]] = []
        for d in parse_reply(reply, len(units)):
            facts, tags = d.facts, d.tags
            if not facts:
                facts = derive_facts(d.text, units)
            key = set(fold(d.text).split())
            if any(len(key & other) >= REPEAT * len(key | other) for other in seen):
                reasons = ["repeats an earlier sentence"]
            else:
                seen.append(key)
                reasons = check(d.text, [units[i - 1] for i in facts], max_new=self.max_new)
            judged.append((d.text, facts, tags, reasons))
        covered = {i for _, facts, _, reasons in judged if not reasons for i in facts}
        placed: list[tuple[int, int, list[SummarySentence]]] = []
        done: set[int] = set()
        rejections = []
        for seq, (text, facts, tags, reasons) in enumerate(judged):
            if not reasons:
                placed.append((min(facts), seq, [_rewritten(text, [units[i - 1] for i in facts], tags)]))
                continue
            guard = "; ".join(reasons)
            rejections.append({"text": text, "facts": list(facts), "tags": tags, "guard": guard})
            for i in facts:
                if i not in covered and i not in done:
                    done.add(i)
                    placed.append((i, seq, _extractive(units[i - 1], guard)))
        for u in units:
            if u.id not in covered and u.id not in done:
                placed.append((u.id, len(judged), _extractive(u, None)))
        placed.sort(key=lambda p: (p[0], p[1]))
        return [s for _, _, group in placed for s in group], rejections


def story_from_json(data: dict[str, Any]) -> Story:
    """The :class:`Story` of a story's public JSON (``Story.to_dict()``): sources and summary sentences."""
    sources = [
        Article(
            str(a["id"]),
            a["text"],
            title=a.get("title"),
            source=a.get("source"),
            url=a.get("url"),
            published=a.get("published"),
            path=a.get("path"),
            extra=a.get("extra") or {},
        )
        for a in data["sources"]
    ]

    def cites(items: list[dict[str, Any]]) -> tuple[Citation, ...]:
        return tuple(Citation(str(c["source"]), int(c["start"]), int(c["end"])) for c in items)

    sentences = [
        SummarySentence(
            s["text"],
            int(s["support"]),
            cites(s["citations"]),
            disputed=tuple(
                Dispute(
                    d["kind"],
                    d["claim"],
                    tuple(OtherVersion(v["claim"], int(v["support"]), cites(v["citations"])) for v in d["versions"]),
                )
                for d in s.get("disputed") or []
            ),
        )
        for s in data["sentences"]
    ]
    return Story(sources, sentences, list(data.get("warnings", [])), int(data.get("words", 0)))


def rewrite_json(rewriter: Rewriter, data: dict[str, Any], words: int | None = None) -> dict[str, Any]:
    """A story's public JSON with its summary rewritten; other fields (the analysis) are kept."""
    out = rewriter.rewrite(story_from_json(data), words).to_dict()
    return {**data, **{k: out[k] for k in ("sentences", "words", "warnings", "rewrite")}}


def _unit_json(u: Unit) -> dict[str, Any]:
    out: dict[str, Any] = {"id": u.id, "text": u.text, "support": u.support}
    if u.disputed:
        out["versions"] = [
            {
                "outlet": v.outlet,
                "claim": v.claim,
                "source": v.citation.source,
                "start": v.citation.start,
                "end": v.citation.end,
            }
            for v in u.versions
        ]
    return out


def _rewritten(text: str, units: list[Unit], tags: str) -> SummarySentence:
    """A model sentence that passed the guard, cited to every source span of the facts it restates."""
    citations = tuple(dict.fromkeys(c for u in units for c in u.citations))
    return SummarySentence(
        text=text,
        support=min(u.support for u in units),
        citations=citations,
        rewritten=True,
        facts=tuple(u.id for u in units),
        tags=tags,
    )


def _extractive(u: Unit, guard: str | None) -> list[SummarySentence]:
    """The fact as the extractive summary states it; a disputed fact as each outlet's version, attributed."""
    if not u.disputed:
        return [
            SummarySentence(
                text=u.text,
                support=u.support,
                citations=u.citations,
                rewritten=False,
                guard=guard,
                facts=(u.id,),
                tags="extractive",
            )
        ]
    out = []
    for v in u.versions:
        claim = fold(v.claim)
        backing: list[Citation] = [v.citation] + [
            c for c, t in zip(u.citations, u.sources, strict=True) if c != v.citation and f" {claim} " in f" {fold(t)} "
        ]
        outlets = {o for c, o in zip(u.citations, u.outlets, strict=True) if c in backing}
        out.append(
            SummarySentence(
                text=f"{v.outlet} reports: {v.text}",
                support=max(1, len(outlets)),
                citations=tuple(backing),
                rewritten=False,
                guard=guard,
                facts=(u.id,),
                tags="extractive",
            )
        )
    return out


def _story(
    story: Story, sentences: list[SummarySentence], meta: dict[str, Any], start: float, warnings: list[str]
) -> Story:
    meta["seconds"] = round(time.monotonic() - start, 3)
    if meta["fallback"] is not None and not sentences:
        sentences = [
            SummarySentence(
                s.text, s.support, s.citations, s.score, s.disputed, rewritten=False, facts=(k + 1,), tags="extractive"
            )
            for k, s in enumerate(story.sentences)
        ]
    return Story(
        sources=story.sources,
        sentences=sentences,
        warnings=[*story.warnings, *warnings],
        words=sum(count_words(s.text) for s in sentences),
        analysis=story.analysis,
        rewrite=meta,
    )
