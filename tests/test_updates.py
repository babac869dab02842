"""An update is not a copy: a near-copy whose numbers, dates or names differ is stored, linked, and compared.

Real CLI subprocesses into a real SQLite store, and the firehose on SQLite and a real PostgreSQL server.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from conftest import run_cli
from newsfuse.cluster import OnlineClusterer
from newsfuse.dedup import changed_facts, copy_or_update
from newsfuse.firehose import ingest
from newsfuse.store import open_store
from newsfuse.types import Article

FIRE = (
    "Police said 12 people were killed when a fire broke out in a warehouse in Leeds on Monday night. "
    "The victims, who were aged 40 to 70, had been working a late shift, officials said. "
    "Firefighters from six stations fought the blaze for more than four hours before bringing it under control. "
    "The cause of the fire is not yet known, and an investigation has been opened by West Yorkshire Police. "
    "The warehouse, owned by a furniture retailer, had passed a safety inspection in March, the company said."
)
UPDATE = FIRE.replace("12 people", "15 people").replace("aged 40 to 70", "aged 50 to 70")
COUNCIL = (
    "The city council approved the new budget on Monday after a long debate, raising spending on schools by 4 "
    "percent and cutting the road repair fund. Critics argued that the budget ignores rising housing costs in "
    "the region, and the mayor is expected to sign it into law later this week."
)


def test_changed_numbers_dates_and_names_are_facts_edits_of_a_copy_are_not():
    assert [(c.before, c.after) for c in changed_facts(FIRE, UPDATE)] == [("12", "15"), ("40", "50")]
    assert [(c.before, c.after) for c in changed_facts(FIRE, FIRE.replace("Monday", "Tuesday"))] == [
        ("Monday", "Tuesday")
    ]
    assert [(c.before, c.after) for c in changed_facts(FIRE, FIRE.replace("in Leeds", "in Bradford"))] == [
        ("Leeds", "Bradford")
    ]
    assert changed_facts(FIRE, FIRE.replace("12 people", "twelve people")) == []  # the same number
    wrapped = "\n".join(textwrap.wrap(FIRE.replace("late shift", "late-shift"), 30, break_on_hyphens=True))
    dropped = FIRE.replace(" The cause of the fire is not yet known, and an investigation has been opened", "")
    for copy in (
        wrapped,
        "By Jane Doe, Associated Press\n\n" + FIRE.upper() + "\nUpdated at 5:30 pm.",
        dropped,
        FIRE.replace("fought the blaze", "battled the blaze"),  # a word, not a fact
    ):
        assert changed_facts(FIRE, copy) == [], copy
    assert copy_or_update(UPDATE, [("a", FIRE)]) == (None, "a")
    assert copy_or_update(UPDATE, [("a", FIRE), ("b", UPDATE)]) == ("b", None)  # a copy of the update
    assert copy_or_update(FIRE, []) == (None, None)


def write(path, rows) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_cli_stores_an_update_in_the_story_and_the_analysis_sees_both(tmp_path):
    src = tmp_path / "wire.jsonl"
    write(
        src,
        [
            {"id": "ap-fire", "source": "AP", "text": FIRE},
            {"id": "bbc-fire", "source": "BBC", "text": "By Jane Doe, BBC News\n" + FIRE},  # a copy
            {"id": "reuters-fire", "source": "Reuters", "text": UPDATE},  # 15 killed, aged 50: an update
            {"id": "council", "source": "Local Times", "text": COUNCIL},
        ],
    )
    db = f"sqlite:///{tmp_path / 'news.db'}"
    done = run_cli("ingest", str(src), "--db", db, "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [s["id"] for s in report["stored"]] == ["ap-fire", "reuters-fire", "council"]
    assert report["updates"] == [{"id": "reuters-fire", "of": "ap-fire"}]
    assert [d["of"] for d in report["duplicates"]] == ["ap-fire"]
    stories = {s["id"]: s for s in report["stored"]}
    assert stories["ap-fire"]["story"] == stories["reuters-fire"]["story"] != stories["council"]["story"]

    listed = json.loads(run_cli("stories", "--db", db, "--format", "json").stdout)
    fire = next(s for s in listed if s["id"] == stories["ap-fire"]["story"])
    assert (fire["n_articles"], fire["n_outlets"]) == (2, 3)  # AP and BBC credit the old figures, Reuters the new
    summary = run_cli("summarize", "--story", str(fire["id"]), "--db", db, "--analysis", "--format", "json")
    assert summary.returncode == 0, summary.stderr
    story = json.loads(summary.stdout)
    assert {s["id"]: s.get("extra", {}).get("update_of") for s in story["sources"]} == {
        "ap-fire": None,
        "reuters-fire": "ap-fire",
    }
    claims = {
        tuple(sorted(v["claim"] for v in d["versions"]))
        for d in story["analysis"]["disagreements"]
        if d["kind"] == "number"
    }
    assert {("12", "15"), ("40", "50")} <= claims

    # Run again with a copy of the update from another outlet: nothing new, the copy credits the update.
    write(tmp_path / "more.jsonl", [{"id": "sky-fire", "source": "Sky", "text": UPDATE.upper()}])
    again = run_cli("ingest", str(src), str(tmp_path / "more.jsonl"), "--db", db, "--format", "json")
    assert again.returncode == 0, again.stderr
    second = json.loads(again.stdout)
    assert second["stored"] == [] and second["updates"] == []
    assert {d["item"].rsplit(":", 1)[-1]: d["of"] for d in second["duplicates"]} == {
        "ap-fire": "ap-fire",
        "bbc-fire": "ap-fire",
        "reuters-fire": "reuters-fire",
        "council": "council",
        str(tmp_path / "more.jsonl"): "reuters-fire",
    }


@pytest.fixture(scope="module")
def pg_admin_url():
    from pgserver import missing_reason, postgres_server

    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'news.db'}"
    from pgserver import fresh_database

    return fresh_database(request.getfixturevalue("pg_admin_url"), f"upd{abs(hash(str(tmp_path))) % 10**8}")


def test_update_link_in_the_store(db_url):
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
    make_store_of_the_previous_version(db_url)
    with open_store(db_url) as store:
        assert store.schema_version == 2 and store.get_article("old").text == FIRE
        items = [Article("ap", FIRE.replace("Leeds", "York"), source="AP"), Article("reuters", UPDATE, source="R")]
        report = ingest(items, store, clusterer=OnlineClusterer(None))
        assert report.updates == [("reuters", "ap")] and store.get_article("reuters").extra == {"update_of": "ap"}


def test_text_that_cannot_be_encoded_is_stored_repaired_on_both_databases(db_url):
    """NUL (which PostgreSQL refuses in text) and lone surrogates (which no UTF-8 encoder takes)."""
    bad = Article("bad\x00", FIRE.replace("Leeds", "Leeds\x00\ud800"), source="AP\udfff", extra={"k\ud800": "\x00"})
    with open_store(db_url) as store:
        report = ingest([bad], store, clusterer=OnlineClusterer(None))
        assert report.stored and not report.skipped
        back = store.get_article("bad\ufffd")
        assert back.text == FIRE.replace("Leeds", "Leeds\ufffd\ufffd") and back.source == "AP\ufffd"
        assert back.extra == {"k\ufffd": "\ufffd"}
