"""Figures of the cross-source analysis on the labelled sets (issue 6).

    python3 benchmarks/cross_source.py            # disagreement P/R and timeline accuracy, dev and test
    python3 benchmarks/cross_source.py --errors   # also list the cases it gets wrong
    python3 benchmarks/cross_source.py --real     # alignment and disagreement P/R on the real labelled pairs
    python3 benchmarks/cross_source.py --causes   # why each missed `same` pair of the real set is missed
    python3 benchmarks/cross_source.py --speed 60 # --analysis time vs the plain summary, first 60 val-full250 stories
    python3 benchmarks/cross_source.py --heldout 500 1500   # every flagged disagreement on val.src lines 500-1499
    python3 benchmarks/cross_source.py --heldout 0 250 --src ../shared/data/multinews/val-full250.src

Disagreement detection: tests/data/disagreements.jsonl (sentence pairs from different outlets,
label contradiction|consistent, split dev|test).  Timeline: tests/data/timeline.jsonl (date
expressions with their article's date and the labelled resolution).  The rules were tuned on the
dev split only; test is the figure to report.  Also times the analysis of a table-like story with
thousands of numbers (bounded work).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from newsfuse.compare import analyse
from newsfuse.compare.scoring import (
    aligned_pairs,
    load_jsonl,
    score_alignment,
    score_disagreements,
    score_real_disagreements,
    score_timeline,
)
from newsfuse.pipeline import Pipeline
from newsfuse.service import summarize_articles
from newsfuse.types import Article

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
REAL = Path(__file__).resolve().parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def real_stories() -> dict[str, list[Article]]:
    """The stories the real labelled pairs come from: val-full250 (mnNNN) and DUC 2004 dev clusters."""
    import json

    from newsfuse.inputs.readers import iter_multinews

    out = {}
    for k, arts in enumerate(iter_multinews(SHARED / "multinews" / "val-full250.src")):
        out[f"mn{k:03d}"] = [a for a in arts if a.text.strip()]
    for line in (SHARED / "duc2004-dev" / "dev.jsonl").read_text().splitlines():
        c = json.loads(line)
        out[c["id"]] = [
            Article(a["id"], a["text"], source=a.get("source"), published=a.get("published")) for a in c["articles"]
        ]
    return out


def real_figures(errors: bool) -> None:
    pairs = load_jsonl(REAL / "claims.jsonl")
    cands = load_jsonl(REAL / "disagreement_candidates.jsonl")
    t0 = time.perf_counter()
    aligned = aligned_pairs(pairs, real_stories(), Pipeline())
    print(f"alignment on {len(pairs)} real pairs read by hand ({time.perf_counter() - t0:.0f}s)")
    print("split  pairs              n    TP  FP  FN  precision  lenient  recall  contradictions aligned")
    for split in ("dev", "test", None):
        for name, sel in (("aligned+near", [p for p in pairs if p["draw"] != "cue"]), ("all", pairs)):
            r = score_alignment(sel, aligned, split)
            print(
                f"{split or 'all':5}  {name:17}  {r['n']:<4} {r['tp']:<3} {r['fp']:<3} {r['fn']:<3} "
                f"{r['precision']:.3f}      {r['lenient_precision']:.3f}    {r['recall']:.3f}   "
                f"{r['aligned_contradict']}"
            )
            if errors and split and name == "all":
                print("   ", r["errors"])
    print(f"\ndisagreement detection on {len(cands)} real candidates read by hand")
    print("split  n    TP  FP  FN  TN  precision  recall")
    for split in ("dev", "test", None):
        r = score_real_disagreements(cands, split)
        print(
            f"{split or 'all':5}  {r['n']:<4} {r['tp']:<3} {r['fp']:<3} {r['fn']:<3} {r['tn']:<3} "
            f"{r['precision']:.3f}      {r['recall']:.3f}"
        )
        if errors and split:
            for e in r["errors"]:
                print("   ", e)


MISS_CAUSES = {
    "dropped": "a sentence the pipeline does not offer (page furniture, headline, not found)",
    "not proposed": "similarity under the aligner's threshold: never a candidate pair",
    "claim rejected": "a candidate pair, but the claim score is under the link threshold",
    "article taken": "its fact already holds another sentence of the other article (one per article)",
    "group or conflict": "the pair scores, but a pair across the two groups does not, or states a conflict",
}


def miss_causes(pairs: list[dict], stories: dict[str, list[Article]], pipe: Pipeline) -> dict[str, str]:
    """For each ``same`` pair the pipeline does not align, the first cause of :data:`MISS_CAUSES` that holds."""
    from newsfuse.align.claim import CLAIM_THRESHOLD, claim_score, profile
    from newsfuse.compare.scoring import labelled_sentence

    out: dict[str, str] = {}
    by_story: dict[str, list[dict]] = {}
    for p in pairs:
        if p["label"] == "same":
            by_story.setdefault(p["story"], []).append(p)
    threshold = getattr(pipe.aligner, "threshold", 0.45)
    for sid, items in by_story.items():
        st = pipe.analyse(stories[sid])
        row = {i: r for r, i in enumerate(st.rows)}
        fact = {i: f for f, fa in enumerate(st.facts) for i in fa.members}
        for p in items:
            ia, ib = labelled_sentence(st, p["doc_a"], p["a"]), labelled_sentence(st, p["doc_b"], p["b"])
            if ia is not None and ib is not None and fact.get(ia, -1) == fact.get(ib, -2):
                continue
            if ia not in row or ib not in row:
                out[p["id"]] = "dropped"
                continue
            sim = float(st.similarity[row[ia], row[ib]])
            docs_a = {st.sentences[i].doc for i in st.facts[fact[ia]].members}
            docs_b = {st.sentences[i].doc for i in st.facts[fact[ib]].members}
            if sim < threshold:
                out[p["id"]] = "not proposed"
            elif claim_score(profile(st.sentences[ia].text), profile(st.sentences[ib].text), sim) < CLAIM_THRESHOLD:
                out[p["id"]] = "claim rejected"
            elif st.sentences[ib].doc in docs_a or st.sentences[ia].doc in docs_b:
                out[p["id"]] = "article taken"
            else:
                out[p["id"]] = "group or conflict"
    return out


def causes(errors: bool) -> None:
    from collections import Counter

    pairs = load_jsonl(REAL / "claims.jsonl")
    found = miss_causes(pairs, real_stories(), Pipeline())
    print(f"missed `same` pairs by cause ({sum(p['label'] == 'same' for p in pairs)} `same` pairs)")
    print(f"{'split':6}{'pairs':14}" + "".join(f"{c:>19}" for c in MISS_CAUSES))
    for split in ("dev", "test", None):
        for name, draws in (("aligned+near", ("aligned", "near")), ("all", ("aligned", "near", "cue"))):
            sel = [p for p in pairs if p["draw"] in draws and (split is None or p["split"] == split)]
            n = Counter(found[p["id"]] for p in sel if p["id"] in found)
            print(f"{split or 'all':6}{name:14}" + "".join(f"{n[c]:>19}" for c in MISS_CAUSES))
    for c, what in MISS_CAUSES.items():
        print(f"  {c}: {what}")
        if errors:
            print("   ", sorted(k for k, v in found.items() if v == c))


def heldout(start: int, end: int, src: Path) -> None:
    """Print every flagged disagreement of stories ``start``..``end - 1`` of ``src``, both sentences each.

    Each item is printed as ``line kind`` then one line per version (article, claim, sentence), so a
    reader can judge every flag; the last line counts stories read and items flagged.
    """
    from itertools import islice

    from newsfuse.compare import find_disagreements
    from newsfuse.inputs.readers import iter_multinews

    pipe, n_stories, n_flags = Pipeline(), 0, 0
    for k, arts in enumerate(islice(iter_multinews(src), start, end), start):
        arts = [a for a in arts if a.text.strip()]
        if len(arts) < 2:
            continue
        n_stories += 1
        found, _ = find_disagreements(pipe.analyse(arts))
        for d in found:
            n_flags += 1
            print(f"{k} {d.kind}")
            for v in d.versions:
                print(f"    [{v.span.source}] {v.claim!r}: {' '.join(v.span.text.split())}")
    print(
        f"{n_flags} disagreements flagged in {n_stories} stories with 2+ articles "
        f"(lines {start}-{end - 1} of {src.name})"
    )


def clear_caches() -> None:
    """Clear newsfuse's per-text memos (``memos.py``) so repeated runs read every sentence afresh."""
    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:  # imported by tests as a file, not run from benchmarks/
        sys.path.insert(0, here)
    from memos import clear_text_memos

    clear_text_memos()


