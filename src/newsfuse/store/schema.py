"""Tables of the store and their migrations (one ordered list; each step runs once, in a transaction).

Times are ISO 8601 UTC strings (``2026-11-24T14:05:00Z``): they sort as text and read the same on
SQLite and PostgreSQL.  Vectors (embeddings, MinHash signatures) are raw little-endian bytes.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", String(32), nullable=False),
)

outlets = Table(
    "outlets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False, unique=True),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False, default=""),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
    Column("n_articles", Integer, nullable=False, default=0),
    # A story absorbed by another when a bridging article joined them: readers follow the link.
    Column("merged_into", Integer, ForeignKey("stories.id"), nullable=True),
    Index("ix_stories_last_seen", "last_seen"),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(600), nullable=False, unique=True),  # Article.id as users see it
    Column("url", Text, nullable=True),
    Column("canonical_url", String(2000), nullable=True),
    Column("content_hash", String(64), nullable=False),
    Column("title", Text, nullable=True),
    Column("source", Text, nullable=True),
    Column("published", String(64), nullable=True),
    Column("path", Text, nullable=True),
    Column("text", Text, nullable=False),
    Column("extra", Text, nullable=False, default="{}"),  # JSON
    Column("seen_at", String(32), nullable=False),
    Column("embedding", LargeBinary, nullable=True),
    Column("minhash", LargeBinary, nullable=True),
    # The earlier article this one updates: a near-copy whose numbers, dates or names differ from it.
    Column("update_of", Integer, ForeignKey("articles.id"), nullable=True),
    Index("ix_articles_canonical_url", "canonical_url"),
    Index("ix_articles_content_hash", "content_hash"),
)

# Every outlet that ran the article (wire copies and reprints are stored once, credited to all).
article_outlets = Table(
    "article_outlets",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id"), primary_key=True),
    Column("outlet_id", Integer, ForeignKey("outlets.id"), primary_key=True),
    Column("url", Text, nullable=True),
)

memberships = Table(
    "memberships",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id"), primary_key=True),  # one story per article
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False),
    Column("position", Integer, nullable=False),  # join order inside the story
    Column("joined_at", String(32), nullable=False),
    Index("ix_memberships_story", "story_id", "position"),
)

fetch_state = Table(
    "fetch_state",
    metadata,
    Column("url", String(2000), primary_key=True),
    Column("etag", Text, nullable=True),
    Column("last_modified", Text, nullable=True),
    Column("status", Integer, nullable=True),
    Column("fetched_at", String(32), nullable=False),
    Column("error", Text, nullable=True),
)


def _v1(conn) -> None:  # type: ignore[no-untyped-def]
    metadata.create_all(
        conn,
        tables=[outlets, stories, articles, article_outlets, memberships, fetch_state],
    )


def _v2(conn) -> None:  # type: ignore[no-untyped-def]
    # A store made by this version's _v1 has the column already (create_all builds the table as above).
    from sqlalchemy import inspect

    if "update_of" not in {c["name"] for c in inspect(conn).get_columns("articles")}:
        conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN update_of INTEGER REFERENCES articles(id)")


# (version, what it does, function): append new steps, never edit an applied one.
MIGRATIONS = [
    (1, "articles, outlets, stories, memberships, fetch state", _v1),
    (2, "articles.update_of: the earlier article an update revises", _v2),
]
