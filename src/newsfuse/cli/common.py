"""The Typer app and what every command shares: option choices, errors, warnings, progress bars.

Each command lives in its own module of this package and registers itself on ``app``.
"""

from __future__ import annotations

import re
import sys
from datetime import timedelta
from enum import StrEnum
from typing import Annotated

import typer

from ..embed import EMBEDDERS
from ..engine import ENGINES
from ..errors import InputError
from ..evaluate.rouge_scores import MEASURES
from ..inputs import FORMATS as INPUT_FORMATS
from ..render import FORMATS
from ..select import SELECTORS
from ..version import __version__

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
        "  newsfuse eval --src val.src --tgt val.tgt --limit 300\n\n"
        "  newsfuse ingest feeds.opml && newsfuse stories --since 2d && newsfuse summarize --story 42\n\n"
        "  newsfuse summarize examples/kim-jong-un-beijing/ --analysis   # agreements, disagreements, timeline\n\n"
        "  newsfuse serve   # web reader and JSON API on http://127.0.0.1:8000"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str) -> timedelta:
    """``90s``, ``10m``, ``2h``, ``2d``, ``1w`` (or a plain number of seconds).

    >>> parse_duration("2d")
    datetime.timedelta(days=2)
    """
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*", text.lower())
    if not m:
        raise InputError(f"cannot read the duration {text!r}: use e.g. 90s, 10m, 2h, 2d or 1w")
    return timedelta(seconds=float(m.group(1)) * _UNITS[m.group(2) or "s"])


# Choices built from the registries (and the readers' and ROUGE's own lists): a name added there is offered here.
InputFormat = StrEnum("InputFormat", {f: f for f in INPUT_FORMATS})
OutputFormat = FORMATS.choices("OutputFormat")
EmbedderName = EMBEDDERS.choices("EmbedderName")
SelectorName = SELECTORS.choices("SelectorName")
EngineName = ENGINES.choices("EngineName")
Measure = StrEnum("Measure", {m: m for m in MEASURES})


def fail(message: str, code: int = 2) -> None:
    sys.stderr.write(f"newsfuse: error: {message}\n")
    raise typer.Exit(code)


def warn(messages: list[str]) -> None:
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


def progress_bar(disable: bool, description: str):
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
