"""DUC 2004 dev: newsfuse ranked against the 13 published systems by ROUGE recall, as the data's README says.

The convention (``../shared/data/README.md``): every summary, newsfuse's and each peer's, truncated to
100 words; ROUGE-1 and ROUGE-2 *recall* x100 (``rouge-score``, stemming on) against each of the 4
human references, averaged over the references, then over the 25 clusters.  The table ranks all 14
systems by ROUGE-2 recall.

    PYTHONPATH=src python3 benchmarks/duc.py                     # the default selector
    PYTHONPATH=src python3 benchmarks/duc.py --selector mmr --json duc.json
    PYTHONPATH=src python3 benchmarks/duc.py --dated   # dev.jsonl: articles keep outlet and date

``dev.src`` gives each article as its own anonymous source; ``--dated`` reads the same articles from
``dev.jsonl`` as a user's JSONL would give them: AP and NYT filings with their dates (so support badges
count two outlets at most, and stories told over weeks are ordered day by day).

Exits 2 with one line when the data folder is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "duc2004-dev"


def load(data: Path, dated: bool = False) -> tuple[list[str], list[str], list[list[str]]]:
    """Cluster ids, source lines (``dev.jsonl``'s stories with outlets and dates when ``dated``) and references."""
    ids = (data / "dev.ids").read_text(encoding="utf-8").split()
    src = (data / ("dev.jsonl" if dated else "dev.src")).read_text(encoding="utf-8").splitlines()
    if dated and [json.loads(line)["id"] for line in src] != ids:
        raise SystemExit("duc.py: error: dev.jsonl is not in dev.ids order")
    refs = [(data / f"dev.tgt.{k}").read_text(encoding="utf-8").splitlines() for k in range(4)]
    return ids, src, [[r[i] for r in refs] for i in range(len(ids))]


def peer_outputs(data: Path, ids: list[str]) -> dict[str, list[str]]:
    """Each published system's summary per cluster (missing ones as empty text)."""
    names = sorted({p.suffix[1:] for p in (data / "peers").iterdir()})
    return {
        name: [
            (data / "peers" / f"{cid}.{name}").read_text(encoding="utf-8", errors="replace")
            if (data / "peers" / f"{cid}.{name}").is_file()
            else ""
            for cid in ids
        ]
        for name in names
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--selector", default="learned", help="learned or mmr (the CLI's names)")
    ap.add_argument(
        "--dated", action="store_true", help="read dev.jsonl: each article with its outlet (APW, NYT) and date"
    )
    ap.add_argument("--json", type=Path)
    ap.add_argument("--show", type=int, default=0, help="print the first N newsfuse summaries")
    args = ap.parse_args()
    if not (args.data / "dev.src").is_file():
        sys.stderr.write(f"duc.py: error: DUC dev data not found at {args.data}\n")
        return 2

    from newsfuse.evaluate.rouge_scores import recall_against, truncate_words
    from newsfuse.inputs import parse_story_line
    from newsfuse.pipeline import Pipeline
    from newsfuse.select import SELECTORS

    ids, src, refs = load(args.data, args.dated)
    pipeline = Pipeline(selector=SELECTORS.create(args.selector))
    outputs, start = [], time.perf_counter()
    for line in src:
        story = pipeline.summarize(parse_story_line(line), args.words)
        outputs.append("\n".join(s.text for s in story.sentences))
    seconds = time.perf_counter() - start
    systems = {"newsfuse": outputs, **peer_outputs(args.data, ids)}
    table = {}
    for name, texts in systems.items():
        scores = [recall_against(truncate_words(t, args.words), r) for t, r in zip(texts, refs, strict=True)]
        table[name] = {m: round(sum(s[m] for s in scores) / len(scores), 2) for m in ("rouge1", "rouge2")}
    ranked = sorted(table, key=lambda n: -table[n]["rouge2"])
    print(f"DUC 2004 dev, {len(ids)} clusters, {args.words} words, recall x100 averaged over 4 references")
    print(f"newsfuse --selector {args.selector}: {seconds / len(ids) * 1000:.1f} ms per cluster")
    print("| rank | system | R1 recall | R2 recall |\n|---|---|---|---|")
    for k, name in enumerate(ranked, 1):
        mark = "**" if name == "newsfuse" else ""
        print(f"| {k} | {mark}{name}{mark} | {table[name]['rouge1']:.2f} | {table[name]['rouge2']:.2f} |")
    for k in range(min(args.show, len(outputs))):
        print(f"\n--- {ids[k]}\n{outputs[k]}")
    if args.json:
        args.json.write_text(
            json.dumps({"selector": args.selector, "rank": ranked.index("newsfuse") + 1, "table": table}, indent=2)
            + "\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
