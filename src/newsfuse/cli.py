"""The `newsfuse` command line: summarize stories, evaluate against human references.

Errors in the input end with one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .errors import InputError, NewsfuseError

app = typer.Typer(
    name="newsfuse",
    help=(
        "Turn many news articles about one event into one faithful, cited summary.\n\n"
        "Every summary sentence is a sentence of a source and cites every outlet that states it: "
        "\\[1]\\[3] means sources 1 and 3 say so.\n\n"
        "Examples:\n\n"
        "  newsfuse summarize examples/kim-jong-un-beijing/\n\n"
        "  newsfuse summarize a.txt b.html c.txt --words 120 --format json\n\n"
        "  newsfuse summarize --input-format multinews clusters.src --format jsonl\n\n"
        "  newsfuse eval --src val.src --tgt val.tgt --limit 300"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class OutputFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"
    multinews = "multinews"


class EmbedderName(StrEnum):
    auto = "auto"
    wordllama = "wordllama"
    tfidf = "tfidf"


def _fail(message: str, code: int = 2) -> None:
    sys.stderr.write(f"newsfuse: error: {message}\n")
    raise typer.Exit(code)


def _warn(messages: list[str]) -> None:
    for m in messages:
        sys.stderr.write(f"newsfuse: warning: {m}\n")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsfuse {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """newsfuse: cited multi-source news summaries."""


def _stdin_text() -> str:
    from .ingest import decode_text

    text, warning = decode_text(sys.stdin.buffer.read(), "stdin")
    if warning:
        _warn([warning])
    return text


def _multinews_stories(inputs: list[str]) -> Iterator[list]:
    from .ingest import iter_multinews, parse_multinews_line

    for item in inputs:
        if item == "-":
            for line in _stdin_text().splitlines():
                yield parse_multinews_line(line)
        else:
            yield from iter_multinews(item)


@app.command()
def summarize(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or folders of articles (.txt .md .html .jsonl), or - for stdin.", show_default=False
        ),
    ] = None,
    words: Annotated[int, typer.Option("--words", "-w", min=1, help="Word budget of the summary.")] = 120,
    fmt: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="Output format [default: text on a terminal, text when piped]."),
    ] = None,
    input_format: Annotated[
        InputFormat,
        typer.Option(
            "--input-format", "-i", help="How to read the inputs; multinews = one story per line, one summary each."
        ),
    ] = InputFormat.auto,
    embedder: Annotated[EmbedderName, typer.Option(help="Sentence embedder.")] = EmbedderName.auto,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    skip_invalid: Annotated[
        bool, typer.Option(help="Skip malformed JSONL lines (with a warning) instead of stopping.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings or progress on stderr.")] = False,
) -> None:
    """Summarize the articles of one story, every sentence cited \\[n] to its sources.

    All inputs together form one story.  With --input-format multinews (or a
    .src file), each line is its own story and gets its own summary; use
    --format jsonl for one JSON object per line, in input order.
    """
    from .embed import get_embedder
    from .ingest import read_articles
    from .pipeline import Pipeline
    from .render import render, render_rich

    items = inputs or []
    if not items:
        _fail("no input given: name files or folders, or - for stdin (see newsfuse summarize --help)")
    pipeline = Pipeline(embedder=get_embedder(embedder.value))
    per_line = input_format == InputFormat.multinews or (
        input_format == InputFormat.auto and all(i != "-" and Path(i).suffix in {".src"} for i in items)
    )
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        if per_line:
            chosen = (fmt or OutputFormat.jsonl).value
            stories = _multinews_stories(items)
            progress = _progress(quiet or not sys.stderr.isatty(), "summarizing")
            with progress:
                task = progress.add_task("stories", total=None)
                first = True
                if chosen == "json":
                    out.write("[")
                for articles in stories:
                    story = pipeline.summarize(articles, words) if articles else _empty_story()
                    if chosen == "json":
                        out.write(("" if first else ",") + "\n" + render(story, "json").rstrip("\n"))
                    else:
                        out.write(render(story, chosen) + ("\n" if chosen in {"text", "markdown"} else ""))
                    first = False
                    progress.advance(task)
                if chosen == "json":
                    out.write("\n]\n")
            return
        stdin_text = _stdin_text() if "-" in items else None
        articles, warnings = read_articles(items, input_format.value, stdin_text=stdin_text, skip_invalid=skip_invalid)
        story = pipeline.summarize(articles, words)
        story.warnings[:0] = warnings
        if not quiet:
            _warn(story.warnings)
        chosen = (fmt or OutputFormat.text).value
        if chosen == "text" and fmt is None and out is sys.stdout and sys.stdout.isatty():
            from rich.console import Console

            render_rich(story, Console())
        else:
            out.write(render(story, chosen))
    finally:
        if out is not sys.stdout:
            out.close()


def _empty_story():
    from .types import Story

    return Story(sources=[], sentences=[], warnings=["no article text on this line"])


def _progress(disable: bool, description: str):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn(f"[bold]{description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=disable,
        transient=False,
    )


@app.command(name="eval")
def eval_(
    src: Annotated[Path, typer.Option("--src", help="Multi-News .src file: one story per line.")],
    tgt: Annotated[Path, typer.Option("--tgt", help="Matching .tgt file: one human summary per line.")],
    words: Annotated[int, typer.Option("--words", "-w", min=1, help="Word budget, the same for every method.")] = 250,
    methods: Annotated[
        str, typer.Option(help="Comma-separated methods: newsfuse, lead, lexrank, textrank.")
    ] = "newsfuse,lead,lexrank,textrank",
    limit: Annotated[int | None, typer.Option(min=1, help="Evaluate at most this many stories.")] = None,
    skip: Annotated[int, typer.Option(min=0, help="Skip the first N stories (for a held-out slice).")] = 0,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 2,
    out: Annotated[Path, typer.Option("--out", help="Folder for report.md and report.json.")] = Path("reports/eval"),
    embedder: Annotated[EmbedderName, typer.Option(help="Sentence embedder for newsfuse.")] = EmbedderName.auto,
) -> None:
    """ROUGE-1/2/Lsum F1 of newsfuse and its peers (Lead, LexRank, TextRank) against human references."""
    from .embed import get_embedder
    from .evaluate import evaluate, write_report
    from .ingest import iter_lines

    for p in (src, tgt):
        if not p.is_file():
            _fail(f"{p}: no such file")
    total = sum(1 for _ in iter_lines(src))
    total = max(0, min(total - skip, limit) if limit else total - skip)
    progress = _progress(not sys.stderr.isatty(), "evaluating")
    with progress:
        task = progress.add_task("stories", total=total)
        report = evaluate(
            src,
            tgt,
            words=words,
            methods=[m.strip() for m in methods.split(",") if m.strip()],
            limit=limit,
            skip=skip,
            workers=workers,
            pipeline_options={"embedder": get_embedder(embedder.value)} if embedder != EmbedderName.auto else None,
            on_story=lambda n: progress.update(task, completed=n),
        )
    md, js = write_report(report, out)
    typer.echo(report.to_markdown())
    typer.echo(f"report written to {md} and {js}", err=True)


def main(argv: list[str] | None = None) -> int:
    """Console entry point: run the app, turning every error into one line and an exit code."""
    try:
        code = app(args=argv, standalone_mode=False)
        return code if isinstance(code, int) else 0
    except typer.Exit as done:
        return done.exit_code
    except (InputError, NewsfuseError) as err:
        sys.stderr.write(f"newsfuse: error: {err}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("newsfuse: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:  # the promise to users: one line, never a traceback
        if hasattr(err, "show") and hasattr(err, "exit_code"):  # usage errors from typer/click
            err.show()
            return 2
        if type(err).__name__ == "Abort":
            return 130
        if isinstance(err, OSError):
            sys.stderr.write(f"newsfuse: error: {err.strerror or err}: {getattr(err, 'filename', '') or ''}\n")
            return 2
        sys.stderr.write(f"newsfuse: internal error: {type(err).__name__}: {err} (please report this)\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
