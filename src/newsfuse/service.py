"""The one place a story's answer is assembled: summary, min-support, cross-source report, warnings, empty story.

Every face calls in here: the Python API (:func:`newsfuse.summarize`), the command line
(``newsfuse summarize``), the web server (:mod:`newsfuse.web.service`) and the batch tasks that
the engines run (:class:`SummarizeLines`).  They differ only in how they read their input and
write their output::

    articles --Pipeline.analyse--> StoryState --summarize_analysed--> Story
                                   (split ... align)   (realize, select, order; report; rewrite; warnings)

>>> from newsfuse.pipeline import Pipeline
>>> from newsfuse.types import Article
>>> arts = [Article("a", "Kim left Beijing on Wednesday after talks with Xi.", source="A"),
...         Article("b", "Kim left Beijing on Wednesday after talks with Xi Jinping.", source="B"),
...         Article("c", "Trains were delayed across the north of the country.", source="C")]
>>> story = summarize_articles(Pipeline(), arts, 20, min_support=2)
>>> [(s.support, story.words <= 20) for s in story.sentences]
[(2, True)]
>>> summarize_line(Pipeline(), "", 20).warnings
['no article text on this line']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .pipeline import DEFAULT_WORDS, Pipeline
from .state import StoryState
from .types import Article, Story, count_words

if TYPE_CHECKING:
    from .compare import CrossSource
    from .rewrite import Rewriter

NO_TEXT = "no article text on this line"


def make_pipeline(embedder: str = "auto", selector: str = "learned", splitter: str = "fast") -> Pipeline:
    """A pipeline whose stages are named in the registries (``EMBEDDERS``, ``SELECTORS``, ``SPLITTERS``).

    ``functools.partial(make_pipeline, ...)`` is what a face hands to workers that build their own.

    >>> make_pipeline("tfidf", "mmr").selector.__class__.__name__
    'MMRSelector'
    """
    from .embed import EMBEDDERS
    from .select import SELECTORS
    from .split import SPLITTERS

    return Pipeline(
        splitter=SPLITTERS.create(splitter), embedder=EMBEDDERS.create(embedder), selector=SELECTORS.create(selector)
    )


def empty_story(warning: str = NO_TEXT) -> Story:
    """The story of an input that holds no article: no sources, no sentences, one warning."""
    return Story(sources=[], sentences=[], warnings=[warning])


def summarize_articles(
    pipeline: Pipeline,
    articles: Sequence[Article],
    words: int = DEFAULT_WORDS,
    *,
    min_support: int = 1,
    cross_source: bool = False,
    rewriter: Rewriter | None = None,
    warnings: Sequence[str] = (),
    today: date | None = None,
) -> Story:
    """The answer for the articles of one story (see :func:`summarize_analysed`); one analysis serves all of it."""
    return summarize_analysed(
        pipeline,
        pipeline.analyse(articles),
        words,
        min_support=min_support,
        cross_source=cross_source,
        rewriter=rewriter,
        warnings=warnings,
        today=today,
    )


def summarize_analysed(
    pipeline: Pipeline,
    found: StoryState,
    words: int = DEFAULT_WORDS,
    *,
    min_support: int = 1,
    cross_source: bool = False,
    rewriter: Rewriter | None = None,
    warnings: Sequence[str] = (),
    explain_empty: bool = False,
    today: date | None = None,
) -> Story:
    """The cited summary of an analysed story in at most ``words`` words.

    ``min_support``: only facts that many outlets state are selected (under the same budget);
    ``cross_source``: ``story.analysis`` holds the cross-source report (:func:`cross_source_report`,
    judged against ``today``); ``rewriter`` retells the summary; ``warnings`` (from reading the
    input) go first among the story's warnings; ``explain_empty`` adds why a summary came out empty
    (:func:`empty_reason`).
    """
    story = pipeline.summarize_analysis(found, words, min_support)
    if cross_source:
        story.analysis = cross_source_report(found, today=today)
    if rewriter is not None:
        story = rewriter.rewrite(story, words)
    story.warnings[:0] = list(warnings)
    if explain_empty and not story.sentences:
        story.warnings.append(empty_reason(found, words))
    return story


def summarize_line(pipeline: Pipeline, line: str, words: int = DEFAULT_WORDS) -> Story:
    """The summary of one story line (a Multi-News line or a JSON story, see :func:`newsfuse.inputs.parse_story_line`);
    :func:`empty_story` when it has no article."""
    from .inputs import parse_story_line

    articles = parse_story_line(line)
    return summarize_articles(pipeline, articles, words) if articles else empty_story()


def cross_source_report(found: StoryState, *, today: date | None = None) -> CrossSource:
    """The cross-source analysis (a :class:`newsfuse.compare.CrossSource`) of an analysed story."""
    from .compare import analyse

    return analyse(found, today=today)


def empty_reason(found: StoryState, words: int) -> str:
    """Why a summary came out empty: no usable sentence, or a budget below the shortest sentence."""
    if not found.facts:
        return "no summary: the articles hold no sentence that can be quoted"
    shortest = min(
        (count_words(found.sentences[i].text) for f in found.facts for i in f.members if i < len(found.sentences)),
        default=0,
    )
    if shortest > words:
        return (
            f"no summary: {words} word{'s' if words != 1 else ''} is shorter than the shortest quotable sentence "
            f"({shortest} words); ask for at least {shortest}"
        )
    return f"no summary: no sentence fits in {words} words"


class SummarizeLines:
    """The engines' batch function: Multi-News lines in, one rendered summary per line out.

    ``fmt`` as ``newsfuse summarize --format``: ``json`` gives each story's indented JSON without
    the final newline (the caller joins them into an array); ``text``/``markdown`` end with a blank
    line.  ``embedder`` and ``selector`` are registered names (:func:`make_pipeline`).

    >>> fn = SummarizeLines(words=30, fmt="jsonl", embedder="tfidf")
    >>> import json
    >>> line = "Kim left Beijing on Wednesday. ||||| Kim left Beijing on Wednesday after talks."
    >>> [[s["support"] for s in json.loads(out)["sentences"]] for out in fn([line, ""])]
    [[2], []]
    """

    def __init__(
        self, words: int = DEFAULT_WORDS, fmt: str = "jsonl", embedder: str = "auto", selector: str = "learned"
    ) -> None:
        from .inputs import WARM_UP_LINE
        from .render import FORMATS

        FORMATS.check(fmt)
        self.words, self.fmt = words, fmt
        self.pipeline = make_pipeline(embedder, selector)
        self.render(WARM_UP_LINE)

    def __call__(self, lines: list[str]) -> list[str]:
        return [self.render(line) for line in lines]

    def render(self, line: str) -> str:
        """One line's story in ``fmt``."""
        from .render import render

        story = summarize_line(self.pipeline, line, self.words)
        if self.fmt == "json":
            return render(story, "json").rstrip("\n")
        return render(story, self.fmt) + ("\n" if self.fmt in {"text", "markdown"} else "")


