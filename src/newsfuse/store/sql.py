"""The store: articles, outlets, stories and memberships in SQLite (default) or PostgreSQL, one code path.

SQLAlchemy Core only; every write that a caller reports as done is in a committed transaction, so a
killed process leaves either the whole article (with its outlet and story membership) or nothing.
``Store.transaction()`` puts many reads and writes in one transaction (a bulk load commits once per
chunk of articles, not once per article).

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
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, bindparam, create_engine, event, exists, func, insert, or_, select, update
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


# The write path's statements, built once with bound parameters: SQLAlchemy then only binds
# values (building a statement per call cost ~3x the Python of binding one, ~10 statements a stored
# article).  Parameter names end in "_" where a column of the same name is in a SET clause.
_ID_OF_KEY = select(articles.c.id).where(articles.c.key == bindparam("key_"))
_TEXT_OF_KEY = select(articles.c.text).where(articles.c.key == bindparam("key_"))
_STORY_OF_KEY = (
    select(memberships.c.story_id)
    .select_from(memberships.join(articles, articles.c.id == memberships.c.article_id))
    .where(articles.c.key == bindparam("key_"))
)
_BY_URL = articles.c.canonical_url == bindparam("url_")
_BY_HASH = articles.c.content_hash == bindparam("hash_")
_FIND = {
    (True, False): select(articles.c.key).where(_BY_URL).order_by(articles.c.id).limit(1),
    (False, True): select(articles.c.key).where(_BY_HASH).order_by(articles.c.id).limit(1),
    (True, True): select(articles.c.key).where(or_(_BY_URL, _BY_HASH)).order_by(articles.c.id).limit(1),
}
_OUTLET = select(outlets.c.id).where(outlets.c.name == bindparam("name_"))
_CREDITED = select(article_outlets.c.article_id).where(
    article_outlets.c.article_id == bindparam("row_"), article_outlets.c.outlet_id == bindparam("outlet_")
)
_MERGED_INTO = select(stories.c.merged_into).where(stories.c.id == bindparam("story_"))
_NEXT_POSITION = select(func.coalesce(func.max(memberships.c.position), -1) + 1).where(
    memberships.c.story_id == bindparam("story_")
)
_REFRESH = (
    update(stories)
    .where(stories.c.id == bindparam("story_"))
    .values(
        n_articles=select(func.count())
        .select_from(memberships)
        .where(memberships.c.story_id == bindparam("story_"))
        .scalar_subquery(),
        last_seen=bindparam("now_"),
    )
)


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

    def get_story(self, story_id: int) -> StoryInfo | None:
        """One story (a merged-away id gives the story it joined), or None."""
        with self.engine.connect() as conn:
            sid = _resolve(conn, int(story_id))
            if sid is None:
                return None
            found = self._story_infos(conn, stories.c.id == sid, limit=1)
            return found[0] if found else None

    def published_dates(self, story_ids: Sequence[int]) -> dict[int, list[str]]:
        """The ``published`` fields (as stored, any format) of the articles of each story; stories without any
        are left out.  For lists that show when a story's articles came out rather than when they were stored."""
        out: dict[int, list[str]] = {}
        ids = [int(s) for s in story_ids]
        if not ids:
            return out
        q = (
            select(memberships.c.story_id, articles.c.published)
            .select_from(memberships.join(articles, articles.c.id == memberships.c.article_id))
            .where(memberships.c.story_id.in_(ids), articles.c.published.is_not(None))
        )
        with self.engine.connect() as conn:
            for sid, published in conn.execute(q):
                out.setdefault(int(sid), []).append(published)
        return out

    def story_articles(self, story_id: int) -> list[Article]:
        """The articles of a story in the order they joined it; each credits every outlet that ran it."""
        with self.engine.connect() as conn:
            sid = _resolve(conn, int(story_id))
            if sid is None:
                return []
            rows = conn.execute(
                select(articles)
                .select_from(memberships.join(articles, articles.c.id == memberships.c.article_id))
                .where(memberships.c.story_id == sid)
                .order_by(memberships.c.position, articles.c.id)
            ).all()
            credits = self._credits(conn, [r.id for r in rows])
            updated = self._keys(conn, {r.update_of for r in rows if r.update_of is not None})
        return [_article(r, credits.get(r.id, []), updated.get(r.update_of)) for r in rows]

    def _keys(self, conn: Connection, row_ids: set[int]) -> dict[int, str]:
        if not row_ids:
            return {}
        q = select(articles.c.id, articles.c.key).where(articles.c.id.in_(sorted(row_ids)))
        return {int(i): k for i, k in conn.execute(q)}

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
            updated = self._keys(conn, {row.update_of} if row.update_of is not None else set())
            return _article(row, self._credits(conn, [row.id]).get(row.id, []), updated.get(row.update_of))

    def find_article(self, *, canonical_url: str | None = None, text: str | None = None) -> str | None:
        """The id of a stored article with this canonical URL or this exact body, or None."""
        with self.engine.connect() as conn:
            return Transaction(conn).find_article(canonical_url=canonical_url, text=text)

    def story_of(self, article_id: str) -> int | None:
        with self.engine.connect() as conn:
            return Transaction(conn).story_of(article_id)

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
    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One transaction for many reads and writes: committed when the block ends, rolled back on an error.

        A bulk load stores a chunk of articles in one (one commit, not one per article); reads in the
        block see its own writes.

        >>> import tempfile, os
        >>> from newsfuse.types import Article
        >>> with open_store(f"sqlite:///{os.path.join(tempfile.mkdtemp(), 'news.db')}") as store:
        ...     with store.transaction() as tx:
        ...         first = tx.save_article(Article(id="a1", text="Kim met Xi in Beijing."))
        ...         _ = tx.save_article(Article(id="a2", text="Xi hosted Kim."), story_id=first.story_id)
        ...         found = tx.find_article(text="Kim met Xi in Beijing.")
        ...     found, [s.n_articles for s in store.list_stories()]
        ('a1', [2])
        """
        with self.engine.begin() as conn:
            yield Transaction(conn)

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
        update_of: str | None = None,
    ) -> SavedArticle:
        """Store one article and put it in ``story_id`` (None: a new story), in a transaction of its own.

        ``merge`` lists stories that this (bridging) article joins to ``story_id``: their articles move
        over and they point to it from then on.  The article id gets a suffix if another article has it.
        ``update_of`` is the id of a stored article that this one updates (the same report with other
        numbers, dates or names); reading the article back gives it as ``extra["update_of"]``.
        """
        with self.transaction() as tx:
            return tx.save_article(
                article,
                story_id=story_id,
                merge=merge,
                canonical_url=canonical_url,
                embedding=embedding,
                minhash=minhash,
                seen_at=seen_at,
                update_of=update_of,
            )

    def credit_outlet(self, article_id: str, outlet: str, url: str | None = None) -> bool:
        """Credit one more outlet with a stored article (a wire copy or reprint); False if already credited."""
        with self.transaction() as tx:
            return tx.credit_outlet(article_id, outlet, url)

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


class Transaction:
    """The store's dedup lookups and article writes on one connection, inside one transaction.

    Made by :meth:`Store.transaction`; the :class:`Store` methods of the same names each run one of
    these in a transaction of their own.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._outlets: dict[str, int] = {}  # outlet ids seen in this transaction

    def find_article(self, *, canonical_url: str | None = None, text: str | None = None) -> str | None:
        """The id of a stored article with this canonical URL or this exact body, or None."""
        params: dict[str, str] = {}
        if canonical_url:
            params["url_"] = canonical_url
        if text is not None:
            params["hash_"] = content_hash(text)
        if not params:
            return None
        row = self.conn.execute(_FIND["url_" in params, "hash_" in params], params).first()
        return row[0] if row else None

    def article_text(self, article_id: str) -> str | None:
        """The body of a stored article, or None."""
        row = self.conn.execute(_TEXT_OF_KEY, {"key_": article_id}).first()
        return row[0] if row else None

    def story_of(self, article_id: str) -> int | None:
        """The story that holds a stored article now (merges followed), or None."""
        row = self.conn.execute(_STORY_OF_KEY, {"key_": article_id}).first()
        return _resolve(self.conn, int(row[0])) if row else None

    def credit_outlet(self, article_id: str, outlet: str, url: str | None = None) -> bool:
        """Credit one more outlet with a stored article (a wire copy or reprint); False if already credited."""
        row = self.conn.execute(_ID_OF_KEY, {"key_": article_id}).first()
        if row is None:
            raise NewsfuseError(f"no stored article {article_id!r}")
        oid = self._outlet_id(outlet)
        if self.conn.execute(_CREDITED, {"row_": row[0], "outlet_": oid}).first():
            return False
        self.conn.execute(insert(article_outlets), {"article_id": row[0], "outlet_id": oid, "url": url})
        return True

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
        update_of: str | None = None,
    ) -> SavedArticle:
        """Store one article and put it in ``story_id`` (None: a new story); see :meth:`Store.save_article`."""
        conn = self.conn
        now = seen_at or utc_now()
        updated_row = None
        if update_of is not None:
            found = conn.execute(_ID_OF_KEY, {"key_": update_of}).first()
            if found is None:
                raise NewsfuseError(f"no stored article {update_of!r} to update")
            updated_row = int(found[0])
        key = self._free_key(article.id)
        row_id = int(
            conn.execute(
                insert(articles),
                {
                    "key": key,
                    "url": article.url,
                    "canonical_url": canonical_url or article.url,
                    "content_hash": content_hash(article.text),
                    "title": article.title,
                    "source": article.source,
                    "published": article.published,
                    "path": article.path,
                    "text": article.text,
                    "extra": json.dumps(article.extra, ensure_ascii=False, default=str),
                    "seen_at": now,
                    "embedding": embedding,
                    "minhash": minhash,
                    "update_of": updated_row,
                },
            ).inserted_primary_key[0]
        )
        conn.execute(
            insert(article_outlets),
            {"article_id": row_id, "outlet_id": self._outlet_id(article.outlet), "url": article.url},
        )
        if story_id is not None:
            story_id = _resolve(conn, int(story_id))
        if story_id is None:
            story_id = int(
                conn.execute(
                    insert(stories),
                    {
                        "title": article.title or _first_words(article.text),
                        "first_seen": now,
                        "last_seen": now,
                        "n_articles": 0,
                    },
                ).inserted_primary_key[0]
            )
        for other in merge:
            other_id = _resolve(conn, int(other))
            if other_id is None or other_id == story_id:
                continue
            self._merge(other_id, story_id)
        position = conn.execute(_NEXT_POSITION, {"story_": story_id}).scalar()
        conn.execute(
            insert(memberships),
            {"article_id": row_id, "story_id": story_id, "position": int(position), "joined_at": now},
        )
        conn.execute(_REFRESH, {"story_": story_id, "now_": now})
        return SavedArticle(key, story_id, row_id)

    def _outlet_id(self, name: str) -> int:
        name = name[:300]
        if name not in self._outlets:
            row = self.conn.execute(_OUTLET, {"name_": name}).first()
            oid = row[0] if row else self.conn.execute(insert(outlets), {"name": name}).inserted_primary_key[0]
            self._outlets[name] = int(oid)
        return self._outlets[name]

    def _free_key(self, key: str) -> str:
        key = key[:560] or "article"
        new, n = key, 1
        while self.conn.execute(_ID_OF_KEY, {"key_": new}).first() is not None:
            n += 1
            new = f"{key}-{n}"
        return new

    def _merge(self, source: int, target: int) -> None:
        conn = self.conn
        base = conn.execute(_NEXT_POSITION, {"story_": target}).scalar()
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


def _resolve(conn: Connection, story_id: int) -> int | None:
    """Follow merge links to the story that holds the articles now."""
    for _ in range(1000):
        row = conn.execute(_MERGED_INTO, {"story_": story_id}).first()
        if row is None:
            return None
        if row[0] is None:
            return story_id
        story_id = int(row[0])
    return None


def _first_words(text: str, n: int = 12) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _article(row: Any, credits: list[dict[str, str | None]], update_of: str | None = None) -> Article:
    extra = json.loads(row.extra or "{}")
    if len(credits) > 1:
        extra = {**extra, "outlets": credits}
    if update_of is not None:
        extra = {**extra, "update_of": update_of}
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
