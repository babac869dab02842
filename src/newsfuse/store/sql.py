"""The store: articles, outlets, stories and memberships in SQLite (default) or PostgreSQL, one code path.

SQLAlchemy Core only; every write that a caller reports as done is one committed transaction, so a
killed process leaves either the whole article (with its outlet and story membership) or nothing.

>>> import tempfile, os
>>> from newsfuse.types import Article
>>> path = os.path.join(tempfile.mkdtemp(), "news.db")
>>> with open_store(f"sqlite:///{path}") as store:
...     saved = store.save_article(Article(id="a1", text="Kim met Xi in Beijing.", title="Kim in Beijing"))
...     [(s.title, s.n_articles) for s in store.list_stories()]
[('Kim in Beijing', 1)]
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, create_engine, event, exists, func, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine

from ..errors import NewsfuseError
from ..types import Article
from .schema import MIGRATIONS, article_outlets, articles, fetch_state, memberships, outlets, schema_migrations, stories


@dataclass(frozen=True)
class StoryInfo:
    """One stored story as lists and pages show it; times are ISO 8601 UTC."""

    id: int
    title: str
    n_articles: int
    n_outlets: int
    first_seen: str
    last_seen: str


@dataclass(frozen=True)
class SavedArticle:
    """What ``Store.save_article`` wrote: the article's id and the story it joined."""

    article_id: str
    story_id: int
    row_id: int


@dataclass(frozen=True)
class FetchState:
    url: str
    etag: str | None
    last_modified: str | None
    status: int | None
    fetched_at: str


def utc_now() -> str:
    """Now as the store writes times (``2026-11-24T14:05:00Z``)."""
    return iso(datetime.now(UTC))


