"""Ideas for the learned selector, measured on the tuning slices (see docs/selector.md for which shipped).

``--trial compress``: contiguous sentence trimming (issue 4's optional compression).  Every candidate
sentence loses, where a rule matches, a trailing attribution (``..., police said.``, ``..., according
to the Times.``), a leading connective (``But``, ``However,``, ``Meanwhile,``...) and/or a leading
``According to X,``; what is left is one contiguous span of the article (exact offsets kept), shown
with a final period and a capital first letter.  A trim is skipped when it would leave fewer than 6
words or cut inside a quotation.  ``paren`` (dropping parentheticals) is an upper bound only: it is
not contiguous, so a real trimmed sentence could not cite one span.

``--trial embed`` (run before the content probe shipped; it drops the ``content`` column to reproduce
that comparison): does the sentence embedding (WordLlama, 256 dims, already computed by the pipeline)
tell the model anything its 20 features miss?  Builds the training rows of ``newsfuse train`` (with the
representative sentences' embeddings) for a seeded sample of training stories, then compares the
model on the 20 features with the same LightGBM recipe on features + embedding, and with the shipped
recipe (the content probe, out of fold, as the 21st feature).

``--trial novelty`` (shipped: 0.2 / 0.1 / 0.6): the selection rule's lexical novelty weight (minus that
weight times the share of a fact's content words already chosen, ``select/novelty.py``) against the
cosine redundancy weight and the overlap cut-off, with the shipped model.

All score ROUGE-1 / ROUGE-2 / ROUGE-Lsum F1 at ``--words`` on val.src[0:300] and val-full250[0:125]
(the tuning slices; never the report slices):

    python3 benchmarks/selector_trials.py --trial compress
    python3 benchmarks/selector_trials.py --trial embed --stories 20000
    python3 benchmarks/selector_trials.py --trial novelty
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ablate_selector import DATA, Stories, load
from newsfuse.evaluate import rouge
from newsfuse.learn.dataset import build_dataset
from newsfuse.learn.fit import DEFAULT_PARAMS, DEFAULT_ROUNDS, fit_model, fit_probe, require_lightgbm, target
from newsfuse.pipeline import Pipeline
from newsfuse.select import LearnedSelector, greedy_mmr
from newsfuse.select.features import FEATURE_NAMES, fact_matrix
from newsfuse.select.learned import _EARLIEST
from newsfuse.state import StoryState
from newsfuse.types import Sentence

_WORD = r"[\w.'’&-]+"
_VERB = r"(?:said|says|say|told|tells|reported|reports|added|adds|explained|noted|wrote|writes|according to)"
TRAILING_ATTRIBUTION = re.compile(rf"\s*,\s+(?:{_WORD}\s+){{0,6}}?{_VERB}\b(?:\s+{_WORD},?){{0,10}}?\s*[.!]?\s*$", re.I)
LEADING_CONNECTIVE = re.compile(
    r"^(?:but|and|so|yet|however|meanwhile|still|also|now|instead|indeed|moreover|furthermore|in addition"
    r"|additionally|separately|plus|then)\s*,?\s+(?=\S)",
    re.I,
)
LEADING_ACCORDING = re.compile(rf"^according to\s+(?:{_WORD}\s+){{0,7}}?{_WORD}\s*,\s+", re.I)
QUOTES = frozenset('"“”«»')


def trim_span(text: str, rules: frozenset[str]) -> tuple[int, int]:
    """The contiguous part ``text[a:b]`` the rules keep (``(0, len(text))`` when none applies or fits)."""
    a, b = 0, len(text)
    if "trail" in rules and (m := TRAILING_ATTRIBUTION.search(text)) and not QUOTES & set(text[m.start() :]):
        b = m.start()
    if "conn" in rules and (m := LEADING_CONNECTIVE.match(text)):
        a = m.end()
    if "acc" in rules and (m := LEADING_ACCORDING.match(text[a:])):
        a += m.end()
    kept = text[a:b]
    if len(kept.split()) < 6 or sum(c in QUOTES for c in kept) % 2:
        return 0, len(text)
    return a, b


def trimmed(s: Sentence, rules: frozenset[str]) -> Sentence:
    """``s`` cut to the span the rules keep: offsets exact, shown with a final period and a capital."""
    if "paren" in rules:  # upper bound only: not one contiguous span
        text = re.sub(r"\s*\([^()]{1,80}\)", "", s.text)
        return dataclasses.replace(s, text=text) if text != s.text and len(text.split()) >= 6 else s
    a, b = trim_span(s.text, rules)
    if (a, b) == (0, len(s.text)):
        return s
    text = s.text[a:b]
    if b < len(s.text):
        text = text.rstrip(" ,;:") + "."
    if a:
        text = text[0].upper() + text[1:]
    return dataclasses.replace(s, start=s.start + a, end=s.start + b, text=text)


def rouge_of(stories: Stories, pipeline: Pipeline, pick: Callable[[StoryState, list[int]], list[int]]) -> str:
    total = np.zeros(3)
    for story, ref in stories:
        reps = pipeline.realizer.realize(story)
        chosen = pipeline.orderer.order(story, pick(story, reps)) if story.facts else []
        r = rouge([story.sentences[reps[f]].text for f in chosen], ref)
        total += (r["rouge1"], r["rouge2"], r["rougeLsum"])
    return " / ".join(f"{x:.2f}" for x in total / len(stories))


def compress_trial(sets: dict[str, Stories], pipeline: Pipeline, words: int) -> None:
    print(f"| trim rules | {' | '.join(sets)} | sentences trimmed |\n|---|{'---|' * len(sets)}---|")
    for name in ("none", "trail", "conn", "acc", "trail+conn+acc", "paren"):
        rules = frozenset(name.split("+")) - {"none"}
        cells, n_trimmed, n_all = [], 0, 0
        for stories in sets.values():
            variant = []
            for story, ref in stories:
                trimmed_story = copy.copy(story)
                trimmed_story.sentences = [trimmed(s, rules) for s in story.sentences]
                trimmed_story.words = []  # the novelty term reads the trimmed texts, not the pipeline's words
                n_trimmed += sum(t is not s for t, s in zip(trimmed_story.sentences, story.sentences, strict=True))
                n_all += len(story.sentences)
                variant.append((trimmed_story, ref))
            cells.append(rouge_of(variant, pipeline, lambda s, r: pipeline.selector.select(s, r, words)))
        print(f"| {name} | {' | '.join(cells)} | {n_trimmed / max(n_all, 1):.1%} |", flush=True)


def _base(X: np.ndarray) -> np.ndarray:
    """The 20 features the selector had before the content probe (the trial's starting point)."""
    return np.delete(X, FEATURE_NAMES.index("content"), axis=1)


def _rep_vectors(story: StoryState, reps: list[int]) -> np.ndarray:
    """The representatives' embeddings, as the pipeline computed them."""
    row_of = {i: r for r, i in enumerate(story.rows)}
    return story.vectors[[row_of[i] for i in reps]]  # type: ignore[index]


def embed_trial(sets: dict[str, Stories], pipeline: Pipeline, words: int, n_stories: int, seed: int) -> None:
    data = build_dataset(DATA / "train.src.gz", DATA / "train.tgt.gz", stories=n_stories, seed=seed)
    y, E = target(data), data.vectors.astype(np.float32)  # type: ignore[union-attr]
    probe = fit_probe(data)  # the shipped recipe: the content column filled out of fold
    oof = data.X[:, FEATURE_NAMES.index("content")]
    print(f"{len(data.groups)} training stories, {len(y)} rows")
    print(f"content probe alone: Pearson r = {np.corrcoef(oof, y)[0, 1]:.3f} with the label")
    lgb = require_lightgbm()
    params = {**DEFAULT_PARAMS, "num_threads": 2}
    base = _base(data.X)
    variants: dict[str, tuple[Any, Callable[[StoryState, list[int]], np.ndarray]]] = {
        "features (default recipe)": (
            lgb.train(params, lgb.Dataset(base, y), DEFAULT_ROUNDS),
            lambda s, r: _base(fact_matrix(s, r)),
        ),
        "features + 256-dim embedding": (
            lgb.train(params, lgb.Dataset(np.c_[base, E], y), 200),
            lambda s, r: np.c_[_base(fact_matrix(s, r)), _rep_vectors(s, r)],
        ),
        "features + content probe": (fit_model(data), lambda s, r: fact_matrix(s, r, probe)),
    }
    print(f"| model | {' | '.join(sets)} |\n|---|{'---|' * len(sets)}")
    for name, (booster, columns) in variants.items():

        def pick(
            story: StoryState, reps: list[int], booster: Any = booster, columns: Callable = columns
        ) -> list[int]:
            earliest = fact_matrix(story, reps)[:, _EARLIEST]
            score = booster.predict(columns(story, reps), num_threads=1) - 1e3 * (earliest > 29)
            return greedy_mmr(story, reps, words, score, 0.1, 0.6, 6)

        print(f"| {name} | {' | '.join(rouge_of(stories, pipeline, pick) for stories in sets.values())} |", flush=True)


def novelty_trial(sets: dict[str, Stories], pipeline: Pipeline, words: int) -> None:
    print(f"| novelty / redundancy / overlap | {' | '.join(sets)} |\n|---|{'---|' * len(sets)}")
    grid = [(0.0, 0.1, 0.6)] + [(n, r, o) for n in (0.15, 0.2, 0.3, 0.4) for r in (0.0, 0.1) for o in (0.6, 0.75)]
    for novelty, redundancy, overlap in grid:
        selector = LearnedSelector(novelty=novelty, redundancy=redundancy, max_overlap=overlap)
        cells = [
            rouge_of(stories, pipeline, lambda s, r, sel=selector: sel.select(s, r, words)) for stories in sets.values()
        ]
        print(f"| {novelty} / {redundancy} / {overlap} | {' | '.join(cells)} |", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trial", choices=("compress", "embed", "novelty"), required=True)
    ap.add_argument("--words", type=int, default=250)
    ap.add_argument("--stories", type=int, default=20000, help="training stories for --trial embed")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    if not (DATA / "val.src").exists():
        print(f"selector_trials: no Multi-News data in {DATA}", file=sys.stderr)
        return 2
    pipeline = Pipeline()
    sets = {
        "val.src[0:300]": load(DATA / "val.src", DATA / "val.tgt", 0, 300, pipeline),
        "val-full250[0:125]": load(DATA / "val-full250.src", DATA / "val-full250.tgt", 0, 125, pipeline),
    }
    if args.trial == "compress":
        compress_trial(sets, pipeline, args.words)
    elif args.trial == "novelty":
        novelty_trial(sets, pipeline, args.words)
    else:
        embed_trial(sets, pipeline, args.words, args.stories, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
