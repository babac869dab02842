"""Stories in the store follow publication time; merged stories live on under the absorbing story's id."""

from __future__ import annotations

import json

import httpx

import test_store
from newsfuse.cli import main
from newsfuse.cluster import OnlineClusterer
from newsfuse.firehose import ingest
from newsfuse.store import open_store
from newsfuse.types import Article
from test_cluster import BRIDGE, KIM, MOON
from test_web import serving

db_url = test_store.db_url  # the store tests' fixtures: SQLite, and PostgreSQL on a real server
pg_admin_url = test_store.pg_admin_url


def _art(i: str, text: str, published: str | None = None, **kw) -> Article:
    return Article(i, (text + " ") * 2, published=published, **kw)


def _two_stories(store, clusterer) -> tuple[int, int]:
    """Ingest two Kim and two Moon articles: the ids of their two stories."""
    ingest(
        [_art("k0", KIM[0]), _art("k1", KIM[1]), _art("m0", MOON[0]), _art("m1", MOON[1])], store, clusterer=clusterer
    )
    return store.story_of("k0"), store.story_of("m0")


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
        kim, moon = _two_stories(store, clusterer)
        assert kim != moon and len(store.list_stories()) == 2
        report = ingest([_art("b", BRIDGE)], store, clusterer=clusterer)
        assert report.stored == [("b", kim)]
        assert store.get_story(moon).id == kim and [s.id for s in store.list_stories()] == [kim]
        assert sorted(a.id for a in store.story_articles(moon)) == ["b", "k0", "k1", "m0", "m1"]
        assert store.get_story(kim).n_articles == 5


def test_reader_and_api_follow_a_merge(tmp_path):
    from newsfuse.web import create_app

    with open_store(f"sqlite:///{tmp_path / 'news.db'}") as store:
        clusterer = OnlineClusterer(embedder=None, merge_threshold=0.2)
        kim, moon = _two_stories(store, clusterer)
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
