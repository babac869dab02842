"""The Ray engine on a real local Ray (num_cpus=2): same output as local, killed workers retried.

One Ray session is shared by every test of this module.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from functools import partial
from itertools import islice
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason='Ray is not installed: pip install -e ".[test]"')

from newsfuse.cli import main  # noqa: E402
from newsfuse.engine import get_engine  # noqa: E402
from newsfuse.engine.ray_engine import connect, local_system_config  # noqa: E402
from newsfuse.evaluate import evaluate  # noqa: E402
from newsfuse.service import SummarizeLines, summarize_lines  # noqa: E402


@pytest.fixture(scope="module")
def ray_session():
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    if ray.is_initialized():
        yield
        return
    started = connect(2)  # the local Ray the engine itself starts (niceness, logging)
    yield
    if started:
        ray.shutdown()


@pytest.fixture(scope="module")
def val200(data_dir, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ray") / "val200.src"
    with open(data_dir / "val.src", encoding="utf-8") as fh:
        path.write_text("".join(islice(fh, 1000, 1200)), encoding="utf-8")
    return path


def test_200_clusters_same_json_as_local(ray_session, val200):
    local = list(summarize_lines(val200, 120))
    on_ray = list(summarize_lines(val200, 120, engine="ray", workers=2))
    assert len(local) == 200
    assert on_ray == local  # identical JSON, in input order
    stories = [json.loads(s) for s in on_ray]
    assert sum(1 for s in stories if s["sentences"]) >= 195


def test_cli_on_ray_writes_the_same_file(ray_session, val200, tmp_path):
    local, on_ray = tmp_path / "local.json", tmp_path / "ray.json"
    common = ["summarize", str(val200), "--format", "json", "--embedder", "tfidf", "-w", "60", "-q"]
    assert main([*common, "--output", str(local)]) == 0
    assert main([*common, "--output", str(on_ray), "--engine", "ray", "--workers", "2"]) == 0
    assert on_ray.read_bytes() == local.read_bytes()
    assert len(json.loads(on_ray.read_text(encoding="utf-8"))) == 200


def test_workers_write_parquet_with_the_same_stories(ray_session, val200, tmp_path):
    import pyarrow.dataset

    from newsfuse.service import write_summaries

    write_summaries(val200, str(tmp_path / "out"), 120, workers=2)
    table = pyarrow.dataset.dataset(tmp_path / "out", format="parquet").to_table().sort_by("line")
    assert table.column("line").to_pylist() == list(range(200))
    assert set(table.column("path").to_pylist()) == {str(val200)}
    local = [s.rstrip("\n") for s in summarize_lines(val200, 120)]
    assert table.column("story").to_pylist() == local


def test_lines_split_as_python_reads_them(ray_session, tmp_path):
    # U+2028 and U+0085 inside a line, CRLF endings, blank lines, invalid UTF-8, gzip:
    # read_text would split the first two; the engines must agree line for line.
    text = (
        "Rain hit Paris\u2028on Monday. ||||| Heavy rain hit Paris on Monday.\r\n"
        "\r\n"
        "Snow fell in Oslo\x85 on Friday. ||||| Snow fell in Oslo on Friday, police said.\n"
    )
    raw = text.encode("utf-8") + b"Bad \xff byte in Rome today. ||||| Rome had a bad day today.\n"
    plain, packed = tmp_path / "odd.src", tmp_path / "odd.src.gz"
    plain.write_bytes(raw)
    packed.write_bytes(gzip.compress(raw))
    factory = partial(SummarizeLines, 40, "jsonl", "tfidf")
    expected = list(get_engine("local").map_lines(factory, [plain]))
    assert len(expected) == 4
    with get_engine("ray", 2, block_rows=1) as engine:
        assert list(engine.map_lines(factory, [plain, packed])) == expected + expected


def test_block_and_queue_tuning_keeps_the_output(ray_session, val200):
    """``blocks`` (actor tasks per file) and ``tasks_per_actor`` (queued per actor) are for speed only."""
    factory = partial(SummarizeLines, 40, "jsonl", "tfidf")
    head = val200.parent / "val40.src"
    head.write_text("".join(val200.read_text(encoding="utf-8").splitlines(keepends=True)[:40]), encoding="utf-8")
    expected = list(get_engine("local").map_lines(factory, [head]))
    with get_engine("ray", 2, blocks=9, tasks_per_actor=1, batch_size=3) as engine:
        assert engine.blocks == 9 and engine.tasks_per_actor == 1
        assert list(engine.map_lines(factory, [head])) == expected


def test_eval_on_ray_gives_the_same_report(ray_session, data_dir, tmp_path):
    kwargs = dict(words=120, methods=["newsfuse", "lead"], skip=300, limit=40)
    local = evaluate(data_dir / "val.src", data_dir / "val.tgt", workers=1, **kwargs).to_dict()
    on_ray = evaluate(data_dir / "val.src", data_dir / "val.tgt", workers=2, engine="ray", **kwargs).to_dict()
    assert on_ray["stories"] == local["stories"] == 40
    for name in ("newsfuse", "lead"):
        for metric in ("rouge1", "rouge2", "rougeLsum", "mean_words"):
            assert on_ray["methods"][name][metric] == local["methods"][name][metric]
    code = main(["eval", "--src", str(data_dir / "val.src"), "--tgt", str(data_dir / "val.tgt"), "--limit", "10",
                 "--methods", "newsfuse", "--engine", "ray", "--out", str(tmp_path)])  # fmt: skip
    assert code == 0
    assert json.loads((tmp_path / "report.json").read_text())["stories"] == 10


def test_ingest_on_ray_stores_the_same(ray_session, bulk_corpus, stored_stories, tmp_path, capsys):
    from newsfuse.firehose import ingest
    from newsfuse.store import open_store

    args = ["ingest", str(bulk_corpus), "--format", "jsonl"]
    assert main([*args, "--db", f"sqlite:///{tmp_path / 'local.db'}"]) == 0
    local = capsys.readouterr()
    assert main([*args, "--db", f"sqlite:///{tmp_path / 'ray.db'}", "--engine", "ray", "--workers", "2"]) == 0
    on_ray = capsys.readouterr()
    assert on_ray.out == local.out
    assert [ln for ln in on_ray.err.splitlines() if ln.startswith("newsfuse:")] == local.err.splitlines()
    assert len(local.out.splitlines()) > 256  # more than one chunk of features
    rows = stored_stories(tmp_path / "local.db")
    assert stored_stories(tmp_path / "ray.db") == rows
    # The Python API, into a store that already holds part of the corpus: the rest joins the same stories.
    part = tmp_path / "part.jsonl"
    lines = bulk_corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    part.write_text("".join(lines[:150]), encoding="utf-8")
    with open_store(f"sqlite:///{tmp_path / 'api.db'}") as store:
        first = ingest([str(part)], store)
        rest = ingest([str(bulk_corpus)], store, engine="ray", workers=2)
    assert len(first.stored) + len(rest.stored) == len(rows)
    assert stored_stories(tmp_path / "api.db") == rows


class KillOnce:
    """The real summarizer, except that the worker holding ``victim`` kills its own process the first time."""

    def __init__(self, flag: str, victim: str, words: int) -> None:
        self.flag, self.victim = flag, victim
        self.inner = SummarizeLines(words, "jsonl", "tfidf")

    def __call__(self, lines: list[str]) -> list[str]:
        if self.victim in lines and not os.path.exists(self.flag):
            with open(self.flag, "w") as fh:
                fh.write(str(os.getpid()))
            os._exit(9)  # as abrupt as SIGKILL / the OOM killer: no cleanup, no exception
        return self.inner(lines)


def test_killed_worker_is_retried_and_output_complete(ray_session, val200, tmp_path):
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the actors import KillOnce by value
    lines = val200.read_text(encoding="utf-8").splitlines()[:60]
    flag = tmp_path / "killed"
    expected = list(get_engine("local").map_items(partial(SummarizeLines, 60, "jsonl", "tfidf"), lines))
    with get_engine("ray", 2) as engine:
        out = list(engine.map_items(partial(KillOnce, str(flag), lines[37], 60), lines))
    assert flag.exists()  # a worker really died mid-run
    assert out == expected  # and the run still gave every story, in order


class Niceness:
    """A batch function that reports the niceness of the process running it."""

    def __call__(self, items: list[int]) -> list[int]:
        return [os.getpriority(os.PRIO_PROCESS, 0) for _ in items]


def test_actors_run_at_the_callers_priority(ray_session):
    # Ray's default would start them at +15, below every other process of the machine.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    with get_engine("ray", 2) as engine:
        seen = set(engine.map_items(Niceness, range(16)))
    assert seen == {os.getpriority(os.PRIO_PROCESS, 0)}


def test_cli_starts_its_own_ray_quietly(val200, tmp_path, cli):
    # A fresh process, as a user runs it: newsfuse starts (and stops) a local Ray itself.
    lines = tmp_path / "six.src"
    lines.write_text("".join(val200.read_text(encoding="utf-8").splitlines(keepends=True)[:6]), encoding="utf-8")
    common = ["summarize", str(lines), "--input-format", "multinews", "--format", "jsonl", "--embedder", "tfidf"]
    proc = cli(*common, "--engine", "ray", "--workers", "1", "-o", str(tmp_path / "ray.jsonl"))
    assert proc.returncode == 0, proc.stderr
    assert cli(*common, "-o", str(tmp_path / "local.jsonl")).returncode == 0
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert "Token authentication is enabled" not in proc.stderr  # Ray's notice on every local start
    assert "Traceback" not in proc.stderr


def test_user_niceness_setting_wins(monkeypatch):
    monkeypatch.delenv("RAY_worker_niceness", raising=False)
    assert local_system_config() == {"worker_niceness": 0}
    monkeypatch.setenv("RAY_worker_niceness", "10")
    assert local_system_config() == {}


def test_cluster_on_ray_gives_the_same_stories(ray_session, data_dir, tmp_path, capsys):
    from newsfuse.inputs import parse_multinews_line

    path = tmp_path / "stream.jsonl"
    with open(data_dir / "val.src", encoding="utf-8") as fh, open(path, "w", encoding="utf-8") as out:
        for k, line in enumerate(islice(fh, 2000, 2100)):
            for a in parse_multinews_line(line):
                day = 1 + (k * 7 + int(a.id)) % 28
                out.write(json.dumps({"id": f"{k}-{a.id}", "text": a.text, "published": f"2024-03-{day:02d}"}) + "\n")
    assert main(["cluster", str(path)]) == 0
    local = capsys.readouterr().out
    assert main(["cluster", str(path), "--engine", "ray", "--workers", "2"]) == 0
    on_ray = capsys.readouterr().out
    assert on_ray == local
    assert len(local.splitlines()) > 256  # more than one feature chunk
    # Weekly windows, each clustered by an actor after replaying the 3 days before it: same stories as locally.
    assert main(["cluster", str(path), "--partition", "1w"]) == 0
    local_weeks = capsys.readouterr().out
    assert main(["cluster", str(path), "--partition", "1w", "--engine", "ray", "--workers", "2"]) == 0
    assert capsys.readouterr().out == local_weeks
    assert local_weeks != local  # the cuts change some stories: the windows were really used
