"""The learned story scorer: the features each candidate story carries, the model file, and decisions it drives."""

from __future__ import annotations

import json

import numpy as np
import pytest

from newsfuse.cluster import OnlineClusterer, final_labels
from newsfuse.cluster.scorer import FEATURES, LogisticModel, StoryScorer, feature_matrix, load_scorer
from newsfuse.types import Article

DAY = 86400.0
KIM = [
    "Kim Jong Un arrived in Beijing by armoured train for talks with Xi Jinping on Monday.",
    "Xi Jinping welcomed Kim Jong Un in Beijing; the armoured train left the station on Wednesday.",
    "North Korean leader Kim Jong Un met Xi Jinping in Beijing during a surprise visit by train.",
]
FLOOD = [
    "Floods swept through Houston after Hurricane Harvey made landfall in Texas.",
    "Hurricane Harvey left Houston under water; rescuers in Texas pulled families from floods.",
]


def _scorer(coef: dict[str, float], intercept: float, threshold: float = 0.5, bridge: float = 0.95) -> StoryScorer:
    names = tuple(coef)
    model = LogisticModel(tuple(coef.values()), intercept, threshold, bridge)
    undated = LogisticModel(
        tuple(0.0 if n in ("gap_days", "age_days") else v for n, v in coef.items()), intercept, threshold, bridge
    )
    return StoryScorer(names, model, undated)


def test_candidate_stories_carry_every_feature():
    c = OnlineClusterer(embedder=None)
    t0 = 1_000_000.0
    for k, text in enumerate(KIM[:2]):
        c.add(Article(f"k{k}", text), when=t0 + k * DAY)
    c.add(Article("f0", FLOOD[0]), when=t0 + 2 * DAY)
    f = c.features([Article("k2", KIM[2])])[0]
    when = t0 + 5 * DAY
    plain = c.candidate_stories(f, when)
    full = c.candidate_stories(f, when, full=True)
    assert set(plain) == {"story", "best", "profile", "gap", "anchor"}  # the hand-set rule reads no more
    assert set(full) == {"story", "best", "profile", "gap", "anchor", "age", "lex", "dense", "total", "size"}
    assert len({len(v) for v in full.values()}) == 1
    kim = int(np.flatnonzero(full["story"] == 1)[0])
    assert full["size"][kim] == 2 and full["gap"][kim] == pytest.approx(4 * DAY)
    assert full["age"][kim] == pytest.approx(5 * DAY)
    assert full["total"][kim] >= full["best"][kim] >= full["profile"][kim] > 0
    assert full["dense"][kim] == 0.0  # no embedder, no cosine
    x = feature_matrix(full, tuple(FEATURES))
    assert x.shape == (len(full["story"]), len(FEATURES)) and np.isfinite(x).all()
    undated = c.candidate_stories(f, None, full=True)
    assert np.isnan(undated["gap"]).all() and np.isnan(undated["age"]).all()
    assert np.isfinite(feature_matrix(undated, tuple(FEATURES))).all()  # no time reads as no gap


def test_a_scorer_round_trips_and_refuses_unknown_features(tmp_path):
    s = _scorer({"best": 20.0, "gap_days": -2.0}, -3.0)
    path = tmp_path / "scorer.json"
    path.write_text(s.to_json(), encoding="utf-8")
    back = load_scorer(path)
    assert back.features == s.features and back.dated.coef == s.dated.coef and back.thresholds(True) == (0.5, 0.95)
    with pytest.raises(ValueError, match="unknown story features"):
        StoryScorer.from_json(s.to_json().replace('"gap_days"', '"weather"'))
    raw = json.loads(s.to_json())
    raw["dated"]["coef"] = [20.0]
    with pytest.raises(ValueError, match="1 weights for 2 features"):
        StoryScorer.from_json(json.dumps(raw))


def test_the_dated_model_reads_the_gap_and_the_undated_model_does_not():
    s = _scorer({"best": 20.0, "gap_days": -2.0}, -3.0)
    fresh = {"best": np.array([0.3]), "gap": np.array([0.0])}
    quiet = {"best": np.array([0.3]), "gap": np.array([20 * DAY])}
    undated = {"best": np.array([0.3]), "gap": np.array([np.nan])}
    p_fresh, p_quiet, p_undated = (float(s.probability(c)[0]) for c in (fresh, quiet, undated))
    assert p_fresh > 0.9 and p_quiet < 0.5 and p_undated == pytest.approx(p_fresh)


def test_a_learned_scorer_decides_where_articles_go():
    arts = [Article("k0", KIM[0]), Article("f0", FLOOD[0]), Article("k1", KIM[1]), Article("f1", FLOOD[1])]
    joins = OnlineClusterer(embedder=None, scorer=_scorer({"best": 20.0}, -3.0))
    assert final_labels(joins, joins.add_many(arts)) == [1, 2, 1, 2]
    # A model that needs a near copy to join starts a story for every article.
    strict = OnlineClusterer(embedder=None, scorer=_scorer({"best": 20.0}, -19.0))
    assert final_labels(strict, strict.add_many(arts)) == [1, 2, 3, 4]
    # With dates, the same model keeps a story that went quiet for weeks apart from its return.
    dated = OnlineClusterer(embedder=None, scorer=_scorer({"best": 20.0, "gap_days": -6.0}, -3.0))
    when = [0.0, 0.0, 25 * DAY, 25 * DAY]
    assert final_labels(dated, dated.add_many(arts, when=when)) == [1, 2, 3, 4]
