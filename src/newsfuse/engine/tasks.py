"""The batch functions the engines run: built once per worker, then called on batches.

Both engines run exactly these, so the same input gives the same output.
"""

from __future__ import annotations

from typing import Any

from ..render.formats import FORMATS

# A two-article story summarized once when a worker builds its batch function: the embedder's model
# and the lazily imported stages load then (the worker's start-up), not in its first batch.
_WARM_UP = (
    "Officials said on Monday that heavy rain flooded the old town. ||||| "
    "Heavy rain flooded the old town on Monday, officials said."
)


class SummarizeLines:
    """Multi-News lines in, one rendered summary per line out (``fmt`` as ``newsfuse summarize``).

    ``json`` gives each story's indented JSON without the final newline (the
    caller joins them into an array); ``text``/``markdown`` end with a blank line.

    >>> fn = SummarizeLines(words=30, fmt="jsonl", embedder="tfidf")
    >>> import json
    >>> line = "Kim left Beijing on Wednesday. ||||| Kim left Beijing on Wednesday after talks."
    >>> [[s["support"] for s in json.loads(out)["sentences"]] for out in fn([line, ""])]
    [[2], []]
    """

    def __init__(self, words: int = 120, fmt: str = "jsonl", embedder: str = "auto") -> None:
        from ..embed import get_embedder
        from ..pipeline import Pipeline

        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.words, self.fmt = words, fmt
        self.pipeline = Pipeline(embedder=get_embedder(embedder))
        self.render(_WARM_UP)

    def __call__(self, lines: list[str]) -> list[str]:
        return [self.render(line) for line in lines]

    def render(self, line: str) -> str:
        from ..cli.app import empty_story
        from ..ingest import parse_multinews_line
        from ..render import render

        articles = parse_multinews_line(line)
        story = self.pipeline.summarize(articles, self.words) if articles else empty_story()
        if self.fmt == "json":
            return render(story, "json").rstrip("\n")
        return render(story, self.fmt) + ("\n" if self.fmt in {"text", "markdown"} else "")


class ScoreStories:
    """``(src_line, references)`` pairs in, ROUGE and timing of each method out (as ``newsfuse eval``).

    ``references`` is one reference line or a tuple of them (scores averaged over them).
    """

    def __init__(
        self,
        words: int,
        methods: tuple[str, ...],
        pipeline_options: dict[str, Any] | None = None,
        measure: str = "f1",
    ) -> None:
        from ..ingest import parse_multinews_line
        from ..pipeline import Pipeline

        self.words, self.methods, self.measure = words, tuple(methods), measure
        self.pipeline = Pipeline(**(pipeline_options or {}))
        self.pipeline.summarize(parse_multinews_line(_WARM_UP), words)

    def __call__(
        self, pairs: list[tuple[str, str | tuple[str, ...]]]
    ) -> list[dict[str, tuple[dict[str, float], float, int]]]:
        from ..evaluate.runner import score_story

        return [score_story(self.pipeline, src, tgt, self.words, self.methods, self.measure) for src, tgt in pairs]
