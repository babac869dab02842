"""What the web app does besides HTTP: read inputs, summarize off the event loop, cache results.

Everything here is plain Python (no FastAPI), so the routes stay thin and the
limits (sizes, counts, time) live in one :class:`Limits` object.

>>> from newsfuse.web.service import Limits, articles_from_texts
>>> [a.id for a in articles_from_texts(["Kim left Beijing on Wednesday.", "  "], Limits())]
['text-1']
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import pickle
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any, TypeVar

from ..errors import InputError, NewsfuseError
from ..service import cross_source_report, make_pipeline, summarize_analysed
from ..state import StoryState
from ..types import Article, Story

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    """Bounds on what one request may ask for; exceeding one is a 4xx with a message, never a crash."""

    max_body_bytes: int = 8 * 1024 * 1024  # whole request, JSON or multipart
    max_file_bytes: int = 2 * 1024 * 1024  # one uploaded file
    max_paste_bytes: int = 2 * 1024 * 1024  # the home page's paste box (and its links box), UTF-8
    max_files: int = 20
    max_texts: int = 50  # texts + articles + files + URLs in one request
    max_text_chars: int = 500_000
    max_urls: int = 20
    max_words: int = 1000
    timeout_s: float = 30.0  # one summarize/ingest request
    max_pending: int = 16  # summarize/ingest jobs running or waiting before answering 503
    max_pending_reads: int = 256  # reads of stored or ad-hoc stories running or waiting before answering 503


def human_bytes(n: float) -> str:
    """A size for people: ``2 MB``, ``1.5 MB``, ``9.8 kB``, ``512 bytes`` (1 MB = 1,048,576 bytes).

    >>> human_bytes(2 * 1024 * 1024), human_bytes(1.5 * 2**20), human_bytes(10_000), human_bytes(512)
    ('2 MB', '1.5 MB', '9.8 kB', '512 bytes')
    """
    for unit, size in (("MB", 2**20), ("kB", 2**10)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{int(n)} bytes"


class BusyError(NewsfuseError):
    """Too many requests are already waiting; ``retry_after`` (s) is when one would likely be taken."""

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))


class TimeoutExceeded(NewsfuseError):
    """The work of one request took longer than ``Limits.timeout_s``."""


class LRU:
    """A small thread-safe least-recently-used map (the caches of the app)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


def safe_name(name: str | None, default: str) -> str:
    """The last component of an uploaded file name, never a path (``../../etc/passwd`` -> ``passwd``).

    >>> safe_name("../../etc/passwd", "file-1"), safe_name("C:\\\\x\\\\a.txt", "f"), safe_name("..", "f")
    ('passwd', 'a.txt', 'f')
    """
    if not name:
        return default
    base = PureWindowsPath(PurePosixPath(name).name).name.strip()
    base = "".join(ch for ch in base if ch.isprintable())[:120]
    return base if base not in {"", ".", ".."} else default


def articles_from_texts(texts: Sequence[str], limits: Limits) -> list[Article]:
    """One article per non-blank pasted text, ids ``text-1``, ``text-2`` ..."""
    from ..inputs.readers import article_from_text

    out = []
    for k, text in enumerate(texts, 1):
        if len(text) > limits.max_text_chars:
            raise InputError(f"text {k} has {len(text)} characters; the limit is {limits.max_text_chars}")
        if text.strip():
            out.append(article_from_text(text, f"text-{k}"))
    return out


def articles_from_file(name: str, data: bytes, limits: Limits) -> tuple[list[Article], list[str]]:
    """Articles held in one uploaded file (text, HTML or JSONL), read as the CLI reads files."""
    from ..inputs import decode_text
    from ..inputs.readers import articles_from_text

    if len(data) > limits.max_file_bytes:
        raise InputError(f"{name}: over {human_bytes(limits.max_file_bytes)}, the limit per file; split it")
    text, warning = decode_text(data, name)
    articles, warnings = articles_from_text(text, name, "auto", path=name)
    return articles, [warning, *warnings] if warning else warnings


