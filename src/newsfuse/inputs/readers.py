"""Readers: files, folders, JSONL, HTML, Multi-News lines and stdin become Articles.

Each reader is a small function returning plain :class:`~newsfuse.types.Article`
objects plus human-readable warnings for what it had to skip or repair.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..text.files import check_file
from ..types import Article, count_words, repair_value
from .decode import decode_text

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MULTINEWS_SEPARATORS = ("story_separator_special_tag", "|||||")
FORMATS = ("auto", "text", "html", "jsonl", "multinews")
# A two-article Multi-News line that batch workers summarize once as they start: the embedder's model
# and the lazily imported stages load then, not in the first batch.
WARM_UP_LINE = (
    "Officials said on Monday that heavy rain flooded the old town. ||||| "
    "Heavy rain flooded the old town on Monday, officials said."
)

_HEADLINE_END = re.compile(r"[.!?:;\"'”’)]\s*$")
# An XML declaration and comments may come before a feed's root element.
_FEED_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF|opml)\b", re.S | re.I)


def feed_kind(head: str) -> str | None:
    """``"feed"`` for an RSS/Atom/RDF document, ``"opml"`` for an OPML list of feeds, else None.

    Judged on the root element at the start of ``head`` (bytes may be passed decoded as Latin-1).

    >>> feed_kind('<?xml version="1.0"?><rss version="2.0"><channel/></rss>'), feed_kind("<html><body>Hi")
    ('feed', None)
    """
    m = _FEED_START.match(head[:4096])
    if not m:
        return None
    return "opml" if m.group(1).lower() == "opml" else "feed"


def guess_title(text: str) -> str | None:
    """The first line of ``text`` when it reads like a headline (short, no final stop)."""
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if len(line.split()) <= 25 and not _HEADLINE_END.search(line):
            return line
        return None
    return None


def article_from_text(text: str, id: str, *, path: str | None = None, title: str | None = None) -> Article:
    """An Article from plain text; the first line becomes the title when it looks like one."""
    return Article(id=id, text=text, title=title or guess_title(text), path=path)


def article_from_html(html: str, id: str, *, path: str | None = None, url: str | None = None) -> Article:
    """Extract the main text and metadata of an HTML page with trafilatura.

    Raises InputError when the page holds no article text.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if count_words(text) < 5:  # a menu or a cookie notice is not an article
        raise InputError(f"{path or id}: no article text found in this HTML page")
    return Article(
        id=id,
        text=text,
        title=getattr(doc, "title", None),
        source=getattr(doc, "sitename", None),
        url=getattr(doc, "url", None) or url,
        published=getattr(doc, "date", None),
        path=path,
        extra={"author": doc.author} if getattr(doc, "author", None) else {},
    )


_KNOWN_KEYS = ("id", "title", "text", "source", "url", "published")


def article_from_record(record: dict[str, Any], default_id: str, where: str) -> Article:
    """An Article from a JSON object with at least a ``text`` field; unknown keys go to ``extra``."""
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: JSON object has no string field 'text'")
    fields = {k: record.get(k) for k in _KNOWN_KEYS}
    return Article(
        id=str(fields["id"]) if fields["id"] is not None else default_id,
        text=text,
        title=_opt_str(fields["title"]),
        source=_opt_str(fields["source"]),
        url=_opt_str(fields["url"]),
        published=_opt_str(fields["published"]),
        extra={k: v for k, v in record.items() if k not in _KNOWN_KEYS},
    )


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


class Skipped(str):
    """A warning that one input item was left out (a malformed JSONL line); ``item`` names it (``file:line``).

    It is a plain ``str`` everywhere warnings are printed; the firehose reports the item as skipped.

    >>> w = Skipped("a.jsonl:3: invalid JSON (Expecting value)", "a.jsonl:3")
    >>> w.item, w.startswith("a.jsonl:3")
    ('a.jsonl:3', True)
    """

    item: str

    def __new__(cls, message: str, item: str) -> Skipped:
        self = super().__new__(cls, message)
        self.item = item
        return self

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return Skipped, (str(self), self.item)


