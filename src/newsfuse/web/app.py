"""The FastAPI app: JSON API under /api, server-rendered pages, static files.

>>> from newsfuse.web import create_app
>>> app = create_app(store=False)  # no story store: /api/summarize and ad-hoc story pages only
>>> sorted(p for p in app.openapi()["paths"] if p.startswith("/api/stories"))
['/api/stories', '/api/stories/{story_id}', '/api/stories/{story_id}/summary']

Run it with ``uvicorn`` (as ``newsfuse serve`` does) or any ASGI server.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import InputError, NewsfuseError
from ..pipeline import DEFAULT_WORDS
from ..types import Article
from . import models
from .security import Guard, safe_url
from .service import (
    LRU,
    BusyError,
    Limits,
    Reads,
    Summarizer,
    TimeoutExceeded,
    articles_from_file,
    articles_from_texts,
    fetch_articles,
    safe_name,
    split_pasted,
)

log = logging.getLogger("newsfuse.web")
HERE = Path(__file__).resolve().parent
StoryId = Annotated[int, PathParam(ge=1, le=2**62, description="Story id in the store.")]
Words = Annotated[int, Query(ge=1, le=1000, description="Word budget of the summary.")]
Token = Annotated[str, PathParam(max_length=64, pattern=r"^[A-Za-z0-9_-]+$", description="An ad-hoc story's token.")]
Rewrite = Annotated[bool, Query(description="Retell the summary as prose with the server's model, guarded.")]
ERRORS = {400: {"model": models.ErrorOut}, 404: {"model": models.ErrorOut}, 503: {"model": models.ErrorOut}}
JSON = "application/json"


class StoreAccess:
    """The store of issue 5 (its SQLAlchemy engine pools connections, so threads may share it)."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return getattr(self.store, name)(*args, **kwargs)


def _open_default_store(database_url: str | None) -> Any | None:
    try:
        from ..store import open_store
    except ImportError:
        return None
    return open_store(database_url)


def _disputed_spans(analysis: Any) -> set[str]:
    """``"source:start:end"`` of every sentence that is one side of a disagreement (issue 6's analysis)."""
    spans: set[str] = set()
    if not isinstance(analysis, dict) or not isinstance(analysis.get("disagreements"), list):
        return spans
    for d in analysis["disagreements"]:
        for v in d.get("versions", []) if isinstance(d, dict) else []:
            if isinstance(v, dict) and {"source", "start", "end"} <= v.keys():
                spans.add(f"{v['source']}:{v['start']}:{v['end']}")
    return spans


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


def _article(a: models.ArticleIn, default_id: str) -> Article:
    from ..ingest.readers import article_from_record

    return article_from_record(a.model_dump(exclude_none=True), default_id, default_id)


