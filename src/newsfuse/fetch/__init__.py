"""Fetch stage: HTTP with limits and an SSRF guard, feeds and OPML (feedparser), pages (trafilatura)."""

from .feeds import Feed, FeedEntry, page_article, parse_feed, parse_opml, sniff
from .http import USER_AGENT, BlockedURLError, FetchConfig, Fetcher, FetchError, Response, check_url

__all__ = [
    "USER_AGENT",
    "BlockedURLError",
    "Feed",
    "FeedEntry",
    "FetchConfig",
    "FetchError",
    "Fetcher",
    "Response",
    "check_url",
    "page_article",
    "parse_feed",
    "parse_opml",
    "sniff",
]
