"""`newsfuse serve`: the web reader and HTTP API (FastAPI + uvicorn), on 127.0.0.1 by default."""

from __future__ import annotations

import gc
import ipaddress
from typing import Annotated

import typer

from .common import EmbedderName, SelectorName, app, fail, warn


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on. The default serves this machine only; 0.0.0.0 opens it to all.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port (0 picks a free one).")] = 8000,
    database: Annotated[
        str | None,
        typer.Option(
            "--db",
            "--database",
            "-d",
            help="Story store URL (sqlite:///path.db or postgresql://...) [default: $NEWSFUSE_DATABASE_URL, "
            "else newsfuse.db in the user data folder].",
            show_default=False,
        ),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            help="Let URL fetching reach loopback and private-network addresses. Only on a trusted network: "
            "anyone who can reach the server could make it fetch internal pages."
        ),
    ] = False,
    log_level: Annotated[str, typer.Option(help="uvicorn log level (debug, info, warning, error).")] = "info",
    token: Annotated[
        str | None,
        typer.Option(
            envvar="NEWSFUSE_TOKEN",
            help="Access token for a shared server: writes (summarize, fetch URLs, ingest) then need it, as "
            "'Authorization: Bearer TOKEN' or through the login page. Prefer the environment variable: "
            "command lines are visible to other users.",
            show_default=False,
        ),
    ] = None,
    private: Annotated[
        bool, typer.Option(help="With --token: reads (pages, stories, summaries) need the token too.")
    ] = False,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            help="A host name writes are accepted for, besides the --host address, localhost and 127.0.0.1 "
            "(repeat it; * accepts any). Guards against DNS rebinding: give the name people use to reach the server.",
            show_default=False,
        ),
    ] = None,
    rewrite: Annotated[
        bool,
        typer.Option(
            "--rewrite",
            help="Offer the guarded prose rewrite (the reader's Prose toggle, rewrite=true on the API) with "
            "--llm-model / --llm-url as in newsfuse summarize (docs/rewrite.md).",
        ),
    ] = False,
    llm_model: Annotated[
        str | None, typer.Option("--llm-model", help="For --rewrite: a GGUF file, or the server's model name.")
    ] = None,
    llm_url: Annotated[
        str | None, typer.Option("--llm-url", help="For --rewrite: an OpenAI-compatible API root.")
    ] = None,
    embedder: Annotated[EmbedderName, typer.Option(help="Sentence embedder.")] = EmbedderName.auto,
    selector: Annotated[
        SelectorName, typer.Option(help="Select stage: the trained model or the unsupervised MMR score.")
    ] = SelectorName.learned,
) -> None:
    """Serve the web reader and the JSON API.

    Open http://127.0.0.1:8000 to paste articles, links or files and read the
    cited story; /stories lists what the store holds.  The API is described at
    /openapi.json (POST /api/summarize, GET /api/stories, GET /api/stories/ID,
    GET /api/stories/ID/summary?words=N, POST /api/ingest, GET /healthz).

    Examples:

      newsfuse serve

      newsfuse serve --port 9000 --db sqlite:///news.db

      NEWSFUSE_TOKEN=... newsfuse serve --host 0.0.0.0 --allow-host news.example.org --private
    """
    try:
        import uvicorn

        from ..web import create_app
    except ImportError as err:
        fail(f"the web server needs {err.name}: pip install newsfuse (it is a default dependency)")
        return
    from functools import partial

    from ..service import make_pipeline
    from ..store import open_store
    from ..web.security import allowed_host_names

    if private and not token:
        fail("--private needs a token: give --token or set NEWSFUSE_TOKEN")
        return
    rewriter = None
    if rewrite:
        from ..rewrite import LLMUnavailable, make_rewriter

        try:
            rewriter = make_rewriter(llm_model, llm_url)
        except LLMUnavailable as e:
            fail(str(e))
    elif llm_model or llm_url:
        fail("--llm-model and --llm-url are for --rewrite: add --rewrite")
    store = open_store(database)  # here, not at server start-up: a bad URL is one line and exit 2
    try:
        hosts = allowed_host_names(host, allow_host or [])
        if not _is_loopback(host):
            notes = []
            if not token:
                notes.append(f"listening on {host} without --token: anyone who can reach this address can use it")
            if "*" not in hosts:
                notes.append("writes are accepted for host names " + ", ".join(sorted(hosts)) + " (add --allow-host)")
            if notes:
                warn(notes)
        web = create_app(
            store=store,
            allow_private=allow_private,
            allowed_hosts=hosts,
            token=token,
            private=private,
            rewriter=rewriter,
            pipeline_factory=partial(make_pipeline, embedder.value, selector.value),
        )
        # Everything imported so far lives as long as the process: keep it out of the garbage collector's
        # full passes, which otherwise walk it all and pause every request while they do.
        gc.freeze()
        uvicorn.run(web, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=5)
    finally:
        store.close()
