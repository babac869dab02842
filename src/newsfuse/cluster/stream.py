"""Dated article streams: publication times, publication order, and streams labelled with their true stories.

A labelled stream is JSONL in either of two forms, mixed freely:

* one article per line, ``{"id", "text", "published", ..., "story": "gold id"}``;
* one event per line, ``{"id": "gold id", "articles": [{"id", "text", "published", ...}, ...]}`` (the form
  of ``duc2004-dev/dev.jsonl``): every article of the line gets the line's ``id`` as its true story.

>>> epoch("1998-10-16"), epoch("Fri, 16 Oct 1998 12:00:00 GMT"), epoch("--")
(908496000.0, 908539200.0, None)
>>> from newsfuse.types import Article
>>> arts = [Article("a", "x", published="1998-10-17"), Article("b", "x"), Article("c", "x", published="1998-10-16")]
>>> [a.id for a in publication_order(arts)]
['c', 'a', 'b']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from ..errors import InputError
from ..inputs.readers import article_from_record
from ..types import Article


def epoch(published: str | None) -> float | None:
    """Seconds since 1970 of an ISO 8601 or RFC 2822 time (a date alone is midnight UTC); None if unreadable."""
    if not published or not isinstance(published, str):
        return None
    text = published.strip()
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).timestamp()


def stream_times(articles: Sequence[Article]) -> list[float | None]:
    """Each article's publication time in seconds (None where it has no readable ``published``)."""
    return [epoch(a.published) for a in articles]


def publication_order(articles: Sequence[Article]) -> list[Article]:
    """The articles by publication time (stable); one without a time keeps the place of the article before it.

    An undated article is sorted with the time of the dated article before it in input order (at the
    start: the first dated one), so it stays next to its neighbours rather than moving to an end.
    """
    times = stream_times(articles)
    first = next((t for t in times if t is not None), 0.0)
    key, last = [], first
    for t in times:
        last = last if t is None else t
        key.append(last)
    order = sorted(range(len(articles)), key=key.__getitem__)
    return [articles[i] for i in order]


def read_labelled_stream(paths: Iterable[str | Path], gold: str = "story") -> list[Article]:
    """Articles of labelled JSONL files (see the module docstring), in file order, each with ``extra[gold]``.

    Raises :class:`InputError` naming the file and line of a malformed line, and of an article without
    a true story.
    """
    out: list[Article] = []
    seen: set[str] = set()
    for path in paths:
        p = Path(path)
        try:
            lines = p.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"{p}: cannot read it ({err})") from None
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{p}:{n}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"{where}: not JSON ({err.msg})") from None
            if not isinstance(record, dict):
                raise InputError(f"{where}: expected a JSON object")
            if isinstance(record.get("articles"), list):
                event = record.get("id", record.get(gold))
                if event is None:
                    raise InputError(f"{where}: an event line needs an 'id' (its true story)")
                for k, item in enumerate(record["articles"]):
                    if not isinstance(item, dict):
                        raise InputError(f"{where}: article {k} is not a JSON object")
                    art = article_from_record(item, f"{event}-{k}", f"{where} article {k}")
                    if art.id in seen:  # events may reuse article ids (D1, D2 ...): the event makes them unique
                        art = replace(art, id=f"{event}-{art.id}")
                    art.extra[gold] = str(event)
                    seen.add(art.id)
                    out.append(art)
            else:
                art = article_from_record(record, f"{p.stem}-{n}", where)
                if gold not in art.extra:
                    raise InputError(f"{where}: article {art.id!r} has no {gold!r} label")
                art.extra[gold] = str(art.extra[gold])
                seen.add(art.id)
                out.append(art)
    return out
