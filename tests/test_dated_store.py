"""Stories in the store follow publication time; merged stories live on under the absorbing story's id."""

from __future__ import annotations

import itertools
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from newsfuse.cli import main
from newsfuse.cluster import OnlineClusterer
from newsfuse.firehose import ingest
from newsfuse.store import open_store
from newsfuse.types import Article
from pgserver import fresh_database, missing_reason, postgres_server

_counter = itertools.count()

KIM = [
    "Kim Jong Un arrived in Beijing by armoured train for talks with Xi Jinping on the Korean peninsula.",
    "Xi Jinping welcomed Kim Jong Un in Beijing; the armoured train left after two days of talks.",
    "North Korea's Kim Jong Un and China's Xi Jinping discussed denuclearization during talks in Beijing.",
]
MOON = [
    "South Korean President Moon Jae-in will meet Donald Trump in Washington to prepare the Singapore summit.",
    "Moon Jae-in flew to Washington for talks with Donald Trump ahead of the Singapore summit.",
]
BRIDGE = (
    "Kim Jong Un told Xi Jinping in Beijing he is ready for the Singapore summit, as Moon Jae-in met Donald "
    "Trump in Washington to prepare the Singapore summit with Kim Jong Un after the Beijing talks with Xi Jinping."
)


@pytest.fixture(scope="module")
def pg_admin_url():
    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'news.db'}"
    return fresh_database(request.getfixturevalue("pg_admin_url"), f"d{next(_counter)}")


def _art(i: str, text: str, published: str | None = None, **kw) -> Article:
    return Article(i, (text + " ") * 2, published=published, **kw)


def test_ingest_clusters_by_publication_time(db_url):
    with open_store(db_url) as store:
        # The same event, five months apart: two stories (the first closed long before the second).
        report = ingest(
            [_art("jan", KIM[0], "2026-01-05T10:00:00Z"), _art("jun", KIM[1], "Mon, 01 Jun 2026 09:00:00 GMT")],
            store,
            clusterer=OnlineClusterer(embedder=None),
        )
        assert report.undated == [] and store.story_of("jan") != store.story_of("jun")
    with open_store(db_url) as store:  # a later run replays the stored articles at their publication times
        report = ingest(
            [_art("jun2", KIM[2], "2026-06-02T08:00:00Z"), _art("nodate", MOON[0])],
            store,
            clusterer=OnlineClusterer(embedder=None),
        )
        assert store.story_of("jun2") == store.story_of("jun") != store.story_of("jan")
        assert report.undated == ["nodate"] and report.to_dict()["undated"] == ["nodate"]


def test_ingest_and_watch_warn_about_undated_articles(tmp_path, capsys):
    feed = tmp_path / "articles.jsonl"
    rows = [
        {"id": "a", "text": (KIM[0] + " ") * 2, "published": "2026-03-01"},
        {"id": "b", "text": (MOON[0] + " ") * 2},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'news.db'}"
    assert main(["ingest", str(feed), "--db", db, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["undated"] == [f"{feed}:b"]
    assert "1 stored article(s) have no readable publication date" in err and f"{feed}:b" in err
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"id": "c", "text": (FLOOD + " ") * 2}) + "\n", encoding="utf-8")
    assert main(["watch", str(more), "--db", db, "--times", "1", "--every", "1s"]) == 0
    assert "no readable publication date" in capsys.readouterr().err
    assert main(["ingest", str(feed), "--db", db, "-q"]) == 0  # all stored already: nothing to warn about
    assert "publication date" not in capsys.readouterr().err


FLOOD = "Hurricane Harvey flooded Houston, Texas, forcing thousands of residents onto rooftops on Sunday."


def test_bridged_stories_merge_in_the_store(db_url):
    with open_store(db_url) as store:
        clusterer = OnlineClusterer(embedder=None, merge_threshold=0.2)
        ingest(
            [_art("k0", KIM[0]), _art("k1", KIM[1]), _art("m0", MOON[0]), _art("m1", MOON[1])],
            store,
            clusterer=clusterer,
        )
        kim, moon = store.story_of("k0"), store.story_of("m0")
        assert kim != moon and len(store.list_stories()) == 2
        report = ingest([_art("b", BRIDGE)], store, clusterer=clusterer)
        assert report.stored == [("b", kim)]
        assert store.get_story(moon).id == kim and [s.id for s in store.list_stories()] == [kim]
        assert sorted(a.id for a in store.story_articles(moon)) == ["b", "k0", "k1", "m0", "m1"]
        assert store.get_story(kim).n_articles == 5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def test_reader_and_api_follow_a_merge(tmp_path):
    from newsfuse.web import create_app

    with open_store(f"sqlite:///{tmp_path / 'news.db'}") as store:
        clusterer = OnlineClusterer(embedder=None, merge_threshold=0.2)
        ingest(
            [_art("k0", KIM[0]), _art("k1", KIM[1]), _art("m0", MOON[0]), _art("m1", MOON[1])],
            store,
            clusterer=clusterer,
        )
        kim, moon = store.story_of("k0"), store.story_of("m0")
        with serving(create_app(store=store, info_ttl=0)) as url, httpx.Client(base_url=url, timeout=120) as c:
            before = c.get(f"/api/stories/{kim}", params={"words": 60})
            assert before.status_code == 200 and len(before.json()["sources"]) == 2
            assert c.get(f"/api/stories/{moon}").json()["story"]["id"] == moon
            ingest([_art("b", BRIDGE)], store, clusterer=clusterer)
            moved = c.get(f"/api/stories/{moon}/summary", params={"words": 60})
            assert moved.status_code == 308 and moved.headers["location"] == f"/api/stories/{kim}/summary?words=60"
            page = c.get(f"/stories/{moon}")
            assert page.status_code == 308 and page.headers["location"] == f"/stories/{kim}"
            after = c.get(f"/api/stories/{moon}", params={"words": 60}, follow_redirects=True)
            # The merged story's summary and analysis are computed again, over the articles of both stories.
            assert after.status_code == 200 and after.json()["story"]["id"] == kim
            assert sorted(s["id"] for s in after.json()["sources"]) == ["b", "k0", "k1", "m0", "m1"]
            assert "analysis" in after.json()
            html = c.get(f"/stories/{moon}", follow_redirects=True)
            assert html.status_code == 200 and str(html.url).endswith(f"/stories/{kim}")