def speed(n: int) -> None:
    """Per story, the plain summary and the summary with --analysis, side by side in this process."""
    import statistics

    from newsfuse.inputs.readers import iter_multinews

    pipe = Pipeline()
    stories = []
    for k, arts in enumerate(iter_multinews(SHARED / "multinews" / "val-full250.src")):
        if k >= n:
            break
        arts = [a for a in arts if a.text.strip()]
        if len(arts) >= 2:
            stories.append(arts)
    pipe.summarize(stories[0], 250)  # warm-up: model load
    plain, full, ratios = 0.0, 0.0, []
    cpu_plain, cpu_full = 0.0, 0.0
    for arts in stories:
        # Best of three for each, caches cleared before every run, the two interleaved.
        t_plain, t_full, c_plain, c_full = [], [], [], []
        for _ in range(3):
            clear_caches()
            c0, t0 = time.process_time(), time.perf_counter()
            pipe.summarize(arts, 250)
            t_plain.append(time.perf_counter() - t0)
            c_plain.append(time.process_time() - c0)
            clear_caches()
            c0, t0 = time.process_time(), time.perf_counter()
            summarize_articles(pipe, arts, 250, cross_source=True)
            t_full.append(time.perf_counter() - t0)
            c_full.append(time.process_time() - c0)
        plain += min(t_plain)
        full += min(t_full)
        cpu_plain += min(c_plain)
        cpu_full += min(c_full)
        ratios.append(min(t_full) / min(t_plain))
    print(
        f"speed on {len(stories)} val-full250 stories: plain summary {plain / len(stories) * 1000:.0f} ms/story, "
        f"with --analysis {full / len(stories) * 1000:.0f} ms/story; ratio of totals {full / plain:.2f}x, "
        f"median per-story ratio {statistics.median(ratios):.2f}x, max {max(ratios):.2f}x; "
        f"CPU time (all threads, less sensitive to other load) {cpu_plain / len(stories) * 1000:.0f} / "
        f"{cpu_full / len(stories) * 1000:.0f} ms/story, ratio {cpu_full / cpu_plain:.2f}x"
    )


