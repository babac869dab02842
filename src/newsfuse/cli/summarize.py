"""`newsfuse summarize`: the cited summary of one story, or one per line of a Multi-News file."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from ..engine import Engine
from .common import EmbedderName, EngineName, InputFormat, OutputFormat, SelectorName, app, fail, progress_bar, warn


def _stdin_text() -> str:
    from ..inputs import decode_text

    text, warning = decode_text(sys.stdin.buffer.read(), "stdin")
    if warning:
        warn([warning])
    return text


def _rendered_lines(
    runner: Engine, items: list[str], words: int, fmt: str, embedder: str, selector: str
) -> Iterator[str]:
    """Each line's story rendered in ``fmt``, in input order, on the engine ``runner``."""
    from functools import partial

    from ..inputs import iter_lines
    from ..service import SummarizeLines

    factory = partial(SummarizeLines, words, fmt, embedder, selector)
    if "-" not in items:
        return runner.map_lines(factory, items)
    lines = (line for item in items for line in (_stdin_text().splitlines() if item == "-" else iter_lines(item)))
    return runner.map_items(factory, lines)


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
            "--input-format",
            "-i",
            help="How to read the inputs; multinews = one story per line (Multi-News text or a JSON story), "
            "one summary each.",
        ),
    ] = InputFormat.auto,
    embedder: Annotated[EmbedderName, typer.Option(help="Sentence embedder.")] = EmbedderName.auto,
    selector: Annotated[
        SelectorName, typer.Option(help="Select stage: the trained model or the unsupervised MMR score.")
    ] = SelectorName.learned,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    skip_invalid: Annotated[
        bool, typer.Option(help="Skip malformed JSONL lines (with a warning) instead of stopping.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings or progress on stderr.")] = False,
    story_id: Annotated[
        int | None,
        typer.Option(
            "--story", help="Summarize a stored story (see newsfuse stories) instead of files.", show_default=False
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            "--database",
            help="Database URL for --story [default: $NEWSFUSE_DATABASE_URL or the user data folder].",
        ),
    ] = None,
    engine: Annotated[
        EngineName,
        typer.Option(
            help="Where one-story-per-line input runs: local processes, or Ray (RAY_ADDRESS or a local Ray; "
            'pip install "newsfuse\\[ray]"). Same output either way.'
        ),
    ] = EngineName.local,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Worker processes or Ray actors for one-story-per-line input \\[default: 1 local, every CPU on Ray].",
        ),
    ] = None,
    analysis: Annotated[
        bool,
        typer.Option(
            "--analysis",
            help="Add the cross-source analysis: facts by how many outlets state them, disagreements between "
            "outlets (numbers, dates, names, quotes, negation), what only one outlet reports, a timeline, "
            "entities and key numbers (docs/analysis.md).",
        ),
    ] = False,
    min_support: Annotated[
        int,
        typer.Option(
            "--min-support",
            min=1,
            help="Keep only summary sentences whose fact at least N outlets state (e.g. 2).",
        ),
    ] = 1,
    rewrite: Annotated[
        bool,
        typer.Option(
            "--rewrite",
            help="Retell the summary's facts as prose with a language model, keeping only sentences whose "
            "numbers, dates, names, quotes, negations and hedges the cited sources state; the others stay "
            'extractive (docs/rewrite.md; pip install "newsfuse\\[llm]").',
        ),
    ] = False,
    llm_model: Annotated[
        str | None,
        typer.Option(
            "--llm-model",
            help="For --rewrite: a GGUF file run in process by llama.cpp, or with --llm-url the server's model "
            "name \\[default: the SmolLM2-135M file of the llm extra; the server's first model].",
            show_default=False,
        ),
    ] = None,
    llm_url: Annotated[
        str | None,
        typer.Option(
            "--llm-url",
            help="For --rewrite: an OpenAI-compatible API root, e.g. http://127.0.0.1:8080/v1 (llama.cpp server, "
            "Ollama, vLLM); the key, if any, from $NEWSFUSE_LLM_KEY.  Nothing else is contacted.",
            show_default=False,
        ),
    ] = None,
    llm_timeout: Annotated[
        float,
        typer.Option(
            "--llm-timeout", min=1, help="For --rewrite: seconds per story before falling back to extractive."
        ),
    ] = 120.0,
) -> None:
    """Summarize the articles of one story, every sentence cited \\[n] to its sources.

    All inputs together form one story.  With --input-format multinews (or a
    .src file, or a .jsonl file whose lines are stories: {"id": ..., "articles":
    [{"text": ..., "source": ..., "published": ...}, ...]}), each line is its own
    story and gets its own summary; use
    --format jsonl for one JSON object per line, in input order.  --engine ray
    --workers N spreads those lines over N Ray actors (docs/scaling.md).
    --analysis adds what the outlets agree on, where they disagree, what only
    one reports, a timeline and the entities, e.g.
    newsfuse summarize examples/kim-jong-un-beijing/ --analysis --min-support 2
    --rewrite turns the cited facts into prose with a local GGUF model or an
    OpenAI-compatible server; every rewritten sentence is checked against the
    facts it cites, e.g.
    newsfuse summarize examples/kim-jong-un-beijing/ --rewrite --llm-model model.gguf
    """
    from ..engine import check_paths, get_engine
    from ..inputs import holds_stories, read_articles
    from ..render import render, render_rich
    from ..service import make_pipeline, summarize_articles

    items = inputs or []
    if story_id is not None:
        if items:
            fail("--story summarizes a stored story: give no input files with it")
        items = [f"story:{story_id}"]  # read from the store below, never as a path
        input_format = InputFormat.auto
    if not items:
        fail("no input given: name files or folders, or - for stdin (see newsfuse summarize --help)")
    per_line = input_format == InputFormat.multinews or (
        input_format == InputFormat.auto
        and all(i != "-" and (Path(i).suffix == ".src" or holds_stories(i)) for i in items)
    )
    if per_line and (analysis or min_support > 1 or rewrite):
        fail("--analysis, --min-support and --rewrite work on one story; run newsfuse summarize once per story instead")
    if (llm_model or llm_url) and not rewrite:
        fail("--llm-model and --llm-url are for --rewrite: add --rewrite")
    rewriter = None
    if rewrite:  # the model loaded or the server reached before any work starts
        from ..rewrite import LLMUnavailable, make_rewriter

        try:
            rewriter = make_rewriter(llm_model, llm_url, timeout=llm_timeout)
        except LLMUnavailable as e:
            fail(str(e))
    # Started before the output is opened: a missing Ray must not leave a truncated file behind;
    # and the inputs checked before Ray starts (seconds) to say that a file is missing.
    if per_line and any(i != "-" for i in items):
        check_paths([i for i in items if i != "-"])
    runner = get_engine(engine.value, workers) if per_line else None
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        if runner is not None:
            chosen = (fmt or OutputFormat.jsonl).value
            rendered = _rendered_lines(runner, items, words, chosen, embedder.value, selector.value)
            progress = progress_bar(quiet or not sys.stderr.isatty(), "summarizing")
            with progress:
                task = progress.add_task("stories", total=None)
                first = True
                if chosen == "json":
                    out.write("[")
                for text in rendered:
                    out.write((("" if first else ",") + "\n" + text) if chosen == "json" else text)
                    first = False
                    progress.advance(task)
                if chosen == "json":
                    out.write("\n]\n")
            return
        if engine != EngineName.local and not quiet:
            warn(["--engine applies to one-story-per-line input (--input-format multinews); summarizing locally"])
        stdin_text = _stdin_text() if "-" in items else None
        if story_id is not None:
            from ..store import open_store

            with open_store(db) as store:
                articles, warnings = store.story_articles(story_id), []
            if not articles:
                fail(f"no stored story {story_id} (see newsfuse stories)")
        else:
            articles, warnings = read_articles(
                items, input_format.value, stdin_text=stdin_text, skip_invalid=skip_invalid
            )
        story = summarize_articles(
            make_pipeline(embedder.value, selector.value),
            articles,
            words,
            min_support=min_support,
            cross_source=analysis,
            rewriter=rewriter,
            warnings=warnings,
        )
        if not quiet:
            warn(story.warnings)
        chosen = (fmt or OutputFormat.text).value
        if chosen == "text" and fmt is None and out is sys.stdout and sys.stdout.isatty():
            from rich.console import Console

            render_rich(story, Console())
        else:
            out.write(render(story, chosen))
    finally:
        if runner is not None:
            runner.close()
        if out is not sys.stdout:
            out.close()
