"""The store on SQLite and on a real PostgreSQL server started for the session."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from newsfuse.errors import NewsfuseError
from newsfuse.store import StoryInfo, open_store
from newsfuse.types import Article
from pgserver import fresh_database, missing_reason, postgres_server
from test_updates import FIRE, UPDATE

_counter = itertools.count()


@pytest.fixture(scope="session")
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
    return fresh_database(request.getfixturevalue("pg_admin_url"), f"t{next(_counter)}")


def art(i: str, text: str, **kw) -> Article:
    return Article(id=i, text=text, **kw)


def test_contract_round_trip(db_url):
    with open_store(db_url) as store:
        assert store.list_stories() == []
        a = store.save_article(
            art("a", "Kim Jong Un arrived in Beijing by train.", title="Kim in Beijing", source="AP")
        )
        b = store.save_article(art("b", "The North Korean leader met Xi.", source="Reuters"), story_id=a.story_id)
        c = store.save_article(art("c", "Floods in Texas after the storm.", title="Texas floods", source="AP"))
        assert a.story_id == b.story_id != c.story_id
        infos = store.list_stories()
        assert [s.id for s in infos] == [c.story_id, a.story_id]  # newest last_seen first (ties: newest id)
        kim = store.get_story(a.story_id)
        assert isinstance(kim, StoryInfo)
        assert (kim.title, kim.n_articles, kim.n_outlets) == ("Kim in Beijing", 2, 2)
        assert kim.first_seen.endswith("Z") and kim.last_seen >= kim.first_seen
        arts = store.story_articles(a.story_id)
        assert [x.id for x in arts] == ["a", "b"]  # join order
        assert arts[0].text == "Kim Jong Un arrived in Beijing by train." and arts[0].source == "AP"
        assert store.get_story(999999) is None and store.story_articles(999999) == []


def test_query_since_limit_offset(db_url):
    with open_store(db_url) as store:
        store.save_article(art("x", "Prices of 100% cotton rose.", title="Cotton"))
        store.save_article(art("y", "A new bridge_span opened.", title="Bridge"))
        store.save_article(art("z", "A BRIDGE collapsed elsewhere.", title="Collapse"))
        assert {s.title for s in store.list_stories(query="bridge")} == {"Bridge", "Collapse"}
        assert [s.title for s in store.list_stories(query="bridge collapsed")] == ["Collapse"]
        assert [s.title for s in store.list_stories(query="100%")] == ["Cotton"]  # % is a literal, not a wildcard
        assert store.list_stories(query="bridge_")[0].title == "Bridge"
        assert len(store.list_stories(limit=2)) == 2 and len(store.list_stories(limit=2, offset=2)) == 1
        assert store.list_stories(since=datetime.now(UTC) + timedelta(days=1)) == []
        assert len(store.list_stories(since=datetime.now(UTC) - timedelta(days=2))) == 3


def test_duplicates_credit_outlets_and_merge(db_url):
    with open_store(db_url) as store:
        a = store.save_article(art("a", "Wire copy about the summit.", source="AP", url="https://ap.org/1"))
        assert store.credit_outlet("a", "the guardian", "https://guardian.example/1")
        assert not store.credit_outlet("a", "the guardian")
        assert store.get_story(a.story_id).n_outlets == 2
        assert store.story_articles(a.story_id)[0].extra["outlets"][1]["outlet"] == "the guardian"
        assert store.find_article(canonical_url="https://ap.org/1") == "a"
        assert store.find_article(text="wire  copy about the SUMMIT.") == "a"  # whitespace and case folded
        assert store.find_article(text="something else") is None
        # Same id again: stored under a suffixed id, never overwriting.
        b = store.save_article(art("a", "A second story entirely.", source="BBC"))
        assert b.article_id == "a-2"
        # A bridging article merges b's story into a's; the old id leads to the merged story.
        c = store.save_article(art("c", "Bridge.", source="CNN"), story_id=a.story_id, merge=[b.story_id])
        assert c.story_id == a.story_id
        assert [x.id for x in store.story_articles(a.story_id)] == ["a", "a-2", "c"]
        assert store.get_story(b.story_id).id == a.story_id
        assert [s.id for s in store.list_stories()] == [a.story_id]
        assert store.story_of("a-2") == a.story_id


def test_fetch_state_and_reopen(db_url):
    with open_store(db_url) as store:
        assert store.get_fetch_state("https://x.example/feed") is None
        store.set_fetch_state("https://x.example/feed", etag='"v1"', last_modified=None, status=200)
        store.set_fetch_state("https://x.example/feed", etag='"v2"', last_modified="Tue, 24 Nov", status=200)
        store.save_article(art("k", "Kept across reopen."))
    with open_store(db_url) as again:  # migrations do not run twice, data stays
        assert again.schema_version == 2
        st = again.get_fetch_state("https://x.example/feed")
        assert (st.etag, st.last_modified, st.status) == ('"v2"', "Tue, 24 Nov", 200)
        assert again.count_articles() == 1


def test_sqlite_is_wal_and_default_location(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSFUSE_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    with open_store() as store:
        store.save_article(art("a", "Stored in the default place."))
    db = tmp_path / "xdg" / "newsfuse" / "newsfuse.db"
    assert db.exists()
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    monkeypatch.setenv("NEWSFUSE_DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    with open_store() as store:
        assert store.url.endswith("env.db")


def test_bad_urls_are_one_line_errors(tmp_path):
    with pytest.raises(NewsfuseError, match="unsupported database URL"):
        open_store("mysql://nope")
    with pytest.raises(NewsfuseError, match=r"cannot open the database postgresql://u@127\.0\.0\.1:1/x"):
        open_store("postgresql://u:secret@127.0.0.1:1/x")


def test_firehose_on_both_databases(db_url):
    from newsfuse.cluster import OnlineClusterer
    from newsfuse.firehose import ingest

    kim = "Kim Jong Un arrived in Beijing by armoured train on Monday for talks with Xi Jinping on denuclearization. "
    other = "Hurricane Harvey flooded Houston on Sunday and rescuers in boats pulled residents from their rooftops. "
    items = [
        Article("k1", kim * 3, source="AP"),
        Article("f1", other * 3, source="Reuters"),
        Article("k2", ("By Jane Doe\n" + kim * 3), source="BBC"),  # a wire copy: credited, not stored twice
        Article("k3", "Xi Jinping and Kim Jong Un ended the Beijing talks; the armoured train left. " * 3),
    ]
    with open_store(db_url) as store:
        report = ingest(items, store, clusterer=OnlineClusterer(embedder=None))
        assert [a for a, _ in report.stored] == ["k1", "f1", "k3"] and report.duplicates == [("k2", "k1")]
        story = store.story_of("k1")
        assert store.story_of("k3") == story != store.story_of("f1")
        assert store.get_story(story).n_outlets == 3  # AP, BBC (the copy) and k3's own outlet
    with open_store(db_url) as store:  # a second run finds everything stored
        again = ingest(items, store, clusterer=OnlineClusterer(embedder=None))
        assert again.stored == [] and len(again.duplicates) == 4 and store.count_articles() == 3


def test_transaction_commits_once_and_rolls_back_whole(db_url):
    with open_store(db_url) as store, open_store(db_url) as reader:
        with store.transaction() as tx:
            a = tx.save_article(art("a", "Kim met Xi in Beijing.", url="https://ap.org/kim", source="AP"))
            tx.save_article(art("b", "Xi hosted Kim at the Great Hall.", source="AP"), story_id=a.story_id)
            # the block reads its own writes; another connection sees nothing before the commit
            assert tx.find_article(canonical_url="https://ap.org/kim") == "a"
            assert tx.find_article(text="Xi hosted Kim at the Great Hall.") == "b"
            assert reader.find_article(canonical_url="https://ap.org/kim") is None
            assert tx.credit_outlet("a", "BBC") and not tx.credit_outlet("a", "BBC")
        assert reader.count_articles() == 2 and reader.get_story(a.story_id).n_outlets == 2
        with pytest.raises(RuntimeError), store.transaction() as tx:
            tx.save_article(art("c", "Floods in Texas.", source="Reuters"))
            tx.save_article(art("d", "More floods in Texas.", source="Reuters"), story_id=a.story_id)
            raise RuntimeError("the chunk fails")
        assert reader.count_articles() == 2 and reader.get_article("c") is None
        assert [(s.id, s.n_articles) for s in reader.list_stories()] == [(a.story_id, 2)]


def test_one_chunk_finds_copies_stored_earlier_in_it(db_url):
    """Dedup inside one chunk's transaction: the same page under another form of its URL, rewritten since
    (too different for the MinHash index: only the canonical URL, looked up in the open transaction, finds it)."""
    from newsfuse.cluster import OnlineClusterer
    from newsfuse.firehose import ingest

    kim = "Kim Jong Un arrived in Beijing by armoured train on Monday for talks with Xi Jinping. "
    items = [
        Article("p1", kim * 4, url="https://news.example/kim?utm_source=feed", source="AP"),
        Article(
            "p2",
            "Update: the North Korean leader left China on Wednesday after two days of meetings. " * 3,
            url="https://NEWS.example/kim",
            source="AP",
        ),
    ]
    with open_store(db_url) as store:
        report = ingest(items, store, clusterer=OnlineClusterer(embedder=None))
        assert [a for a, _ in report.stored] == ["p1"] and report.duplicates == [("p2", "p1")]


# ---- updates: a near-copy with other numbers, dates or names (see test_updates.py) -------------------


def test_update_link_in_the_store(db_url):
    from newsfuse.cluster import OnlineClusterer
    from newsfuse.firehose import ingest

    items = [Article("ap", FIRE, source="AP"), Article("reuters", UPDATE, source="Reuters")]
    with open_store(db_url) as store:
        report = ingest(items, store, clusterer=OnlineClusterer(embedder=None))
        assert report.updates == [("reuters", "ap")] and report.duplicates == []
        assert store.story_of("ap") == store.story_of("reuters")
        assert store.get_article("reuters").extra == {"update_of": "ap"}
        assert "update_of" not in store.get_article("ap").extra
    with open_store(db_url) as store:  # the link survives a reopen, and a new run rebuilds its index
        again = ingest([Article("reuters-2", UPDATE, source="Reuters")], store, clusterer=OnlineClusterer(None))
        assert again.duplicates == [("reuters-2", "reuters")] and store.count_articles() == 2


def make_store_of_the_previous_version(url: str) -> None:
    """The tables as schema version 1 made them (no articles.update_of), with one article in them."""
    from sqlalchemy import MetaData, Table, create_engine, insert

    from newsfuse.store import schema

    old = MetaData()
    for table in schema.metadata.sorted_tables:
        Table(table.name, old, *[c._copy() for c in table.columns if c.name != "update_of"])
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    old.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(old.tables["schema_migrations"]).values(version=1, applied_at="2026-12-01T00:00:00Z"))
        conn.execute(
            insert(old.tables["articles"]).values(
                key="old", content_hash="-", text=FIRE, extra="{}", seen_at="2026-12-01T00:00:00Z"
            )
        )
    engine.dispose()


def test_a_store_made_before_updates_is_migrated(db_url):
    from newsfuse.cluster import OnlineClusterer
    from newsfuse.firehose import ingest

    make_store_of_the_previous_version(db_url)
    with open_store(db_url) as store:
        assert store.schema_version == 2 and store.get_article("old").text == FIRE
        items = [Article("ap", FIRE.replace("Leeds", "York"), source="AP"), Article("reuters", UPDATE, source="R")]
        report = ingest(items, store, clusterer=OnlineClusterer(None))
        assert report.updates == [("reuters", "ap")] and store.get_article("reuters").extra == {"update_of": "ap"}


def test_text_that_cannot_be_encoded_is_stored_repaired_on_both_databases(db_url):
    """NUL (which PostgreSQL refuses in text) and lone surrogates (which no UTF-8 encoder takes)."""
    from newsfuse.cluster import OnlineClusterer
    from newsfuse.firehose import ingest

    bad = Article("bad\x00", FIRE.replace("Leeds", "Leeds\x00\ud800"), source="AP\udfff", extra={"k\ud800": "\x00"})
    with open_store(db_url) as store:
        report = ingest([bad], store, clusterer=OnlineClusterer(None))
        assert report.stored and not report.skipped
        back = store.get_article("bad\ufffd")
        assert back.text == FIRE.replace("Leeds", "Leeds\ufffd\ufffd") and back.source == "AP\ufffd"
        assert back.extra == {"k\ufffd": "\ufffd"}
