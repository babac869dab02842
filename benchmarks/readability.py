"""Readability of newsfuse's summaries: units cut from their context, and whether the lede comes first.

For every story of ``val-full250`` (250 words by default) it summarizes with the default pipeline and
reads each summary unit (one output sentence: one or several contiguous source sentences) against
its article:

- **cut from context**: the unit's first sentence needs the sentence before it in its article (the
  signals of :mod:`newsfuse.units.context`: pronoun, demonstrative or connective opener, "the + noun"
  back-reference, lower-case start, inside a quote opened before, the answer to a question, "said"
  with no named speaker) and the summary unit before it does not end with that sentence, or its
  last sentence leaves a quote open or asks a question and the next summary unit does not go on
  from there;
- **lede first**: the first unit opens its article (its first sentence is among the article's first
  two candidate sentences), and, stricter, its statement is found in the opening (first three
  candidates) of at least half of the story's original articles, as the lede of the story rather
  than of one outlet.  With the human references beside the stories (``--tgt``, on by default for
  val-full250), an outside judge too: the share of summaries whose first unit is, of all their
  units, the one closest (ROUGE-2 recall, then ROUGE-1) to the reference's first sentence, the
  editor's lede (``--baseline`` gives the same figures for the old pipeline: sentences alone, no lede).
  ``--duc`` reads DUC 2004 dev (``dev.src``, 100 words) with its four references: the share is then
  averaged over the references, and ``first_unit_is_an_editors_lede`` counts summaries whose first
  unit is the closest to at least one reference's first sentence; ``--dump`` writes each story's
  units, reference ledes and closest unit as JSON lines, for reading;
- **names without introduction**: the unit calls someone by surname alone ("Thompson said") whom its
  article introduced with a fuller name before it, and no summary unit before it writes that fuller
  name (:class:`newsfuse.units.names.Introductions`); counted for everyone and for people whom only
  one article mentions (the ones selection holds back until introduced).

``--sample N`` writes N random summaries (seeded) to a text file for reading by hand (page furniture,
dangling references), with each unit's source and offsets.

    PYTHONPATH=src python3 benchmarks/readability.py
    PYTHONPATH=src python3 benchmarks/readability.py --limit 50 --sample 30 --out /tmp/read30.txt
    PYTHONPATH=src python3 benchmarks/readability.py --duc --dump /tmp/duc-ledes.jsonl

Exits 2 with one line when the data file is missing.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT.parent / "shared" / "data" / "multinews" / "val-full250.src"
TGT = SRC.with_suffix(".tgt")
DUC = ROOT.parent / "shared" / "data" / "duc2004-dev"


def unit_of_sentence(story, summary_sentence) -> tuple[int, int] | None:
    """The (first, last) sentence indices of the analysis that a summary sentence's first citation spans."""
    c = summary_sentence.citations[0]
    doc = next(d for d, a in enumerate(story.articles) if a.id == c.source)
    first = last = None
    for i, s in enumerate(story.sentences):
        if s.doc != doc:
            continue
        if s.start == c.start:
            first = i
        if s.end == c.end:
            last = i
    return None if first is None or last is None else (first, last)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path, default=SRC)
    ap.add_argument("--tgt", type=Path, help="references, line for line (default: beside the default --src)")
    ap.add_argument("--words", type=int, help="summary length (default 250, 100 with --duc)")
    ap.add_argument(
        "--duc", action="store_true", help="DUC 2004 dev: dev.src with its 4 references dev.tgt.0..3, 100 words"
    )
    ap.add_argument("--limit", type=int)
    ap.add_argument("--sample", type=int, default=0, help="write N random summaries for reading")
    ap.add_argument("--out", type=Path, default=Path("reports/readability-sample.txt"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--seeds", type=int, nargs="+", help="write one sample per seed from one run (to --out with -seedN added)"
    )
    ap.add_argument("--json", type=Path)
    ap.add_argument("--dump", type=Path, help="write each story's units, reference ledes and closest unit (JSON lines)")
    ap.add_argument("--baseline", action="store_true", help="sentences stand alone and no lede (the old pipeline)")
    args = ap.parse_args()
    if args.duc:
        args.src = DUC / "dev.src"
    if args.words is None:
        args.words = 100 if args.duc else 250
    if not args.src.is_file():
        sys.stderr.write(f"readability.py: error: {args.src} not found\n")
        return 2

    import numpy as np

    from newsfuse.inputs import parse_story_line
    from newsfuse.pipeline import Pipeline
    from newsfuse.select.features import candidate_ranks
    from newsfuse.units import ContextUnits
    from newsfuse.units.names import Introductions

    lines = args.src.read_text(encoding="utf-8").splitlines()[: args.limit]
    tgts = [DUC / f"dev.tgt.{k}" for k in range(4)] if args.duc else [args.tgt or (TGT if args.src == SRC else None)]
    references = (
        [p.read_text(encoding="utf-8").splitlines() for p in tgts] if all(p and p.is_file() for p in tgts) else None
    )
    judged = 0
    editor_lede = editor_lede_any = 0.0
    dumped: list[str] = []
    pipeline = Pipeline(units=None, lede=False) if args.baseline else Pipeline()
    signals = ContextUnits()
    units = cut = multi = unnamed = unnamed_minor = 0
    reasons: dict[str, int] = {}
    stories = opens_article = opens_story = 0
    summaries: list[tuple[int, list[str]]] = []
    for k, line in enumerate(lines):
        articles = parse_story_line(line)
        if not articles:
            continue
        story = pipeline.analyse(articles)
        summary = pipeline.summarize_analysis(story, args.words)
        if not summary.sentences:
            continue
        stories += 1
        back, forward = signals.signals(story)
        rank = candidate_ranks(story)
        shown = []
        previous_end = None
        introductions = Introductions(story)
        told: list[str] = []
        for n, s in enumerate(summary.sentences):
            span = unit_of_sentence(story, s)
            units += 1
            if span is None:
                reasons["unmatched"] = reasons.get("unmatched", 0) + 1
                cut += 1
                previous_end = None
                continue
            first, last = span
            multi += last > first
            continues = previous_end is not None and previous_end == first - 1
            why = (None if continues else back[first]) or (None if n + 1 < len(summary.sentences) else forward[last])
            if forward[last] and n + 1 < len(summary.sentences):
                following = unit_of_sentence(story, summary.sentences[n + 1])
                why = why or (forward[last] if following is None or following[0] != last + 1 else None)
            previous_end = last
            if why:
                cut += 1
                reasons[why] = reasons.get(why, 0) + 1
            needed = introductions.needed(first, last)
            who = sorted(needed - introductions.introduced(" ".join(told), needed))
            told.append(s.text)
            if who:
                unnamed += 1
                unnamed_minor += any(introductions.spread(name) <= 1 for name in who)
                why = why or f"who is {', '.join(who)}?"
            if n == 0:
                opens_article += rank.get(first, 99) < 2 or any(rank.get(i, 99) < 2 for i in range(first, last + 1))
                opens_story += _opens_story(story, first, last, rank, np)
            shown.append(
                f"  [{s.citations[0].source} {s.citations[0].start}-{s.citations[0].end}] "
                f"{' '.join(s.text.split())}" + (f"   <-- {why}" if why else "")
            )
        if references is not None and len(summary.sentences) > 1:
            judged += 1
            texts = [x.text for x in summary.sentences]
            closest = [_closest_to_reference_lede(texts, ref[k]) for ref in references]
            editor_lede += sum(c == 0 for c in closest) / len(closest)
            editor_lede_any += any(c == 0 for c in closest)
            if args.dump:
                ledes = [_reference_lede(ref[k]) for ref in references]
                dumped.append(json.dumps({"story": k, "units": texts, "ledes": ledes, "closest": closest}))
        summaries.append((k, shown))
    result = {
        "stories": stories,
        "units": units,
        "multi_sentence_units": multi,
        "cut_from_context": cut,
        "cut_share": round(cut / max(1, units), 4),
        "cut_reasons": reasons,
        "names_without_introduction": unnamed,
        "names_without_introduction_share": round(unnamed / max(1, units), 4),
        "one_article_names_without_introduction": unnamed_minor,
        "lede_opens_an_article": round(opens_article / max(1, stories), 4),
        "lede_opens_half_the_articles": round(opens_story / max(1, stories), 4),
        **(
            {
                "first_unit_is_the_editors_lede": round(editor_lede / max(1, judged), 4),
                **(
                    {"first_unit_is_an_editors_lede": round(editor_lede_any / max(1, judged), 4)}
                    if len(references) > 1
                    else {}
                ),
                "judged": judged,
            }
            if references is not None
            else {}
        ),
    }
    print(json.dumps(result, indent=2))
    if args.dump:
        args.dump.write_text("".join(line + "\n" for line in dumped), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    if args.sample:
        seeds = args.seeds or [args.seed]
        for seed in seeds:
            out = args.out if not args.seeds else args.out.with_name(f"{args.out.stem}-seed{seed}{args.out.suffix}")
            _write_sample(summaries, args.sample, seed, out)
    return 0


def _write_sample(summaries: list[tuple[int, list[str]]], n: int, seed: int, out: Path) -> None:
    """Write ``n`` summaries picked at random (``seed``) to ``out``, for reading by hand."""
    rng = random.Random(seed)
    picked = sorted(rng.sample(range(len(summaries)), min(n, len(summaries))))
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for j in picked:
            k, shown = summaries[j]
            fh.write(f"=== story {k}\n" + "\n".join(shown) + "\n\n")
    print(f"{len(picked)} summaries written to {out}", file=sys.stderr)


def _reference_lede(reference: str) -> str:
    """The reference's first sentence (a leading dash dropped)."""
    from newsfuse.evaluate.rouge_scores import reference_sentences
    from newsfuse.split import default_splitter
    from newsfuse.types import Article

    lines = reference_sentences(reference)
    text = lines[0].lstrip("–- ") if lines else ""
    first = next(iter(default_splitter().split(Article("ref", text), 0, 1)), None)
    return first.text if first is not None else text


def _closest_to_reference_lede(units: list[str], reference: str) -> int:
    """The index of the unit closest to the reference's first sentence (ROUGE-2, then ROUGE-1 recall)."""
    from newsfuse.evaluate.rouge_scores import _scorer

    lede = _reference_lede(reference)
    scores = [_scorer().score(u, lede) for u in units]
    return max(range(len(units)), key=lambda j: (scores[j]["rouge2"].precision, scores[j]["rouge1"].precision, -j))


def _opens_story(story, first: int, last: int, rank, np, threshold: float = 0.45) -> bool:
    """Is the unit's statement in the first three candidates of at least half the original articles?"""
    row_of = {i: r for r, i in enumerate(story.rows)}
    mine = [row_of[i] for i in range(first, last + 1) if i in row_of]
    if not mine:
        return False
    originals = sorted({s.doc for s in story.sentences} - set(story.copies)) or sorted({s.doc for s in story.sentences})
    hits = 0
    for d in originals:
        tops = [row_of[i] for i in story.rows if story.sentences[i].doc == d and rank[i] < 3]
        if tops and float(story.similarity[np.ix_(mine, tops)].max()) >= threshold:
            hits += 1
    return 2 * hits >= len(originals)


if __name__ == "__main__":
    raise SystemExit(main())
