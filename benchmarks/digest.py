"""Digests of newsfuse's outputs, to show that a change leaves behaviour identical.

Each line is a SHA-256 prefix over the JSON of every story of one data set (``Story.to_dict()``,
keys sorted), so two commits print the same lines exactly when they produce the same stories:

* ``val-full250``: the 250 full-length Multi-News validation stories at 250 words (``--limit`` caps it);
* ``val500``: the first 500 lines of Multi-News ``val.src`` at 250 words (``--limit`` caps it);
* ``duc-dev``: the 25 DUC 2004 dev clusters at 100 words;
* ``example``: the shipped example at 120 words, plain and with the cross-source analysis;
* ``analysis``: the cross-source analysis (``--analysis``) of the first 40 val-full250 stories.

Run from the repository root (a few minutes on two cores; ``--quick`` uses 60 / 60 / all / example / 10):

    PYTHONPATH=src python3 benchmarks/digest.py
    PYTHONPATH=src python3 benchmarks/digest.py --quick
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import newsfuse
from newsfuse.inputs import parse_multinews_line
from newsfuse.pipeline import Pipeline
from newsfuse.types import Article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
# Relative to the checkout, so that the sources' paths (part of the JSON) do not depend on where it lives.
EXAMPLE = Path("examples") / "kim-jong-un-beijing"


def _lines(path: Path, limit: int | None) -> list[str]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[:limit] if limit else lines


def _digest(stories: Iterable[dict]) -> str:
    h = hashlib.sha256()
    for story in stories:
        h.update(json.dumps(story, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()[:16]


def _plain(pipeline: Pipeline, clusters: Sequence[list[Article]], words: int) -> str:
    return _digest(pipeline.summarize(articles, words).to_dict() for articles in clusters)


def _analysed(pipeline: Pipeline, clusters: Sequence[list[Article]], words: int) -> str:
    return _digest(
        newsfuse.summarize(articles, words, pipeline=pipeline, analysis=True).to_dict() for articles in clusters
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller slices (60 / 60 / all / example / 10)")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    full, val, analysed = (60, 60, 10) if args.quick else (None, 500, 40)
    pipeline = Pipeline()
    parse = parse_multinews_line
    full250 = [parse(line) for line in _lines(DATA / "multinews" / "val-full250.src", full)]
    print("val-full250", len(full250), _plain(pipeline, full250, 250), flush=True)
    val500 = [parse(line) for line in _lines(DATA / "multinews" / "val.src", val)]
    print("val500", len(val500), _plain(pipeline, val500, 250), flush=True)
    duc = [parse(line) for line in _lines(DATA / "duc2004-dev" / "dev.src", None)]
    print("duc-dev", len(duc), _plain(pipeline, duc, 100), flush=True)
    example, _ = newsfuse.load_articles([EXAMPLE])
    print("example", 1, _plain(pipeline, [example], 120), _analysed(pipeline, [example], 120), flush=True)
    print("analysis", analysed, _analysed(pipeline, full250[:analysed], 250), flush=True)


if __name__ == "__main__":
    main()
