"""From firehose to stories: fetch -> deduplicate -> cluster online -> store.

``ingest`` takes URLs (pages, RSS/Atom feeds, OPML lists), files and folders (OPML, feeds, a list of URLs,
HTML, text, JSONL) or Article objects.  Each article is stored in one transaction together with its outlet and
its story, so a killed run leaves whole articles only; re-running skips what is stored (canonical URL, exact
text, or near-duplicate text: then the new outlet is credited).  A near-copy whose numbers, dates or names
differ from the stored text is an update, not a copy: it is stored as its own article of the same story,
linked to the article it updates.  A bad item is skipped with a one-line reason and the batch goes on.
Stories follow publication time: each article is clustered at its ``published`` time (a story's score
decays while it is quiet, and it closes after the clusterer's window); an article without a readable date
is clustered as published at ingest time and listed in the report's ``undated``.  ``ingest`` and ``watch``
both run this, one poll at a time.

>>> import os, tempfile
>>> from newsfuse.store import open_store
>>> from newsfuse.types import Article
>>> db = os.path.join(tempfile.mkdtemp(), "f.db")
>>> text = "Kim Jong Un arrived in Beijing by armoured train on Monday for talks with Xi Jinping, " * 2
>>> with open_store(f"sqlite:///{db}") as store:
...     r = ingest([Article("a", text), Article("b", text.upper())], store, clusterer=OnlineClusterer(embedder=None))
>>> [s for s, _ in r.stored], r.duplicates
(['a'], [('b', 'a')])
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..cluster import OnlineClusterer
from ..cluster.parallel import CHUNK  # articles whose features are computed together, on every engine
from ..cluster.stream import epoch
from ..dedup import NearDuplicateIndex, Signature, canonical_url, copy_or_update
from ..embed import EMBEDDERS, default_embedder
from ..engine import batched, get_engine, require
from ..errors import InputError, NewsfuseError
from ..fetch import Fetcher, FetchError, page_article, parse_feed, parse_opml, sniff
from ..inputs import decode_text, read_articles
from ..inputs.readers import Skipped
from ..store import Store, Transaction, iso
from ..types import Article
from .prepare import PrepareArticles, Prepared, prepare_articles


@dataclass
class IngestReport:
    """What one ingest did: ``stored`` (article id, story id), ``skipped`` (item, reason), ``duplicates``
    (item, id of the stored article it copies), ``not_modified`` feeds, ``updates`` (id of a stored
    article, id of the earlier article it updates: both in ``stored``'s story), ``warnings`` (text
    repaired, lines of a file left out) and ``undated``: stored articles without a readable publication
    date, clustered as published at ingest time."""

    stored: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)
    updates: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "stored": [{"id": a, "story": s} for a, s in self.stored],
            "skipped": [{"item": i, "reason": r} for i, r in self.skipped],
            "duplicates": [{"item": i, "of": a} for i, a in self.duplicates],
            "not_modified": list(self.not_modified),
            "updates": [{"id": a, "of": b} for a, b in self.updates],
            "warnings": list(self.warnings),
            "undated": list(self.undated),
        }


Event = Callable[[str, str, object], None]  # (kind, item, detail): "stored", "skipped", "duplicate", "warning"


def _is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


# Any scheme: an ftp:// or file:// item is a URL the fetcher refuses (and says why), not a missing file.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


class Firehose:
    """The ingest machinery bound to one store: a fetcher, the dedup index and the clusterer, rebuilt from
    the store on start so that new articles find their copies and stories from earlier runs."""

    def __init__(
        self,
        store: Store,
        *,
        allow_private: bool | Collection[str] = False,
        clusterer: OnlineClusterer | None = None,
        fetcher: Fetcher | None = None,
        on_event: Event | None = None,
        workers: int = 8,
        engine: str = "local",
        engine_workers: int | None = None,
        skip_invalid: bool = False,
    ) -> None:
        require(engine)  # before any work: says how to install Ray when it is missing
        self.store = store
        self.skip_invalid = skip_invalid  # a malformed JSONL line skips that line, not its file
        self.fetcher = fetcher or Fetcher(allow_private=allow_private)
        self._own_fetcher = fetcher is None
        self.clusterer = clusterer or OnlineClusterer()
        self.index = NearDuplicateIndex()
        self.on_event = on_event
        self.workers = workers
        # None: prepare articles in this process as they arrive; else (name, workers) of the engine.
        self.engine = None if engine == "local" and (engine_workers or 1) <= 1 else (engine, engine_workers)
        if self.engine is not None:
            _embedder_name(self.clusterer)  # checked before anything is fetched
        # Feed validators (ETag, Last-Modified) of this run, saved once the feed's entries are stored.
        self._validators: dict[str, tuple[str | None, str | None, int]] = {}
        for key, blob in store.article_signatures():
            self.index.insert(key, Signature.from_bytes(blob))
        window = self.clusterer.window
        since = iso(datetime.now(UTC) - timedelta(seconds=window)) if window < 10 * 365 * 86400 else None
        members = store.open_story_members(since)
        feats = self.clusterer.features([a for _, _, a, _ in members])
        for (story, seen, article, _), f in zip(members, feats, strict=True):
            # The time the article was clustered with: its publication time, else when it was stored.
            self.clusterer.commit(f, story, when=epoch(article.published) or epoch(seen))

    def close(self) -> None:
        if self._own_fetcher:
            self.fetcher.close()

    # -- reporting -------------------------------------------------------------------------------
    def _skip(self, report: IngestReport, item: str, reason: str) -> None:
        report.skipped.append((item, reason))
        if self.on_event:
            self.on_event("skipped", item, reason)

    def _warn(self, report: IngestReport, item: str, message: str) -> None:
        report.warnings.append(message)
        if self.on_event:
            self.on_event("warning", item, message)

    # -- items -> articles -------------------------------------------------------------------------
    def _expand(self, items: Sequence[str | Article], report: IngestReport) -> Iterator[tuple[str, object]]:
        """Yield ``(label, Article | page URL)``; feeds, OPML and URL lists are opened here."""
        for item in items:
            if isinstance(item, Article):
                yield item.id, item
            elif _is_url(item) or (_SCHEME.match(item) and not Path(item).exists()):
                yield from self._expand_url(item, report)
            else:
                yield from self._expand_path(item, report)

    def _expand_url(self, url: str, report: IngestReport, depth: int = 0) -> Iterator[tuple[str, object]]:
        key = canonical_url(url)
        if self.store.find_article(canonical_url=key):
            report.duplicates.append((url, self.store.find_article(canonical_url=key) or ""))
            return
        state = self.store.get_fetch_state(url)
        try:
            resp = self.fetcher.get(
                url, etag=state.etag if state else None, last_modified=state.last_modified if state else None
            )
        except InputError as err:
            self._skip(report, url, str(err))
            return
        except ValueError as err:  # a URL no parser reads ("http://[::1", a port past 65535)
            self._skip(report, url, f"{url}: not a valid URL ({err})")
            return
        if resp.not_modified:
            report.not_modified.append(url)
            return
        kind = sniff(resp.content, resp.content_type)
        if kind == "binary":
            self._skip(report, url, f"{url}: not a web page or feed ({resp.content_type or 'binary content'})")
            return
        if kind in {"feed", "opml"}:
            try:
                if kind == "opml":
                    entries = [(u, None) for u in parse_opml(resp.content, url)]
                else:
                    entries = [(e.url, e) for e in parse_feed(resp.content, resp.url).entries]
            except InputError as err:
                self._skip(report, url, str(err))
                return
            if kind == "opml" and depth == 0:
                for u, _ in entries:
                    yield from self._expand_url(u, report, depth + 1)
            else:
                for u, e in entries:
                    if not self.store.find_article(canonical_url=canonical_url(u)):
                        yield u, (u, e)
            # Remember validators only once the entries are handed on (they are stored before the next poll).
            self._validators[url] = (resp.headers.get("etag"), resp.headers.get("last-modified"), resp.status)
            return
        yield url, ("page", resp)

    def _expand_path(self, item: str, report: IngestReport) -> Iterator[tuple[str, object]]:
        p = Path(item)
        if not p.exists():
            self._skip(report, item, f"{item}: no such file or folder")
            return
        files = sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")) if p.is_dir() else [p]
        for f in files:
            suffix = f.suffix.lower()
            try:
                raw = f.read_bytes()
                if suffix == ".opml" or (suffix in {".xml", ".rss", ".atom"} and sniff(raw) in {"opml", "feed"}):
                    if sniff(raw) == "opml":
                        for u in parse_opml(raw, str(f)):
                            yield from self._expand_url(u, report)
                    else:
                        for e in parse_feed(raw, str(f)).entries:
                            if _is_url(e.url):
                                yield e.url, (e.url, e)
                    continue
                text, _ = decode_text(raw, str(f))
                lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
                if suffix in {".txt", ".urls", ""} and lines and all(_is_url(ln) for ln in lines):
                    for u in lines:  # a file of URLs
                        yield from self._expand_url(u, report)
                    continue
                arts, warnings = read_articles([f], skip_invalid=self.skip_invalid)
                for w in warnings:
                    if isinstance(w, Skipped):
                        self._skip(report, w.item, str(w))
                    else:
                        self._warn(report, str(f), w)
                for a in arts:
                    yield f"{f}:{a.id}" if len(arts) > 1 else str(f), a
            except (InputError, OSError) as err:
                self._skip(report, str(f), str(err) if isinstance(err, InputError) else f"{f}: {err}")

    def _materialize(self, what: object) -> Article:
        """Fetch and extract a page when needed (runs in worker threads)."""
        if isinstance(what, Article):
            return what
        if isinstance(what, tuple) and what[0] == "page":
            resp = what[1]
            return page_article(resp.content, resp.url)
        url, entry = what  # type: ignore[misc]
        resp = self.fetcher.get(url)
        if sniff(resp.content, resp.content_type) != "html":
            raise FetchError(f"{url}: not an HTML page ({resp.content_type or 'unknown type'})")
        return page_article(
            resp.content,
            resp.url,
            title=getattr(entry, "title", None),
            published=getattr(entry, "published", None),
        )

    # -- articles -> store -------------------------------------------------------------------------
    def _store_chunk(
        self, chunk: Sequence[tuple[str, Article]], preps: Sequence[Prepared], report: IngestReport
    ) -> None:
        """Store a chunk in input order, in one transaction (one commit per chunk, not per article).

        Events are sent once the chunk is committed: what is reported stored is in the store.  A
        failure rolls the chunk back and ends the run; ingesting the same input again stores the rest.
        """
        events: list[tuple[str, str, object]] = []
        with self.store.transaction() as tx:
            for (label, article), prep in zip(chunk, preps, strict=True):
                events.append(self._store_one(tx, label, article, prep, report))
        if self.on_event:
            for event in events:
                self.on_event(*event)

    def _store_one(
        self, tx: Transaction, label: str, article: Article, prep: Prepared, report: IngestReport
    ) -> tuple[str, str, object]:
        if prep.signature is None or prep.features is None:
            reason = f"{label}: too little text to be an article ({prep.words} words)"
            report.skipped.append((label, reason))
            return "skipped", label, reason
        key = canonical_url(article.url) if article.url else None
        sig = prep.signature
        found = tx.find_article(canonical_url=key, text=article.text)
        earlier = [found] if found is not None else []
        earlier += [k for k in self.index.matches(sig) if k != found]
        copy_of, update_of = copy_or_update(article.text, [(k, tx.article_text(k) or "") for k in earlier])
        if copy_of is not None:
            tx.credit_outlet(copy_of, article.outlet, article.url)
            report.duplicates.append((label, copy_of))
            return "duplicate", label, copy_of
        now = time.time()
        when = epoch(article.published)
        if when is None:  # clustered as published now; the report says so
            when = now
            report.undated.append(label)
        f = prep.features
        if update_of is not None:  # the same report with other figures: its own article, in the same story
            proposal, story = None, tx.story_of(update_of)
        else:
            proposal = self.clusterer.propose(f, when)
            story = None if proposal.new else proposal.story
        merged = proposal.merged if proposal is not None else ()
        saved = tx.save_article(
            article, story_id=story, merge=merged, canonical_url=key, minhash=sig.to_bytes(), update_of=update_of
        )
        self.clusterer.commit(f, saved.story_id, merged=merged, when=when)
        self.index.insert(saved.article_id, sig)
        report.stored.append((saved.article_id, saved.story_id))
        if update_of is not None:
            report.updates.append((saved.article_id, update_of))
        return "stored", saved.article_id, saved.story_id

    def _fetched(
        self, pending: Iterable[tuple[str, Future[Article]]], report: IngestReport
    ) -> Iterator[tuple[str, Article]]:
        for label, future in pending:
            try:
                yield label, future.result()
            except (InputError, NewsfuseError) as err:
                self._skip(report, label, str(err))
            except Exception as err:  # a third-party extractor on a hostile page: skip it, go on
                self._skip(report, label, f"{label}: could not be read ({_brief(err)})")

    def _prepared(
        self, chunk: Sequence[tuple[str, Article]], report: IngestReport
    ) -> tuple[list[tuple[str, Article]], list[Prepared]]:
        """The chunk's signatures and features; should that fail, article by article, leaving out (with a
        one-line reason) any article that the embedder or tokenizer cannot take."""
        try:
            return list(chunk), prepare_articles([a for _, a in chunk], self.clusterer, self.index)
        except Exception:  # one article must not cost the chunk: find it, one by one, below
            pass
        kept, preps = [], []
        for label, article in chunk:
            try:
                preps.extend(prepare_articles([article], self.clusterer, self.index))
                kept.append((label, article))
            except Exception as err:
                self._skip(report, label, f"{label}: could not be processed ({_brief(err)})")
        return kept, preps

    def _prepared_on_engine(self, chunks: list[list[tuple[str, Article]]]) -> Iterator[list[Prepared]]:
        from functools import partial

        name, workers = self.engine  # type: ignore[misc]
        factory = partial(
            PrepareArticles,
            embedder=_embedder_name(self.clusterer),
            head_words=self.clusterer.head_words,
            embed_words=self.clusterer.embed_words,
            num_perm=self.index.num_perm,
            shingle=self.index.shingle,
        )
        with get_engine(name, workers, batch_size=1) as runner:
            yield from runner.map_items(factory, ([a for _, a in chunk] for chunk in chunks))

    def ingest(self, items: Sequence[str | Article]) -> IngestReport:
        report = IngestReport()
        self._validators = {}
        # Pages are fetched in parallel (per-host limits apply) but stored in input order: same input, same stories.
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            pending = [(label, pool.submit(self._materialize, what)) for label, what in self._expand(items, report)]
            if self.engine is None:  # in this process, each chunk stored as soon as it is fetched
                for chunk in batched(self._fetched(pending, report), CHUNK):
                    chunk, preps = self._prepared(chunk, report)
                    self._store_chunk(chunk, preps, report)
            else:
                chunks = list(batched(self._fetched(pending, report), CHUNK))
        if self.engine is not None:  # everything fetched first: the workers start once, for all of it
            for chunk, preps in zip(chunks, self._prepared_on_engine(chunks), strict=True):
                self._store_chunk(chunk, preps, report)
        for url, (etag, modified, status) in self._validators.items():
            self.store.set_fetch_state(url, etag=etag, last_modified=modified, status=status)
        return report


def ingest(
    items: Sequence[str | Article],
    store: Store,
    *,
    allow_private: bool | Collection[str] = False,
    clusterer: OnlineClusterer | None = None,
    on_event: Event | None = None,
    engine: str = "local",
    workers: int | None = None,
    skip_invalid: bool = False,
) -> IngestReport:
    """Fetch, deduplicate, cluster and store ``items``; see the module docstring.

    ``engine`` / ``workers``: compute the articles' signatures and features on that many local
    processes or Ray actors (``engine="ray"``); storing stays in this process, in input order, so
    the store ends up the same on every engine.  Then every article is read before the first is
    stored (a bulk load of files or JSONL), where in-process ingest stores each chunk of 256 as it
    arrives.  ``skip_invalid``: a malformed JSONL line is skipped (reported in ``skipped`` as
    ``file:line``) and the rest of its file stored; otherwise that file is skipped, naming the line.
    """
    hose = Firehose(
        store,
        allow_private=allow_private,
        clusterer=clusterer,
        on_event=on_event,
        engine=engine,
        engine_workers=workers,
        skip_invalid=skip_invalid,
    )
    try:
        return hose.ingest(items)
    finally:
        hose.close()


def _embedder_name(clusterer: OnlineClusterer) -> str | None:
    """The clusterer's embedder by name, as engine workers build their own (one built by hand cannot travel)."""
    embedder = clusterer.embedder
    if embedder is None:
        return None
    name = getattr(embedder, "name", None)  # the clusterer takes any object with ``embed``
    named = [n for n in EMBEDDERS if EMBEDDERS.factory(n) is not default_embedder]
    if name not in named:
        raise InputError(f"ingest on an engine needs a clusterer whose embedder is {', '.join(named)} or None")
    return name


def _brief(err: BaseException) -> str:
    """``Type: first line of the message`` (at most 160 characters), for a one-line reason."""
    first = (str(err).splitlines() or [""])[0][:160]
    return f"{type(err).__name__}: {first}" if first else type(err).__name__