def table_story(rows: int = 3000, one_line: bool = False) -> list[Article]:
    """Two outlets publishing the same long table of figures (a bad-input case).

    ``one_line`` writes each table as a single run-on sentence (rows joined by semicolons).
    """
    end, sep = (";", " ") if one_line else (".", "\n")
    a = sep.join(f"District {k}: {k * 37 % 9973} votes, {k % 97}.{k % 10} percent turnout{end}" for k in range(rows))
    b = sep.join(f"District {k}: {k * 41 % 9967} votes, {k % 89}.{k % 10} percent turnout{end}" for k in range(rows))
    return [Article("a", a, source="A", published="2024-11-06"), Article("b", b, source="B", published="2024-11-06")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list the misjudged cases")
    parser.add_argument("--real", action="store_true", help="also score the real labelled pairs (benchmarks/data)")
    parser.add_argument("--causes", action="store_true", help="also count the real set's missed pairs by cause")
    parser.add_argument("--speed", type=int, default=0, metavar="N", help="also time --analysis on N stories")
    parser.add_argument(
        "--heldout",
        type=int,
        nargs=2,
        metavar=("START", "END"),
        help="print every flag on lines START..END-1, then stop",
    )
    parser.add_argument(
        "--src", type=Path, default=SHARED / "multinews" / "val.src", help="the stories --heldout reads"
    )
    args = parser.parse_args(argv)
    if args.heldout:
        heldout(*args.heldout, args.src)
        return 0
    if args.real:
        real_figures(args.errors)
        print()
    if args.causes:
        causes(args.errors)
        print()
    if args.speed:
        speed(args.speed)
        print()
    pairs = load_jsonl(DATA / "disagreements.jsonl")
    dates = load_jsonl(DATA / "timeline.jsonl")
    print(f"disagreement detection ({len(pairs)} labelled pairs)")
    print("split  n    TP  FP  FN  TN  precision  recall")
    for split in ("dev", "test", None):
        r = score_disagreements(pairs, split)
        name = split or "all"
        print(
            f"{name:5}  {r['n']:<4} {r['tp']:<3} {r['fp']:<3} {r['fn']:<3} {r['tn']:<3} "
            f"{r['precision']:.3f}      {r['recall']:.3f}"
        )
        if args.errors and split:
            for e in r["errors"]:
                print("   ", e)
    print(f"\ntimeline resolution ({len(dates)} labelled expressions)")
    for split in ("dev", "test", None):
        r = score_timeline(dates, split)
        print(f"{split or 'all':5}  {r['correct']}/{r['n']} = {r['accuracy']:.3f}")
        if args.errors and split:
            for e in r["errors"]:
                print("   ", e)
    for name, articles in (
        ("table, one row a line", table_story()),
        ("table, one giant line", table_story(one_line=True)),
    ):
        story = Pipeline().analyse(articles)
        t0 = time.perf_counter()
        cross = analyse(story)
        took = time.perf_counter() - t0
        print(
            f"\n{name}: {sum(a.text.count('%') + a.text.count('votes') for a in articles)} figures, "
            f"{len(story.rows)} candidate sentences; analysis {took:.1f}s; {len(cross.disagreements)} disagreements, "
            f"{len(cross.numbers)} key numbers; notes: {cross.notes}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
