"""What the routes share: the store, the summarizer and its caches, ad-hoc stories, templates, access.

The routes (``api.py``, ``pages.py``) stay thin: they read a request, call a method here, and
answer.  Reads of stories already known go to the summarizer's reads lane; summaries of
posted articles, URL fetches and ingest go to its jobs lane (see ``service.Summarizer``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from ..errors import InputError
from ..store import Store
from ..types import Article
from . import models
from .auth import TokenAuth
from .security import safe_url
from .service import (
    LRU,
    Limits,
    Read,
    Reads,
    Summarizer,
    articles_from_file,
    articles_from_texts,
    fetch_articles,
    human_bytes,
    safe_name,
)

HERE = Path(__file__).resolve().parent
JSON = "application/json"


def story_key(info: Any) -> tuple[Any, ...]:
    """The cache key of a stored story's summaries: a new article changes ``last_seen``, a merge the
    article count, so a stale answer is never served."""
    return ("story", info.id, info.last_seen, info.n_articles)


class MergedStory(Exception):
    """A stored story id that now lives on as another story (answered with a redirect)."""

    def __init__(self, story: int, into: int) -> None:
        super().__init__(f"story {story} was merged into story {into}")
        self.story, self.into = story, into


def merged_url(path: str, query: str, story: int, into: int) -> str:
    """``path`` (and ``query``) with the story id after ``stories/`` replaced by the story it merged into.

    >>> merged_url("/api/stories/7/summary", "words=50", 7, 3)
    '/api/stories/3/summary?words=50'
    """
    parts = path.split("/")
    for i in range(1, len(parts)):
        if parts[i - 1] == "stories" and parts[i] == str(story):
            parts[i] = str(into)
            break
    return "/".join(parts) + (f"?{query}" if query else "")


class StoreAccess:
    """The story store (its SQLAlchemy engine pools connections, so threads may share it)."""

    def __init__(self, store: Store) -> None:
        self.store = store


def disputed_spans(analysis: Any) -> set[str]:
    """``"source:start:end"`` of every sentence that is one side of a disagreement (the cross-source analysis)."""
    spans: set[str] = set()
    if not isinstance(analysis, dict) or not isinstance(analysis.get("disagreements"), list):
        return spans
    for d in analysis["disagreements"]:
        for v in d.get("versions", []) if isinstance(d, dict) else []:
            if isinstance(v, dict) and {"source", "start", "end"} <= v.keys():
                spans.add(f"{v['source']}:{v['start']}:{v['end']}")
    return spans


def article_in(a: models.ArticleIn, default_id: str) -> Article:
    from ..inputs.readers import article_from_record

    return article_from_record(a.model_dump(exclude_none=True), default_id, default_id)


def published_span(values: Sequence[str | None]) -> tuple[str, str] | None:
    """The first and last publication day (ISO) among ``published`` fields in any format, or None.

    >>> published_span(["Wed, 09 Jan 2019 10:00:00 GMT", "2019-01-08", None, "soon"])
    ('2019-01-08', '2019-01-09')
    """
    from ..compare.timeline import parse_published

    days = sorted(d for d in (parse_published(v) for v in values if v) if d is not None)
    return (days[0].isoformat(), days[-1].isoformat()) if days else None


def with_fields(body: bytes, **fields: Any) -> bytes:
    """Splice extra top-level fields into cached JSON without parsing it again."""
    extra = json.dumps(fields, ensure_ascii=False)[1:-1]
    return body[:-1] + b"," + extra.encode() + b"}" if extra else body


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters["safe_url"] = safe_url
    env.filters["short_date"] = lambda s: (s or "")[:16].replace("T", " ")
    env.filters["human_bytes"] = human_bytes
    return Jinja2Templates(env=env)


class WebContext:
    """The state of one app: built by ``create_app``, used by its routes."""

    def __init__(
        self,
        limits: Limits,
        summarizer: Summarizer,
        auth: TokenAuth,
        *,
        allow_private: bool,
        info_ttl: float,
    ) -> None:
        self.limits = limits
        self.summarizer = summarizer
        self.auth = auth
        self.allow_private = allow_private
        self.info_ttl = info_ttl
        self.rewriter: Any = None  # a checked newsfuse.rewrite.Rewriter: serves rewrite=true and the prose toggle
        self.reads = Reads()
        self.infos = LRU(4096)  # story id -> (expiry, StoryInfo)
        self.pages = LRU(512)  # rendered story pages (bytes) per story version, length and login state
        self.store: StoreAccess | None = None
        self.templates = make_templates()

    # ---- store -------------------------------------------------------------------------------

    def need_store(self) -> StoreAccess:
        if self.store is None:
            raise HTTPException(503, "no story store configured: start with `newsfuse serve --database URL`")
        return self.store

    async def story_infos(self, q: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
        """Stories of the store as dicts, each with ``published_first``/``published_last`` (None when unknown)."""
        access = self.need_store()

        def load() -> list[dict[str, Any]]:
            infos = access.store.list_stories(query=q or None, limit=limit, offset=offset)
            dates = access.store.published_dates([i.id for i in infos]) if infos else {}
            out = []
            for info in infos:
                span = published_span(dates.get(info.id, []))
                out.append({**asdict(info), "published_first": span and span[0], "published_last": span and span[1]})
            return out

        return await run_in_threadpool(load)

    # ---- building stories --------------------------------------------------------------------

    async def collect(
        self,
        texts: Sequence[str],
        articles: Sequence[models.ArticleIn],
        files: Sequence[tuple[str, bytes]],
        urls: Sequence[str],
    ) -> tuple[list[Article], list[str]]:
        limits = self.limits
        n = len([t for t in texts if t.strip()]) + len(articles) + len(files) + len(urls)
        if n == 0:
            raise InputError("no articles given: paste texts, upload files or give URLs")
        if n > limits.max_texts:
            raise InputError(f"{n} inputs in one request; the limit is {limits.max_texts}")
        if len(files) > limits.max_files:
            raise InputError(f"{len(files)} files; the limit is {limits.max_files}")
        if len(urls) > limits.max_urls:
            raise InputError(f"{len(urls)} URLs; the limit is {limits.max_urls}")
        for url in urls:
            if safe_url(url) is None:
                raise InputError(f"not an http(s) URL: {url[:200]!r}")
        out = articles_from_texts(texts, limits)
        out += [article_in(a, f"article-{k}") for k, a in enumerate(articles, 1)]
        warnings: list[str] = []
        problems: list[str] = []
        for k, (raw_name, data) in enumerate(files, 1):
            name = safe_name(raw_name, f"file-{k}")  # a label for the article, never a path we open
            try:
                got, more = articles_from_file(name, data, limits)
                out += got
                warnings += more
            except InputError as err:
                problems.append(str(err))
        if urls:
            fetched, more = await self.summarizer.run(
                partial(fetch_articles, list(urls), allow_private=self.allow_private)
            )
            out += fetched
            warnings += more
        if not out:
            raise InputError("; ".join(problems) if problems else "no article text in the input")
        warnings += [f"skipped {p}" for p in problems]
        from ..inputs.readers import unique_ids

        return unique_ids(out), warnings

    def read_of(self, token: str) -> Read:
        read = self.reads.get(token)
        if read is None:
            raise HTTPException(404, "no such story: pages of pasted articles are kept for the last 100 only")
        return read

    def read_json(self, read: Read, words: int, analysis: bool = False, *, only: bool = False) -> bytes:
        """An ad-hoc story's JSON at ``words`` (blocking: call it in the reads lane, or for a cached answer)."""
        s = self.summarizer
        key = ("read", read.token)
        if only:
            return s.summary_only_json(key, lambda: read.articles, words, read.warnings)
        return s.summary_json(key, lambda: read.articles, words, analysis=analysis, warnings=read.warnings)

    async def read_summary(self, token: str, words: int, analysis: bool = False, *, only: bool = False) -> bytes:
        """An ad-hoc story's JSON: cached, else from the reads lane once its analysis is made in the jobs lane."""
        read = self.read_of(token)
        s = self.summarizer
        key = ("read", token)
        hit = s.cached(key, words, analysis, only)
        if hit is not None:
            return hit
        if not s.has_state(key):  # the heavy part (first summary, or its state evicted): in the jobs lane
            await s.new_story(key, read.articles, words, analysis, read.warnings)
            hit = s.cached(key, words, analysis, only)
            if hit is not None:
                return hit
        return await s.read(partial(self.read_json, read, words, analysis, only=only))

    async def story_info(self, story_id: int) -> Any:
        """A stored story's record, reused for ``info_ttl`` seconds (404 when there is none).

        A story merged into another raises :class:`MergedStory` (answered with a redirect to it).
        """
        access = self.need_store()
        now = time.monotonic()
        known = self.infos.get(story_id)
        if known is not None and known[0] > now:
            if known[1].id != story_id:
                raise MergedStory(story_id, known[1].id)
            return known[1]
        info = await run_in_threadpool(access.store.get_story, story_id)
        if info is None:
            raise HTTPException(404, f"no story {story_id} in the store")
        if self.info_ttl > 0:
            self.infos.put(story_id, (now + self.info_ttl, info))
        if info.id != story_id:  # merged into another story: its pages and API answers are the merged story's
            raise MergedStory(story_id, info.id)
        return info

    def stored_json(self, info: Any, words: int, analysis: bool = False, *, only: bool = False) -> bytes:
        """A stored story's JSON at ``words`` (blocking: call it in the reads lane, or for a cached answer)."""
        access = self.need_store()
        key = story_key(info)

        def articles() -> list[Article]:
            return access.store.story_articles(info.id)

        s = self.summarizer
        if only:
            return s.summary_only_json(key, articles, words)
        return s.summary_json(key, articles, words, analysis=analysis)

    async def stored_summary(
        self, story_id: int, words: int, analysis: bool = False, *, only: bool = False
    ) -> tuple[dict[str, Any], bytes]:
        """A stored story's record and JSON: cached answers on the event loop, the rest in the reads lane."""
        info = await self.story_info(story_id)
        body = self.summarizer.cached(story_key(info), words, analysis, only)
        if body is None:  # only misses leave the event loop, and never queue behind summaries of new input
            body = await self.summarizer.read(partial(self.stored_json, info, words, analysis, only=only))
        return asdict(info), body

    async def rewritten(self, body: bytes, words: int, *, drop_sources: bool = False) -> bytes:
        """A story's JSON with its summary retold by the server's model, guarded (not cached).

        It runs in a thread of its own: a model takes seconds to minutes a story, and neither the
        reads lane nor the summarize jobs (child processes, which cannot take the loaded model) may
        wait for it.  Without a model: 400.
        """
        if self.rewriter is None:
            raise HTTPException(400, "this server has no model for rewrite: start it with newsfuse serve --rewrite")
        from ..rewrite import rewrite_json

        data = await run_in_threadpool(rewrite_json, self.rewriter, json.loads(body), words)
        if drop_sources:
            data.pop("sources", None)
        return json.dumps(data, ensure_ascii=False).encode()

    # ---- pages -------------------------------------------------------------------------------

    def flags(self, request: Request) -> dict[str, Any]:
        """What every page shows besides its content: the store, the login state, the limits."""
        state = request.scope.get("state", {})
        return {
            "has_store": self.store is not None,
            "login": self.auth.enabled,
            "authenticated": bool(state.get("authenticated", True)),
            "limits": self.limits,
        }

    def page(
        self, request: Request, name: str, status_code: int = 200, headers: dict[str, str] | None = None, **context: Any
    ) -> HTMLResponse:
        return self.templates.TemplateResponse(
            request, name, {**self.flags(request), **context}, status_code=status_code, headers=headers
        )

    async def cached_page(
        self, request: Request, key: tuple, name: str, context: Callable[[], dict[str, Any]]
    ) -> HTMLResponse:
        """A page rendered once per ``key`` (and login state), off the event loop: story pages are big."""
        flags = self.flags(request)
        full_key = (*key, flags["login"], flags["authenticated"])
        html = self.pages.get(full_key)
        if html is None:
            template = self.templates.env.get_template(name)
            html = await self.summarizer.read(lambda: template.render(request=request, **flags, **context()).encode())
            self.pages.put(full_key, html)
        return HTMLResponse(html)
