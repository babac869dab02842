"""Store stage: articles, outlets, stories, memberships and fetch state in SQLite or PostgreSQL.

``open_store()`` opens ``$NEWSFUSE_DATABASE_URL`` or, by default, ``newsfuse.db`` in the user data folder.
"""

from .sql import (
    FetchState,
    SavedArticle,
    Store,
    StoryInfo,
    Transaction,
    content_hash,
    default_url,
    iso,
    open_store,
    utc_now,
)

__all__ = [
    "FetchState",
    "SavedArticle",
    "Store",
    "StoryInfo",
    "Transaction",
    "content_hash",
    "default_url",
    "iso",
    "open_store",
    "utc_now",
]