def create_app(
    store: Any = None,
    *,
    database_url: str | None = None,
    limits: Limits | None = None,
    allow_private: bool = False,
    pipeline_factory: Callable[[], Any] | None = None,
    workers: int = 2,
    info_ttl: float = 1.0,
    rewriter: Any = None,
) -> FastAPI:
    """The web app: API + pages.

    ``store`` is a ``newsfuse.store.Store``; None opens the default one
    (``database_url``, else ``$NEWSFUSE_DATABASE_URL``, else a SQLite file in the
    user data dir) when the store package is installed, and False runs without
    a store (only ``/api/summarize`` and ad-hoc story pages then).
    ``allow_private`` lets URL fetching reach loopback/private addresses (tests,
    intranets); off by default, as it opens the server to SSRF.  ``info_ttl`` is how long (s) a
    story's record, and so its last update, is reused before the store is asked again: summaries are
    cached per (story, length, last update), so a new article shows after at most that long.
    ``rewriter`` (a checked ``newsfuse.rewrite.Rewriter``) serves ``rewrite=true`` and the reader's
    prose toggle; without one they answer 400.
    """
    limits = limits or Limits()
    summarizer = Summarizer(limits, pipeline_factory, workers=workers)
    reads = Reads()
    infos = LRU(4096)  # story id -> (expiry, StoryInfo)
    opened_here = store is None
    state: dict[str, StoreAccess | None] = {"store": None}

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        raw = _open_default_store(database_url) if store is None else (store or None)
        state["store"] = StoreAccess(raw) if raw is not None else None
        try:
            yield
        finally:
            summarizer.close()
            if opened_here and raw is not None:
                raw.close()

    app = FastAPI(
        title="newsfuse",
        version=__version__,
        description="Many news articles about one event in, one faithful, cited story out. "
        "Every summary sentence cites the source spans {source, start, end} that state it.",
        docs_url=None,  # the Swagger page loads scripts from a CDN: offline and against our CSP
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(Guard, max_body_bytes=limits.max_body_bytes)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters["safe_url"] = safe_url
    env.filters["short_date"] = lambda s: (s or "")[:16].replace("T", " ")
    templates = Jinja2Templates(env=env)

    def need_store() -> StoreAccess:
        s = state["store"]
        if s is None:
            raise HTTPException(503, "no story store configured: start with `newsfuse serve --database URL`")
        return s

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/healthz"

    def error_response(request: Request, status: int, message: str) -> Response:
        if is_api(request) or request.method not in {"GET", "POST"}:
            return JSONResponse({"error": message}, status_code=status)
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors()[:5]:
            where = ".".join(str(p) for p in e.get("loc", ()) if p != "body")
            parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else str(e.get("msg", "invalid")))
        return error_response(request, 422, "invalid request: " + "; ".join(parts))

    @app.exception_handler(NewsfuseError)
    async def _newsfuse_error(request: Request, exc: NewsfuseError) -> Response:
        status = 503 if isinstance(exc, BusyError) else 504 if isinstance(exc, TimeoutExceeded) else 400
        return error_response(request, status, str(exc))

    @app.exception_handler(MergedStory)
    async def _merged(request: Request, exc: MergedStory) -> Response:
        return RedirectResponse(merged_url(request.url.path, request.url.query, exc.story, exc.into), status_code=308)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return error_response(request, 500, f"internal error: {type(exc).__name__} (please report this)")

    # ---- building stories ----------------------------------------------------------------

    async def collect(
        texts: Sequence[str],
        articles: Sequence[models.ArticleIn],
        files: Sequence[tuple[str, bytes]],
        urls: Sequence[str],
    ) -> tuple[list[Article], list[str]]:
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
        out += [_article(a, f"article-{k}") for k, a in enumerate(articles, 1)]
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
            fetched, more = await summarizer.run(lambda: fetch_articles(urls, allow_private=allow_private))
            out += fetched
            warnings += more
        if not out:
            raise InputError("; ".join(problems) if problems else "no article text in the input")
        warnings += [f"skipped {p}" for p in problems]
        from ..ingest.readers import unique_ids

        return unique_ids(out), warnings

    async def read_summary(token: str, words: int, analysis: bool = False, *, only: bool = False) -> bytes:
        read = reads.get(token)
        if read is None:
            raise HTTPException(404, "no such story: ad-hoc stories are kept for the last 100 only")
        key = ("read", token)
        hit = summarizer.cached(key, words, analysis, only)
        if hit is not None:
            return hit
        if only:
            job = partial(summarizer.summary_only_json, key, lambda: read.articles, words, read.warnings)
        else:
            job = partial(
                summarizer.summary_json, key, lambda: read.articles, words, analysis=analysis, warnings=read.warnings
            )
        return await summarizer.run(job)

    async def stored_summary(
        story_id: int, words: int, analysis: bool = False, *, only: bool = False
    ) -> tuple[dict[str, Any], bytes]:
        access = need_store()
        now = time.monotonic()
        known = infos.get(story_id)
        if known is not None and known[0] > now:
            info = known[1]
        else:
            info = await run_in_threadpool(access.call, "get_story", story_id)
            if info is None:
                raise HTTPException(404, f"no story {story_id} in the store")
            if info_ttl > 0:
                infos.put(story_id, (now + info_ttl, info))
        if info.id != story_id:  # merged into another story: its pages and API answers are the merged story's
            raise MergedStory(story_id, info.id)
        # A new article changes last_seen, a merge the article count, so stale caches are never hit.
        key = ("story", info.id, info.last_seen, info.n_articles)

        def articles() -> list[Article]:
            return access.call("story_articles", info.id)

        body = summarizer.cached(key, words, analysis, only)
        if body is None:  # only misses go to the worker pool: hits are answered on the event loop
            if only:
                body = await summarizer.run(partial(summarizer.summary_only_json, key, articles, words))
            else:
                body = await summarizer.run(partial(summarizer.summary_json, key, articles, words, analysis=analysis))
        return asdict(info), body

    async def rewritten(body: bytes, words: int, *, drop_sources: bool = False) -> bytes:
        """A story's JSON with its summary retold by the server's model, guarded (not cached)."""
        if rewriter is None:
            raise HTTPException(400, "this server has no model for rewrite: start it with newsfuse serve --rewrite")
        from ..rewrite import rewrite_json

        data = await summarizer.run(partial(rewrite_json, rewriter, json.loads(body), words))
        if drop_sources:
            data.pop("sources", None)
        return json.dumps(data, ensure_ascii=False).encode()

    def with_fields(body: bytes, **fields: Any) -> bytes:
        # Splice extra top-level fields into cached JSON without parsing it again.
        extra = json.dumps(fields, ensure_ascii=False)[1:-1]
        return body[:-1] + b"," + extra.encode() + b"}" if extra else body

    # ---- API --------------------------------------------------------------------------------

    @app.get("/healthz", response_model=models.Health, tags=["meta"])
    async def healthz() -> dict[str, Any]:
        """Liveness: the server answers, and whether a store is attached."""
        return {"status": "ok", "version": __version__, "store": state["store"] is not None}

    @app.post("/api/summarize", response_model=models.StoryOut, responses=ERRORS, tags=["stories"])
    async def api_summarize(req: models.SummarizeRequest) -> Response:
        """Summarize one story from texts, JSON articles, files (as text) and URLs.

        The answer is the JSON of `newsfuse summarize --format json`, plus `read`: the token of the
        story's page `/read/{token}`.
        """
        articles, warnings = await collect(
            req.texts, req.articles, [(f.name, f.content.encode("utf-8")) for f in req.files], req.urls
        )
        read = reads.add(articles, warnings)
        body = await read_summary(read.token, req.words, req.analysis)
        if req.rewrite:
            body = await rewritten(body, req.words)
        return Response(with_fields(body, read=read.token), media_type=JSON)

    @app.get("/api/stories", response_model=models.StoryList, responses=ERRORS, tags=["stories"])
    async def api_stories(
        q: Annotated[str | None, Query(max_length=200, description="Keyword search over titles and text.")] = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> dict[str, Any]:
        """Stories in the store, newest update first."""
        access = need_store()
        infos = await run_in_threadpool(access.call, "list_stories", query=q or None, limit=limit, offset=offset)
        return {"stories": [asdict(i) for i in infos]}

    @app.get("/api/stories/{story_id}", response_model=models.StoryOut, responses=ERRORS, tags=["stories"])
    async def api_story(
        story_id: StoryId, words: Words = DEFAULT_WORDS, analysis: bool = True, rewrite: Rewrite = False
    ) -> Response:
        """One stored story: its sources, cited summary and cross-source analysis (cached until it changes)."""
        info, body = await stored_summary(story_id, words, analysis)
        if rewrite:
            body = await rewritten(body, words)
        return Response(with_fields(body, story=info), media_type=JSON)

    @app.get("/api/stories/{story_id}/summary", response_model=models.SummaryOut, responses=ERRORS, tags=["stories"])
    async def api_story_summary(story_id: StoryId, words: Words = DEFAULT_WORDS, rewrite: Rewrite = False) -> Response:
        """Only the summary of a stored story at another length (sources unchanged, so not repeated)."""
        if rewrite:
            info, body = await stored_summary(story_id, words)
            return Response(with_fields(await rewritten(body, words, drop_sources=True), story=info), media_type=JSON)
        info, body = await stored_summary(story_id, words, only=True)
        return Response(with_fields(body, story=info), media_type=JSON)

    @app.get("/api/reads/{token}/summary", response_model=models.SummaryOut, responses=ERRORS, tags=["stories"])
    async def api_read_summary(token: Token, words: Words = DEFAULT_WORDS, rewrite: Rewrite = False) -> Response:
        """The summary of an ad-hoc story (made by POST /api/summarize or the home page) at another length."""
        if rewrite:
            body = await rewritten(await read_summary(token, words), words, drop_sources=True)
            return Response(with_fields(body, read=token), media_type=JSON)
        return Response(with_fields(await read_summary(token, words, only=True), read=token), media_type=JSON)

    @app.post("/api/ingest", response_model=models.IngestOut, responses=ERRORS, tags=["store"])
    async def api_ingest(req: models.IngestRequest) -> dict[str, Any]:
        """Add page/feed URLs (fetched through the SSRF guard) and JSON articles to the store."""
        for url in req.urls:
            if safe_url(url) is None:  # never a local path: the firehose would read files
                raise InputError(f"not an http(s) URL: {url[:200]!r}")
        if not req.urls and not req.articles:
            raise InputError("nothing to ingest: give urls or articles")
        access = need_store()
        try:
            from ..firehose import ingest
        except ImportError:
            raise HTTPException(503, "ingest needs newsfuse.firehose, which this install lacks") from None
        items: list[Any] = [*req.urls, *(_article(a, f"article-{k}") for k, a in enumerate(req.articles, 1))]

        report = await summarizer.run(lambda: ingest(items, access.store, allow_private=allow_private))
        return report.to_dict()  # the JSON of `newsfuse ingest --format json`

    # ---- pages ------------------------------------------------------------------------------

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(
            request, name, {"has_store": state["store"] is not None, **context}, status_code=status
        )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home(request: Request) -> HTMLResponse:
        return page(request, "home.html", words=DEFAULT_WORDS, limits=limits)

    @app.post("/summarize", include_in_schema=False)
    async def home_submit(request: Request) -> Response:
        form = await request.form(max_files=limits.max_files, max_fields=10, max_part_size=limits.max_file_bytes)
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
            articles, warnings = await collect(split_pasted(pasted), [], files, urls)
        except InputError as err:
            return page(
                request,
                "home.html",
                400,
                words=words,
                limits=limits,
                error=str(err),
                texts=pasted,
                urls="\n".join(urls),
            )
        read = reads.add(articles, warnings)
        return RedirectResponse(f"/read/{read.token}?words={words}", status_code=303)

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    async def stories_page(request: Request, q: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
        access = state["store"]
        infos = []
        if access is not None:
            infos = await run_in_threadpool(access.call, "list_stories", query=q or None, limit=100, offset=0)
        return page(request, "stories.html", stories=infos, q=q or "")

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(
        request: Request,
        story_id: StoryId,
        words: Words = DEFAULT_WORDS,
        rewrite: Rewrite = False,
    ) -> HTMLResponse:
        info, body = await stored_summary(story_id, words, analysis=True)
        if rewrite:
            body = await rewritten(body, words)
        story = json.loads(body)
        return story_view(request, story, words, info["title"], f"/api/stories/{story_id}/summary", info)

    @app.get("/read/{token}", response_class=HTMLResponse, include_in_schema=False)
    async def read_page(
        request: Request,
        token: Token,
        words: Words = DEFAULT_WORDS,
        rewrite: Rewrite = False,
    ) -> HTMLResponse:
        body = await read_summary(token, words, analysis=True)
        story = json.loads(await rewritten(body, words) if rewrite else body)
        titles = [s["title"] for s in story["sources"] if s.get("title")]
        return story_view(request, story, words, titles[0] if titles else "Your story", f"/api/reads/{token}/summary")

    def story_view(
        request: Request, story: dict, words: int, title: str, summary_url: str, info: dict | None = None
    ) -> HTMLResponse:
        numbers = {s["id"]: k for k, s in enumerate(story["sources"], 1)}
        disputed = sorted(_disputed_spans(story.get("analysis")))
        outlets = {Article(s["id"], "", source=s.get("source"), url=s.get("url")).outlet for s in story["sources"]}
        return page(
            request,
            "story.html",
            story=story,
            numbers=numbers,
            n_outlets=len(outlets),
            words=words,
            title=title,
            summary_url=summary_url,
            disputed=disputed,
            info=info,
            limits=limits,
            can_rewrite=rewriter is not None,
            rewrite="rewrite" in story,
        )

    app.state.summarizer = summarizer
    app.state.reads = reads
    return app