def _json_record(line: str, where: str) -> tuple[dict[str, Any], int]:
    """The JSON object on one line, its strings repaired, and how many characters were replaced."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"{where}: invalid JSON ({err.msg})") from None
    except (ValueError, RecursionError) as err:  # a 5,000-digit number, arrays nested 100,000 deep
        raise InputError(f"{where}: invalid JSON ({str(err).splitlines()[0][:120] or type(err).__name__})") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    return repair_value(record)


def iter_jsonl(text: str, name: str, *, skip_invalid: bool = False) -> Iterator[tuple[Article | None, str | None]]:
    """Yield ``(article, warning)`` per non-blank JSONL line; bad lines raise or warn with their number.

    A skipped line gives ``(None, Skipped(...))``.  Characters that cannot be encoded (JSON's
    ``"\\ud800"``, ``"\\u0000"``) are replaced by U+FFFD, with a warning naming the line.

    >>> [(a.text, w) for a, w in iter_jsonl('{"text": "Kim\\\\ud800 left."}', "in.jsonl")] == [
    ...     ("Kim\\ufffd left.", "in.jsonl:1: 1 character that cannot be encoded (lone surrogate or NUL) "
    ...      "replaced with U+FFFD")]
    True
    """
    # Only "\n" ends a JSONL record: U+2028 and friends may sit raw inside JSON strings.
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            record, repaired = _json_record(line, where)
            article = article_from_record(record, str(lineno), where)
        except InputError as err:
            if not skip_invalid:
                raise InputError(f"{err} (use --skip-invalid to skip such lines)") from None
            yield None, Skipped(str(err), where)
            continue
        yield article, _repaired(where, repaired)


def _repaired(where: str, n: int) -> str | None:
    if not n:
        return None
    what = "character that cannot be encoded" if n == 1 else "characters that cannot be encoded"
    return f"{where}: {n} {what} (lone surrogate or NUL) replaced with U+FFFD"


def parse_multinews_line(line: str) -> list[Article]:
    """Split one Multi-News line into its articles (empty articles are dropped).

    >>> [a.text for a in parse_multinews_line("One. NEWLINE_CHAR Two. ||||| Three.")]
    ['One. \\n Two.', 'Three.']
    """
    line = line.rstrip("\n")
    parts = [line]
    for sep in MULTINEWS_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(sep)]
    articles = []
    for i, part in enumerate(parts):
        text = part.replace("NEWLINE_CHAR", "\n").strip()
        if text:
            articles.append(Article(id=f"{i:03d}", text=text))
    return articles


def parse_story_line(line: str) -> list[Article]:
    """The articles of one line of a one-story-per-line file: a JSON object with an ``articles`` list
    (each article an object as on a JSONL line: ``text``, and optionally ``id``, ``title``, ``source``,
    ``url``, ``published``), or else a Multi-News line (articles joined by ``|||||``).

    Articles without an ``id`` are named after the story's ``id`` and their place in it; empty ones
    are dropped.  Raises :class:`InputError` for an article that is not an object or has no text.

    >>> line = '{"id": "d1", "articles": [{"text": "Rain hit Paris.", "source": "AP", "published": "1998-10-16"}]}'
    >>> [(a.id, a.source, a.published) for a in parse_story_line(line)]
    [('d1-0', 'AP', '1998-10-16')]
    >>> [a.text for a in parse_story_line("Rain hit Paris. ||||| Rain fell.")]
    ['Rain hit Paris.', 'Rain fell.']
    """
    record = _story_record(line)
    if record is None:
        return parse_multinews_line(line)
    name = str(record["id"]) if record.get("id") is not None else "story"
    articles = []
    for k, item in enumerate(record["articles"]):
        if not isinstance(item, dict):
            raise InputError(f"story {name}: article {k} is not a JSON object")
        article = article_from_record(item, f"{name}-{k}", f"story {name}: article {k}")
        if article.text.strip():
            articles.append(article)
    return articles


def _story_record(line: str) -> dict[str, Any] | None:
    """The JSON object of a story line (one with an ``articles`` list), else None."""
    text = line.strip()
    if not text.startswith("{"):
        return None
    try:
        record = json.loads(text)
    except json.JSONDecodeError:
        return None
    return record if isinstance(record, dict) and isinstance(record.get("articles"), list) else None


def holds_stories(path: str | Path) -> bool:
    """Whether a JSONL file holds one story per line (its first line is an object with an ``articles`` list)."""
    p = Path(path)
    if p.suffix.lower() not in JSONL_SUFFIXES or not p.is_file():
        return False
    try:
        with open(p, encoding="utf-8", errors="replace") as fh:
            first = next((line for line in fh if line.strip()), "")
    except OSError:
        return False
    return _story_record(first) is not None


def iter_multinews(path: str | Path) -> Iterator[list[Article]]:
    """Stream a one-story-per-line file (Multi-News ``.src``, gzip too, or story JSONL): each line's articles."""
    import gzip

    p = Path(path)
    check_file(p)
    opener = gzip.open if p.suffix == ".gz" else open
    with opener(p, "rt", encoding="utf-8", errors="replace") as fh:  # type: ignore[operator]
        for line in fh:
            yield parse_story_line(line)


def detect_format(name: str, text: str) -> str:
    """Guess the format of one input from its name and first characters."""
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix == ".src" or any(sep in text[:200_000] for sep in MULTINEWS_SEPARATORS):
        return "multinews"
    head = text.lstrip()[:1000].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head:
        return "html"
    return "text"


