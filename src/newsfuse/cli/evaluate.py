"""`newsfuse eval`: ROUGE of newsfuse and its peers against human references."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..engine import require
from .common import EmbedderName, EngineName, Measure, SelectorName, app, fail, progress_bar


@app.command(name="eval")
def eval_(
    src: Annotated[
        Path,
        typer.Option(
            "--src",
            help='One story per line: a Multi-News .src file, or JSONL of {"id", "articles": [...]} '
            "(sources and dates kept).",
        ),
    ],
    tgt: Annotated[
        list[Path],
        typer.Option(
            "--tgt",
            help="Matching .tgt file: one human summary per line. Repeat it for several references per story "
            "(DUC: --tgt dev.tgt.0 --tgt dev.tgt.1 ...): scores are averaged over them.",
        ),
    ],
    words: Annotated[int, typer.Option("--words", "-w", min=1, help="Word budget, the same for every method.")] = 250,
    methods: Annotated[
        str, typer.Option(help="Comma-separated methods: newsfuse, lead, lexrank, textrank.")
    ] = "newsfuse,lead,lexrank,textrank",
    limit: Annotated[int | None, typer.Option(min=1, help="Evaluate at most this many stories.")] = None,
    skip: Annotated[int, typer.Option(min=0, help="Skip the first N stories (for a held-out slice).")] = 0,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (or Ray actors with --engine ray).")] = 2,
    engine: Annotated[
        EngineName,
        typer.Option(help='Run on local processes or on Ray (pip install "newsfuse\\[ray]"); same report.'),
    ] = EngineName.local,
    out: Annotated[Path, typer.Option("--out", help="Folder for report.md and report.json.")] = Path("reports/eval"),
    embedder: Annotated[EmbedderName, typer.Option(help="Sentence embedder for newsfuse.")] = EmbedderName.auto,
    selector: Annotated[
        SelectorName, typer.Option(help="newsfuse's select stage: the trained model or the unsupervised MMR score.")
    ] = SelectorName.learned,
    measure: Annotated[
        Measure,
        typer.Option(
            help="f1 (Multi-News' convention), recall (DUC's: --words 100 with the four references) or precision."
        ),
    ] = Measure.f1,
) -> None:
    """ROUGE-1/2/Lsum of newsfuse and its peers (Lead, LexRank, TextRank) against human references.

    F1 against one reference per story by default; DUC 2004's convention is recall at 100 words,
    averaged over its four references:

      newsfuse eval --src dev.src --tgt dev.tgt.0 --tgt dev.tgt.1 --tgt dev.tgt.2 --tgt dev.tgt.3
      --words 100 --measure recall
    """
    from ..embed import get_embedder
    from ..evaluate import evaluate, write_report
    from ..inputs import iter_lines
    from ..select import SELECTORS

    for p in (src, *tgt):
        if not p.is_file():
            fail(f"{p}: no such file")
    require(engine.value)  # before any work: one line on how to install Ray when it is missing
    total = sum(1 for _ in iter_lines(src))
    total = max(0, min(total - skip, limit) if limit else total - skip)
    progress = progress_bar(not sys.stderr.isatty(), "evaluating")
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
            pipeline_options={
                "selector": SELECTORS.create(selector.value),
                **({"embedder": get_embedder(embedder.value)} if embedder != EmbedderName.auto else {}),
            },
            on_story=lambda n: progress.update(task, completed=n),
            engine=engine.value,
            measure=measure.value,
        )
    md, js = write_report(report, out)
    typer.echo(report.to_markdown())
    typer.echo(f"report written to {md} and {js}", err=True)
