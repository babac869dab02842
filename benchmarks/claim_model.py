"""The same-claim model (align/claim.py) on the real labelled pairs: its fit, and the signals tried beside it.

    python3 benchmarks/claim_model.py            # fit on dev, cross-validated study on dev, the test figure

Reads benchmarks/data/claims.jsonl (pairs labelled same / partial / different / contradict by
reading) and the stories they come from (../shared/data).  Each story is analysed once by the
default pipeline, which gives every pair's hybrid similarity and its place in the story.

1. Fit: a logistic regression (scikit-learn, C=1) over ``claim_features`` on the dev split's pairs
   (label ``same`` against the rest).  The weights shipped in align/claim.py came from this fit;
   the script prints both so a drift shows.
2. Study, on dev only: 5-fold cross-validated scores (10 shuffles, averaged) of the shipped features
   plus each extra signal (a logistic regression), and of the shipped features and all signals with
   two non-linear learners (gradient boosting, a random forest; 3 shuffles), read as pairwise
   precision at recall 0.7 and 0.8 of the ``same`` pairs
   (aligned + near-miss draws, and all draws; unreadable pairs count as missed).  A signal earns its
   place only if it moves these dev figures well beyond the shuffles' noise.
3. Test: the dev-fitted models scored once on the test split, same measures.

Pairwise figures are not the aligner's (``benchmarks/cross_source.py --real`` runs the real grouping),
but they bound what a better pair score alone can do.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cross_source import REAL, real_stories
from newsfuse.align import claim
from newsfuse.compare.scoring import _stand_in, labelled_sentence, load_jsonl
from newsfuse.compare.text import STOP, lemma, quantities, words
from newsfuse.pipeline import Pipeline

Pair = dict[str, Any]


def read_pairs(pairs: list[Pair]) -> list[Pair]:
    """Each pair with the pipeline's view of it: ``sim``, ``sem`` (embedding cosine), best-match flags, story counts."""
    stories, pipe = real_stories(), Pipeline()
    by_story: dict[str, list[Pair]] = {}
    for p in pairs:
        by_story.setdefault(p["story"], []).append(p)
    out = []
    for sid, items in by_story.items():
        st = pipe.analyse(stories[sid])
        row_of = {i: r for r, i in enumerate(st.rows)}
        docs = np.array([st.sentences[i].doc for i in st.rows])
        df = Counter(w for i in st.rows for w in claim.profile(st.sentences[i].text).content)
        for p in items:
            ia, ib = labelled_sentence(st, p["doc_a"], p["a"]), labelled_sentence(st, p["doc_b"], p["b"])
            # A repeated article's sentence stands for the original's, as in the aligner's figures.
            ia, ib = _stand_in(st, ia), _stand_in(st, ib)
            q = dict(p, found=ia in row_of and ib in row_of)
            if q["found"]:
                r1, r2 = row_of[ia], row_of[ib]
                sim = st.similarity
                row_a = np.where(docs == docs[r2], sim[r1], -1.0)
                row_b = np.where(docs == docs[r1], sim[r2], -1.0)
                q.update(
                    a=st.sentences[ia].text,  # the pipeline's sentence (furniture cut off the labelled text)
                    b=st.sentences[ib].text,
                    sim=float(sim[r1, r2]),
                    sem=float(st.vectors[r1] @ st.vectors[r2]) if st.vectors is not None else float(sim[r1, r2]),
                    mutual=float(int(np.argmax(row_a)) == r2 and int(np.argmax(row_b)) == r1),
                    df=df,
                    n=len(st.rows),
                )
            out.append(q)
    return out


# --- extra signals (each a function of the pair, all cheap per sentence) ---------------------------------------


def _idf(p: Pair, w: str) -> float:
    return math.log((p["n"] + 1) / (p["df"].get(w, 0) + 1))


def story_idf_coverage(p: Pair) -> list[float]:
    """How much of each sentence's content (weighted by rarity in the story) the other one shares."""
    a, b = claim.profile(p["a"]).content, claim.profile(p["b"]).content

    def cov(x: frozenset[str], y: frozenset[str]) -> float:
        total = sum(_idf(p, w) for w in x)
        return sum(_idf(p, w) for w in x & y) / total if total else 0.0

    ca, cb = cov(a, b), cov(b, a)
    return [max(ca, cb), min(ca, cb)]


def _quantity_set(text: str) -> set[tuple[float, str]]:
    return {(round(q.value, 3), q.noun or (q.after[0] if q.after else "")) for q in quantities(text, limit=20)}


