"""Fit the learned selector's model (LightGBM) on labelled training rows and write the model file.

The recipe (what `newsfuse train` runs, documented in docs/selector.md): a
seeded sample of training stories, one row per fact with the features of
:mod:`newsfuse.select.features`, the target ``p1 + p2`` (unigram plus bigram
precision of the fact's sentence against the human reference: how much of
what it says an editor kept), a least-squares gradient-boosted model with a
fixed seed and deterministic threads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from ..select.features import FEATURE_NAMES
from ..select.probe import ContentProbe, probe_path
from .dataset import LABEL_NAMES, Dataset, build_dataset

DEFAULT_PARAMS: dict[str, Any] = {
    "objective": "regression",
    # Few, small trees: as good as 300 trees of 31 leaves on the tuning slices, and ~8x cheaper to
    # evaluate per story (the model must add little to the per-story time).
    "learning_rate": 0.2,
    "num_leaves": 15,
    "min_data_in_leaf": 50,
    "feature_fraction": 0.9,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "seed": 13,
    "deterministic": True,
    "force_row_wise": True,
    "verbose": -1,
}
DEFAULT_TARGET = "p1+p2"
DEFAULT_ROUNDS = 60


def target(dataset: Dataset, spec: str = DEFAULT_TARGET) -> np.ndarray:
    """The regression target named by ``spec``: a sum of label columns, e.g. ``"p1+p2"``."""
    try:
        return sum(dataset.y[:, LABEL_NAMES.index(c)] for c in spec.split("+"))  # type: ignore[return-value]
    except ValueError:
        raise InputError(f"unknown target {spec!r}: use label names {', '.join(LABEL_NAMES)} joined by +") from None


def require_lightgbm() -> Any:
    """The lightgbm module, or a one-line error saying how to install it."""
    try:
        import lightgbm
    except (ImportError, OSError) as err:  # OSError: its OpenMP runtime (libgomp1) is missing
        raise InputError(f'training needs LightGBM ({err}): pip install "newsfuse[train]"') from None
    return lightgbm


_CONTENT = FEATURE_NAMES.index("content")


def fit_probe(dataset: Dataset, *, spec: str = DEFAULT_TARGET) -> ContentProbe:
    """Fit the content probe on ``dataset``'s embeddings and fill its ``content`` column, out of fold.

    The trees must learn from probe scores like those they will see on unseen stories, so each
    story's column comes from a probe fitted on the other half of the stories (even/odd, by story);
    the returned probe, fitted on all of them, is the one that ships.
    """
    if dataset.vectors is None:
        raise InputError("the training rows have no sentence embeddings: train with the default (wordllama) embedder")
    y = target(dataset, spec)
    vectors = dataset.vectors.astype(np.float32)
    half = np.repeat(np.arange(len(dataset.groups)) % 2, dataset.groups)
    for fold in (0, 1):
        probe = ContentProbe.fit(vectors[half != fold], y[half != fold], dataset.space)
        dataset.X[half == fold, _CONTENT] = probe.score(vectors[half == fold], dataset.space)
    return ContentProbe.fit(vectors, y, dataset.space)


def fit_model(
    dataset: Dataset,
    *,
    spec: str = DEFAULT_TARGET,
    rounds: int = DEFAULT_ROUNDS,
    seed: int = 13,
    threads: int = 2,
    features: tuple[str, ...] = FEATURE_NAMES,
) -> Any:
    """A LightGBM booster fitted to ``dataset`` (only the named ``features`` are used)."""
    lgb = require_lightgbm()
    keep = [FEATURE_NAMES.index(f) for f in features]
    X = dataset.X[:, keep]
    params = {**DEFAULT_PARAMS, "seed": seed, "num_threads": threads}
    train = lgb.Dataset(X, target(dataset, spec), feature_name=list(features), free_raw_data=True)
    return lgb.train(params, train, num_boost_round=rounds)


def train_selector(
    src: str | Path,
    tgt: str | Path,
    out: str | Path,
    *,
    stories: int = 20000,
    seed: int = 13,
    workers: int = 2,
    rounds: int = DEFAULT_ROUNDS,
    on_story: Callable[[int], None] | None = None,
) -> Path:
    """Label ``stories`` sampled training stories, fit the probe and the model, write both; returns the model's path.

    The probe goes beside the model (``selector.txt`` -> ``selector.probe.txt``, :func:`probe_path`).
    """
    require_lightgbm()  # before minutes of labelling
    dataset = build_dataset(src, tgt, stories=stories, seed=seed, workers=workers, on_story=on_story)
    probe = fit_probe(dataset)
    booster = fit_model(dataset, rounds=rounds, seed=seed, threads=workers)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(path))
    probe_path(path).write_text(probe.to_text(), encoding="utf-8")
    return path
