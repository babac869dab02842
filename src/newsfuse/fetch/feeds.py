"""Feeds (RSS 0.9x/1.0/2.0, Atom via feedparser), OPML lists of feeds, and article pages (trafilatura).

>>> rss = b'''<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
... <item><title>One</title><link>https://example.org/1?utm_source=rss</link></item>
... <item><title>One again</title><link>https://example.org/1</link></item></channel></rss>'''
>>> [e.url for e in parse_feed(rss, "https://example.org/feed").entries]
['https://example.org/1?utm_source=rss']
>>> parse_opml(b'<opml><body><outline text="A" xmlUrl="https://a.example/rss"/></body></opml>', "list.opml")
['https://a.example/rss']
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin

from ..dedup import canonical_url
from ..errors import InputError
from ..inputs import article_from_html, decode_text, feed_kind, looks_binary, repair_char_refs
from ..types import Article, repair_text


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: list[FeedEntry]


def sniff(content: bytes, content_type: str = "") -> str:
    """``feed``, ``opml``, ``html`` or ``binary`` from the body (and the declared type)."""
    kind = feed_kind(content[:4096].decode("latin-1"))
    if kind:
        return kind
    if any(t in content_type for t in ("rss", "atom")):
        return "feed"
    if content_type.startswith(("image/", "audio/", "video/", "font/")) or content_type in {
        "application/pdf",
        "application/octet-stream",
        "application/zip",
    }:
        return "binary"
    if looks_binary(content[:8192]):
        return "binary"
    return "html"


def parse_feed(content: bytes, url: str) -> Feed:
    """The entries of an RSS/Atom feed, each link once (canonical URL), in feed order."""
    import feedparser

    try:
        parsed = feedparser.parse(repair_char_refs(content))
    except Exception as err:  # a third-party parser on hostile bytes: one bad feed never stops a run
        raise InputError(f"{url}: malformed feed ({type(err).__name__})") from None
    if parsed.get("bozo") and not any(e.get("link") for e in parsed.entries):
        err = parsed.get("bozo_exception")
        first = (str(err).splitlines() or [""])[0] if err else ""
        raise InputError(f"{url}: malformed feed ({type(err).__name__}: {first})")
    if not parsed.get("version") and not parsed.entries:
        raise InputError(f"{url}: not an RSS or Atom feed")
    seen: set[str] = set()
    entries = []
    for e in parsed.entries:
        link = repair_text(e.get("link") or "")
        if not link:
            continue
        try:
            link = urljoin(url, link) if url.startswith("http") else link
        except ValueError:  # a link no URL parser reads ("http://[::1"): not an article to fetch
            continue
        key = canonical_url(link)
        if key in seen:  # a feed that lists the same item twice
            continue
        seen.add(key)
        title, published = e.get("title"), e.get("published") or e.get("updated")
        entries.append(FeedEntry(url=link, title=_text(title), published=_text(published)))
    return Feed(title=_text(parsed.feed.get("title")), entries=entries)


def _text(value: object) -> str | None:
    return repair_text(value) if isinstance(value, str) else None


def parse_opml(content: bytes, where: str) -> list[str]:
    """The feed URLs (``xmlUrl``) of an OPML list, in order, each once."""
    try:
        root = ET.fromstring(repair_char_refs(content))
    except (ET.ParseError, LookupError, ValueError) as err:  # LookupError: an encoding Python does not know
        raise InputError(f"{where}: malformed OPML ({(str(err).splitlines() or [''])[0][:200]})") from None
    urls = []
    for node in root.iter("outline"):
        u = (node.get("xmlUrl") or node.get("xmlurl") or "").strip()
        if u and u not in urls:
            urls.append(u)
    if not urls:
        raise InputError(f"{where}: OPML lists no feeds (no outline with an xmlUrl)")
    return urls


def page_article(content: bytes, url: str, *, title: str | None = None, published: str | None = None) -> Article:
    """The article on an HTML page: text, title, author, date and site name (trafilatura)."""
    html, _ = decode_text(content, url)
    art = article_from_html(html, canonical_url(url), url=url)
    from dataclasses import replace

    return replace(art, url=url, title=art.title or title, published=art.published or published)