def numbers_with_units(p: Pair) -> list[float]:
    """Shared figures read as value and unit ("29 percent" is not "age 20 to 29")."""
    qa, qb = _quantity_set(p["a"]), _quantity_set(p["b"])
    return [len(qa & qb) / min(len(qa), len(qb)) if qa and qb else 0.5]


_VECTORS: dict[str, np.ndarray] = {}


def _word_vectors(ws: list[str]) -> np.ndarray:
    missing = [w for w in ws if w not in _VECTORS]
    if missing:
        from newsfuse.embed import default_embedder

        for w, v in zip(missing, default_embedder().embed(missing), strict=True):
            _VECTORS[w] = v / (np.linalg.norm(v) + 1e-9)
    return np.array([_VECTORS[w] for w in ws])


def embedding_match(p: Pair) -> list[float]:
    """Soft word matching with the embedder's word vectors, weighted by rarity in the story (BERTScore-like)."""
    a, b = sorted(claim.profile(p["a"]).content), sorted(claim.profile(p["b"]).content)
    if not a or not b:
        return [0.0, 0.0]
    s = _word_vectors(a) @ _word_vectors(b).T
    wa, wb = np.array([_idf(p, w) for w in a]), np.array([_idf(p, w) for w in b])
    ra, rb = float(s.max(1) @ wa / wa.sum()), float(s.max(0) @ wb / wb.sum())
    return [max(ra, rb), min(ra, rb)]


_SUBORDINATE = frozenset(
    [
        "when",
        "after",
        "before",
        "while",
        "although",
        "though",
        "because",
        "as",
        "if",
        "since",
        "despite",
        "unlike",
        "once",
    ]
)
_APPOSITION = frozenset(["who", "whom", "whose", "which", "where", "a", "an", "the", "including", "according"])


def main_clause(text: str) -> list[str]:
    """The tokens outside a leading subordinate clause, appositions, relative clauses and parentheses."""
    segments: list[list[str]] = [[]]
    depth = 0
    for *_, t in words(text):
        if t in "([":
            depth += 1
        elif t in ")]":
            depth = max(0, depth - 1)
        elif not depth and t in {",", ";", "—", "--", ":"}:
            segments.append([])
        elif not depth:
            segments[-1].append(t)
    segments = [s for s in segments if s]
    kept = [
        t
        for k, s in enumerate(segments)
        if not (k == 0 and len(segments) > 1 and s[0].lower().strip("`'\"“‘") in _SUBORDINATE)
        and not (k > 0 and s[0].lower() in _APPOSITION)
        for t in s
    ]
    return kept


def _predicates(tokens: list[str]) -> set[str]:
    return {
        lemma(t)[:6]
        for k, t in enumerate(tokens)
        if t[:1].isalpha() and t.lower() not in STOP and lemma(t) not in claim.FRAME_WORDS and (k == 0 or t.islower())
    }


def main_clause_containment(p: Pair) -> list[float]:
    """Whether one sentence's main clause is stated in the other (predicate words of the main clause covered)."""
    pa, pb = claim.profile(p["a"]).predicate, claim.profile(p["b"]).predicate
    ma, mb = _predicates(main_clause(p["a"])), _predicates(main_clause(p["b"]))
    ca, cb = len(ma & pb) / max(1, len(ma)), len(mb & pa) / max(1, len(mb))
    return [max(ca, cb), min(ca, cb)]


def mutual_best(p: Pair) -> list[float]:
    """Each sentence is the other's most similar sentence in the other's article."""
    return [p["mutual"], p["sem"]]


def _names(text: str) -> set[str]:
    toks = words(text)
    return {lemma(t) for k, (*_, t) in enumerate(toks) if k and t[:1].isupper() and t.lower() not in STOP}


def names_agreement(p: Pair) -> list[float]:
    """Names both state (capitalised words past the first), as a share of the shorter and longer list."""
    a, b = _names(p["a"]), _names(p["b"])
    if not a or not b:
        return [0.5, 0.5]
    inter = len(a & b)
    return [inter / min(len(a), len(b)), inter / max(len(a), len(b))]


SIGNALS: dict[str, Callable[[Pair], list[float]]] = {
    "names agreement": names_agreement,
    "numbers with units": numbers_with_units,
    "story-IDF coverage": story_idf_coverage,
    "embedding word match": embedding_match,
    "main-clause containment": main_clause_containment,
    "mutual best match + embedding cosine": mutual_best,
}


def shipped(p: Pair) -> list[float]:
    return list(claim.claim_features(claim.profile(p["a"]), claim.profile(p["b"]), p["sim"]))


