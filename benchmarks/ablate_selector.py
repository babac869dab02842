"""Ablation of the learned selector: which feature groups and which selection rule buy how much ROUGE.

Trains one model per feature set on the same labelled training rows (a seeded sample of
``train.*.gz``), then summarizes validation stories with each variant; the stories are analysed
once and only selection changes.  Writes a Markdown table (docs/selector.md quotes it).

    python3 benchmarks/ablate_selector.py --stories 20000 --val-skip 300 --val-limit 300
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from newsfuse.evaluate import reference_sentences, rouge
from newsfuse.inputs import iter_lines, parse_multinews_line
from newsfuse.learn.dataset import Dataset, build_dataset
from newsfuse.learn.fit import fit_model, fit_probe
from newsfuse.pipeline import Pipeline
from newsfuse.select import LearnedSelector, MMRSelector, greedy_mmr
from newsfuse.select.features import FEATURE_NAMES, fact_matrix
from newsfuse.state import StoryState

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews"
GROUPS = {
    "multi-source (support, reach, member/lead similarity, outlets)": (
        "support", "support_share", "outlets", "member_similarity", "reach", "lead_similarity",
    ),
    "centrality (story, own article, nearest neighbour)": (
        "centrality", "centrality_norm", "centrality_rank", "own_centrality", "max_other",
    ),
    "position (earliest statement, own position, paragraph)": ("earliest", "position", "paragraph"),
    "surface (length, digits, quotes, attribution, question)": (
        "words", "chars_per_word", "digits", "quote", "attribution", "question",
    ),
    "content probe (embedding read-out)": ("content",),
}  # fmt: skip
Stories = list[tuple[StoryState, list[str]]]


def load(src: Path, tgt: Path, skip: int, limit: int, pipeline: Pipeline) -> Stories:
    out = []
    for k, (s, t) in enumerate(zip(iter_lines(src), iter_lines(tgt), strict=False)):
        if k < skip:
            continue
        if k >= skip + limit:
            break
        articles = parse_multinews_line(s)
        if articles:
            out.append((pipeline.analyse(articles), reference_sentences(t)))
    return out


def score(stories: Stories, pipeline: Pipeline, pick: Callable[[StoryState, list[int]], list[int]]) -> np.ndarray:
    total = np.zeros(3)
    for story, ref in stories:
        if not story.facts:
            continue
        reps = pipeline.realizer.realize(story)
        chosen = pipeline.orderer.order(story, pick(story, reps))
        r = rouge([story.sentences[reps[f]].text for f in chosen], ref)
        total += (r["rouge1"], r["rouge2"], r["rougeLsum"])
    return total / len(stories)


def trigram_blocking(story: StoryState, reps: list[int], words: int, base: np.ndarray) -> list[int]:
    """Best score first; skip a sentence sharing a word trigram with a chosen one (the BertSum rule)."""
    chosen, seen, used = [], set(), 0
    for f in np.argsort(-base, kind="stable"):
        tokens = story.sentences[reps[f]].text.lower().split()
        tri = set(zip(tokens, tokens[1:], tokens[2:], strict=False))
        n = len(tokens)
        if tri & seen or used + n > words or n < 6:
            continue
        chosen.append(int(f))
        seen |= tri
        used += n
    return chosen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stories", type=int, default=20000, help="training stories (seeded sample)")
    ap.add_argument("--dataset", type=Path, default=None, help="cache the labelled rows here (.npz)")
    ap.add_argument("--val-skip", type=int, default=300)
    ap.add_argument("--val-limit", type=int, default=300)
    ap.add_argument("--words", type=int, default=250)
    ap.add_argument("--out", type=Path, default=Path("reports/ablation.md"))
    args = ap.parse_args()
    if not (DATA / "train.src.gz").exists():
        print(f"ablate_selector: no training data in {DATA}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    if args.dataset and args.dataset.exists():
        data = Dataset.load(args.dataset)
    else:
        data = build_dataset(DATA / "train.src.gz", DATA / "train.tgt.gz", stories=args.stories)
        if args.dataset:
            data.save(args.dataset)
    probe = fit_probe(data)  # fills the content column out of fold, as `newsfuse train` does
    print(f"{len(data.groups)} training stories, {len(data.X)} rows ({time.perf_counter() - t0:.0f} s)", flush=True)
    pipeline = Pipeline()
    sets = {
        f"val.src[{args.val_skip}:{args.val_skip + args.val_limit}]": load(
            DATA / "val.src", DATA / "val.tgt", args.val_skip, args.val_limit, pipeline
        ),
        "val-full250": load(DATA / "val-full250.src", DATA / "val-full250.tgt", 0, 250, pipeline),
    }
    w = args.words
    variants: dict[str, Callable[[StoryState, list[int]], list[int]]] = {}
    prior = MMRSelector()
    rules = LearnedSelector()  # the shipped selection rule's settings
    variants["foundation: unsupervised score + MMR (no model)"] = lambda s, r: prior.select(s, r, w)

    def model_pick(features: tuple[str, ...], rule: str = "mmr") -> Callable[[StoryState, list[int]], list[int]]:
        booster = fit_model(data, features=features)
        keep = [FEATURE_NAMES.index(f) for f in features]

        def pick(story: StoryState, reps: list[int]) -> list[int]:
            base = booster.predict(fact_matrix(story, reps, probe)[:, keep], num_threads=1)
            if rule == "trigram":
                return trigram_blocking(story, reps, w, base)
            if rule == "none":
                return greedy_mmr(story, reps, w, base, 0.0, 1.01, 6)
            novelty = 0.0 if rule == "mmr-cosine" else rules.novelty
            return greedy_mmr(story, reps, w, base, rules.redundancy, rules.max_overlap, rules.min_words, novelty)

        return pick

    variants["learned, all features, MMR + lexical novelty (default)"] = model_pick(FEATURE_NAMES)
    variants["learned, all features, MMR without lexical novelty"] = model_pick(FEATURE_NAMES, "mmr-cosine")
    variants["learned, all features, trigram blocking"] = model_pick(FEATURE_NAMES, "trigram")
    variants["learned, all features, no redundancy control"] = model_pick(FEATURE_NAMES, "none")
    for name, group in GROUPS.items():
        variants[f"learned without {name}"] = model_pick(tuple(f for f in FEATURE_NAMES if f not in group))
    lines = [
        f"| variant | {' | '.join(f'{n} R1 / R2 / RLsum' for n in sets)} |",
        f"|---|{'---|' * len(sets)}",
    ]
    for name, pick in variants.items():
        cells = [" / ".join(f"{x:.2f}" for x in score(stories, pipeline, pick)) for stories in sets.values()]
        lines.append(f"| {name} | {' | '.join(cells)} |")
        print(lines[-1], flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
