"""`newsfuse cluster` and `newsfuse eval-clustering`: online story clustering of files, without a store."""

from __future__ import annotations

import json
import sys
import time
from enum import StrEnum
from typing import Annotated

import typer

from ..engine import require
from ..errors import InputError
from .common import EngineName, OutputFormat, app, parse_duration, warn

PartitionOption = Annotated[
    str | None,
    typer.Option(
        "--partition",
        help="Cluster time windows of this length (1w, 30d ...) apart, in parallel, each replaying the --overlap "
        "before it, instead of one clusterer over the whole stream (for streams too long for one process).",
        show_default=False,
    ),
]
OverlapOption = Annotated[
    str,
    typer.Option(
        "--overlap",
        help="With --partition: the time before each window that its clusterer replays first, so that stories "
        "crossing a cut continue (0 cuts them).",
    ),
]


def _read(inputs: list[str], skip_invalid: bool):
    from ..inputs import read_articles

    articles, warnings = read_articles(inputs, skip_invalid=skip_invalid)
    return articles, warnings


def _spans(partition: str | None, overlap: str) -> tuple[float | None, float]:
    """The --partition and --overlap durations in seconds (checked before any article is read)."""
    span = parse_duration(partition).total_seconds() if partition is not None else None
    if span is not None and span <= 0:
        raise InputError("--partition must be a positive duration, e.g. 1w or 30d")
    return span, parse_duration(overlap).total_seconds()


def _cluster(
    articles,
    engine: str = "local",
    workers: int | None = None,
    partition: float | None = None,
    overlap: float = 3 * 86400.0,
):
    from ..cluster import OnlineClusterer, final_labels
    from ..cluster.stream import epoch

    if engine != "local" or (workers or 1) > 1 or partition is not None:  # on the engine's workers
        from ..cluster.parallel import cluster_articles

        when = [epoch(a.published) for a in articles]
        untimed = sum(t is None for t in when)
        if partition is not None and 0 < untimed < len(when):
            warn(
                [
                    f"{untimed} of {len(when)} articles have no readable 'published' time: each is partitioned "
                    "with the article before it"
                ]
            )
        return cluster_articles(
            articles, when=when, engine=engine, workers=workers, partition=partition, overlap=overlap
        )
    clusterer = OnlineClusterer()
    assignments = clusterer.add_many(articles, when=[epoch(a.published) for a in articles])
    return final_labels(clusterer, assignments)


@app.command()
def cluster(
    inputs: Annotated[list[str], typer.Argument(help="JSONL (one article per line) or article files.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="jsonl or json.")] = OutputFormat.jsonl,
    skip_invalid: Annotated[bool, typer.Option(help="Skip malformed JSONL lines with a warning.")] = False,
    engine: Annotated[
        EngineName,
        typer.Option(help='Compute article features on local processes or on Ray (pip install "newsfuse\\[ray]").'),
    ] = EngineName.local,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Worker processes or Ray actors for the features (and the --partition windows) "
            "\\[default: 1 local, every CPU on Ray].",
        ),
    ] = None,
    partition: PartitionOption = None,
    overlap: OverlapOption = "3d",
) -> None:
    """Group articles into stories online, in input order: {"id": ..., "story": ...} per article.

    Each article joins the best-matching recent story or starts one; an article that matches two stories
    merges them (the ids printed are the final ones).  Same input order, same output, on every engine.

    --partition 1w clusters each week on its own worker after replaying the 3 days before it; a story
    holding a replayed article keeps its id, so stories split only where they go quiet for longer than
    --overlap across a cut.  Articles need publication times ('published').

    Examples:  newsfuse cluster corpus.jsonl  ·  newsfuse cluster corpus.jsonl --engine ray --partition 1w
    """
    require(engine.value)  # one line on how to install Ray, before reading anything
    span, over = _spans(partition, overlap)
    articles, warnings = _read(inputs, skip_invalid)
    warn(warnings)
    labels = _cluster(articles, engine.value, workers, span, over)
    rows = [{"id": a.id, "story": s} for a, s in zip(articles, labels, strict=True)]
    if fmt == OutputFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


class Order(StrEnum):
    published = "published"
    input = "input"


def _labelled(inputs: list[str], gold: str):
    """Articles with their true stories: JSONL files in the article or event form, else any readable input."""
    from pathlib import Path

    from ..cluster.stream import read_labelled_stream

    if all(Path(i).is_file() and Path(i).suffix.lower() in {".jsonl", ".json"} for i in inputs):
        return read_labelled_stream(inputs, gold)
    articles, warnings = _read(inputs, False)
    warn(warnings)
    missing = [a.id for a in articles if gold not in a.extra]
    if missing:
        raise InputError(f"{len(missing)} article(s) have no {gold!r} label (first: {missing[0]!r})")
    return articles


@app.command("eval-clustering")
def eval_clustering(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="JSONL: one article per line with its true story in 'story' (see --gold), or one event per line "
            '({"id": ..., "articles": [...]}, e.g. duc2004-dev/dev.jsonl).'
        ),
    ],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="text or json.")] = OutputFormat.text,
    partition: PartitionOption = None,
    overlap: OverlapOption = "3d",
    gold: Annotated[str, typer.Option("--gold", help="The field holding each article's true story.")] = "story",
    order: Annotated[
        Order,
        typer.Option(
            help="published: replay the stream in publication order (an article without a date keeps the place "
            "of the one before it); input: as given."
        ),
    ] = Order.published,
    ignore_dates: Annotated[
        bool, typer.Option("--ignore-dates", help="Cluster as if no article had a date (no time decay, no window).")
    ] = False,
) -> None:
    """Cluster labelled articles online and score against their true stories: B-cubed P/R/F1 and ARI.

    Prints the number of stories found next to the number of true stories (events).  Articles are
    replayed in publication order by default, with their dates: a story's score decays while it is
    quiet and it closes after the clusterer's window.  With --partition (and --overlap), the scores say
    what cutting the stream into time windows costs.

    Example:  newsfuse eval-clustering ../shared/data/duc2004-dev/dev.jsonl
    """
    from dataclasses import replace

    from ..cluster import clustering_scores
    from ..cluster.stream import epoch, publication_order

    span, over = _spans(partition, overlap)
    articles = _labelled(inputs, gold)
    if not articles:
        raise InputError("no articles to evaluate")
    dated = sum(epoch(a.published) is not None for a in articles)
    if order == Order.published:
        articles = publication_order(articles)
    if ignore_dates:
        articles = [replace(a, published=None) for a in articles]
    start = time.perf_counter()
    labels = _cluster(articles, partition=span, overlap=over)
    seconds = time.perf_counter() - start
    scores: dict[str, object] = dict(clustering_scores([str(a.extra[gold]) for a in articles], labels))
    scores["articles_per_s"] = len(articles) / seconds if seconds else 0.0
    scores["events"] = int(scores["true_stories"])  # type: ignore[call-overload]
    scores["stories"] = int(scores["predicted_stories"])  # type: ignore[call-overload]
    scores["dated"] = 0 if ignore_dates else dated
    scores["order"] = order.value
    if fmt == OutputFormat.json:
        sys.stdout.write(json.dumps(scores) + "\n")
        return
    sys.stdout.write(
        f"articles {len(articles)} ({scores['dated']} dated; {order.value} order)\n"
        f"events {scores['events']}  stories {scores['stories']}\n"
        f"B-cubed precision {scores['precision']:.4f}  recall {scores['recall']:.4f}  F1 {scores['f1']:.4f}\n"
        f"adjusted Rand index {scores['ari']:.4f}\n"
    )
