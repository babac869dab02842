"""Mine the sentence pairs of the real labelled set (benchmarks/data/claims.jsonl) for reading.

    PYTHONPATH=src python3 benchmarks/data/mine_claims.py > /tmp/claims_unlabelled.jsonl

Pairs are drawn (seeded) from what the default aligner considers on real stories:
``aligned`` pairs (two sentences of different outlets in one aligned fact) and ``near`` misses
(cross-outlet similarity in [0.33, threshold) not aligned).  A second draw, ``cue``, takes pairs
with similarity >= 0.3 whose numbers, dates or names differ or that carry a negation/antonym cue on
one side only — disagreement candidates chosen by surface cues, not by the detector.
Sources: the first 150 stories of ../shared/data/multinews/val-full250.src and all 25 DUC 2004 dev
clusters (with their publication dates).  Labels are added by hand after reading each pair.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from newsfuse.inputs.readers import iter_multinews
from newsfuse.pipeline import Pipeline
from newsfuse.types import Article

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
CUES = re.compile(
    r"\b(not|never|no|denied|deny|denies|refused|rejected|lost|loss|fell|rose|won|"
    r"profit|resign\w*|stalled|advanced|confirm\w*)\b|\d",
    re.I,
)


def stories():
    for k, arts in enumerate(iter_multinews(DATA / "multinews" / "val-full250.src")):
        if k >= 150:
            break
        yield f"mn{k:03d}", arts
    for line in (DATA / "duc2004-dev" / "dev.jsonl").read_text().splitlines():
        c = json.loads(line)
        arts = [
            Article(a["id"], a["text"], source=a.get("source"), published=a.get("published")) for a in c["articles"]
        ]
        yield c["id"], arts


def main() -> None:
    rng = random.Random(25)
    pipe = Pipeline()
    aligned, near, cue = [], [], []
    for sid, arts in stories():
        arts = [a for a in arts if a.text.strip()]
        if len(arts) < 2:
            continue
        st = pipe.analyse(arts)
        rows, sim = st.rows, st.similarity
        fr = st.fact_of_row
        outl = [st.articles[st.sentences[i].doc].outlet for i in rows]
        for r1 in range(len(rows)):
            for r2 in range(r1 + 1, len(rows)):
                if outl[r1] == outl[r2]:
                    continue
                s = float(sim[r1, r2])
                if s < 0.3:
                    continue
                a, b = st.sentences[rows[r1]], st.sentences[rows[r2]]
                if len(a.text) > 400 or len(b.text) > 400:
                    continue
                da, db = st.articles[a.doc], st.articles[b.doc]
                item = {
                    "story": sid,
                    "a": a.text,
                    "b": b.text,
                    "doc_a": da.id,
                    "doc_b": db.id,
                    "date_a": da.published,
                    "date_b": db.published,
                    "similarity": round(s, 4),
                    "aligned": fr[r1] == fr[r2],
                }
                if fr[r1] == fr[r2]:
                    aligned.append(item)
                elif s >= 0.33:
                    near.append(item)
                ca, cb = set(CUES.findall(a.text.lower())), set(CUES.findall(b.text.lower()))
                if ca != cb and s >= 0.4:
                    cue.append(item)
    out = []
    for name, pool, n in (("aligned", aligned, 200), ("near", near, 130), ("cue", cue, 200)):
        rng.shuffle(pool)
        for item in pool[:n]:
            out.append({**item, "draw": name})
    print(f"pools: aligned {len(aligned)} near {len(near)} cue {len(cue)}", file=sys.stderr)
    for k, item in enumerate(out):
        print(json.dumps({"id": f"c{k:03d}", **item}, ensure_ascii=False))


if __name__ == "__main__":
    main()
