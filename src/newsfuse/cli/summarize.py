"""`newsfuse summarize`: the cited summary of one story, or one per line of a Multi-News file."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from .app import EmbedderName, InputFormat, OutputFormat, app, empty_story, fail, progress_bar, warn


def _stdin_text() -> str:
    from ..ingest import decode_text

    text, warning = decode_text(sys.stdin.buffer.read(), "stdin")
    if warning:
        warn([warning])
    return text


def _multinews_stories(inputs: list[str]) -> Iterator[list]:
    from ..ingest import iter_multinews, parse_multinews_line

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
    from ..embed import get_embedder
    from ..ingest import read_articles
    from ..pipeline import Pipeline
    from ..render import render, render_rich

    items = inputs or []
    if not items:
        fail("no input given: name files or folders, or - for stdin (see newsfuse summarize --help)")
    pipeline = Pipeline(embedder=get_embedder(embedder.value))
    per_line = input_format == InputFormat.multinews or (
        input_format == InputFormat.auto and all(i != "-" and Path(i).suffix in {".src"} for i in items)
    )
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        if per_line:
            chosen = (fmt or OutputFormat.jsonl).value
            stories = _multinews_stories(items)
            progress = progress_bar(quiet or not sys.stderr.isatty(), "summarizing")
            with progress:
                task = progress.add_task("stories", total=None)
                first = True
                if chosen == "json":
                    out.write("[")
                for articles in stories:
                    story = pipeline.summarize(articles, words) if articles else empty_story()
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
            warn(story.warnings)
        chosen = (fmt or OutputFormat.text).value
        if chosen == "text" and fmt is None and out is sys.stdout and sys.stdout.isatty():
            from rich.console import Console

            render_rich(story, Console())
        else:
            out.write(render(story, chosen))
    finally:
        if out is not sys.stdout:
            out.close()