def summarize_lines(
    paths: str | Path | Sequence[str | Path],
    words: int = DEFAULT_WORDS,
    *,
    engine: str = "local",
    workers: int | None = None,
    fmt: str = "jsonl",
    embedder: str = "auto",
    selector: str = "learned",
) -> Iterator[str]:
    """Summarize every line of Multi-News file(s), one rendered summary per line, in input order.

    ``fmt="jsonl"`` yields one compact JSON object (with its newline) per story;
    ``engine="ray"`` runs on Ray Data with ``workers`` actors.

    >>> import json, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "two.src")
    >>> _ = open(path, "w").write("Rain hit Paris on Monday. ||||| Rain hit Paris on Monday, officials said.\\n\\n")
    >>> [json.loads(s)["words"] for s in summarize_lines(path, 30, embedder="tfidf")]
    [5, 0]
    """
    from .engine import get_engine

    files = [paths] if isinstance(paths, str | Path) else list(paths)
    with get_engine(engine, workers) as runner:
        yield from runner.map_lines(partial(SummarizeLines, words, fmt, embedder, selector), files)


def write_summaries(
    paths: str | Path | Sequence[str | Path],
    out_dir: str,
    words: int = DEFAULT_WORDS,
    *,
    workers: int | None = None,
    fmt: str = "parquet",
    embedder: str = "auto",
    selector: str = "learned",
) -> None:
    """Summarize every line of Multi-News file(s) on Ray; the workers write Parquet (or JSON lines) files.

    Rows: ``path``, ``line`` (0-based), ``story`` (the story's JSON, as ``--format jsonl`` prints it).
    For outputs too large to stream through one process; needs ``pip install "newsfuse[ray]"``.
    """
    from .engine import require

    require("ray")
    from .engine.ray_engine import RayEngine

    files = [paths] if isinstance(paths, str | Path) else list(paths)
    with RayEngine(workers) as runner:
        runner.write_lines(partial(SummarizeLines, words, "jsonl", embedder, selector), files, str(out_dir), fmt=fmt)
