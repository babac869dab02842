"""`newsfuse cluster` and `newsfuse eval-clustering`: online story clustering of files, without a store."""

from __future__ import annotations

import json
import sys
import time
from typing import Annotated

import typer

from ..engine.base import EngineName, require
from ..errors import InputError
from .app import OutputFormat, app, parse_duration, warn

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
    from ..ingest import read_articles

    articles, warnings = read_articles(inputs, skip_invalid=skip_invalid)
    return articles, warnings


def _when(published: str | None) -> float | None:
    if not published:
        return None
    from datetime import UTC, datetime

    try:
        dt = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).timestamp()


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

    if engine != "local" or (workers or 1) > 1 or partition is not None:  # on the engine's workers (issue 8)
        from ..engine.cluster import cluster_articles

        when = [_when(a.published) for a in articles]
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
    assignments = clusterer.add_many(articles, when=[_when(a.published) for a in articles])
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


@app.command("eval-clustering")
def eval_clustering(
    inputs: Annotated[list[str], typer.Argument(help="JSONL articles, each with a 'story' label.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="text or json.")] = OutputFormat.text,
    partition: PartitionOption = None,
    overlap: OverlapOption = "3d",
) -> None:
    """Cluster labelled articles online and score against their 'story' labels: B-cubed P/R/F1 and ARI.

    With --partition (and --overlap), the scores say what cutting the stream into time windows costs.
    """
    from ..cluster import clustering_scores

    span, over = _spans(partition, overlap)
    articles, warnings = _read(inputs, False)
    warn(warnings)
    missing = [a.id for a in articles if "story" not in a.extra]
    if missing:
        raise InputError(f"{len(missing)} article(s) have no 'story' label (first: {missing[0]!r})")
    start = time.perf_counter()
    labels = _cluster(articles, partition=span, overlap=over)
    seconds = time.perf_counter() - start
    scores = clustering_scores([str(a.extra["story"]) for a in articles], labels)
    scores["articles_per_s"] = len(articles) / seconds if seconds else 0.0
    if fmt == OutputFormat.json:
        sys.stdout.write(json.dumps(scores) + "\n")
        return
    sys.stdout.write(
        f"articles {int(scores['articles'])}  true stories {int(scores['true_stories'])}  "
        f"predicted {int(scores['predicted_stories'])}\n"
        f"B-cubed precision {scores['precision']:.4f}  recall {scores['recall']:.4f}  F1 {scores['f1']:.4f}\n"
        f"adjusted Rand index {scores['ari']:.4f}\n"
    )