def precision_at(pairs: list[Pair], score: dict[str, float], recall: float) -> float:
    positives = sum(p["label"] == "same" for p in pairs)
    ranked = sorted(((score[p["id"]], p["label"] == "same") for p in pairs if p["id"] in score), reverse=True)
    tp = fp = 0
    for _, same in ranked:
        tp, fp = tp + same, fp + (not same)
        if tp >= recall * positives:
            return tp / (tp + fp)
    return 0.0


def figures(pairs: list[Pair], score: dict[str, float]) -> str:
    near = [p for p in pairs if p["draw"] != "cue"]
    return "  ".join(f"{precision_at(sel, score, r):.3f}" for sel in (near, pairs) for r in (0.7, 0.8))


LEARNERS = {
    "logistic": lambda seed: _logistic(),
    "gradient boosting": lambda seed: _boosting(seed),
    "random forest": lambda seed: _forest(seed),
}


def _logistic() -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, max_iter=5000)


def _boosting(seed: int) -> Any:
    from sklearn.ensemble import GradientBoostingClassifier

    return GradientBoostingClassifier(
        n_estimators=150, max_depth=2, learning_rate=0.05, subsample=0.8, random_state=seed
    )


def _forest(seed: int) -> Any:
    from sklearn.ensemble import RandomForestClassifier

    return RandomForestClassifier(n_estimators=300, min_samples_leaf=3, random_state=seed)


def study(
    dev: list[Pair], test: list[Pair], y: np.ndarray, fns: list[Callable[[Pair], list[float]]], learner: str
) -> tuple[dict[str, float], dict[str, float]]:
    """Dev scores cross-validated (5 folds, 10 shuffles averaged; 3 for the slower tree learners) and
    test scores of the model fitted on all of dev, for the features ``fns`` and one of :data:`LEARNERS`."""
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    xd = np.array([[v for fn in fns for v in fn(p)] for p in dev])
    xt = np.array([[v for fn in fns for v in fn(p)] for p in test])
    shuffles = 10 if learner == "logistic" else 3
    cv = np.zeros(len(dev))
    for seed in range(shuffles):
        folds = StratifiedKFold(5, shuffle=True, random_state=seed)
        cv += cross_val_predict(LEARNERS[learner](seed), xd, y, cv=folds, method="predict_proba")[:, 1] / shuffles
    model = LEARNERS[learner](0).fit(xd, y)
    on_test = dict(zip((p["id"] for p in test), model.predict_proba(xt)[:, 1], strict=True))
    return dict(zip((p["id"] for p in dev), cv, strict=True)), on_test


def main() -> int:
    from sklearn.linear_model import LogisticRegression

    pairs = read_pairs(load_jsonl(REAL / "claims.jsonl"))
    dev = [p for p in pairs if p["split"] == "dev"]
    test = [p for p in pairs if p["split"] == "test"]
    dev_found, test_found = [p for p in dev if p["found"]], [p for p in test if p["found"]]
    y = np.array([p["label"] == "same" for p in dev_found])

    fit = LogisticRegression(C=1.0, max_iter=5000).fit(np.array([shipped(p) for p in dev_found]), y)
    print(f"{len(pairs)} labelled pairs, {len(dev_found)} dev and {len(test_found)} test pairs the pipeline reads")
    print("fit on dev:   weights", np.round(fit.coef_[0], 3).tolist(), "bias", round(float(fit.intercept_[0]), 3))
    print("shipped:      weights", list(claim._WEIGHTS), "bias", claim._BIAS)

    print("\npairwise precision at recall 0.7 / 0.8: aligned+near, then all draws")
    print(f"{'features':52} {'dev (5-fold CV)':30} test (fit on dev)")
    sets = {"shipped": [shipped]}
    sets.update({f"shipped + {name}": [shipped, fn] for name, fn in SIGNALS.items()})
    sets["shipped + all of the above"] = [shipped, *SIGNALS.values()]
    rows = [(name, fns, "logistic") for name, fns in sets.items()]
    nonlinear = [learner for learner in LEARNERS if learner != "logistic"]
    rows += [(name, sets[name], learner) for learner in nonlinear for name in ("shipped", "shipped + all of the above")]
    for name, fns, learner in rows:
        label = name if learner == "logistic" else f"{name}, {learner}"
        on_dev, on_test = study(dev_found, test_found, y, fns, learner)
        print(f"{label:52} {figures(dev, on_dev):30} {figures(test, on_test)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