def iso(when: datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def content_hash(text: str) -> str:
    """Exact-copy key of an article body (whitespace and case folded)."""
    return hashlib.sha256(" ".join(text.split()).lower().encode("utf-8")).hexdigest()


def default_url() -> str:
    """``$NEWSFUSE_DATABASE_URL``, else a SQLite file in the user's data folder."""
    url = os.environ.get("NEWSFUSE_DATABASE_URL", "").strip()
    if url:
        return url
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("newsfuse", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'newsfuse.db'}"


def _engine(url: str) -> Engine:
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        # psycopg 3 is the driver we install; plain postgresql:// would ask SQLAlchemy for psycopg2.
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite:"):
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if path and path != ":memory:":
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")  # readers (the web app) never block the ingest
            cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a commit survives a killed process
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    if url.startswith("postgresql+"):
        return create_engine(url, pool_pre_ping=True)
    raise NewsfuseError(
        f"unsupported database URL {url!r}: use sqlite:///path/to/file.db or postgresql://user@host:port/db"
    )


def open_store(url: str | None = None) -> Store:
    """Open (and create or migrate) the store at ``url``.

    ``None`` means ``$NEWSFUSE_DATABASE_URL``, else ``newsfuse.db`` in the user data folder.
    """
    return Store(url or default_url())


class Store:
    """Articles grouped into stories, in one SQL database.  Also a context manager."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine = _engine(url)
            self._migrate()
        except NewsfuseError:
            raise
        except Exception as err:  # a wrong URL, a server that is down: say which and what to do
            raise NewsfuseError(
                f"cannot open the database {_redact(url)}: {type(err).__name__}: {str(err).splitlines()[0]} "
                "(check NEWSFUSE_DATABASE_URL)"
            ) from None

    # -- lifecycle -------------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self.engine.begin() as conn:
            schema_migrations.create(conn, checkfirst=True)
        for version, _what, step in MIGRATIONS:
            with self.engine.begin() as conn:
                if self.engine.dialect.name == "postgresql":
                    # Two processes opening a fresh database at once must not both migrate.
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(58120501)")
                done = conn.execute(select(schema_migrations.c.version).where(schema_migrations.c.version == version))
                if done.first() is not None:
                    continue
                step(conn)
                conn.execute(insert(schema_migrations).values(version=version, applied_at=utc_now()))

    @property
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.max(schema_migrations.c.version))).scalar() or 0)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------------
    def _story_infos(self, conn: Connection, where: Any, *, limit: int | None, offset: int = 0) -> list[StoryInfo]:
        n_outlets = (
            select(func.count(func.distinct(article_outlets.c.outlet_id)))
            .select_from(memberships.join(article_outlets, article_outlets.c.article_id == memberships.c.article_id))
            .where(memberships.c.story_id == stories.c.id)
            .scalar_subquery()
        )
        q = (
            select(
                stories.c.id,
                stories.c.title,
                stories.c.n_articles,
                n_outlets,
                stories.c.first_seen,
                stories.c.last_seen,
            )
            .where(where)
            .order_by(stories.c.last_seen.desc(), stories.c.id.desc())
            .offset(offset)
        )
        if limit is not None:
            q = q.limit(limit)
        return [StoryInfo(int(r[0]), r[1] or "", int(r[2]), int(r[3] or 0), r[4], r[5]) for r in conn.execute(q)]

    def list_stories(
        self, *, since: datetime | None = None, query: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[StoryInfo]:
        """Stories, newest ``last_seen`` first; ``query`` keeps those whose titles or texts hold every word."""
        cond = [stories.c.merged_into.is_(None), stories.c.n_articles > 0]
        if since is not None:
            cond.append(stories.c.last_seen >= iso(since))
        for word in (query or "").split():
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            in_articles = exists(
                select(memberships.c.article_id)
                .select_from(memberships.join(articles, articles.c.id == memberships.c.article_id))
                .where(
                    memberships.c.story_id == stories.c.id,
                    or_(articles.c.title.ilike(pattern, escape="\\"), articles.c.text.ilike(pattern, escape="\\")),
                )
            )
            cond.append(or_(stories.c.title.ilike(pattern, escape="\\"), in_articles))
        with self.engine.connect() as conn:
            return self._story_infos(conn, and_(*cond), limit=max(0, limit), offset=max(0, offset))

    def _resolve(self, conn: Connection, story_id: int) -> int | None:
        """Follow merge links to the story that holds the articles now."""
        for _ in range(1000):
            row = conn.execute(select(stories.c.merged_into).where(stories.c.id == story_id)).first()
            if row is None:
                return None
            if row[0] is None:
                return story_id
            story_id = int(row[0])
        return None

    def get_story(self, story_id: int) -> StoryInfo | None:
        """One story (a merged-away id gives the story it joined), or None."""
        with self.engine.connect() as conn:
            sid = self._resolve(conn, int(story_id))
            if sid is None:
                return None
            found = self._story_infos(conn, stories.c.id == sid, limit=1)
            return found[0] if found else None

    def story_articles(self, story_id: int) -> list[Article]:
        """The articles of a story in the order they joined it; each credits every outlet that ran it."""
        with self.engine.connect() as conn:
            sid = self._resolve(conn, int(story_id))
            if sid is None:
                return []
            rows = conn.execute(
                select(articles)
                .select_from(memberships.join(articles, articles.c.id == memberships.c.article_id))
                .where(memberships.c.story_id == sid)
                .order_by(memberships.c.position, articles.c.id)
            ).all()
            credits = self._credits(conn, [r.id for r in rows])
        return [_article(r, credits.get(r.id, [])) for r in rows]

    def _credits(self, conn: Connection, row_ids: Sequence[int]) -> dict[int, list[dict[str, str | None]]]:
        out: dict[int, list[dict[str, str | None]]] = {}
        if not row_ids:
            return out
        q = (
            select(article_outlets.c.article_id, outlets.c.name, article_outlets.c.url)
            .select_from(article_outlets.join(outlets, outlets.c.id == article_outlets.c.outlet_id))
            .where(article_outlets.c.article_id.in_(list(row_ids)))
            .order_by(article_outlets.c.article_id, outlets.c.name)
        )
        for aid, name, url in conn.execute(q):
            out.setdefault(int(aid), []).append({"outlet": name, "url": url})
        return out

    def get_article(self, article_id: str) -> Article | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.key == article_id)).first()
            if row is None:
                return None
            return _article(row, self._credits(conn, [row.id]).get(row.id, []))

    def find_article(self, *, canonical_url: str | None = None, text: str | None = None) -> str | None:
        """The id of a stored article with this canonical URL or this exact body, or None."""
        cond = []
        if canonical_url:
            cond.append(articles.c.canonical_url == canonical_url)
        if text is not None:
            cond.append(articles.c.content_hash == content_hash(text))
        if not cond:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(articles.c.key).where(or_(*cond)).order_by(articles.c.id).limit(1)).first()
        return row[0] if row else None

    def story_of(self, article_id: str) -> int | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(memberships.c.story_id)
                .select_from(memberships.join(articles, articles.c.id == memberships.c.article_id))
                .where(articles.c.key == article_id)
            ).first()
            return self._resolve(conn, int(row[0])) if row else None

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar() or 0)

    def article_signatures(self) -> Iterable[tuple[str, bytes]]:
        """``(article id, MinHash bytes)`` of every stored article that has one (to rebuild the dedup index)."""
        with self.engine.connect() as conn:
            yield from (
                (r[0], r[1])
                for r in conn.execute(
                    select(articles.c.key, articles.c.minhash)
                    .where(articles.c.minhash.is_not(None))
                    .order_by(articles.c.id)
                )
            )

    def open_story_members(self, since: str | None = None) -> list[tuple[int, str, Article, bytes | None]]:
        """``(story id, seen_at, article, embedding bytes)`` of stories seen since ``since``, in join order.

        The clusterer replays these at start-up so that new articles can join stories of earlier runs.
        """
        cond = [stories.c.merged_into.is_(None)]
        if since:
            cond.append(stories.c.last_seen >= since)
        q = (
            select(memberships.c.story_id, articles)
            .select_from(
                memberships.join(articles, articles.c.id == memberships.c.article_id).join(
                    stories, stories.c.id == memberships.c.story_id
                )
            )
            .where(*cond)
            .order_by(articles.c.id)
        )
        with self.engine.connect() as conn:
            return [(int(r[0]), r.seen_at, _article(r, []), r.embedding) for r in conn.execute(q)]

    # -- writing ---------------------------------------------------------------------------------
    def _outlet_id(self, conn: Connection, name: str) -> int:
        name = name[:300]
        row = conn.execute(select(outlets.c.id).where(outlets.c.name == name)).first()
        if row:
            return int(row[0])
        return int(conn.execute(insert(outlets).values(name=name)).inserted_primary_key[0])

    def _free_key(self, conn: Connection, key: str) -> str:
        key = key[:560] or "article"
        new, n = key, 1
        while conn.execute(select(articles.c.id).where(articles.c.key == new)).first() is not None:
            n += 1
            new = f"{key}-{n}"
        return new

    def save_article(
        self,
        article: Article,
        *,
        story_id: int | None = None,
        merge: Sequence[int] = (),
        canonical_url: str | None = None,
        embedding: bytes | None = None,
        minhash: bytes | None = None,
        seen_at: str | None = None,
    ) -> SavedArticle:
        """Store one article and put it in ``story_id`` (None: a new story), all in one transaction.

        ``merge`` lists stories that this (bridging) article joins to ``story_id``: their articles move
        over and they point to it from then on.  The article id gets a suffix if another article has it.
        """
        now = seen_at or utc_now()
        with self.engine.begin() as conn:
            key = self._free_key(conn, article.id)
            row_id = int(
                conn.execute(
                    insert(articles).values(
                        key=key,
                        url=article.url,
                        canonical_url=canonical_url or article.url,
                        content_hash=content_hash(article.text),
                        title=article.title,
                        source=article.source,
                        published=article.published,
                        path=article.path,
                        text=article.text,
                        extra=json.dumps(article.extra, ensure_ascii=False, default=str),
                        seen_at=now,
                        embedding=embedding,
                        minhash=minhash,
                    )
                ).inserted_primary_key[0]
            )
            conn.execute(
                insert(article_outlets).values(
                    article_id=row_id, outlet_id=self._outlet_id(conn, article.outlet), url=article.url
                )
            )
            if story_id is not None:
                story_id = self._resolve(conn, int(story_id))
            if story_id is None:
                story_id = int(
                    conn.execute(
                        insert(stories).values(
                            title=article.title or _first_words(article.text),
                            first_seen=now,
                            last_seen=now,
                            n_articles=0,
                        )
                    ).inserted_primary_key[0]
                )
            for other in merge:
                other_id = self._resolve(conn, int(other))
                if other_id is None or other_id == story_id:
                    continue
                self._merge(conn, other_id, story_id)
            position = conn.execute(
                select(func.coalesce(func.max(memberships.c.position), -1) + 1).where(
                    memberships.c.story_id == story_id
                )
            ).scalar()
            conn.execute(
                insert(memberships).values(article_id=row_id, story_id=story_id, position=int(position), joined_at=now)
            )
            self._refresh(conn, story_id, now)
        return SavedArticle(key, story_id, row_id)

    def _merge(self, conn: Connection, source: int, target: int) -> None:
        base = conn.execute(
            select(func.coalesce(func.max(memberships.c.position), -1) + 1).where(memberships.c.story_id == target)
        ).scalar()
        conn.execute(
            update(memberships)
            .where(memberships.c.story_id == source)
            .values(story_id=target, position=memberships.c.position + int(base))
        )
        first = conn.execute(select(stories.c.first_seen).where(stories.c.id == source)).scalar()
        conn.execute(update(stories).where(stories.c.id == source).values(merged_into=target, n_articles=0))
        conn.execute(
            update(stories).where(stories.c.id == target, stories.c.first_seen > first).values(first_seen=first)
        )

    def _refresh(self, conn: Connection, story_id: int, now: str) -> None:
        n = conn.execute(
            select(func.count()).select_from(memberships).where(memberships.c.story_id == story_id)
        ).scalar()
        conn.execute(update(stories).where(stories.c.id == story_id).values(n_articles=int(n or 0), last_seen=now))

    def credit_outlet(self, article_id: str, outlet: str, url: str | None = None) -> bool:
        """Credit one more outlet with a stored article (a wire copy or reprint); False if already credited."""
        with self.engine.begin() as conn:
            row = conn.execute(select(articles.c.id).where(articles.c.key == article_id)).first()
            if row is None:
                raise NewsfuseError(f"no stored article {article_id!r}")
            oid = self._outlet_id(conn, outlet)
            have = conn.execute(
                select(article_outlets.c.article_id).where(
                    article_outlets.c.article_id == row[0], article_outlets.c.outlet_id == oid
                )
            ).first()
            if have:
                return False
            conn.execute(insert(article_outlets).values(article_id=row[0], outlet_id=oid, url=url))
            return True

    def get_fetch_state(self, url: str) -> FetchState | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(fetch_state).where(fetch_state.c.url == url)).first()
        return FetchState(r.url, r.etag, r.last_modified, r.status, r.fetched_at) if r else None

    def set_fetch_state(
        self, url: str, *, etag: str | None, last_modified: str | None, status: int | None, error: str | None = None
    ) -> None:
        values = {
            "etag": etag,
            "last_modified": last_modified,
            "status": status,
            "error": error,
            "fetched_at": utc_now(),
        }
        with self.engine.begin() as conn:
            done = conn.execute(update(fetch_state).where(fetch_state.c.url == url).values(**values)).rowcount
            if not done:
                conn.execute(insert(fetch_state).values(url=url, **values))


def _first_words(text: str, n: int = 12) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _article(row: Any, credits: list[dict[str, str | None]]) -> Article:
    extra = json.loads(row.extra or "{}")
    if len(credits) > 1:
        extra = {**extra, "outlets": credits}
    return Article(
        id=row.key,
        text=row.text,
        title=row.title,
        source=row.source,
        url=row.url,
        published=row.published,
        path=row.path,
        extra=extra,
    )


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        cred, host = rest.rsplit("@", 1)
        return f"{scheme}://{cred.split(':', 1)[0]}@{host}"
    return url
