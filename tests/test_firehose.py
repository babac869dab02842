"""The firehose end to end: a local HTTP server's pages and feeds -> dedup -> stories -> SQLite store."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli
from newsfuse.cluster import OnlineClusterer
from newsfuse.fetch import FetchConfig, Fetcher
from newsfuse.firehose import Firehose, ingest
from newsfuse.store import open_store
from newsserver import NewsServer

FAST = FetchConfig(timeout=0.5, retries=1, backoff=0.01)


@pytest.fixture(scope="module")
def server():
    s = NewsServer()
    yield s
    s.close()


@pytest.fixture(scope="module")
def clusterer_factory():
    return lambda: OnlineClusterer(embedder=None)  # words only: fast, and the same decisions every run


def run_batch(db: str, items, *, allow_private=True, clusterer=None):
    with open_store(db) as store, Fetcher(FAST, allow_private=allow_private) as fetcher:
        hose = Firehose(store, fetcher=fetcher, clusterer=clusterer or OnlineClusterer(embedder=None))
        return hose.ingest(items)


def test_batch_with_every_bad_input(server, tmp_path):
    db = f"sqlite:///{tmp_path / 'news.db'}"
    bad = [
        "/404.html", "/500.html", "/loop-a", "/slow.html", "/report.pdf", "/photo.png", "/huge.html",
        "/no-text.html", "/bad-feed.xml",
    ]  # fmt: skip
    items = [server.url("/feed.xml"), *[server.url(p) for p in bad], "http://127.0.0.1:1/down.html"]
    items += [server.url("/feeds.opml"), str(tmp_path / "missing.html"), "ftp://example.org/kim.html"]
    report = run_batch(db, items)
    stored = dict(report.stored)
    assert len(stored) == 3, report
    kim1, kim2, flood = (server.url(p) for p in ("/kim-1.html", "/kim-2.html", "/flood.html"))
    assert stored[kim1] == stored[kim2] != stored[flood]  # two outlets, one story
    reasons = dict(report.skipped)
    expected = {
        server.url("/404.html"): "HTTP 404",
        server.url("/500.html"): "HTTP 500",
        server.url("/loop-a"): "redirect loop",
        server.url("/slow.html"): "timed out",
        server.url("/report.pdf"): "not a web page or feed (application/pdf)",
        server.url("/photo.png"): "not a web page or feed",
        server.url("/huge.html"): "MB limit",
        server.url("/no-text.html"): "no article text",
        server.url("/bad-feed.xml"): "malformed feed",
        "http://127.0.0.1:1/down.html": "cannot connect",
        "htp:/not a url": "only http",
        server.url("/missing-feed.xml"): "HTTP 404",
        str(tmp_path / "missing.html"): "no such file",
        "ftp://example.org/kim.html": "only http:// and https://",  # not "no such file"
    }
    for item, why in expected.items():
        assert why in reasons[item], (item, reasons.get(item))
    assert all("\n" not in r for r in reasons.values())
    # The feed listed kim-2 twice and the OPML listed the feed again: stored once each.
    assert server.hits["/kim-2.html"] <= 2
    with open_store(db) as store:
        assert store.count_articles() == 3  # nothing half-written by the failures
        story = store.get_story(stored[kim1])
        assert (story.n_articles, story.n_outlets) == (2, 2)
        arts = store.story_articles(stored[kim1])
        assert [a.url for a in arts] == [kim1, kim2] and arts[0].source == "Daily Planet"
        assert store.get_fetch_state(server.url("/feed.xml")).etag == '"feed-v1"'

    # Polling again: the feed answers 304 to our ETag; nothing is refetched or stored twice.
    before = server.conditional["/feed.xml"]
    again = run_batch(db, [server.url("/feed.xml")])
    assert again.not_modified == [server.url("/feed.xml")] and again.stored == []
    assert server.conditional["/feed.xml"] == before + 1

    # A reprint at another outlet (byline added) is a duplicate: stored once, every outlet credited.
    wire = run_batch(db, [server.url("/atom.xml")])
    assert wire.stored == [] and wire.duplicates == [(server.url("/wire/kim-copy.html"), kim1)]
    with open_store(db) as store:
        assert store.get_story(stored[kim1]).n_outlets == 3
        assert store.count_articles() == 3

    # A new article joins the story of an earlier run (the clusterer is rebuilt from the store).
    again = run_batch(db, [str(write_page(tmp_path))])
    assert [s for _, s in again.stored] == [stored[kim1]]


def write_page(tmp_path):
    from newsserver import page

    text = [
        "Kim Jong Un's armoured train trip to Beijing and his talks with Xi Jinping mark a turn in North "
        "Korean diplomacy, analysts in Seoul said on Thursday.",
        "The Xinhua account of the Beijing meeting quoted Kim on denuclearization of the Korean peninsula, "
        "a pledge that Xi welcomed before the train headed home to Pyongyang.",
    ]
    path = tmp_path / "kim-3.html"
    path.write_bytes(page("Xi and Kim: what the Beijing talks mean", text, "Weekly"))
    return path


def test_ssrf_guard_in_ingest(server, tmp_path):
    db = f"sqlite:///{tmp_path / 'news.db'}"
    before = sum(server.hits.values())
    urls = [server.url("/kim-1.html"), "http://169.254.169.254/latest/meta-data/", "http://localhost/x"]
    with open_store(db) as store:
        report = ingest(urls, store)  # allow_private defaults to False
        assert store.count_articles() == 0
    assert report.stored == [] and len(report.skipped) == 3
    assert all("refused" in why for _, why in report.skipped)
    assert sum(server.hits.values()) == before


def test_cli_ingest_stories_and_summarize(server, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    done = run_cli("ingest", server.url("/feed.xml"), "--allow-private", "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("stored ") == 3 and "skipped" in done.stderr and "HTTP 404" in done.stderr
    listed = run_cli("stories", "--since", "2d", "--format", "json", "--db", db)
    rows = json.loads(listed.stdout)
    assert sorted(r["n_articles"] for r in rows) == [1, 2]
    kim = next(r for r in rows if r["n_articles"] == 2)
    summary = run_cli("summarize", "--story", str(kim["id"]), "--db", db, "--format", "json")
    assert summary.returncode == 0, summary.stderr
    out = json.loads(summary.stdout)
    assert {s["url"] for s in out["sources"]} == {server.url("/kim-1.html"), server.url("/kim-2.html")}
    refused = run_cli("ingest", server.url("/wire/kim-copy.html"), "--db", db)  # not stored yet
    assert refused.returncode == 2 and "refused" in refused.stderr and "Traceback" not in refused.stderr


def _synthetic(n: int, path) -> None:
    rng = random.Random(5)
    vocab = [f"w{i}x" for i in range(5000)]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            text = " ".join(rng.choice(vocab) for _ in range(60)) + "."
            f.write(json.dumps({"id": f"a{i}", "text": text, "source": f"outlet{i % 7}"}) + "\n")


def test_sigkill_mid_run_loses_nothing_reported(tmp_path):
    n = 600
    feed = tmp_path / "stream.jsonl"
    _synthetic(n, feed)
    db = f"sqlite:///{tmp_path / 'kill.db'}"
    cmd = [sys.executable, "-m", "newsfuse", "ingest", str(feed), "--db", db, "--format", "jsonl", "-q"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    reported = []
    assert proc.stdout is not None
    for line in proc.stdout:
        reported.append(json.loads(line)["stored"])
        if len(reported) >= 40:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    with open_store(db) as store:
        held = store.count_articles()
        assert len(reported) <= held < n, "the kill must land mid-run"
        for aid in reported:
            assert store.get_article(aid) is not None and store.story_of(aid) is not None
        infos = store.list_stories(limit=10_000)
        assert sum(s.n_articles for s in infos) == held  # every stored article is in exactly one story
    rerun = run_cli("ingest", str(feed), "--db", db, "--format", "json", "-q")
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert len(report["duplicates"]) == held and len(report["stored"]) == n - held
    with open_store(db) as store:
        assert store.count_articles() == n
        assert sum(s.n_articles for s in store.list_stories(limit=10_000)) == n


def test_watch_polls_and_new_articles_join(server, tmp_path, capsys):
    from newsfuse.cli import main

    db = f"sqlite:///{tmp_path / 'watch.db'}"
    assert main(["watch", server.url("/feed.xml"), "--every", "1s", "--times", "2", "--allow-private", "--db", db]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("stored ") == 3  # the second poll gets a 304 and stores nothing
    assert "1 feeds not modified" in captured.err
    assert main(["watch", "x", "--every", "0s", "--db", db]) == 2


def test_an_engine_needs_an_embedder_its_workers_can_rebuild(tmp_path):
    import numpy as np

    from newsfuse.errors import InputError
    from newsfuse.types import Article

    class Handmade:
        def embed(self, texts):
            return np.ones((len(texts), 4), dtype=np.float32)

    rain = "Heavy rain flooded the old town of Bath on Monday, officials said, and roads were closed. " * 3
    fire = "A fire destroyed a warehouse in Leeds overnight; firefighters worked until dawn to stop it. " * 3
    arts = [Article("rain", rain), Article("fire", fire), Article("rain-again", rain.replace("Monday", "Tuesday"))]
    with open_store(f"sqlite:///{tmp_path / 'e.db'}") as store:
        with pytest.raises(InputError, match="wordllama, tfidf or None"):
            ingest(arts, store, clusterer=OnlineClusterer(Handmade()), workers=2)
        assert store.list_stories() == []  # refused before anything was stored
    # A words-only clusterer travels: two local workers store what one process stores.
    reports = []
    for name, workers in (("one", None), ("two", 2)):
        with open_store(f"sqlite:///{tmp_path / name}.db") as store:
            reports.append(ingest(arts, store, clusterer=OnlineClusterer(embedder=None), workers=workers).to_dict())
    assert reports[0] == reports[1]
    # rain-again says Tuesday where rain said Monday: an update of it, stored in its story.
    assert [s["story"] for s in reports[0]["stored"]] == [1, 2, 1] and reports[0]["duplicates"] == []
    assert reports[0]["updates"] == [{"id": "rain-again", "of": "rain"}]
