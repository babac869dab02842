"""`newsfuse ingest`, `newsfuse watch` and `newsfuse stories`: the firehose into the store, and what it holds."""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from typing import Annotated

import typer

from ..engine import require
from ..errors import InputError
from .common import EngineName, OutputFormat, app, parse_duration, warn

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        "--database",
        help="Database URL (sqlite:///file.db or postgresql://user@host/db) "
        "[default: $NEWSFUSE_DATABASE_URL, else newsfuse.db in your data folder].",
        show_default=False,
    ),
]
AllowPrivate = Annotated[
    bool,
    typer.Option("--allow-private", help="Also fetch from loopback/private/link-local addresses (your own network)."),
]


def _printer(fmt: str, quiet: bool):
    def on_event(kind: str, item: str, detail: object) -> None:
        if kind == "stored" and fmt != "json":
            line = (
                json.dumps({"stored": item, "story": detail}) if fmt == "jsonl" else f"stored {item} -> story {detail}"
            )
            sys.stdout.write(line + "\n")
            sys.stdout.flush()  # a line on stdout means the article is committed
        elif kind == "skipped" and not quiet:
            warn([f"skipped: {detail}"])
        elif kind == "duplicate" and not quiet:
            sys.stderr.write(f"newsfuse: duplicate of {detail}: {item}\n")
        elif kind == "warning" and not quiet:
            warn([str(detail)])

    return on_event


def _run(
    items: list[str],
    db: str | None,
    allow_private: bool,
    fmt: str,
    quiet: bool,
    engine: str = "local",
    workers: int | None = None,
    skip_invalid: bool = False,
):
    from ..firehose import ingest
    from ..store import open_store

    with open_store(db) as store:
        return ingest(
            items,
            store,
            allow_private=allow_private,
            on_event=_printer(fmt, quiet),
            engine=engine,
            workers=workers,
            skip_invalid=skip_invalid,
        )


def _summary(report, fmt: str, quiet: bool = False) -> None:
    if report.undated and not quiet:
        warn(
            [
                f"{len(report.undated)} stored article(s) have no readable publication date: clustered as "
                f"published at ingest time (first: {report.undated[0]})"
            ]
        )
    if fmt == "json":
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
        return
    updates = f" ({len(report.updates)} updates of earlier articles)" if report.updates else ""
    sys.stderr.write(
        f"newsfuse: {len(report.stored)} stored{updates}, {len(report.duplicates)} duplicates, "
        f"{len(report.skipped)} skipped, {len(report.not_modified)} feeds not modified\n"
    )


def _nothing_usable(report) -> bool:
    """Exit code 2: items were skipped and none stored, found stored already or unchanged."""
    return bool(report.skipped) and not (report.stored or report.duplicates or report.not_modified)


SkipInvalid = Annotated[
    bool,
    typer.Option(
        "--skip-invalid",
        help="Skip malformed JSONL lines (each with a warning) and store the rest of their file; "
        "without it such a file is skipped, naming the line.",
    ),
]


@app.command()
def ingest(
    items: Annotated[
        list[str],
        typer.Argument(
            help="Page or feed URLs, OPML/RSS/Atom files, files of URLs, HTML/text/JSONL files or folders.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    allow_private: AllowPrivate = False,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text: a line per stored article; jsonl; json: one report.")
    ] = OutputFormat.text,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings on stderr.")] = False,
    engine: Annotated[
        EngineName,
        typer.Option(
            help='Compute signatures and features on local processes or on Ray (pip install "newsfuse\\[ray]").'
        ),
    ] = EngineName.local,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes or Ray actors for --engine \\[default: 1 local, every CPU on Ray]."),
    ] = None,
    skip_invalid: SkipInvalid = False,
) -> None:
    """Fetch, deduplicate, cluster into stories and store articles.

    Each stored article is printed as soon as it is committed; bad items are skipped with a one-line
    warning and the rest goes on.  Text that cannot be encoded (a lone surrogate) is repaired to
    U+FFFD with a warning.  A near-copy of a stored article with other numbers, dates or names is
    stored as an update of it, in its story.  Exit code 0 when anything was stored (or found stored
    already), 2 when nothing was usable.

    For a bulk load (a large JSONL corpus), --engine ray (or --workers N) computes each article's
    MinHash signature and clustering features on N workers; storing stays in this process and in
    input order, so the store holds the same articles and stories as with one process.  Everything
    is read first, then stored.

    Examples:  newsfuse ingest feeds.opml  ·  newsfuse ingest https://example.org/article.html
    ·  newsfuse ingest corpus.jsonl --engine ray --workers 8
    """
    require(engine.value)  # one line on how to install Ray, before reading anything
    report = _run(
        items,
        db,
        allow_private,
        "jsonl" if fmt == OutputFormat.jsonl else fmt.value,
        quiet,
        engine=engine.value,
        workers=workers,
        skip_invalid=skip_invalid,
    )
    _summary(report, fmt.value, quiet)
    if _nothing_usable(report):
        raise typer.Exit(2)


@app.command()
def watch(
    items: Annotated[list[str], typer.Argument(help="What to poll (as for ingest).", show_default=False)],
    every: Annotated[str, typer.Option("--every", help="Time between polls: 90s, 10m, 1h ...")] = "10m",
    times: Annotated[int, typer.Option("--times", min=0, help="Stop after this many polls (0: never).")] = 0,
    db: DbOption = None,
    allow_private: AllowPrivate = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings on stderr.")] = False,
    skip_invalid: SkipInvalid = False,
) -> None:
    """Keep polling feeds and pages: new articles join existing stories or start new ones (Ctrl-C stops).

    Bad items are skipped with a one-line warning at each poll.  An error that stops a whole poll
    after the first (the database briefly unreachable) is reported and polling goes on; on the
    first poll it ends the command, so a wrong setting shows at once.
    """
    pause = parse_duration(every).total_seconds()
    if pause < 1:
        raise InputError("--every must be at least 1s")
    n = 0
    while True:
        try:
            report = _run(items, db, allow_private, "text", quiet, skip_invalid=skip_invalid)
            _summary(report, "text", quiet)
        except Exception as err:
            if n == 0:
                raise
            warn(
                [
                    f"poll {n + 1} failed ({type(err).__name__}: {(str(err).splitlines() or [''])[0][:200]}); "
                    f"polling again in {every}"
                ]
            )
        n += 1
        if times and n >= times:
            return
        time.sleep(pause)


@app.command()
def stories(
    since: Annotated[str | None, typer.Option("--since", help="Only stories seen in this period: 2d, 12h ...")] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Keywords that titles or texts must hold.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many stories.")] = 50,
    db: DbOption = None,
    fmt: Annotated[
        OutputFormat | None, typer.Option("--format", "-f", help="json for machines; a table on a terminal.")
    ] = None,
) -> None:
    """List stored stories, last seen first: id, title, articles, outlets, first/last seen."""
    from ..store import open_store

    cutoff = datetime.now(UTC) - parse_duration(since) if since else None
    with open_store(db) as store:
        found = store.list_stories(since=cutoff, query=query, limit=limit)
    if fmt in {OutputFormat.json, OutputFormat.jsonl}:
        rows = [s.__dict__ for s in found]
        if fmt == OutputFormat.json:
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "title", "articles", "outlets", "first seen", "last seen")
    for s in found:
        table.add_row(str(s.id), s.title, str(s.n_articles), str(s.n_outlets), s.first_seen, s.last_seen)
    Console(width=None if sys.stdout.isatty() else 160).print(table)
