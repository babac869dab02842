"""`newsfuse eval`: newsfuse and its peers on Multi-News-format files, ROUGE against human references.

Stories stream through (a bounded window of them in flight), so memory stays
flat however large the files are.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine import ordered_parallel
from ..errors import InputError
from ..inputs import WARM_UP_LINE, check_lines_file, iter_lines, parse_multinews_line, parse_story_line
from .peers import PEERS, get_peer
from .rouge_scores import MEASURES, METRICS, reference_sentences, score_references

METHODS = ("newsfuse", *PEERS)


@dataclass
class MethodTotals:
    """Running sums of one method's scores and time."""

    sums: dict[str, float] = field(default_factory=lambda: dict.fromkeys(METRICS, 0.0))
    seconds: float = 0.0
    words: int = 0


@dataclass
class EvalReport:
    """Mean ROUGE F1 (×100) and throughput of each method over the evaluated stories."""

    src: str
    tgt: str
    words: int
    stories: int = 0
    measure: str = "f1"
    methods: dict[str, MethodTotals] = field(default_factory=dict)

    def add(self, scores: dict[str, tuple[dict[str, float], float, int]]) -> None:
        self.stories += 1
        for name, (values, seconds, n_words) in scores.items():
            totals = self.methods.setdefault(name, MethodTotals())
            for m in METRICS:
                totals.sums[m] += values[m]
            totals.seconds += seconds
            totals.words += n_words

    def to_dict(self) -> dict[str, Any]:
        n = max(1, self.stories)
        return {
            "src": self.src,
            "tgt": self.tgt,
            "words": self.words,
            "measure": self.measure,
            "stories": self.stories,
            "methods": {
                name: {
                    **{m: round(t.sums[m] / n, 2) for m in METRICS},
                    "mean_words": round(t.words / n, 1),
                    "seconds": round(t.seconds, 2),
                    "stories_per_s": round(self.stories / t.seconds, 2) if t.seconds else None,
                }
                for name, t in self.methods.items()
            },
        }

    def to_markdown(self) -> str:
        d = self.to_dict()
        label = MEASURES[self.measure][1]
        lines = [
            f"# newsfuse eval: {Path(self.src).name}",
            "",
            f"{d['stories']} stories, {self.words}-word budget for every method; ROUGE {label} ×100 "
            "(rouge-score, stemming, Lsum over newline-joined sentences"
            + (", averaged over the references)." if "," in self.tgt else ")."),
            "",
            "| method | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | mean words | stories/s |",
            "|---|---|---|---|---|---|",
        ]
        for name, r in d["methods"].items():
            lines.append(
                f"| {name} | {r['rouge1']:.2f} | {r['rouge2']:.2f} | {r['rougeLsum']:.2f} | {r['mean_words']} "
                f"| {r['stories_per_s']} |"
            )
        return "\n".join(lines) + "\n"


# One pipeline per worker process, built on first use.
_WORKER: dict[str, Any] = {}


def _score_story(
    task: tuple[str, tuple[str, ...], int, tuple[str, ...], dict[str, Any], str],
) -> dict[str, tuple[dict[str, float], float, int]]:
    src_line, tgt_lines, words, methods, options, measure = task
    from ..pipeline import Pipeline

    if "pipeline" not in _WORKER:
        _WORKER["pipeline"] = Pipeline(**options)
    return score_story(_WORKER["pipeline"], src_line, tgt_lines, words, methods, measure)


def score_story(
    pipeline: Any,
    src_line: str,
    tgt_line: str | Sequence[str],
    words: int,
    methods: tuple[str, ...],
    measure: str = "f1",
) -> dict[str, tuple[dict[str, float], float, int]]:
    """ROUGE, seconds and words of each method on one story (``pipeline`` runs newsfuse).

    ``tgt_line`` is the story's reference, or several references (scores averaged over them);
    ``measure`` is ``f1`` or ``recall`` (see :func:`~newsfuse.evaluate.rouge_scores.score_references`).
    """
    articles = parse_story_line(src_line)
    references = [reference_sentences(t) for t in ([tgt_line] if isinstance(tgt_line, str) else tgt_line)]
    out = {}
    for name in methods:
        start = time.perf_counter()
        if name == "newsfuse":
            summary = [s.text for s in pipeline.summarize(articles, words).sentences] if articles else []
        else:
            summary = get_peer(name)(articles, words) if articles else []
        elapsed = time.perf_counter() - start
        out[name] = (score_references(summary, references, measure), elapsed, sum(len(s.split()) for s in summary))
    return out


