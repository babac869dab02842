"""Build the clusterer's background word frequencies (``newsfuse/cluster/models/word_df.tsv.gz``).

The online clusterer weighs words by IDF; early in a stream (or in a small one) the stream's own
document frequencies say little, so they are added to those of a background collection: the
articles of the first ``--stories`` stories of the Multi-News *training* split (the clustering
figures are measured on the validation split and on DUC 2004, which this never reads).  Words in
fewer than ``--min-df`` articles are left out (they get the stream's counts alone).

    python3 benchmarks/word_prior.py            # writes src/newsfuse/cluster/models/word_df.tsv.gz
"""

from __future__ import annotations

import argparse
import gzip
import itertools
from collections import Counter
from pathlib import Path

from newsfuse.cluster import article_words
from newsfuse.inputs.readers import parse_multinews_line
from newsfuse.types import count_words

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "multinews" / "train.src.gz"
OUT = ROOT / "src" / "newsfuse" / "cluster" / "models" / "word_df.tsv.gz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stories", type=int, default=12000)
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--head-words", type=int, default=1000)
    args = ap.parse_args()
    df: Counter[str] = Counter()
    n = 0
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, args.stories):
            for a in parse_multinews_line(line):
                if count_words(a.text) >= 20:
                    n += 1
                    df.update(article_words(a, args.head_words).keys())
    rows = sorted((w, c) for w, c in df.items() if c >= args.min_df)
    with gzip.GzipFile(OUT, "wb", mtime=0) as out:
        out.write(f"#articles\t{n}\n".encode())
        out.write("".join(f"{w}\t{c}\n" for w, c in rows).encode())
    print(f"{OUT}: {len(rows)} words from {n} articles, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