def split_pasted(text: str) -> list[str]:
    """Texts pasted in one box, articles separated by a line of three or more dashes.

    >>> split_pasted("One.\\n---\\nTwo.\\n")
    ['One.', 'Two.']
    """
    parts: list[list[str]] = [[]]
    for line in text.splitlines():
        if len(line.strip()) >= 3 and set(line.strip()) == {"-"}:
            parts.append([])
        else:
            parts[-1].append(line)
    return [t for t in ("\n".join(p).strip() for p in parts) if t]


def fetch_articles(
    urls: Sequence[str], *, allow_private: bool, timeout_s: float = 10.0, max_bytes: int = 5 * 1024 * 1024
) -> tuple[list[Article], list[str]]:
    """Fetch article pages with ``newsfuse.fetch`` and extract their text (ids ``url-1``, ``url-2`` ...).

    Every hop, redirects included, goes through the SSRF guard ``check_url``: loopback, private,
    link-local and metadata addresses are refused unless ``allow_private``.  A URL that fails is
    skipped with a warning while at least one article remains.
    """
    from ..fetch import FetchConfig, Fetcher, page_article

    articles: list[Article] = []
    problems: list[str] = []
    config = FetchConfig(timeout=timeout_s, max_bytes=max_bytes, retries=0)
    with Fetcher(config, allow_private=allow_private) as fetcher:
        for k, url in enumerate(urls, 1):
            try:
                response = fetcher.get(url)
                articles.append(replace(page_article(response.content, response.url), id=f"url-{k}"))
            except InputError as err:
                problems.append(str(err))
    if problems and not articles:
        raise InputError("; ".join(problems))
    return articles, [f"skipped {p}" for p in problems]


