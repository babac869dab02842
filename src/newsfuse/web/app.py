"""The FastAPI app: JSON API under /api, server-rendered pages, static files.

>>> from newsfuse.web import create_app
>>> app = create_app(store=False)  # no story store: /api/summarize and ad-hoc story pages only
>>> sorted(p for p in app.openapi()["paths"] if p.startswith("/api/stories"))
['/api/stories', '/api/stories/{story_id}', '/api/stories/{story_id}/summary']

Run it with ``uvicorn`` (as ``newsfuse serve`` does) or any ASGI server.  The routes live in
``api.py`` and ``pages.py``, what they share in ``context.py``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Collection
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import NewsfuseError
from .api import api_router
from .auth import Access, FailureLimiter, TokenAuth
from .context import HERE, MergedStory, StoreAccess, WebContext, merged_url
from .pages import pages_router
from .security import DEFAULT_HOSTS, Guard
from .service import BusyError, Limits, Summarizer, TimeoutExceeded

log = logging.getLogger("newsfuse.web")


def _open_default_store(database_url: str | None) -> Any:
    from ..store import open_store

    return open_store(database_url)


def create_app(
    store: Any = None,
    *,
    database_url: str | None = None,
    limits: Limits | None = None,
    allow_private: bool = False,
    pipeline_factory: Callable[[], Any] | None = None,
    workers: int = 2,
    read_workers: int = 2,
    processes: bool = True,
    info_ttl: float = 1.0,
    allowed_hosts: Collection[str] | None = DEFAULT_HOSTS,
    token: str | None = None,
    private: bool = False,
    auth_failures: int = 10,
    auth_window_s: float = 60.0,
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

    ``workers`` child processes (threads with ``processes=False``; a ``pipeline_factory`` must then
    pickle) summarize new input and fetch URLs; ``read_workers`` threads serve stories already known,
    so reads never wait behind summaries.  ``allowed_hosts`` are the
    ``Host`` names writes are accepted for (None or ``"*"``: any).  With ``token``, writes need it
    (``Authorization: Bearer`` or the login cookie of ``/login``), and ``private`` puts reads behind it
    too; ``auth_failures`` wrong tokens within ``auth_window_s`` seconds make a client wait (429).
    ``rewriter`` (a checked ``newsfuse.rewrite.Rewriter``) serves ``rewrite=true`` and the reader's
    prose toggle; without one they answer 400.
    """
    limits = limits or Limits()
    summarizer = Summarizer(limits, pipeline_factory, workers=workers, read_workers=read_workers, processes=processes)
    auth = TokenAuth(token, private=private, limiter=FailureLimiter(auth_failures, auth_window_s))
    ctx = WebContext(limits, summarizer, auth, allow_private=allow_private, info_ttl=info_ttl)
    ctx.rewriter = rewriter
    opened_here = store is None

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        raw = _open_default_store(database_url) if store is None else (store or None)
        ctx.store = StoreAccess(raw) if raw is not None else None
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
    app.add_middleware(Access, auth=auth)
    app.add_middleware(Guard, max_body_bytes=limits.max_body_bytes, allowed_hosts=allowed_hosts)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/healthz"

    def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        if is_api(request) or request.method not in {"GET", "POST"}:
            return JSONResponse({"error": message}, status_code=status, headers=headers)
        return ctx.page(request, "error.html", status, status=status, message=message, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors()[:5]:
            where = ".".join(str(p) for p in e.get("loc", ()) if p != "body")
            parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else str(e.get("msg", "invalid")))
        return error_response(request, 422, "invalid request: " + "; ".join(parts))

    @app.exception_handler(NewsfuseError)
    async def _newsfuse_error(request: Request, exc: NewsfuseError) -> Response:
        if isinstance(exc, BusyError):
            return error_response(request, 503, str(exc), {"Retry-After": str(exc.retry_after)})
        return error_response(request, 504 if isinstance(exc, TimeoutExceeded) else 400, str(exc))

    @app.exception_handler(MergedStory)
    async def _merged(request: Request, exc: MergedStory) -> Response:
        return RedirectResponse(merged_url(request.url.path, request.url.query, exc.story, exc.into), status_code=308)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return error_response(request, 500, f"internal error: {type(exc).__name__} (please report this)")

    app.include_router(api_router(ctx))
    app.include_router(pages_router(ctx))
    app.state.summarizer = summarizer
    app.state.reads = ctx.reads
    app.state.context = ctx
    return app
