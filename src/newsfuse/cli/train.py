"""`newsfuse train`: rebuild the learned selector's model from the Multi-News training split."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from .common import app, fail, progress_bar


@app.command()
def train(
    src: Annotated[Path, typer.Option("--src", help="Training stories, Multi-News format (.src or .src.gz).")],
    tgt: Annotated[Path, typer.Option("--tgt", help="Matching human summaries (.tgt or .tgt.gz).")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Model file to write [default: the one shipped in the package]."),
    ] = None,
    stories: Annotated[int, typer.Option(min=1, help="Stories to sample from the training split.")] = 20000,
    seed: Annotated[int, typer.Option(help="Seed of the story sample and of the model.")] = 13,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes for labelling (and model threads).")] = 2,
    rounds: Annotated[int, typer.Option(min=1, help="Boosting rounds.")] = 60,
) -> None:
    """Label sampled training stories against their references and fit the selector's model.

    Reproduces the shipped model with the defaults, e.g.:

      newsfuse train --src ../shared/data/multinews/train.src.gz --tgt ../shared/data/multinews/train.tgt.gz
    """
    from ..learn.fit import train_selector
    from ..select.learned import default_model_path

    for p in (src, tgt):
        if not p.is_file():
            fail(f"{p}: no such file")
    target = out or default_model_path()
    start = time.perf_counter()
    progress = progress_bar(not sys.stderr.isatty(), "labelling")
    with progress:
        task = progress.add_task("stories", total=stories)
        path = train_selector(
            src,
            tgt,
            target,
            stories=stories,
            seed=seed,
            workers=workers,
            rounds=rounds,
            on_story=lambda n: progress.update(task, completed=n),
        )
    typer.echo(f"model written to {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.0f} s")