class Lane:
    """A worker pool with a bounded queue: past ``max_pending`` jobs, work is refused with :class:`BusyError`.

    Threads by default; ``processes=True`` runs jobs in child processes (functions and arguments must
    then pickle), started with ``initializer(*initargs)``.  The error carries ``retry_after``: the time
    the jobs ahead would take at the recent pace (a moving average of run times), at least 1 s.

    >>> lane = Lane("demo", workers=1, max_pending=2, timeout_s=5)
    >>> asyncio.run(lane.run(sum, [1, 2])), lane.retry_after()
    (3, 1)
    >>> lane.close()
    """

    def __init__(
        self,
        name: str,
        workers: int,
        max_pending: int,
        timeout_s: float,
        *,
        processes: bool = False,
        initializer: Callable[..., None] | None = None,
        initargs: tuple = (),
    ) -> None:
        self.name = name
        self.workers = max(1, workers)
        self.max_pending = max_pending
        self.timeout_s = timeout_s
        self.processes = processes
        self._init = (initializer, initargs)
        self._pool = self._new_pool()
        self._pending = 0
        self._lock = threading.Lock()
        self._seconds = 1.0  # moving average of a job's run time (not counting its wait)
        self._since: dict[object, float] = {}  # when each job in the lane arrived

    def _new_pool(self) -> Executor:
        if self.processes:
            import multiprocessing

            initializer, initargs = self._init
            return ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),  # never fork a server that runs threads
                initializer=initializer,
                initargs=initargs,
            )
        return ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix=f"newsfuse-{self.name}")

    @property
    def pending(self) -> int:
        return self._pending

    def expected_wait(self, pending: int | None = None) -> float:
        """Seconds a job arriving now would likely take to finish, at the recent pace of this lane."""
        ahead = self._pending if pending is None else pending
        return (ahead // self.workers + 1) * self._seconds

    def retry_after(self) -> int:
        """Seconds after which a new job would likely be taken (at least 1)."""
        return max(1, math.ceil(self._pending * self._seconds / self.workers))

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run blocking ``fn(*args)`` in the pool, bounded in queue length and time.

        Refused at once (:class:`BusyError`) when ``max_pending`` jobs are waiting, or, with every worker
        taken, when the jobs ahead would likely keep this one past ``timeout_s`` or the oldest job has been
        in the lane for a third of it (the machine is starved): a prompt 503 rather than a late 504.
        """
        now = time.monotonic()
        with self._lock:
            oldest = min(self._since.values(), default=now)
            if self._pending >= self.max_pending or (
                self._pending >= self.workers
                and (self.expected_wait() > self.timeout_s or now - oldest > self.timeout_s / 3)
            ):
                raise BusyError(
                    f"{self._pending} {self.name} requests are already waiting; try again in a few seconds",
                    retry_after=self.retry_after(),
                )
            self._pending += 1
            ticket = object()
            self._since[ticket] = now
        pool = self._pool
        try:
            job = None
            try:
                job = pool.submit(_timed_call, fn, *args)
                seconds, result = await asyncio.wait_for(asyncio.wrap_future(job), self.timeout_s)
            except TimeoutError:
                with self._lock:  # it took at least that long: the pace to expect
                    self._seconds = 0.8 * self._seconds + 0.2 * self.timeout_s
                if job is not None and job.cancelled():  # it never left the queue: the lane is busy
                    raise BusyError(
                        f"the {self.name} queue did not reach this request within {self.timeout_s:g} s; "
                        "try again later",
                        retry_after=self.retry_after(),
                    ) from None
                raise TimeoutExceeded(
                    f"the request took longer than {self.timeout_s:g} s; send fewer or shorter articles"
                ) from None
            except BrokenExecutor:  # a worker process died (killed, out of memory): start afresh
                with self._lock:
                    if self._pool is pool:
                        self._pool = self._new_pool()
                pool.shutdown(wait=False, cancel_futures=True)
                raise BusyError(f"a {self.name} worker stopped and was restarted; try again", retry_after=2) from None
            with self._lock:
                self._seconds = 0.8 * self._seconds + 0.2 * seconds
            return result
        finally:
            with self._lock:
                self._pending -= 1
                del self._since[ticket]

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _timed_call(fn: Callable[..., T], *args: Any) -> tuple[float, T]:
    """``fn(*args)`` and the seconds it ran, measured where it ran (a worker thread or process)."""
    t0 = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - t0, result


# The pipeline of a jobs-lane worker process (state of that child process only, never of the server).
_WORKER: dict[str, Any] = {}


def _worker_init(factory: Callable[[], Any] | None, niceness: int, server_pid: int) -> None:
    """Start a jobs-lane process: lower its CPU priority, so that the server's reads come first, keep its
    numeric libraries to one thread (the lane's size is the number of cores it may take), and end it
    when the server process is gone (however it ended)."""
    import contextlib

    from threadpoolctl import threadpool_limits

    if niceness:
        # Its own session, at a low weight: where the kernel shares CPU time out by session (autogroup),
        # a child in the server's session would spend the server's share, whatever its nice value.
        with contextlib.suppress(OSError):
            os.setsid()
        with contextlib.suppress(OSError), open("/proc/self/autogroup", "w") as group:
            group.write(str(niceness))  # that session's weight against others (Linux autogroup)
        with contextlib.suppress(OSError):
            os.nice(niceness)
    _WORKER["threads"] = threadpool_limits(limits=1)
    _WORKER["factory"] = factory
    threading.Thread(target=_exit_with, args=(server_pid,), daemon=True, name="newsfuse-watch-server").start()


def _exit_with(server_pid: int, every_s: float = 1.0) -> None:
    """End this process once its parent ``server_pid`` has ended (the worker is then re-parented)."""
    while os.getppid() == server_pid:
        time.sleep(every_s)
    os._exit(0)


def _worker_pipeline() -> Any:
    pipeline = _WORKER.get("pipeline")
    if pipeline is None:
        factory = _WORKER.get("factory") or make_pipeline
        pipeline = _WORKER["pipeline"] = factory()
    return pipeline


def summary_of(pipeline: Any, found: StoryState, words: int, warnings: Sequence[str]) -> Story:
    """The summary of an analysed story at ``words``: input warnings first, an empty summary explained."""
    return summarize_analysed(pipeline, found, words, warnings=warnings, explain_empty=True)


def story_body(
    pipeline: Any, found: StoryState, words: int, warnings: Sequence[str], cross: dict[str, Any] | None
) -> bytes:
    """The story JSON of an analysed story at ``words`` (with ``analysis`` when ``cross`` is given)."""
    story = summary_of(pipeline, found, words, warnings)
    return story_json(story, **({"analysis": cross} if cross is not None else {}))


def cross_source_json(found: StoryState) -> dict[str, Any]:
    """The cross-source analysis as JSON."""
    return cross_source_report(found).to_dict()


def new_story_job(
    articles: list[Article], words: int, analysis: bool, warnings: list[str]
) -> tuple[bytes, bytes, dict[str, Any] | None]:
    """In a jobs-lane worker: analyse new articles, summarize them, and the cross-source analysis if asked.

    The working state comes back pickled: the server keeps it as one bytes object (read again only when
    someone moves that story's slider), not as thousands of objects for its garbage collector to walk.
    """
    pipeline = _worker_pipeline()
    found = pipeline.analyse(articles)
    cross = cross_source_json(found) if analysis else None
    packed = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
    return story_body(pipeline, found, words, warnings, cross), packed, cross


class Summarizer:
    """Runs the pipeline off the event loop, caching working states and summaries.

    Work goes to one of three lanes, so that reads never queue behind summaries:

    - ``jobs`` (``workers`` child processes at a lower CPU priority, ``Limits.max_pending``): summaries of
      posted articles and URL fetches.  Processes, so that their CPU work never holds the server's GIL.
      ``processes=False`` runs them in threads instead (then ``pipeline_factory`` need not pickle).
    - ``ingest`` (one thread, ``Limits.max_pending``): adding articles to the store.
    - ``reads`` (``read_workers`` threads, ``Limits.max_pending_reads``): the pages and summaries of stories
      already known, stored or ad hoc; with the story's state cached this is only selection (a few ms).

    The expensive part of a story (split, embed, align) is cached per key as a
    :class:`StoryState`, computed once even when many readers ask at the same time;
    a summary of another length is then only selection, cheap enough for a slider.
    Finished summaries are cached as JSON bytes.  Keys starting with ``"read"`` (ad-hoc
    stories) have their own state cache, so a stream of pasted stories never evicts
    the stored stories' states.
    """

    def __init__(
        self,
        limits: Limits,
        pipeline_factory: Callable[[], Any] | None = None,
        workers: int = 2,
        read_workers: int = 2,
        *,
        processes: bool = True,
        niceness: int = 10,
    ) -> None:
        self.limits = limits
        self._factory = pipeline_factory
        self._local = threading.local()
        self.jobs = Lane(
            "summarize",
            workers,
            limits.max_pending,
            limits.timeout_s,
            processes=processes,
            initializer=_worker_init,
            initargs=(pipeline_factory, niceness, os.getpid()),
        )
        self.ingests = Lane("ingest", 1, limits.max_pending, limits.timeout_s)
        self.reads = Lane("read", read_workers, limits.max_pending_reads, limits.timeout_s)
        self.states = LRU(32)  # a big story's state holds a similarity matrix of up to ~25 MB
        self.read_states = LRU(32)
        self.summaries = LRU(1024)
        self.crosses = LRU(64)
        self.parts = LRU(4096)  # summaries without sources: small, one per (story, words)
        self._key_locks = LRU(1024)
        self._key_locks_lock = threading.Lock()

    def pipeline(self) -> Any:
        """One pipeline per worker thread: stages keep no state between stories, but models load once each."""
        p = getattr(self._local, "pipeline", None)
        if p is None:
            p = (self._factory or make_pipeline)()
            self._local.pipeline = p
        return p

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` in the jobs lane (with processes, ``fn`` and ``args`` must pickle)."""
        return await self.jobs.run(fn, *args)

    async def ingest(self, fn: Callable[..., T], *args: Any) -> T:
        """Run blocking ``fn(*args)`` in the ingest lane."""
        return await self.ingests.run(fn, *args)

    async def new_story(
        self, key: Hashable, articles: Sequence[Article], words: int, analysis: bool, warnings: Sequence[str]
    ) -> bytes:
        """The first summary of new articles, made in the jobs lane; its working state is kept for later reads."""
        body, packed, cross = await self.jobs.run(new_story_job, list(articles), words, analysis, list(warnings))
        self._state_cache(key).put(key, packed)
        if cross is not None:
            self.crosses.put(key, cross)
        self.summaries.put((key, words, analysis), body)
        return body

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        """Run blocking ``fn(*args)`` in the reads lane (stories already known)."""
        return await self.reads.run(fn, *args)

    def _state_cache(self, key: Hashable) -> LRU:
        return self.read_states if isinstance(key, tuple) and key[:1] == ("read",) else self.states

    def _key_lock(self, key: Hashable) -> threading.Lock:
        with self._key_locks_lock:
            lock = self._key_locks.get(key)
            if lock is None:
                lock = threading.Lock()
                self._key_locks.put(key, lock)
            return lock

    def has_state(self, key: Hashable) -> bool:
        return self._state_cache(key).get(key) is not None

    def state(self, key: Hashable, articles: Sequence[Article] | Callable[[], Sequence[Article]]) -> StoryState:
        """The cached working state of ``key``, else computed (once: concurrent callers wait for the first)."""
        cache = self._state_cache(key)
        cached = cache.get(key)
        if cached is None:
            with self._key_lock(key):
                cached = cache.get(key)
                if cached is None:
                    cached = self.pipeline().analyse(articles() if callable(articles) else articles)
                    cache.put(key, cached)
        return pickle.loads(cached) if isinstance(cached, bytes) else cached

    def cross_source(self, key: Hashable, found: StoryState) -> dict[str, Any]:
        """The cross-source analysis as JSON, cached per key."""
        hit = self.crosses.get(key)
        if hit is None:
            hit = cross_source_json(found)
            self.crosses.put(key, hit)
        return hit

    def summary_json(
        self,
        key: Hashable,
        articles_fn: Callable[[], Sequence[Article]],
        words: int,
        *,
        analysis: bool = False,
        warnings: Sequence[str] = (),
    ) -> bytes:
        """The story JSON (``Story.to_dict``, plus ``analysis`` if asked), cached per ``(key, words, analysis)``.

        ``warnings`` (from reading the inputs) go first in the story's warnings; an empty summary
        of a story that has sentences says why (the budget is below the shortest sentence).
        """
        hit = self.summaries.get((key, words, analysis))
        if hit is not None:
            return hit
        found = self.state(key, articles_fn)
        cross = self.cross_source(key, found) if analysis else None
        body = story_body(self.pipeline(), found, words, warnings, cross)
        self.summaries.put((key, words, analysis), body)
        return body

    def cached(self, key: Hashable, words: int, analysis: bool, only: bool) -> bytes | None:
        """A finished answer from the caches, or None."""
        return self.parts.get((key, words)) if only else self.summaries.get((key, words, analysis))

    def summary_only_json(
        self, key: Hashable, articles_fn: Callable[[], Sequence[Article]], words: int, warnings: Sequence[str] = ()
    ) -> bytes:
        """Only ``sentences``, ``words`` and ``warnings`` (what a length slider needs), cached per ``(key, words)``."""
        hit = self.parts.get((key, words))
        if hit is None:
            full = self.summaries.get((key, words, False)) or self.summaries.get((key, words, True))
            if full is not None:
                d = json.loads(full)
            else:  # only the summary: no need to write out (and read back) every source text
                story = summary_of(self.pipeline(), self.state(key, articles_fn), words, warnings)
                d = story.to_dict()
            hit = json.dumps({k: d[k] for k in ("sentences", "words", "warnings")}, ensure_ascii=False).encode()
            self.parts.put((key, words), hit)
        return hit

    def close(self) -> None:
        self.jobs.close()
        self.ingests.close()
        self.reads.close()


def story_json(story: Story, **extra: Any) -> bytes:
    return json.dumps({**story.to_dict(), **extra}, ensure_ascii=False).encode("utf-8")


@dataclass
class Read:
    """A story summarized from pasted texts, uploads or URLs (not in the store), kept for its page."""

    token: str
    articles: list[Article]
    warnings: list[str]


class Reads:
    """Recent ad-hoc stories by unguessable token, bounded in number (oldest dropped first)."""

    def __init__(self, size: int = 100) -> None:
        self.size = size
        self._lru = LRU(size)

    def add(self, articles: list[Article], warnings: list[str]) -> Read:
        read = Read(secrets.token_urlsafe(12), articles, warnings)
        self._lru.put(read.token, read)
        return read

    def get(self, token: str) -> Read | None:
        return self._lru.get(token)
