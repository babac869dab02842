"""The content probe: a linear read-out of the sentence embedding that says how much of a sentence editors keep.

The selector's other features describe a sentence from outside (where it stands,
how many outlets state it, how long it is); the probe reads what it is about.  It
is a ridge regression of the training label (``p1 + p2``) on the representative
sentence's embedding, fitted by ``newsfuse train`` next to the trees and stored
beside the model file (``selector.txt`` -> ``selector.probe.txt``).  Its output
is the ``content`` feature of :func:`~newsfuse.select.features.fact_matrix`.

The weights belong to one vector space (``wordllama-256``: the default
embedder).  With another embedder (TF-IDF, a custom one) the feature takes the
probe's training mean, a neutral value, and the trees decide on the rest.

>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> E = rng.normal(size=(200, 4)).astype(np.float32)
>>> probe = ContentProbe.fit(E, E[:, 0] * 2 + 1, space="toy-4")
>>> bool(abs(probe.score(E[:1], "toy-4")[0] - (E[0, 0] * 2 + 1)) < 0.05)
True
>>> probe.score(E[:1], "tfidf").tolist() == [probe.mean]
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import InputError

# Ridge penalty: with hundreds of thousands of training rows and 256 weights the fit barely depends on it.
RIDGE = 1.0


@dataclass(frozen=True)
class ContentProbe:
    """``score = vectors @ weights + bias`` in vector space ``space``; ``mean`` where the space differs."""

    space: str
    weights: np.ndarray
    bias: float
    mean: float

    @classmethod
    def fit(cls, vectors: np.ndarray, target: np.ndarray, space: str, ridge: float = RIDGE) -> ContentProbe:
        """Least squares with an L2 penalty on the weights (closed form: deterministic)."""
        A = np.c_[vectors.astype(np.float64), np.ones(len(vectors))]
        penalty = ridge * np.eye(A.shape[1])
        penalty[-1, -1] = 0.0  # the bias is not shrunk
        w = np.linalg.solve(A.T @ A + penalty, A.T @ target.astype(np.float64))
        return cls(space, w[:-1].astype(np.float32), float(w[-1]), float(target.mean()))

    def score(self, vectors: np.ndarray | None, space: str) -> np.ndarray:
        """The probe's score of each row of ``vectors`` (the neutral ``mean`` outside its own space)."""
        if vectors is None:
            return np.zeros(0, dtype=np.float32)
        if space != self.space or vectors.shape[1] != self.weights.shape[0]:
            return np.full(len(vectors), self.mean, dtype=np.float32)
        return (vectors @ self.weights + self.bias).astype(np.float32)

    def to_text(self) -> str:
        weights = " ".join(repr(float(w)) for w in self.weights)
        return (
            "# newsfuse content probe: ridge regression of the selector's label on the sentence embedding\n"
            f"space {self.space}\nbias {self.bias!r}\nmean {self.mean!r}\nweights {weights}\n"
        )

    @classmethod
    def from_text(cls, text: str) -> ContentProbe:
        fields = dict(line.split(" ", 1) for line in text.splitlines() if line.strip() and not line.startswith("#"))
        try:
            weights = np.array([float(w) for w in fields["weights"].split()], dtype=np.float32)
            return cls(fields["space"].strip(), weights, float(fields["bias"]), float(fields["mean"]))
        except (KeyError, ValueError) as err:
            raise InputError(f"not a content probe file ({err}): retrain with `newsfuse train`") from None


def probe_path(model_path: str | Path) -> Path:
    """Where the probe of a model file lives: ``selector.txt`` -> ``selector.probe.txt``."""
    path = Path(model_path)
    return path.with_name(path.stem + ".probe.txt")


@lru_cache(maxsize=4)
def load_probe(model_path: str) -> ContentProbe:
    """The probe stored beside ``model_path`` (read once per process)."""
    path = probe_path(model_path)
    if not path.is_file():
        raise InputError(f"content probe {path} not found (the model {model_path} uses it): run `newsfuse train`")
    return ContentProbe.from_text(path.read_text(encoding="utf-8"))
