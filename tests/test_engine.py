"""Engines without Ray: the local engine's process pool, CLI dispatch, and the missing-Ray message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import partial
from itertools import islice
from pathlib import Path

import pytest

from newsfuse.engine import INSTALL_RAY, get_engine
from newsfuse.errors import InputError
from newsfuse.service import SummarizeLines, summarize_lines

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def lines40(data_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("engine") / "val40.src"
    with open(data_dir / "val.src", encoding="utf-8") as fh:
        path.write_text("".join(islice(fh, 40)) + "\n", encoding="utf-8")  # + one empty story
    return path


def test_local_pool_matches_one_process(lines40):
    one = list(summarize_lines(lines40, 80, embedder="tfidf"))
    two = list(summarize_lines(lines40, 80, workers=2, embedder="tfidf"))
    assert len(one) == 41
    assert one == two
    assert json.loads(one[-1])["warnings"] == ["no article text on this line"]
    assert all(json.loads(s)["sentences"] for s in one[:40])


def test_local_engine_is_the_cli_output(lines40, cli):
    proc = cli("summarize", str(lines40), "--format", "jsonl", "--embedder", "tfidf", "--workers", "2", "-w", "80")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "".join(summarize_lines(lines40, 80, embedder="tfidf"))


def test_map_items_keeps_order_across_batches():
    engine = get_engine("local", 2, batch_size=3)
    line = "Rain hit {} on Monday. ||||| Heavy rain hit {} on Monday, officials said."
    cities = ["Paris", "Lyon", "Nice", "Lille", "Nantes", "Brest", "Metz"]
    factory = partial(SummarizeLines, 30, "text", "tfidf")
    out = list(engine.map_items(factory, [line.format(c, c) for c in cities]))
    assert len(out) == len(cities)
    for city, summary in zip(cities, out, strict=True):
        assert city in summary.splitlines()[0]


class _Marker:
    """Garbage in a reference cycle whose finalizer writes down the process that collects it."""

    def __init__(self, path: Path) -> None:
        self.path, self.me = path, self

    def __del__(self) -> None:
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")


def _collect(_: int) -> int:
    import gc

    gc.collect()
    return os.getpid()


def test_forked_workers_never_collect_what_they_inherit(tmp_path):
    # A finalizer run in a forked child may wait for a lock that a thread held at the fork (a Ray
    # ObjectRef's does, and the child hangs): inherited garbage is collected before the fork instead.
    import gc

    from newsfuse.engine import ordered_parallel

    gc.disable()  # keep the cycle uncollected until the pool forks
    try:
        _Marker(tmp_path / "pids")
        pids = set(ordered_parallel(_collect, range(8), 2))
    finally:
        gc.enable()
    assert os.getpid() not in pids  # the calls really ran in forked workers
    assert (tmp_path / "pids").read_text().split() == [str(os.getpid())]


def test_bad_engine_and_workers():
    with pytest.raises(InputError, match="unknown engine 'spark'"):
        get_engine("spark")
    with pytest.raises(InputError, match="at least 1"):
        get_engine("local", 0)
    with pytest.raises(InputError, match="no such file"):
        list(summarize_lines("/nonexistent/val.src", 50))


@pytest.mark.parametrize("command", ["summarize", "eval", "ingest"])
def test_without_ray_says_how_to_install(command, lines40, tmp_path):
    # A Python where `import ray` fails, as on an install without the [ray] extra.
    args = {
        "summarize": ["summarize", str(lines40), "--engine", "ray", "--output", str(tmp_path / "out.jsonl")],
        "eval": ["eval", "--src", str(lines40), "--tgt", str(lines40), "--engine", "ray", "--out", str(tmp_path)],
        "ingest": ["ingest", str(lines40), "--engine", "ray", "--db", f"sqlite:///{tmp_path / 'out.jsonl'}"],
    }[command]
    code = f"import sys; sys.modules['ray'] = None; from newsfuse.cli import main; sys.exit(main({args!r}))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr == f"newsfuse: error: {INSTALL_RAY}\n"
    assert not (tmp_path / "out.jsonl").exists()
    assert not (tmp_path / "report.json").exists()


def test_unknown_engine_on_the_cli(lines40, cli):
    proc = cli("summarize", str(lines40), "--engine", "spark")
    assert proc.returncode == 2
    assert "spark" in proc.stderr and "Traceback" not in proc.stderr


@pytest.fixture(scope="module")
def articles_jsonl(data_dir, tmp_path_factory):
    """~330 Multi-News articles of 120 stories as a time-ordered JSONL stream (2 feature chunks)."""
    import random
    from datetime import UTC, datetime

    from newsfuse.inputs import parse_multinews_line

    rng = random.Random(8)
    rows = []
    with open(data_dir / "val.src", encoding="utf-8") as fh:
        for k, line in enumerate(islice(fh, 120)):
            t = rng.uniform(0, 20 * 86400)
            for a in parse_multinews_line(line):
                rows.append((t, {"id": f"{k}-{a.id}", "text": a.text, "story": k}))
                t += rng.expovariate(1 / 86400)
    rows.sort(key=lambda r: r[0])
    path = tmp_path_factory.mktemp("cluster") / "stream.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for t, row in rows:
            row["published"] = datetime.fromtimestamp(1.7e9 + t, UTC).isoformat()
            out.write(json.dumps(row) + "\n")
    return path


def test_cluster_with_a_local_pool_gives_the_same_stories(articles_jsonl, cli):
    one = cli("cluster", str(articles_jsonl))
    two = cli("cluster", str(articles_jsonl), "--workers", "2")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert two.stdout == one.stdout
    rows = [json.loads(line) for line in one.stdout.splitlines()]
    assert len(rows) > 256  # more than one feature chunk
    assert 60 <= len({r["story"] for r in rows}) < len(rows)


def test_time_partitions_on_a_local_pool_give_the_same_stories(articles_jsonl, cli):
    whole = cli("cluster", str(articles_jsonl))
    one = cli("cluster", str(articles_jsonl), "--partition", "4d")
    two = cli("cluster", str(articles_jsonl), "--partition", "4d", "--workers", "2")
    wide = cli("cluster", str(articles_jsonl), "--partition", "60d", "--workers", "2")  # one window
    assert all(p.returncode == 0 for p in (whole, one, two, wide)), one.stderr + two.stderr + wide.stderr
    assert two.stdout == one.stdout
    assert wide.stdout == whole.stdout
    cut = [json.loads(line) for line in one.stdout.splitlines()]
    assert [r["id"] for r in cut] == [json.loads(line)["id"] for line in whole.stdout.splitlines()]
    # Five windows over ~20 days; stitching keeps most stories whole (the gold story of every article is known).
    gold = {json.loads(line)["id"]: json.loads(line)["story"] for line in articles_jsonl.read_text().splitlines()}
    from newsfuse.cluster import clustering_scores

    f1 = clustering_scores([gold[r["id"]] for r in cut], [r["story"] for r in cut])["f1"]
    f1_whole = clustering_scores(
        [gold[json.loads(x)["id"]] for x in whole.stdout.splitlines()],
        [json.loads(x)["story"] for x in whole.stdout.splitlines()],
    )["f1"]
    assert f1 >= f1_whole - 0.03


def test_ingest_with_a_local_pool_stores_the_same(bulk_corpus, stored_stories, tmp_path, cli):
    corpus = bulk_corpus
    one = cli("ingest", str(corpus), "--db", f"sqlite:///{tmp_path / 'one.db'}", "--format", "jsonl")
    two = cli("ingest", str(corpus), "--db", f"sqlite:///{tmp_path / 'two.db'}", "--format", "jsonl", "--workers", "2")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert two.stdout == one.stdout and two.stderr == one.stderr
    stored = [json.loads(line) for line in one.stdout.splitlines()]
    assert len(stored) > 256  # more than one chunk of features
    copies = corpus.read_text(encoding="utf-8").count('-copy"')
    dups = [line for line in one.stderr.splitlines() if line.startswith("newsfuse: duplicate of")]
    assert copies >= 8 and sum(line.endswith(("-copy", "-loud")) for line in dups) == 2 * copies
    assert "teaser: too little text" in one.stderr
    assert 60 <= len({r["story"] for r in stored}) < len(stored)
    rows = stored_stories(tmp_path / "one.db")
    assert len(rows) == len(stored)
    assert sum("wire" in outlets for *_, outlets in rows) == copies  # the exact copies credit their outlet
    assert stored_stories(tmp_path / "two.db") == rows


def test_missing_file_is_reported_before_ray_starts(tmp_path, cli):
    proc = cli("summarize", str(tmp_path / "none.src"), "--engine", "ray", "--output", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 2
    # One line, and nothing from Ray: it was never started.
    assert proc.stderr == f"newsfuse: error: {tmp_path / 'none.src'}: no such file or folder\n"
    assert not (tmp_path / "out.jsonl").exists()