def articles_from_text(
    text: str, name: str, fmt: str, *, path: str | None = None, skip_invalid: bool = False
) -> tuple[list[Article], list[str]]:
    """Read every article held in one decoded input."""
    if fmt == "auto" and (kind := feed_kind(text)):
        # Its items are other pages, often of many stories: ingest fetches them and groups them.
        what = "an RSS/Atom feed" if kind == "feed" else "an OPML list of feeds"
        ingest = f"`newsfuse ingest {name}`" if path else "`newsfuse ingest FILE` (saved to a file)"
        raise InputError(
            f"{name}: is {what}, not an article; store its articles as stories with "
            f"{ingest}, then `newsfuse stories` and `newsfuse summarize --story ID`"
        )
    fmt = detect_format(name, text) if fmt == "auto" else fmt
    stem = Path(name).stem if path else "stdin"
    if not text.strip():
        raise InputError(f"{name}: is empty")
    if fmt == "text":
        return [article_from_text(text, stem, path=path)], []
    if fmt == "html":
        return [article_from_html(text, stem, path=path)], []
    if fmt == "jsonl":
        articles, warnings = [], []
        for article, warning in iter_jsonl(text, name, skip_invalid=skip_invalid):
            if article is not None:
                articles.append(article if article.path else _with_path(article, path))
            if warning:
                warnings.append(warning)
        return articles, warnings
    if fmt == "multinews":
        articles = [a for line in text.split("\n") for a in parse_story_line(line)]
        return articles, []
    raise InputError(f"unknown input format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _with_path(article: Article, path: str | None) -> Article:
    from dataclasses import replace

    return replace(article, path=path) if path else article


def expand_paths(inputs: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus the readable files inside folders (sorted, hidden files skipped)."""
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
        if p.is_dir():
            inside = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and f.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
            )
            if not inside:
                raise InputError(f"{p}: folder has no .txt, .md, .html or .jsonl files")
            files.extend(inside)
        else:
            files.append(p)
    return files


def read_articles(
    inputs: Iterable[str | Path],
    input_format: str = "auto",
    *,
    stdin_text: str | None = None,
    skip_invalid: bool = False,
) -> tuple[list[Article], list[str]]:
    """Read all articles from paths, folders and ``-`` (stdin) as one story.

    Files that cannot be read (empty, binary, no article text) are skipped with
    a warning as long as at least one article remains; otherwise InputError
    says why each input failed.

    >>> arts, _ = read_articles(["examples/kim-jong-un-beijing"])  # doctest: +SKIP
    >>> [a.id for a in arts]  # doctest: +SKIP
    ['000', '002', '003']
    """
    if input_format not in FORMATS:
        raise InputError(f"unknown input format {input_format!r}; choose one of {', '.join(FORMATS)}")
    items = list(inputs)
    if not items:
        raise InputError("no input given: name files or folders, or '-' for stdin")
    articles: list[Article] = []
    warnings: list[str] = []
    problems: list[str] = []
    paths = [i for i in items if str(i) != "-"]
    sources: list[tuple[str, str | None, bytes | str]] = []
    if len(paths) != len(items):
        sources.append(("stdin", None, stdin_text if stdin_text is not None else ""))
    for f in expand_paths(paths):
        sources.append((str(f), str(f), f.read_bytes()))
    for name, path, raw in sources:
        try:
            if isinstance(raw, bytes):
                text, warning = decode_text(raw, name)
                if warning:
                    warnings.append(warning)
            else:
                text = raw
            got, more = articles_from_text(text, name, input_format, path=path, skip_invalid=skip_invalid)
            articles.extend(got)
            warnings.extend(more)
        except InputError as err:
            problems.append(str(err))
    if not articles:
        skipped = [w for w in warnings if isinstance(w, Skipped)]
        if skipped:  # every line malformed and skipped: say which and why (the first few)
            more = f"; and {len(skipped) - 3} more" if len(skipped) > 3 else ""
            problems.append("no article left after skipping " + "; ".join(skipped[:3]) + more)
        raise InputError("; ".join(problems) if problems else "no articles found in the input")
    warnings.extend(f"skipped {p}" for p in problems)
    return unique_ids(articles), warnings


def unique_ids(articles: list[Article]) -> list[Article]:
    """Make article ids unique by suffixing repeats (``003``, ``003-2``)."""
    from dataclasses import replace

    taken = {a.id for a in articles}
    used: set[str] = set()
    out = []
    for a in articles:
        new_id, n = a.id, 1
        # A suffixed id must not take the id of another article either.
        while new_id in used or (new_id != a.id and new_id in taken):
            n += 1
            new_id = f"{a.id}-{n}"
        used.add(new_id)
        out.append(a if new_id == a.id else replace(a, id=new_id))
    return out
