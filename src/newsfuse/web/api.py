"""The JSON API under ``/api`` and ``/healthz``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import Response

from .. import __version__
from ..errors import InputError
from ..pipeline import DEFAULT_WORDS
from . import models
from .context import JSON, WebContext, article_in, with_fields
from .security import safe_url

StoryId = Annotated[int, PathParam(ge=1, le=2**62, description="Story id in the store.")]
Words = Annotated[int, Query(ge=1, le=1000, description="Word budget of the summary.")]
Token = Annotated[str, PathParam(max_length=64, pattern=r"^[A-Za-z0-9_-]+$", description="An ad-hoc story's token.")]
Rewrite = Annotated[bool, Query(description="Retell the summary as prose with the server's model, guarded.")]
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": models.ErrorOut},
    401: {"model": models.ErrorOut},
    404: {"model": models.ErrorOut},
    429: {"model": models.ErrorOut},
    503: {"model": models.ErrorOut},
}


def api_router(ctx: WebContext) -> APIRouter:
    router = APIRouter()

    @router.get("/healthz", response_model=models.Health, tags=["meta"])
    async def healthz() -> dict[str, Any]:
        """Liveness: the server answers, and whether a store is attached (never behind the token)."""
        return {"status": "ok", "version": __version__, "store": ctx.store is not None}

    @router.post("/api/summarize", response_model=models.StoryOut, responses=ERRORS, tags=["stories"])
    async def api_summarize(req: models.SummarizeRequest) -> Response:
        """Summarize one story from texts, JSON articles, files (as text) and URLs.

        The answer is the JSON of `newsfuse summarize --format json`, plus `read`: the token of the
        story's page `/read/{token}`.  Busy: 503 with `Retry-After`.
        """
        articles, warnings = await ctx.collect(
            req.texts, req.articles, [(f.name, f.content.encode("utf-8")) for f in req.files], req.urls
        )
        read = ctx.reads.add(articles, warnings)
        body = await ctx.read_summary(read.token, req.words, req.analysis)
        if req.rewrite:
            body = await ctx.rewritten(body, req.words)
        return Response(with_fields(body, read=read.token), media_type=JSON)

    @router.get("/api/stories", response_model=models.StoryList, responses=ERRORS, tags=["stories"])
    async def api_stories(
        q: Annotated[str | None, Query(max_length=200, description="Keyword search over titles and text.")] = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> dict[str, Any]:
        """Stories in the store, newest update first, with the first and last publication day of their articles."""
        return {"stories": await ctx.story_infos(q, limit, offset)}

    @router.get("/api/stories/{story_id}", response_model=models.StoryOut, responses=ERRORS, tags=["stories"])
    async def api_story(
        story_id: StoryId, words: Words = DEFAULT_WORDS, analysis: bool = True, rewrite: Rewrite = False
    ) -> Response:
        """One stored story: its sources, cited summary and cross-source analysis (cached until it changes)."""
        info, body = await ctx.stored_summary(story_id, words, analysis)
        if rewrite:
            body = await ctx.rewritten(body, words)
        return Response(with_fields(body, story=info), media_type=JSON)

    @router.get("/api/stories/{story_id}/summary", response_model=models.SummaryOut, responses=ERRORS, tags=["stories"])
    async def api_story_summary(story_id: StoryId, words: Words = DEFAULT_WORDS, rewrite: Rewrite = False) -> Response:
        """Only the summary of a stored story at another length (sources unchanged, so not repeated)."""
        if rewrite:
            info, body = await ctx.stored_summary(story_id, words)
            return Response(
                with_fields(await ctx.rewritten(body, words, drop_sources=True), story=info), media_type=JSON
            )
        info, body = await ctx.stored_summary(story_id, words, only=True)
        return Response(with_fields(body, story=info), media_type=JSON)

    @router.get("/api/reads/{token}", response_model=models.StoryOut, responses=ERRORS, tags=["stories"])
    async def api_read(token: Token, words: Words = DEFAULT_WORDS, analysis: bool = True) -> Response:
        """The whole story JSON of an ad-hoc story (to keep it: such stories live in memory, the last 100)."""
        return Response(with_fields(await ctx.read_summary(token, words, analysis), read=token), media_type=JSON)

    @router.get("/api/reads/{token}/summary", response_model=models.SummaryOut, responses=ERRORS, tags=["stories"])
    async def api_read_summary(token: Token, words: Words = DEFAULT_WORDS, rewrite: Rewrite = False) -> Response:
        """The summary of an ad-hoc story (made by POST /api/summarize or the home page) at another length."""
        if rewrite:
            body = await ctx.rewritten(await ctx.read_summary(token, words), words, drop_sources=True)
            return Response(with_fields(body, read=token), media_type=JSON)
        return Response(with_fields(await ctx.read_summary(token, words, only=True), read=token), media_type=JSON)

    @router.post("/api/ingest", response_model=models.IngestOut, responses=ERRORS, tags=["store"])
    async def api_ingest(req: models.IngestRequest) -> dict[str, Any]:
        """Add page/feed URLs (fetched through the SSRF guard) and JSON articles to the store."""
        for url in req.urls:
            if safe_url(url) is None:  # never a local path: the firehose would read files
                raise InputError(f"not an http(s) URL: {url[:200]!r}")
        if not req.urls and not req.articles:
            raise InputError("nothing to ingest: give urls or articles")
        access = ctx.need_store()
        from ..firehose import ingest

        items: list[Any] = [*req.urls, *(article_in(a, f"article-{k}") for k, a in enumerate(req.articles, 1))]
        allow = ctx.allow_private
        report = await ctx.summarizer.ingest(lambda: ingest(items, access.store, allow_private=allow))
        return report.to_dict()  # the JSON of `newsfuse ingest --format json`

    return router