def evaluate(
    src: str | Path,
    tgt: str | Path | Sequence[str | Path],
    *,
    words: int = 250,
    methods: Iterable[str] = METHODS,
    limit: int | None = None,
    skip: int = 0,
    workers: int = 1,
    pipeline_options: dict[str, Any] | None = None,
    on_story: Callable[[int], None] | None = None,
    engine: str = "local",
    measure: str = "f1",
) -> EvalReport:
    """Score newsfuse and the peers on the stories of ``src`` against the references in ``tgt``.

    ``tgt`` is one reference file or several, line for line with ``src`` (DUC has four human
    summaries per cluster): each story is scored against each of its references and the scores
    averaged.  ``measure`` is ``"f1"`` (Multi-News' convention) or ``"recall"`` (DUC's).

    ``skip``/``limit`` select a slice of stories (for a tuning/report split).
    ``on_story`` is called after each story (the CLI moves its progress bar).
    ``engine="ray"`` scores on Ray actors (see :mod:`newsfuse.engine`); the report is the same.
    """
    methods = tuple(methods)
    unknown = set(methods) - set(METHODS)
    if unknown:
        raise InputError(f"unknown method(s) {', '.join(sorted(unknown))}; choose from {', '.join(METHODS)}")
    if words < 1:
        raise InputError("--words must be at least 1")
    if measure not in MEASURES:
        raise InputError(f"unknown measure {measure!r}; choose from {', '.join(MEASURES)}")
    tgts = [tgt] if isinstance(tgt, str | Path) else list(tgt)
    if not tgts:
        raise InputError("give at least one reference file (--tgt)")
    for path in (src, *tgts):  # missing, binary or broken-gzip inputs fail here, before any scoring
        check_lines_file(path)
    report = EvalReport(src=str(src), tgt=", ".join(map(str, tgts)), words=words, measure=measure)

    def tasks() -> Iterator[tuple[str, tuple[str, ...], int, tuple[str, ...], dict[str, Any], str]]:
        tgt_lines = [iter_lines(t) for t in tgts]
        for k, src_line in enumerate(iter_lines(src)):
            refs = tuple(next(lines, None) for lines in tgt_lines)
            for t, ref in zip(tgts, refs, strict=True):
                if ref is None:
                    raise InputError(f"{t} has fewer lines than {src} (story {k + 1} has no reference)")
            if k < skip:
                continue
            if limit is not None and k >= skip + limit:
                return
            yield src_line, refs, words, methods, pipeline_options or {}, measure

    if engine == "local":
        results = ordered_parallel(_score_story, tasks(), workers)
    else:
        results = _engine_scores(engine, workers, words, methods, pipeline_options, tasks(), measure)
    for scores in results:
        report.add(scores)
        if on_story:
            on_story(report.stories)
    if report.stories == 0:
        raise InputError(f"{src}: no stories to evaluate")
    return report


def _engine_scores(
    engine: str,
    workers: int,
    words: int,
    methods: tuple[str, ...],
    pipeline_options: dict[str, Any] | None,
    tasks: Iterable[tuple[str, tuple[str, ...], int, tuple[str, ...], dict[str, Any], str]],
    measure: str = "f1",
) -> Iterator[dict[str, tuple[dict[str, float], float, int]]]:
    from functools import partial

    from ..engine import get_engine

    with get_engine(engine, workers) as runner:
        factory = partial(ScoreStories, words, methods, pipeline_options, measure)
        yield from runner.map_items(factory, ((src, tgt) for src, tgt, *_ in tasks))


def write_report(report: EvalReport, out_dir: str | Path) -> tuple[Path, Path]:
    """Write ``report.md`` and ``report.json`` into ``out_dir``; returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    md, js = out / "report.md", out / "report.json"
    md.write_text(report.to_markdown(), encoding="utf-8")
    js.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")
    return md, js


class ScoreStories:
    """The engines' batch function for eval: ``(src_line, references)`` pairs in, ROUGE and timing of each method out.

    ``references`` is one reference line or a tuple of them (scores averaged over them).
    """

    def __init__(
        self,
        words: int,
        methods: tuple[str, ...],
        pipeline_options: dict[str, Any] | None = None,
        measure: str = "f1",
    ) -> None:
        from ..pipeline import Pipeline

        self.words, self.methods, self.measure = words, tuple(methods), measure
        self.pipeline = Pipeline(**(pipeline_options or {}))
        self.pipeline.summarize(parse_multinews_line(WARM_UP_LINE), words)

    def __call__(
        self, pairs: list[tuple[str, str | tuple[str, ...]]]
    ) -> list[dict[str, tuple[dict[str, float], float, int]]]:
        return [score_story(self.pipeline, src, tgt, self.words, self.methods, self.measure) for src, tgt in pairs]
