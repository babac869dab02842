"""newsfuse: many news articles about one event in, one faithful, cited summary out.

>>> from newsfuse import summarize
>>> story = summarize(["examples/kim-jong-un-beijing"], words=120)  # doctest: +SKIP
>>> print(story.text)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import InputError, NewsfuseError
from .pipeline import DEFAULT_WORDS, Pipeline
from .types import Article, Citation, Sentence, Story, SummarySentence
from .version import __version__


def load_articles(
    inputs: Iterable[str | Path | Article], input_format: str = "auto"
) -> tuple[list[Article], list[str]]:
    """Articles from a mix of Article objects, paths (files or folders) and raw texts.

    A string that names an existing file or folder is read from disk; any
    other string is taken as the text of one article.
    """
    from .inputs import read_articles
    from .inputs.readers import article_from_text, unique_ids

    articles: list[Article] = []
    warnings: list[str] = []
    paths: list[str | Path] = []
    for k, item in enumerate(inputs):
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, Path) or (
            isinstance(item, str) and "\n" not in item and len(item) < 4096 and Path(item).exists()
        ):
            paths.append(item)
        elif isinstance(item, str):
            if item.strip():
                articles.append(article_from_text(item, f"{k:03d}"))
        else:
            raise InputError(f"cannot read an input of type {type(item).__name__}; pass paths, texts or Articles")
    if paths:
        got, warnings = read_articles(paths, input_format)
        articles.extend(got)
    if not articles:
        raise InputError("no article text in the input")
    return unique_ids(articles), warnings


def summarize(
    inputs: Iterable[str | Path | Article],
    words: int = DEFAULT_WORDS,
    *,
    pipeline: Pipeline | None = None,
    analysis: bool = False,
    min_support: int = 1,
    rewrite: bool = False,
    llm_model: str | Path | None = None,
    llm_url: str | None = None,
    llm_timeout: float = 120.0,
    **options: Any,
) -> Story:
    """Summarize the articles of one story in at most ``words`` words, every sentence cited.

    ``inputs`` mixes paths (files or folders), raw article texts and
    :class:`Article` objects.  ``options`` are passed to :class:`Pipeline`
    (for example ``embedder=TfidfEmbedder()``).  ``analysis=True`` adds the
    cross-source analysis (``story.analysis``, a ``newsfuse.compare.CrossSource``:
    consensus, disagreements, unique facts, timeline, entities);
    ``min_support`` keeps only summary facts stated by that many outlets.
    ``rewrite=True`` retells the facts as prose with a language model, keeping only the sentences the
    guard accepts (``newsfuse.rewrite``): ``llm_model`` is a GGUF file (default: the llm extra's
    SmolLM2-135M) or, with ``llm_url`` (an OpenAI-compatible API root), the server's model name;
    ``llm_timeout`` is the time limit in seconds before the extractive summary is kept.  The model is
    loaded (or the server reached) before any article is read.
    """
    if words < 1:
        raise NewsfuseError("words must be at least 1")
    if min_support < 1:
        raise NewsfuseError("min_support must be at least 1")
    rewriter = None
    if rewrite:
        from .rewrite import make_rewriter

        rewriter = make_rewriter(llm_model, llm_url, timeout=llm_timeout)
    elif llm_model is not None or llm_url is not None:
        raise NewsfuseError("llm_model and llm_url are for rewrite=True")
    from .service import summarize_articles

    articles, warnings = load_articles(inputs)
    return summarize_articles(
        pipeline or Pipeline(**options),
        articles,
        words,
        min_support=min_support,
        cross_source=analysis,
        rewriter=rewriter,
        warnings=warnings,
    )


__all__ = [
    "DEFAULT_WORDS",
    "Article",
    "Citation",
    "InputError",
    "NewsfuseError",
    "Pipeline",
    "Sentence",
    "Story",
    "SummarySentence",
    "__version__",
    "load_articles",
    "summarize",
]
