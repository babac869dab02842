"""A learned story scorer: the probability that an article belongs to a candidate story.

A logistic model over features of one (article, story) pair, in the manner of Miranda et al. (2018):
how well the article matches the story's best article (words, names and WordLlama cosine together,
and each part apart), the story's recent articles (its profile) and the story as a whole (its
centroid), and, when articles carry times, how long the story has been quiet and how old it is.  Two
models are kept, one for dated and one for undated streams, each with the probability needed to join
a story and the (stricter) probability with a second story that bridges the two.

``benchmarks/story_scorer.py`` trains one on Multi-News *training* stories given synthetic dates and
compares it with the clusterer's hand-set rule; no model is shipped or used by default, because the one
trained there scores below the rule on the DUC 2004 dated stream (docs/ingest.md has the figures).
``OnlineClusterer(scorer=load_scorer(path))`` uses a trained one.

>>> import numpy as np
>>> m = StoryScorer(
...     features=("best", "gap_days"),
...     dated=LogisticModel((8.0, -1.0), -2.0, 0.5, 0.9),
...     undated=LogisticModel((8.0, 0.0), -2.0, 0.5, 0.9),
... )
>>> c = {"best": np.array([0.5, 0.5]), "gap": np.array([0.0, 20 * 86400.0])}
>>> [round(float(p), 2) for p in m.probability(c)]
[0.88, 0.26]
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DAY = 86400.0


def _days(seconds: np.ndarray) -> np.ndarray:
    """log(1 + days), 0 where there is no time."""
    return np.log1p(np.maximum(np.nan_to_num(seconds, nan=0.0), 0.0) / DAY)


# Each feature from the arrays of :meth:`OnlineClusterer.candidate_stories`.
FEATURES: dict[str, Callable[[Mapping[str, np.ndarray]], np.ndarray]] = {
    "best": lambda c: c["best"],
    "lex": lambda c: c["lex"],
    "dense": lambda c: c["dense"],
    "profile": lambda c: c["profile"],
    "mean": lambda c: c["total"] / np.maximum(c["size"], 1.0),
    "centroid": lambda c: c["total"] / np.sqrt(np.maximum(c["size"], 1.0)),
    "log_size": lambda c: np.log(np.maximum(c["size"], 1.0)),
    "gap_days": lambda c: _days(c["gap"]),
    "age_days": lambda c: _days(c["age"]),
}
TIME_FEATURES = ("gap_days", "age_days")


def feature_matrix(c: Mapping[str, np.ndarray], names: tuple[str, ...]) -> np.ndarray:
    """One row per candidate story, one column per feature in ``names``."""
    return np.column_stack([FEATURES[n](c) for n in names]) if names else np.zeros((len(c["best"]), 0))


@dataclass(frozen=True)
class LogisticModel:
    """Weights, intercept, the probability to join a story, the probability that bridges two."""

    coef: tuple[float, ...]
    intercept: float
    threshold: float
    merge_threshold: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        """The probability of each row of features ``x``."""
        z = x @ np.asarray(self.coef) + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))


@dataclass(frozen=True)
class StoryScorer:
    """Logistic models over :data:`FEATURES` named in ``features``: one for dated, one for undated streams."""

    features: tuple[str, ...]
    dated: LogisticModel
    undated: LogisticModel
    note: str = ""

    def probability(self, c: Mapping[str, np.ndarray]) -> np.ndarray:
        """The probability of each candidate story (dated model when the gaps are known, else undated)."""
        if not len(c["best"]):
            return np.zeros(0)
        dated = "gap" in c and not np.isnan(c["gap"]).all()
        return self.model(dated).probability(feature_matrix(c, self.features))

    def model(self, dated: bool) -> LogisticModel:
        return self.dated if dated else self.undated

    def thresholds(self, dated: bool) -> tuple[float, float]:
        m = self.model(dated)
        return m.threshold, m.merge_threshold

    def to_json(self) -> str:
        def part(m: LogisticModel) -> dict:
            return {
                "coef": [round(x, 6) for x in m.coef],
                "intercept": round(m.intercept, 6),
                "threshold": m.threshold,
                "merge_threshold": m.merge_threshold,
            }

        body = {"features": list(self.features), "dated": part(self.dated), "undated": part(self.undated)}
        return json.dumps({**body, "note": self.note}, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> StoryScorer:
        raw = json.loads(text)
        names = tuple(raw["features"])
        unknown = [n for n in names if n not in FEATURES]
        if unknown:
            raise ValueError(f"unknown story features {unknown}; known: {sorted(FEATURES)}")

        def part(d: dict) -> LogisticModel:
            if len(d["coef"]) != len(names):
                raise ValueError(f"{len(d['coef'])} weights for {len(names)} features")
            return LogisticModel(
                tuple(map(float, d["coef"])), float(d["intercept"]), float(d["threshold"]), float(d["merge_threshold"])
            )

        return cls(names, part(raw["dated"]), part(raw["undated"]), str(raw.get("note", "")))


def load_scorer(path: str | Path) -> StoryScorer:
    """A scorer written by :meth:`StoryScorer.to_json` (``benchmarks/story_scorer.py --write PATH``)."""
    return StoryScorer.from_json(Path(path).read_text(encoding="utf-8"))
