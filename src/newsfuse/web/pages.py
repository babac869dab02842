"""The server-rendered pages: home form, story list, story pages, login, favicon."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..compare.timeline import parse_published
from ..errors import InputError
from ..order.position import CHRONICLE_DAYS
from ..pipeline import DEFAULT_WORDS
from ..render.formats import day_label, day_marks, passage_runs
from ..types import Article
from .api import Rewrite, StoryId, Token, Words
from .auth import COOKIE, client_of
from .context import HERE, WebContext, disputed_spans, published_span, story_key
from .service import BusyError, human_bytes, split_pasted

FAVICON = (HERE / "static" / "favicon.svg").read_bytes()
LOGIN_MAX_AGE = 30 * 24 * 3600


def _local_path(target: str | None) -> str:
    """``target`` when it is a path on this server (``/x``), else ``/``: a login never sends people elsewhere.

    >>> _local_path("/stories?q=a"), _local_path("//evil.example/"), _local_path("https://evil.example/")
    ('/stories?q=a', '/', '/')
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def pages_router(ctx: WebContext) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    limits = ctx.limits

    @router.get("/favicon.ico")
    async def favicon() -> Response:
        return Response(FAVICON, media_type="image/svg+xml", headers={"cache-control": "public, max-age=86400"})

    @router.get("/", response_class=HTMLResponse)
    async def home(request: Request) -> HTMLResponse:
        return ctx.page(request, "home.html", words=DEFAULT_WORDS)

    @router.post("/summarize")
    async def home_submit(request: Request) -> Response:
        try:
            form = await request.form(max_files=limits.max_files, max_fields=10, max_part_size=limits.max_paste_bytes)
        except StarletteHTTPException as err:
            if "maximum size" not in str(err.detail):
                raise
            raise InputError(
                f"the pasted text is over the {human_bytes(limits.max_paste_bytes)} limit of the box; "
                "paste fewer articles at once, or upload them as files"
            ) from None
        pasted = str(form.get("texts") or "")
        urls = [u.strip() for u in str(form.get("urls") or "").split() if u.strip()]
        try:
            words = max(1, min(limits.max_words, int(str(form.get("words") or DEFAULT_WORDS))))
        except ValueError:
            words = DEFAULT_WORDS
        files = []
        for k, up in enumerate(form.getlist("files"), 1):
            if isinstance(up, str) or not getattr(up, "filename", None):
                continue
            data = await up.read(limits.max_file_bytes + 1)
            if data:
                files.append((up.filename or f"file-{k}", data))
        try:
            articles, warnings = await ctx.collect(split_pasted(pasted), [], files, urls)
            read = ctx.reads.add(articles, warnings)
            await ctx.read_summary(read.token, words, analysis=True)  # the work, in the jobs lane
        except (InputError, BusyError) as err:
            return ctx.page(
                request,
                "home.html",
                503 if isinstance(err, BusyError) else 400,
                {"Retry-After": str(err.retry_after)} if isinstance(err, BusyError) else None,
                words=words,
                error=str(err),
                texts=pasted,
                urls="\n".join(urls),
            )
        return RedirectResponse(f"/read/{read.token}?words={words}", status_code=303)

    @router.get("/stories", response_class=HTMLResponse)
    async def stories_page(request: Request, q: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
        infos: list[dict[str, Any]] = []
        if ctx.store is not None:
            infos = await ctx.story_infos(q, 100, 0)
        return ctx.page(request, "stories.html", stories=infos, q=q or "")

    @router.get("/stories/{story_id}", response_class=HTMLResponse)
    async def story_page(
        request: Request, story_id: StoryId, words: Words = DEFAULT_WORDS, rewrite: Rewrite = False
    ) -> HTMLResponse:
        info = await ctx.story_info(story_id)
        summary_url = f"/api/stories/{story_id}/summary"
        if rewrite:  # the prose version: made for this request, never cached
            _, body = await ctx.stored_summary(story_id, words, analysis=True)
            story = json.loads(await ctx.rewritten(body, words))
            context = story_context(story, words, info.title, summary_url, asdict(info))
            return ctx.page(request, "story.html", **context)

        def context() -> dict[str, Any]:  # on a miss: summary and page in one job of the reads lane
            body = ctx.stored_json(info, words, analysis=True)
            return story_context(json.loads(body), words, info.title, summary_url, asdict(info))

        return await ctx.cached_page(request, (*story_key(info), words), "story.html", context)

    @router.get("/read/{token}", response_class=HTMLResponse)
    async def read_page(
        request: Request, token: Token, words: Words = DEFAULT_WORDS, rewrite: Rewrite = False
    ) -> HTMLResponse:
        read = ctx.read_of(token)
        if rewrite:  # the prose version: made for this request, never cached
            story = json.loads(await ctx.rewritten(await ctx.read_summary(token, words, analysis=True), words))
            titles = [s["title"] for s in story["sources"] if s.get("title")]
            context = story_context(
                story, words, titles[0] if titles else "Your story", f"/api/reads/{token}/summary", None, token=token
            )
            return ctx.page(request, "story.html", **context)
        if not ctx.summarizer.has_state(("read", token)):  # its state evicted: analysed again in the jobs lane
            await ctx.read_summary(token, words, analysis=True)

        def context() -> dict[str, Any]:  # on a miss: summary and page in one job of the reads lane
            story = json.loads(ctx.read_json(read, words, analysis=True))
            titles = [s["title"] for s in story["sources"] if s.get("title")]
            title = titles[0] if titles else "Your story"
            return story_context(story, words, title, f"/api/reads/{token}/summary", None, token=token)

        return await ctx.cached_page(request, ("read", token, words), "story.html", context)

    def story_context(
        story: dict, words: int, title: str, summary_url: str, info: dict | None = None, token: str | None = None
    ) -> dict[str, Any]:
        numbers = {s["id"]: k for k, s in enumerate(story["sources"], 1)}
        outlets = {Article(s["id"], "", source=s.get("source"), url=s.get("url")).outlet for s in story["sources"]}
        passages = summary_passages(story)
        return {
            "story": story,
            "passages": passages,
            "passage_days": passage_days(story, passages),
            "source_days": source_days(story),
            "chronicle_days": CHRONICLE_DAYS,
            "numbers": numbers,
            "n_outlets": len(outlets),
            "words": words,
            "title": title,
            "summary_url": summary_url,
            "disputed": sorted(disputed_spans(story.get("analysis"))),
            "info": info,
            "published": published_span([s.get("published") for s in story["sources"]]),
            "read_token": token,
            "kept": ctx.reads.size,
            "can_rewrite": ctx.rewriter is not None,
            "rewrite": "rewrite" in story,
        }

    # ---- login (only when the server has a token) ---------------------------------------------

    @router.get("/login", response_class=HTMLResponse)
    async def login_page(request: Request, next: Annotated[str | None, Query(max_length=2000)] = None) -> HTMLResponse:
        return ctx.page(request, "login.html", next=_local_path(next))

    @router.post("/login")
    async def login_submit(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=4, max_part_size=8192)
        target = _local_path(str(form.get("next") or "/"))
        if not ctx.auth.enabled:
            return RedirectResponse(target, status_code=303)
        client = client_of(request.scope)
        wait = ctx.auth.limiter.retry_after(client)
        if wait:
            page = ctx.page(request, "login.html", 429, next=target, error="Too many failed attempts; try later.")
            page.headers["retry-after"] = str(wait)
            return page
        if not ctx.auth.check_token(str(form.get("token") or "")):
            ctx.auth.limiter.fail(client)
            return ctx.page(request, "login.html", 401, next=target, error="Wrong token.")
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            COOKIE,
            ctx.auth.cookie_value(),
            max_age=LOGIN_MAX_AGE,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    @router.post("/logout")
    async def logout() -> Response:
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(COOKIE, httponly=True, samesite="strict")
        return response

    return router


def summary_passages(story: dict) -> list[list[dict]]:
    """The summary sentences of a story's JSON grouped into passages, as the text output shows them
    (:func:`newsfuse.render.formats.passage_runs`): each passage is one item of the page's summary.

    >>> text = "Kim left. He waved.\\n\\nTrains ran late."
    >>> cite = lambda a, b: {"text": text[a:b], "citations": [{"source": "a", "start": a, "end": b}]}
    >>> story = {"sources": [{"id": "a", "text": text}], "sentences": [cite(0, 9), cite(10, 19), cite(21, 37)]}
    >>> [len(p) for p in summary_passages(story)]
    [2, 1]
    """
    sentences = [s for s in story.get("sentences") or [] if isinstance(s, dict)]
    texts = {s["id"]: s["text"] for s in story.get("sources") or [] if isinstance(s, dict) and "text" in s}
    spans = []
    for s in sentences:
        c = (s.get("citations") or [None])[0]
        spans.append((c["source"], c["start"], c["end"]) if isinstance(c, dict) else None)
    return [[sentences[i] for i in run] for run in passage_runs(spans, texts)]


def _first_source(passage: list[dict]) -> str | None:
    c = (passage[0].get("citations") or [None])[0] if passage else None
    return c["source"] if isinstance(c, dict) and isinstance(c.get("source"), str) else None


def passage_days(story: dict, passages: list[list[dict]]) -> list[str | None]:
    """Per passage of a story's JSON, its article's day where the day changes, when the story is told over
    days (:func:`newsfuse.render.formats.day_marks`, the rule of the text output).

    >>> src = [{"id": "a", "published": "1998-12-02"}, {"id": "b", "published": "1998-12-19"}]
    >>> cite = lambda k: [{"text": "x", "citations": [{"source": k, "start": 0, "end": 1}]}]
    >>> passage_days({"sources": src}, [cite("a"), cite("a"), cite("b")])
    ['Dec 2, 1998', None, 'Dec 19, 1998']
    """
    published = {s["id"]: s.get("published") for s in story.get("sources") or [] if isinstance(s, dict) and "id" in s}
    return day_marks([_first_source(p) for p in passages], published)


def source_days(story: dict) -> dict[str, list[Any]]:
    """Each dated source's day as ``[ordinal, label]``: what the page's script needs to mark passages
    by day (with the same rule as :func:`passage_days`) when the slider re-renders the summary.

    >>> source_days({"sources": [{"id": "a", "published": "Wed, 02 Dec 1998 10:00:00 GMT"}, {"id": "b"}]})
    {'a': [729725, 'Dec 2, 1998']}
    """
    out: dict[str, list[Any]] = {}
    for s in story.get("sources") or []:
        day = parse_published(s.get("published")) if isinstance(s, dict) else None
        if day is not None and isinstance(s.get("id"), str):
            out[s["id"]] = [day.toordinal(), day_label(day)]
    return out
